// R-ACK-1 on the time-skipping server, for each policy profile: acknowledged in time, acknowledged late
// (reminder, breach, escalation), and a complaint received on 24 December.
// The server clock is set to fixed instants in 2035 so that every expected date is a literal.
import { WorkflowNotFoundError } from '@temporalio/client';
import type { ProfileId } from '@complaints/domain';
import { SEARCH_ATTRIBUTES } from '@complaints/temporal';
import { acknowledgeUpdate, processStateQuery, withdrawUpdate } from '../messages';
import {
  createLifecycleHarness,
  eventTypes,
  lifecycleInput,
  recordHistory,
  refusal,
  type LifecycleHarness,
  startLifecycle,
} from './lifecycle-harness';

jest.setTimeout(60_000);

// Received Monday 5 November 2035, 10:00 (GMT). Working days after: Tue 6, Wed 7, Thu 8, Fri 9, Mon 12.
const ORDINARY_WEEK = {
  receivedOn: '2035-11-05',
  startAt: '2035-11-05T10:00:00Z',
  cases: [
    {
      profile: 'phso-model',
      next: 'early-resolution',
      org: 'NCT',
      due: '2035-11-08',
      reminderAt: '2035-11-07T09:00:00.000Z',
      breachAt: '2035-11-09T00:00:00.000Z',
    },
    {
      profile: 'hpft',
      next: 'early-resolution',
      org: 'HPFT',
      due: '2035-11-08',
      reminderAt: '2035-11-07T09:00:00.000Z',
      breachAt: '2035-11-09T00:00:00.000Z',
    },
    {
      profile: 'itrust',
      next: 'closer-look',
      org: 'ITRUST',
      due: '2035-11-07',
      reminderAt: '2035-11-06T09:00:00.000Z',
      breachAt: '2035-11-08T00:00:00.000Z',
    },
    // 5 WD ends Monday 12th; the working day before is Friday 9th.
    {
      profile: 'cwth',
      next: 'closer-look',
      org: 'CWTH',
      due: '2035-11-12',
      reminderAt: '2035-11-09T09:00:00.000Z',
      breachAt: '2035-11-13T00:00:00.000Z',
    },
  ] as const,
};

let harness: LifecycleHarness;

const isAcknowledgementEvent = (type: string) =>
  type.startsWith('acknowledg') || type === 'correspondence-sent';

/** A timer fires at its instant; the workflow task that records it runs a few milliseconds later. */
function expectInstant(actual: string | undefined, expected: string) {
  const lag = Date.parse(actual ?? '') - Date.parse(expected);
  expect({ actual, lagUnderOneSecond: lag >= 0 && lag < 1000 }).toEqual({ actual, lagUnderOneSecond: true });
}
afterEach(async () => harness?.teardown());

describe.each(ORDINARY_WEEK.cases)(
  'R-ACK-1 acknowledgement clock, $profile profile',
  ({ profile, org, next, due, reminderAt, breachAt }) => {
    const input = () =>
      lifecycleInput({
        reference: `${org}-2035-000001`,
        receivedOn: ORDINARY_WEEK.receivedOn,
        profile: { id: profile as ProfileId, version: 1 },
      });

    it(`acknowledged in writing on the day of receipt: on time, no reminder, no breach, the letter goes out (due ${due})`, async () => {
      harness = await createLifecycleHarness(ORDINARY_WEEK.startAt);
      await harness.run(async () => {
        const handle = await startLifecycle(harness, input());
        expect((await handle.query(processStateQuery)).acknowledgement?.due).toBe(due);
        await harness.env.sleep('2 hours');
        const result = await handle.executeUpdate(acknowledgeUpdate, {
          args: [{ method: 'written', by: 'handler-1' }],
        });
        expect(result).toEqual({ acknowledgedOn: '2035-11-05', due, onTime: true, method: 'written' });
        await harness.env.sleep('10 days');
        const state = await handle.query(processStateQuery);
        // Acknowledged, the complaint moves on: early resolution where the profile aims for it, else a closer look.
        expect(state.stage).toBe(next);
        expect(state.breached).toBe(false);
        const description = await handle.describe();
        expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.breached)).toBe(false);
        expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.stage)).toBe(next);
        await recordHistory(handle, `${profile}-acknowledged-on-time`);
      });
      expect(eventTypes(harness)).toEqual([
        'acknowledgement-clock-started',
        'acknowledged',
        'correspondence-sent',
        `${next}-started`,
      ]);
      expect(harness.letters).toEqual([
        expect.objectContaining({
          template: 'acknowledgement',
          audience: 'complainant',
          step: 'acknowledgement-letter',
        }),
      ]);
    });

    it(`not acknowledged: reminder at ${reminderAt}, breach at ${breachAt} escalated, late acknowledgement recorded as late`, async () => {
      harness = await createLifecycleHarness(ORDINARY_WEEK.startAt);
      await harness.run(async () => {
        const handle = await startLifecycle(harness, input());
        await harness.env.sleep('14 days');
        const state = await handle.query(processStateQuery);
        expect(state.breached).toBe(true);
        expect(state.acknowledgement?.due).toBe(due);
        expectInstant(state.acknowledgement?.reminderSentAt, reminderAt);
        expectInstant(state.acknowledgement?.breachedAt, breachAt);
        expect((await handle.describe()).typedSearchAttributes.get(SEARCH_ATTRIBUTES.breached)).toBe(true);
        const result = await handle.executeUpdate(acknowledgeUpdate, {
          args: [{ method: 'written', by: 'handler-1' }],
        });
        expect(result.onTime).toBe(false);
        await harness.env.sleep('1 hour');
        await recordHistory(handle, `${profile}-acknowledged-late-after-breach`);
      });
      expect(eventTypes(harness).filter(isAcknowledgementEvent)).toEqual([
        'acknowledgement-clock-started',
        'acknowledgement-reminder-sent',
        'acknowledgement-deadline-breached',
        'acknowledgement-breach-escalated',
        'acknowledged',
        'correspondence-sent',
      ]);
      const reminder = harness.events.find((event) => event.type === 'acknowledgement-reminder-sent')!;
      expectInstant(reminder.occurredAt, reminderAt);
      const breach = harness.events.find((event) => event.type === 'acknowledgement-deadline-breached')!;
      expectInstant(breach.occurredAt, breachAt);
      expect(breach.rule).toBe('R-ACK-1');
      const acknowledgementLetters = harness.letters.filter((letter) =>
        letter.step.startsWith('acknowledgement'),
      );
      expect(acknowledgementLetters.map((letter) => [letter.template, letter.audience])).toEqual([
        ['deadline-reminder', 'handler'],
        ['deadline-breach', 'complaints-manager'],
        ['acknowledgement', 'complainant'],
      ]);
      expect(acknowledgementLetters[0].facts).toEqual({ deadline: 'acknowledgement', due, rule: 'R-ACK-1' });
    });
  },
);

