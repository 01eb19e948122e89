import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Complaint } from '@complaints/db';
import { CurrentStaff, Roles, type StaffPrincipal } from '@complaints/service-kit';
import {
  decideScopeUpdate,
  extendEarlyResolutionUpdate,
  resolveQuicklyUpdate,
  startCloserLookUpdate,
  treatAsComplaintUpdate,
} from '@complaints/workflows/messages';
import { PROBLEM, REFUSED, StaffApiResponses } from '../case-file/api-responses';
import { CaseFile } from '../case-file/case-file.decorator';
import { ProcedureCommands } from '../case-file/procedure-commands.service';
import { CloserLookDto, EarlyResolutionDto, QuickRouteDto, TriageDto } from '../case-file/process-state.dto';
import { AcknowledgeDto } from './dto/acknowledge.dto';
import { AcknowledgementResultDto } from './dto/acknowledgement-result.dto';
import { ExtendEarlyResolutionDto, ResolveEarlyDto } from './dto/early-resolution.dto';
import {
  DecideRepresentativeDto,
  DecideScopeDto,
  DecideTimeLimitDto,
  RecordConsentDto,
  ResolveQuicklyDto,
} from './dto/triage.dto';
import { TriageService } from './triage.service';

/**
 * Whether and how the procedure applies: acknowledge, the quick route, resolve early or look closer (§2), and
 * the decisions on scope, the time limit, consent and the representative (R-INT-5/6/7).
 */
@ApiTags('triage')
@StaffApiResponses()
@ApiConflictResponse(REFUSED)
@Controller('complaints')
export class TriageController {
  constructor(
    private readonly commands: ProcedureCommands,
    private readonly triage: TriageService,
  ) {}

