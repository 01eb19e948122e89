import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ScheduleAlreadyRunning, type Client, type ScheduleOptions } from '@temporalio/client';
import { TEMPORAL_CLIENT } from '@complaints/service-kit';

/** Creates a Temporal Schedule unless it exists: every worker replica tries, and whoever is second finds it. */
export async function ensureSchedule(
  client: Client,
  options: ScheduleOptions,
): Promise<'created' | 'exists'> {
  try {
    await client.schedule.create(options);
    return 'created';
  } catch (error) {
    if (error instanceof ScheduleAlreadyRunning) return 'exists';
    throw error;
  }
}

export const WORKER_SCHEDULES = Symbol('WORKER_SCHEDULES');

/** The worker's daily Schedules (retention review, theme alerts), in place once it has started. */
@Injectable()
export class WorkerSchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger('WorkerSchedules');

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(WORKER_SCHEDULES) private readonly schedules: (() => ScheduleOptions)[],
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const schedule of this.schedules) {
      const options = schedule();
      const outcome = await ensureSchedule(this.client, options);
      this.logger.log(
        `${options.scheduleId} schedule ${outcome === 'created' ? 'created' : 'already in place'}`,
      );
    }
  }
}
