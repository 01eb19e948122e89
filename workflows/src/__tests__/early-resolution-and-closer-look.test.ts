// R-ER-1/R-ER-2 and R-INV-4 on the time-skipping server: after the acknowledgement a complaint is resolved
// early where the profile aims to (PHSO model, HPFT: 10 working days), or goes to a closer look with the
// profile's final-response timescale (HPFT 35 WD, iTrust 20 WD, CWTH one calendar month, PHSO model agreed).
// Received Monday 5 November 2035; 10 WD → Mon 19 Nov, 20 WD → Mon 3 Dec, 35 WD → Mon 24 Dec, 1 month → Wed 5 Dec.
import type { ProfileId } from '@complaints/domain';
import { SEARCH_ATTRIBUTES } from '@complaints/temporal';
import {
  acknowledgeUpdate,
  agreeTimescaleUpdate,
  extendEarlyResolutionUpdate,
  pauseClockUpdate,
  resumeClockUpdate,
  processStateQuery,
  resolveEarlyUpdate,
  startCloserLookUpdate,
} from '../messages';
import {
  createLifecycleHarness,
  eventTypes,
  lifecycleInput,
  recordHistory,
  refusal,
  waitForState,
  type LifecycleHarness,
  startLifecycle,
} from './lifecycle-harness';

jest.setTimeout(60_000);

const RECEIVED_ON = '2035-11-05';
const START_AT = '2035-11-05T10:00:00Z';
let harness: LifecycleHarness;
afterEach(async () => harness?.teardown());

async function acknowledged(profile: ProfileId, org: string) {
  const input = lifecycleInput({
    reference: `${org}-2035-000200`,
    receivedOn: RECEIVED_ON,
    profile: { id: profile, version: 1 },
  });
  const handle = await startLifecycle(harness, input);
  await handle.executeUpdate(acknowledgeUpdate, { args: [{ method: 'written', by: 'handler-1' }] });
  // The letter goes out, then the complaint moves on to early resolution or a closer look.
  await waitForState(handle, (state) => state.stage !== 'acknowledged');
  return handle;
}

const staffLetters = (h: LifecycleHarness) =>
  h.letters.filter((l) => l.audience !== 'complainant').map((l) => [l.template, l.audience, l.facts?.due]);

it('PHSO model: resolved early with the person satisfied — the summary goes out and the complaint closes (R-ER-1)', async () => {
  harness = await createLifecycleHarness(START_AT);
  await harness.run(async () => {
    const handle = await acknowledged('phso-model', 'NCT');
    const state = await handle.query(processStateQuery);
    expect(state.stage).toBe('early-resolution');
    expect(state.earlyResolution?.due).toBe('2035-11-19');
    expect(state.nextDeadline).toBe('2035-11-19');
    await harness.env.sleep('2 days');
    const early = await handle.executeUpdate(resolveEarlyUpdate, { args: [{ by: 'handler-1' }] });
    expect(early.outcome).toBe('resolved');
    const final = await handle.result();
    expect(final.closed?.reason).toBe('resolved-early');
    expect(final.nextDeadline).toBeNull();
    await recordHistory(handle, 'phso-model-resolved-early');
  });
  expect(eventTypes(harness)).toEqual([
    'acknowledgement-clock-started',
    'acknowledged',
    'correspondence-sent',
    'early-resolution-started',
    'resolved-early',
    'closed',
  ]);
  expect(harness.letters.map((l) => l.template)).toEqual(['acknowledgement', 'early-resolution-summary']);
  // ADR 0023: closed having been dealt with, the people involved are invited to the experience survey, once.
  expect(harness.surveys).toEqual([{ reference: 'NCT-2035-000200', step: 'experience-survey' }]);
});

