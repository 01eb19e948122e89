import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Complaint } from '@complaints/db';
import { periodNameProblem } from '@complaints/domain';
import {
  CurrentStaff,
  RequestValidationException,
  Roles,
  type StaffPrincipal,
} from '@complaints/service-kit';
import { PROBLEM, REFUSED, StaffApiResponses } from '../case-file/api-responses';
import { CaseFile } from '../case-file/case-file.decorator';
import { ApprovePublicWordingDto, PublicWordingDto, YouSaidWeDidDto } from './dto/you-said-we-did.dto';
import { YouSaidWeDidService } from './you-said-we-did.service';

/** R-MON-4: outcomes published anonymised, as "you said, we did" (issue #15 part 7, ADR 0029). */
@ApiTags('monitoring')
@StaffApiResponses()
@Controller()
export class YouSaidWeDidController {
  constructor(private readonly publication: YouSaidWeDidService) {}

  @Post('complaints/:reference/actions/:actionId/public-wording')
  @HttpCode(200)
  @Roles('complaints-manager')
  @ApiOperation({
    summary: 'Approve the words a done action may be published in, in "you said, we did" (R-MON-4)',
    description:
      'Only a complaints manager, only for a done action; the approver is the caller. Giving it again replaces it. No other words of the case are ever published.',
  })
  @ApiParam({ name: 'actionId', example: 'learning-1', description: 'The action id on the action plan' })
  @ApiOkResponse({ type: PublicWordingDto, description: 'The wording, approved' })
  @ApiConflictResponse({ ...REFUSED, description: 'The action is not done (R-MON-4)' })
  @ApiNotFoundResponse({
    ...PROBLEM,
    description: 'No such complaint open to you, or no such action on its plan',
  })
  @ApiBadRequestResponse({ ...PROBLEM, description: 'The wording is missing or too long' })
  approveWording(
    @CaseFile() complaint: Complaint,
    @Param('actionId') actionId: string,
    @Body() dto: ApprovePublicWordingDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<PublicWordingDto> {
    return this.publication.approveWording(complaint, actionId, dto.wording, staff);
  }

  @Get('reports/you-said-we-did/:period')
  @Roles('complaints-manager', 'senior-manager', 'responsible-person')
  @ApiOperation({
    summary: '"You said, we did" for a financial year or quarter, anonymised for publication (R-MON-4)',
    description:
      'You said: the complaints received in the period (not feedback or PALS enquiries), by subject. What we found: complaints answered or closed in the period, by outcome. We did: the actions of complaints done in the period, and the wording a complaints manager approved for each that has one. No reference, name, date or other free text. Counts from 1 to `suppressedBelow` − 1 are withheld with secondary suppression (ADR 0016), and the wordings are left out while the count of changes is withheld.',
  })
  @ApiParam({ name: 'period', example: '2026-27-Q2', description: 'A financial year (`2026-27`) or quarter' })
  @ApiOkResponse({ type: YouSaidWeDidDto })
  @ApiBadRequestResponse({
    ...PROBLEM,
    description: 'Not a financial year or quarter: `errors` names `period`',
  })
  export(@Param('period') period: string, @CurrentStaff() staff: StaffPrincipal): Promise<YouSaidWeDidDto> {
    const problem = /-Q/.test(period)
      ? periodNameProblem(period, 'financial-quarter')
      : periodNameProblem(period, 'financial-year');
    if (problem) throw new RequestValidationException([{ field: 'period', reason: problem }]);
    return this.publication.export(staff.organisationCode, period);
  }
}