// A workflow can start after the acknowledgement day has ended: a receipt recorded late, or a start left
// to the outbox relay across a long outage. There is no day left to be reminded of.
describe('R-ACK-1 when the due day has already ended at the start', () => {
  it('sends no reminder for a day already gone, and records and escalates the breach at once', async () => {
    harness = await createLifecycleHarness('2035-11-20T10:00:00Z');
    await harness.run(async () => {
      const handle = await startLifecycle(
        harness,
        lifecycleInput({
          reference: 'HPFT-2035-000020',
          receivedOn: '2035-11-05',
          profile: { id: 'hpft', version: 1 },
        }),
      );
      await harness.env.sleep('1 hour');
      const state = await handle.query(processStateQuery);
      expect(state.acknowledgement?.due).toBe('2035-11-08');
      expect(state.breached).toBe(true);
      expect(state.acknowledgement?.reminderSentAt).toBeUndefined();
      // At once: with the workflow's first task, before any timer could have been skipped to.
      const breachedAt = Date.parse(state.acknowledgement?.breachedAt ?? '');
      expect(
        breachedAt >= Date.parse('2035-11-20T10:00:00Z') && breachedAt < Date.parse('2035-11-20T10:01:00Z'),
      ).toBe(true);
    });
    expect(eventTypes(harness).filter(isAcknowledgementEvent)).toEqual([
      'acknowledgement-clock-started',
      'acknowledgement-deadline-breached',
      'acknowledgement-breach-escalated',
    ]);
    expect(harness.letters.map((letter) => [letter.template, letter.audience])).toEqual([
      ['deadline-breach', 'complaints-manager'],
    ]);
  });
});

// Received Monday 24 December 2035: 25 and 26 December are bank holidays (Tue, Wed), 1 January 2036 too.
// Working days after receipt: Thu 27 (1), Fri 28 (2), Mon 31 (3), Wed 2 Jan (4), Thu 3 Jan (5).
describe('R-ACK-1 across Christmas: received 24 December', () => {
  it.each([
    ['phso-model', 'NCT', '2035-12-31'],
    ['hpft', 'HPFT', '2035-12-31'],
    ['itrust', 'ITRUST', '2035-12-28'],
    ['cwth', 'CWTH', '2036-01-03'],
  ])('%s (%s): acknowledgement due %s', async (profile, org, due) => {
    harness = await createLifecycleHarness('2035-12-24T15:00:00Z');
    await harness.run(async () => {
      const handle = await startLifecycle(
        harness,
        lifecycleInput({
          reference: `${org}-2035-000024`,
          receivedOn: '2035-12-24',
          profile: { id: profile as ProfileId, version: 1 },
        }),
      );
      const state = await handle.query(processStateQuery);
      expect(state.acknowledgement?.due).toBe(due);
      expect(state.nextDeadline).toBe(due);
      const nextDeadline = (await handle.describe()).typedSearchAttributes.get(
        SEARCH_ATTRIBUTES.nextDeadline,
      );
      // The end of the due day in London: midnight GMT after it.
      const dayAfter = new Date(Date.parse(`${due}T00:00:00Z`) + 86_400_000);
      expect(nextDeadline?.toISOString()).toBe(dayAfter.toISOString());
    });
  });
});

