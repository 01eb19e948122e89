import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { Organisation, QuarterlyReview } from '@complaints/db';
import {
  calendarMonthsAfterReceipt,
  COMPLAINT_OUTCOMES,
  financialQuarter,
  financialYear,
  SUBJECT_AREAS,
  londonDate,
  quartersEndingWith,
  suppressGroup,
  suppressTotal,
  type LocalDate,
  type ReportingPeriod,
  type Stage,
} from '@complaints/domain';
import {
  DATA_SOURCE,
  ProblemException,
  RequestValidationException,
  type StaffPrincipal,
} from '@complaints/service-kit';
import type {
  AnnualTrendReviewDto,
  QuarterlyReviewPackDto,
  QuarterlyReviewRecordDto,
  RecordQuarterlyReviewDto,
} from './dto/quarterly-review.dto';
import { DISCLOSURE_CONTROL, type DisclosureControl } from './monitoring-report.service';
import { ownedActions } from './review-actions';
import { summarise, TargetsReportService } from './targets-report.service';

const TREND_QUARTERS = 8;
const THEMES = 5;
/** Stages of a complaint still to be resolved. */
const OPEN_STAGES: Stage[] = [
  'awaiting-acknowledgement',
  'acknowledged',
  'early-resolution',
  'closer-look',
  'awaiting-sign-off',
];
/** The monitoring report's scope: complaints, not feedback or PALS enquiries. */
const COMPLAINTS = `c.kind <> 'feedback' AND c.kind <> 'pals-enquiry'`;

/**
 * R-MON-3: senior managers review complaints at least quarterly. The pack gives the quarter's volumes and
 * timeliness against targets with the trend over eight quarters, the position today (open cases by age,
 * breaches, oversight, overdue actions) and the quarter's themes; the review's decisions and actions are kept.
 */
