import { Module, type DynamicModule } from '@nestjs/common';
import type { ComplaintsApiConfig } from '../config';
import { MonitoringController } from './monitoring.controller';
import { DISCLOSURE_CONTROL, MonitoringReportService } from './monitoring-report.service';
import { MonitoringService } from './monitoring.service';
import { TargetsReportService } from './targets-report.service';
import { QuarterlyReviewService } from './quarterly-review.service';

/** Procedure §8: monitoring, learning and reporting. */
@Module({})
export class MonitoringModule {
  static forConfig(config: ComplaintsApiConfig): DynamicModule {
    return {
      module: MonitoringModule,
      controllers: [MonitoringController],
      providers: [
        { provide: DISCLOSURE_CONTROL, useValue: { threshold: config.REPORT_SUPPRESSION_THRESHOLD } },
        MonitoringService,
        MonitoringReportService,
        TargetsReportService,
        QuarterlyReviewService,
      ],
    };
  }
}
