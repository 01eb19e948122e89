import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  type LogLevel,
  type WorkerOptions,
} from '@temporalio/worker';
import {
  createDataConverter,
  ensureSearchAttributes,
  temporalTls,
  type TemporalSettings,
} from '@complaints/temporal/client';

export type HostedWorkerOptions = Omit<WorkerOptions, 'connection' | 'namespace' | 'dataConverter'>;

/**
 * Runs one Temporal worker for the life of a Nest application: connects (registering the search
 * attributes, tolerating those that exist), polls its task queue, and on shutdown stops polling and
 * drains the tasks in flight before the process exits.
 */
export class TemporalWorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private worker?: Worker;
  private running?: Promise<void>;
  private connection?: NativeConnection;

  constructor(
    private readonly settings: TemporalSettings,
    private readonly options: () => Promise<HostedWorkerOptions> | HostedWorkerOptions,
  ) {
    this.logger = new Logger(`TemporalWorker`);
  }

  async onApplicationBootstrap(): Promise<void> {
    installJsonRuntimeLogger();
    this.connection = await NativeConnection.connect({
      address: this.settings.address,
      tls: temporalTls(this.settings),
    });
    await ensureSearchAttributes(this.connection, this.settings.namespace);
    const options = await this.options();
    this.worker = await Worker.create({
      ...options,
      connection: this.connection,
      namespace: this.settings.namespace,
      dataConverter: await createDataConverter(this.settings),
    });
    const running = this.worker.run();
    this.running = running;
    running.catch((error: Error) =>
      this.logger.error(
        { err: { type: error.name } },
        `worker of ${options.taskQueue} stopped with an error`,
      ),
    );
    this.logger.log(`polling task queue ${options.taskQueue}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker?.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}

let runtimeInstalled = false;

/** The SDK's own logs as JSON lines, like the service's (warnings and errors only: its info is per-task noise). */
function installJsonRuntimeLogger(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  const level = (process.env.TEMPORAL_LOG_LEVEL ?? 'WARN') as LogLevel;
  Runtime.install({
    logger: new DefaultLogger(level, (entry) => {
      const { sdkComponent, taskQueue, workflowType, activityType } = (entry.meta ?? {}) as Record<
        string,
        unknown
      >;
      process.stdout.write(
        `${JSON.stringify({ level: entry.level.toLowerCase(), time: Number(entry.timestampNanos / 1_000_000n), service: 'temporal-sdk', msg: entry.message, sdkComponent, taskQueue, workflowType, activityType })}\n`,
      );
    }),
  });
}
