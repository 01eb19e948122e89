import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A partner's contribution to a joint response, one row per version (R-JOINT-4); the workflow holds only its version. */
@Entity()
@Unique(['jointCaseId', 'partnerCode', 'version'])
export class JointContribution {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  jointCaseId!: string;

  @Column({ type: 'varchar', length: 8 })
  partnerCode!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'text' })
  body!: string;

  /** R-JOINT-6: the late organisation's apology, in its later response. */
  @Column({ type: 'text', nullable: true })
  apology!: string | null;

  @Column({ type: 'varchar', length: 64 })
  submittedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  submittedAt!: Date;
}