it('HPFT: the aim is extended by agreement, missed, escalated, then a closer look with 35 working days (R-ER-1, R-ER-2, R-INV-4)', async () => {
  harness = await createLifecycleHarness(START_AT);
  await harness.run(async () => {
    const handle = await acknowledged('hpft', 'HPFT');
    await harness.env.sleep('12 days'); // Sat 17 Nov: the reminder went on Fri 16 Nov
    expect((await handle.query(processStateQuery)).earlyResolution?.reminderSentAt?.slice(0, 16)).toBe(
      '2035-11-16T09:00',
    );

    expect(
      await refusal(
        handle.executeUpdate(extendEarlyResolutionUpdate, { args: [{ by: 'h', newTarget: '2035-11-10' }] }),
      ),
    ).toEqual({
      rule: 'R-ER-1',
      message: 'the new target 2035-11-10 is in the past (today is 2035-11-17)',
    });
    const extended = await handle.executeUpdate(extendEarlyResolutionUpdate, {
      args: [{ by: 'h', newTarget: '2035-11-23' }],
    });
    expect(extended).toEqual(
      expect.objectContaining({
        due: '2035-11-23',
        extensions: [{ agreedOn: '2035-11-17', from: '2035-11-19', to: '2035-11-23', by: 'h' }],
      }),
    );
    expect(
      (await handle.describe()).typedSearchAttributes.get(SEARCH_ATTRIBUTES.nextDeadline)?.toISOString(),
    ).toBe('2035-11-24T00:00:00.000Z');

    await harness.env.sleep('8 days'); // Sun 25 Nov: reminded Thu 22, missed at the end of Fri 23
    const missed = await handle.query(processStateQuery);
    expect(missed.breached).toBe(true);
    expect(missed.earlyResolution?.breachedAt?.slice(0, 16)).toBe('2035-11-24T00:00');

    const closer = await handle.executeUpdate(startCloserLookUpdate, { args: [{ by: 'h' }] });
    expect(closer).toEqual({ basis: 'profile-working-days', due: '2035-12-24' });
    expect(await refusal(handle.executeUpdate(resolveEarlyUpdate, { args: [{ by: 'h' }] }))).toEqual({
      rule: 'R-ER-1',
      message: 'only a complaint in early resolution can be resolved early (stage: closer-look)',
    });
    await harness.env.sleep('1 hour');
    expect((await handle.describe()).typedSearchAttributes.get(SEARCH_ATTRIBUTES.stage)).toBe('closer-look');
    await recordHistory(handle, 'hpft-early-resolution-extended-missed-then-closer-look');
  });
  expect(eventTypes(harness).slice(3)).toEqual([
    'early-resolution-started',
    'early-resolution-reminder-sent',
    'early-resolution-extended',
    'early-resolution-reminder-sent',
    'early-resolution-deadline-breached',
    'early-resolution-breach-escalated',
    'early-resolution-ended',
    'closer-look-started',
  ]);
  expect(staffLetters(harness)).toEqual([
    ['deadline-reminder', 'handler', '2035-11-19'],
    ['deadline-reminder', 'handler', '2035-11-23'],
    ['deadline-breach', 'complaints-manager', '2035-11-23'],
  ]);
  // Each reminder is its own piece of correspondence: an extension re-arms the clock.
  expect(new Set(harness.letters.map((l) => l.step)).size).toBe(harness.letters.length);
});

it.each([
  ['itrust', 'ITRUST', 'profile-working-days', '2035-12-03', '2035-11-30T09:00', '2035-12-04T00:00'],
  ['cwth', 'CWTH', 'profile-calendar-months', '2035-12-05', '2035-12-04T09:00', '2035-12-06T00:00'],
])(
  '%s: straight to a closer look due %s… reminder and breach escalation (R-INV-4)',
  async (profile, org, basis, due, reminderAt, breachAt) => {
    harness = await createLifecycleHarness(START_AT);
    await harness.run(async () => {
      const handle = await acknowledged(profile as ProfileId, org);
      expect((await handle.query(processStateQuery)).closerLook).toEqual({ basis, due });
      await harness.env.sleep('35 days');
      const state = await handle.query(processStateQuery);
      expect(state.closerLook?.reminderSentAt?.slice(0, 16)).toBe(reminderAt);
      expect(state.closerLook?.breachedAt?.slice(0, 16)).toBe(breachAt);
      expect(state.breached).toBe(true);
      await recordHistory(handle, `${profile}-closer-look-missed`);
    });
    expect(eventTypes(harness).slice(3)).toEqual([
      'closer-look-started',
      'final-response-reminder-sent',
      'final-response-deadline-breached',
      'final-response-breach-escalated',
    ]);
    expect(staffLetters(harness)).toEqual([
      ['deadline-reminder', 'handler', due],
      ['deadline-breach', 'complaints-manager', due],
    ]);
    expect(harness.letters[1].facts).toEqual({ deadline: 'final response', due, rule: 'R-INV-4' });
  },
);

