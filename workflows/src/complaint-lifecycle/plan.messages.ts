// R-INV-2: the plan agreed with the person.
import { defineUpdate } from '@temporalio/workflow';
import type { InvestigationPlanSummary, LocalDate } from '@complaints/domain';
import type { StaffCommand } from './lifecycle.messages';

/** R-INV-2: the plan agreed with the person (its words are in Postgres, by version). */
export interface PlanState extends InvestigationPlanSummary {
  agreedOn: LocalDate;
  by: string;
}

export interface AgreePlanCommand extends StaffCommand {
  /** The saved plan's summary; a date in it becomes the agreed final-response date (R-INV-4). */
  plan: InvestigationPlanSummary;
}

/** R-INV-2: the plan agreed with the person; they are sent it, with the date of the final response. */
export const agreePlanUpdate = defineUpdate<PlanState, [AgreePlanCommand]>('agreePlan');
