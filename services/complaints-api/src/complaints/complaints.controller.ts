import { Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Complaint } from '@complaints/db';
import { CASE_ROLES } from '@complaints/domain';
import { CurrentStaff, Roles, type StaffPrincipal } from '@complaints/service-kit';
import { withdrawUpdate } from '@complaints/workflows/messages';
import { PROBLEM, StaffApiResponses } from '../case-file/api-responses';
import { accessRequest, CaseFile } from '../case-file/case-file.decorator';
import { ProcedureCommands } from '../case-file/procedure-commands.service';
import { ProcessStateDto } from '../case-file/process-state.dto';
import { ContactLimitsService } from '../contact-limits/contact-limits.service';
import { ComplaintRecordsService } from './complaint-records.service';
import { ActionPlanService } from '../action-plan/action-plan.service';
import { toDetailView, toWorklistItem } from './complaint-views';
import { DeadlineExplanationsService } from './deadline-explanations.service';
import { ComplaintDetailDto, WorklistPageDto } from './dto/complaint-response.dto';
import { DeadlineExplanationDto } from './dto/deadline-explanation.dto';
import { WorklistQueryDto } from './dto/worklist-query.dto';

/** The case record as staff read it — the worklist, one complaint, its deadlines — and its withdrawal. */
@ApiTags('complaints')
@StaffApiResponses()
@Controller('complaints')
export class ComplaintsController {
  constructor(
    private readonly records: ComplaintRecordsService,
    private readonly commands: ProcedureCommands,
    private readonly deadlines: DeadlineExplanationsService,
    private readonly contactLimits: ContactLimitsService,
    private readonly plans: ActionPlanService,
  ) {}

  @Get()
  @Roles(...CASE_ROLES)
  @ApiOperation({
    summary: 'The worklist: complaints soonest deadline first, filterable and paginated',
    description:
      'Only the complaints you may open (R-INT-8 need-to-know: those whose case team you are on, or all of your ' +
      "organisation's if you are a complaints manager). Each page is recorded in the access log with its references.",
  })
  @ApiOkResponse({ type: WorklistPageDto })
  async worklist(
    @Query() query: WorklistQueryDto,
    @CurrentStaff() staff: StaffPrincipal,
    @Req() request: Request,
  ): Promise<WorklistPageDto> {
    const page = await this.records.worklist(query, staff, accessRequest(request, 'search', staff));
    return { ...page, items: page.items.map(toWorklistItem) };
  }

  @Get(':reference')
  @Roles(...CASE_ROLES)
  @ApiOperation({ summary: 'One complaint: the record, its stage, deadlines and timeline' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  async get(@CaseFile() complaint: Complaint): Promise<ComplaintDetailDto> {
    return toDetailView(
      complaint,
      await this.records.timeline(complaint),
      await this.contactLimits.inForceFor(complaint),
      await this.plans.planOf(complaint),
      await this.plans.issueOutcomes(complaint),
    );
  }

  @Get(':reference/deadlines')
  @Roles(...CASE_ROLES)
  @ApiOperation({
    summary:
      'Each deadline, explained: rule, profile version, calendar, start date, pauses, extensions and due date',
  })
  @ApiOkResponse({ type: [DeadlineExplanationDto] })
  explainDeadlines(@CaseFile() complaint: Complaint): Promise<DeadlineExplanationDto[]> {
    return this.deadlines.explain(complaint);
  }

  @Post(':reference/withdrawal')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({ summary: 'The person withdraws the complaint: the procedure and every clock stop' })
  @ApiOkResponse({ type: ProcessStateDto, description: 'The process state, withdrawn' })
  @ApiConflictResponse({ ...PROBLEM, description: 'Refused: already closed' })
  withdraw(
    @CaseFile() complaint: Complaint,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<ProcessStateDto> {
    return this.commands.send(complaint, withdrawUpdate, { by: staff.id });
  }
}
