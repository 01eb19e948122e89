import Holidays from 'date-holidays';
import { easterSunday } from '../bank-holidays';
import { createWorkingDayCalendar, NATIONS, type Nation } from '../calendar';

// The calendar's own UK rules (ADR 0025) against an independent calculator, date-holidays (a test-only
// dependency, kept out of the workflow bundle): every bank holiday, substitute and proclaimed day, with
// its name, for each nation over two centuries.
const REGIONS: Record<Nation, string> = {
  'england-and-wales': 'ENG',
  scotland: 'SCT',
  'northern-ireland': 'NIR',
};

function expectedBankHolidays(library: Holidays, year: number): { date: string; name: string }[] {
  const byDate = new Map<string, string>();
  for (const holiday of library.getHolidays(year, 'en')) {
    if (holiday.type !== 'public' && holiday.type !== 'bank') continue; // observances are not days off
    const date = holiday.date.slice(0, 10);
    const existing = byDate.get(date);
    byDate.set(date, existing ? `${existing}; ${holiday.name}` : holiday.name);
  }
  return [...byDate].map(([date, name]) => ({ date, name })).sort((a, b) => (a.date < b.date ? -1 : 1));
}

describe.each(NATIONS)('bank holidays of %s', (nation) => {
  const calendar = createWorkingDayCalendar({ nation });
  const library = new Holidays('GB', REGIONS[nation]);

  it('are those date-holidays gives, date and name, for every year 1950–2150', () => {
    for (let year = 1950; year <= 2150; year += 1) {
      const ours = calendar.bankHolidays(year).map(({ date, name }) => ({ date, name }));
      expect({ year, holidays: ours }).toEqual({ year, holidays: expectedBankHolidays(library, year) });
    }
  });
});

it('Wales has the bank holidays of England', () => {
  const wales = new Holidays('GB', 'WLS');
  const englandAndWales = createWorkingDayCalendar();
  for (const year of [2024, 2026, 2027, 2033])
    expect(englandAndWales.bankHolidays(year)).toEqual(expectedBankHolidays(wales, year));
});

it('puts Easter Sunday where the church calendar does', () => {
  expect(easterSunday(2024)).toBe('2024-03-31');
  expect(easterSunday(2025)).toBe('2025-04-20');
  expect(easterSunday(2026)).toBe('2026-04-05');
  expect(easterSunday(2038)).toBe('2038-04-25'); // the latest possible
  expect(easterSunday(2285)).toBe('2285-03-22'); // the earliest possible
});

it('knows the days proclaimed, and the usual days they replaced', () => {
  const calendar = createWorkingDayCalendar();
  expect(calendar.nonWorkingReason('2020-05-08')).toEqual({
    kind: 'bank-holiday',
    name: 'Early May bank holiday (VE day)',
  });
  expect(calendar.isWorkingDay('2020-05-04')).toBe(true);
  expect(calendar.isWorkingDay('2022-05-30')).toBe(true);
  expect(calendar.nonWorkingReason('2022-06-02')).toEqual({
    kind: 'bank-holiday',
    name: 'Spring bank holiday',
  });
});
