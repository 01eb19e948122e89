import { Module } from '@nestjs/common';
import { ContactLimitsController } from './contact-limits.controller';
import { ContactLimitsService } from './contact-limits.service';

/** R-PERS-1: limits on contact for unreasonably persistent behaviour, shown with the person's complaints. */
@Module({
  controllers: [ContactLimitsController],
  providers: [ContactLimitsService],
  exports: [ContactLimitsService],
})
export class ContactLimitsModule {}
