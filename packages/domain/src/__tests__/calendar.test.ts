import { createWorkingDayCalendar, endOfLondonDay, londonDate, startOfLondonDay } from '../calendar';
import { addCalendarDays } from '../local-date';

const englandAndWales = createWorkingDayCalendar();
const scotland = createWorkingDayCalendar({ nation: 'scotland' });
const northernIreland = createWorkingDayCalendar({ nation: 'northern-ireland' });

describe('working-day calendar (§0)', () => {
  it('defaults to England & Wales and describes itself', () => {
    expect(englandAndWales.nation).toBe('england-and-wales');
    expect(englandAndWales.describe()).toBe(
      'Monday to Friday, excluding England & Wales bank holidays (GOV.UK)',
    );
  });

  it('treats Saturday and Sunday as non-working and Monday as working', () => {
    expect(englandAndWales.isWorkingDay('2026-03-06')).toBe(true); // Friday
    expect(englandAndWales.nonWorkingReason('2026-03-07')).toEqual({ kind: 'weekend' });
    expect(englandAndWales.isWorkingDay('2026-03-08')).toBe(false);
    expect(englandAndWales.isWorkingDay('2026-03-09')).toBe(true);
  });

  it('lists the 2026 England & Wales bank holidays, substitute Boxing Day included, no observances', () => {
    expect(englandAndWales.bankHolidays(2026).map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-04-03', // Good Friday
      '2026-04-06', // Easter Monday
      '2026-05-04', // early May
      '2026-05-25', // spring
      '2026-08-31', // summer
      '2026-12-25',
      '2026-12-26', // Saturday
      '2026-12-28', // substitute for Boxing Day
    ]);
    const names = englandAndWales.bankHolidays(2026).map((h) => h.name);
    expect(names).not.toContain("Mother's Day");
    expect(names).not.toContain('Easter Sunday');
  });

  it('counts substitute days of 2021–22: Christmas and Boxing Day on a weekend move to 27 and 28 Dec, New Year to 3 Jan', () => {
    expect(englandAndWales.nonWorkingReason('2021-12-27')).toEqual({
      kind: 'bank-holiday',
      name: 'Christmas Day (substitute day)',
    });
    expect(englandAndWales.nonWorkingReason('2021-12-28')).toEqual({
      kind: 'bank-holiday',
      name: 'Boxing Day (substitute day)',
    });
    expect(englandAndWales.nonWorkingReason('2022-01-03')).toEqual({
      kind: 'bank-holiday',
      name: "New Year's Day (substitute day)",
    });
    expect(englandAndWales.nextWorkingDay('2021-12-24')).toBe('2021-12-29');
    expect(englandAndWales.nextWorkingDay('2021-12-31')).toBe('2022-01-04');
  });

  it('counts 2027–28 substitute days: 27 and 28 Dec 2027, 3 Jan 2028', () => {
    expect(englandAndWales.nextWorkingDay('2027-12-24')).toBe('2027-12-29');
    expect(englandAndWales.nextWorkingDay('2027-12-31')).toBe('2028-01-04');
  });

  it('skips Easter 2026: Good Friday 3 April and Easter Monday 6 April', () => {
    expect(englandAndWales.nonWorkingReason('2026-04-03')).toEqual({
      kind: 'bank-holiday',
      name: 'Good Friday',
    });
    expect(englandAndWales.nonWorkingReason('2026-04-06')).toEqual({
      kind: 'bank-holiday',
      name: 'Easter Monday',
    });
    expect(englandAndWales.nextWorkingDay('2026-04-02')).toBe('2026-04-07');
    expect(englandAndWales.previousWorkingDay('2026-04-07')).toBe('2026-04-02');
  });

  it('skips the early May and spring bank holidays', () => {
    expect(englandAndWales.nextWorkingDay('2026-05-01')).toBe('2026-05-05');
    expect(englandAndWales.nextWorkingDay('2026-05-22')).toBe('2026-05-26');
  });

  it('includes one-off bank holidays: the 2022 state funeral and the 2023 coronation', () => {
    expect(englandAndWales.isWorkingDay('2022-09-19')).toBe(false);
    expect(englandAndWales.isWorkingDay('2023-05-08')).toBe(false);
  });

  it('Scotland differs: 2 January is a holiday, Easter Monday is not', () => {
    expect(scotland.describe()).toContain('Scotland bank holidays (GOV.UK)');
    expect(englandAndWales.isWorkingDay('2026-01-02')).toBe(true);
    expect(scotland.isWorkingDay('2026-01-02')).toBe(false);
    expect(scotland.isWorkingDay('2026-04-06')).toBe(true);
    expect(scotland.isWorkingDay('2026-11-30')).toBe(false); // St Andrew's Day, a Monday
    // 2 Jan 2027 is a Saturday, so Scotland's substitute is Monday 4 Jan.
    expect(englandAndWales.nextWorkingDay('2026-12-31')).toBe('2027-01-04');
    expect(scotland.nextWorkingDay('2026-12-31')).toBe('2027-01-05');
  });

  it('Northern Ireland has St Patrick’s Day and the Boyne substitute (12 July 2026 is a Sunday)', () => {
    expect(northernIreland.isWorkingDay('2026-03-17')).toBe(false);
    expect(northernIreland.isWorkingDay('2026-07-13')).toBe(false);
    expect(englandAndWales.isWorkingDay('2026-07-13')).toBe(true);
  });

  it('adds configured closure days, sorted and de-duplicated', () => {
    const calendar = createWorkingDayCalendar({ closureDays: ['2026-12-31', '2026-12-24', '2026-12-31'] });
    expect(calendar.closureDays).toEqual(['2026-12-24', '2026-12-31']);
    expect(calendar.nonWorkingReason('2026-12-24')).toEqual({ kind: 'closure-day' });
    expect(calendar.nextWorkingDay('2026-12-23')).toBe('2026-12-29');
    expect(calendar.nextWorkingDay('2026-12-30')).toBe('2027-01-04');
    expect(calendar.describe()).toBe(
      'Monday to Friday, excluding England & Wales bank holidays (GOV.UK) and closure days 2026-12-24, 2026-12-31',
    );
  });

  it('rejects invalid configuration and dates', () => {
    expect(() => createWorkingDayCalendar({ closureDays: ['2026-02-30'] })).toThrow(/closureDays\[0\]/);
    expect(() => createWorkingDayCalendar({ nation: 'wales' as never })).toThrow(/Unknown nation/);
    expect(() => englandAndWales.isWorkingDay('24/12/2026')).toThrow(RangeError);
    expect(() => englandAndWales.addWorkingDays('2026-01-05', 1.5)).toThrow(RangeError);
  });

  it('adds working days forwards and backwards; zero leaves the date alone', () => {
    expect(englandAndWales.addWorkingDays('2026-12-24', 0)).toBe('2026-12-24');
    expect(englandAndWales.addWorkingDays('2026-12-26', 0)).toBe('2026-12-26');
    expect(englandAndWales.addWorkingDays('2026-12-24', 4)).toBe('2027-01-04');
    expect(englandAndWales.addWorkingDays('2027-01-04', -4)).toBe('2026-12-24');
  });

  it('lets callers leave days out of the count', () => {
    const skipWednesday11 = (d: string) => d === '2026-03-11';
    expect(englandAndWales.addWorkingDays('2026-03-09', 3, { skip: skipWednesday11 })).toBe('2026-03-13');
    expect(() => englandAndWales.addWorkingDays('2026-03-09', 1, { skip: () => true })).toThrow(
      /within 20 years/,
    );
  });

  it('counts working days strictly after a up to and including b', () => {
    expect(englandAndWales.workingDaysBetween('2026-12-24', '2027-01-04')).toBe(4); // 29, 30, 31 Dec, 4 Jan
    expect(englandAndWales.workingDaysBetween('2027-01-04', '2026-12-24')).toBe(-4);
    expect(englandAndWales.workingDaysBetween('2026-03-09', '2026-03-09')).toBe(0);
    expect(englandAndWales.workingDaysBetween('2026-03-06', '2026-03-08')).toBe(0);
  });
});

