import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { ActionSource, ActionStatus } from '@complaints/domain';

/**
 * One action of a complaint's action plan (R-MON-1, R-RESP-4; ADR 0024): promised in the final response (written
 * by the worker when the response is sent, keyed by the workflow's action id), set from the complaint's learning, or
 * recommended by the Ombudsman (`ombudsman-<n>`, ADR 0031).
 * Open until done, with evidence, or cancelled, with a reason; an open action past its date is reminded to its
 * owner and escalated to the senior managers by the daily `action-reminders` Schedule.
 */
@Entity()
@Unique(['complaintReference', 'actionKey'])
export class CaseAction {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  complaintReference!: string;

  /** The action's id on the case: the final response's (`action-1`, `r2-action-1` in a later round) or `learning-<n>`. */
  @Column({ type: 'varchar', length: 64 })
  actionKey!: string;

  @Column({ type: 'varchar', length: 16 })
  source!: ActionSource;

  /** The learning point it came from, if any. */
  @Column({ type: 'uuid', nullable: true })
  learningPointId!: string | null;

  /** The Ombudsman's decision that recommended it, if any (ADR 0031). */
  @Column({ type: 'uuid', nullable: true })
  ombudsmanReferralId!: string | null;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'varchar', length: 64 })
  ownerId!: string;

  @Column({ type: 'date' })
  due!: string;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status!: ActionStatus;

  /** What shows the action was carried out: required to mark it done. */
  @Column({ type: 'text', nullable: true })
  evidence!: string | null;

  @Column({ type: 'text', nullable: true })
  cancelReason!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  closedBy!: string | null;

  /** London date it was done or cancelled. */
  @Column({ type: 'date', nullable: true })
  closedOn!: string | null;

  /** R-MON-4: the words "you said, we did" may publish for this done action, as a complaints manager approved them. */
  @Column({ type: 'text', nullable: true })
  publicWording!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  publicWordingApprovedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  publicWordingApprovedAt!: Date | null;

  @Column({ type: 'varchar', length: 64 })
  createdBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
