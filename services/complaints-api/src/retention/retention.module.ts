import { Module } from '@nestjs/common';
import { RetentionController } from './retention.controller';
import { RetentionService } from './retention.service';

/** Records management: retention, legal holds and disposal (ADR 0013). */
@Module({ controllers: [RetentionController], providers: [RetentionService] })
export class RetentionModule {}
