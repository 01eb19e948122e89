import { Module } from '@nestjs/common';
import { FinalResponseController } from './final-response.controller';
import { FinalResponseService } from './final-response.service';

/** Procedure §4: the final response, its words in Postgres as versions, and its sign-off. */
@Module({ controllers: [FinalResponseController], providers: [FinalResponseService] })
export class FinalResponseModule {}
