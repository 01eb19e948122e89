import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SurveyRespondent } from '@complaints/domain';

/**
 * One email inviting someone to the experience survey (ADR 0023), keyed like a letter (reference + step +
 * recipient) so a retried activity never sends it twice. It goes with its access link, so with the case file.
 */
@Entity()
export class ExperienceSurveyInvitation {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  idempotencyKey!: string;

  @Column({ type: 'uuid' })
  accessLinkId!: string;

  @Column({ type: 'varchar', length: 16 })
  respondent!: SurveyRespondent;

  /** `sending` until the SMTP server took it (`sent`) or refused it for good (`refused`). */
  @Column({ type: 'varchar', length: 16 })
  status!: 'sending' | 'sent' | 'refused';

  @Column({ type: 'varchar', length: 300 })
  messageId!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
