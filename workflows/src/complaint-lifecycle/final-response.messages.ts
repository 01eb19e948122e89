// R-INV-8, R-RESP-1…3: the final response and its sign-off.
import { defineUpdate } from '@temporalio/workflow';
import type { ApproverRole, FinalResponseSummary, LocalDate, OmbudsmanId } from '@complaints/domain';
import type { RoleCommand, StaffCommand } from './lifecycle.messages';

/** R-INV-8 and R-RESP-2: the final response of the current round on its way to the person. */
export interface FinalResponseState {
  outcomeShared?: { on: LocalDate; by: string; commentsRecorded: boolean };
  submitted?: { summary: FinalResponseSummary; by: string; on: LocalDate };
  approvals: { step: string; role: ApproverRole; by: string; on: LocalDate; version: number }[];
  sent?: { on: LocalDate; version: number; onTime: boolean | null; ombudsman: OmbudsmanId };
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
