import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentStaff, Roles, type StaffPrincipal } from '@complaints/service-kit';
import { ComplaintCommandsService } from './complaint-commands.service';
import { ComplaintRecordsService } from './complaint-records.service';
import { DeadlineExplanationsService } from './deadline-explanations.service';
import { toCreatedView, toDetailView, toWorklistItem } from './complaint-views';
import { ContactLimitsService } from './contact-limits.service';
import { AcknowledgeDto } from './dto/acknowledge.dto';
import {
  AgreeTimescaleDto,
  ExtendEarlyResolutionDto,
  PauseClockDto,
  ResolveEarlyDto,
} from './dto/procedure-commands.dto';
import {
  AcknowledgementResultDto,
  ComplaintCreatedDto,
  ComplaintDetailDto,
  WorklistPageDto,
} from './dto/complaint-response.dto';
import { CreateComplaintDto } from './dto/create-complaint.dto';
import { WorklistQueryDto } from './dto/worklist-query.dto';
import { IntakeService } from './intake.service';
import { PROBLEM, REFUSED, StaffApiResponses } from './api-responses';
import { CASE_ROLES } from '@complaints/domain';

@ApiTags('complaints')
@StaffApiResponses()
@Controller('complaints')
export class ComplaintsController {
  constructor(
    private readonly intake: IntakeService,
    private readonly records: ComplaintRecordsService,
    private readonly commands: ComplaintCommandsService,
    private readonly deadlines: DeadlineExplanationsService,
    private readonly contactLimits: ContactLimitsService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Record a complaint or feedback from any channel (R-INT-1, R-INT-2)',
    description:
      "Stores the record and starts the complaint's workflow, which keeps its deadlines. Feedback (R-INT-3) and anonymous complaints (R-INT-4) " +
      'are recorded without letters. Send an `Idempotency-Key` to make retries safe: the same key and body return the same complaint.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Unique per intended complaint (1–200 visible ASCII characters)',
  })
  @ApiCreatedResponse({
    type: ComplaintCreatedDto,
    description: 'Recorded; `deadlines.acknowledgement` is the R-ACK-1 due date',
  })
  @ApiBadRequestResponse({
    ...PROBLEM,
    description: 'Invalid fields: `errors` lists each field and reason; nothing is stored',
  })
  @ApiUnprocessableEntityResponse({
    ...PROBLEM,
    description: 'The Idempotency-Key was used for a different request',
  })
  async create(
    @Body() dto: CreateComplaintDto,
    @CurrentStaff() staff: StaffPrincipal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ComplaintCreatedDto> {
    const { complaint, replayed } = await this.intake.receive(dto, staff, idempotencyKey);
    response.setHeader('Location', `/complaints/${complaint.reference}`);
    if (replayed) response.setHeader('Idempotent-Replayed', 'true');
    return toCreatedView(complaint);
  }

  @Get()
  @Roles(...CASE_ROLES)
  @ApiOperation({ summary: 'The worklist: complaints soonest deadline first, filterable and paginated' })
  @ApiOkResponse({ type: WorklistPageDto })
  async worklist(
    @Query() query: WorklistQueryDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<WorklistPageDto> {
    const page = await this.records.worklist(query, staff);
    return { ...page, items: page.items.map(toWorklistItem) };
  }

  @Get(':reference')
  @Roles(...CASE_ROLES)
  @ApiOperation({ summary: 'One complaint: the record, its stage, deadlines and timeline' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiNotFoundResponse(PROBLEM)
  async get(
    @Param('reference') reference: string,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<ComplaintDetailDto> {
    const complaint = await this.records.get(reference, staff);
    return toDetailView(
      complaint,
      await this.records.timeline(complaint),
      await this.contactLimits.inForceFor(complaint),
    );
  }

  @Get(':reference/deadlines')
  @Roles(...CASE_ROLES)
  @ApiOperation({
    summary:
      'Each deadline, explained: rule, profile version, calendar, start date, pauses, extensions and due date',
  })
  @ApiNotFoundResponse(PROBLEM)
  async explainDeadlines(@Param('reference') reference: string, @CurrentStaff() staff: StaffPrincipal) {
    return this.deadlines.explain(await this.records.get(reference, staff));
  }

  @Post(':reference/acknowledgement')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Record the acknowledgement (R-ACK-1)',
    description:
      'Refused (409, naming the rule) when already acknowledged, when the complaint is closed, or when the profile requires writing and `verbal` is given.',
  })
  @ApiOkResponse({ type: AcknowledgementResultDto })
  @ApiConflictResponse(REFUSED)
  @ApiNotFoundResponse(PROBLEM)
  async acknowledge(
    @Param('reference') reference: string,
    @Body() dto: AcknowledgeDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<AcknowledgementResultDto> {
    const complaint = await this.records.get(reference, staff);
    return this.commands.acknowledge(complaint, dto, staff);
  }

  @Post(':reference/early-resolution/extension')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Extend the early-resolution aim by agreement with the person (R-ER-1)',
    description:
      'The clock re-arms for the new date (reminder the working day before, escalation if missed). Refused outside early resolution, or for a date in the past or not after the current aim.',
  })
  @ApiConflictResponse({ ...PROBLEM, description: 'Refused; `rule` names why' })
  async extendEarlyResolution(
    @Param('reference') reference: string,
    @Body() dto: ExtendEarlyResolutionDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    return this.commands.extendEarlyResolution(await this.records.get(reference, staff), dto, staff);
  }

  @Post(':reference/early-resolution/resolution')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Resolved early, with the person satisfied (R-ER-1)',
    description:
      'Records the summary of the complaint and how it was resolved, sends it to the person by their chosen channels, and closes the complaint.',
  })
  @ApiConflictResponse({ ...PROBLEM, description: 'Refused: not in early resolution' })
  async resolveEarly(
    @Param('reference') reference: string,
    @Body() dto: ResolveEarlyDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    return this.commands.resolveEarly(await this.records.get(reference, staff), dto, staff);
  }

  @Post(':reference/closer-look')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Early resolution failed: take a closer look (R-ER-2)',
    description:
      "Starts the final-response clock: the profile's timescale (HPFT 35 WD, iTrust 20 WD, CWTH one calendar month), or none until one is agreed (PHSO model).",
  })
  @ApiConflictResponse({ ...PROBLEM, description: 'Refused: not in early resolution' })
  async startCloserLook(@Param('reference') reference: string, @CurrentStaff() staff: StaffPrincipal) {
    return this.commands.startCloserLook(await this.records.get(reference, staff), staff);
  }

  @Post(':reference/timescale')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({ summary: 'Record the final-response date agreed with the person (R-INV-4)' })
  @ApiConflictResponse({ ...PROBLEM, description: 'Refused: not in a closer look, or a date in the past' })
  async agreeTimescale(
    @Param('reference') reference: string,
    @Body() dto: AgreeTimescaleDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    return this.commands.agreeTimescale(await this.records.get(reference, staff), dto, staff);
  }

  @Post(':reference/withdrawal')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({ summary: 'The person withdraws the complaint: the procedure and every clock stop' })
  @ApiConflictResponse({ ...PROBLEM, description: 'Refused: already closed' })
  async withdraw(@Param('reference') reference: string, @CurrentStaff() staff: StaffPrincipal) {
    return this.commands.withdraw(await this.records.get(reference, staff), staff);
  }

  @Post(':reference/clock/pause')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Pause the final-response clock from today (R-INV-6)',
    description:
      'No deadline runs while paused; on resuming, the deadline moves out by the paused working days.',
  })
  @ApiConflictResponse({ ...PROBLEM, description: 'Refused: not in a closer look, or already paused' })
  async pauseClock(
    @Param('reference') reference: string,
    @Body() dto: PauseClockDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    return this.commands.pauseClock(await this.records.get(reference, staff), dto, staff);
  }

  @Post(':reference/clock/resume')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({ summary: 'Resume the final-response clock: today counts again (R-INV-6)' })
  @ApiConflictResponse({ ...PROBLEM, description: 'Refused: the clock is not paused' })
  async resumeClock(@Param('reference') reference: string, @CurrentStaff() staff: StaffPrincipal) {
    return this.commands.resumeClock(await this.records.get(reference, staff), staff);
  }
}
