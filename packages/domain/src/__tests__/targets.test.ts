import { createWorkingDayCalendar } from '../calendar';
import { getProfile } from '../profiles';
import { daysToRespond, standingAgainst, targetAppliesTo, targetDate, type ResponseRound } from '../targets';

// R-MON-2 against dates worked out by hand on the England and Wales calendar of 2026: Good Friday 3 April,
// Easter Monday 6 April, the early May bank holiday 4 May and the spring bank holiday 25 May.
const calendar = createWorkingDayCalendar();
const [hpftNew, hpftReopened] = getProfile('hpft').monitoringTargets;
const phso = getProfile('phso-model').monitoringTargets;
const [phsoStraightforward3, phsoStraightforward6, phsoComplex3] = phso;

const round = (fields: Partial<ResponseRound> = {}): ResponseRound => ({
  kind: 'first',
  startOn: '2026-04-02',
  sentOn: null,
  pauses: [],
  extendedTo: null,
  complexity: 'straightforward',
  joint: false,
  ...fields,
});

describe('R-MON-2: the date a response meets each target by (§0 counting)', () => {
  it('HPFT 35 working days strictly after receipt skip Easter and both May bank holidays', () => {
    expect(hpftNew).toMatchObject({ caseType: 'new', within: { basis: 'working-days', amount: 35 } });
    expect(targetDate(hpftNew, round(), calendar)).toBe('2026-05-27');
  });

  it('R-INV-6: paused working days move the working-day target out', () => {
    const paused = round({ pauses: [{ start: '2026-04-13', end: '2026-04-15' }] });
    expect(targetDate(hpftNew, paused, calendar)).toBe('2026-06-01');
    expect(targetDate(hpftNew, round({ pauses: [{ start: '2026-04-13', end: null }] }), calendar)).toBeNull();
  });

  it('HPFT counts an extension agreed with the person ("unless extended by agreement"); the PHSO model does not', () => {
    const extended = round({ extendedTo: '2026-06-30' });
    expect(targetDate(hpftNew, extended, calendar)).toBe('2026-06-30');
    expect(targetDate(phsoStraightforward3, extended, calendar)).toBe('2026-07-02');
  });

  it('calendar months clamp to the end of a shorter month', () => {
    expect(targetDate(phsoStraightforward3, round({ startOn: '2025-11-30' }), calendar)).toBe('2026-02-28');
    expect(targetDate(phsoStraightforward6, round({ startOn: '2025-08-31' }), calendar)).toBe('2026-02-28');
    expect(targetDate(phsoStraightforward6, round({ startOn: '2027-08-31' }), calendar)).toBe('2028-02-29');
  });

  it('HPFT reopened: 60 working days from the day it was reopened', () => {
    expect(hpftReopened).toMatchObject({
      caseType: 'reopened',
      within: { basis: 'working-days', amount: 60 },
    });
    // 60 working days after Thursday 2 April 2026: the 35th is 27 May, then 25 more working days.
    expect(targetDate(hpftReopened, round({ kind: 'reopened' }), calendar)).toBe('2026-07-01');
  });
});

describe('R-MON-2: how a round stands', () => {
  const today = '2026-09-01';

  it('a response on the target date meets it; the next day misses it', () => {
    expect(standingAgainst(hpftNew, round({ sentOn: '2026-05-27' }), today, calendar)).toBe('met');
    expect(standingAgainst(hpftNew, round({ sentOn: '2026-05-28' }), today, calendar)).toBe('missed');
  });

  it('no response: pending until the date passes, missed after', () => {
    expect(standingAgainst(hpftNew, round(), '2026-05-27', calendar)).toBe('pending');
    expect(standingAgainst(hpftNew, round(), '2026-05-28', calendar)).toBe('missed');
    const heldOpen = round({ pauses: [{ start: '2026-04-13', end: null }] });
    expect(standingAgainst(hpftNew, heldOpen, today, calendar)).toBe('pending');
  });

  it('complexity targets: unassessed rounds cannot be placed; a joint case is complex whatever was assessed', () => {
    const unassessed = round({ complexity: null, sentOn: '2026-04-10' });
    expect(targetAppliesTo(phsoStraightforward3, unassessed)).toBe(true);
    expect(targetAppliesTo(phsoComplex3, unassessed)).toBe(true);
    expect(standingAgainst(phsoStraightforward3, unassessed, today, calendar)).toBe('not-assessed');

    const joint = round({ complexity: 'straightforward', joint: true, sentOn: '2026-04-10' });
    expect(targetAppliesTo(phsoStraightforward3, joint)).toBe(false);
    expect(targetAppliesTo(phsoComplex3, joint)).toBe(true);
    expect(standingAgainst(phsoComplex3, joint, today, calendar)).toBe('met');
  });

  it('first-round targets never count a reopening, and the reopened target only reopenings', () => {
    const reopened = round({ kind: 'reopened' });
    expect(targetAppliesTo(hpftNew, reopened)).toBe(false);
    expect(targetAppliesTo(phsoStraightforward3, reopened)).toBe(false);
    expect(targetAppliesTo(hpftReopened, reopened)).toBe(true);
    expect(targetAppliesTo(hpftReopened, round())).toBe(false);
  });

  it('counts calendar days from start to response', () => {
    expect(daysToRespond(round({ sentOn: '2026-05-27' }))).toBe(55);
    expect(daysToRespond(round())).toBeNull();
  });
});
