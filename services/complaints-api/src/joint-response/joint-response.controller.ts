import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
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
import {
  AgreeJointTimescaleDto,
  DecidePartialResponseDto,
  FlagConflictDto,
  RecordCoordinationDto,
  RecordDisagreementOutcomeDto,
  RecordJointReviewDto,
  RecordLeadLearningDto,
  ResolveConflictDto,
} from './joint-response.dto';
import { JointResponseService } from './joint-response.service';

/** The lead's side of the jointResponse workflow (R-JOINT-3 … 7, ADR 0019): the complaint must be joint (404 otherwise). */
@ApiTags('joint response (lead)')
@StaffApiResponses()
@ApiNotFoundResponse(PROBLEM)
@ApiUnprocessableEntityResponse(PROBLEM)
@ApiConflictResponse(REFUSED)
@Controller('complaints/:reference/joint-response')
export class JointResponseController {
  constructor(private readonly joint: JointResponseService) {}

  @Get()
  @ApiOperation({
    summary:
      "The joint response: each partner's progress, contributions (every version), decisions on drafts, variations, conflicts, meetings, disagreements and learning",
  })
  @ApiOkResponse({ description: 'The joint response as the lead sees it' })
  read(@CaseFile() complaint: Complaint) {
    return this.joint.read(complaint);
  }

  @Post('timescale')
  @HttpCode(200)
  @Roles('complaints-manager', 'handler')
  @ApiOperation({
    summary:
      "Agree the timescale with the person, and each partner's contribution deadline within it (R-JOINT-3, R-JOINT-4)",
    description: 'Partners are reminded the working day before their deadline and escalated when it passes.',
  })
  @ApiOkResponse({ description: 'Done' })
  timescale(
    @CaseFile() complaint: Complaint,
    @Body() dto: AgreeJointTimescaleDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    return this.joint.agreeTimescale(complaint, dto, staff);
  }

  @Post('coordination')
  @Roles('complaints-manager', 'handler')
  @ApiOperation({
    summary: 'Record the co-ordination meeting or call of a complex case (R-JOINT-3); it holds nothing up',
  })
  @ApiCreatedResponse({ description: 'Recorded' })
  coordination(
    @CaseFile() complaint: Complaint,
    @Body() dto: RecordCoordinationDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    return this.joint.recordCoordination(complaint, dto, staff);
  }

  @Post('conflicts')
  @Roles('complaints-manager', 'handler')
  @ApiOperation({
    summary: 'Flag conflicting information between organisations (R-JOINT-4)',
    description:
      'While a conflict is open no partner can approve a draft, so the response waits for its resolution.',
  })
  @ApiCreatedResponse({ description: 'Recorded' })
  conflict(
    @CaseFile() complaint: Complaint,
    @Body() dto: FlagConflictDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    return this.joint.flagConflict(complaint, dto, staff);
  }

  @Post('conflicts/:conflictId/resolution')
  @HttpCode(200)
  @Roles('complaints-manager', 'handler')
  @ApiOperation({ summary: 'Record how the organisations resolved a conflict (R-JOINT-4)' })
  @ApiOkResponse({ description: 'Done' })
  resolve(
    @CaseFile() complaint: Complaint,
    @Param('conflictId') conflictId: string,
    @Body() dto: ResolveConflictDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    return this.joint.resolveConflict(complaint, conflictId, dto, staff);
  }

  @Post('partial-response')
  @HttpCode(200)
  @Roles('complaints-manager')
  @ApiOperation({
    summary: 'Go ahead with a partial response without late partners (R-JOINT-6)',
    description:
      'Only partners whose contribution deadline passed without a contribution; their later response must apologise.',
  })
  @ApiOkResponse({ description: 'Done' })
  partial(
    @CaseFile() complaint: Complaint,
    @Body() dto: DecidePartialResponseDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    return this.joint.decidePartialResponse(complaint, dto, staff);
  }

  @Post('review')
  @HttpCode(200)
  @Roles('complaints-manager')
  @ApiOperation({
    summary: 'Record the review with the person who was not satisfied (R-JOINT-7)',
    description:
      'Names the partners whose part is resolved (they may withdraw) and, if the lead changes, the new lead; partners are told.',
  })
  @ApiOkResponse({ description: 'Done' })
  review(
    @CaseFile() complaint: Complaint,
    @Body() dto: RecordJointReviewDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    return this.joint.recordReview(complaint, dto, staff);
  }

  @Post('disagreements/:disagreementId/outcome')
  @HttpCode(200)
  @Roles('complaints-manager')
  @ApiOperation({
    summary: "Record the outcome of a disagreement the organisations' senior managers settled (R-JOINT-7)",
  })
  @ApiOkResponse({ description: 'Done' })
  outcome(
    @CaseFile() complaint: Complaint,
    @Param('disagreementId') disagreementId: string,
    @Body() dto: RecordDisagreementOutcomeDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    return this.joint.recordDisagreementOutcome(complaint, disagreementId, dto, staff);
  }

  @Post('learning')
  @Roles('complaints-manager', 'handler')
  @ApiOperation({ summary: "Record the lead's learning and action points (protocol 3.4)" })
  @ApiCreatedResponse({ description: 'Recorded' })
  learning(
    @CaseFile() complaint: Complaint,
    @Body() dto: RecordLeadLearningDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    return this.joint.recordLearning(complaint, dto, staff);
  }
}
