import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Complaint } from '@complaints/db';
import { CurrentStaff, Roles, type StaffPrincipal } from '@complaints/service-kit';
import { PROBLEM, StaffApiResponses } from '../case-file/api-responses';
import { CaseFile } from '../case-file/case-file.decorator';
import { IssueProgressLinkDto, ProgressLinkDto, ProgressLinkSummaryDto } from './progress.dto';
import { ProgressService } from './progress.service';

/** The link to the complainant's private progress page (issue #18, ADR 0022): issued and revoked by staff. */
@ApiTags('progress')
@StaffApiResponses()
@Controller('complaints')
@Roles('handler', 'complaints-manager')
export class ProgressLinksController {
  constructor(private readonly progress: ProgressService) {}

  @Get(':reference/progress-links')
  @ApiOperation({
    summary: "The complaint's progress links, newest first, to see which work and revoke one",
    description:
      'Those staff issued and the one sent with the acknowledgement (by email, or as a code on the letter: ' +
      'issuedBy `acknowledgement`, ADR 0028). Never their secrets, which are not kept.',
  })
  @ApiOkResponse({ type: ProgressLinkSummaryDto, isArray: true })
  list(@CaseFile() complaint: Complaint): Promise<ProgressLinkSummaryDto[]> {
    return this.progress.list(complaint);
  }

  @Post(':reference/progress-links')
  @ApiOperation({
    summary: "Issue a link to the complainant's private progress page",
    description:
      'A secret link (ADR 0017) that works for `days` (90 by default), as often as the person likes, until it ' +
      'expires or is revoked. The answer is the only time the link is shown: send it to the person (by email, or ' +
      'printed on a letter). The page shows the stage in plain words, the next date, the letters sent to them, and ' +
      'lets them send more information or say they are not satisfied (a timeline event). Every view is in the access log.',
  })
  @ApiCreatedResponse({ type: ProgressLinkDto })
  @ApiConflictResponse({
    ...PROBLEM,
    description: 'An anonymous complaint has nobody to send it to (R-INT-4)',
  })
  issue(
    @CaseFile() complaint: Complaint,
    @Body() dto: IssueProgressLinkDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<ProgressLinkDto> {
    return this.progress.issue(complaint, dto.days ?? 90, staff);
  }

  @Post(':reference/progress-links/:linkId/revocation')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a progress link now: it opens nothing from then on' })
  @ApiNoContentResponse({ description: 'Revoked (or already revoked)' })
  revoke(
    @CaseFile() complaint: Complaint,
    @Param('linkId', new ParseUUIDPipe()) linkId: string,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<void> {
    return this.progress.revoke(complaint, linkId, staff);
  }
}
