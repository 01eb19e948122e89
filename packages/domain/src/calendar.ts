import { ukBankHolidays } from './bank-holidays';
import { addCalendarDays, assertLocalDate, isoDayOfWeek, localDate, type LocalDate } from './local-date';

// §0 Time: working days, bank holidays, and the calendar date in Europe/London.

export type Nation = 'england-and-wales' | 'scotland' | 'northern-ireland';

export const NATIONS: readonly Nation[] = Object.freeze([
  'england-and-wales',
  'scotland',
  'northern-ireland',
]);

const NATION_NAMES: Readonly<Record<Nation, string>> = Object.freeze({
  'england-and-wales': 'England & Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
});

export interface BankHoliday {
  date: LocalDate;
  name: string;
}

export type NonWorkingReason =
  { kind: 'weekend' } | { kind: 'bank-holiday'; name: string } | { kind: 'closure-day' };

export interface WorkingDayCalendarOptions {
  /** Whose bank holidays apply. Default: England & Wales. */
  nation?: Nation;
  /** Extra days the organisation is closed (e.g. 24 December), as YYYY-MM-DD. */
  closureDays?: readonly LocalDate[];
}

export interface AddWorkingDaysOptions {
  /** Working days for which this returns true do not count (e.g. days the clock is paused). */
  skip?: (date: LocalDate) => boolean;
}

export interface WorkingDayCalendar {
  readonly nation: Nation;
  readonly closureDays: readonly LocalDate[];
  isWorkingDay(date: LocalDate): boolean;
  /** Why a date is not a working day, or null if it is one. */
  nonWorkingReason(date: LocalDate): NonWorkingReason | null;
  /** Bank holidays of the nation in a year, including substitute days, in date order. */
  bankHolidays(year: number): readonly BankHoliday[];
  /** The first working day strictly after the date. */
  nextWorkingDay(date: LocalDate): LocalDate;
  /** The last working day strictly before the date. */
  previousWorkingDay(date: LocalDate): LocalDate;
  /**
   * The n-th working day strictly after `from` (n > 0), or strictly before it (n < 0).
   * n = 0 returns `from` unchanged, working day or not.
   */
  addWorkingDays(from: LocalDate, n: number, options?: AddWorkingDaysOptions): LocalDate;
  /** Working days strictly after a, up to and including b; negative when b is before a. */
  workingDaysBetween(a: LocalDate, b: LocalDate): number;
  /** A one-line account of the rules this calendar applies, for deadline explanations. */
  describe(): string;
}

// Bank holidays only change with a release, so one map per nation and year is safe.
const bankHolidayCache = new Map<Nation, Map<number, ReadonlyMap<LocalDate, string>>>();

function bankHolidayMap(nation: Nation, year: number): ReadonlyMap<LocalDate, string> {
  let byYear = bankHolidayCache.get(nation);
  if (!byYear) {
    byYear = new Map();
    bankHolidayCache.set(nation, byYear);
  }
  const cached = byYear.get(year);
  if (cached) return cached;
  const holidays = new Map<LocalDate, string>();
  for (const { date, name } of ukBankHolidays(nation, year)) {
    const existing = holidays.get(date);
    holidays.set(date, existing ? `${existing}; ${name}` : name);
  }
  byYear.set(year, holidays);
  return holidays;
}

function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}

