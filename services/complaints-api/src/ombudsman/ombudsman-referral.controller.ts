import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
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
import { OmbudsmanReferralDto, RecordDecisionDto, RecordReferralDto } from './ombudsman-referral.dto';
import { OmbudsmanReferralService } from './ombudsman-referral.service';

/** R-RESP-3, regulation 18: the complaint taken to the Ombudsman, and what the body decided (ADR 0031). */
@ApiTags('ombudsman')
@StaffApiResponses()
@ApiBadRequestResponse({ ...PROBLEM, description: 'A field is missing or invalid: `errors` names each' })
@ApiNotFoundResponse({ ...PROBLEM, description: 'No such complaint open to you, or no such referral on it' })
@Controller('complaints/:reference/ombudsman-referrals')
export class OmbudsmanReferralController {
  constructor(private readonly referrals: OmbudsmanReferralService) {}

  @Get()
  @Roles('complaints-manager')
  @ApiOperation({
    summary: "The complaint's referrals to the Ombudsman, with each decision and its recommendations",
  })
  @ApiOkResponse({ type: [OmbudsmanReferralDto], description: 'Oldest first' })
  list(@CaseFile() complaint: Complaint): Promise<OmbudsmanReferralDto[]> {
    return this.referrals.list(complaint);
  }

  @Post()
  @Roles('complaints-manager')
  @ApiOperation({
    summary: 'Record that the person took the complaint to the PHSO, the LGSCO or the CQC (R-RESP-3)',
    description:
      "Only to a body open to complaints under the complaint's profile (PHSO model and HPFT: PHSO, LGSCO, CQC; iTrust and CWTH have none of them), and not while an earlier referral to the same body awaits its decision (409, R-RESP-3). The date is not in the future, nor before the complaint was received (400). On the timeline; counted in the annual report.",
  })
  @ApiCreatedResponse({ type: OmbudsmanReferralDto, description: 'The referral, awaiting its decision' })
  @ApiConflictResponse({ ...REFUSED, description: 'Not a body open to the complaint, or already with it' })
  refer(
    @CaseFile() complaint: Complaint,
    @Body() dto: RecordReferralDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<OmbudsmanReferralDto> {
    return this.referrals.refer(complaint, dto, staff);
  }

  @Post(':referralId/decision')
  @HttpCode(200)
  @Roles('complaints-manager')
  @ApiParam({ name: 'referralId', format: 'uuid', description: 'The referral, as recorded' })
  @ApiOperation({
    summary: "Record the body's decision and its recommendations, which join the action plan (R-RESP-3)",
    description:
      "Once per referral (409 after). The date is not in the future, nor before the referral (400). Each recommendation becomes an action of the complaint's action plan, `ombudsman-<n>`, with its owner (who joins the case team) and due date: reminded once past its date, escalated a week on, done with evidence. On the timeline; counted in the annual report.",
  })
  @ApiOkResponse({ type: OmbudsmanReferralDto, description: 'The referral, decided, with its actions' })
  @ApiConflictResponse({ ...REFUSED, description: 'The decision is already recorded' })
  decide(
    @CaseFile() complaint: Complaint,
    @Param('referralId', new ParseUUIDPipe()) referralId: string,
    @Body() dto: RecordDecisionDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<OmbudsmanReferralDto> {
    return this.referrals.decide(complaint, referralId, dto, staff);
  }
}
