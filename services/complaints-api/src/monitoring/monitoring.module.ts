import { Module } from '@nestjs/common';
import { MonitoringController } from './monitoring.controller';
import { MonitoringService } from './monitoring.service';

/** Procedure §8: monitoring, learning and reporting. */
@Module({ controllers: [MonitoringController], providers: [MonitoringService] })
export class MonitoringModule {}
