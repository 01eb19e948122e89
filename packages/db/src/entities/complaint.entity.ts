import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type {
  AccessibilityNeed,
  Channel,
  ComplaintOutcome,
  Complexity,
  ProfileId,
  ReplyChannel,
  SubmissionKind,
} from '@complaints/domain';
import { ComplaintIssue } from './complaint-issue.entity';
import { ComplaintParty } from './complaint-party.entity';

/**
 * A complaint (or feedback) as received, and the projection of its process state that the worklist reads.
 * Personal data lives in `complaint_party` and `complaint_issue`, never in Temporal.
 */
@Entity()
@Index(['organisationCode', 'idempotencyKey'], { unique: true, where: 'idempotency_key IS NOT NULL' })
export class Complaint {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Human-friendly and unique, e.g. `HPFT-2026-000123`; also the workflow ID. */
  @Column({ type: 'varchar', length: 32, unique: true })
  reference!: string;

  @Column({ type: 'varchar', length: 8 })
  organisationCode!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: SubmissionKind;

  @Column({ type: 'boolean', default: false })
  anonymous!: boolean;

  @Column({ type: 'varchar', length: 32 })
  channel!: Channel;

  /** Calendar date of receipt in Europe/London (procedure §0). */
  @Column({ type: 'date' })
  receivedOn!: string;

  /** R-JOINT-8: the commissioner (an ICB) that forwarded it with the person's consent; null when made to us. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  forwardedByCode!: string | null;

  /** R-JOINT-8: when the commissioner received it; our clocks still run from `receivedOn`, when we did. */
  @Column({ type: 'date', nullable: true })
  commissionerReceivedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  incidentOn!: string | null;

  @Column({ type: 'date', nullable: true })
  becameAwareOn!: string | null;

  /** Policy profile pinned at intake (architecture principle 4). */
  @Column({ type: 'varchar', length: 32 })
  profileId!: ProfileId;

  @Column({ type: 'int' })
  profileVersion!: number;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  replyChannels!: ReplyChannel[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  accessibilityNeeds!: AccessibilityNeed[];

  @Column({ type: 'text', nullable: true })
  adjustmentsNote!: string | null;

  /** Language the person writes in (BCP 47), for replies and interpreters. */
  @Column({ type: 'varchar', length: 35, nullable: true })
  preferredLanguage!: string | null;

  @Column({ type: 'text', nullable: true })
  outcomeSought!: string | null;

  /** R-ER-1: the summary of the complaint and how it was resolved, shared with the person. */
  @Column({ type: 'text', nullable: true })
  earlyResolutionSummary!: string | null;

  /** Projection of the workflow's stage, for the worklist. */
  @Column({ type: 'varchar', length: 48 })
  stage!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  handlerId!: string | null;

  /** Deadlines as ISO dates keyed by name (`acknowledgement`, …). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  deadlines!: Record<string, string | null>;

  @Column({ type: 'date', nullable: true })
  nextDeadline!: string | null;

  @Column({ type: 'boolean', default: false })
  breached!: boolean;

  /** R-INV-7: six months passed without a final response; the Responsible Person keeps oversight. */
  @Column({ type: 'boolean', default: false })
  underOversight!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** R-MON-2: straightforward, or complex (including multi-organisation); null until assessed. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  complexity!: Complexity | null;

  /**
   * R-MON-1 (KO41a): the findings' overall outcome, projected when the final response is sent; or, for a complaint
   * that ended without one, how it ended (ADR 0024).
   */
  @Column({ type: 'varchar', length: 32, nullable: true })
  outcome!: ComplaintOutcome | null;

  /** R-MON-1: the final response went by the date agreed at the start (before any extension). */
  @Column({ type: 'boolean', nullable: true })
  metAgreedTimescale!: boolean | null;

  /** Workflow time of the event the stage and deadlines come from; older events do not overwrite them. */
  @Column({ type: 'timestamptz', nullable: true })
  projectedAt!: Date | null;

  /** Outbox marker: null until the complaint's workflow is known to have started. */
  @Column({ type: 'timestamptz', nullable: true })
  workflowStartedAt!: Date | null;

  /** Set when the case file was disposed of (ADR 0013): what remains is the anonymised statistical stub. */
  @Column({ type: 'timestamptz', nullable: true })
  disposedAt!: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  idempotencyKey!: string | null;

  /** SHA-256 of the intake request, to tell a retry from a different request under the same key. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  requestHash!: string | null;

  @Column({ type: 'varchar', length: 64 })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @OneToMany(() => ComplaintParty, (party) => party.complaint, { cascade: ['insert'] })
  parties!: ComplaintParty[];

  @OneToMany(() => ComplaintIssue, (issue) => issue.complaint, { cascade: ['insert'] })
  issues!: ComplaintIssue[];
}
