// R-INV-7 on the time-skipping server: six calendar months from receipt without a final response, the
// Responsible Person (or a senior manager) approves a letter explaining the delay and keeps oversight until
// the response is sent. Profiles with the six-month letter: PHSO model and HPFT; not iTrust or CWTH.
// Received Monday 31 March 2036 (BST from Sun 30 Mar), 10:00 London. Six months → Tue 30 Sep 2036; the letter
// is due for approval 2 working days after: Thu 2 Oct. HPFT's 35 working days → Thu 22 May 2036 (Good Friday
// 11 Apr, Easter Monday 14 Apr and the early May bank holiday 5 May are not working days).
import type { ProfileId } from '@complaints/domain';
import { SEARCH_ATTRIBUTES } from '@complaints/temporal';
import { agreeTimescaleUpdate, approveSixMonthLetterUpdate, processStateQuery } from '../messages';
import {
  createLifecycleHarness,
  eventTypes,
  letterFacts,
  letterSent,
  lifecycleInput,
  recordHistory,
  refusal,
  respond,
  responseSummary,
  startInCloserLook,
  type LifecycleHarness,
} from './lifecycle-harness';

jest.setTimeout(120_000);

const RECEIVED_ON = '2036-03-31';
const START_AT = '2036-03-31T09:00:00Z';
let harness: LifecycleHarness;
afterEach(async () => harness?.teardown());

const input = (profile: ProfileId, org: string, serial: string) =>
  lifecycleInput({
    reference: `${org}-2036-${serial}`,
    receivedOn: RECEIVED_ON,
    profile: { id: profile, version: 1 },
  });

/** Skips the server clock forward to an instant. */
async function skipTo(instant: string) {
  await harness.env.sleep(Date.parse(instant) - (await harness.env.currentTimeMs()));
}

const APPROVAL_REQUEST = {
  step: 'six-month-letter-approval',
  template: 'approval-request',
  audience: 'responsible-person',
  facts: { document: 'six-month-letter', step: 'six-month-letter', due: '2036-10-02' },
};

const sixMonthEvents = (h: LifecycleHarness) => eventTypes(h).filter((type) => type.startsWith('six-month'));

