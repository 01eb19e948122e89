import { Module } from '@nestjs/common';
import { OmbudsmanReferralController } from './ombudsman-referral.controller';
import { OmbudsmanReferralService } from './ombudsman-referral.service';

/** Procedure §5 after the response: the complaint taken to the Ombudsman (ADR 0031). */
@Module({ controllers: [OmbudsmanReferralController], providers: [OmbudsmanReferralService] })
export class OmbudsmanModule {}
