// The activities every workflow here calls, with one retry policy each.
import { proxyActivities } from '@temporalio/workflow';
import type { CaseEventInput } from '@complaints/activities/case-record';
import type { CorrespondenceRequest, SendCorrespondenceResult } from '@complaints/activities/correspondence';
import type {
  SurveyInvitationRequest,
  SurveyInvitationResult,
} from '@complaints/activities/experience-survey';
import { TASK_QUEUES } from '@complaints/temporal';

export const { recordCaseEvent } = proxyActivities<{ recordCaseEvent(input: CaseEventInput): Promise<void> }>(
  {
    taskQueue: TASK_QUEUES.complaints,
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
  },
);

// Delivery retries with backoff for as long as it takes (SMTP down for hours must not lose a letter).
export const { sendCorrespondence } = proxyActivities<{
  sendCorrespondence(input: CorrespondenceRequest): Promise<SendCorrespondenceResult>;
}>({
  taskQueue: TASK_QUEUES.correspondence,
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

// The experience survey's invitations after closure (ADR 0023), by the correspondence service, retried like letters.
export const { inviteToExperienceSurvey } = proxyActivities<{
  inviteToExperienceSurvey(input: SurveyInvitationRequest): Promise<SurveyInvitationResult>;
}>({
  taskQueue: TASK_QUEUES.correspondence,
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});
