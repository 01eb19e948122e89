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
      'Proposed by the complaints lead, naming who decided with them; nothing changes for the person until it is approved.',
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
      'Not by whoever proposed them. The person is then told in writing (with the review date and the Ombudsman), and the complaints managers are reminded on the review date.',
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
