import { ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import { TASK_QUEUES } from '@complaints/temporal';
import { ensureSchedule } from '../schedules/worker-schedules';

export const RETENTION_REVIEW_SCHEDULE_ID = 'retention-review';

/** Every day at 02:00 London time, one review at a time; a day missed while Temporal was down is caught up. */
export const retentionReviewSchedule = (): ScheduleOptions => ({
  scheduleId: RETENTION_REVIEW_SCHEDULE_ID,
  spec: { calendars: [{ hour: 2, minute: 0 }], timezone: 'Europe/London' },
  action: {
    type: 'startWorkflow',
    workflowType: 'retentionReview',
    workflowId: RETENTION_REVIEW_SCHEDULE_ID,
    taskQueue: TASK_QUEUES.complaints,
    args: [],
  },
  policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
});

/** The daily retention review's Temporal Schedule (ADR 0013), created when missing. */
export const ensureRetentionReviewSchedule = (client: Client) =>
  ensureSchedule(client, retentionReviewSchedule());
