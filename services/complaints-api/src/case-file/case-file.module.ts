import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CaseFileAccess, CaseFileInterceptor } from './case-file.decorator';
import { CaseTeam } from './case-team.service';
import { COMMAND_DEADLINE, ProcedureCommands } from './procedure-commands.service';
import { StaffDirectory } from './staff-directory.service';

/** What every phase shares: the one door to a complaint, the one way to command its workflow, the staff. */
@Global()
@Module({})
export class CaseFileModule {
  static forConfig(config: { COMMAND_DEADLINE_MS: number }): DynamicModule {
    return {
      module: CaseFileModule,
      providers: [
        CaseFileAccess,
        ProcedureCommands,
        StaffDirectory,
        CaseTeam,
        { provide: COMMAND_DEADLINE, useValue: config.COMMAND_DEADLINE_MS },
        { provide: APP_INTERCEPTOR, useClass: CaseFileInterceptor },
      ],
      exports: [CaseFileAccess, ProcedureCommands, StaffDirectory, CaseTeam, COMMAND_DEADLINE],
    };
  }
}
