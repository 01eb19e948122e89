import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Complaint } from '@complaints/db';
import { CASE_ROLES } from '@complaints/domain';
import { CurrentStaff, Roles, type StaffPrincipal } from '@complaints/service-kit';
import {
  agreeTimescaleUpdate,
  flagOtherProcedureUpdate,
  pauseClockUpdate,
  resumeClockUpdate,
} from '@complaints/workflows/messages';
import { PROBLEM, REFUSED, StaffApiResponses } from '../case-file/api-responses';
import { CaseFile } from '../case-file/case-file.decorator';
import { ProcedureCommands } from '../case-file/procedure-commands.service';
import { AllocationDto, CloserLookDto, SixMonthDto } from '../case-file/process-state.dto';
import { AllocateDto, RequestClinicalViewDto } from './dto/allocation.dto';
import {
  AgreeTimescaleDto,
  ApproveSixMonthLetterDto,
  ExtendFinalResponseDto,
  FlagOtherProcedureDto,
  OtherProcedureFlagDto,
  PauseClockDto,
  ResumeClockDto,
} from './dto/closer-look.dto';
import { AgreePlanDto, PlanAgreedDto, PlanDto } from './dto/plan.dto';
import { InvestigationPlanService } from './investigation-plan.service';
import { InvestigationService } from './investigation.service';

/**
 * Procedure §3, the closer look: who looks into a complaint and who it is about, the plan agreed with the
 * person, the clinical view (R-INV-1/2/3, R-STAFF-1), and the final-response clock — its timescale, pauses,
 * a new date, and the six-month letter (R-INV-4/5/6/7).
 */
@ApiTags('investigation')
@StaffApiResponses()
@ApiConflictResponse(REFUSED)
@Controller('complaints')
export class InvestigationController {
  constructor(
    private readonly commands: ProcedureCommands,
    private readonly investigation: InvestigationService,
    private readonly plans: InvestigationPlanService,
  ) {}

