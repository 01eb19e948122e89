import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One notice to a partner's complaints team, one row per step so it is never sent twice (R-JOINT-3). */
@Entity()
@Unique(['jointCaseId', 'step'])
export class JointNotification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  jointCaseId!: string;

  @Column({ type: 'varchar', length: 8 })
  partnerCode!: string;

  @Column({ type: 'varchar', length: 128 })
  step!: string;

  @Column({ type: 'varchar', length: 32 })
  notice!: string;

  @Column({ type: 'varchar', length: 24 })
  sentTo!: 'complaints-manager' | 'deputy';

  @Column({ type: 'varchar', length: 16 })
  status!: 'sending' | 'sent' | 'bounced';

  /** The complaints manager's address refused it, so it went to the deputy. */
  @Column({ type: 'boolean', default: false })
  managerBounced!: boolean;

  /** For a partner not on the system: the single-use link the notice carried. */
  @Column({ type: 'uuid', nullable: true })
  accessLinkId!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
