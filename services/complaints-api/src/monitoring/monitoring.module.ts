import { Module, type DynamicModule } from '@nestjs/common';
import type { ComplaintsApiConfig } from '../config';
import { MonitoringController } from './monitoring.controller';
import { DISCLOSURE_CONTROL, MonitoringReportService } from './monitoring-report.service';
import { MonitoringService } from './monitoring.service';
import { TargetsReportService } from './targets-report.service';
import { QuarterlyReviewService } from './quarterly-review.service';
import { ThemesController } from './themes.controller';
import { Ko41aController } from './ko41a.controller';
import { Ko41aService } from './ko41a.service';
import { YouSaidWeDidController } from './you-said-we-did.controller';
import { YouSaidWeDidService } from './you-said-we-did.service';
import { ThemesService } from './themes.service';
import { AnnualReportController } from './annual-report.controller';
import { AnnualReportFiguresService } from './annual-report-figures.service';
import { AnnualReportService } from './annual-report.service';

/** Procedure §8: monitoring, learning and reporting. */
@Module({})
export class MonitoringModule {
  static forConfig(config: ComplaintsApiConfig): DynamicModule {
    return {
      module: MonitoringModule,
      controllers: [
        MonitoringController,
        ThemesController,
        Ko41aController,
        YouSaidWeDidController,
        AnnualReportController,
      ],
      providers: [
        { provide: DISCLOSURE_CONTROL, useValue: { threshold: config.REPORT_SUPPRESSION_THRESHOLD } },
        MonitoringService,
        MonitoringReportService,
        TargetsReportService,
        QuarterlyReviewService,
        ThemesService,
        Ko41aService,
        YouSaidWeDidService,
        AnnualReportFiguresService,
        AnnualReportService,
      ],
    };
  }
}
