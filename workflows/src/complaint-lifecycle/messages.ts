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
  'feedback-recorded' | 'reviewing-for-learning' | 'awaiting-acknowledgement' | 'acknowledged' | 'withdrawn';

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

export interface ComplaintProcessState {
  reference: string;
  stage: Stage;
  profile: ProfileRef;
  acknowledgement?: AcknowledgementState;
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

/**
 * A refused command: the `type` of the ApplicationFailure a validator throws, with the rule behind it as details[0].
 * The API turns it into problem details (409) naming the rule.
 */
export const COMMAND_REFUSED = 'CommandRefused';
