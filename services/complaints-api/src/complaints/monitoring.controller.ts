import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentStaff, Roles, type StaffPrincipal } from '@complaints/service-kit';
import { ComplaintRecordsService } from './complaint-records.service';
import {
  AssessComplexityDto,
  CodeIssueDto,
  EqualityMonitoringDto,
  MonitoringReportQueryDto,
} from './dto/monitoring.dto';
import { MonitoringService } from './monitoring.service';
import { PROBLEM, StaffApiResponses } from './api-responses';

/** R-MON-1/2: what is recorded for reporting, and the counts leaders read. */
@ApiTags('monitoring')
@StaffApiResponses()
@ApiBadRequestResponse(PROBLEM)
@Controller()
export class MonitoringController {
  constructor(
    private readonly records: ComplaintRecordsService,
    private readonly monitoring: MonitoringService,
  ) {}

  @Put('complaints/:reference/issues/:issueId/coding')
  @Roles('handler', 'complaints-manager')
  @ApiOperation({ summary: 'Code an issue by subject, service area and staff group (R-MON-1, KO41a)' })
  @ApiNotFoundResponse(PROBLEM)
  async codeIssue(
    @Param('reference') reference: string,
    @Param('issueId', new ParseUUIDPipe()) issueId: string,
    @Body() dto: CodeIssueDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    return this.monitoring.codeIssue(await this.records.get(reference, staff), issueId, dto, staff);
  }

  @Put('complaints/:reference/complexity')
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Assess the complaint as straightforward or complex (R-MON-2: the targets differ)',
  })
  @ApiNotFoundResponse(PROBLEM)
  async assessComplexity(
    @Param('reference') reference: string,
    @Body() dto: AssessComplexityDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    return this.monitoring.assessComplexity(await this.records.get(reference, staff), dto.complexity, staff);
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
  @ApiNotFoundResponse(PROBLEM)
  async recordEquality(
    @Param('reference') reference: string,
    @Body() dto: EqualityMonitoringDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<void> {
    await this.monitoring.recordEquality(await this.records.get(reference, staff), dto.answers, staff);
  }

  @Get('reports/monitoring')
  @Roles('complaints-manager', 'senior-manager', 'responsible-person')
  @ApiOperation({
    summary: "Your organisation's monitoring counts for complaints received in a period (R-MON-1, R-MON-2)",
    description:
      'Complaints by complexity and outcome, final responses that met the timescale agreed at the start, issues by KO41a subject, service area and staff group, and equality answers per question.',
  })
  report(@Query() query: MonitoringReportQueryDto, @CurrentStaff() staff: StaffPrincipal) {
    return this.monitoring.report(staff.organisationCode, query.from, query.to);
  }
}
