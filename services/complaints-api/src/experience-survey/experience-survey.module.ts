import { Module, type DynamicModule } from '@nestjs/common';
import type { ComplaintsApiConfig } from '../config';
import { PUBLIC_INTAKE_KEY, PublicIntakeGuard } from '../intake/public-intake.guard';
import { DISCLOSURE_CONTROL } from '../monitoring/monitoring-report.service';
import { ExperienceSurveyReportController } from './experience-survey-report.controller';
import { ExperienceSurveyService } from './experience-survey.service';
import { PublicSurveyController } from './public-survey.controller';

/** The experience survey after closure (ADR 0023): the public web service's pages and the aggregate report. */
@Module({})
export class ExperienceSurveyModule {
  static forConfig(config: ComplaintsApiConfig): DynamicModule {
    return {
      module: ExperienceSurveyModule,
      controllers: [PublicSurveyController, ExperienceSurveyReportController],
      providers: [
        { provide: DISCLOSURE_CONTROL, useValue: { threshold: config.REPORT_SUPPRESSION_THRESHOLD } },
        { provide: PUBLIC_INTAKE_KEY, useValue: config.PUBLIC_INTAKE_KEY },
        PublicIntakeGuard,
        ExperienceSurveyService,
      ],
    };
  }
}
