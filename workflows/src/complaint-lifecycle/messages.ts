import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  ApproverRole,
  ExtensionReason,
  InvolvedHandlerReason,
  FinalResponseSummary,
  InvestigationPlanSummary,
  LocalDate,
  Nation,
  OmbudsmanId,
  ProfileRef,
  OutOfScopeMatter,
  PauseReason,
  RepresentativeDecision,
  RoundKind,
  Stage,
} from '@complaints/domain';

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

/** Triage decisions (R-INT-5, R-INT-6, R-INT-7), as recorded. */
export interface TriageState {
  scope?: { whole: boolean; matter: OutOfScopeMatter; on: LocalDate; by: string };
  timeLimit?: { decision: 'considered' | 'not-considered'; on: LocalDate; by: string };
  consent?: { status: 'sought' | 'given' | 'not-needed'; soughtOn?: LocalDate; decidedOn?: LocalDate };
  representative?: { decision: RepresentativeDecision; on: LocalDate; by: string };
}

/** R-QUICK-1: the quick route, while it is open and how it ended. */
export interface QuickRouteState extends ClockState {
  due: LocalDate;
  outcome?: 'resolved' | 'becomes-complaint';
  on?: LocalDate;
  by?: string;
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

/** R-INV-5: a final-response date moved with the person's agreement. */
export interface TimescaleExtension {
  agreedOn: LocalDate;
  from: LocalDate | null;
  to: LocalDate;
  reason: ExtensionReason;
  by: string;
}

/** R-INV-4: the timescale of the final response. */
export interface CloserLookState extends ClockState {
  basis: 'profile-working-days' | 'profile-calendar-months' | 'agreed-with-complainant' | 'to-be-agreed';
  /** The date agreed with the person (R-INV-4 / R-INV-5), and when; pauses after the agreement move it out. */
  agreed?: { date: LocalDate; on: LocalDate };
  extensions?: TimescaleExtension[];
}

/**
 * One pass through the closer look: the first, a reopened complaint (R-REOPEN-1) or CWTH's stage-two
 * review (R-STAGE2-1), each with its own start date and timescale.
 */
export interface Round {
  number: number;
  kind: RoundKind;
  startedOn: LocalDate;
}

/** R-INV-8 and R-RESP-2: the final response of the current round on its way to the person. */
export interface FinalResponseState {
  outcomeShared?: { on: LocalDate; by: string; commentsRecorded: boolean };
  submitted?: { summary: FinalResponseSummary; by: string; on: LocalDate };
  approvals: { step: string; role: ApproverRole; by: string; on: LocalDate; version: number }[];
  sent?: { on: LocalDate; version: number; onTime: boolean | null; ombudsman: OmbudsmanId };
}

/** R-RESP-4: an action promised in the final response, followed until done. */
export interface PromisedAction {
  id: string;
  ownerId: string;
  due: LocalDate;
  completedOn?: LocalDate;
}

/** R-INV-1, R-INV-3, R-STAFF-1: who looks into the complaint, who it is about, and the clinical view. */
export interface AllocationState {
  handlerId: string;
  on: LocalDate;
  by: string;
  /** Staff named as involved in the events (staff ids; they are told early, R-STAFF-1). */
  involvedStaffIds: string[];
  /** Set when the handler is among the involved, with the recorded reason explained to the person. */
  involvedHandlerReason?: InvolvedHandlerReason;
  clinicalView?: { reviewerId: string; requestedOn: LocalDate; by: string };
}

/** R-INV-2: the plan agreed with the person (its words are in Postgres, by version). */
export interface PlanState extends InvestigationPlanSummary {
  agreedOn: LocalDate;
  by: string;
}

/** R-INV-7: the six-month letter, approved by the Responsible Person or a senior manager. */
export interface SixMonthState extends ClockState {
  /** Six calendar months from receipt. */
  reachedOn: LocalDate;
  approval?: { by: string; role: ApproverRole; on: LocalDate; likelyBy: LocalDate };
  sentOn?: LocalDate;
}

/** Paused calendar days, inclusive; `end` null while still paused. Paused working days do not count. */
export interface PauseRecord {
  start: LocalDate;
  end: LocalDate | null;
  reason: PauseReason;
  by: string;
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
  breached: boolean;
  closed?: { at: string; reason: string };
}

/** The state as clients see it, with the worklist's next deadline derived from it. */
export interface ComplaintProcessState extends CaseState {
  nextDeadline: LocalDate | null;
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

export interface ResolveQuicklyCommand extends StaffCommand {
  /** R-QUICK-1: staff confirmed with the person that they are satisfied; nothing ends without it. */
  confirmedSatisfied: boolean;
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

/**
 * R-QUICK-1: resolved on the quick route, the person confirming they are satisfied: a verbal complaint by the
 * end of the next working day (PHSO model), or a PALS enquiry within 10 working days (HPFT). It ends there.
 */
export const resolveQuicklyUpdate = defineUpdate<QuickRouteState, [ResolveQuicklyCommand]>('resolveQuickly');

/** R-QUICK-1 (HPFT 8.10): a PALS enquiry that cannot be resolved is treated as a complaint from today. */
export const treatAsComplaintUpdate = defineUpdate<QuickRouteState, [StaffCommand]>('treatAsComplaint');

/** R-INV-4: record the final-response timescale agreed with the person. */
export const agreeTimescaleUpdate = defineUpdate<CloserLookState, [AgreeTimescaleCommand]>('agreeTimescale');

export interface ExtendFinalResponseCommand extends StaffCommand {
  /** The new date agreed with the person (R-INV-5). */
  newDue: LocalDate;
  reason: ExtensionReason;
}

/** A command taken in a role that the procedure names (R-RESP-2, R-INV-7); the API checks the user holds it. */
export interface RoleCommand extends StaffCommand {
  role: ApproverRole;
}

export interface ShareOutcomeCommand extends StaffCommand {
  /** Whether the parties commented; their words are kept with the draft, not here. */
  commentsRecorded: boolean;
}

export interface SubmitFinalResponseCommand extends StaffCommand {
  summary: FinalResponseSummary;
}

export interface ApproveFinalResponseCommand extends RoleCommand {
  step: string;
  /** The version approved: it must be the one submitted. */
  version: number;
}

export interface ApproveSixMonthLetterCommand extends RoleCommand {
  /** R-INV-7: the likely timescale the letter gives. */
  likelyBy: LocalDate;
}

export interface CompleteActionCommand extends StaffCommand {
  actionId: string;
}

export interface AllocateCommand extends StaffCommand {
  handlerId: string;
  involvedStaffIds: string[];
  /** Required when the handler is among the involved (R-INV-1). */
  involvedHandlerReason?: InvolvedHandlerReason;
}

export interface AgreePlanCommand extends StaffCommand {
  /** The saved plan's summary; a date in it becomes the agreed final-response date (R-INV-4). */
  plan: InvestigationPlanSummary;
}

export interface RequestClinicalViewCommand extends StaffCommand {
  /** A suitably qualified person not involved in the events (R-INV-3). */
  reviewerId: string;
}

export interface DecideScopeCommand extends StaffCommand {
  /** The whole complaint is out of scope (it closes), or only part of it (it goes on). */
  whole: boolean;
  matter: OutOfScopeMatter;
}

export interface DecideTimeLimitCommand extends StaffCommand {
  /** R-INT-6: a good reason for the delay and still possible to investigate properly, or not. */
  decision: 'considered' | 'not-considered';
}

export interface DecideRepresentativeCommand extends StaffCommand {
  decision: RepresentativeDecision;
}

export interface RecordConsentCommand extends StaffCommand {
  outcome: 'given' | 'not-needed';
}

/** R-INT-7: all or part of the complaint is outside the procedure; the person is told in writing, with signposting. */
export const decideScopeUpdate = defineUpdate<TriageState, [DecideScopeCommand]>('decideScope');

/** R-INT-6: a complaint made after the time limit is considered, or the person is told why not. */
export const decideTimeLimitUpdate = defineUpdate<TriageState, [DecideTimeLimitCommand]>('decideTimeLimit');

/** R-INT-5: the representative may not go on; written reasons with the Ombudsman's details, and the complaint closes. */
export const decideRepresentativeUpdate = defineUpdate<TriageState, [DecideRepresentativeCommand]>(
  'decideRepresentative',
);

/** R-INT-5: ask for the affected person's consent; the final-response clock pauses meanwhile (R-INV-6). */
export const seekConsentUpdate = defineUpdate<TriageState, [StaffCommand]>('seekConsent');

/** R-INT-5: consent given (or not needed: the person died, is a child, or lacks capacity); the clock resumes. */
export const recordConsentUpdate = defineUpdate<TriageState, [RecordConsentCommand]>('recordConsent');

/** R-INV-1, R-STAFF-1: allocate the handler, record who is involved and tell them early. */
export const allocateUpdate = defineUpdate<AllocationState, [AllocateCommand]>('allocate');

/** R-INV-2: the plan agreed with the person; they are sent it, with the date of the final response. */
export const agreePlanUpdate = defineUpdate<PlanState, [AgreePlanCommand]>('agreePlan');

/** R-INV-3: ask a suitably qualified person not involved for a clinical view. */
export const requestClinicalViewUpdate = defineUpdate<AllocationState, [RequestClinicalViewCommand]>(
  'requestClinicalView',
);

/** R-INV-5: the final response will be late; a new date agreed with the person, who is told why by letter. */
export const extendFinalResponseUpdate = defineUpdate<CloserLookState, [ExtendFinalResponseCommand]>(
  'extendFinalResponse',
);

/** R-INV-8: the outcome and intended actions were shared with the parties before the response. */
export const shareOutcomeUpdate = defineUpdate<FinalResponseState, [ShareOutcomeCommand]>('shareOutcome');

/** R-RESP-1: the handler submits a saved draft for sign-off; refused while any element is missing. */
export const submitFinalResponseUpdate = defineUpdate<FinalResponseState, [SubmitFinalResponseCommand]>(
  'submitFinalResponse',
);

/** R-RESP-2: one step of the profile's sign-off chain; the last sends the response. */
export const approveFinalResponseUpdate = defineUpdate<FinalResponseState, [ApproveFinalResponseCommand]>(
  'approveFinalResponse',
);

/** R-RESP-2: an approver sends the draft back for changes; it must be submitted again. */
export const returnFinalResponseUpdate = defineUpdate<FinalResponseState, [RoleCommand]>(
  'returnFinalResponse',
);

/** R-INV-7: the Responsible Person (or a senior manager) approves the six-month letter, which then goes out. */
export const approveSixMonthLetterUpdate = defineUpdate<SixMonthState, [ApproveSixMonthLetterCommand]>(
  'approveSixMonthLetter',
);

/** R-RESP-4: a promised action is done; when the last is, the person is told and the complaint closes. */
export const completeActionUpdate = defineUpdate<PromisedAction[], [CompleteActionCommand]>('completeAction');

/** R-REOPEN-1: the person is not satisfied with the response; the complaint reopens with its own timescale. */
export const reopenUpdate = defineUpdate<CloserLookState, [StaffCommand]>('reopen');

/** R-STAGE2-1 (CWTH): the person asks for a stage-two review by the Senior Leadership Team/Board. */
export const requestStageTwoUpdate = defineUpdate<CloserLookState, [StaffCommand]>('requestStageTwo');

export { COMMAND_REFUSED } from '../shared/refusal';
