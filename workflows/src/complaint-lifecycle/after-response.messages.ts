// §5 after the response: promised actions (R-RESP-4), reopening (R-REOPEN-1), stage two (R-STAGE2-1).
import { defineUpdate } from '@temporalio/workflow';
import type { DissatisfactionReason, LocalDate } from '@complaints/domain';
import type { CloserLookState } from './closer-look.messages';
import type { DatedCommand, StaffCommand } from './lifecycle.messages';

/** R-RESP-4: an action promised in the final response, followed until done. */
export interface PromisedAction {
  id: string;
  ownerId: string;
  due: LocalDate;
  completedOn?: LocalDate;
}

export interface CompleteActionCommand extends StaffCommand {
  actionId: string;
}

/** R-RESP-4: a promised action is done; when the last is, the person is told and the complaint closes. */
export const completeActionUpdate = defineUpdate<PromisedAction[], [CompleteActionCommand]>('completeAction');

/** The person said they are not satisfied with the response, on `on` (the new round's timescale runs from then). */
export interface NewRoundCommand extends DatedCommand {
  /** Required by the API; commands from before it was recorded have none. */
  reason?: DissatisfactionReason;
}

/** R-REOPEN-1: the person is not satisfied with the response; the complaint reopens with its own timescale. */
export const reopenUpdate = defineUpdate<CloserLookState, [NewRoundCommand]>('reopen');

/** R-STAGE2-1 (CWTH): the person asks for a stage-two review by the Senior Leadership Team/Board. */
export const requestStageTwoUpdate = defineUpdate<CloserLookState, [NewRoundCommand]>('requestStageTwo');
