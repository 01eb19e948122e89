import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { LocalDate, Nation, ProfileRef } from '@complaints/domain';

export const COMPLAINT_LIFECYCLE = 'complaintLifecycle';

/** The workflow's input: references and process facts only (R-INT-8) — never names, addresses or clinical detail. */
export interface ComplaintLifecycleInput {
  reference: string;
  organisationCode: string;
  profile: ProfileRef;
  calendar: { nation: Nation; closureDays: LocalDate[] };
  receivedOn: LocalDate;
  kind: 'complaint' | 'feedback' | 'complaint-and-feedback';
  anonymous: boolean;
}

export type Stage =
  | 'feedback-recorded'
  | 'reviewing-for-learning'
  | 'awaiting-acknowledgement'
  | 'acknowledged'
  | 'early-resolution'
  | 'resolved-early'
  | 'closer-look'
  | 'withdrawn';

/** Where a new record starts: feedback and anonymous complaints do not enter the procedure's clocks. */
export function initialStage(input: Pick<ComplaintLifecycleInput, 'kind' | 'anonymous'>): Stage {
  if (input.kind === 'feedback') return 'feedback-recorded';
  if (input.anonymous) return 'reviewing-for-learning';
  return 'awaiting-acknowledgement';
}

export interface AcknowledgementState {
  due: LocalDate;
  acknowledgedAt?: string;
  acknowledgedOn?: LocalDate;
  method?: 'verbal' | 'written';
  by?: string;
  onTime?: boolean;
  reminderSentAt?: string;
  breachedAt?: string;
}

/** A deadline kept by the workflow: reminder the working day before, escalation when missed. */
export interface ClockState {
  /** null while no date applies (a timescale still to be agreed). */
  due: LocalDate | null;
  reminderSentAt?: string;
  breachedAt?: string;
}

/** R-ER-1: the early-resolution aim, extendable by agreement with the person. */
export interface EarlyResolutionState extends ClockState {
  extensions: { agreedOn: LocalDate; from: LocalDate; to: LocalDate; by: string }[];
  outcome?: 'resolved' | 'closer-look';
}

/** R-INV-4: the timescale of the final response. */
export interface CloserLookState extends ClockState {
  basis: 'profile-working-days' | 'profile-calendar-months' | 'agreed-with-complainant' | 'to-be-agreed';
}

/** R-INV-6: why the clock is paused (consent being sought; on hold at the person's request or a formal request). */
export const PAUSE_REASONS = ['seeking-consent', 'person-request', 'police', 'coroner', 'judge'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/** Paused calendar days, inclusive; `end` null while still paused. Paused working days do not count. */
export interface PauseRecord {
  start: LocalDate;
  end: LocalDate | null;
  reason: PauseReason;
  by: string;
}

export interface ComplaintProcessState {
  reference: string;
  stage: Stage;
  profile: ProfileRef;
  acknowledgement?: AcknowledgementState;
  earlyResolution?: EarlyResolutionState;
  closerLook?: CloserLookState;
  pauses?: PauseRecord[];
  breached: boolean;
  nextDeadline: LocalDate | null;
  closed?: { at: string; reason: string };
}

export interface AcknowledgeCommand {
  method: 'verbal' | 'written';
  /** Staff user id. */
  by: string;
}

export interface AcknowledgeResult {
  acknowledgedOn: LocalDate;
  due: LocalDate;
  onTime: boolean;
  method: 'verbal' | 'written';
}

export interface WithdrawCommand {
  by: string;
}

/** Current process state, for the API and operations staff. */
export const processStateQuery = defineQuery<ComplaintProcessState>('processState');

/** R-ACK-1: staff record the acknowledgement; a written one sends the profile's acknowledgement letter. */
export const acknowledgeUpdate = defineUpdate<AcknowledgeResult, [AcknowledgeCommand]>('acknowledge');

/** The person withdraws the complaint: the procedure stops and every clock with it. */
export const withdrawUpdate = defineUpdate<ComplaintProcessState, [WithdrawCommand]>('withdraw');

export interface StaffCommand {
  /** Staff user id. */
  by: string;
}

export interface ExtendEarlyResolutionCommand extends StaffCommand {
  /** The new target date agreed with the person (R-ER-1). */
  newTarget: LocalDate;
}

export interface AgreeTimescaleCommand extends StaffCommand {
  /** The final-response date agreed with the person (R-INV-4, PHSO model: agreed per case). */
  due: LocalDate;
}

export interface PauseClockCommand extends StaffCommand {
  reason: PauseReason;
}

/** R-INV-6: pause the final-response clock from today until it is resumed; no deadline runs meanwhile. */
export const pauseClockUpdate = defineUpdate<CloserLookState, [PauseClockCommand]>('pauseClock');

/** R-INV-6: the information has arrived or the hold has ended; the deadline moves out by the paused working days. */
export const resumeClockUpdate = defineUpdate<CloserLookState, [StaffCommand]>('resumeClock');

/** R-ER-1: extend the early-resolution aim, agreed with the person because it makes resolution more likely. */
export const extendEarlyResolutionUpdate = defineUpdate<EarlyResolutionState, [ExtendEarlyResolutionCommand]>(
  'extendEarlyResolution',
);

/** R-ER-1: resolved early and the person is satisfied; the summary (kept in the record) is sent and the complaint closes. */
export const resolveEarlyUpdate = defineUpdate<EarlyResolutionState, [StaffCommand]>('resolveEarly');

/** R-ER-2: early resolution failed; take a closer look. */
export const startCloserLookUpdate = defineUpdate<CloserLookState, [StaffCommand]>('startCloserLook');

/** R-INV-4: record the final-response timescale agreed with the person. */
export const agreeTimescaleUpdate = defineUpdate<CloserLookState, [AgreeTimescaleCommand]>('agreeTimescale');

/**
 * A refused command: the `type` of the ApplicationFailure a validator throws, with the rule behind it as details[0].
 * The API turns it into problem details (409) naming the rule.
 */
export const COMMAND_REFUSED = 'CommandRefused';
