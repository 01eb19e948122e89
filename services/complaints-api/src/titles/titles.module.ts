import { Module } from '@nestjs/common';
import { TitlesController } from './titles.controller';
import { Titles } from './titles.service';

/** R-RESP-2, R-PERS-1 (ADR 0034): the organisation's titles for the procedure's roles and its staff's job titles. */
@Module({ controllers: [TitlesController], providers: [Titles] })
export class TitlesModule {}
