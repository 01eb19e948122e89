// R-ER-1, R-ER-2: early resolution.
import { defineUpdate } from '@temporalio/workflow';
import type { LocalDate } from '@complaints/domain';
import type { CloserLookState } from './closer-look.messages';
import type { ClockState, StaffCommand } from './lifecycle.messages';

/** R-ER-1: the early-resolution aim, extendable by agreement with the person. */
export interface EarlyResolutionState extends ClockState {
  extensions: { agreedOn: LocalDate; from: LocalDate; to: LocalDate; by: string }[];
  outcome?: 'resolved' | 'closer-look';
}

export interface ExtendEarlyResolutionCommand extends StaffCommand {
  /** The new target date agreed with the person (R-ER-1). */
  newTarget: LocalDate;
}

/** R-ER-1: extend the early-resolution aim, agreed with the person because it makes resolution more likely. */
export const extendEarlyResolutionUpdate = defineUpdate<EarlyResolutionState, [ExtendEarlyResolutionCommand]>(
  'extendEarlyResolution',
);

/** R-ER-1: resolved early and the person is satisfied; the summary (kept in the record) is sent and the complaint closes. */
export const resolveEarlyUpdate = defineUpdate<EarlyResolutionState, [StaffCommand]>('resolveEarly');

/** R-ER-2: early resolution failed; take a closer look. */
export const startCloserLookUpdate = defineUpdate<CloserLookState, [StaffCommand]>('startCloserLook');
