import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A partner's decision on one version of the lead's draft: approved, or returned with comments (R-JOINT-5). */
@Entity()
@Unique(['jointCaseId', 'partnerCode', 'draftVersion'])
export class JointDraftDecision {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  jointCaseId!: string;

  @Column({ type: 'varchar', length: 8 })
  partnerCode!: string;

  @Column({ type: 'int' })
  draftVersion!: number;

  @Column({ type: 'varchar', length: 24 })
  decision!: 'approved' | 'changes-requested';

  @Column({ type: 'text', nullable: true })
  comments!: string | null;

  @Column({ type: 'varchar', length: 64 })
  decidedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  decidedAt!: Date;
}
