import {
  financialQuarter,
  financialQuarterContaining,
  financialYear,
  periodNameProblem,
  quartersEndingWith,
} from '../reporting-periods';

describe('reporting periods by name (R-MON-3, regulation 18)', () => {
  it('a financial year runs 1 April to 31 March', () => {
    expect(financialYear('2026-27')).toEqual({ name: '2026-27', from: '2026-04-01', to: '2027-03-31' });
    expect(financialYear('1999-00')).toEqual({ name: '1999-00', from: '1999-04-01', to: '2000-03-31' });
  });

  it.each([
    ['2026-27-Q1', '2026-04-01', '2026-06-30'],
    ['2026-27-Q2', '2026-07-01', '2026-09-30'],
    ['2026-27-Q3', '2026-10-01', '2026-12-31'],
    ['2027-28-Q4', '2028-01-01', '2028-03-31'],
  ])('%s runs %s to %s', (name, from, to) => {
    expect(financialQuarter(name)).toEqual({ name, from, to });
  });

  it('finds the quarter of a date on either side of the year boundary', () => {
    expect(financialQuarterContaining('2027-03-31').name).toBe('2026-27-Q4');
    expect(financialQuarterContaining('2027-04-01').name).toBe('2027-28-Q1');
    expect(financialQuarterContaining('2026-12-31').name).toBe('2026-27-Q3');
  });

  it('gives the last eight quarters, oldest first, across two year boundaries', () => {
    expect(quartersEndingWith('2026-27-Q2', 8).map((q) => q.name)).toEqual([
      '2024-25-Q3',
      '2024-25-Q4',
      '2025-26-Q1',
      '2025-26-Q2',
      '2025-26-Q3',
      '2025-26-Q4',
      '2026-27-Q1',
      '2026-27-Q2',
    ]);
  });

  it('names what is wrong with a period name', () => {
    expect(periodNameProblem('2026-27', 'financial-year')).toBeNull();
    expect(periodNameProblem('2026-28', 'financial-year')).toBe('the year after 2026 ends in 27');
    expect(periodNameProblem('2026', 'financial-year')).toBe('must name a financial year like 2026-27');
    expect(periodNameProblem('2026-27-Q5', 'financial-quarter')).toBe(
      'must name a financial quarter like 2026-27-Q2',
    );
    expect(() => financialQuarter('2026-27')).toThrow(RangeError);
  });
});
