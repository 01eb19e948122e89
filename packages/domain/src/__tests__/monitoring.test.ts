import { metTimescaleAgreedAtStart, overallOutcome } from '../monitoring';

describe('R-MON-1: the outcome and the timescale agreed at the start', () => {
  it.each([
    [['upheld', 'upheld'], 'upheld'],
    [['upheld', 'not-upheld'], 'partially-upheld'],
    [['partially-upheld'], 'partially-upheld'],
    [['not-upheld', 'partially-upheld'], 'partially-upheld'],
    [['not-upheld', 'not-upheld'], 'not-upheld'],
  ] as const)('findings %j are %s overall (KO41a)', (outcomes, expected) => {
    expect(overallOutcome(outcomes.map((outcome) => ({ outcome })))).toBe(expected);
  });

  it('no finding gives no outcome', () => {
    expect(overallOutcome([])).toBeNull();
  });

  it('a response on the date agreed at the start met it; a day later (even if extended) did not', () => {
    expect(metTimescaleAgreedAtStart('2026-05-29', '2026-05-29')).toBe(true);
    expect(metTimescaleAgreedAtStart('2026-06-01', '2026-05-29')).toBe(false);
    expect(metTimescaleAgreedAtStart('2026-06-01', null)).toBeNull();
  });
});
