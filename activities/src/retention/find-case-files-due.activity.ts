import type { DataSource } from 'typeorm';
import {
  describeRetentionRule,
  disposalDueOn,
  retentionRule,
  type RetentionOverrides,
} from '@complaints/domain';
import type { RetentionReviewInput, RetentionReviewResult } from './contract';

interface ClosedCaseFile {
  reference: string;
  organisation_code: string;
  closed_on: string;
  retention_years: RetentionOverrides;
}

/**
 * Puts every closed complaint case file whose retention period has ended on the disposal list (ADR 0013).
 * Nothing is erased here: a complaints manager approves each disposal. A retry adds nothing twice.
 */
export function createRetentionActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    async findCaseFilesDueForDisposal({
      asOf,
      foundBy,
      organisations,
    }: RetentionReviewInput): Promise<RetentionReviewResult> {
      // The shortest period an organisation may set is a year (retentionRule), so only older closures are candidates.
      const closed: ClosedCaseFile[] = await dataSource.query(
        `SELECT c.reference, c.organisation_code, o.retention_years,
                to_char((c.closed_at AT TIME ZONE 'Europe/London')::date, 'YYYY-MM-DD') AS closed_on
         FROM complaint c JOIN organisation o ON o.code = c.organisation_code
         WHERE c.closed_at IS NOT NULL AND c.disposed_at IS NULL
           AND (c.closed_at AT TIME ZONE 'Europe/London')::date <= $1::date - interval '1 year'
           AND NOT EXISTS (SELECT 1 FROM case_file_disposal d WHERE d.complaint_reference = c.reference)
           AND ($2::text[] IS NULL OR c.organisation_code = ANY($2))
         ORDER BY c.closed_at`,
        [asOf, organisations ?? null],
      );
      const references: string[] = [];
      for (const file of closed) {
        const rule = retentionRule('complaint-case-file', file.retention_years);
        const dueOn = disposalDueOn(file.closed_on, rule);
        if (dueOn > asOf) continue;
        const inserted: unknown[] = await dataSource.query(
          `INSERT INTO case_file_disposal
             (complaint_reference, organisation_code, record_class, rule, retention_years, closed_on, due_on, found_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (complaint_reference) DO NOTHING RETURNING id`,
          [
            file.reference,
            file.organisation_code,
            rule.recordClass,
            describeRetentionRule(rule),
            rule.years,
            file.closed_on,
            dueOn,
            foundBy,
          ],
        );
        if (inserted.length > 0) references.push(file.reference);
      }
      return { found: references.length, references };
    },
  };
}

export type RetentionActivities = ReturnType<typeof createRetentionActivities>;
