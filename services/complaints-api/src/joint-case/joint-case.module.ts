import { Module } from '@nestjs/common';
import { JointCaseController } from './joint-case.controller';
import { JointCaseService } from './joint-case.service';

/** Procedure §6 from the lead's side: making a complaint joint, consent to share, copies (ADR 0018). */
@Module({ controllers: [JointCaseController], providers: [JointCaseService] })
export class JointCaseModule {}
