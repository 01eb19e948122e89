import { ActionPlanModule } from '../action-plan/action-plan.module';
import { Module } from '@nestjs/common';
import { ContactLimitsModule } from '../contact-limits/contact-limits.module';
import { ComplaintRecordsService } from './complaint-records.service';
import { ComplaintsController } from './complaints.controller';
import { DeadlineExplanationsService } from './deadline-explanations.service';

/** The case record: the worklist, one complaint with its timeline and the limits on contact, its deadlines. */
@Module({
  imports: [ContactLimitsModule, ActionPlanModule],
  controllers: [ComplaintsController],
  providers: [ComplaintRecordsService, DeadlineExplanationsService],
})
export class ComplaintsModule {}