/** R-ACK-1, R-INV-4 … every working-day deadline counts on one of these. */
export function createWorkingDayCalendar(options: WorkingDayCalendarOptions = {}): WorkingDayCalendar {
  const nation = options.nation ?? 'england-and-wales';
  if (!NATIONS.includes(nation)) throw new RangeError(`Unknown nation ${JSON.stringify(nation)}`);
  const closureDays = Object.freeze(
    [...new Set((options.closureDays ?? []).map((d, i) => assertLocalDate(d, `closureDays[${i}]`)))].sort(),
  );
  const closureSet = new Set(closureDays);

  const nonWorkingReason = (date: LocalDate): NonWorkingReason | null => {
    assertLocalDate(date);
    if (isoDayOfWeek(date) >= 6) return { kind: 'weekend' };
    const holiday = bankHolidayMap(nation, yearOf(date)).get(date);
    if (holiday !== undefined) return { kind: 'bank-holiday', name: holiday };
    if (closureSet.has(date)) return { kind: 'closure-day' };
    return null;
  };
  const isWorkingDay = (date: LocalDate): boolean => nonWorkingReason(date) === null;

  const addWorkingDays = (from: LocalDate, n: number, addOptions: AddWorkingDaysOptions = {}): LocalDate => {
    assertLocalDate(from, 'from');
    if (!Number.isInteger(n)) throw new RangeError(`n must be an integer, got ${n}`);
    const step = n < 0 ? -1 : 1;
    let remaining = Math.abs(n);
    let date = from;
    let scanned = 0;
    while (remaining > 0) {
      date = addCalendarDays(date, step);
      if (isWorkingDay(date) && !addOptions.skip?.(date)) remaining -= 1;
      // A skip predicate that never lets a day count would otherwise loop for ever.
      if (++scanned > 366 * 20 + Math.abs(n) * 7) {
        throw new RangeError(`No ${Math.abs(n)} counted working days within 20 years of ${from}`);
      }
    }
    return date;
  };

  const workingDaysBetween = (a: LocalDate, b: LocalDate): number => {
    assertLocalDate(a, 'a');
    assertLocalDate(b, 'b');
    if (a === b) return 0;
    const [from, to, sign] = a < b ? [a, b, 1] : [b, a, -1];
    let count = 0;
    for (let date = addCalendarDays(from, 1); date <= to; date = addCalendarDays(date, 1)) {
      if (isWorkingDay(date)) count += 1;
    }
    return sign * count;
  };

  const bankHolidays = (year: number): readonly BankHoliday[] => {
    if (!Number.isInteger(year)) throw new RangeError(`year must be an integer, got ${year}`);
    return Object.freeze(
      [...bankHolidayMap(nation, year)]
        .map(([date, name]) => Object.freeze({ date, name }))
        .sort((x, y) => (x.date < y.date ? -1 : 1)),
    );
  };

  const description =
    `Monday to Friday, excluding ${NATION_NAMES[nation]} bank holidays (GOV.UK)` +
    (closureDays.length > 0 ? ` and closure days ${closureDays.join(', ')}` : '');

  return Object.freeze({
    nation,
    closureDays,
    isWorkingDay,
    nonWorkingReason,
    bankHolidays,
    nextWorkingDay: (date: LocalDate) => addWorkingDays(date, 1),
    previousWorkingDay: (date: LocalDate) => addWorkingDays(date, -1),
    addWorkingDays,
    workingDaysBetween,
    describe: () => description,
  });
}

// --- Europe/London -------------------------------------------------------------------------

const londonFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function londonWallClock(instant: Date): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
} {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError('instant must be a valid Date');
  }
  const parts: Record<string, number> = {};
  for (const part of londonFormatter.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

/** Offset of London wall-clock time from UTC at an instant, in milliseconds (0 in GMT, 1 h in BST). */
function londonOffsetMs(instant: Date): number {
  const wall = londonWallClock(instant);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  return wallAsUtc - wholeSeconds;
}

/** The calendar date of an instant in Europe/London (§0: receipt dates, deadline checks). */
export function londonDate(instant: Date): LocalDate {
  const { year, month, day } = londonWallClock(instant);
  return localDate(year, month, day);
}

/** The instant London midnight begins the given date. */
export function startOfLondonDay(date: LocalDate): Date {
  assertLocalDate(date);
  const utcMidnight = Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
  );
  // UK clocks change at 01:00 UTC, so midnight always exists exactly once; a second
  // look at the offset corrects a guess taken on the other side of a change.
  const firstGuess = utcMidnight - londonOffsetMs(new Date(utcMidnight));
  const offset = londonOffsetMs(new Date(firstGuess));
  return new Date(utcMidnight - offset);
}

/** The instant a deadline day is over: the start of the next London day. */
export function endOfLondonDay(date: LocalDate): Date {
  return startOfLondonDay(addCalendarDays(assertLocalDate(date), 1));
}
