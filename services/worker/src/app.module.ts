import { Module, type DynamicModule } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { createActionPlanActivities } from '@complaints/activities/action-plan';
import { createCaseRecordActivities } from '@complaints/activities/case-record';
import { createRetentionActivities } from '@complaints/activities/retention';
import { createThemeActivities } from '@complaints/activities/themes';
import {
  DATA_SOURCE,
  HealthController,
  serviceCoreImports,
  TemporalWorkerHost,
  temporalSettings,
  tokenVerifierFor,
  workflowSandboxOptions,
} from '@complaints/service-kit';
import { TASK_QUEUES } from '@complaints/temporal';
import { EncryptionCodec } from '@complaints/temporal/client';
import { CodecController, PAYLOAD_CODEC } from './codec/codec.controller';
import {
  OPERATIONS_AUDIENCE,
  OPERATIONS_TOKEN_VERIFIER,
  OperationsTokenGuard,
} from './codec/operations-token.guard';
import type { WorkerConfig } from './config';
import { retentionReviewSchedule } from './retention/retention-review.schedule';
import { WORKER_SCHEDULES, WorkerSchedules } from './schedules/worker-schedules';
import { themeAlertsSchedule } from './themes/theme-alerts.schedule';
import { actionRemindersSchedule } from './action-plan/action-reminders.schedule';

/**
 * The `complaints` task queue: every workflow, the case-record, retention, theme and action-plan activities, the
 * daily retention review's, theme review's and action reminders' schedules; and the UI's codec server.
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
          provide: OPERATIONS_TOKEN_VERIFIER,
          useFactory: () => tokenVerifierFor(config, OPERATIONS_AUDIENCE),
        },
        OperationsTokenGuard,
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
                ...createThemeActivities({ dataSource }),
                ...createActionPlanActivities({ dataSource }),
              },
              // Only Updates the complaints API signed are taken (ADR 0012).
              interceptors: { workflowModules: [require.resolve('@complaints/workflows/interceptors')] },
              ...workflowSandboxOptions(config),
            })),
        },
        {
          provide: WORKER_SCHEDULES,
          useValue:
            config.DAILY_SCHEDULES === 'on'
              ? [retentionReviewSchedule, themeAlertsSchedule, actionRemindersSchedule]
              : [],
        },
        WorkerSchedules,
      ],
    };
  }
}
