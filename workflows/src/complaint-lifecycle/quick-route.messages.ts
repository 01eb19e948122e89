// R-QUICK-1: the quick route.
import { defineUpdate } from '@temporalio/workflow';
import type { LocalDate } from '@complaints/domain';
import type { ClockState, StaffCommand } from './lifecycle.messages';

/** R-QUICK-1: the quick route, while it is open and how it ended. */
export interface QuickRouteState extends ClockState {
  due: LocalDate;
  outcome?: 'resolved' | 'becomes-complaint';
  on?: LocalDate;
  by?: string;
}

export interface ResolveQuicklyCommand extends StaffCommand {
  /** R-QUICK-1: staff confirmed with the person that they are satisfied; nothing ends without it. */
  confirmedSatisfied: boolean;
}

/**
 * R-QUICK-1: resolved on the quick route, the person confirming they are satisfied: a verbal complaint by the
 * end of the next working day (PHSO model), or a PALS enquiry within 10 working days (HPFT). It ends there.
 */
export const resolveQuicklyUpdate = defineUpdate<QuickRouteState, [ResolveQuicklyCommand]>('resolveQuickly');

/** R-QUICK-1 (HPFT 8.10): a PALS enquiry that cannot be resolved is treated as a complaint from today. */
export const treatAsComplaintUpdate = defineUpdate<QuickRouteState, [StaffCommand]>('treatAsComplaint');