@Injectable()
export class QuarterlyReviewService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(DISCLOSURE_CONTROL) private readonly control: DisclosureControl,
    private readonly targets: TargetsReportService,
  ) {}

  /** The pack as of `today` (a London date; the tests fix it). */
  async pack(
    staff: StaffPrincipal,
    quarterName: string,
    today: LocalDate = londonDate(new Date()),
  ): Promise<QuarterlyReviewPackDto> {
    const quarter = financialQuarter(quarterName);
    const organisation = await this.dataSource
      .getRepository(Organisation)
      .findOneByOrFail({ code: staff.organisationCode });
    const { threshold } = this.control;
    const code = organisation.code;

    const trend = await this.trendOf(organisation, quartersEndingWith(quarter.name, TREND_QUARTERS), today);

    const open: { received_on: string; breached: boolean }[] = await this.dataSource.query(
      `SELECT c.received_on::text AS received_on, c.breached FROM complaint c
        WHERE c.organisation_code = $1 AND ${COMPLAINTS} AND c.stage = ANY($2)`,
      [code, OPEN_STAGES],
    );
    const ageOf = (receivedOn: LocalDate) =>
      today < calendarMonthsAfterReceipt(receivedOn, 3)
        ? 'underThreeMonths'
        : today < calendarMonthsAfterReceipt(receivedOn, 6)
          ? 'threeToSixMonths'
          : today < calendarMonthsAfterReceipt(receivedOn, 12)
            ? 'sixToTwelveMonths'
            : 'overTwelveMonths';
    const byAge = { underThreeMonths: 0, threeToSixMonths: 0, sixToTwelveMonths: 0, overTwelveMonths: 0 };
    for (const complaint of open) byAge[ageOf(complaint.received_on)] += 1;

    const [{ n: underOversight }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM complaint c WHERE c.organisation_code = $1 AND ${COMPLAINTS} AND c.under_oversight`,
      [code],
    );
    // The organisation's action plans as of today (ADR 0024): actions are its own work, so feedback's count too.
    const [{ open: openActions, overdue: overdueActions }] = await this.dataSource.query(
      `SELECT count(*)::int AS open, count(*) FILTER (WHERE a.due < $2)::int AS overdue
         FROM case_action a JOIN complaint c ON c.reference = a.complaint_reference
        WHERE c.organisation_code = $1 AND a.status = 'open'`,
      [code, today],
    );
    return {
      organisation: code,
      quarter: quarter.name,
      from: quarter.from,
      to: quarter.to,
      asOf: today,
      suppressedBelow: threshold,
      trend,
      openByAge: suppressGroup(byAge, threshold),
      breached: suppressTotal(open.filter((complaint) => complaint.breached).length, threshold),
      underOversight: suppressTotal(underOversight, threshold),
      openActions: suppressTotal(openActions, threshold),
      overdueActions: suppressTotal(overdueActions, threshold),
      themes: await this.themesOf(code, quarter.from, quarter.to),
      record: await this.recordOf(code, quarter.name),
    };
  }

  /**
   * CWTH ("all complaints are reviewed annually to identify any trends"): the same data over a financial year, the
   * year's four quarters beside the year before's, the two years' complaints by subject and outcome, and the year's
   * themes; recorded as a quarter's review is.
   */
  async annualPack(
    staff: StaffPrincipal,
    yearName: string,
    today: LocalDate = londonDate(new Date()),
  ): Promise<AnnualTrendReviewDto> {
    const year = financialYear(yearName);
    const organisation = await this.dataSource
      .getRepository(Organisation)
      .findOneByOrFail({ code: staff.organisationCode });
    const code = organisation.code;
    const start = Number(year.name.slice(0, 4)) - 1;
    const before = financialYear(`${start}-${String((start + 1) % 100).padStart(2, '0')}`);
    return {
      organisation: code,
      year: year.name,
      from: year.from,
      to: year.to,
      asOf: today,
      suppressedBelow: this.control.threshold,
      trend: await this.trendOf(organisation, quartersEndingWith(`${year.name}-Q4`, TREND_QUARTERS), today),
      years: [await this.yearSummary(code, before), await this.yearSummary(code, year)],
      themes: await this.themesOf(code, year.from, year.to),
      record: await this.recordOf(code, year.name),
    };
  }

  async record(
    staff: StaffPrincipal,
    periodName: string,
    review: RecordQuarterlyReviewDto,
  ): Promise<QuarterlyReviewRecordDto> {
    const isQuarter = /-Q[1-4]$/.test(periodName);
    const quarter = isQuarter ? financialQuarter(periodName) : financialYear(periodName);
    if (londonDate(new Date()) <= quarter.to)
      throw new RequestValidationException([
        {
          field: isQuarter ? 'quarter' : 'year',
          reason: `must have ended: ${quarter.name} runs until ${quarter.to}`,
        },
      ]);
    const actions = await ownedActions(this.dataSource, staff.organisationCode, review.actions);
    const inserted = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(QuarterlyReview)
      .values({
        organisationCode: staff.organisationCode,
        quarter: quarter.name,
        reviewedBy: staff.id,
        decisions: review.decisions,
        actions,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    if ((inserted.raw as unknown[]).length === 0)
      throw new ProblemException({
        status: 409,
        title: isQuarter ? 'Quarter already reviewed' : 'Year already reviewed',
        detail: `${quarter.name} was already reviewed; a review is kept as recorded`,
        rule: 'R-MON-3',
      });
    return (await this.recordOf(staff.organisationCode, quarter.name))!;
  }

  private async trendOf(organisation: Organisation, quarters: ReportingPeriod[], today: LocalDate) {
    const { threshold } = this.control;
    const trend = [];
    for (const period of quarters) {
      const [{ n }] = await this.dataSource.query(
        `SELECT count(*)::int AS n FROM complaint c
          WHERE c.organisation_code = $1 AND c.received_on BETWEEN $2 AND $3 AND ${COMPLAINTS}`,
        [organisation.code, period.from, period.to],
      );
      const { targets } = await this.targets.assess(organisation, period.from, period.to, today);
      trend.push({
        quarter: period.name,
        received: suppressTotal(n, threshold),
        targets: targets.map((assessment) => summarise(assessment, threshold, false)),
      });
    }
    return trend;
  }

  private async themesOf(code: string, from: LocalDate, to: LocalDate) {
    const themes: { subject_area: string; service_area: string; n: number }[] = await this.dataSource.query(
      `SELECT i.subject_area, i.service_area, count(*)::int AS n
         FROM complaint_issue i JOIN complaint c ON c.id = i.complaint_id
        WHERE c.organisation_code = $1 AND c.received_on BETWEEN $2 AND $3 AND ${COMPLAINTS}
          AND i.subject_area IS NOT NULL AND i.service_area IS NOT NULL
        GROUP BY 1, 2 HAVING count(*) >= $4 ORDER BY 3 DESC, 1, 2 LIMIT ${THEMES}`,
      [code, from, to, this.control.threshold],
    );
    return themes.map((theme) => ({
      subjectArea: theme.subject_area,
      serviceArea: theme.service_area,
      issues: theme.n,
    }));
  }

  /** A year's complaints received, by subject (each complaint once per subject) and by outcome. */
  private async yearSummary(code: string, year: ReportingPeriod) {
    const { threshold } = this.control;
    const params = [code, year.from, year.to];
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM complaint c
        WHERE c.organisation_code = $1 AND c.received_on BETWEEN $2 AND $3 AND ${COMPLAINTS}`,
      params,
    );
    const subjects: { key: string; n: number }[] = await this.dataSource.query(
      `SELECT coalesce(i.subject_area, 'not-coded') AS key, count(DISTINCT c.id)::int AS n
         FROM complaint_issue i JOIN complaint c ON c.id = i.complaint_id
        WHERE c.organisation_code = $1 AND c.received_on BETWEEN $2 AND $3 AND ${COMPLAINTS} GROUP BY 1`,
      params,
    );
    const outcomes: { key: string; n: number }[] = await this.dataSource.query(
      `SELECT coalesce(c.outcome, 'not-recorded') AS key, count(*)::int AS n FROM complaint c
        WHERE c.organisation_code = $1 AND c.received_on BETWEEN $2 AND $3 AND ${COMPLAINTS} GROUP BY 1`,
      params,
    );
    const bySubject: Record<string, number> = Object.fromEntries(
      SUBJECT_AREAS.map((subject) => [subject, 0]),
    );
    for (const row of subjects) bySubject[row.key] = row.n;
    const byOutcome: Record<string, number> = Object.fromEntries(
      [...COMPLAINT_OUTCOMES, 'not-recorded'].map((outcome) => [outcome, 0]),
    );
    for (const row of outcomes) byOutcome[row.key] = row.n;
    return {
      year: year.name,
      received: suppressTotal(n, threshold),
      bySubjectArea: suppressGroup(bySubject, threshold),
      byOutcome: suppressGroup(byOutcome, threshold),
    };
  }

  private async recordOf(organisation: string, quarter: string): Promise<QuarterlyReviewRecordDto | null> {
    const review = await this.dataSource
      .getRepository(QuarterlyReview)
      .findOneBy({ organisationCode: organisation, quarter });
    return review
      ? {
          quarter: review.quarter,
          reviewedBy: review.reviewedBy,
          reviewedAt: review.reviewedAt,
          decisions: review.decisions,
          actions: review.actions,
        }
      : null;
  }
}
