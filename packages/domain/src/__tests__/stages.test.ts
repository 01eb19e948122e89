// The first clocks of a new submission (R-ACK-1, R-QUICK-1), computed once for intake and the workflow.
import { createWorkingDayCalendar } from '../calendar';
import { getProfile } from '../profiles';
import { initialStage, openingDeadlines, STAGES } from '../stages';

const calendar = createWorkingDayCalendar();
// Thursday 24 December 2026: Christmas Day (Fri) and Boxing Day (Sat, substitute Mon 28th) follow.
const receivedOn = '2026-12-24';

describe('openingDeadlines', () => {
  it('R-ACK-1: a complaint by email to HPFT is acknowledged within 3 working days, across Christmas', () => {
    expect(
      openingDeadlines(
        getProfile('hpft'),
        { kind: 'complaint', anonymous: false, channel: 'email', receivedOn },
        calendar,
      ),
    ).toEqual({
      acknowledgement: '2026-12-31',
      quickResolution: null,
      next: '2026-12-31',
    });
  });

  it('R-QUICK-1: a verbal complaint under the PHSO model may be resolved by the end of the next working day', () => {
    const opening = openingDeadlines(
      getProfile('phso-model'),
      { kind: 'complaint', anonymous: false, channel: 'phone', receivedOn },
      calendar,
    );
    expect(opening).toEqual({
      acknowledgement: '2026-12-31',
      quickResolution: '2026-12-29',
      next: '2026-12-31',
    });
  });

  it('R-QUICK-1: an HPFT PALS enquiry runs only its 10-working-day clock, which the worklist shows', () => {
    const opening = openingDeadlines(
      getProfile('hpft'),
      { kind: 'pals-enquiry', anonymous: false, channel: 'pals', receivedOn },
      calendar,
    );
    expect(opening).toEqual({ acknowledgement: null, quickResolution: '2027-01-12', next: '2027-01-12' });
  });

  it.each([
    ['feedback', { kind: 'feedback', anonymous: false }],
    ['an anonymous complaint', { kind: 'complaint', anonymous: true }],
  ])('R-INT-3/R-INT-4: %s has no clock', (_name, submission) => {
    expect(openingDeadlines(getProfile('hpft'), { ...submission, receivedOn }, calendar)).toEqual({
      acknowledgement: null,
      quickResolution: null,
      next: null,
    });
  });
});

describe('initialStage', () => {
  it('starts each kind of submission in a stage of the vocabulary', () => {
    const starts = [
      initialStage({ kind: 'feedback', anonymous: false }),
      initialStage({ kind: 'pals-enquiry', anonymous: false }),
      initialStage({ kind: 'complaint', anonymous: true }),
      initialStage({ kind: 'complaint', anonymous: false }),
    ];
    expect(starts).toEqual([
      'feedback-recorded',
      'pals-enquiry',
      'reviewing-for-learning',
      'awaiting-acknowledgement',
    ]);
    for (const stage of starts) expect(STAGES).toContain(stage);
  });
});
