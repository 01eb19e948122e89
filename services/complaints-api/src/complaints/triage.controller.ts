import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { isOutOfTime } from '@complaints/domain';
import { CurrentStaff, ProblemException, Roles, type StaffPrincipal } from '@complaints/service-kit';
import {
  decideRepresentativeUpdate,
  decideScopeUpdate,
  decideTimeLimitUpdate,
  recordConsentUpdate,
  resolveQuicklyUpdate,
  seekConsentUpdate,
  treatAsComplaintUpdate,
} from '@complaints/workflows/messages';
import { ComplaintCommandsService } from './complaint-commands.service';
import { ComplaintRecordsService } from './complaint-records.service';
import {
  DecideRepresentativeDto,
  DecideScopeDto,
  DecideTimeLimitDto,
  RecordConsentDto,
  ResolveQuicklyDto,
} from './dto/triage.dto';
import { PROBLEM, REFUSED, StaffApiResponses } from './api-responses';

/** Whether and how the procedure applies: the quick route, scope, the time limit and consent (R-QUICK-1, R-INT-5/6/7). */
@ApiTags('triage')
@StaffApiResponses()
@ApiNotFoundResponse(PROBLEM)
@ApiConflictResponse(REFUSED)
@Controller('complaints')
export class TriageController {
  constructor(
    private readonly records: ComplaintRecordsService,
    private readonly commands: ComplaintCommandsService,
  ) {}

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
  async resolveQuickly(
    @Param('reference') reference: string,
    @Body() dto: ResolveQuicklyDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    const complaint = await this.records.get(reference, staff);
    return this.commands.execute(complaint, resolveQuicklyUpdate, {
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
  async treatAsComplaint(@Param('reference') reference: string, @CurrentStaff() staff: StaffPrincipal) {
    const complaint = await this.records.get(reference, staff);
    return this.commands.execute(complaint, treatAsComplaintUpdate, { by: staff.id });
  }

  @Post(':reference/scope-decision')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'All or part of the complaint is outside the procedure (R-INT-7)',
    description:
      'The person is told in writing with signposting; when the whole is out of scope the complaint closes.',
  })
  async decideScope(
    @Param('reference') reference: string,
    @Body() dto: DecideScopeDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    const complaint = await this.records.get(reference, staff);
    return this.commands.execute(complaint, decideScopeUpdate, {
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
  async decideTimeLimit(
    @Param('reference') reference: string,
    @Body() dto: DecideTimeLimitDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    const complaint = await this.records.get(reference, staff);
    if (!isOutOfTime(complaint.receivedOn, complaint.incidentOn, complaint.becameAwareOn)) {
      throw new ProblemException({
        status: 409,
        title: 'Command refused',
        detail: 'the complaint was made within 12 months of the incident or of when the person found out',
        rule: 'R-INT-6',
      });
    }
    return this.commands.execute(complaint, decideTimeLimitUpdate, { decision: dto.decision, by: staff.id });
  }

  @Post(':reference/consent/request')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: "Ask for the affected person's consent to a representative (R-INT-5)",
    description:
      'Sends the consent request; during the closer look the final-response clock pauses until it arrives (R-INV-6).',
  })
  async seekConsent(@Param('reference') reference: string, @CurrentStaff() staff: StaffPrincipal) {
    const complaint = await this.records.get(reference, staff);
    return this.commands.execute(complaint, seekConsentUpdate, { by: staff.id });
  }

  @Post(':reference/consent')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Consent given, or not needed (R-INT-5); a clock paused for it resumes',
    description:
      'Recorded on the person affected, so letters carrying their information may then go to the representative.',
  })
  async recordConsent(
    @Param('reference') reference: string,
    @Body() dto: RecordConsentDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    const complaint = await this.records.get(reference, staff);
    const triage = await this.commands.execute(complaint, recordConsentUpdate, {
      outcome: dto.outcome,
      by: staff.id,
    });
    // The correspondence service sends the person's information to a representative only with this recorded.
    await this.records.recordConsent(
      complaint,
      dto.outcome,
      dto.outcome === 'not-needed' ? (dto.reason ?? null) : null,
    );
    return triage;
  }

  @Post(':reference/representative-decision')
  @HttpCode(200)
  @Roles('complaints-manager')
  @ApiOperation({
    summary: 'Stop considering a complaint made by a representative (R-INT-5)',
    description:
      "When the representative is not acting in the person's best interests, or a child's representative has no reasonable grounds to complain rather than the child. The representative is given written reasons with the Ombudsman's details, and the complaint closes.",
  })
  async decideRepresentative(
    @Param('reference') reference: string,
    @Body() dto: DecideRepresentativeDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    const complaint = await this.records.get(reference, staff);
    return this.commands.execute(complaint, decideRepresentativeUpdate, {
      decision: dto.decision,
      by: staff.id,
    });
  }
}
