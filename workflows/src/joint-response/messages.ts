import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { JointRole } from '@complaints/domain';

// The contract between the lead's complaint workflow and a joint case's `jointResponse` workflow (ADR 0017).
// Organisation codes only: no personal data crosses it.

export interface JointResponseInput {
  jointCaseId: string;
  /** The lead's complaint (its workflow is the parent). */
  complaintReference: string;
  protocolCode: string;
  leadCode: string;
  members: { code: string; role: JointRole }[];
  /** ISO date the lead received the complaint; the lead's clocks run from it (R-JOINT-2). */
  leadReceivedOn: string;
  /** Complex cases get a co-ordination meeting or call (R-JOINT-3). */
  complex: boolean;
}

/** Lead → joint workflow: version N of the lead's collated draft goes to every partner for approval (R-JOINT-5). */
export const draftSharedForApprovalSignal =
  defineSignal<[{ version: number; approvalDueOn: string }]>('draftSharedForApproval');

/** Joint workflow → lead's workflow: every partner still taking part approved version N (R-JOINT-5). */
export const jointDraftApprovedSignal = defineSignal<[{ version: number }]>('jointDraftApproved');

/** Lead → joint workflow: the response (version N) was sent to the person. */
export const jointResponseSentSignal =
  defineSignal<[{ version: number; partial: boolean }]>('jointResponseSent');

// ——— Added with the jointResponse workflow (ADR 0019): its state, and the Updates of the lead and the partners.
// Codes, dates, versions and record ids only; the words of a contribution, a comment or a reason stay in
// Postgres (the joint-protocol service's tables).

export const JOINT_RESPONSE = 'jointResponse';

export const JOINT_STAGES = [
  'gathering-contributions',
  'resolving-conflicts',
  'awaiting-approval',
  'approved',
  'responded',
  'under-review',
  'closed',
] as const;
export type JointStage = (typeof JOINT_STAGES)[number];

/** Who at a partner was told: its complaints manager, or the deputy (manager absent, or the email bounced). */
export type NotifiedContact = 'complaints-manager' | 'deputy';

export interface PartnerProgress {
  code: string;
  role: JointRole;
  /** R-JOINT-3: the partner's complaints manager (or deputy) was told of the joint case. */
  notified?: { to: NotifiedContact; on: string; bounced: boolean };
  /** R-JOINT-4: its contribution deadline within the timescale agreed with the person. */
  contributionDueOn: string | null;
  contribution?: { version: number; submittedOn: string; late: boolean; apologised: boolean };
  /** R-JOINT-4: reasons recorded for varying from its own timescales (ids of joint_variation rows). */
  variations: string[];
  /** R-JOINT-4: it warned the others it cannot meet the agreed timescale. */
  cannotMeetAgreed?: { warnedOn: string; expectedOn: string };
  remindedFor: string[];
  /** Its contribution deadline passed without a contribution: escalated to its complaints manager. */
  lateSince?: string;
  /** R-JOINT-5: its decision on the draft version currently out for approval. */
  decision?: { version: number; decision: DraftDecision; on: string };
  /** R-JOINT-7: its part resolved, it withdrew. */
  withdrawnOn?: string;
}

export type DraftDecision = 'approved' | 'changes-requested';

export interface JointConflict {
  conflictId: string;
  between: string[];
  flaggedOn: string;
  resolvedOn?: string;
}

export interface JointDisagreement {
  disagreementId: string;
  raisedBy: string;
  with: string[];
  raisedOn: string;
  /** R-JOINT-7: referred to each organisation's responsible senior manager on this day. */
  referredOn: string;
  outcomeRecordedOn?: string;
}

export interface JointResponseState {
  stage: JointStage;
  leadCode: string;
  complex: boolean;
  /** R-JOINT-3: the timescale agreed with the person for the joint response. */
  responseDueOn: string | null;
  /** R-JOINT-3: the co-ordination meeting or call (complex cases); it never holds anything up. */
  coordination?: { heldOn: string; kind: 'meeting' | 'call'; attended: string[] };
  partners: PartnerProgress[];
  conflicts: JointConflict[];
  /** R-JOINT-5: the lead's draft version out for approval. */
  draft?: { version: number; approvalDueOn: string; remindedFor?: string; overdueSince?: string };
  /** The last version every partner still taking part approved (jointDraftApproved went to the lead). */
  approvedVersion?: number;
  /** R-JOINT-6: partners the lead went ahead without, for a partial response. */
  partialWithout: string[];
  sent?: { version: number; partial: boolean; on: string };
  /** R-JOINT-7: the review with the person after they were not satisfied. */
  review?: { openedOn: string; resolvedFor: string[] };
  disagreements: JointDisagreement[];
  /** Protocol 3.4: the organisations (lead and partners) whose learning and action points are recorded. */
  learningFrom: string[];
  nextDeadline: string | null;
}

