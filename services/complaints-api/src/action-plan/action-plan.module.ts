import { Module } from '@nestjs/common';
import { ActionPlanController } from './action-plan.controller';
import { ActionPlanService } from './action-plan.service';

/** Learning on every case and each complaint's action plan (ADR 0024). */
@Module({ controllers: [ActionPlanController], providers: [ActionPlanService], exports: [ActionPlanService] })
export class ActionPlanModule {}
