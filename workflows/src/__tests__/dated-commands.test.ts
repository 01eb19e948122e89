// Issue #12 point 10 on the time-skipping server: a pause, a resumption and a reopening take the day they
// happened (not after today, not before what they follow) and a reason (R-INV-6, R-INT-5, R-REOPEN-1).
// HPFT; received Monday 5 November 2035, the closer look from that day: 35 working days → Mon 24 Dec 2035.
import { createWorkingDayCalendar, workingDaysAfterReceipt } from '@complaints/domain';
import {
  pauseClockUpdate,
  processStateQuery,
  recordConsentUpdate,
  reopenUpdate,
  resumeClockUpdate,
  seekConsentUpdate,
} from '../messages';
import {
  createLifecycleHarness,
  lifecycleInput,
  recordHistory,
  refusal,
  respond,
  responseSummary,
  startInCloserLook,
  type LifecycleHarness,
} from './lifecycle-harness';

jest.setTimeout(120_000);

let harness: LifecycleHarness;
afterEach(async () => harness?.teardown());

const RECEIVED_ON = '2035-11-05';
const hpft = (serial: string) =>
  lifecycleInput({
    reference: `HPFT-2035-${serial}`,
    receivedOn: RECEIVED_ON,
    profile: { id: 'hpft', version: 1 },
  });

it('R-INV-6 HPFT: a pause dated a week back, resumed today with its reason, moves the deadline by the working days paused; days after today, before the round or before the pause are refused', async () => {
  harness = await createLifecycleHarness('2035-11-05T10:00:00Z');
  await harness.run(async () => {
    const handle = await startInCloserLook(harness, hpft('000700'));
    await harness.env.sleep('21 days'); // Mon 26 Nov
    const pause = (on: string) =>
      handle.executeUpdate(pauseClockUpdate, { args: [{ by: 'h', reason: 'police', on }] });
    expect(await refusal(pause('2035-11-27'))).toEqual({
      rule: 'R-INV-6',
      message: 'on (2035-11-27) is after today (2035-11-26): name the day it happened',
    });
    expect(await refusal(pause('2035-11-04'))).toEqual({
      rule: 'R-INV-6',
      message: 'on (2035-11-04) is before this round of the closer look began (2035-11-05)',
    });
    expect(await refusal(pause('2035-11-31'))).toEqual({
      rule: 'R-INV-6',
      message: 'on must be an ISO date (YYYY-MM-DD)',
    });
    expect((await pause('2035-11-19')).due).toBeNull(); // Mon 19 Nov, when the police asked

    const resume = (command: object) =>
      handle.executeUpdate(resumeClockUpdate, { args: [{ by: 'h', ...command }] });
    expect(await refusal(resume({ reason: 'formal-process-ended', on: '2035-11-18' }))).toEqual({
      rule: 'R-INV-6',
      message: 'on (2035-11-18) is before the pause began (2035-11-19)',
    });
    expect((await refusal(resume({ reason: 'consent-recorded' }))).message).toBe(
      'reason must be one of information-received, hold-ended, formal-process-ended, continuing-without-consent',
    );
    // Paused Mon 19 – Sun 25 Nov: five working days, so Mon 24 Dec moves past Christmas, Boxing Day and New
    // Year's Day to Thu 3 Jan 2036.
    const resumed = await resume({ reason: 'formal-process-ended' });
    expect(resumed.due).toBe('2036-01-03');
    const state = await handle.query(processStateQuery);
    expect(state.pauses).toEqual([
      {
        start: '2035-11-19',
        end: '2035-11-25',
        reason: 'police',
        by: 'h',
        resumeReason: 'formal-process-ended',
      },
    ]);
    // A second pause cannot reach back into the first.
    expect(await refusal(pause('2035-11-25'))).toEqual({
      rule: 'R-INV-6',
      message: 'on (2035-11-25) is before the day after the last pause ended (2035-11-26)',
    });
    await recordHistory(handle, 'hpft-clock-paused-dated-and-resumed-with-reason');
  });
  const events = harness.events.filter((e) => e.type === 'clock-paused' || e.type === 'clock-resumed');
  expect(events.map((e) => [e.type, e.data])).toEqual([
    ['clock-paused', { reason: 'police', on: '2035-11-19' }],
    [
      'clock-resumed',
      { due: '2036-01-03', pausedFrom: '2035-11-19', on: '2035-11-26', reason: 'formal-process-ended' },
    ],
  ]);
});

