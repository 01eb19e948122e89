import { Module } from '@nestjs/common';
import { DelegationsModule } from '../delegations/delegations.module';
import { FinalResponseController } from './final-response.controller';
import { FinalResponseService } from './final-response.service';

/** Procedure §4: the final response, its words in Postgres as versions, and its sign-off. */
@Module({
  imports: [DelegationsModule],
  controllers: [FinalResponseController],
  providers: [FinalResponseService],
})
export class FinalResponseModule {}
