// R-QUICK-1 on the time-skipping server. PHSO model 8.8: a verbal complaint resolved by the end of the next
// working day ends there. HPFT 8.9–8.10: a PALS enquiry resolved within 10 working days ends there; otherwise it
// becomes a complaint, received that day, in a new run of the workflow (continue-as-new).
// Received Monday 5 November 2035: next working day Tue 6 Nov; 10 WD → Mon 19 Nov.
import type { ProfileId } from '@complaints/domain';
import { TASK_QUEUES } from '@complaints/temporal';
import { complaintLifecycle } from '../index';
import {
  acknowledgeUpdate,
  processStateQuery,
  resolveQuicklyUpdate,
  treatAsComplaintUpdate,
  type ComplaintLifecycleInput,
  type ResolveQuicklyCommand,
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

const START_AT = '2035-11-05T10:00:00Z';
let harness: LifecycleHarness;
afterEach(async () => harness?.teardown());

function start(profile: ProfileId, org: string, made: Partial<ComplaintLifecycleInput>) {
  const input = lifecycleInput({
    reference: `${org}-2035-000300`,
    receivedOn: '2035-11-05',
    profile: { id: profile, version: 1 },
    ...made,
  });
  return startLifecycle(harness, input);
}

const resolve = (confirmedSatisfied: boolean): { args: [ResolveQuicklyCommand] } => ({
  args: [{ by: 'handler-1', confirmedSatisfied }],
});

it('PHSO model: a phone complaint resolved the next working day, the person satisfied, ends there (R-QUICK-1)', async () => {
  harness = await createLifecycleHarness(START_AT);
  await harness.run(async () => {
    const handle = await start('phso-model', 'NCT', { channel: 'phone' });
    expect((await handle.query(processStateQuery)).quickRoute).toEqual({ due: '2035-11-06' });
    await harness.env.sleep('1 day'); // Tue 6 Nov, the last day of the quick route
    expect(await refusal(handle.executeUpdate(resolveQuicklyUpdate, resolve(false)))).toEqual({
      rule: 'R-QUICK-1',
      message: 'the person must confirm they are satisfied before a complaint ends here',
    });
    const quick = await handle.executeUpdate(resolveQuicklyUpdate, resolve(true));
    expect(quick).toEqual({ due: '2035-11-06', outcome: 'resolved', on: '2035-11-06', by: 'handler-1' });
    const final = await handle.result();
    expect(final.closed?.reason).toBe('resolved-quickly');
    expect(final.stage).toBe('closed');
    await recordHistory(handle, 'phso-model-quick-resolution');
  });
  expect(eventTypes(harness)).toEqual(['acknowledgement-clock-started', 'resolved-quickly']);
  // It ends there: no acknowledgement letter, no reminder.
  expect(harness.letters).toEqual([]);
});

it('PHSO model: the quick route is over after the next working day, and never open to a written complaint', async () => {
  harness = await createLifecycleHarness(START_AT);
  await harness.run(async () => {
    const spoken = await start('phso-model', 'NCT', { channel: 'in-person' });
    await harness.env.sleep('2 days'); // Wed 7 Nov
    expect(await refusal(spoken.executeUpdate(resolveQuicklyUpdate, resolve(true)))).toEqual({
      rule: 'R-QUICK-1',
      message: 'the quick route ended on 2035-11-06 (today is 2035-11-07)',
    });
    await spoken.terminate();

    const written = await harness.env.client.workflow.start(complaintLifecycle, {
      workflowId: 'NCT-2035-000301',
      taskQueue: TASK_QUEUES.complaints,
      args: [
        lifecycleInput({
          reference: 'NCT-2035-000301',
          receivedOn: '2035-11-07',
          profile: { id: 'phso-model', version: 1 },
          channel: 'email',
        }),
      ],
    });
    expect((await refusal(written.executeUpdate(resolveQuicklyUpdate, resolve(true)))).message).toBe(
      'PHSO model NHS complaint handling procedure has no quick route for this complaint (it was not made verbally)',
    );
    expect((await refusal(written.executeUpdate(treatAsComplaintUpdate, { args: [{ by: 'h' }] }))).rule).toBe(
      'R-QUICK-1',
    );
  });
});

it('HPFT: a PALS enquiry resolved within 10 working days ends there, and is never acknowledged as a complaint', async () => {
  harness = await createLifecycleHarness(START_AT);
  await harness.run(async () => {
    const handle = await start('hpft', 'HPFT', { kind: 'pals-enquiry', channel: 'pals' });
    const state = await waitForState(handle, (s) => s.stage === 'pals-enquiry');
    expect(state.quickRoute).toEqual({ due: '2035-11-19' });
    expect(state.acknowledgement).toBeUndefined();
    expect(state.nextDeadline).toBe('2035-11-19');
    expect(
      await refusal(handle.executeUpdate(acknowledgeUpdate, { args: [{ method: 'written', by: 'h' }] })),
    ).toEqual({
      rule: 'R-QUICK-1',
      message: 'a PALS enquiry is acknowledged once it becomes a complaint; treat it as one first',
    });
    await harness.env.sleep('14 days'); // Mon 19 Nov, 10:00: the tenth working day
    await handle.executeUpdate(resolveQuicklyUpdate, resolve(true));
    expect((await handle.result()).closed?.reason).toBe('resolved-quickly');
  });
  expect(eventTypes(harness)).toEqual(['pals-enquiry-started', 'correspondence-sent', 'resolved-quickly']);
  expect(harness.letters.map((l) => [l.template, l.audience, l.facts?.due])).toEqual([
    ['deadline-reminder', 'handler', '2035-11-19'],
  ]);
  expect(harness.events[2].data).toEqual({ due: '2035-11-19', palsEnquiry: true, confirmedSatisfied: true });
});

it('HPFT: a PALS enquiry not resolved in 10 working days becomes a complaint received the next day (HPFT 8.10)', async () => {
  harness = await createLifecycleHarness(START_AT);
  await harness.run(async () => {
    const handle = await start('hpft', 'HPFT', { kind: 'pals-enquiry', channel: 'pals' });
    await harness.env.sleep('15 days'); // Tue 20 Nov, 10:00
    const state = await waitForState(handle, (s) => s.stage === 'awaiting-acknowledgement');
    // A new run: the complaint received Tue 20 Nov, acknowledged within 3 working days (Fri 23 Nov).
    expect(state.acknowledgement).toEqual({ due: '2035-11-23' });
    expect(state.quickRoute).toBeUndefined();
    const description = await handle.describe();
    expect(description.runId).not.toBe(handle.firstExecutionRunId);
    expect(await refusal(handle.executeUpdate(resolveQuicklyUpdate, resolve(true)))).toEqual({
      rule: 'R-QUICK-1',
      message:
        "Hertfordshire Partnership University NHS Foundation Trust's quick route is for PALS enquiries; this was recorded as a complaint",
    });
    await handle.executeUpdate(acknowledgeUpdate, { args: [{ method: 'written', by: 'h' }] });
    await waitForState(handle, (s) => s.stage === 'early-resolution');
  });
  expect(eventTypes(harness).slice(0, 5)).toEqual([
    'pals-enquiry-started',
    'correspondence-sent',
    'pals-enquiry-became-complaint',
    'acknowledgement-clock-started',
    'acknowledged',
  ]);
  const became = harness.events[2];
  expect(became.actor).toEqual({ type: 'system', id: 'workflow' });
  expect(became.data).toEqual({
    enquiryReceivedOn: '2035-11-05',
    receivedOn: '2035-11-20',
    due: '2035-11-19',
  });
  expect(became.projection?.becameComplaintOn).toBe('2035-11-20');
  expect(harness.events[3].data).toEqual({ due: '2035-11-23', workingDays: 3 });
});

it('HPFT: staff treat a PALS enquiry as a complaint early; its acknowledgement runs from that day', async () => {
  harness = await createLifecycleHarness(START_AT);
  await harness.run(async () => {
    const handle = await start('hpft', 'HPFT', { kind: 'pals-enquiry', channel: 'phone' });
    await harness.env.sleep('2 days'); // Wed 7 Nov
    const quick = await handle.executeUpdate(treatAsComplaintUpdate, { args: [{ by: 'handler-1' }] });
    expect(quick).toEqual(expect.objectContaining({ outcome: 'becomes-complaint', on: '2035-11-07' }));
    const state = await waitForState(handle, (s) => s.stage === 'awaiting-acknowledgement');
    expect(state.acknowledgement?.due).toBe('2035-11-12'); // Thu 8, Fri 9, Mon 12
    await recordHistory(handle, 'hpft-pals-enquiry-becomes-complaint');
  });
  expect(harness.events.find((e) => e.type === 'pals-enquiry-became-complaint')?.actor).toEqual({
    type: 'staff',
    id: 'handler-1',
  });
});

it('CWTH: resolved by the person responsible within the 5 working days it takes to reach the co-leads; iTrust has no quick route', async () => {
  harness = await createLifecycleHarness(START_AT);
  await harness.run(async () => {
    const handle = await start('cwth', 'CWTH', { channel: 'email' });
    expect((await handle.query(processStateQuery)).quickRoute).toEqual({ due: '2035-11-12' });
    await harness.env.sleep('7 days'); // Mon 12 Nov, the fifth working day
    await handle.executeUpdate(resolveQuicklyUpdate, resolve(true));
    await waitForState(handle, (s) => s.stage === 'closed');

    const itrust = await harness.env.client.workflow.start(complaintLifecycle, {
      workflowId: 'ITRUST-2035-000302',
      taskQueue: TASK_QUEUES.complaints,
      args: [
        lifecycleInput({
          reference: 'ITRUST-2035-000302',
          receivedOn: '2035-11-12',
          profile: { id: 'itrust', version: 1 },
          channel: 'phone',
        }),
      ],
    });
    expect(await refusal(itrust.executeUpdate(resolveQuicklyUpdate, resolve(true)))).toEqual({
      rule: 'R-QUICK-1',
      message: 'iTrust Centres has no quick route',
    });
  });
  expect(harness.events.find((e) => e.type === 'resolved-quickly')?.data).toEqual({
    due: '2035-11-12',
    palsEnquiry: false,
    confirmedSatisfied: true,
  });
});
