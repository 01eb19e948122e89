// R-INV-4/5/6: the final-response deadline of a round, as both the workflow's clock and the API use it.
import { createWorkingDayCalendar } from '../calendar';
import { finalResponseDeadline } from '../final-response-deadline';
import { getProfile } from '../profiles';

const calendar = createWorkingDayCalendar();

describe('finalResponseDeadline', () => {
  it("R-INV-4 (HPFT): 35 working days from the round's start, across Christmas and New Year", () => {
    const deadline = finalResponseDeadline(
      getProfile('hpft'),
      { round: { kind: 'first', startedOn: '2026-12-01' }, basis: 'profile-working-days', pauses: [] },
      calendar,
    );
    // December: 2–31 less 25, 28 (Boxing Day's substitute) = 20 working days; January: 1 is a holiday,
    // so 2027-01-22 is the 35th.
    expect(deadline).toEqual(
      expect.objectContaining({ rule: 'R-INV-4', basis: 'working-days', amount: 35, due: '2027-01-22' }),
    );
    expect(deadline.explanation).toContain('R-INV-4 (hpft v1)');
  });

  it('R-INV-6: no date while paused; resumed, it moves out by the working days paused', () => {
    const clock = {
      round: { kind: 'first' as const, startedOn: '2026-12-01' },
      basis: 'profile-working-days' as const,
    };
    expect(
      finalResponseDeadline(
        getProfile('hpft'),
        { ...clock, pauses: [{ start: '2027-01-04', end: null }] },
        calendar,
      ).due,
    ).toBeNull();
    const resumed = finalResponseDeadline(
      getProfile('hpft'),
      { ...clock, pauses: [{ start: '2027-01-04', end: '2027-01-08' }] },
      calendar,
    );
    expect(resumed.due).toBe('2027-01-29');
    expect(resumed.pauses).toEqual([{ start: '2027-01-04', end: '2027-01-08' }]);
  });

  it('a pause of an earlier round does not move this one', () => {
    const deadline = finalResponseDeadline(
      getProfile('hpft'),
      {
        round: { kind: 'reopened', startedOn: '2027-03-01' },
        basis: 'profile-working-days',
        pauses: [{ start: '2026-12-07', end: '2026-12-11' }],
      },
      calendar,
    );
    expect(deadline).toEqual(expect.objectContaining({ rule: 'R-REOPEN-1', amount: 60, pauses: [] }));
  });

  it('R-INV-4 (PHSO model): none until a date is agreed; an agreed date moves out by later pauses', () => {
    const round = { kind: 'first' as const, startedOn: '2026-12-01' };
    expect(
      finalResponseDeadline(getProfile('phso-model'), { round, basis: 'to-be-agreed', pauses: [] }, calendar),
    ).toEqual(expect.objectContaining({ amount: null, due: null }));
    const agreed = finalResponseDeadline(
      getProfile('phso-model'),
      {
        round,
        basis: 'agreed-with-complainant',
        agreed: { date: '2027-01-29', on: '2026-12-03' },
        pauses: [{ start: '2027-01-11', end: '2027-01-12' }],
      },
      calendar,
    );
    expect(agreed.due).toBe('2027-02-02');
    expect(agreed.extensions).toEqual([{ kind: 'new-date', agreedOn: '2026-12-03', due: '2027-01-29' }]);
  });
});