describe('acknowledgement commands are validated before they enter history', () => {
  it('refuses a second acknowledgement and a verbal one where the profile requires writing; withdrawal ends the workflow', async () => {
    harness = await createLifecycleHarness(ORDINARY_WEEK.startAt);
    await harness.run(async () => {
      const hpft = await startLifecycle(
        harness,
        lifecycleInput({
          reference: 'HPFT-2035-000101',
          receivedOn: ORDINARY_WEEK.receivedOn,
          profile: { id: 'hpft', version: 1 },
        }),
      );
      expect(
        await refusal(hpft.executeUpdate(acknowledgeUpdate, { args: [{ method: 'verbal', by: 'h' }] })),
      ).toEqual({
        message: expect.stringContaining('in writing'),
        rule: 'R-ACK-1',
      });
      await hpft.executeUpdate(acknowledgeUpdate, { args: [{ method: 'written', by: 'h' }] });
      expect(
        await refusal(hpft.executeUpdate(acknowledgeUpdate, { args: [{ method: 'written', by: 'h' }] })),
      ).toEqual({
        message: 'the complaint was already acknowledged on 2035-11-05',
        rule: 'R-ACK-1',
      });

      const phso = await startLifecycle(
        harness,
        lifecycleInput({
          reference: 'NCT-2035-000102',
          receivedOn: ORDINARY_WEEK.receivedOn,
          profile: { id: 'phso-model', version: 1 },
        }),
      );
      await phso.executeUpdate(withdrawUpdate, { args: [{ by: 'h' }] });
      expect((await phso.result()).stage).toBe('withdrawn');
      await recordHistory(phso, 'phso-model-withdrawn');
      // Withdrawal ends the workflow: no command reaches it any more.
      await expect(
        phso.executeUpdate(acknowledgeUpdate, { args: [{ method: 'verbal', by: 'h' }] }),
      ).rejects.toBeInstanceOf(WorkflowNotFoundError);
    });
    // A refused command leaves no trace: one acknowledgement for HPFT, none for the withdrawn complaint.
    expect(eventTypes(harness).filter((type) => type === 'acknowledged')).toHaveLength(1);
    // ADR 0023: a withdrawn complaint is not surveyed.
    expect(harness.surveys).toEqual([]);
  });

  it('PHSO model accepts a verbal acknowledgement and sends no letter (R-ACK-1: verbally or in writing)', async () => {
    harness = await createLifecycleHarness(ORDINARY_WEEK.startAt);
    await harness.run(async () => {
      const handle = await startLifecycle(
        harness,
        lifecycleInput({
          reference: 'NCT-2035-000103',
          receivedOn: ORDINARY_WEEK.receivedOn,
          profile: { id: 'phso-model', version: 1 },
        }),
      );
      const result = await handle.executeUpdate(acknowledgeUpdate, { args: [{ method: 'verbal', by: 'h' }] });
      expect(result.onTime).toBe(true);
      await harness.env.sleep('5 days');
    });
    expect(harness.letters).toEqual([]);
  });

  it('feedback (R-INT-3) is recorded and ends; anonymous complaints (R-INT-4) get no acknowledgement clock', async () => {
    harness = await createLifecycleHarness(ORDINARY_WEEK.startAt);
    await harness.run(async () => {
      const feedback = await startLifecycle(
        harness,
        lifecycleInput({
          reference: 'NCT-2035-000104',
          receivedOn: ORDINARY_WEEK.receivedOn,
          profile: { id: 'phso-model', version: 1 },
          kind: 'feedback',
        }),
      );
      expect((await feedback.result()).stage).toBe('feedback-recorded');
      await recordHistory(feedback, 'feedback-recorded');
      const anonymous = await startLifecycle(
        harness,
        lifecycleInput({
          reference: 'NCT-2035-000105',
          receivedOn: ORDINARY_WEEK.receivedOn,
          profile: { id: 'phso-model', version: 1 },
          anonymous: true,
        }),
      );
      expect(
        (await refusal(anonymous.executeUpdate(acknowledgeUpdate, { args: [{ method: 'verbal', by: 'h' }] })))
          .rule,
      ).toBe('R-INT-4');
      await harness.env.sleep('30 days');
      expect((await anonymous.query(processStateQuery)).breached).toBe(false);
      await recordHistory(anonymous, 'anonymous-reviewing-for-learning');
    });
    expect(eventTypes(harness)).toEqual(['feedback-recorded', 'anonymous-complaint-recorded']);
    expect(harness.letters).toEqual([]);
  });
});
