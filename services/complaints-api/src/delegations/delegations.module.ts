import { Module } from '@nestjs/common';
import { SignOffDelegationController } from './sign-off-delegation.controller';
import { SignOffDelegations } from './sign-off-delegation.service';

/** R-RESP-2 (ADR 0034): the Responsible Person's recorded delegates, who may sign final responses for them. */
@Module({
  controllers: [SignOffDelegationController],
  providers: [SignOffDelegations],
  exports: [SignOffDelegations],
})
export class DelegationsModule {}