it('PHSO model: the final-response timescale is agreed per case; no clock runs until it is (R-INV-4)', async () => {
  harness = await createLifecycleHarness(START_AT);
  await harness.run(async () => {
    const handle = await acknowledged('phso-model', 'NCT');
    const closer = await handle.executeUpdate(startCloserLookUpdate, { args: [{ by: 'h' }] });
    expect(closer).toEqual({ basis: 'to-be-agreed', due: null });
    await harness.env.sleep('60 days');
    expect((await handle.query(processStateQuery)).breached).toBe(false);
    expect(
      (await refusal(handle.executeUpdate(agreeTimescaleUpdate, { args: [{ by: 'h', due: '2035-12-01' }] })))
        .rule,
    ).toBe('R-INV-4');
    const agreed = await handle.executeUpdate(agreeTimescaleUpdate, {
      args: [{ by: 'h', due: '2036-01-15' }],
    });
    expect(agreed).toEqual({
      basis: 'agreed-with-complainant',
      due: '2036-01-15',
      agreed: { date: '2036-01-15', on: '2036-01-04' },
    });
    await harness.env.sleep('10 days'); // Mon 14 Jan 2036, 10:00: reminded at 09:00
    expect((await handle.query(processStateQuery)).closerLook?.reminderSentAt?.slice(0, 16)).toBe(
      '2036-01-14T09:00',
    );
    await recordHistory(handle, 'phso-model-closer-look-timescale-agreed');
  });
  expect(eventTypes(harness).slice(3)).toEqual([
    'early-resolution-started',
    'early-resolution-ended',
    'closer-look-started',
    'timescale-agreed',
    'final-response-reminder-sent',
  ]);
});

it.each([
  ['itrust', 'ITRUST', '2035-12-03', '2035-12-04'],
  ['cwth', 'CWTH', '2035-12-05', '2035-12-06'],
])(
  '%s: POST …/timescale cannot replace the profile timescale (due %s) with a later date; a sooner one is agreed (R-INV-4, R-INV-5)',
  async (profile, org, due, later) => {
    harness = await createLifecycleHarness(START_AT);
    await harness.run(async () => {
      const handle = await acknowledged(profile as ProfileId, org);
      const agree = (date: string) =>
        handle.executeUpdate(agreeTimescaleUpdate, { args: [{ by: 'h', due: date }] });
      const refused = await refusal(agree(later));
      expect(refused.rule).toBe('R-INV-5');
      expect(refused.message).toContain(`timescale ends on ${due}; a later date is an extension`);
      expect((await handle.query(processStateQuery)).closerLook?.due).toBe(due);
      const sooner = await agree('2035-11-30');
      expect(sooner).toEqual(
        expect.objectContaining({ basis: 'agreed-with-complainant', due: '2035-11-30' }),
      );
      // Once agreed, the date moves only by extension.
      expect((await refusal(agree('2035-11-29'))).rule).toBe('R-INV-5');
    });
  },
);

it('HPFT: a pause stops the final-response clock — no breach while paused — and resuming moves the deadline by the paused working days (R-INV-6)', async () => {
  harness = await createLifecycleHarness(START_AT);
  await harness.run(async () => {
    const handle = await acknowledged('hpft', 'HPFT');
    await handle.executeUpdate(startCloserLookUpdate, { args: [{ by: 'h' }] });
    expect((await refusal(handle.executeUpdate(resumeClockUpdate, { args: [{ by: 'h' }] }))).message).toBe(
      'the clock is not paused',
    );

    await harness.env.sleep('21 days'); // Mon 26 Nov, 14 of the 35 working days used
    const paused = await handle.executeUpdate(pauseClockUpdate, {
      args: [{ by: 'h', reason: 'person-request' }],
    });
    expect(paused.due).toBeNull();
    expect(
      (await refusal(handle.executeUpdate(pauseClockUpdate, { args: [{ by: 'h', reason: 'police' }] })))
        .message,
    ).toBe('the clock is already paused since 2035-11-26');
    expect(
      (await handle.describe()).typedSearchAttributes.get(SEARCH_ATTRIBUTES.nextDeadline),
    ).toBeUndefined();

    await harness.env.sleep('40 days'); // Sat 5 Jan 2036: well past the unpaused deadline of Mon 24 Dec
    const during = await handle.query(processStateQuery);
    expect(during.breached).toBe(false);
    expect(during.closerLook?.reminderSentAt).toBeUndefined();

    // Paused 26 Nov – 4 Jan; the remaining 21 working days run from Mon 7 Jan to Mon 4 Feb 2036.
    const resumed = await handle.executeUpdate(resumeClockUpdate, { args: [{ by: 'h' }] });
    expect(resumed.due).toBe('2036-02-04');
    const state = await handle.query(processStateQuery);
    expect(state.pauses).toEqual([
      { start: '2035-11-26', end: '2036-01-04', reason: 'person-request', by: 'h' },
    ]);
    expect(state.nextDeadline).toBe('2036-02-04');
    await harness.env.sleep('30 days');
    // Reminded on Fri 1 Feb, the working day before Mon 4 Feb.
    expect((await handle.query(processStateQuery)).closerLook?.reminderSentAt?.slice(0, 16)).toBe(
      '2036-02-01T09:00',
    );
    await recordHistory(handle, 'hpft-closer-look-paused-and-resumed');
  });
  expect(eventTypes(harness).slice(-4)).toEqual([
    'closer-look-started',
    'clock-paused',
    'clock-resumed',
    'final-response-reminder-sent',
  ]);
});