  @Post(':reference/acknowledgement')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Record the acknowledgement (R-ACK-1)',
    description:
      'Refused (409, naming the rule) when already acknowledged, when the complaint is closed, when the profile requires writing and `verbal` is given, ' +
      'or when `written` would reach no one: the record holds no email address or postal address for the channels the person asked for (R-ACK-1 says which is missing). ' +
      'A handler may be allocated first, so the letter can name who is handling the complaint (CWTH).',
  })
  @ApiOkResponse({ type: AcknowledgementResultDto })
  acknowledge(
    @CaseFile() complaint: Complaint,
    @Body() dto: AcknowledgeDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<AcknowledgementResultDto> {
    return this.triage.acknowledge(complaint, dto.method, staff);
  }

  @Post(':reference/quick-resolution')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Resolved on the quick route, the person confirming they are satisfied (R-QUICK-1)',
    description:
      'PHSO model: a complaint made in person or by phone, resolved by the end of the next working day after receipt. ' +
      'HPFT: a PALS enquiry resolved within 10 working days. CWTH: resolved by the person responsible within the 5 working days in which it reaches the co-leads. ' +
      'The complaint ends there, with no further letters.',
  })
  @ApiOkResponse({ type: QuickRouteDto, description: 'The quick route, resolved' })
  resolveQuickly(
    @CaseFile() complaint: Complaint,
    @Body() dto: ResolveQuicklyDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<QuickRouteDto> {
    return this.commands.send(complaint, resolveQuicklyUpdate, {
      confirmedSatisfied: dto.confirmedSatisfied,
      by: staff.id,
    });
  }

  @Post(':reference/pals-enquiry/escalation')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary:
      'A PALS enquiry that cannot be resolved becomes a complaint, received today (R-QUICK-1, HPFT 8.10)',
    description:
      'The procedure then starts: the acknowledgement clock runs from today. An enquiry not resolved within 10 working days becomes a complaint by itself.',
  })
  @ApiOkResponse({ type: QuickRouteDto, description: 'The quick route, ended: it became a complaint' })
  treatAsComplaint(
    @CaseFile() complaint: Complaint,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<QuickRouteDto> {
    return this.commands.send(complaint, treatAsComplaintUpdate, { by: staff.id });
  }

  @Post(':reference/early-resolution/extension')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Extend the early-resolution aim by agreement with the person (R-ER-1)',
    description:
      'The clock re-arms for the new date (reminder the working day before, escalation if missed). Refused outside early resolution, or for a date in the past or not after the current aim.',
  })
  @ApiOkResponse({ type: EarlyResolutionDto, description: 'Early resolution, with its new aim' })
  extendEarlyResolution(
    @CaseFile() complaint: Complaint,
    @Body() dto: ExtendEarlyResolutionDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<EarlyResolutionDto> {
    return this.commands.send(complaint, extendEarlyResolutionUpdate, {
      newTarget: dto.newTarget,
      by: staff.id,
    });
  }

  @Post(':reference/early-resolution/resolution')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Resolved early, with the person satisfied (R-ER-1)',
    description:
      'Records the summary of the complaint and how it was resolved, sends it to the person by their chosen channels, and closes the complaint. ' +
      'A refused resolution leaves the record as it was.',
  })
  @ApiOkResponse({ type: EarlyResolutionDto, description: 'Early resolution, resolved' })
  @ApiConflictResponse({ ...PROBLEM, description: 'Refused: not in early resolution' })
  resolveEarly(
    @CaseFile() complaint: Complaint,
    @Body() dto: ResolveEarlyDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<EarlyResolutionDto> {
    return this.triage.resolveEarly(complaint, dto, staff);
  }

  @Post(':reference/closer-look')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Early resolution failed: take a closer look (R-ER-2)',
    description:
      "Starts the final-response clock: the profile's timescale (HPFT 35 WD, iTrust 20 WD, CWTH one calendar month), or none until one is agreed (PHSO model).",
  })
  @ApiOkResponse({ type: CloserLookDto, description: 'The closer look, with its final-response clock' })
  @ApiConflictResponse({ ...PROBLEM, description: 'Refused: not in early resolution' })
  startCloserLook(
    @CaseFile() complaint: Complaint,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<CloserLookDto> {
    return this.commands.send(complaint, startCloserLookUpdate, { by: staff.id });
  }

  @Post(':reference/scope-decision')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'All or part of the complaint is outside the procedure (R-INT-7)',
    description:
      'The person is told in writing with signposting; when the whole is out of scope the complaint closes.',
  })
  @ApiOkResponse({ type: TriageDto, description: 'The triage decisions, with this one' })
  decideScope(
    @CaseFile() complaint: Complaint,
    @Body() dto: DecideScopeDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<TriageDto> {
    return this.commands.send(complaint, decideScopeUpdate, {
      whole: dto.whole,
      matter: dto.matter,
      by: staff.id,
    });
  }

  @Post(':reference/time-limit-decision')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Decide on a complaint made after the 12-month time limit (R-INT-6)',
    description:
      'Only for a complaint received more than 12 months after the incident or after the person found out, whichever is later.',
  })
  @ApiOkResponse({ type: TriageDto, description: 'The triage decisions, with this one' })
  decideTimeLimit(
    @CaseFile() complaint: Complaint,
    @Body() dto: DecideTimeLimitDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<TriageDto> {
    return this.triage.decideTimeLimit(complaint, dto.decision, staff);
  }

  @Post(':reference/consent/request')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: "Ask for the affected person's consent to a representative (R-INT-5)",
    description:
      'Sends the consent request; during the closer look the final-response clock pauses until consent is recorded (R-INV-6). ' +
      'Refused (409, R-INT-5) when the complaint names no person affected: consent is needed only where a representative complains for someone else.',
  })
  @ApiOkResponse({ type: TriageDto, description: 'The triage decisions: consent sought' })
  seekConsent(@CaseFile() complaint: Complaint, @CurrentStaff() staff: StaffPrincipal): Promise<TriageDto> {
    return this.triage.seekConsent(complaint, staff);
  }

  @Post(':reference/consent')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Consent given, not needed, or refused (R-INT-5); a clock paused for it resumes',
    description:
      'Recorded on the person affected, so letters carrying their information may then go to the representative. ' +
      '`refused`: the representative cannot act for the person; they get written reasons with the Ombudsman details and the complaint closes. ' +
      "Refused (409, R-INT-5) when the complaint names no person affected, or when `not-needed` for a `child` is given and the date of birth held for the person affected is missing or shows they were not a child under the profile's age (HPFT: under 13) on receipt.",
  })
  @ApiOkResponse({ type: TriageDto, description: 'The triage decisions: consent recorded' })
  recordConsent(
    @CaseFile() complaint: Complaint,
    @Body() dto: RecordConsentDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<TriageDto> {
    return this.triage.recordConsent(complaint, dto, staff);
  }

  @Post(':reference/representative-decision')
  @HttpCode(200)
  @Roles('complaints-manager')
  @ApiOperation({
    summary: 'Stop considering a complaint made by a representative (R-INT-5)',
    description:
      "When the representative is not acting in the person's best interests, or a child's representative has no reasonable grounds to complain rather than the child. The representative is given written reasons with the Ombudsman's details, and the complaint closes. " +
      "Refused (409, R-INT-5) when the complaint names no person affected, or for the child's decision when the date of birth held for the person affected is missing or shows they were not a child under the profile's age on receipt.",
  })
  @ApiOkResponse({ type: TriageDto, description: 'The triage decisions, with this one' })
  decideRepresentative(
    @CaseFile() complaint: Complaint,
    @Body() dto: DecideRepresentativeDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<TriageDto> {
    return this.triage.decideRepresentative(complaint, dto.decision, staff);
  }
}
