import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Put,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentStaff, Roles, type StaffPrincipal } from '@complaints/service-kit';
import { PROBLEM, REFUSED, StaffApiResponses } from '../case-file/api-responses';
import { annualReportCsv } from './annual-report-csv';
import { renderAnnualReportPdf } from './annual-report-pdf';
import { AnnualReportService } from './annual-report.service';
import {
  AnnualNarrativeDto,
  AnnualReportViewDto,
  ApproveAnnualReportDto,
  EditAnnualReportDto,
  PublishAnnualReportDto,
} from './dto/annual-report.dto';
import { YearParamPipe } from './year-param.pipe';

const FIGURES =
  "Complaints received (as the KO41a return counts them, by quarter and by subject), final responses by outcome with the well-founded ones (upheld and partially upheld both count, and are shown apart), timeliness against the profile's targets, referrals to the Ombudsman and the bodies' decisions and recommendations, theme alerts, handling issues (late acknowledgements, other deadlines missed, six-month letters) and the changes made (actions done, learning recorded, and the public wordings a complaints manager approved). Counts are suppressed as in every report. Once published, the report is the published one: its figures as they stood and the approved narrative.";

/** Regulation 18 (R-MON-3; ADR 0031): the annual report, drafted, edited, approved and published. */
@ApiTags('monitoring')
@StaffApiResponses()
@ApiBadRequestResponse({
  ...PROBLEM,
  description: 'Not a financial year (`errors` names `year`), or a bad field',
})
@Controller('reports/annual/:year')
export class AnnualReportController {
  constructor(private readonly reports: AnnualReportService) {}

  @Get()
  @Roles('complaints-manager', 'senior-manager', 'responsible-person')
  @ApiOperation({
    summary: "Your organisation's annual complaints report for a financial year (regulation 18), readable",
    description: `For a financial year by name (\`2025-26\` is 1 April 2025 to 31 March 2026). ${FIGURES} With the narrative: its latest version and approvals, or before any the system's draft (version 0).`,
  })
  @ApiOkResponse({ type: AnnualReportViewDto })
  view(
    @Param('year', YearParamPipe) year: string,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<AnnualReportViewDto> {
    return this.reports.view(staff, year);
  }

  @Get('csv')
  @Roles('complaints-manager', 'senior-manager', 'responsible-person')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: "The annual report's figures as CSV",
    description:
      'One row per figure (`organisation,year,section,item,value`), the same figures as the readable report; a withheld count reads `withheld`.',
  })
  @ApiOkResponse({
    description: 'The figures',
    content: {
      'text/csv': {
        schema: { type: 'string' },
        example: 'organisation,year,section,item,value\r\nHPFT,2025-26,received,complaints,120\r\n',
      },
    },
  })
  async csv(
    @Param('year', YearParamPipe) year: string,
    @CurrentStaff() staff: StaffPrincipal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const report = await this.reports.view(staff, year);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="annual-complaints-report-${staff.organisationCode}-${year}.csv"`,
    );
    return annualReportCsv(report);
  }

  @Get('pdf')
  @Roles('complaints-manager', 'senior-manager', 'responsible-person')
  @Header('Content-Type', 'application/pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'The annual report as a tagged PDF, with charts',
    description:
      'A4, tagged (structure tree, language, title): the narrative and each section’s figures in a table, with vector charts of volumes by quarter, subjects and timeliness against the targets, each with its text alternative. A published report’s PDF is the approved version; before that, the latest version (or the system’s draft), marked as a draft.',
  })
  @ApiOkResponse({ description: 'The report', schema: { type: 'string', format: 'binary' } })
  async pdf(
    @Param('year', YearParamPipe) year: string,
    @CurrentStaff() staff: StaffPrincipal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { narrative, ...report } = await this.reports.view(staff, year);
    const createdAt = new Date(narrative.publication?.at ?? narrative.editedAt ?? Date.now());
    const pdf = await renderAnnualReportPdf(report, narrative, createdAt);
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="annual-complaints-report-${staff.organisationCode}-${year}.pdf"`,
    );
    return new StreamableFile(pdf);
  }

  @Post('draft')
  @Roles('complaints-manager')
  @ApiOperation({
    summary: "The system drafts the narrative from today's figures, as a new version",
    description:
      'Each section written from the figures as shown (withheld counts read "a small number"). Refused once the report is published.',
  })
  @ApiCreatedResponse({ type: AnnualReportViewDto, description: 'The figures and the new version' })
  @ApiConflictResponse({ ...REFUSED, description: 'Already published (R-MON-3)' })
  draft(
    @Param('year', YearParamPipe) year: string,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<AnnualReportViewDto> {
    return this.reports.draft(staff, year);
  }

  @Put('narrative')
  @Roles('complaints-manager')
  @ApiOperation({
    summary: 'Edit the narrative: every section, as a new version of the latest one',
    description:
      'The version edited must be the latest (0 before any), or 409. A new version has no approvals: an edit after approval means approving again. Refused once the report is published.',
  })
  @ApiOkResponse({ type: AnnualNarrativeDto, description: 'The new version' })
  @ApiConflictResponse({ ...REFUSED, description: 'Not the latest version, or already published (R-MON-3)' })
  edit(
    @Param('year', YearParamPipe) year: string,
    @Body() dto: EditAnnualReportDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<AnnualNarrativeDto> {
    return this.reports.edit(staff, year, dto);
  }

  @Post('approval')
  @HttpCode(200)
  @Roles('complaints-manager', 'responsible-person')
  @ApiOperation({
    summary: 'Approve the latest version: the complaints manager first, then the Responsible Person',
    description:
      'Two people, in that order, each recorded with who and when. Refused (409, R-MON-3) for a version that is not the latest, before the complaints manager has approved, by the same person twice, or once published.',
  })
  @ApiOkResponse({ type: AnnualNarrativeDto, description: 'The version, with its approvals' })
  @ApiConflictResponse({
    ...REFUSED,
    description: 'Out of order, the same person, or not the latest version',
  })
  approve(
    @Param('year', YearParamPipe) year: string,
    @Body() dto: ApproveAnnualReportDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<AnnualNarrativeDto> {
    return this.reports.approve(staff, year, dto.version);
  }

  @Post('publication')
  @HttpCode(200)
  @Roles('complaints-manager')
  @ApiOperation({
    summary: 'Publish the approved version, once the year has ended',
    description:
      'Only the latest version, approved by the complaints manager and the Responsible Person; recorded with who and when, with the figures as they stand now. Once, and never edited after (409, R-MON-3).',
  })
  @ApiOkResponse({ type: AnnualReportViewDto, description: 'The published report' })
  @ApiConflictResponse({ ...REFUSED, description: 'Not approved, the year not ended, or already published' })
  publish(
    @Param('year', YearParamPipe) year: string,
    @Body() dto: PublishAnnualReportDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<AnnualReportViewDto> {
    return this.reports.publish(staff, year, dto.version);
  }
}
