import { Module, type DynamicModule } from '@nestjs/common';
import type { ComplaintsApiConfig } from '../config';
import { ComplaintWorkflowStarter } from './complaint-workflow.starter';
import { IntakeController } from './intake.controller';
import { MonitoringService } from '../monitoring/monitoring.service';
import { IntakeService } from './intake.service';
import { PublicIntakeController } from './public-intake.controller';
import { PUBLIC_INTAKE_KEY, PublicIntakeGuard } from './public-intake.guard';
import { OUTBOX_SETTINGS, OutboxRelay } from './outbox-relay.service';

/** Procedure §1: intake records the complaint and starts its workflow (the outbox relay covers a crash). */
@Module({})
export class IntakeModule {
  static forConfig(config: ComplaintsApiConfig): DynamicModule {
    return {
      module: IntakeModule,
      controllers: [IntakeController, PublicIntakeController],
      providers: [
        {
          provide: OUTBOX_SETTINGS,
          useValue: { intervalMs: config.OUTBOX_RELAY_INTERVAL_MS, graceMs: config.OUTBOX_RELAY_GRACE_MS },
        },
        { provide: PUBLIC_INTAKE_KEY, useValue: config.PUBLIC_INTAKE_KEY },
        PublicIntakeGuard,
        ComplaintWorkflowStarter,
        OutboxRelay,
        IntakeService,
        // The web form's optional equality answers are recorded as staff record them (R-MON-1).
        MonitoringService,
      ],
    };
  }
}
