import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const CORRESPONDENCE_STATUSES = ['pending', 'sent', 'to-print', 'failed'] as const;
export type CorrespondenceStatus = (typeof CORRESPONDENCE_STATUSES)[number];
export type CorrespondenceChannel = 'email' | 'letter';

/**
 * One piece of outgoing correspondence (owned by the correspondence service). The idempotency key
 * (complaint reference + workflow step) is written before anything is sent, so a retry finds it.
 */
@Entity()
@Index(['complaintReference', 'createdAt'])
export class Correspondence {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200, unique: true })
  idempotencyKey!: string;

  @Column({ type: 'varchar', length: 32 })
  complaintReference!: string;

  @Column({ type: 'varchar', length: 64 })
  template!: string;

  /** The catalogue's version of the variant, or the organisation's override version (see `templateSource`). */
  @Column({ type: 'int' })
  templateVersion!: number;

  /** `standard`, or `easy-read` when the person asked for easy read (R-INT-2) and the template has that variant. */
  @Column({ type: 'varchar', length: 16, default: 'standard' })
  variant!: string;

  /** `standard`: the catalogue's template; `organisation`: the organisation's override of it (issue #5). */
  @Column({ type: 'varchar', length: 16, default: 'standard' })
  templateSource!: 'standard' | 'organisation';

  /** The organisation's overrides of partials this item used, e.g. `[{ "name": "letterhead", "version": 2 }]`. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  partialOverrides!: { name: string; version: number }[];

  @Column({ type: 'varchar', length: 16 })
  channel!: CorrespondenceChannel;

  /** `complainant`, `handler`, `complaints-manager` … */
  @Column({ type: 'varchar', length: 32 })
  audience!: string;

  /** Email address(es) or the postal address, as sent. */
  @Column({ type: 'text' })
  recipient!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  html!: string;

  @Column({ type: 'text' })
  text!: string;

  /**
   * A letter's print copy (R-INT-2): a tagged A4 PDF laid out from `html`; null for email. Not loaded unless
   * selected (`addSelect('item.pdf')`), so reading the log never reads the documents.
   */
  @Column({ type: 'bytea', nullable: true, select: false })
  pdf!: Buffer | null;

  @Column({ type: 'varchar', length: 16 })
  status!: CorrespondenceStatus;

  /** Stable across retries, so a receiving server can tell a duplicate. */
  @Column({ type: 'varchar', length: 200 })
  messageId!: string;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
