import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { Organisation } from '@complaints/db';
import {
  ACTION_SOURCES,
  financialQuarter,
  financialYear,
  ko41aReturn,
  londonDate,
  OMBUDSMAN_DECISIONS,
  REFERRAL_BODIES,
  suppressGroup,
  suppressTotal,
  type LocalDate,
} from '@complaints/domain';
import { DATA_SOURCE } from '@complaints/service-kit';
import type { AnnualReportDto } from './dto/annual-report.dto';
import { Ko41aService } from './ko41a.service';
import { DISCLOSURE_CONTROL, type DisclosureControl } from './monitoring-report.service';
import { summarise, TargetsReportService } from './targets-report.service';
import { YouSaidWeDidService } from './you-said-we-did.service';

/** The monitoring reports' scope: complaints, not feedback or PALS enquiries. */
const COMPLAINTS = `c.kind <> 'feedback' AND c.kind <> 'pals-enquiry'`;

export const ANNUAL_COUNTING =
  'Complaints are counted as the KO41a return counts them: every complaint received in the year, however it was made, and not feedback, PALS enquiries or anonymous submissions, which need no investigation. A complaint is well-founded when its final response upheld it or partially upheld it: both count, and are shown apart too. Outcomes count the final responses sent in the year, whenever the complaint was received.';

/**
 * Regulation 18 (R-MON-3; ADR 0031): the figures of a financial year's annual report, from the computations the
 * other reports use: received, by quarter and by subject, and the outcomes from the KO41a return's counting
 * (`ko41aReturn` over the year and each quarter); timeliness from the targets report's assessment; the changes made
 * from "you said, we did". Counted here only what no other report counts: referrals to the Ombudsman and their
 * decisions, theme alerts raised, and the handling issues of the case timelines. Every count is suppressed.
 */
