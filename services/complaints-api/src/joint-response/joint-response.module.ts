import { Module } from '@nestjs/common';
import { JointResponseController } from './joint-response.controller';
import { JointResponseService } from './joint-response.service';

/** The lead's commands to a joint case's jointResponse workflow (ADR 0019); making a complaint joint is joint-case/. */
@Module({ controllers: [JointResponseController], providers: [JointResponseService] })
export class JointResponseModule {}
