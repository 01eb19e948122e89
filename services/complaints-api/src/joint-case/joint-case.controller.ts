import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Complaint } from '@complaints/db';
import { CurrentStaff, Roles, type StaffPrincipal } from '@complaints/service-kit';
import { PROBLEM, REFUSED, StaffApiResponses } from '../case-file/api-responses';
import { CaseFile } from '../case-file/case-file.decorator';
import { JointCaseViewDto, MakeJointDto, RecordCopyDto, RecordSharingConsentDto } from './dto/joint-case.dto';
import { JointCaseService } from './joint-case.service';

const PARTNER_CODE = {
  name: 'partnerCode',
  description: "A member's code in the joint case's protocol",
  example: 'HCCACS',
};

/** The lead organisation's joint case (procedure §6, R-JOINT-1 and R-JOINT-2). */
@ApiTags('joint case (lead)')
@StaffApiResponses()
@ApiNotFoundResponse({ ...PROBLEM, description: 'No such complaint for you, or it is not a joint case' })
@Controller('complaints')
export class JointCaseController {
  constructor(private readonly jointCases: JointCaseService) {}

  @Post(':reference/joint-case')
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Handle the complaint jointly with partner organisations (R-JOINT-1)',
    description:
      "Names every organisation the complaint concerns, the issues each answers for, and whether one is merely copied in. The lead is proposed by the protocol's factors (primary focus; first receipt when seriousness is equal; the person's preference; governance impact; ongoing contact; consent), or decided by staff with the decisive factors and reasons; the decision is recorded. The lead must be this complaint's organisation, whose clocks run from the day it received the complaint (R-JOINT-2); another lead is refused with where to forward it. A commissioner (an ICB) that handles a complaint about its provider itself (R-JOINT-8, PHSO model 12.3) leads it from its own organisation with the decisive factor `commissioner-handles`, the provider named as a partner who co-operates through the joint-protocol service. The complaint's workflow starts the joint case's jointResponse workflow, and sets the Joint, LeadOrganisation and PartnerOrganisations search attributes. Consent to share with each partner starts not sought.",
  })
  @ApiCreatedResponse({ type: JointCaseViewDto, description: 'The joint case, with the lead decision' })
  @ApiBadRequestResponse({
    ...PROBLEM,
    description: 'A member, issue or factor named wrongly; each field named',
  })
  @ApiConflictResponse(REFUSED)
  makeJoint(
    @CaseFile() complaint: Complaint,
    @Body() dto: MakeJointDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<JointCaseViewDto> {
    return this.jointCases.makeJoint(complaint, dto, staff);
  }

  @Get(':reference/joint-case')
  @Roles('handler', 'complaints-manager', 'responsible-person', 'senior-manager')
  @ApiOperation({
    summary: "The lead's joint case",
    description:
      'Who leads and why, each member with its role, issues, consent to share, copy and withdrawal, and the versions shared with and approved by the partners (R-JOINT-5).',
  })
  @ApiOkResponse({ type: JointCaseViewDto })
  read(@CaseFile() complaint: Complaint): Promise<JointCaseViewDto> {
    return this.jointCases.read(complaint);
  }

  @Put(':reference/joint-case/partners/:partnerCode/consent')
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: "Consent to share the person's information with one partner (R-JOINT-2)",
    description:
      'Sought, given or refused, recorded with who and when. Until it is given, the partner sees only that a joint case exists.',
  })
  @ApiParam(PARTNER_CODE)
  @ApiOkResponse({ type: JointCaseViewDto })
  @ApiConflictResponse(REFUSED)
  recordConsent(
    @CaseFile() complaint: Complaint,
    @Param('partnerCode') partnerCode: string,
    @Body() dto: RecordSharingConsentDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<JointCaseViewDto> {
    return this.jointCases.recordConsent(complaint, partnerCode, dto, staff);
  }

  @Post(':reference/joint-case/partners/:partnerCode/copy')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'An organisation merely copied in records its copy (R-JOINT-2)',
    description:
      'Recorded against the joint case; the copied organisation sends no acknowledgement of its own (the lead acknowledges). Refused (409) for the lead or a partner.',
  })
  @ApiParam(PARTNER_CODE)
  @ApiOkResponse({ type: JointCaseViewDto })
  @ApiBadRequestResponse(PROBLEM)
  @ApiConflictResponse(REFUSED)
  recordCopy(
    @CaseFile() complaint: Complaint,
    @Param('partnerCode') partnerCode: string,
    @Body() dto: RecordCopyDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<JointCaseViewDto> {
    return this.jointCases.recordCopy(complaint, partnerCode, dto, staff);
  }
}
