import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { InvestigationPlanContent } from '@complaints/domain';

/**
 * One saved version of the plan agreed with the person (R-INV-2), append-only. The workflow holds which version
 * was agreed; the words (how the person was affected, what they want) never leave Postgres.
 */
@Entity()
@Index(['complaintReference', 'version'], { unique: true })
export class InvestigationPlan {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  complaintReference!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'jsonb' })
  content!: InvestigationPlanContent;

  @Column({ type: 'varchar', length: 64 })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