it('HPFT: nothing until the end of the six-month date; then oversight and an approval request; unapproved, reminded and escalated to a senior manager; the final response ends oversight and the letter is no longer needed (R-INV-7)', async () => {
  harness = await createLifecycleHarness(START_AT);
  await harness.run(async () => {
    const handle = await startInCloserLook(harness, input('hpft', 'HPFT', '000400'));
    expect((await handle.query(processStateQuery)).closerLook?.due).toBe('2036-05-22');

    await skipTo('2036-09-30T22:00:00Z'); // 23:00 BST on the six-month date: still within six months
    const before = await handle.query(processStateQuery);
    expect(before.sixMonths).toBeUndefined();
    expect(before.underOversight).toBeUndefined();
    expect(before.breached).toBe(true); // the final response was due 22 May
    expect(
      await refusal(
        handle.executeUpdate(approveSixMonthLetterUpdate, {
          args: [{ by: 'rp-1', role: 'responsible-person', likelyBy: '2036-11-28' }],
        }),
      ),
    ).toEqual({ rule: 'R-INV-7', message: 'no six-month letter is due for this complaint' });

    await skipTo('2036-09-30T23:00:30Z'); // 00:00:30 BST on Wed 1 Oct
    await letterSent(harness, 'six-month-letter-approval');
    const reached = await handle.query(processStateQuery);
    expect(reached.sixMonths).toEqual({ reachedOn: '2036-09-30', due: '2036-10-02' });
    expect(reached.underOversight).toBe(true);
    expect(reached.stage).toBe('closer-look');
    expect(reached.nextDeadline).toBe('2036-05-22');
    expect((await handle.describe()).typedSearchAttributes.get(SEARCH_ATTRIBUTES.underOversight)).toBe(true);

    await skipTo('2036-10-03T11:00:00Z'); // Fri 3 Oct, 12:00: reminded Wed 1 Oct 09:00, breached end of Thu 2 Oct
    const late = await handle.query(processStateQuery);
    expect(late.sixMonths?.reminderSentAt?.slice(0, 16)).toBe('2036-10-01T08:00');
    expect(late.sixMonths?.breachedAt?.slice(0, 16)).toBe('2036-10-02T23:00');

    const action = { id: 'A1', description: 'Audit', ownerId: 'staff-7', due: '2036-10-31' };
    const sent = await respond(harness, handle, responseSummary('hpft', { actions: [action] }));
    expect(sent.stage).toBe('responded');
    expect(sent.finalResponse?.sent).toEqual({
      on: '2036-10-03',
      version: 1,
      onTime: false,
      ombudsman: 'phso',
    });
    expect(sent.underOversight).toBe(false);
    expect((await handle.describe()).typedSearchAttributes.get(SEARCH_ATTRIBUTES.underOversight)).toBe(false);
    // The response has gone: there is no delay left to explain.
    expect(
      await refusal(
        handle.executeUpdate(approveSixMonthLetterUpdate, {
          args: [{ by: 'rp-1', role: 'responsible-person', likelyBy: '2036-11-28' }],
        }),
      ),
    ).toEqual({
      rule: 'R-INV-7',
      message: 'the final response was sent on 2036-10-03; no six-month letter is needed',
    });
    const closed = await handle.query(processStateQuery);
    expect(closed.sixMonths?.approval).toBeUndefined();
    expect(closed.sixMonths?.sentOn).toBeUndefined();
    await recordHistory(handle, 'hpft-six-month-letter-escalated-then-final-response');
  });
  expect(
    harness.letters
      .filter(
        (l) =>
          !['acknowledgement', 'final-response', 'final-response-cover'].includes(l.template) &&
          l.facts?.document !== 'final-response',
      )
      .map(letterFacts),
  ).toEqual([
    {
      step: 'final-response-reminder-2036-05-22',
      template: 'deadline-reminder',
      audience: 'handler',
      facts: { deadline: 'final response', due: '2036-05-22', rule: 'R-INV-4' },
    },
    {
      step: 'final-response-escalation-2036-05-22',
      template: 'deadline-breach',
      audience: 'complaints-manager',
      facts: { deadline: 'final response', due: '2036-05-22', rule: 'R-INV-4' },
    },
    APPROVAL_REQUEST,
    {
      step: 'six-month-letter-reminder-2036-10-02',
      template: 'deadline-reminder',
      audience: 'responsible-person',
      facts: { deadline: 'approval of the six-month letter', due: '2036-10-02', rule: 'R-INV-7' },
    },
    {
      step: 'six-month-letter-escalation-2036-10-02',
      template: 'deadline-breach',
      audience: 'senior-manager',
      facts: { deadline: 'approval of the six-month letter', due: '2036-10-02', rule: 'R-INV-7' },
    },
  ]);
  expect(harness.letters.some((l) => l.template === 'six-month-delay')).toBe(false);
  expect(sixMonthEvents(harness)).toEqual([
    'six-month-letter-due',
    'six-month-letter-reminder-sent',
    'six-month-letter-deadline-breached',
    'six-month-letter-breach-escalated',
  ]);
  const due = harness.events.find((event) => event.type === 'six-month-letter-due')!;
  expect(due.data).toEqual({ reachedOn: '2036-09-30', approveBy: '2036-10-02' });
  expect(due.projection?.underOversight).toBe(true);
  expect(
    harness.events.find((event) => event.type === 'final-response-sent')?.projection?.underOversight,
  ).toBe(false);
});

