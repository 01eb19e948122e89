import { Module } from '@nestjs/common';
import { AfterResponseController } from './after-response.controller';

/** Procedure §5: after the response. */
@Module({ controllers: [AfterResponseController] })
export class AfterResponseModule {}
