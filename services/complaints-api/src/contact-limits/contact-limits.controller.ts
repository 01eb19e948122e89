import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Complaint } from '@complaints/db';
import { CurrentStaff, Roles, type StaffPrincipal } from '@complaints/service-kit';
import { PROBLEM, REFUSED, StaffApiResponses } from '../case-file/api-responses';
import { CaseFile } from '../case-file/case-file.decorator';
import { ContactLimitsService } from './contact-limits.service';
import {
  ContactRestrictionDto,
  ProposeContactLimitsDto,
  ReviewContactLimitsDto,
  ReviewedContactRestrictionDto,
} from './dto/persistent-behaviour.dto';

/** R-PERS-1: unreasonably persistent behaviour — limits on contact, approved, reviewed, never a bar to a new complaint. */
@ApiTags('persistent behaviour')
@StaffApiResponses()
@ApiNotFoundResponse(PROBLEM)
@ApiUnprocessableEntityResponse(PROBLEM)
@ApiConflictResponse(REFUSED)
@Controller()
export class ContactLimitsController {
  constructor(private readonly limits: ContactLimitsService) {}

  @Post('complaints/:reference/contact-limits')
  @Roles('complaints-manager')
  @ApiOperation({
    summary: 'Propose limits on contact for unreasonably persistent behaviour (R-PERS-1)',
    description:
      'Proposed by the complaints lead (you), naming who took the decision with you in which role (HPFT 9.3): the managing director of the service and at least one of the clinical team (`decidedBy`; 422 naming the field otherwise). Nothing changes for the person until it is approved; the letter then names each of them with their title.',
  })
  @ApiCreatedResponse({ type: ContactRestrictionDto, description: 'The decision, proposed' })
  propose(
    @CaseFile() complaint: Complaint,
    @Body() dto: ProposeContactLimitsDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<ContactRestrictionDto> {
    return this.limits.propose(complaint, dto, staff);
  }

  @Post('contact-limits/:id/approval')
  @HttpCode(200)
  @Roles('senior-manager', 'responsible-person')
  @ApiOperation({
    summary: 'Approve the limits (the deputy chief executive, R-PERS-1)',
    description:
      'Only by the deputy chief executive: the member of staff whose job title is the organisation\'s title for that role ("Deputy Chief Executive" unless it has its own); anyone else is refused (403, R-PERS-1), as is whoever proposed or took the decision (409). The title is recorded with the approval. The person is then told in writing who decided and who approved (with the review date and the Ombudsman), and the complaints managers are reminded on the review date.',
  })
  @ApiOkResponse({ type: ContactRestrictionDto, description: 'The decision, approved and in force' })
  approve(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<ContactRestrictionDto> {
    return this.limits.approve(id, staff);
  }

  @Post('contact-limits/:id/review')
  @HttpCode(200)
  @Roles('complaints-manager')
  @ApiOperation({
    summary: 'Review the limits: continue them to a new review date, or lift them (R-PERS-1)',
    description: 'Lifting them tells the person in writing.',
  })
  @ApiOkResponse({ type: ReviewedContactRestrictionDto, description: 'The decision, with its reviews' })
  review(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ReviewContactLimitsDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<ReviewedContactRestrictionDto> {
    return this.limits.review(id, dto, staff);
  }
}
