import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
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
import { accessRequest, CaseFile, type CaseFileRequest } from '../case-file/case-file.decorator';
import { TargetReportDto } from './dto/targets.dto';
import {
  AnnualTrendReviewDto,
  QuarterlyReviewPackDto,
  QuarterlyReviewRecordDto,
  RecordQuarterlyReviewDto,
} from './dto/quarterly-review.dto';
import { QuarterParamPipe } from './quarter-param.pipe';
import { YearParamPipe } from './year-param.pipe';
import { QuarterlyReviewService } from './quarterly-review.service';
import { TargetsReportService } from './targets-report.service';
import {
  AssessComplexityDto,
  CodeIssueDto,
  ComplexityDto,
  EqualityMonitoringDto,
  IssueCodingDto,
  MonitoringReportDto,
  MonitoringReportQueryDto,
} from './dto/monitoring.dto';
import { MonitoringReportService } from './monitoring-report.service';
import { MonitoringService } from './monitoring.service';

/** R-MON-1/2: what is recorded for reporting, and the counts leaders read. */
@ApiTags('monitoring')
@StaffApiResponses()
@ApiBadRequestResponse(PROBLEM)
@Controller()
export class MonitoringController {
  constructor(
    private readonly monitoring: MonitoringService,
    private readonly reports: MonitoringReportService,
    private readonly targets: TargetsReportService,
    private readonly quarterlyReviews: QuarterlyReviewService,
  ) {}

