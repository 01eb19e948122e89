import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CASE_ROLES } from '@complaints/domain';
import { Roles } from '@complaints/service-kit';
import { AccessAs } from '../correspondence/case-file-door';
import { CorrespondencePreviewService } from './correspondence-preview.service';
import { PreviewDto, PreviewResultDto } from './templates.dto';

const PROBLEM = { description: 'RFC 9457 problem details (application/problem+json)' };

/** What a letter would say before it is sent (issue #5). */
@ApiTags('correspondence')
@ApiUnauthorizedResponse({ description: 'No valid staff token' })
@ApiForbiddenResponse({ description: 'Your roles do not allow this' })
@Controller('complaints')
@Roles(...CASE_ROLES)
export class CorrespondencePreviewController {
  constructor(private readonly previews: CorrespondencePreviewService) {}

  @Post(':reference/correspondence/preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A letter or email rendered exactly as it would be sent, without sending or storing it',
    description:
      "From the complaint's record, in the variant the person needs (easy read), with your organisation's overrides and the chosen format.",
  })
  @AccessAs('preview')
  @ApiOkResponse({ type: PreviewResultDto })
  @ApiNotFoundResponse({
    ...PROBLEM,
    description: 'No such complaint, or not yours to open (R-INT-8 need-to-know)',
  })
  @ApiUnprocessableEntityResponse({
    ...PROBLEM,
    description:
      'Unknown template, facts not as the template declares, or nothing to render: `errors` names the field',
  })
  preview(@Param('reference') reference: string, @Body() request: PreviewDto): Promise<PreviewResultDto> {
    return this.previews.preview(reference, request);
  }
}
