// The complaint's workflow as clients see it: its input, its state, the state query, withdrawal, an anonymous
// complaint's learning review and the other procedures it is also handled under.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  ApproverRole,
  FindingOutcome,
  LocalDate,
  Nation,
  OtherProcedure,
  ProfileRef,
  Stage,
} from '@complaints/domain';
import type { AcknowledgementState } from './acknowledgement.messages';
import type { PromisedAction } from './after-response.messages';
import type { AllocationState } from './allocation.messages';
import type { CloserLookState, PauseRecord, Round } from './closer-look.messages';
import type { EarlyResolutionState } from './early-resolution.messages';
import type { FinalResponseState } from './final-response.messages';
import type { JointCaseState } from './joint-case.messages';
import type { PlanState } from './plan.messages';
import type { QuickRouteState } from './quick-route.messages';
import type { SixMonthState } from './six-month-rule.messages';
import type { TriageState } from './triage.messages';

export const COMPLAINT_LIFECYCLE = 'complaintLifecycle';

/** The workflow's input: references and process facts only (R-INT-8) — never names, addresses or clinical detail. */
export interface ComplaintLifecycleInput {
  reference: string;
  organisationCode: string;
  profile: ProfileRef;
  calendar: { nation: Nation; closureDays: LocalDate[] };
  receivedOn: LocalDate;
  /** `pals-enquiry` (HPFT, R-QUICK-1): not yet a complaint; it becomes one if not resolved within its time. */
  kind: 'complaint' | 'feedback' | 'complaint-and-feedback' | 'pals-enquiry';
  anonymous: boolean;
  /** How it was made (R-INT-1): a verbal complaint may take the quick route (R-QUICK-1). Absent on older runs. */
  channel?: string;
  /** Set when a PALS enquiry became this complaint: the day the enquiry was received (R-QUICK-1). */
  enquiryReceivedOn?: LocalDate;
  /** Set when a long-lived complaint continued-as-new after its response: where the last run left off. */
  resume?: ResumeSnapshot;
  /** Continue-as-new once the history has this many events, if Temporal has not suggested it sooner. */
  continueAsNewAfterEvents?: number;
}

/** What a new run needs to carry on after the response: the state, and which actions the person was told of. */
export interface ResumeSnapshot {
  state: ComplaintProcessState;
  reportedActionIds: string[];
}

/** A complaint's state as the workflow keeps it: plain data, changed only by its owner (`ComplaintCase`). */
export interface CaseState {
  reference: string;
  stage: Stage;
  profile: ProfileRef;
  quickRoute?: QuickRouteState;
  acknowledgement?: AcknowledgementState;
  earlyResolution?: EarlyResolutionState;
  closerLook?: CloserLookState;
  pauses?: PauseRecord[];
  round?: Round;
  triage?: TriageState;
  allocation?: AllocationState;
  plan?: PlanState;
  finalResponse?: FinalResponseState;
  actions?: PromisedAction[];
  sixMonths?: SixMonthState;
  /** R-INV-7: the Responsible Person keeps oversight from six months until the final response. */
  underOversight?: boolean;
  /** R-JOINT-1: handled with partner organisations under a joint protocol, this complaint's organisation leading. */
  joint?: JointCaseState;
  /** Issue #12 point 8: other procedures the complaint is also handled under, each told to the person once. */
  otherProcedures?: OtherProcedureFlag[];
  breached: boolean;
  closed?: { at: string; reason: string };
}

/** The state as clients see it, with the worklist's next deadline derived from it. */
export interface ComplaintProcessState extends CaseState {
  nextDeadline: LocalDate | null;
}

/** A deadline kept by the workflow: reminder the working day before, escalation when missed. */
export interface ClockState {
  /** null while no date applies (a timescale still to be agreed). */
  due: LocalDate | null;
  reminderSentAt?: string;
  breachedAt?: string;
}

export interface StaffCommand {
  /** Staff user id. */
  by: string;
}

/**
 * A command for something that happened on a day staff name (issue #12 point 10): a pause, a resumption, a
 * reopening, a stage-two request. `on` is that London date, not after today nor before the complaint; today if
 * not given.
 */
export interface DatedCommand extends StaffCommand {
  on?: LocalDate;
}

/** A command taken in a role that the procedure names (R-RESP-2, R-INV-7); the API checks the user holds it. */
export interface RoleCommand extends StaffCommand {
  role: ApproverRole;
}

export interface WithdrawCommand {
  by: string;
}

/** Current process state, for the API and operations staff. */
export const processStateQuery = defineQuery<ComplaintProcessState>('processState');

/** Issue #12 point 8: another procedure the complaint is also handled under, flagged on `on` by `by`. */
export interface OtherProcedureFlag {
  procedure: OtherProcedure;
  on: LocalDate;
  by: string;
}

export interface FlagOtherProcedureCommand extends StaffCommand {
  procedure: OtherProcedure;
}

/** Issue #12 point 8: the complaint is also handled under another procedure; the person is told in writing. */
export const flagOtherProcedureUpdate = defineUpdate<OtherProcedureFlag[], [FlagOtherProcedureCommand]>(
  'flagOtherProcedure',
);

/** R-INT-4 (issue #12 point 8): what the learning review of an anonymous complaint found. */
export interface LearningReviewCommand extends StaffCommand {
  outcome: FindingOutcome;
}

/** R-INT-4: an anonymous complaint, looked into for learning, closes with the review's outcome. */
export const reviewForLearningUpdate = defineUpdate<ComplaintProcessState, [LearningReviewCommand]>(
  'reviewForLearning',
);

/** The person withdraws the complaint: the procedure stops and every clock with it. */
export const withdrawUpdate = defineUpdate<ComplaintProcessState, [WithdrawCommand]>('withdraw');

export { COMMAND_NOT_AUTHENTICATED, COMMAND_REFUSED } from '../shared/refusal';