@Injectable()
export class AnnualReportFiguresService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(DISCLOSURE_CONTROL) private readonly control: DisclosureControl,
    private readonly targets: TargetsReportService,
    private readonly ko41a: Ko41aService,
    private readonly youSaidWeDid: YouSaidWeDidService,
  ) {}

  async figures(
    organisationCode: string,
    yearName: string,
    today: LocalDate = londonDate(new Date()),
  ): Promise<AnnualReportDto> {
    const year = financialYear(yearName);
    const { threshold } = this.control;
    const total = (n: number) => suppressTotal(n, threshold);
    const group = <K extends string>(counts: Record<K, number>) => suppressGroup(counts, threshold);
    const organisation = await this.dataSource
      .getRepository(Organisation)
      .findOneByOrFail({ code: organisationCode });
    const params = [organisationCode, year.from, year.to];

    const complaints = await this.ko41a.complaintsUpTo(organisationCode, year.to);
    const figures = ko41aReturn(complaints, year);
    const quarters = [1, 2, 3, 4].map((q) => financialQuarter(`${year.name}-Q${q}`));
    const byQuarter = group(
      Object.fromEntries(
        quarters.map((quarter) => [quarter.name, ko41aReturn(complaints, quarter).summary.new]),
      ),
    );
    const { summary } = figures;
    const outcomes = group({
      upheld: summary.upheld,
      partiallyUpheld: summary.partiallyUpheld,
      notUpheld: summary.notUpheld,
    });

    const { targets } = await this.targets.assess(organisation, year.from, year.to, today);

    const referrals: { body: string; n: number }[] = await this.dataSource.query(
      `SELECT r.body, count(*)::int AS n FROM ombudsman_referral r JOIN complaint c ON c.reference = r.complaint_reference
        WHERE c.organisation_code = $1 AND r.referred_on BETWEEN $2 AND $3 GROUP BY 1`,
      params,
    );
    const decisions: { decision: string; n: number; recommendations: number }[] = await this.dataSource.query(
      `SELECT r.decision, count(*)::int AS n,
              sum((SELECT count(*) FROM case_action a WHERE a.ombudsman_referral_id = r.id))::int AS recommendations
         FROM ombudsman_referral r JOIN complaint c ON c.reference = r.complaint_reference
        WHERE c.organisation_code = $1 AND r.decided_on BETWEEN $2 AND $3 GROUP BY 1`,
      params,
    );
    const countsOf = (keys: readonly string[], rows: { key: string; n: number }[]) =>
      Object.fromEntries(keys.map((key) => [key, rows.find((row) => row.key === key)?.n ?? 0]));

    const alerts: { subject_area: string | null; service_area: string | null; n: number }[] =
      await this.dataSource.query(
        `SELECT subject_area, service_area, count(*)::int AS n FROM theme_alert
          WHERE organisation_code = $1 AND (raised_at AT TIME ZONE 'Europe/London')::date BETWEEN $2 AND $3
          GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2`,
        params,
      );

    // Handling issues: the complaints whose timeline has each in the year.
    const [handling]: { acknowledgements: number; deadlines: number; six_months: number }[] =
      await this.dataSource.query(
        `SELECT count(DISTINCT c.id) FILTER (WHERE e.type = 'acknowledgement-deadline-breached')::int AS acknowledgements,
                count(DISTINCT c.id) FILTER (WHERE e.type LIKE '%-deadline-breached'
                                               AND e.type <> 'acknowledgement-deadline-breached')::int AS deadlines,
                count(DISTINCT c.id) FILTER (WHERE e.type = 'six-month-letter-due')::int AS six_months
           FROM case_event e JOIN complaint c ON c.id = e.complaint_id
          WHERE c.organisation_code = $1 AND ${COMPLAINTS}
            AND (e.occurred_at AT TIME ZONE 'Europe/London')::date BETWEEN $2 AND $3
            AND (e.type LIKE '%-deadline-breached' OR e.type = 'six-month-letter-due')`,
        params,
      );

    const published = await this.youSaidWeDid.export(organisationCode, year.name);
    const done: { key: string; n: number }[] = await this.dataSource.query(
      `SELECT a.source AS key, count(*)::int AS n FROM case_action a JOIN complaint c ON c.reference = a.complaint_reference
        WHERE c.organisation_code = $1 AND ${COMPLAINTS} AND a.status = 'done' AND a.closed_on BETWEEN $2 AND $3
        GROUP BY 1`,
      params,
    );
    const [{ n: learning }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM learning_point l JOIN complaint c ON c.reference = l.complaint_reference
        WHERE c.organisation_code = $1 AND ${COMPLAINTS}
          AND (l.recorded_at AT TIME ZONE 'Europe/London')::date BETWEEN $2 AND $3`,
      params,
    );

    const closedWithoutResponse = Object.values(figures.closedWithoutResponse).reduce((sum, n) => sum + n, 0);
    return {
      organisation: organisation.code,
      name: organisation.name,
      year: year.name,
      from: year.from,
      to: year.to,
      asOf: today,
      yearEnded: today > year.to,
      suppressedBelow: threshold,
      counting: ANNUAL_COUNTING,
      received: {
        complaints: total(summary.new),
        byQuarter: quarters.map((quarter) => ({
          quarter: quarter.name,
          from: quarter.from,
          to: quarter.to,
          complaints: byQuarter[quarter.name],
        })),
      },
      outcomes: {
        resolved: total(summary.resolved),
        ...outcomes,
        wellFounded:
          outcomes.upheld === null || outcomes.partiallyUpheld === null
            ? null
            : outcomes.upheld + outcomes.partiallyUpheld,
        closedWithoutResponse: total(closedWithoutResponse),
      },
      timeliness: targets.map((assessment) => summarise(assessment, threshold, false)),
      ombudsman: {
        referred: total(referrals.reduce((sum, row) => sum + row.n, 0)),
        byBody: group(
          countsOf(
            REFERRAL_BODIES,
            referrals.map(({ body, n }) => ({ key: body, n })),
          ),
        ),
        decided: total(decisions.reduce((sum, row) => sum + row.n, 0)),
        byDecision: group(
          countsOf(
            OMBUDSMAN_DECISIONS,
            decisions.map(({ decision, n }) => ({ key: decision, n })),
          ),
        ),
        recommendations: total(decisions.reduce((sum, row) => sum + row.recommendations, 0)),
      },
      themes: {
        bySubjectArea: group(figures.subjectArea),
        alerts: alerts.map((alert) => ({
          subjectArea: alert.subject_area,
          serviceArea: alert.service_area,
          alerts: alert.n,
        })),
      },
      handling: {
        acknowledgementsLate: total(handling.acknowledgements),
        deadlinesMissed: total(handling.deadlines),
        sixMonthLetters: total(handling.six_months),
      },
      changes: {
        actionsCompleted: published.changesMade,
        bySource: group(countsOf(ACTION_SOURCES, done)),
        learningRecorded: total(learning),
        weDid: published.weDid,
      },
    };
  }
}
