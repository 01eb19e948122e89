import type { DataSource } from 'typeorm';
import type { ThemeReviewInput, ThemeReviewResult } from './contract';

interface Rule {
  id: string;
  organisation_code: string;
  subject_area: string | null;
  service_area: string | null;
  threshold: number;
  within_days: number;
}

/**
 * Raises an alert for each theme a rule finds (R-MON-3): at least the rule's number of complaints (not feedback
 * or PALS enquiries) received in its window with an issue of the same subject and service area. An open alert
 * for the same theme stops a second one, so a retry, or tomorrow's review, adds nothing.
 */
export function createThemeActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    async raiseThemeAlerts({ asOf, raisedBy }: ThemeReviewInput): Promise<ThemeReviewResult> {
      const rules: Rule[] = await dataSource.query(
        `SELECT id, organisation_code, subject_area, service_area, threshold, within_days
           FROM theme_rule WHERE retired_at IS NULL ORDER BY created_at`,
      );
      const raised: string[] = [];
      for (const rule of rules) {
        const rows: { id: string }[] = await dataSource.query(
          `INSERT INTO theme_alert (rule_id, organisation_code, subject_area, service_area, window_from, window_to,
                                    complaint_references, raised_by)
           SELECT $1::uuid, $2::varchar, i.subject_area, i.service_area, $3::date - ($4::int - 1), $3::date,
                  array_agg(DISTINCT c.reference ORDER BY c.reference), $8::varchar
             FROM complaint_issue i JOIN complaint c ON c.id = i.complaint_id
            WHERE c.organisation_code = $2::varchar AND c.kind <> 'feedback' AND c.kind <> 'pals-enquiry'
              AND c.received_on BETWEEN $3::date - ($4::int - 1) AND $3::date
              AND i.subject_area IS NOT NULL AND i.service_area IS NOT NULL
              AND ($5::text IS NULL OR i.subject_area = $5) AND ($6::text IS NULL OR i.service_area = $6)
            GROUP BY i.subject_area, i.service_area
           HAVING count(DISTINCT c.id) >= $7::int
           ON CONFLICT (rule_id, subject_area, service_area) WHERE closed_at IS NULL DO NOTHING
           RETURNING id`,
          [
            rule.id,
            rule.organisation_code,
            asOf,
            rule.within_days,
            rule.subject_area,
            rule.service_area,
            rule.threshold,
            raisedBy,
          ],
        );
        raised.push(...rows.map((row) => row.id));
      }
      return { rules: rules.length, raised };
    },
  };
}

export type ThemeActivities = ReturnType<typeof createThemeActivities>;
