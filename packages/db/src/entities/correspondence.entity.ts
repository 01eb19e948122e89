import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * Where an item is in its delivery (ADR 0007): `drafted` (rendered and keyed) → `approved` (where the workflow had
 * it approved) → `sending` (handed to SMTP, outcome not yet recorded) → `sent` (the SMTP server accepted it; a
 * letter: queued to print) → `delivered` (every recipient accepted; a letter: posted by staff). Or `failed` (refused
 * for good), `unconfirmed` (an attempt stopped between the hand-over and its record: not sent again by itself), or
 * `held` (R-INT-5: not sent, waiting for the person's consent).
 */
export const CORRESPONDENCE_STATUSES = [
  'drafted',
  'approved',
  'sending',
  'sent',
  'delivered',
  'failed',
  'unconfirmed',
  'held',
] as const;
export type CorrespondenceStatus = (typeof CORRESPONDENCE_STATUSES)[number];
export type CorrespondenceChannel = 'email' | 'letter';

/** One status change of an item: when, by whom (a member of staff, where one acted), and why, as a code. */
export interface CorrespondenceStatusChange {
  status: CorrespondenceStatus;
  /** ISO timestamp. */
  at: string;
  by?: string;
  reason?: string;
}

/**
 * One piece of outgoing correspondence (owned by the correspondence service). The idempotency key
 * (complaint reference + workflow step + channel) is written before anything is sent, so a retry finds it.
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

  /** Every status change, oldest first. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  history!: CorrespondenceStatusChange[];

  /** Stable across retries, so a receiving server can tell a duplicate. */
  @Column({ type: 'varchar', length: 200 })
  messageId!: string;

  /** Hand-overs to the SMTP server (email), or failed print layouts (letter). */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  /** The failed, unconfirmed or held item a member of staff resent as this one; null for the original. */
  @Column({ type: 'uuid', nullable: true })
  resendOf!: string | null;

  /** 0 for the original; n for its n-th resend (idempotency key `<original key>:resend-<n>`). */
  @Column({ type: 'int', default: 0 })
  resendNumber!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
