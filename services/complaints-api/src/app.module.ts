import { Module, type DynamicModule } from '@nestjs/common';
import { HealthController, serviceCoreImports, staffAuthProviders } from '@complaints/service-kit';
import { AccessModule } from './access/access.module';
import { ActionPlanModule } from './action-plan/action-plan.module';
import { AfterResponseModule } from './after-response/after-response.module';
import { CaseFileModule } from './case-file/case-file.module';
import { ComplaintsModule } from './complaints/complaints.module';
import type { ComplaintsApiConfig } from './config';
import { ContactLimitsModule } from './contact-limits/contact-limits.module';
import { DelegationsModule } from './delegations/delegations.module';
import { TitlesModule } from './titles/titles.module';
import { ExperienceSurveyModule } from './experience-survey/experience-survey.module';
import { FinalResponseModule } from './final-response/final-response.module';
import { IntakeModule } from './intake/intake.module';
import { JointResponseModule } from './joint-response/joint-response.module';
import { InvestigationModule } from './investigation/investigation.module';
import { JointCaseModule } from './joint-case/joint-case.module';
import { MonitoringModule } from './monitoring/monitoring.module';
import { OmbudsmanModule } from './ombudsman/ombudsman.module';
import { ProgressModule } from './progress/progress.module';
import { RetentionModule } from './retention/retention.module';
import { SubjectAccessModule } from './subject-access/subject-access.module';
import { TriageModule } from './triage/triage.module';

/** One module per phase of the procedure, over the case file every phase shares. */
@Module({})
export class AppModule {
  static forConfig(config: ComplaintsApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...serviceCoreImports('complaints-api', config),
        CaseFileModule.forConfig(config),
        IntakeModule.forConfig(config),
        ComplaintsModule,
        TriageModule,
        InvestigationModule,
        DelegationsModule,
        TitlesModule,
        FinalResponseModule,
        AfterResponseModule,
        ActionPlanModule,
        OmbudsmanModule,
        MonitoringModule.forConfig(config),
        ContactLimitsModule,
        RetentionModule,
        SubjectAccessModule,
        AccessModule,
        ProgressModule.forConfig(config),
        ExperienceSurveyModule.forConfig(config),
        JointCaseModule,
        JointResponseModule,
      ],
      controllers: [HealthController],
      providers: [...staffAuthProviders(config)],
    };
  }
}
