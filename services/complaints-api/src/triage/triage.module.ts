import { Module } from '@nestjs/common';
import { TriageController } from './triage.controller';
import { TriageService } from './triage.service';

/** Procedure §1 (R-INT-5/6/7) and §2: acknowledge, the quick route, resolve early or look closer. */
@Module({ controllers: [TriageController], providers: [TriageService] })
export class TriageModule {}
