import { CLOSURE_STAGES, type ClosureReason } from '../closure';
import { actionFollowUps, closureOutcome, COMPLAINT_OUTCOMES } from '../outcomes';

describe('R-MON-1: the outcome of a complaint that ended without a final response', () => {
  it.each([
    ['resolved-early', 'resolved-early'],
    ['resolved-quickly', 'resolved-early'],
    ['withdrawn', 'withdrawn'],
    ['out-of-scope', 'out-of-scope'],
    ['out-of-time', 'out-of-time'],
    ['representative-stopped', null],
    ['responded', null],
  ] as [ClosureReason, string | null][])('%s closes with outcome %s', (reason, outcome) => {
    expect(closureOutcome(reason)).toBe(outcome);
  });

  it('every closure is mapped, to one of the outcomes or to none', () => {
    for (const reason of Object.keys(CLOSURE_STAGES) as ClosureReason[]) {
      const outcome = closureOutcome(reason);
      expect(outcome === null || COMPLAINT_OUTCOMES.includes(outcome)).toBe(true);
    }
  });
});

describe('an open action overdue: reminded to its owner, escalated a week on', () => {
  it.each([
    ['2026-06-09', []],
    ['2026-06-10', []],
    ['2026-06-11', ['reminder']],
    ['2026-06-17', ['reminder']],
    ['2026-06-18', ['reminder', 'escalation']],
  ])('due 2026-06-10, on %s: %j', (asOf, followUps) => {
    expect(actionFollowUps('2026-06-10', asOf)).toEqual(followUps);
  });
});