it('PHSO model: the six-month letter approved by a senior manager goes out with the likely date; oversight lasts until the final response (R-INV-7)', async () => {
  harness = await createLifecycleHarness(START_AT);
  await harness.run(async () => {
    const handle = await startInCloserLook(harness, input('phso-model', 'NCT', '000401'));
    await skipTo('2036-10-01T08:30:00Z'); // Wed 1 Oct, 09:30 BST: the reminder went at 09:00
    await letterSent(harness, 'six-month-letter-approval');
    const reached = await handle.query(processStateQuery);
    expect(reached.sixMonths).toEqual({
      reachedOn: '2036-09-30',
      due: '2036-10-02',
      reminderSentAt: expect.stringMatching(/^2036-10-01T08:00/),
    });
    expect(reached.nextDeadline).toBe('2036-10-02');

    const approve = (role: string, likelyBy: string) =>
      handle.executeUpdate(approveSixMonthLetterUpdate, {
        args: [{ by: 'sm-1', role: role as 'senior-manager', likelyBy }],
      });
    expect(await refusal(approve('complaints-manager', '2036-11-28'))).toEqual({
      rule: 'R-INV-7',
      message: 'the six-month letter is approved by the Responsible Person or a senior manager',
    });
    expect(await refusal(approve('senior-manager', '2036-09-30'))).toEqual({
      rule: 'R-INV-7',
      message: 'the likely date 2036-09-30 is in the past (today is 2036-10-01)',
    });
    expect(await refusal(approve('senior-manager', 'end of November'))).toEqual({
      rule: 'R-INV-7',
      message: 'likelyBy must be an ISO date',
    });
    const approved = await approve('senior-manager', '2036-11-28');
    expect(approved.approval).toEqual({
      by: 'sm-1',
      role: 'senior-manager',
      on: '2036-10-01',
      likelyBy: '2036-11-28',
    });
    // The approval deadline is met: the worklist no longer shows it (no final-response date is agreed yet).
    expect((await handle.query(processStateQuery)).nextDeadline).toBeNull();
    await letterSent(harness, 'six-month-letter');
    expect(await refusal(approve('senior-manager', '2036-11-28'))).toEqual({
      rule: 'R-INV-7',
      message: 'the six-month letter was already approved on 2036-10-01',
    });
    const state = await handle.query(processStateQuery);
    expect(state.sixMonths?.sentOn).toBe('2036-10-01');
    expect(state.underOversight).toBe(true);

    await handle.executeUpdate(agreeTimescaleUpdate, { args: [{ by: 'handler-1', due: '2036-11-28' }] });
    await harness.env.sleep('7 days');
    const sent = await respond(harness, handle, responseSummary('phso-model'));
    expect(sent.underOversight).toBe(false);
    expect(sent.finalResponse?.sent).toEqual({
      on: '2036-10-08',
      version: 1,
      onTime: true,
      ombudsman: 'phso',
    });
    await recordHistory(handle, 'phso-model-six-month-letter-approved-then-final-response');
  });
  expect(letterFacts(harness.letters.find((l) => l.template === 'six-month-delay')!)).toEqual({
    step: 'six-month-letter',
    template: 'six-month-delay',
    audience: 'complainant',
    facts: { likelyBy: '2036-11-28', approvedBy: 'sm-1' },
  });
  expect(
    harness.letters
      .filter((l) => l.audience !== 'complainant')
      .map(letterFacts)
      .slice(0, 2),
  ).toEqual([
    APPROVAL_REQUEST,
    {
      step: 'six-month-letter-reminder-2036-10-02',
      template: 'deadline-reminder',
      audience: 'responsible-person',
      facts: { deadline: 'approval of the six-month letter', due: '2036-10-02', rule: 'R-INV-7' },
    },
  ]);
  expect(harness.letters.some((l) => l.template === 'deadline-breach')).toBe(false);
  expect(sixMonthEvents(harness)).toEqual([
    'six-month-letter-due',
    'six-month-letter-reminder-sent',
    'six-month-letter-approved',
  ]);
  expect(harness.events.find((e) => e.type === 'six-month-letter-approved')?.data).toEqual({
    role: 'senior-manager',
    likelyBy: '2036-11-28',
  });
});

