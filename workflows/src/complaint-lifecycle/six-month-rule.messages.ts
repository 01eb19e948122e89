// R-INV-7: the six-month letter.
import { defineUpdate } from '@temporalio/workflow';
import type { ApproverRole, LocalDate } from '@complaints/domain';
import type { ClockState, RoleCommand } from './lifecycle.messages';

/** R-INV-7: the six-month letter, approved by the Responsible Person or a senior manager. */
export interface SixMonthState extends ClockState {
  /** Six calendar months from receipt. */
  reachedOn: LocalDate;
  approval?: { by: string; role: ApproverRole; on: LocalDate; likelyBy: LocalDate };
  sentOn?: LocalDate;
}

export interface ApproveSixMonthLetterCommand extends RoleCommand {
  /** R-INV-7: the likely timescale the letter gives. */
  likelyBy: LocalDate;
}

/** R-INV-7: the Responsible Person (or a senior manager) approves the six-month letter, which then goes out. */
export const approveSixMonthLetterUpdate = defineUpdate<SixMonthState, [ApproveSixMonthLetterCommand]>(
  'approveSixMonthLetter',
);
