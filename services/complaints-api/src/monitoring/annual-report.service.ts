import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { AnnualReport } from '@complaints/db';
import { financialYear, londonDate, type LocalDate } from '@complaints/domain';
import {
  DATA_SOURCE,
  ProblemException,
  RequestValidationException,
  type FieldProblem,
  type StaffPrincipal,
} from '@complaints/service-kit';
import { ANNUAL_REPORT_SECTIONS, draftNarrative } from './annual-report-narrative';
import { AnnualReportFiguresService } from './annual-report-figures.service';
import type {
  AnnualNarrativeDto,
  AnnualReportDto,
  AnnualReportViewDto,
  EditAnnualReportDto,
} from './dto/annual-report.dto';

const SECTION_IDS: readonly string[] = ANNUAL_REPORT_SECTIONS.map((section) => section.id);
const MAX_SECTION = 8000;

const refused = (title: string, detail: string) =>
  new ProblemException({ status: 409, title, detail, rule: 'R-MON-3' });

/**
 * Regulation 18 (R-MON-3; ADR 0031): the annual report's life. The system drafts the narrative from the figures; a
 * complaints manager edits it, each edit a new version; the complaints manager, then the Responsible Person (two
 * people, in that order) approve the latest version, and an edit after that is a new version with no approvals;
 * a complaints manager publishes the approved version once the year has ended, with the figures as they stood.
 * A published report reads the same ever after: its figures, narrative and PDF are the approved ones.
 */
