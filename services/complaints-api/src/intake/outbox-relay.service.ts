import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { Complaint } from '@complaints/db';
import { DATA_SOURCE } from '@complaints/service-kit';
import { ComplaintWorkflowStarter } from './complaint-workflow.starter';

export const OUTBOX_SETTINGS = Symbol('OUTBOX_SETTINGS');

export interface OutboxSettings {
  intervalMs: number;
  /** Complaints younger than this are left to the intake request that is starting them. */
  graceMs: number;
}

/**
 * Transactional outbox relay: a complaint committed without its workflow (the process died between the
 * commit and the start, or Temporal was unreachable) is picked up here and its workflow started.
 * Rows are claimed with SKIP LOCKED, so several API replicas can run the relay at once.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly starter: ComplaintWorkflowStarter,
    @Inject(OUTBOX_SETTINGS) private readonly settings: OutboxSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.settings.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => 0);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.relayPending();
    try {
      await this.running;
    } catch (error) {
      this.logger.warn({ err: { type: (error as Error).name } }, 'outbox relay pass failed; will retry');
    } finally {
      this.running = undefined;
    }
  }

  /** Starts the workflows of complaints still waiting for one; returns how many were started. */
  async relayPending(batchSize = 50): Promise<number> {
    let started = 0;
    await this.dataSource.transaction(async (manager) => {
      const pending = await manager
        .getRepository(Complaint)
        .createQueryBuilder('complaint')
        .where('complaint.workflow_started_at IS NULL')
        .andWhere(`complaint.created_at < now() - make_interval(secs => :grace)`, {
          grace: this.settings.graceMs / 1000,
        })
        .orderBy('complaint.created_at')
        .limit(batchSize)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      for (const complaint of pending) {
        await this.starter.start(complaint, manager);
        started += 1;
      }
    });
    if (started > 0) this.logger.log(`outbox relay started ${started} complaint workflow(s)`);
    return started;
  }
}
