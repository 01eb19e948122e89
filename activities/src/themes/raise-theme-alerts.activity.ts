import type { DataSource } from 'typeorm';
import { addCalendarDays, financialQuarterContaining, type ThemeRuleKind } from '@complaints/domain';
import type { ThemeReviewInput, ThemeReviewResult } from './contract';

interface Rule {
  id: string;
  organisation_code: string;
  kind: ThemeRuleKind;
  subject_area: string | null;
  service_area: string | null;
  threshold: number;
  within_days: number | null;
  rise_percent: number | null;
}

/** Complaints (not feedback or PALS enquiries) of the rule's organisation with a coded issue, as the rule narrows. */
const THEME_ISSUES = `FROM complaint_issue i JOIN complaint c ON c.id = i.complaint_id
  WHERE c.organisation_code = $2::varchar AND c.kind <> 'feedback' AND c.kind <> 'pals-enquiry'
    AND i.subject_area IS NOT NULL AND i.service_area IS NOT NULL
    AND ($5::text IS NULL OR i.subject_area = $5) AND ($6::text IS NULL OR i.service_area = $6)`;

/**
 * Raises an alert for each theme a rule finds (R-MON-3): complaints (not feedback or PALS enquiries) with an issue
 * of the same subject and service area, enough of them in the rule's window or risen enough over the quarter. An
 * open alert for the same theme stops a second one, so a retry, or tomorrow's review, adds nothing.
 */
export function createThemeActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    async raiseThemeAlerts({ asOf, raisedBy }: ThemeReviewInput): Promise<ThemeReviewResult> {
      const rules: Rule[] = await dataSource.query(
        `SELECT id, organisation_code, kind, subject_area, service_area, threshold, within_days, rise_percent
           FROM theme_rule WHERE retired_at IS NULL ORDER BY created_at`,
      );
      const raised: string[] = [];
      for (const rule of rules) {
        const rows: { id: string }[] =
          rule.kind === 'rise-over-quarter'
            ? await raiseRiseOverQuarter(dataSource, rule, asOf, raisedBy)
            : await raiseWithinDays(dataSource, rule, asOf, raisedBy);
        raised.push(...rows.map((row) => row.id));
      }
      return { rules: rules.length, raised };
    },
  };
}

export type ThemeActivities = ReturnType<typeof createThemeActivities>;

/** At least the threshold of complaints with the same subject and service area received in the day window. */
function raiseWithinDays(dataSource: DataSource, rule: Rule, asOf: string, raisedBy: string) {
  const from = addCalendarDays(asOf, -(rule.within_days! - 1));
  return raise(
    dataSource,
    rule,
    raisedBy,
    `SELECT i.subject_area, i.service_area, array_agg(DISTINCT c.reference ORDER BY c.reference) AS refs
       ${THEME_ISSUES} AND c.received_on BETWEEN $3::date AND $4::date
      GROUP BY i.subject_area, i.service_area HAVING count(DISTINCT c.id) >= $7::int`,
    from,
    asOf,
  );
}

/**
 * Part 6 of issue #15: at least the threshold of complaints in the financial quarter so far, and more than
 * `rise_percent` per cent above the same theme's count over the whole quarter before.
 */
function raiseRiseOverQuarter(dataSource: DataSource, rule: Rule, asOf: string, raisedBy: string) {
  const quarter = financialQuarterContaining(asOf);
  const previous = financialQuarterContaining(addCalendarDays(quarter.from, -1));
  return raise(
    dataSource,
    rule,
    raisedBy,
    `SELECT this_quarter.subject_area, this_quarter.service_area, this_quarter.refs
       FROM (SELECT i.subject_area, i.service_area, count(DISTINCT c.id) AS n,
                    array_agg(DISTINCT c.reference ORDER BY c.reference) AS refs
               ${THEME_ISSUES} AND c.received_on BETWEEN $3::date AND $4::date
              GROUP BY i.subject_area, i.service_area) this_quarter
       LEFT JOIN (SELECT i.subject_area, i.service_area, count(DISTINCT c.id) AS n
                    ${THEME_ISSUES} AND c.received_on BETWEEN $9::date AND $10::date
                   GROUP BY i.subject_area, i.service_area) quarter_before
              USING (subject_area, service_area)
      WHERE this_quarter.n >= $7::int AND this_quarter.n * 100 > coalesce(quarter_before.n, 0) * (100 + $11::int)`,
    quarter.from,
    asOf,
    previous.from,
    previous.to,
    rule.rise_percent!,
  );
}

/** One alert per theme the query finds, for the window it looked at, unless one for it is open already. */
function raise(
  dataSource: DataSource,
  rule: Rule,
  raisedBy: string,
  themes: string,
  ...window: [from: string, to: string, ...more: (string | number)[]]
): Promise<{ id: string }[]> {
  const [from, to, ...more] = window;
  return dataSource.query(
    `INSERT INTO theme_alert (rule_id, organisation_code, subject_area, service_area, window_from, window_to,
                              complaint_references, raised_by)
     SELECT $1::uuid, $2::varchar, theme.subject_area, theme.service_area, $3::date, $4::date, theme.refs, $8::varchar
       FROM (${themes}) theme
     ON CONFLICT (rule_id, subject_area, service_area) WHERE closed_at IS NULL DO NOTHING
     RETURNING id`,
    [
      rule.id,
      rule.organisation_code,
      from,
      to,
      rule.subject_area,
      rule.service_area,
      rule.threshold,
      raisedBy,
      ...more,
    ],
  );
}
