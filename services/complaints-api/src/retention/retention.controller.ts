import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Complaint } from '@complaints/db';
import { CurrentStaff, Roles, type StaffPrincipal } from '@complaints/service-kit';
import { PROBLEM, REFUSED, StaffApiResponses } from '../case-file/api-responses';
import { CaseFile } from '../case-file/case-file.decorator';
import { CaseFileDisposalDto, LegalHoldDto, LegalHoldReasonDto } from './dto/retention.dto';
import { RetentionService } from './retention.service';

/** ADR 0013: case files kept for their retention period, then disposed of on a complaints manager's approval. */
@ApiTags('retention and disposal')
@StaffApiResponses()
@ApiNotFoundResponse(PROBLEM)
@Controller()
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  @Get('disposals/due')
  @Roles('complaints-manager')
  @ApiOperation({
    summary: "Your organisation's case files due for disposal",
    description:
      'Listed by the daily retention review once the retention period (complaint case file: 10 years after closure, or the organisation’s own) has ended. Each waits for a complaints manager’s approval.',
  })
  @ApiOkResponse({ type: CaseFileDisposalDto, isArray: true })
  due(@CurrentStaff() staff: StaffPrincipal): Promise<CaseFileDisposalDto[]> {
    return this.retention.dueForDisposal(staff.organisationCode);
  }

  @Post('complaints/:reference/disposal/approval')
  @HttpCode(200)
  @Roles('complaints-manager')
  @ApiOperation({
    summary: 'Approve the disposal of a case file that is due, and carry it out',
    description:
      'Erases the personal data and letters (people, the issues’ words, timeline, drafts, plans, equality answers, letters and their PDFs, limits on contact) and keeps an anonymised statistical stub (organisation, kind, dates, outcome, coding) and the disposal certificate, which this answers. Refused (409, `rule: legal-hold`) while a legal hold is in place, and (`rule: retention-schedule`) before the case file is due. Approving again answers the same certificate.',
  })
  @ApiOkResponse({ type: CaseFileDisposalDto, description: 'The disposal certificate' })
  @ApiConflictResponse(REFUSED)
  approve(
    @CaseFile() complaint: Complaint,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<CaseFileDisposalDto> {
    return this.retention.approveDisposal(complaint, staff);
  }

  @Get('complaints/:reference/disposal')
  @Roles('complaints-manager', 'senior-manager', 'responsible-person')
  @ApiOperation({
    summary:
      'The case file’s disposal: due, or its certificate (what was disposed of, when, under which rule, approved by whom)',
  })
  @ApiOkResponse({ type: CaseFileDisposalDto })
  certificate(@CaseFile() complaint: Complaint): Promise<CaseFileDisposalDto> {
    return this.retention.certificate(complaint);
  }

  @Get('complaints/:reference/legal-holds')
  @Roles('complaints-manager', 'senior-manager', 'responsible-person')
  @ApiOperation({ summary: 'Legal holds on the case file, in force and lifted' })
  @ApiOkResponse({ type: LegalHoldDto, isArray: true })
  holds(@CaseFile() complaint: Complaint): Promise<LegalHoldDto[]> {
    return this.retention.legalHolds(complaint);
  }

  @Post('complaints/:reference/legal-holds')
  @Roles('complaints-manager')
  @ApiOperation({
    summary: 'Place a legal hold: the case file is kept, past its retention period, until the hold is lifted',
  })
  @ApiCreatedResponse({ type: LegalHoldDto })
  @ApiConflictResponse(REFUSED)
  placeHold(
    @CaseFile() complaint: Complaint,
    @Body() dto: LegalHoldReasonDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<LegalHoldDto> {
    return this.retention.placeLegalHold(complaint, dto.reason, staff);
  }

  @Post('complaints/:reference/legal-holds/lifting')
  @HttpCode(200)
  @Roles('complaints-manager')
  @ApiOperation({ summary: 'Lift the legal hold in force, with the reason' })
  @ApiOkResponse({ type: LegalHoldDto })
  @ApiConflictResponse(REFUSED)
  liftHold(
    @CaseFile() complaint: Complaint,
    @Body() dto: LegalHoldReasonDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<LegalHoldDto> {
    return this.retention.liftLegalHold(complaint, dto.reason, staff);
  }
}
