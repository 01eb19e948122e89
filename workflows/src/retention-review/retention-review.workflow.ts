// The daily retention review (ADR 0013), started by the `retention-review` Temporal Schedule: it finds the
// complaint case files whose retention period has ended and puts them on the disposal list for a complaints
// manager to approve. It handles references and dates only; nothing personal passes through its history.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type {
  RetentionActivities,
  RetentionReviewResult,
  RetentionReviewScope,
} from '@complaints/activities/retention';
import { londonDate } from '@complaints/domain';
import { TASK_QUEUES } from '@complaints/temporal';

const { findCaseFilesDueForDisposal } = proxyActivities<RetentionActivities>({
  taskQueue: TASK_QUEUES.complaints,
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

export async function retentionReview(scope: RetentionReviewScope = {}): Promise<RetentionReviewResult> {
  const { workflowId, runId } = workflowInfo();
  return findCaseFilesDueForDisposal({
    asOf: londonDate(new Date()),
    foundBy: `${workflowId}/${runId}`,
    organisations: scope.organisations,
  });
}
