import { Module, type DynamicModule } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { createCaseRecordActivities } from '@complaints/activities/case-record';
import { createRetentionActivities } from '@complaints/activities/retention';
import {
  DATA_SOURCE,
  HealthController,
  serviceCoreImports,
  TemporalWorkerHost,
  temporalSettings,
} from '@complaints/service-kit';
import { TASK_QUEUES } from '@complaints/temporal';
import { EncryptionCodec } from '@complaints/temporal/client';
import { CodecController, PAYLOAD_CODEC } from './codec/codec.controller';
import type { WorkerConfig } from './config';
import { RetentionReviewSchedule } from './retention/retention-review.schedule';

/**
 * The `complaints` task queue: every workflow, the case-record and retention activities, the daily retention
 * review's schedule; and the UI's codec server.
 */
@Module({})
export class AppModule {
  static forConfig(config: WorkerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: serviceCoreImports('worker', config),
      controllers: [HealthController, CodecController],
      providers: [
        { provide: PAYLOAD_CODEC, useFactory: () => EncryptionCodec.create(config.PAYLOAD_ENCRYPTION_KEY) },
        {
          provide: TemporalWorkerHost,
          inject: [DATA_SOURCE],
          useFactory: (dataSource: DataSource) =>
            new TemporalWorkerHost(temporalSettings(config), () => ({
              taskQueue: TASK_QUEUES.complaints,
              workflowsPath: require.resolve('@complaints/workflows'),
              activities: {
                ...createCaseRecordActivities({ dataSource }),
                ...createRetentionActivities({ dataSource }),
              },
            })),
        },
        RetentionReviewSchedule,
      ],
    };
  }
}
