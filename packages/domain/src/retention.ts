import { daysInMonth, localDate, localDateParts, type LocalDate } from './local-date';

/**
 * Record classes the retention schedule covers. A complaint case file is everything held about one complaint:
 * the people, their words, the timeline, drafts, plans, letters and their print copies, equality answers and
 * limits on contact decided on it.
 */
export const RECORD_CLASSES = ['complaint-case-file'] as const;
export type RecordClass = (typeof RECORD_CLASSES)[number];

/** How long a record class is kept, from which event, and the source of the rule. */
export interface RetentionRule {
  recordClass: RecordClass;
  years: number;
  after: 'closure';
  source: string;
}

/** Records Management Code of Practice 2023, Appendix II: complaints case files, 10 years after closure. */
export const RETENTION_SCHEDULE: Record<RecordClass, RetentionRule> = {
  'complaint-case-file': {
    recordClass: 'complaint-case-file',
    years: 10,
    after: 'closure',
    source: 'Records Management Code of Practice 2023 (complaints case file)',
  },
};

/** An organisation's own periods (years per record class), where it keeps longer or shorter than the Code. */
export type RetentionOverrides = Partial<Record<RecordClass, number>>;

/** The rule that applies to an organisation's records of a class: its own period, or the Code's. */
export function retentionRule(recordClass: RecordClass, overrides: RetentionOverrides = {}): RetentionRule {
  const standard = RETENTION_SCHEDULE[recordClass];
  const years = overrides[recordClass];
  if (years !== undefined && (!Number.isInteger(years) || years < 1))
    throw new RangeError(
      `a retention period is a whole number of years, at least 1 (got ${years} for ${recordClass})`,
    );
  return years === undefined
    ? standard
    : { ...standard, years, source: `${standard.source}, as set by the organisation` };
}

/** The rule in words, as the disposal certificate names it. */
export function describeRetentionRule(rule: RetentionRule): string {
  return `${rule.recordClass}: ${rule.years} years after ${rule.after} (${rule.source})`;
}

/**
 * The first day the record may be disposed of: the anniversary of its closure `years` later (29 February
 * closes to 28 February in a year that has none).
 */
export function disposalDueOn(closedOn: LocalDate, rule: RetentionRule): LocalDate {
  const { year, month, day } = localDateParts(closedOn);
  const dueYear = year + rule.years;
  return localDate(dueYear, month, Math.min(day, daysInMonth(dueYear, month)));
}