it('PHSO model: a date agreed while the six-month letter awaits approval does not hide the approval deadline (R-INV-7)', async () => {
  harness = await createLifecycleHarness(START_AT);
  await harness.run(async () => {
    const handle = await startInCloserLook(harness, input('phso-model', 'NCT', '000403'));
    await skipTo('2036-10-01T08:30:00Z');
    await letterSent(harness, 'six-month-letter-approval');
    await handle.executeUpdate(agreeTimescaleUpdate, { args: [{ by: 'handler-1', due: '2036-11-28' }] });
    const waiting = await handle.query(processStateQuery);
    expect(waiting.closerLook?.due).toBe('2036-11-28');
    expect(waiting.nextDeadline).toBe('2036-10-02');
    await handle.executeUpdate(approveSixMonthLetterUpdate, {
      args: [{ by: 'rp-1', role: 'responsible-person', likelyBy: '2036-11-28' }],
    });
    expect((await handle.query(processStateQuery)).nextDeadline).toBe('2036-11-28');
  });
});

it('PHSO model: a longer timescale agreed within the six months — no letter, no oversight (R-INV-7)', async () => {
  harness = await createLifecycleHarness(START_AT);
  await harness.run(async () => {
    const handle = await startInCloserLook(harness, input('phso-model', 'NCT', '000402'));
    await harness.env.sleep('1 day');
    await handle.executeUpdate(agreeTimescaleUpdate, { args: [{ by: 'handler-1', due: '2036-10-31' }] });
    await skipTo('2036-10-03T11:00:00Z');
    const state = await handle.query(processStateQuery);
    expect(state.sixMonths).toBeUndefined();
    expect(state.underOversight).toBeUndefined();
    expect(state.nextDeadline).toBe('2036-10-31');
    expect(
      (
        await refusal(
          handle.executeUpdate(approveSixMonthLetterUpdate, {
            args: [{ by: 'rp-1', role: 'responsible-person', likelyBy: '2036-10-31' }],
          }),
        )
      ).message,
    ).toBe('no six-month letter is due for this complaint');
  });
  expect(eventTypes(harness).slice(-2)).toEqual(['timescale-agreed', 'six-month-letter-not-needed']);
  expect(harness.events.at(-1)?.data).toEqual({ reachedOn: '2036-09-30', agreedDue: '2036-10-31' });
  expect(harness.letters.map((l) => l.template)).toEqual(['acknowledgement']);
});

it.each([
  ['itrust', 'ITRUST'],
  ['cwth', 'CWTH'],
])('%s: no six-month letter — only the final-response clock runs (R-INV-7, §9)', async (profile, org) => {
  harness = await createLifecycleHarness(START_AT);
  await harness.run(async () => {
    const handle = await startInCloserLook(harness, input(profile as ProfileId, org, '000403'));
    await skipTo('2036-10-31T12:00:00Z');
    const state = await handle.query(processStateQuery);
    expect(state.sixMonths).toBeUndefined();
    expect(state.underOversight).toBeUndefined();
    expect(state.stage).toBe('closer-look');
  });
  expect(eventTypes(harness).slice(3)).toEqual([
    'closer-look-started',
    'final-response-reminder-sent',
    'final-response-deadline-breached',
    'final-response-breach-escalated',
  ]);
  // iTrust 20 working days and CWTH one calendar month both end on Wed 30 Apr 2036.
  expect(harness.letters.map((l) => [l.template, l.audience, l.facts?.due])).toEqual([
    ['acknowledgement', 'complainant', undefined],
    ['deadline-reminder', 'handler', '2036-04-30'],
    ['deadline-breach', 'complaints-manager', '2036-04-30'],
  ]);
});
