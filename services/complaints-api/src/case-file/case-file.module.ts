import { Global, Module } from '@nestjs/common';
import { CaseFileAccess } from './case-file.decorator';
import { ProcedureCommands } from './procedure-commands.service';
import { StaffDirectory } from './staff-directory.service';

/** What every phase shares: the one door to a complaint, the one way to command its workflow, the staff. */
@Global()
@Module({
  providers: [CaseFileAccess, ProcedureCommands, StaffDirectory],
  exports: [CaseFileAccess, ProcedureCommands, StaffDirectory],
})
export class CaseFileModule {}
