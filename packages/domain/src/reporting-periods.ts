import { addCalendarDays, localDate, type LocalDate } from './local-date';

// Reporting periods by name (R-MON-3; regulation 18): the NHS financial year runs 1 April to 31 March, and its
// quarters are Q1 April–June, Q2 July–September, Q3 October–December, Q4 January–March.

export interface ReportingPeriod {
  /** e.g. `2026-27` or `2026-27-Q2`. */
  name: string;
  from: LocalDate;
  to: LocalDate;
}

const FINANCIAL_YEAR = /^(\d{4})-(\d{2})$/;
const FINANCIAL_QUARTER = /^(\d{4})-(\d{2})-Q([1-4])$/;

/** Why a period name is not one, or null when it is. */
export function periodNameProblem(name: string, kind: 'financial-year' | 'financial-quarter'): string | null {
  const match = (kind === 'financial-year' ? FINANCIAL_YEAR : FINANCIAL_QUARTER).exec(name);
  const example = kind === 'financial-year' ? '2026-27' : '2026-27-Q2';
  if (!match) return `must name a ${kind.replace('-', ' ')} like ${example}`;
  const start = Number(match[1]);
  if (Number(match[2]) !== (start + 1) % 100)
    return `the year after ${start} ends in ${String((start + 1) % 100).padStart(2, '0')}`;
  return null;
}

export function financialYear(name: string): ReportingPeriod {
  const problem = periodNameProblem(name, 'financial-year');
  if (problem) throw new RangeError(`${JSON.stringify(name)} ${problem}`);
  const start = Number(name.slice(0, 4));
  return { name, from: localDate(start, 4, 1), to: localDate(start + 1, 3, 31) };
}

export function financialQuarter(name: string): ReportingPeriod {
  const problem = periodNameProblem(name, 'financial-quarter');
  if (problem) throw new RangeError(`${JSON.stringify(name)} ${problem}`);
  return quarterOf(Number(name.slice(0, 4)), Number(name.slice(-1)));
}

function quarterOf(startYear: number, quarter: number): ReportingPeriod {
  const firstMonth = (((quarter - 1) * 3 + 4 - 1) % 12) + 1;
  const year = quarter === 4 ? startYear + 1 : startYear;
  const from = localDate(year, firstMonth, 1);
  const nextMonth =
    firstMonth + 3 > 12 ? localDate(year + 1, firstMonth - 9, 1) : localDate(year, firstMonth + 3, 1);
  const yearName = `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
  return { name: `${yearName}-Q${quarter}`, from, to: addCalendarDays(nextMonth, -1) };
}

/** The financial quarter a date falls in. */
export function financialQuarterContaining(date: LocalDate): ReportingPeriod {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const startYear = month >= 4 ? year : year - 1;
  return quarterOf(startYear, month >= 4 ? Math.floor((month - 4) / 3) + 1 : 4);
}

/** The quarter and the `count − 1` before it, oldest first (a trend over the last eight quarters, R-MON-3). */
export function quartersEndingWith(name: string, count: number): ReportingPeriod[] {
  const quarters = [financialQuarter(name)];
  while (quarters.length < count)
    quarters.unshift(financialQuarterContaining(addCalendarDays(quarters[0].from, -1)));
  return quarters;
}
