import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  COMPLAINT_OUTCOMES,
  COMPLEXITIES,
  EQUALITY_QUESTIONS,
  FINDING_OUTCOMES,
  PREFER_NOT_TO_SAY,
  SERVICE_AREAS,
  STAFF_GROUPS,
  SUBJECT_AREAS,
  addCalendarDays,
  londonDate,
  suppressGroup,
  suppressTotal,
  type EqualityAnswers,
  type EqualityQuestion,
} from '@complaints/domain';
import { DATA_SOURCE, RequestValidationException, type FieldProblem } from '@complaints/service-kit';
import type { MonitoringReportDto } from './dto/monitoring.dto';

export const DISCLOSURE_CONTROL = Symbol('DISCLOSURE_CONTROL');

export interface DisclosureControl {
  /** Counts from 1 to threshold − 1 are withheld (ADR 0016). */
  threshold: number;
}

type Counts = Record<string, number>;

/** Every category of a grouping, zeros included, so a category's absence says nothing. */
const categories = (values: readonly string[], unknown: string): Counts =>
  Object.fromEntries([...values, unknown].map((value) => [value, 0]));

/**
 * R-MON-1/2: the monitoring counts, over whole calendar months, with small numbers withheld so that no one can
 * be singled out (ADR 0016).
 */
