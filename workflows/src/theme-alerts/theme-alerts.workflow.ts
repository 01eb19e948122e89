// The daily theme review (R-MON-3), started by the `theme-alerts` Temporal Schedule: each organisation's rules
// are looked at on the London date, and a theme found raises an alert for its complaints managers. Its history
// holds a date, its run and alert ids only.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ThemeActivities, ThemeReviewResult } from '@complaints/activities/themes';
import { londonDate } from '@complaints/domain';
import { TASK_QUEUES } from '@complaints/temporal';

const { raiseThemeAlerts } = proxyActivities<ThemeActivities>({
  taskQueue: TASK_QUEUES.complaints,
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

export async function themeAlerts(): Promise<ThemeReviewResult> {
  const { workflowId, runId } = workflowInfo();
  return raiseThemeAlerts({ asOf: londonDate(new Date()), raisedBy: `${workflowId}/${runId}` });
}
