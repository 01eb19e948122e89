// The worklist's next deadline is derived from the state, never assigned: one function, one answer per stage.
import { nextDeadline } from '../complaint-lifecycle/complaint-case';
import type { CaseState } from '../messages';

const base: CaseState = {
  reference: 'RXX-2036-000001',
  stage: 'awaiting-acknowledgement',
  profile: { id: 'phso-model', version: 1 },
  acknowledgement: { due: '2036-01-07' },
  breached: false,
};

it('awaiting acknowledgement: the acknowledgement is due (R-ACK-1); once acknowledged, nothing until the next step', () => {
  expect(nextDeadline(base)).toBe('2036-01-07');
  expect(nextDeadline({ ...base, stage: 'acknowledged' })).toBeNull();
});

it('a PALS enquiry: its end, until it is resolved or becomes a complaint (R-QUICK-1)', () => {
  const enquiry: CaseState = { ...base, stage: 'pals-enquiry', quickRoute: { due: '2036-01-14' } };
  expect(nextDeadline(enquiry)).toBe('2036-01-14');
  expect(
    nextDeadline({ ...enquiry, quickRoute: { due: '2036-01-14', outcome: 'becomes-complaint' } }),
  ).toBeNull();
});

it("early resolution and the closer look: the stage's own date, or the six-month approval if sooner (R-INV-7)", () => {
  const early: CaseState = {
    ...base,
    stage: 'early-resolution',
    earlyResolution: { due: '2036-02-04', extensions: [] },
  };
  expect(nextDeadline(early)).toBe('2036-02-04');
  const closer: CaseState = {
    ...base,
    stage: 'closer-look',
    closerLook: { basis: 'to-be-agreed', due: null },
  };
  expect(nextDeadline(closer)).toBeNull();
  const six = { reachedOn: '2036-07-01', due: '2036-07-03' };
  expect(nextDeadline({ ...closer, sixMonths: six })).toBe('2036-07-03');
  expect(
    nextDeadline({ ...closer, closerLook: { basis: 'to-be-agreed', due: '2036-06-30' }, sixMonths: six }),
  ).toBe('2036-06-30');
  expect(
    nextDeadline({
      ...closer,
      sixMonths: {
        ...six,
        approval: { by: 'rp-1', role: 'responsible-person', on: '2036-07-02', likelyBy: '2036-09-01' },
      },
    }),
  ).toBeNull();
});

it('after the response: the earliest promised action still to be done (R-RESP-4); closed: none', () => {
  const responded: CaseState = {
    ...base,
    stage: 'responded',
    actions: [
      { id: 'a1', ownerId: 's1', due: '2036-03-01', completedOn: '2036-02-20' },
      { id: 'a2', ownerId: 's1', due: '2036-04-01' },
    ],
  };
  expect(nextDeadline(responded)).toBe('2036-04-01');
  expect(
    nextDeadline({
      ...responded,
      stage: 'closed',
      closed: { at: '2036-04-01T10:00:00Z', reason: 'responded' },
    }),
  ).toBeNull();
});