@Injectable()
export class MonitoringReportService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(DISCLOSURE_CONTROL) private readonly control: DisclosureControl,
  ) {}

  async report(
    organisation: string,
    from: string,
    to: string,
    today: string = londonDate(new Date()),
  ): Promise<MonitoringReportDto> {
    refuseNarrowPeriod(from, to);
    const { threshold } = this.control;
    const params = [organisation, from, to];
    const scope = `FROM complaint c WHERE c.organisation_code = $1 AND c.received_on BETWEEN $2 AND $3
      AND c.kind <> 'feedback' AND c.kind <> 'pals-enquiry'`;
    const count = async (column: string, into: Counts): Promise<Counts> => {
      const rows: { key: string; n: number }[] = await this.dataSource.query(
        `SELECT coalesce(${column}::text, 'not-recorded') AS key, count(*)::int AS n ${scope} GROUP BY 1`,
        params,
      );
      for (const { key, n } of rows) into[key] = (into[key] ?? 0) + n;
      return into;
    };
    const issueCount = async (column: string, into: Counts): Promise<Counts> => {
      const rows: { key: string; n: number }[] = await this.dataSource.query(
        `SELECT coalesce(i.${column}, 'uncoded') AS key, count(*)::int AS n
         FROM complaint_issue i JOIN complaint c ON c.id = i.complaint_id
         WHERE c.organisation_code = $1 AND c.received_on BETWEEN $2 AND $3
           AND c.kind <> 'feedback' AND c.kind <> 'pals-enquiry' GROUP BY 1`,
        params,
      );
      for (const { key, n } of rows) into[key] = (into[key] ?? 0) + n;
      return into;
    };
    // R-MON-1: each issue's outcome is its finding in the version of the final response last sent.
    const issueOutcomes: { key: string; n: number }[] = await this.dataSource.query(
      `SELECT coalesce(finding.outcome, 'not-recorded') AS key, count(*)::int AS n
         FROM complaint_issue i JOIN complaint c ON c.id = i.complaint_id
         LEFT JOIN LATERAL (SELECT (e.data->>'version')::int AS version FROM case_event e
                             WHERE e.complaint_id = c.id AND e.type = 'final-response-sent'
                             ORDER BY e.occurred_at DESC LIMIT 1) sent ON true
         LEFT JOIN final_response_draft d ON d.complaint_reference = c.reference AND d.version = sent.version
         LEFT JOIN LATERAL (SELECT f->>'outcome' AS outcome FROM jsonb_array_elements(d.content->'findings') f
                             WHERE f->>'issueId' = i.id::text LIMIT 1) finding ON true
        WHERE c.organisation_code = $1 AND c.received_on BETWEEN $2 AND $3
          AND c.kind <> 'feedback' AND c.kind <> 'pals-enquiry' GROUP BY 1`,
      params,
    );
    const [learning]: { complaints: number; feedback: number; points: number }[] =
      await this.dataSource.query(
        `SELECT count(DISTINCT c.id) FILTER (WHERE c.kind NOT IN ('feedback', 'pals-enquiry'))::int AS complaints,
              count(DISTINCT c.id) FILTER (WHERE c.kind IN ('feedback', 'pals-enquiry'))::int AS feedback,
              count(*)::int AS points
         FROM learning_point l JOIN complaint c ON c.reference = l.complaint_reference
        WHERE c.organisation_code = $1 AND c.received_on BETWEEN $2 AND $3`,
        params,
      );
    const actionRows: { status: string; overdue: boolean; n: number }[] = await this.dataSource.query(
      `SELECT a.status, (a.status = 'open' AND a.due < $4::date) AS overdue, count(*)::int AS n
         FROM case_action a JOIN complaint c ON c.reference = a.complaint_reference
        WHERE c.organisation_code = $1 AND c.received_on BETWEEN $2 AND $3
          AND c.kind <> 'feedback' AND c.kind <> 'pals-enquiry' GROUP BY 1, 2`,
      [...params, today],
    );
    const actions = { open: 0, done: 0, cancelled: 0 } as Counts;
    let overdue = 0;
    for (const row of actionRows) {
      actions[row.status] = (actions[row.status] ?? 0) + row.n;
      if (row.overdue) overdue += row.n;
    }
    const [{ n: complaints }] = await this.dataSource.query(`SELECT count(*)::int AS n ${scope}`, params);
    const timescale = await count('c.met_agreed_timescale', { true: 0, false: 0 });
    const equalityRows: { answers: EqualityAnswers }[] = await this.dataSource.query(
      `SELECT e.answers FROM equality_monitoring e JOIN complaint c ON c.reference = e.complaint_reference
       WHERE c.organisation_code = $1 AND c.received_on BETWEEN $2 AND $3
         AND c.kind <> 'feedback' AND c.kind <> 'pals-enquiry'`,
      params,
    );
    const equality: MonitoringReportDto['equality'] = {};
    for (const [question, values] of Object.entries(EQUALITY_QUESTIONS)) {
      const counts = categories([...values, PREFER_NOT_TO_SAY], 'not-answered');
      for (const { answers } of equalityRows) {
        const answer = answers[question as EqualityQuestion] ?? 'not-answered';
        counts[answer] = (counts[answer] ?? 0) + 1;
      }
      equality[question] = suppressGroup(counts, threshold);
    }
    // Met and missed, with the responses not yet due as the third part of the whole, which is not shown.
    const agreed = suppressGroup(
      { met: timescale.true, missed: timescale.false, other: complaints - timescale.true - timescale.false },
      threshold,
    );
    const group = (counts: Counts) => suppressGroup(counts, threshold);
    return {
      organisation,
      from,
      to,
      suppressedBelow: threshold,
      complaints: suppressTotal(complaints, threshold),
      byComplexity: group(await count('c.complexity', categories(COMPLEXITIES, 'not-recorded'))),
      byOutcome: group(await count('c.outcome', categories(COMPLAINT_OUTCOMES, 'not-recorded'))),
      agreedTimescale: { met: agreed.met, missed: agreed.missed },
      issues: {
        bySubjectArea: group(await issueCount('subject_area', categories(SUBJECT_AREAS, 'uncoded'))),
        byServiceArea: group(await issueCount('service_area', categories(SERVICE_AREAS, 'uncoded'))),
        byStaffGroup: group(await issueCount('staff_group', categories(STAFF_GROUPS, 'uncoded'))),
        byOutcome: group(
          issueOutcomes.reduce(
            (counts, { key, n }) => ({ ...counts, [key]: (counts[key] ?? 0) + n }),
            categories(FINDING_OUTCOMES, 'not-recorded'),
          ),
        ),
      },
      learning: {
        complaints: suppressTotal(learning.complaints, threshold),
        feedback: suppressTotal(learning.feedback, threshold),
        points: suppressTotal(learning.points, threshold),
      },
      actions: {
        ...group(actions),
        overdue: suppressTotal(overdue, threshold),
      } as MonitoringReportDto['actions'],
      equality,
    };
  }
}

/**
 * A report covers whole calendar months: a day or a week could single one person out, and periods that may
 * overlap by a few days could be subtracted to the same effect (ADR 0016).
 */
export function refuseNarrowPeriod(from: string, to: string): void {
  const problems: FieldProblem[] = [];
  if (!from.endsWith('-01'))
    problems.push({ field: 'from', reason: 'must be the first day of a month: reports cover whole months' });
  if (addCalendarDays(to, 1).slice(8) !== '01')
    problems.push({ field: 'to', reason: 'must be the last day of a month: reports cover whole months' });
  else if (to < from) problems.push({ field: 'to', reason: 'must not be before from' });
  if (problems.length > 0) throw new RequestValidationException(problems);
}