  @Post(':reference/allocation')
  @HttpCode(200)
  @Roles('complaints-manager')
  @ApiOperation({
    summary: 'Allocate the handler and record the staff involved (R-INV-1, R-STAFF-1)',
    description:
      'Refused (409, R-INV-1) when the handler is named as involved, unless `involvedHandlerReason` is given; the person is then told why by letter. Each newly named member of staff is told early by email.',
  })
  @ApiOkResponse({ type: AllocationDto, description: 'The allocation, as recorded' })
  @ApiUnprocessableEntityResponse({
    ...PROBLEM,
    description: 'A staff id is not a member of staff of this organisation',
  })
  allocate(
    @CaseFile() complaint: Complaint,
    @Body() dto: AllocateDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<AllocationDto> {
    return this.investigation.allocate(complaint, dto, staff);
  }

  @Post(':reference/plan')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Record the plan agreed with the person, and send it to them (R-INV-2, R-INV-4)',
    description:
      'Saved as a new version (its words stay in Postgres); the workflow records it and the person is sent the plan with the date of the final response. ' +
      '`agreedDue` becomes the agreed final-response date; the PHSO model needs one. It may not be later than the profile timescale nor change a date already agreed (409, R-INV-5: use an extension). A later version replaces the plan and is sent again. ' +
      'A version the workflow refuses is not kept.',
  })
  @ApiOkResponse({
    type: PlanAgreedDto,
    description: 'The saved version, and the plan as the workflow agreed it',
  })
  @ApiUnprocessableEntityResponse({
    ...PROBLEM,
    description: 'A key issue or the respondent is unknown here',
  })
  agreePlan(
    @CaseFile() complaint: Complaint,
    @Body() dto: AgreePlanDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<PlanAgreedDto> {
    return this.investigation.agreePlan(complaint, dto, staff);
  }

  @Get(':reference/plan')
  @Roles(...CASE_ROLES)
  @ApiOperation({ summary: 'The latest saved plan (R-INV-2), with its words' })
  @ApiOkResponse({ type: PlanDto })
  getPlan(@CaseFile() complaint: Complaint): Promise<PlanDto> {
    return this.plans.latest(complaint);
  }

  @Post(':reference/clinical-view')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Ask a suitably qualified person not involved for a clinical view (R-INV-3)',
    description: 'Refused when the reviewer is among the staff named as involved.',
  })
  @ApiOkResponse({ type: AllocationDto, description: 'The allocation, with the clinical view requested' })
  @ApiUnprocessableEntityResponse({
    ...PROBLEM,
    description: 'The reviewer is not a member of staff of this organisation',
  })
  requestClinicalView(
    @CaseFile() complaint: Complaint,
    @Body() dto: RequestClinicalViewDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<AllocationDto> {
    return this.investigation.requestClinicalView(complaint, dto, staff);
  }

  @Post(':reference/timescale')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Record the final-response date agreed with the person (R-INV-4)',
    description:
      "The PHSO model agrees the date per case; elsewhere a date sooner than the profile's timescale (HPFT 35 working days, iTrust 20, CWTH a month) may be agreed. " +
      'A date later than the profile timescale, or a change to a date already agreed, is refused (409, R-INV-5): that is an extension (`…/final-response/extension`), so the timescale agreed at the start, which monitoring reports against, never moves.',
  })
  @ApiOkResponse({ type: CloserLookDto, description: 'The closer look, with the agreed date' })
  @ApiConflictResponse({
    ...PROBLEM,
    description:
      'Refused: not in a closer look, a date in the past, later than the profile timescale, or a change to a date already agreed (R-INV-5)',
  })
  agreeTimescale(
    @CaseFile() complaint: Complaint,
    @Body() dto: AgreeTimescaleDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<CloserLookDto> {
    return this.commands.send(complaint, agreeTimescaleUpdate, { due: dto.due, by: staff.id });
  }

  @Post(':reference/clock/pause')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Pause the final-response clock from the day it was paused (R-INV-6)',
    description:
      'From `on` (today if not given) no deadline runs; on resuming, the deadline moves out by the paused working days.',
  })
  @ApiOkResponse({ type: CloserLookDto, description: 'The closer look, its clock paused (no due date)' })
  @ApiConflictResponse({
    ...PROBLEM,
    description:
      'Refused: not in a closer look, already paused, or `on` after today or before the round began or the last pause ended',
  })
  pauseClock(
    @CaseFile() complaint: Complaint,
    @Body() dto: PauseClockDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<CloserLookDto> {
    return this.commands.send(complaint, pauseClockUpdate, { reason: dto.reason, on: dto.on, by: staff.id });
  }

  @Post(':reference/other-procedures')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Flag another procedure the complaint is also handled under, and tell the person in writing',
    description:
      'A patient safety incident review, a safeguarding concern, a coroner, a regulator or a legal claim: recorded on the case (`other-procedure-flagged`) and, unless the complaint is anonymous, told to the person by letter, once per procedure. The complaint and its deadlines go on: only a formal request from the police, a coroner or a judge puts it on hold, as a pause with that reason (`POST …/clock/pause`, R-INV-6). Refused (409) when closed or already flagged.',
  })
  @ApiOkResponse({ type: [OtherProcedureFlagDto], description: 'Every procedure flagged on the complaint' })
  flagOtherProcedure(
    @CaseFile() complaint: Complaint,
    @Body() dto: FlagOtherProcedureDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<OtherProcedureFlagDto[]> {
    return this.commands.send(complaint, flagOtherProcedureUpdate, {
      procedure: dto.procedure,
      by: staff.id,
    });
  }

  @Post(':reference/clock/resume')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Resume the final-response clock, with the reason: the day it resumed counts again (R-INV-6)',
    description:
      'The pause ends the day before `on` (today if not given); the reason is recorded with it. While consent is still sought (R-INT-5) only `continuing-without-consent` resumes by hand.',
  })
  @ApiOkResponse({ type: CloserLookDto, description: 'The closer look, its deadline moved out by the pause' })
  @ApiConflictResponse({
    ...PROBLEM,
    description:
      'Refused: the clock is not paused, consent is still sought, or `on` after today or before the pause',
  })
  resumeClock(
    @CaseFile() complaint: Complaint,
    @Body() dto: ResumeClockDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<CloserLookDto> {
    return this.commands.send(complaint, resumeClockUpdate, { reason: dto.reason, on: dto.on, by: staff.id });
  }

  @Post(':reference/final-response/extension')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'The final response will be late: a new date agreed with the person (R-INV-5)',
    description:
      'The person is sent a letter with the reason, the new date and, where it was agreed, with whom, how and when (CWTH: a progress report). `agreement` is required except under CWTH. Refused (409 R-INV-5/R-INV-6) while the clock is paused, for a date in the past or not after the current one, or an agreement dated after today or before this round began.',
  })
  @ApiOkResponse({ type: CloserLookDto, description: 'The closer look, with its new date' })
  extendFinalResponse(
    @CaseFile() complaint: Complaint,
    @Body() dto: ExtendFinalResponseDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<CloserLookDto> {
    return this.investigation.extendFinalResponse(complaint, dto, staff);
  }

  @Post(':reference/six-month-letter/approval')
  @HttpCode(200)
  @Roles('responsible-person', 'senior-manager')
  @ApiOperation({
    summary: 'Approve the six-month letter explaining the delay and the likely timescale (R-INV-7)',
    description:
      'The letter goes to the person at once, signed by the approver, who keeps oversight until the final response.',
  })
  @ApiOkResponse({ type: SixMonthDto, description: 'The six-month letter, approved' })
  approveSixMonthLetter(
    @CaseFile() complaint: Complaint,
    @Body() dto: ApproveSixMonthLetterDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<SixMonthDto> {
    return this.investigation.approveSixMonthLetter(complaint, dto, staff);
  }
}
