import { Module } from '@nestjs/common';
import { AccessController } from './access.controller';
import { AccessService } from './access.service';

/** R-INT-8: the access log and break-glass grants. */
@Module({ controllers: [AccessController], providers: [AccessService] })
export class AccessModule {}