export interface LeadCommand {
  /** The lead's member of staff. */
  by: string;
}

export interface AgreeJointTimescaleCommand extends LeadCommand {
  responseDueOn: string;
  /** Each partner's contribution deadline, on or before responseDueOn. */
  contributionDue: Record<string, string>;
}

export interface RecordCoordinationCommand extends LeadCommand {
  heldOn: string;
  kind: 'meeting' | 'call';
  attended: string[];
}

export interface FlagConflictCommand extends LeadCommand {
  conflictId: string;
  between: string[];
}

export interface ResolveConflictCommand extends LeadCommand {
  conflictId: string;
}

export interface DecidePartialResponseCommand extends LeadCommand {
  /** The late partners the response goes without. */
  without: string[];
}

export interface RecordJointReviewCommand extends LeadCommand {
  /** Partners whose part the review found resolved: they may withdraw. */
  resolvedFor: string[];
  /** When the lead's own part is resolved, the member that leads from now on. */
  newLeadCode?: string;
}

export interface RecordDisagreementOutcomeCommand extends LeadCommand {
  disagreementId: string;
}

export interface PartnerCommand {
  /** The partner user (or `link:<access link id>`) acting. */
  by: string;
  partnerCode: string;
}

export interface SubmitContributionCommand extends PartnerCommand {
  version: number;
  /** R-JOINT-6: a late organisation's later contribution carries its apology. */
  apologised: boolean;
}

export interface RecordVariationCommand extends PartnerCommand {
  variationId: string;
  /** `cannot-meet`: it warns the others it cannot meet the agreed timescale, with the date it expects. */
  kind: 'variation' | 'cannot-meet';
  expectedOn?: string;
}

export interface DecideOnDraftCommand extends PartnerCommand {
  version: number;
  decision: DraftDecision;
}

export interface RaiseDisagreementCommand extends PartnerCommand {
  disagreementId: string;
  with: string[];
}

export type WithdrawFromJointCaseCommand = PartnerCommand;

export interface RecordLearningCommand {
  by: string;
  /** The organisation whose learning it is (a partner, or the lead). */
  organisationCode: string;
}

export const jointResponseStateQuery = defineQuery<JointResponseState>('jointResponseState');

// The lead's commands (complaints API, services/complaints-api/src/joint-response).
export const agreeJointTimescaleUpdate = defineUpdate<JointResponseState, [AgreeJointTimescaleCommand]>(
  'agreeJointTimescale',
);
export const recordCoordinationUpdate = defineUpdate<JointResponseState, [RecordCoordinationCommand]>(
  'recordCoordination',
);
export const flagConflictUpdate = defineUpdate<JointResponseState, [FlagConflictCommand]>('flagConflict');
export const resolveConflictUpdate = defineUpdate<JointResponseState, [ResolveConflictCommand]>(
  'resolveConflict',
);
export const decidePartialResponseUpdate = defineUpdate<JointResponseState, [DecidePartialResponseCommand]>(
  'decidePartialResponse',
);
export const recordJointReviewUpdate = defineUpdate<JointResponseState, [RecordJointReviewCommand]>(
  'recordJointReview',
);
export const recordDisagreementOutcomeUpdate = defineUpdate<
  JointResponseState,
  [RecordDisagreementOutcomeCommand]
>('recordDisagreementOutcome');

// The partners' commands (joint-protocol service).
export const submitContributionUpdate = defineUpdate<JointResponseState, [SubmitContributionCommand]>(
  'submitContribution',
);
export const recordVariationUpdate = defineUpdate<JointResponseState, [RecordVariationCommand]>(
  'recordVariation',
);
export const decideOnDraftUpdate = defineUpdate<JointResponseState, [DecideOnDraftCommand]>('decideOnDraft');
export const withdrawFromJointCaseUpdate = defineUpdate<JointResponseState, [WithdrawFromJointCaseCommand]>(
  'withdrawFromJointCase',
);
export const raiseDisagreementUpdate = defineUpdate<JointResponseState, [RaiseDisagreementCommand]>(
  'raiseDisagreement',
);
export const recordLearningUpdate = defineUpdate<JointResponseState, [RecordLearningCommand]>(
  'recordLearning',
);