  @Put('complaints/:reference/issues/:issueId/coding')
  @Roles('handler', 'complaints-manager')
  @ApiOperation({ summary: 'Code an issue by subject, service area and staff group (R-MON-1, KO41a)' })
  @ApiOkResponse({ type: IssueCodingDto, description: 'The issue, as coded' })
  codeIssue(
    @CaseFile() complaint: Complaint,
    @Param('issueId', new ParseUUIDPipe()) issueId: string,
    @Body() dto: CodeIssueDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<IssueCodingDto> {
    return this.monitoring.codeIssue(complaint, issueId, dto, staff);
  }

  @Put('complaints/:reference/complexity')
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Assess the complaint as straightforward or complex (R-MON-2: the targets differ)',
  })
  @ApiOkResponse({ type: ComplexityDto, description: 'The complexity, as assessed' })
  assessComplexity(
    @CaseFile() complaint: Complaint,
    @Body() dto: AssessComplexityDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<ComplexityDto> {
    return this.monitoring.assessComplexity(complaint, dto.complexity, staff);
  }

  @Put('complaints/:reference/equality-monitoring')
  @HttpCode(204)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: "Record the person's optional equality-monitoring answers (R-MON-1)",
    description:
      'Kept apart from the case: never shown with the complaint or on its timeline, only counted in the monitoring report.',
  })
  @ApiNoContentResponse({ description: 'Recorded (replacing any earlier answers)' })
  async recordEquality(
    @CaseFile() complaint: Complaint,
    @Body() dto: EqualityMonitoringDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<void> {
    await this.monitoring.recordEquality(complaint, dto.answers, staff);
  }

  @Get('reports/monitoring')
  @Roles('complaints-manager', 'senior-manager', 'responsible-person')
  @ApiOperation({
    summary: "Your organisation's monitoring counts for complaints received in a period (R-MON-1, R-MON-2)",
    description:
      "Complaints by complexity and outcome (the findings' overall outcome once the final response is sent, or how the complaint ended without one: resolved early, withdrawn, out of scope, out of time), final responses that met the timescale agreed at the start, issues by KO41a subject, service area, staff group and the outcome of their finding, learning recorded (on complaints, and on feedback and PALS enquiries apart), the action plans of the period's complaints (open, done, cancelled, overdue today), and equality answers per question. " +
      'The period is whole calendar months (`from` the 1st, `to` the last day; anything narrower is refused, naming the field). ' +
      'Counts from 1 to `suppressedBelow` − 1 are withheld as `null`, and so are as many more of the same grouping (smallest first) as it takes for the withheld cells to hold at least that many people, so no total or difference reveals them.',
  })
  @ApiOkResponse({ type: MonitoringReportDto })
  report(
    @Query() query: MonitoringReportQueryDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<MonitoringReportDto> {
    return this.reports.report(staff.organisationCode, query.from, query.to);
  }

  @Get('reports/targets')
  @Roles('complaints-manager', 'senior-manager', 'responsible-person')
  @ApiOperation({
    summary: "How your organisation's final responses stand against its profile's targets (R-MON-2)",
    description:
      'For the complaints received in a period (whole calendar months, as the monitoring report): each target of the profile the complaints are pinned to (PHSO model: straightforward 95% within 3 months and 100% within 6, complex or multi-organisation 50% and 80%; HPFT: 100% within 35 working days, reopened within 60, unless extended by agreement), with the responses that met it, missed it, and are still pending, the denominator and the share. ' +
      'Dates are counted as procedure §0 says (working days strictly after receipt or reopening, paused days moved out, months clamped); a joint case counts as multi-organisation; a complaint closed without a final response (resolved early, withdrawn) is in no target. ' +
      'Counts are suppressed as in the monitoring report; complaints managers also get the references that missed, and that list is recorded in the access log.',
  })
  @ApiOkResponse({ type: TargetReportDto })
  targetReport(
    @Query() query: MonitoringReportQueryDto,
    @CurrentStaff() staff: StaffPrincipal,
    @Req() request: CaseFileRequest,
  ): Promise<TargetReportDto> {
    return this.targets.report(staff, query.from, query.to, accessRequest(request, 'search', staff));
  }

  @Get('reports/quarterly-reviews/:quarter')
  @Roles('senior-manager', 'responsible-person', 'complaints-manager')
  @ApiOperation({
    summary: 'The quarterly review pack for senior managers (R-MON-3), and the review once recorded',
    description:
      "For a financial quarter by name (`2026-27-Q2` is July to September 2026): complaints received and timeliness against each target over the last eight quarters, oldest first; open complaints by age, breaches, complaints under six-month oversight, and the open and overdue actions of the action plans (promised in responses or from learning, of complaints and feedback alike) as of today; the quarter's most frequent subject and service areas. Counts are suppressed as in the monitoring report.",
  })
  @ApiOkResponse({ type: QuarterlyReviewPackDto })
  quarterlyReviewPack(
    @Param('quarter', QuarterParamPipe) quarter: string,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<QuarterlyReviewPackDto> {
    return this.quarterlyReviews.pack(staff, quarter);
  }

  @Post('reports/quarterly-reviews/:quarter/record')
  @Roles('senior-manager', 'responsible-person')
  @ApiOperation({
    summary: "Record a senior manager's review of an ended quarter: decisions and actions set (R-MON-3)",
    description:
      'Once per quarter, after it ends; the reviewer is the caller. Each action names an owner among the active staff of your organisation and a due date.',
  })
  @ApiCreatedResponse({ type: QuarterlyReviewRecordDto })
  @ApiConflictResponse({ ...PROBLEM, description: 'The quarter was already reviewed (R-MON-3)' })
  recordQuarterlyReview(
    @Param('quarter', QuarterParamPipe) quarter: string,
    @Body() dto: RecordQuarterlyReviewDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<QuarterlyReviewRecordDto> {
    return this.quarterlyReviews.record(staff, quarter, dto);
  }

  @Get('reports/annual-trend-reviews/:year')
  @Roles('senior-manager', 'responsible-person', 'complaints-manager')
  @ApiOperation({
    summary:
      'The annual trend review of a financial year (CWTH: all complaints reviewed annually for trends; R-MON-3)',
    description:
      "From the quarterly pack's data: the year's four quarters beside the year before's (volumes and timeliness against each target), the two years' complaints by subject and outcome, the year's most frequent subject and service areas, and the review once recorded. Counts are suppressed as in the monitoring report.",
  })
  @ApiOkResponse({ type: AnnualTrendReviewDto })
  annualTrendReview(
    @Param('year', YearParamPipe) year: string,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<AnnualTrendReviewDto> {
    return this.quarterlyReviews.annualPack(staff, year);
  }

  @Post('reports/annual-trend-reviews/:year/record')
  @Roles('senior-manager', 'responsible-person')
  @ApiOperation({
    summary: 'Record the annual trend review of an ended financial year: decisions and actions set (R-MON-3)',
    description:
      'Once per year, after it ends; the reviewer is the caller. Kept as a quarterly review is (actions owned by active staff of your organisation).',
  })
  @ApiCreatedResponse({ type: QuarterlyReviewRecordDto })
  @ApiConflictResponse({ ...PROBLEM, description: 'The year was already reviewed (R-MON-3)' })
  recordAnnualTrendReview(
    @Param('year', YearParamPipe) year: string,
    @Body() dto: RecordQuarterlyReviewDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<QuarterlyReviewRecordDto> {
    return this.quarterlyReviews.record(staff, year, dto);
  }
}