describe('Europe/London dates (§0)', () => {
  it('gives the London date of instants near midnight in BST (UTC+1)', () => {
    expect(londonDate(new Date('2026-07-01T22:59:59.999Z'))).toBe('2026-07-01');
    expect(londonDate(new Date('2026-07-01T23:00:00Z'))).toBe('2026-07-02');
    expect(londonDate(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-02');
  });

  it('gives the London date of instants near midnight in GMT (UTC+0)', () => {
    expect(londonDate(new Date('2026-01-15T23:59:59.999Z'))).toBe('2026-01-15');
    expect(londonDate(new Date('2026-01-16T00:00:00Z'))).toBe('2026-01-16');
  });

  it('handles the repeated hour when BST ends on 25 Oct 2026', () => {
    expect(londonDate(new Date('2026-10-24T22:59:59Z'))).toBe('2026-10-24');
    expect(londonDate(new Date('2026-10-24T23:00:00Z'))).toBe('2026-10-25');
    expect(londonDate(new Date('2026-10-25T00:30:00Z'))).toBe('2026-10-25'); // 01:30 BST
    expect(londonDate(new Date('2026-10-25T01:30:00Z'))).toBe('2026-10-25'); // 01:30 GMT
  });

  it('rejects an invalid instant', () => {
    expect(() => londonDate(new Date('nonsense'))).toThrow(RangeError);
  });

  it('29 Mar 2026 (clocks go forward) starts at 00:00 GMT and lasts 23 hours', () => {
    expect(startOfLondonDay('2026-03-28').toISOString()).toBe('2026-03-28T00:00:00.000Z');
    expect(endOfLondonDay('2026-03-28').toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(startOfLondonDay('2026-03-29').toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(endOfLondonDay('2026-03-29').toISOString()).toBe('2026-03-29T23:00:00.000Z');
  });

  it('25 Oct 2026 (clocks go back) starts at 00:00 BST and lasts 25 hours', () => {
    expect(endOfLondonDay('2026-10-24').toISOString()).toBe('2026-10-24T23:00:00.000Z');
    expect(startOfLondonDay('2026-10-25').toISOString()).toBe('2026-10-24T23:00:00.000Z');
    expect(endOfLondonDay('2026-10-25').toISOString()).toBe('2026-10-26T00:00:00.000Z');
  });

  it('a summer deadline day ends at 23:00 UTC, a winter one at midnight UTC', () => {
    expect(endOfLondonDay('2026-07-01').toISOString()).toBe('2026-07-01T23:00:00.000Z');
    expect(endOfLondonDay('2026-12-31').toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('start and end of every London day of 2026 and 2027 bracket exactly that date', () => {
    for (let date = '2026-01-01'; date < '2028-01-01'; date = addCalendarDays(date, 1)) {
      const start = startOfLondonDay(date);
      const end = endOfLondonDay(date);
      expect(londonDate(start)).toBe(date);
      expect(londonDate(new Date(start.getTime() - 1))).toBe(addCalendarDays(date, -1));
      expect(londonDate(new Date(end.getTime() - 1))).toBe(date);
      expect([23, 24, 25]).toContain((end.getTime() - start.getTime()) / 3_600_000);
    }
  });
});
