import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Complaint } from '@complaints/db';
import { CurrentStaff, Roles, type StaffPrincipal } from '@complaints/service-kit';
import { reopenUpdate, requestStageTwoUpdate } from '@complaints/workflows/messages';
import { REFUSED, StaffApiResponses } from '../case-file/api-responses';
import { CaseFile } from '../case-file/case-file.decorator';
import { ProcedureCommands } from '../case-file/procedure-commands.service';
import { CloserLookDto } from '../case-file/process-state.dto';
import { NotSatisfiedDto } from './not-satisfied.dto';

/** Procedure §5: reopening, CWTH's stage two (the promised actions are on the action plan, ADR 0024). */
@ApiTags('after the response')
@StaffApiResponses()
@ApiConflictResponse(REFUSED)
@Controller('complaints')
export class AfterResponseController {
  constructor(private readonly commands: ProcedureCommands) {}

  @Post(':reference/reopening')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'The person is not satisfied with the response: reopen (R-REOPEN-1)',
    description:
      'A new closer look with the reopened timescale from the day the person said so (`on`, today if not given; HPFT 60 working days; agreed per case elsewhere), the reason recorded, and a letter telling the person. CWTH uses the stage-two review instead. Refused (409) for a day after today or before the final response.',
  })
  @ApiOkResponse({ type: CloserLookDto, description: 'The new closer look, with its timescale' })
  reopen(
    @CaseFile() complaint: Complaint,
    @Body() dto: NotSatisfiedDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<CloserLookDto> {
    return this.commands.send(complaint, reopenUpdate, { reason: dto.reason, on: dto.on, by: staff.id });
  }

  @Post(':reference/stage-two-review')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'CWTH: the person asks for a stage-two review by the Senior Leadership Team/Board (R-STAGE2-1)',
    description:
      'Acknowledged at once by letter; reply within a calendar month of the request (`on`, today if not given), its reason recorded. The stage-two decision is final. Refused (409) for a day after today or before the final response.',
  })
  @ApiOkResponse({ type: CloserLookDto, description: 'The stage-two review, with its timescale' })
  requestStageTwo(
    @CaseFile() complaint: Complaint,
    @Body() dto: NotSatisfiedDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<CloserLookDto> {
    return this.commands.send(complaint, requestStageTwoUpdate, {
      reason: dto.reason,
      on: dto.on,
      by: staff.id,
    });
  }
}
