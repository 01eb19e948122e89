import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleOptions,
} from '@temporalio/client';
import { TEMPORAL_CLIENT } from '@complaints/service-kit';
import { TASK_QUEUES } from '@complaints/temporal';

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

/**
 * Creates the daily retention review's Temporal Schedule when the worker starts (ADR 0013). Every worker
 * replica does this; whoever is second finds it there, so starting twice leaves one schedule.
 */
export async function ensureRetentionReviewSchedule(client: Client): Promise<'created' | 'exists'> {
  try {
    await client.schedule.create(retentionReviewSchedule());
    return 'created';
  } catch (error) {
    if (error instanceof ScheduleAlreadyRunning) return 'exists';
    throw error;
  }
}

@Injectable()
export class RetentionReviewSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger('RetentionReviewSchedule');

  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}

  async onApplicationBootstrap(): Promise<void> {
    const outcome = await ensureRetentionReviewSchedule(this.client);
    this.logger.log(`retention review schedule ${outcome === 'created' ? 'created' : 'already in place'}`);
  }
}
