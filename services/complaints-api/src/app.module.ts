import { Module, type DynamicModule } from '@nestjs/common';
import { HealthController, serviceCoreImports, staffAuthProviders } from '@complaints/service-kit';
import { ComplaintCommandsService } from './complaints/complaint-commands.service';
import { ComplaintRecordsService } from './complaints/complaint-records.service';
import { ComplaintWorkflowStarter } from './complaints/complaint-workflow.starter';
import { ComplaintsController } from './complaints/complaints.controller';
import { DeadlineExplanationsService } from './complaints/deadline-explanations.service';
import { FinalResponseController } from './complaints/final-response.controller';
import { FinalResponseService } from './complaints/final-response.service';
import { InvestigationController } from './complaints/investigation.controller';
import { TriageController } from './complaints/triage.controller';
import { IntakeService } from './complaints/intake.service';
import { StaffDirectory } from './complaints/staff-directory.service';
import { OUTBOX_SETTINGS, OutboxRelay } from './complaints/outbox-relay.service';
import type { ComplaintsApiConfig } from './config';
import { InvestigationPlanService } from './complaints/investigation-plan.service';
import { MonitoringController } from './complaints/monitoring.controller';
import { MonitoringService } from './complaints/monitoring.service';
import { ContactLimitsController } from './complaints/contact-limits.controller';
import { ContactLimitsService } from './complaints/contact-limits.service';

@Module({})
export class AppModule {
  static forConfig(config: ComplaintsApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: serviceCoreImports('complaints-api', config),
      controllers: [
        HealthController,
        ComplaintsController,
        TriageController,
        InvestigationController,
        FinalResponseController,
        MonitoringController,
        ContactLimitsController,
      ],
      providers: [
        ...staffAuthProviders(config),
        {
          provide: OUTBOX_SETTINGS,
          useValue: { intervalMs: config.OUTBOX_RELAY_INTERVAL_MS, graceMs: config.OUTBOX_RELAY_GRACE_MS },
        },
        ComplaintWorkflowStarter,
        OutboxRelay,
        IntakeService,
        ComplaintRecordsService,
        ComplaintCommandsService,
        DeadlineExplanationsService,
        FinalResponseService,
        InvestigationPlanService,
        MonitoringService,
        ContactLimitsService,
        StaffDirectory,
      ],
    };
  }
}
