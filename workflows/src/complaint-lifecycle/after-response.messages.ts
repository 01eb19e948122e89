// §5 after the response: promised actions (R-RESP-4), reopening (R-REOPEN-1), stage two (R-STAGE2-1).
import { defineUpdate } from '@temporalio/workflow';
import type { LocalDate } from '@complaints/domain';
import type { CloserLookState } from './closer-look.messages';
import type { StaffCommand } from './lifecycle.messages';

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

/** R-REOPEN-1: the person is not satisfied with the response; the complaint reopens with its own timescale. */
export const reopenUpdate = defineUpdate<CloserLookState, [StaffCommand]>('reopen');

/** R-STAGE2-1 (CWTH): the person asks for a stage-two review by the Senior Leadership Team/Board. */
export const requestStageTwoUpdate = defineUpdate<CloserLookState, [StaffCommand]>('requestStageTwo');
