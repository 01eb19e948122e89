import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { nameToCaseTeam, type Complaint } from '@complaints/db';
import { CASE_ROLES } from '@complaints/domain';
import { CurrentStaff, Roles, type StaffPrincipal } from '@complaints/service-kit';
import {
  approveFinalResponseUpdate,
  returnFinalResponseUpdate,
  shareOutcomeUpdate,
  submitFinalResponseUpdate,
} from '@complaints/workflows/messages';
import { PROBLEM, REFUSED, StaffApiResponses } from '../case-file/api-responses';
import { CaseFile } from '../case-file/case-file.decorator';
import { CaseTeam } from '../case-file/case-team.service';
import { ProcedureCommands } from '../case-file/procedure-commands.service';
import { FinalResponseDto } from '../case-file/process-state.dto';
import {
  ApproveFinalResponseDto,
  FinalResponseDraftViewDto,
  FinalResponseVersionDto,
  SaveFinalResponseDraftDto,
  ShareOutcomeDto,
} from './dto/final-response.dto';
import { FinalResponseService } from './final-response.service';
import { VersionParam } from '../case-file/version-param.pipe';

/** Procedure §4: the final response drafted, shared, submitted and signed off (R-RESP-1/2, R-INV-8). */
@ApiTags('final response')
@StaffApiResponses()
@Controller('complaints')
export class FinalResponseController {
  constructor(
    private readonly commands: ProcedureCommands,
    private readonly drafts: FinalResponseService,
    private readonly team: CaseTeam,
  ) {}

  @Post(':reference/final-response/drafts')
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Save the final response as its next version (R-RESP-1, R-REM-1)',
    description:
      'Every save is a new, unchangeable version. The answer lists the R-RESP-1 elements still missing; a draft may be saved incomplete but not submitted.',
  })
  @ApiCreatedResponse({
    type: FinalResponseDraftViewDto,
    description: 'The saved version, with `missing` and its `summary`',
  })
  @ApiConflictResponse({ ...PROBLEM, description: 'Not in the closer look' })
  @ApiUnprocessableEntityResponse({
    ...PROBLEM,
    description: 'A finding or action names an unknown issue or owner',
  })
  saveDraft(
    @CaseFile() complaint: Complaint,
    @Body() dto: SaveFinalResponseDraftDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<FinalResponseDraftViewDto> {
    return this.drafts.save(complaint, dto, staff);
  }

  @Get(':reference/final-response/drafts/latest')
  @Roles(...CASE_ROLES)
  @ApiOperation({ summary: 'The latest saved version, with the R-RESP-1 elements still missing' })
  @ApiOkResponse({ type: FinalResponseDraftViewDto })
  latestDraft(@CaseFile() complaint: Complaint): Promise<FinalResponseDraftViewDto> {
    return this.drafts.get(complaint);
  }

  @Get(':reference/final-response/drafts/:version')
  @Roles(...CASE_ROLES)
  @ApiOperation({ summary: 'One saved version of the final response' })
  @ApiOkResponse({ type: FinalResponseDraftViewDto })
  draft(
    @CaseFile() complaint: Complaint,
    @Param('version', VersionParam) version: number,
  ): Promise<FinalResponseDraftViewDto> {
    return this.drafts.get(complaint, version);
  }

  @Post(':reference/final-response/outcome-sharing')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'The outcome and intended actions were shared with the parties (R-INV-8, R-STAFF-1)',
    description: 'Required before submission. Put what they said in the draft (`partiesComments`).',
  })
  @ApiOkResponse({ type: FinalResponseDto, description: 'The final response: outcome shared' })
  @ApiConflictResponse(REFUSED)
  shareOutcome(
    @CaseFile() complaint: Complaint,
    @Body() dto: ShareOutcomeDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<FinalResponseDto> {
    return this.commands.send(complaint, shareOutcomeUpdate, {
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
      "Refused, naming each missing R-RESP-1 element, while anything is missing; refused before the outcome was shared (R-INV-8), and under the PHSO model while no final-response date is agreed with the person (R-INV-4). The profile's approvers are asked to sign off.",
  })
  @ApiOkResponse({ type: FinalResponseDto, description: 'The final response: submitted' })
  @ApiConflictResponse(REFUSED)
  async submit(
    @CaseFile() complaint: Complaint,
    @Body() dto: FinalResponseVersionDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<FinalResponseDto> {
    const { summary } = await this.drafts.get(complaint, dto.version);
    return this.commands.send(complaint, submitFinalResponseUpdate, { summary, by: staff.id });
  }

  @Post(':reference/final-response/approval')
  @HttpCode(200)
  @Roles('complaints-manager', 'responsible-person', 'senior-manager')
  @ApiOperation({
    summary: "Sign off one step of the profile's chain (R-RESP-2)",
    description:
      'HPFT: complaints-team-check (complaints manager), then chief-executive-approval (Responsible Person; response and cover letter). Others: sign-off. A step signed for the Responsible Person is signed by them or by a senior manager holding a current delegation from them (`POST /sign-off-delegations`); anyone else is refused (403, R-RESP-2). The last step sends the response, signed in the name of whoever signed it (a delegate "on behalf of" the Responsible Person).',
  })
  @ApiOkResponse({ type: FinalResponseDto, description: 'The final response, with this sign-off' })
  @ApiConflictResponse(REFUSED)
  async approve(
    @CaseFile() complaint: Complaint,
    @Body() dto: ApproveFinalResponseDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<FinalResponseDto> {
    const { role, delegation } = await this.drafts.signOff(complaint, dto.step, staff);
    // R-INT-8: whoever signs keeps seeing what they signed.
    const response = await this.commands.send(
      complaint,
      approveFinalResponseUpdate,
      { step: dto.step, version: dto.version, role, by: staff.id },
      this.team.naming(complaint, staff, 'sign-off', (manager, step) =>
        nameToCaseTeam(manager, step, 'approver', [staff.id]),
      ),
    );
    if (delegation)
      await this.drafts.recordDelegatedSignOff(complaint, staff, {
        step: dto.step,
        version: dto.version,
        delegation,
      });
    return response;
  }

  @Post(':reference/final-response/return')
  @HttpCode(200)
  @Roles('complaints-manager', 'responsible-person', 'senior-manager')
  @ApiOperation({ summary: 'Send the submitted response back to the handler for changes (R-RESP-2)' })
  @ApiOkResponse({ type: FinalResponseDto, description: 'The final response, back with the handler' })
  @ApiConflictResponse(REFUSED)
  async returnForChanges(
    @CaseFile() complaint: Complaint,
    @Body() dto: ApproveFinalResponseDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<FinalResponseDto> {
    const { role } = await this.drafts.signOff(complaint, dto.step, staff);
    return this.commands.send(complaint, returnFinalResponseUpdate, { role, by: staff.id });
  }
}
