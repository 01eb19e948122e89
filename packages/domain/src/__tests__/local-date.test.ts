import {
  addCalendarDays,
  assertLocalDate,
  calendarDaysBetween,
  compareLocalDates,
  isLocalDate,
  isoDayOfWeek,
  localDate,
} from '../local-date';

describe('LocalDate', () => {
  it.each(['2026-01-01', '2028-02-29', '2000-02-29', '2026-12-31'])('accepts %s', (value) => {
    expect(isLocalDate(value)).toBe(true);
  });

  it.each([
    '2026-02-29',
    '2100-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-1-01',
    '26-01-01',
    '2026-01-01T00:00',
    ' 2026-01-01',
    '',
  ])('rejects %j', (value) => {
    expect(isLocalDate(value)).toBe(false);
    expect(() => assertLocalDate(value, 'receipt')).toThrow(/receipt must be a calendar date/);
  });

  it('rejects non-strings, including Date objects', () => {
    expect(isLocalDate(new Date(Date.UTC(2026, 0, 1)))).toBe(false);
    expect(isLocalDate(20260101)).toBe(false);
    expect(isLocalDate(null)).toBe(false);
  });

  it('uses the proleptic Gregorian calendar for every four-digit year', () => {
    expect(isLocalDate('0004-02-29')).toBe(true);
    expect(isLocalDate('0100-02-29')).toBe(false);
    expect(addCalendarDays('0099-12-31', 1)).toBe('0100-01-01');
  });

  it('builds dates from parts with zero padding', () => {
    expect(localDate(2026, 3, 9)).toBe('2026-03-09');
    expect(() => localDate(2026, 2, 30)).toThrow(RangeError);
  });

  it('adds calendar days across month, year and leap-day boundaries', () => {
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(calendarDaysBetween('2026-12-24', '2027-01-04')).toBe(11);
  });

  it('knows ISO weekdays (1 = Monday, 7 = Sunday)', () => {
    expect(isoDayOfWeek('2026-01-01')).toBe(4); // Thursday
    expect(isoDayOfWeek('2026-03-07')).toBe(6); // Saturday
    expect(isoDayOfWeek('2026-03-08')).toBe(7); // Sunday
    expect(isoDayOfWeek('2026-03-09')).toBe(1); // Monday
  });

  it('compares dates', () => {
    expect(compareLocalDates('2026-01-02', '2026-01-10')).toBe(-1);
    expect(compareLocalDates('2026-01-10', '2026-01-10')).toBe(0);
    expect(compareLocalDates('2027-01-01', '2026-12-31')).toBe(1);
  });
});
