import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CaseFileAccess, CaseFileInterceptor } from './case-file.decorator';
import { CaseTeam } from './case-team.service';
import { ProcedureCommands } from './procedure-commands.service';
import { StaffDirectory } from './staff-directory.service';

/** What every phase shares: the one door to a complaint, the one way to command its workflow, the staff. */
@Global()
@Module({
  providers: [
    CaseFileAccess,
    ProcedureCommands,
    StaffDirectory,
    CaseTeam,
    { provide: APP_INTERCEPTOR, useClass: CaseFileInterceptor },
  ],
  exports: [CaseFileAccess, ProcedureCommands, StaffDirectory, CaseTeam],
})
export class CaseFileModule {}
