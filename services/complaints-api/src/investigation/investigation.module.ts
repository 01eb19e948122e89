import { Module } from '@nestjs/common';
import { InvestigationPlanService } from './investigation-plan.service';
import { InvestigationController } from './investigation.controller';
import { InvestigationService } from './investigation.service';

/** Procedure §3: the closer look. */
@Module({
  controllers: [InvestigationController],
  providers: [InvestigationService, InvestigationPlanService],
})
export class InvestigationModule {}
