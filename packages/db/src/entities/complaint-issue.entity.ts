import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ClinicalSpecialty, ServiceArea, StaffGroup, SubjectArea } from '@complaints/domain';
import type { Complaint } from './complaint.entity';

/** One issue raised, stored verbatim in the person's own words and language (R-INT-2). */
@Entity()
export class ComplaintIssue {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne('Complaint', 'issues', { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'complaint_id' })
  complaint!: Complaint;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'text' })
  description!: string;

  /** R-MON-1 (KO41a): coded by staff for reporting; null until coded. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  subjectArea!: SubjectArea | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  serviceArea!: ServiceArea | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  staffGroup!: StaffGroup | null;

  /** KO41a section 6: the clinical area of a clinical-treatment issue (ADR 0029). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  clinicalSpecialty!: ClinicalSpecialty | null;
}
