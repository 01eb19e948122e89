import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Complaint } from '@complaints/db';
import { CurrentStaff, Roles, type StaffPrincipal } from '@complaints/service-kit';
import { completeActionUpdate, reopenUpdate, requestStageTwoUpdate } from '@complaints/workflows/messages';
import { REFUSED, StaffApiResponses } from '../case-file/api-responses';
import { CaseFile } from '../case-file/case-file.decorator';
import { ProcedureCommands } from '../case-file/procedure-commands.service';
import { CloserLookDto, PromisedActionDto } from '../case-file/process-state.dto';

/** Procedure §5 (and R-RESP-4): the promised actions followed until done, reopening, CWTH's stage two. */
@ApiTags('after the response')
@StaffApiResponses()
@ApiConflictResponse(REFUSED)
@Controller('complaints')
export class AfterResponseController {
  constructor(private readonly commands: ProcedureCommands) {}

  @Post(':reference/actions/:actionId/completion')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'A promised action is done (R-RESP-4)',
    description: 'When the last is done, the person is told and the complaint closes.',
  })
  @ApiParam({ name: 'actionId', description: 'The action id of the final response', example: 'action-1' })
  @ApiOkResponse({ type: [PromisedActionDto], description: 'Every promised action, with what is done' })
  completeAction(
    @CaseFile() complaint: Complaint,
    @Param('actionId') actionId: string,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<PromisedActionDto[]> {
    return this.commands.send(complaint, completeActionUpdate, { actionId, by: staff.id });
  }

  @Post(':reference/reopening')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'The person is not satisfied with the response: reopen (R-REOPEN-1)',
    description:
      'A new closer look with the reopened timescale (HPFT 60 working days from today; agreed per case elsewhere), and a letter telling the person. CWTH uses the stage-two review instead.',
  })
  @ApiOkResponse({ type: CloserLookDto, description: 'The new closer look, with its timescale' })
  reopen(@CaseFile() complaint: Complaint, @CurrentStaff() staff: StaffPrincipal): Promise<CloserLookDto> {
    return this.commands.send(complaint, reopenUpdate, { by: staff.id });
  }

  @Post(':reference/stage-two-review')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'CWTH: the person asks for a stage-two review by the Senior Leadership Team/Board (R-STAGE2-1)',
    description:
      'Acknowledged at once by letter; reply within a calendar month. The stage-two decision is final.',
  })
  @ApiOkResponse({ type: CloserLookDto, description: 'The stage-two review, with its timescale' })
  requestStageTwo(
    @CaseFile() complaint: Complaint,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<CloserLookDto> {
    return this.commands.send(complaint, requestStageTwoUpdate, { by: staff.id });
  }
}
