import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { type Complaint } from '@complaints/db';
import { getProfile, type ApproverRole, CASE_ROLES } from '@complaints/domain';
import { CurrentStaff, ProblemException, Roles, type StaffPrincipal } from '@complaints/service-kit';
import {
  approveFinalResponseUpdate,
  approveSixMonthLetterUpdate,
  completeActionUpdate,
  extendFinalResponseUpdate,
  reopenUpdate,
  requestStageTwoUpdate,
  returnFinalResponseUpdate,
  shareOutcomeUpdate,
  submitFinalResponseUpdate,
} from '@complaints/workflows/messages';
import { ComplaintCommandsService } from './complaint-commands.service';
import { ComplaintRecordsService } from './complaint-records.service';
import {
  ApproveFinalResponseDto,
  ApproveSixMonthLetterDto,
  ExtendFinalResponseDto,
  FinalResponseVersionDto,
  SaveFinalResponseDraftDto,
  ShareOutcomeDto,
} from './dto/final-response.dto';
import { FinalResponseService } from './final-response.service';
import { PROBLEM, REFUSED, StaffApiResponses } from './api-responses';

const DRAFTING_STAGES = ['closer-look', 'awaiting-sign-off'];

/** From the closer look to the response in the person's hands, and what follows it (procedure §3–§5). */
@ApiTags('final response')
@StaffApiResponses()
@ApiNotFoundResponse(PROBLEM)
@Controller('complaints')
export class FinalResponseController {
  constructor(
    private readonly records: ComplaintRecordsService,
    private readonly commands: ComplaintCommandsService,
    private readonly drafts: FinalResponseService,
  ) {}