it('R-INT-5 HPFT: while consent is sought the clock resumes by hand only to go on without the person’s information, and that reason is kept', async () => {
  harness = await createLifecycleHarness('2035-11-05T10:00:00Z');
  await harness.run(async () => {
    const handle = await startInCloserLook(harness, hpft('000701'));
    await handle.executeUpdate(seekConsentUpdate, { args: [{ by: 'h' }] });
    await harness.env.sleep('7 days'); // Mon 12 Nov
    expect(
      (
        await refusal(
          handle.executeUpdate(resumeClockUpdate, { args: [{ by: 'h', reason: 'information-received' }] }),
        )
      ).rule,
    ).toBe('R-INT-5');
    const resumed = await handle.executeUpdate(resumeClockUpdate, {
      args: [{ by: 'h', reason: 'continuing-without-consent' }],
    });
    // Paused Mon 5 – Sun 11 Nov: four of the counted working days (the day of receipt is not one), so
    // Mon 24 Dec moves to Wed 2 Jan 2036.
    expect(resumed.due).toBe('2036-01-02');
    // Consent recorded later resumes nothing (the clock already runs) and is kept.
    const triage = await handle.executeUpdate(recordConsentUpdate, { args: [{ by: 'h', outcome: 'given' }] });
    expect(triage.consent?.status).toBe('given');
    const state = await handle.query(processStateQuery);
    expect(state.pauses?.map((p) => [p.start, p.end, p.resumeReason])).toEqual([
      ['2035-11-05', '2035-11-11', 'continuing-without-consent'],
    ]);
    expect(state.closerLook?.due).toBe('2036-01-02');
  });
});

it('R-REOPEN-1 HPFT: reopened on the day the person said they were not satisfied, with why; its 60 working days run from that day, not from when it was keyed in', async () => {
  harness = await createLifecycleHarness('2036-03-03T10:00:00Z');
  await harness.run(async () => {
    const handle = await startInCloserLook(
      harness,
      lifecycleInput({
        reference: 'HPFT-2036-000702',
        receivedOn: '2036-03-03',
        profile: { id: 'hpft', version: 1 },
      }),
    );
    await respond(harness, handle, responseSummary('hpft', { actions: [] })); // sent Mon 3 Mar
    await harness.env.sleep('14 days'); // Mon 17 Mar
    const reopen = (command: object) =>
      handle.executeUpdate(reopenUpdate, { args: [{ by: 'h', ...command }] });
    expect(await refusal(reopen({ reason: 'new-information', on: '2036-03-02' }))).toEqual({
      rule: 'R-REOPEN-1',
      message: 'on (2036-03-02) is before the final response was sent (2036-03-03)',
    });
    expect((await refusal(reopen({ reason: 'unhappy', on: '2036-03-10' }))).message).toBe(
      'reason must be one of issues-not-answered, disagrees-with-findings, new-information, remedy-not-agreed, other',
    );
    const reopened = await reopen({ reason: 'new-information', on: '2036-03-10' });
    const calendar = createWorkingDayCalendar({ nation: 'england-and-wales', closureDays: [] });
    expect(reopened.due).toBe(workingDaysAfterReceipt('2036-03-10', 60, calendar));
    expect((await handle.query(processStateQuery)).round).toEqual({
      number: 2,
      kind: 'reopened',
      startedOn: '2036-03-10',
    });
    await recordHistory(handle, 'hpft-reopened-dated-with-reason');
  });
  const reopenedEvent = harness.events.find((e) => e.type === 'reopened');
  expect(reopenedEvent?.data).toEqual(
    expect.objectContaining({ on: '2036-03-10', reason: 'new-information', round: 2 }),
  );
});
