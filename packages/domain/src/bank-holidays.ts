import type { Nation } from './calendar';
import { addCalendarDays, isoDayOfWeek, localDate, type LocalDate } from './local-date';

// §0 Time: the bank holidays of the UK's three jurisdictions (https://www.gov.uk/bank-holidays), as
// rules and the days proclaimed one by one. Only these few kilobytes ride in the workflow bundle, where
// a calendar library carried every country's holidays into every cached workflow (ADR 0025). The rules
// are those of date-holidays' GB data, which the tests check them against, date by date and name by
// name, over two centuries.

const MONDAY = 1;
const TUESDAY = 2;
const SATURDAY = 6;
const SUNDAY = 7;

/** A fixed-date holiday and, when it falls on a weekend, the weekday its substitute day takes. */
interface FixedHoliday {
  month: number;
  day: number;
  name: string;
  /** The weekday the substitute falls on, for a holiday on a Saturday and on a Sunday. */
  substitute: { saturday: number; sunday: number };
  in: readonly Nation[];
}

const ALL: readonly Nation[] = ['england-and-wales', 'scotland', 'northern-ireland'];
const NEXT_MONDAY = { saturday: MONDAY, sunday: MONDAY };
// Christmas and Boxing Day: on a Saturday the Monday; on a Sunday the Tuesday (the Monday is Boxing Day's).
const AFTER_CHRISTMAS = { saturday: MONDAY, sunday: TUESDAY };

const FIXED: readonly FixedHoliday[] = [
  {
    month: 1,
    day: 1,
    name: "New Year's Day",
    substitute: NEXT_MONDAY,
    in: ['england-and-wales', 'northern-ireland'],
  },
  // Scotland's 2 January takes the Monday, so New Year's Day's substitute there is the Tuesday.
  {
    month: 1,
    day: 1,
    name: "New Year's Day",
    substitute: { saturday: TUESDAY, sunday: TUESDAY },
    in: ['scotland'],
  },
  { month: 1, day: 2, name: 'January 2nd', substitute: NEXT_MONDAY, in: ['scotland'] },
  { month: 3, day: 17, name: 'St Patrick’s Day', substitute: NEXT_MONDAY, in: ['northern-ireland'] },
  {
    month: 7,
    day: 12,
    name: 'Battle of the Boyne (Orangemen’s Day)',
    substitute: NEXT_MONDAY,
    in: ['northern-ireland'],
  },
  { month: 11, day: 30, name: 'St Andrew’s Day', substitute: NEXT_MONDAY, in: ['scotland'] },
  { month: 12, day: 25, name: 'Christmas Day', substitute: AFTER_CHRISTMAS, in: ALL },
  { month: 12, day: 26, name: 'Boxing Day', substitute: AFTER_CHRISTMAS, in: ALL },
];

/** Days proclaimed for one year, and the usual days they replaced. */
const PROCLAIMED: readonly { date: LocalDate; name: string }[] = [
  { date: '2012-06-05', name: 'Queen’s Diamond Jubilee' },
  { date: '2020-05-08', name: 'Early May bank holiday (VE day)' },
  { date: '2022-06-02', name: 'Spring bank holiday' },
  { date: '2022-06-03', name: 'Queen’s Platinum Jubilee' },
  { date: '2022-09-19', name: "Queen Elizabeth's Funeral Day" },
  { date: '2023-05-08', name: "King Charles III's Coronation" },
];
const REPLACED: ReadonlySet<LocalDate> = new Set(['2020-05-04', '2022-05-30']);

/** The bank holidays of a nation in a year, substitute days included, by date; one name per holiday. */
export function ukBankHolidays(nation: Nation, year: number): { date: LocalDate; name: string }[] {
  const holidays: { date: LocalDate; name: string }[] = [];
  const add = (date: LocalDate, name: string) => {
    if (!REPLACED.has(date)) holidays.push({ date, name });
  };

  for (const fixed of FIXED) {
    if (!fixed.in.includes(nation)) continue;
    const date = localDate(year, fixed.month, fixed.day);
    add(date, fixed.name);
    const weekday = isoDayOfWeek(date);
    if (weekday === SATURDAY || weekday === SUNDAY) {
      const onWeekday = weekday === SATURDAY ? fixed.substitute.saturday : fixed.substitute.sunday;
      add(nextWeekday(date, onWeekday), `${fixed.name} (substitute day)`);
    }
  }

  const easter = easterSunday(year);
  add(addCalendarDays(easter, -2), 'Good Friday');
  if (nation !== 'scotland') add(addCalendarDays(easter, 1), 'Easter Monday');
  add(nextWeekday(localDate(year, 4, 30), MONDAY), 'Early May bank holiday');
  add(previousWeekday(localDate(year, 6, 1), MONDAY), 'Spring bank holiday');
  add(
    nation === 'scotland'
      ? nextWeekday(localDate(year, 7, 31), MONDAY)
      : previousWeekday(localDate(year, 9, 1), MONDAY),
    'Summer bank holiday',
  );
  for (const { date, name } of PROCLAIMED) if (date.startsWith(`${year}-`)) holidays.push({ date, name });

  return holidays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The first date strictly after `date` on the ISO weekday (1 = Monday). */
function nextWeekday(date: LocalDate, weekday: number): LocalDate {
  return addCalendarDays(date, ((weekday - isoDayOfWeek(date) + 6) % 7) + 1);
}

/** The last date strictly before `date` on the ISO weekday. */
function previousWeekday(date: LocalDate, weekday: number): LocalDate {
  return addCalendarDays(date, -(((isoDayOfWeek(date) - weekday + 6) % 7) + 1));
}

/** Easter Sunday in the Gregorian calendar (the anonymous algorithm: Meeus, Jones, Butcher). */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return localDate(year, month, day);
}
