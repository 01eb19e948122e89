import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentStaff, Roles, type StaffPrincipal } from '@complaints/service-kit';
import { ComplaintRecordsService } from './complaint-records.service';
import { ContactLimitsService } from './contact-limits.service';
import { ProposeContactLimitsDto, ReviewContactLimitsDto } from './dto/persistent-behaviour.dto';
import { PROBLEM, REFUSED, StaffApiResponses } from './api-responses';

/** R-PERS-1: unreasonably persistent behaviour — limits on contact, approved, reviewed, never a bar to a new complaint. */
@ApiTags('persistent behaviour')
@StaffApiResponses()
@ApiNotFoundResponse(PROBLEM)
@ApiUnprocessableEntityResponse(PROBLEM)
@ApiConflictResponse(REFUSED)
@Controller()
export class ContactLimitsController {
  constructor(
    private readonly records: ComplaintRecordsService,
    private readonly limits: ContactLimitsService,
  ) {}

  @Post('complaints/:reference/contact-limits')
  @Roles('complaints-manager')
  @ApiOperation({
    summary: 'Propose limits on contact for unreasonably persistent behaviour (R-PERS-1)',
    description:
      'Proposed by the complaints lead, naming who decided with them; nothing changes for the person until it is approved.',
  })
  async propose(
    @Param('reference') reference: string,
    @Body() dto: ProposeContactLimitsDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    return this.limits.propose(await this.records.get(reference, staff), dto, staff);
  }

  @Post('contact-limits/:id/approval')
  @HttpCode(200)
  @Roles('senior-manager', 'responsible-person')
  @ApiOperation({
    summary: 'Approve the limits (the deputy chief executive, R-PERS-1)',
    description:
      'Not by whoever proposed them. The person is then told in writing (with the review date and the Ombudsman), and the complaints managers are reminded on the review date.',
  })
  approve(@Param('id', new ParseUUIDPipe()) id: string, @CurrentStaff() staff: StaffPrincipal) {
    return this.limits.approve(id, staff);
  }

  @Post('contact-limits/:id/review')
  @HttpCode(200)
  @Roles('complaints-manager')
  @ApiOperation({
    summary: 'Review the limits: continue them to a new review date, or lift them (R-PERS-1)',
    description: 'Lifting them tells the person in writing.',
  })
  review(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ReviewContactLimitsDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    return this.limits.review(id, dto, staff);
  }
}
