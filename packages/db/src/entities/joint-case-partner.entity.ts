import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { JointRole, SharingConsent } from '@complaints/domain';

/** One organisation's part in a joint case: its role, the issues that concern it, and consent to share with it. */
@Entity()
@Unique(['jointCaseId', 'partnerCode'])
export class JointCasePartner {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  jointCaseId!: string;

  @Column({ type: 'varchar', length: 8 })
  partnerCode!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: JointRole;

  /** The complaint's issues (complaint_issue ids) this organisation answers for; a partner sees only these. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  issueIds!: string[];

  /** Consent to share the person's information with this organisation (R-JOINT-2). */
  @Column({ type: 'varchar', length: 16, default: 'not-sought' })
  consent!: SharingConsent;

  @Column({ type: 'varchar', length: 64, nullable: true })
  consentRecordedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  consentRecordedAt!: Date | null;

  /** An organisation merely copied in records the day its copy arrived; it sends no acknowledgement (R-JOINT-2). */
  @Column({ type: 'date', nullable: true })
  copyReceivedOn!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  copyRecordedBy!: string | null;

  /** Its part resolved, the organisation withdrew (R-JOINT-7). */
  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  /** The lead went ahead without its part, for a partial response (R-JOINT-6): the letter says it follows. */
  @Column({ type: 'timestamptz', nullable: true })
  leftOutOfResponseAt!: Date | null;
}
