/**
 * A calendar date without a time or zone, as an ISO string `YYYY-MM-DD`.
 * Dates compare correctly as strings once validated.
 */
export type LocalDate = string;

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const match = LOCAL_DATE_PATTERN.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Returns the value as a LocalDate, or throws a RangeError naming the offending input. */
export function assertLocalDate(value: unknown, name = 'date'): LocalDate {
  if (!isLocalDate(value)) {
    throw new RangeError(`${name} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function localDate(year: number, month: number, day: number): LocalDate {
  return assertLocalDate(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
}

export function localDateParts(date: LocalDate): { year: number; month: number; day: number } {
  assertLocalDate(date);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month + 1, 0)).getUTCDate();
}

export function addCalendarDays(date: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return fromEpochDay(toEpochDay(date) + days);
}

/** ISO day of the week: 1 = Monday … 7 = Sunday. */
export function isoDayOfWeek(date: LocalDate): number {
  const day = new Date(toEpochDay(date) * MS_PER_DAY).getUTCDay();
  return day === 0 ? 7 : day;
}

export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  assertLocalDate(a, 'a');
  assertLocalDate(b, 'b');
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Number of calendar days from a to b (negative when b is earlier). */
export function calendarDaysBetween(a: LocalDate, b: LocalDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

function toEpochDay(date: LocalDate): number {
  const { year, month, day } = localDateParts(date);
  return utcMs(year, month, day) / MS_PER_DAY;
}

// Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
function utcMs(year: number, month: number, day: number): number {
  const instant = new Date(0);
  instant.setUTCFullYear(year, month - 1, day);
  return instant.getTime();
}

function fromEpochDay(epochDay: number): LocalDate {
  const instant = new Date(epochDay * MS_PER_DAY);
  return localDate(instant.getUTCFullYear(), instant.getUTCMonth() + 1, instant.getUTCDate());
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