  @Post(':reference/final-response/extension')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'The final response will be late: a new date agreed with the person (R-INV-5)',
    description:
      'The person is sent a letter with the reason and the new date (CWTH: a progress report). Refused while the clock is paused, for a date in the past or not after the current one.',
  })
  @ApiConflictResponse(REFUSED)
  async extend(
    @Param('reference') reference: string,
    @Body() dto: ExtendFinalResponseDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    const complaint = await this.records.get(reference, staff);
    return this.commands.execute(complaint, extendFinalResponseUpdate, {
      newDue: dto.newDue,
      reason: dto.reason,
      by: staff.id,
    });
  }

  @Post(':reference/final-response/drafts')
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Save the final response as its next version (R-RESP-1, R-REM-1)',
    description:
      'Every save is a new, unchangeable version. The answer lists the R-RESP-1 elements still missing; a draft may be saved incomplete but not submitted.',
  })
  @ApiCreatedResponse({ description: 'The saved version, with `missing` and its `summary`' })
  @ApiConflictResponse({ ...PROBLEM, description: 'Not in the closer look' })
  @ApiUnprocessableEntityResponse({
    ...PROBLEM,
    description: 'A finding or action names an unknown issue or owner',
  })
  async saveDraft(
    @Param('reference') reference: string,
    @Body() dto: SaveFinalResponseDraftDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    const complaint = await this.records.get(reference, staff);
    requireDrafting(complaint);
    return this.drafts.save(complaint, dto, staff);
  }

  @Get(':reference/final-response/drafts/latest')
  @Roles(...CASE_ROLES)
  @ApiOperation({ summary: 'The latest saved version, with the R-RESP-1 elements still missing' })
  async latestDraft(@Param('reference') reference: string, @CurrentStaff() staff: StaffPrincipal) {
    return this.drafts.get(await this.records.get(reference, staff));
  }

  @Get(':reference/final-response/drafts/:version')
  @Roles(...CASE_ROLES)
  @ApiOperation({ summary: 'One saved version of the final response' })
  async draft(
    @Param('reference') reference: string,
    @Param('version', ParseIntPipe) version: number,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    return this.drafts.get(await this.records.get(reference, staff), version);
  }

  @Post(':reference/final-response/outcome-sharing')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'The outcome and intended actions were shared with the parties (R-INV-8, R-STAFF-1)',
    description: 'Required before submission. Put what they said in the draft (`partiesComments`).',
  })
  @ApiConflictResponse(REFUSED)
  async shareOutcome(
    @Param('reference') reference: string,
    @Body() dto: ShareOutcomeDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    const complaint = await this.records.get(reference, staff);
    return this.commands.execute(complaint, shareOutcomeUpdate, {
      commentsRecorded: dto.commentsRecorded,
      by: staff.id,
    });
  }

  @Post(':reference/final-response/submission')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Submit a saved version for sign-off (R-RESP-1, R-RESP-2)',
    description:
      "Refused, naming each missing R-RESP-1 element, while anything is missing; refused before the outcome was shared (R-INV-8). The profile's approvers are asked to sign off.",
  })
  @ApiConflictResponse(REFUSED)
  async submit(
    @Param('reference') reference: string,
    @Body() dto: FinalResponseVersionDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    const complaint = await this.records.get(reference, staff);
    const { summary } = await this.drafts.get(complaint, dto.version);
    return this.commands.execute(complaint, submitFinalResponseUpdate, { summary, by: staff.id });
  }

  @Post(':reference/final-response/approval')
  @HttpCode(200)
  @Roles('complaints-manager', 'responsible-person', 'senior-manager')
  @ApiOperation({
    summary: "Sign off one step of the profile's chain (R-RESP-2)",
    description:
      'HPFT: complaints-team-check (complaints manager), then chief-executive-approval (Responsible Person; response and cover letter). Others: sign-off by the Responsible Person or a senior manager as recorded delegate. The last step sends the response.',
  })
  @ApiConflictResponse(REFUSED)
  async approve(
    @Param('reference') reference: string,
    @Body() dto: ApproveFinalResponseDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    const complaint = await this.records.get(reference, staff);
    const role = approverRole(complaint, dto.step, staff);
    return this.commands.execute(complaint, approveFinalResponseUpdate, {
      step: dto.step,
      version: dto.version,
      role,
      by: staff.id,
    });
  }

  @Post(':reference/final-response/return')
  @HttpCode(200)
  @Roles('complaints-manager', 'responsible-person', 'senior-manager')
  @ApiOperation({ summary: 'Send the submitted response back to the handler for changes (R-RESP-2)' })
  @ApiConflictResponse(REFUSED)
  async returnForChanges(
    @Param('reference') reference: string,
    @Body() dto: ApproveFinalResponseDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    const complaint = await this.records.get(reference, staff);
    const role = approverRole(complaint, dto.step, staff);
    return this.commands.execute(complaint, returnFinalResponseUpdate, { role, by: staff.id });
  }

  @Post(':reference/six-month-letter/approval')
  @HttpCode(200)
  @Roles('responsible-person', 'senior-manager')
  @ApiOperation({
    summary: 'Approve the six-month letter explaining the delay and the likely timescale (R-INV-7)',
    description:
      'The letter goes to the person at once, signed by the approver, who keeps oversight until the final response.',
  })
  @ApiConflictResponse(REFUSED)
  async approveSixMonthLetter(
    @Param('reference') reference: string,
    @Body() dto: ApproveSixMonthLetterDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    const complaint = await this.records.get(reference, staff);
    const role: ApproverRole = staff.roles.includes('responsible-person')
      ? 'responsible-person'
      : 'senior-manager';
    return this.commands.execute(complaint, approveSixMonthLetterUpdate, {
      likelyBy: dto.likelyBy,
      role,
      by: staff.id,
    });
  }

  @Post(':reference/actions/:actionId/completion')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'A promised action is done (R-RESP-4)',
    description: 'When the last is done, the person is told and the complaint closes.',
  })
  @ApiConflictResponse(REFUSED)
  async completeAction(
    @Param('reference') reference: string,
    @Param('actionId') actionId: string,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    const complaint = await this.records.get(reference, staff);
    return this.commands.execute(complaint, completeActionUpdate, { actionId, by: staff.id });
  }

  @Post(':reference/reopening')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'The person is not satisfied with the response: reopen (R-REOPEN-1)',
    description:
      'A new closer look with the reopened timescale (HPFT 60 working days from today; agreed per case elsewhere), and a letter telling the person. CWTH uses the stage-two review instead.',
  })
  @ApiConflictResponse(REFUSED)
  async reopen(@Param('reference') reference: string, @CurrentStaff() staff: StaffPrincipal) {
    const complaint = await this.records.get(reference, staff);
    return this.commands.execute(complaint, reopenUpdate, { by: staff.id });
  }

  @Post(':reference/stage-two-review')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'CWTH: the person asks for a stage-two review by the Senior Leadership Team/Board (R-STAGE2-1)',
    description:
      'Acknowledged at once by letter; reply within a calendar month. The stage-two decision is final.',
  })
  @ApiConflictResponse(REFUSED)
  async requestStageTwo(@Param('reference') reference: string, @CurrentStaff() staff: StaffPrincipal) {
    const complaint = await this.records.get(reference, staff);
    return this.commands.execute(complaint, requestStageTwoUpdate, { by: staff.id });
  }
}

function requireDrafting(complaint: Complaint): void {
  if (!DRAFTING_STAGES.includes(complaint.stage)) {
    throw new ProblemException({
      status: 409,
      title: 'Command refused',
      detail: `a final response is drafted during the closer look (stage: ${complaint.stage})`,
      rule: 'R-RESP-1',
    });
  }
}

/** R-RESP-2: the role in which this user signs the step; 403 when they hold none of the step's roles. */
function approverRole(complaint: Complaint, step: string, staff: StaffPrincipal): ApproverRole {
  const chain = getProfile(complaint.profileId, complaint.profileVersion).finalResponseApproval;
  const definition = chain.find((candidate) => candidate.step === step);
  if (!definition) {
    throw new ProblemException({
      status: 409,
      title: 'Command refused',
      detail: `${step} is not a sign-off step here; the steps are ${chain.map((s) => s.step).join(', ')}`,
      rule: 'R-RESP-2',
    });
  }
  const role = definition.roles.find((candidate) => staff.roles.includes(candidate));
  if (!role) {
    throw new ProblemException({
      status: 403,
      title: 'Forbidden',
      detail: `${step} is signed off by: ${definition.roles.join(' or ')}`,
      rule: 'R-RESP-2',
    });
  }
  return role;
}
