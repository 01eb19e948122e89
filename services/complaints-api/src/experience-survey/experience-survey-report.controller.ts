import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, Roles, type StaffPrincipal } from '@complaints/service-kit';
import { PROBLEM, StaffApiResponses } from '../case-file/api-responses';
import { MonitoringReportQueryDto } from '../monitoring/dto/monitoring.dto';
import { ExperienceSurveyReportDto } from './experience-survey.dto';
import { ExperienceSurveyService } from './experience-survey.service';

/** The experience survey, only in aggregate (ADR 0023). */
@ApiTags('monitoring')
@StaffApiResponses()
@ApiBadRequestResponse(PROBLEM)
@Controller('reports')
export class ExperienceSurveyReportController {
  constructor(private readonly survey: ExperienceSurveyService) {}

  @Get('experience-survey')
  @Roles('complaints-manager', 'senior-manager', 'responsible-person')
  @ApiOperation({
    summary:
      "How complainants and staff found your organisation's complaints process (the experience survey)",
    description:
      'Answers to the survey sent after closure (responded or resolved early) to the complainant, where they reply by email, and to the staff who handled, reviewed, contributed to or signed off the complaint. ' +
      'Answers are kept apart from the case: by organisation, profile, complainant or staff, and the financial quarter of the closure only, so the period (whole calendar months, as the monitoring report) covers the quarters that begin within it. ' +
      'Per respondent kind, each question counts each answer with `not-answered` (all are optional); counts from 1 to `suppressedBelow` − 1 are withheld as `null`, with as many more as it takes (ADR 0016). ' +
      'The comments are given, in alphabetical order, only when at least `suppressedBelow` people of that kind answered.',
  })
  @ApiOkResponse({ type: ExperienceSurveyReportDto })
  report(
    @Query() query: MonitoringReportQueryDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<ExperienceSurveyReportDto> {
    return this.survey.report(staff.organisationCode, query.from, query.to);
  }
}
