import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ConsentNotNeededReason, ConsentStatus, PartyRole, Relationship } from '@complaints/domain';
import type { Complaint } from './complaint.entity';

export interface PostalAddress {
  lines: string[];
  postcode: string;
}

/** A person on a complaint: personal data, kept only here (R-INT-8). */
@Entity()
export class ComplaintParty {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne('Complaint', 'parties', { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'complaint_id' })
  complaint!: Complaint;

  @Column({ type: 'varchar', length: 32 })
  role!: PartyRole;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'date', nullable: true })
  dateOfBirth!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  address!: PostalAddress | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  relationship!: Relationship | null;

  /** For the person affected when someone else complains for them (R-INT-5). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  consentStatus!: ConsentStatus | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  consentNotNeededReason!: ConsentNotNeededReason | null;
}