@Injectable()
export class AnnualReportService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly figures: AnnualReportFiguresService,
  ) {}

  async view(
    staff: StaffPrincipal,
    yearName: string,
    today: LocalDate = londonDate(new Date()),
  ): Promise<AnnualReportViewDto> {
    const latest = await this.latest(staff.organisationCode, yearName);
    if (latest?.publishedFigures)
      return { ...(latest.publishedFigures as unknown as AnnualReportDto), narrative: narrativeOf(latest) };
    const figures = await this.figures.figures(staff.organisationCode, yearName, today);
    return {
      ...figures,
      narrative: latest
        ? narrativeOf(latest)
        : {
            version: 0,
            sections: draftNarrative(figures),
            drafted: true,
            editedBy: 'system',
            editedAt: null,
            managerApproval: null,
            responsiblePersonApproval: null,
            publication: null,
          },
    };
  }

  /** A new version drafted by the system from today's figures (e.g. once late records are in). */
  async draft(staff: StaffPrincipal, yearName: string): Promise<AnnualReportViewDto> {
    const figures = await this.figures.figures(staff.organisationCode, yearName);
    const version = await this.saveVersion(staff, yearName, null, draftNarrative(figures), true);
    return { ...figures, narrative: narrativeOf(version) };
  }

  async edit(staff: StaffPrincipal, yearName: string, dto: EditAnnualReportDto): Promise<AnnualNarrativeDto> {
    const problems: FieldProblem[] = [
      ...SECTION_IDS.filter((id) => !(id in dto.sections)).map((id) => ({
        field: `sections.${id}`,
        reason: 'is missing: every section is given',
      })),
      ...Object.entries(dto.sections).flatMap(([id, text]): FieldProblem[] =>
        !SECTION_IDS.includes(id)
          ? [{ field: `sections.${id}`, reason: `is not a section: ${SECTION_IDS.join(', ')}` }]
          : typeof text !== 'string' || text.trim() === '' || text.length > MAX_SECTION
            ? [{ field: `sections.${id}`, reason: `must be text of 1 to ${MAX_SECTION} characters` }]
            : [],
      ),
    ];
    if (problems.length > 0) throw new RequestValidationException(problems);
    const sections = Object.fromEntries(SECTION_IDS.map((id) => [id, dto.sections[id]]));
    return narrativeOf(await this.saveVersion(staff, yearName, dto.version, sections, false));
  }

  /** The complaints manager's approval, then the Responsible Person's, of the latest version. */
  async approve(staff: StaffPrincipal, yearName: string, version: number): Promise<AnnualNarrativeDto> {
    const report = await this.current(staff, yearName, version);
    const asManager = staff.roles.includes('complaints-manager') && report.managerApprovedBy === null;
    if (asManager) {
      await this.setOnce(report, 'manager_approved', staff.id);
    } else if (!staff.roles.includes('responsible-person')) {
      throw refused(
        'Already approved',
        `version ${version} was approved by the complaints manager ${report.managerApprovedBy}; the Responsible Person approves next`,
      );
    } else if (report.managerApprovedBy === null) {
      throw refused(
        'Approved in order',
        'the complaints manager approves the report before the Responsible Person does',
      );
    } else if (report.managerApprovedBy === staff.id) {
      throw refused(
        'Two people approve',
        `${staff.id} approved version ${version} as the complaints manager; the Responsible Person is another person`,
      );
    } else {
      await this.setOnce(report, 'responsible_person_approved', staff.id);
    }
    return narrativeOf(await this.dataSource.getRepository(AnnualReport).findOneByOrFail({ id: report.id }));
  }

  async publish(
    staff: StaffPrincipal,
    yearName: string,
    version: number,
    today: LocalDate = londonDate(new Date()),
  ): Promise<AnnualReportViewDto> {
    const year = financialYear(yearName);
    if (today <= year.to)
      throw refused(
        'The year has not ended',
        `${year.name} runs until ${year.to}: the report follows the year`,
      );
    const report = await this.current(staff, yearName, version);
    if (!report.managerApprovedBy || !report.responsiblePersonApprovedBy)
      throw refused(
        'Not approved',
        `version ${version} is published once the complaints manager and the Responsible Person have approved it` +
          ` (${report.managerApprovedBy ? 'the Responsible Person has not' : 'neither has'})`,
      );
    const figures = await this.figures.figures(staff.organisationCode, yearName, today);
    const published = await this.dataSource.query(
      `UPDATE annual_report SET published_by = $2, published_at = now(), published_figures = $3
        WHERE id = $1 AND published_at IS NULL RETURNING id`,
      [report.id, staff.id, JSON.stringify(figures)],
    );
    if ((published[0] as unknown[]).length === 0)
      throw refused('Already published', `${yearName}'s report was published meanwhile`);
    const row = await this.dataSource.getRepository(AnnualReport).findOneByOrFail({ id: report.id });
    return { ...figures, narrative: narrativeOf(row) };
  }

  private latest(organisationCode: string, year: string): Promise<AnnualReport | null> {
    return this.dataSource
      .getRepository(AnnualReport)
      .findOne({ where: { organisationCode, year }, order: { version: 'DESC' } });
  }

  /** The latest version, which must be the one the caller acts on, and not published. */
  private async current(staff: StaffPrincipal, year: string, version: number): Promise<AnnualReport> {
    const latest = await this.latest(staff.organisationCode, year);
    if (!latest)
      throw refused('Nothing to approve', `${year}'s report has no version yet: draft or edit it first`);
    if (latest.publishedAt)
      throw refused('Already published', `${year}'s report was published; it stays as published`);
    if (latest.version !== version)
      throw refused(
        'Not the latest version',
        `the latest version of ${year}'s report is ${latest.version}, not ${version}`,
      );
    return latest;
  }

  private async setOnce(report: AnnualReport, approval: string, by: string): Promise<void> {
    const updated = await this.dataSource.query(
      `UPDATE annual_report SET ${approval}_by = $2, ${approval}_at = now()
        WHERE id = $1 AND ${approval}_by IS NULL AND published_at IS NULL
          AND version = (SELECT max(version) FROM annual_report WHERE organisation_code = $3 AND year = $4)
        RETURNING id`,
      [report.id, by, report.organisationCode, report.year],
    );
    if ((updated[0] as unknown[]).length === 0)
      throw refused(
        'Changed meanwhile',
        `version ${report.version} was approved, edited or published meanwhile`,
      );
  }

  /** A new version, after `expected` (null: after whatever is latest); none after publication. */
  private async saveVersion(
    staff: StaffPrincipal,
    year: string,
    expected: number | null,
    sections: Record<string, string>,
    drafted: boolean,
  ): Promise<AnnualReport> {
    financialYear(year);
    return this.dataSource.transaction(async (manager) => {
      // One writer at a time numbers the organisation's versions of the year.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
        `annual-report:${staff.organisationCode}:${year}`,
      ]);
      const latest = await manager
        .getRepository(AnnualReport)
        .findOne({ where: { organisationCode: staff.organisationCode, year }, order: { version: 'DESC' } });
      if (latest?.publishedAt)
        throw refused('Already published', `${year}'s report was published; it stays as published`);
      const current = latest?.version ?? 0;
      if (expected !== null && expected !== current)
        throw refused(
          'Not the latest version',
          `the latest version of ${year}'s report is ${current}: edit that one (you sent ${expected})`,
        );
      return manager.save(
        manager.create(AnnualReport, {
          organisationCode: staff.organisationCode,
          year,
          version: current + 1,
          sections,
          drafted,
          editedBy: staff.id,
        }),
      );
    });
  }
}

function narrativeOf(report: AnnualReport): AnnualNarrativeDto {
  const approval = (by: string | null, at: Date | null) => (by && at ? { by, at: at.toISOString() } : null);
  return {
    version: report.version,
    sections: report.sections,
    drafted: report.drafted,
    editedBy: report.editedBy,
    editedAt: report.editedAt.toISOString(),
    managerApproval: approval(report.managerApprovedBy, report.managerApprovedAt),
    responsiblePersonApproval: approval(
      report.responsiblePersonApprovedBy,
      report.responsiblePersonApprovedAt,
    ),
    publication: approval(report.publishedBy, report.publishedAt),
  };
}
