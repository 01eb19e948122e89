// R-INV-2 with R-INV-4 on the time-skipping server: the plan agreed with the person at the start of the closer
// look, sent to them with the date of the final response. Received Monday 5 November 2035 (HPFT: 35 WD → 24 Dec).
import type { InvestigationPlanSummary, ProfileId } from '@complaints/domain';
import { acknowledgeUpdate, agreePlanUpdate, processStateQuery, startCloserLookUpdate } from '../messages';
import {
  createLifecycleHarness,
  lifecycleInput,
  recordHistory,
  refusal,
  waitForState,
  type LifecycleHarness,
  startLifecycle,
} from './lifecycle-harness';

jest.setTimeout(60_000);

let harness: LifecycleHarness;
afterEach(async () => harness?.teardown());

async function inCloserLook(profile: ProfileId, org: string) {
  const input = lifecycleInput({
    reference: `${org}-2035-000400`,
    receivedOn: '2035-11-05',
    profile: { id: profile, version: 1 },
  });
  const handle = await startLifecycle(harness, input);
  await handle.executeUpdate(acknowledgeUpdate, { args: [{ method: 'written', by: 'handler-1' }] });
  await waitForState(handle, (state) => state.stage === 'early-resolution');
  await handle.executeUpdate(startCloserLookUpdate, { args: [{ by: 'handler-1' }] });
  return handle;
}

const plan = (overrides: Partial<InvestigationPlanSummary> = {}): InvestigationPlanSummary => ({
  version: 1,
  keyIssueIds: ['issue-1', 'issue-2'],
  respondentId: 'handler-1',
  responseMethod: 'meeting-then-letter',
  advocacySignposted: true,
  agreedDue: null,
  ...overrides,
});
const agree = (summary: InvestigationPlanSummary) =>
  ({ args: [{ by: 'handler-1', plan: summary }] }) as never;

it('PHSO model: the plan needs an agreed date; once agreed it sets the final-response date, which a later plan cannot move, and is sent (R-INV-2, R-INV-4, R-INV-5)', async () => {
  harness = await createLifecycleHarness('2035-11-05T10:00:00Z');
  await harness.run(async () => {
    const handle = await inCloserLook('phso-model', 'NCT');
    await harness.env.sleep('3 days'); // Thu 8 Nov
    expect(await refusal(handle.executeUpdate(agreePlanUpdate, agree(plan())))).toEqual({
      rule: 'R-INV-4',
      message:
        'PHSO model NHS complaint handling procedure agrees the timescale per case: the plan needs an agreed date',
    });
    expect(
      (
        await refusal(
          handle.executeUpdate(agreePlanUpdate, agree(plan({ keyIssueIds: [], agreedDue: '2036-01-31' }))),
        )
      ).message,
    ).toBe('the plan names at least one key issue');
    const agreed = await handle.executeUpdate(agreePlanUpdate, agree(plan({ agreedDue: '2036-01-31' })));
    expect(agreed).toEqual(expect.objectContaining({ version: 1, agreedOn: '2035-11-08', by: 'handler-1' }));
    const state = await handle.query(processStateQuery);
    expect(state.closerLook).toEqual(
      expect.objectContaining({ basis: 'agreed-with-complainant', due: '2036-01-31' }),
    );
    expect(state.nextDeadline).toBe('2036-01-31');
    expect(
      (await refusal(handle.executeUpdate(agreePlanUpdate, agree(plan({ agreedDue: '2036-01-31' })))))
        .message,
    ).toBe('plan version 1 is already agreed; agree a newer version');
    // R-INV-5: a later plan cannot move the agreed date; that is an extension, agreed and told by letter.
    expect(
      await refusal(
        handle.executeUpdate(agreePlanUpdate, agree(plan({ version: 2, agreedDue: '2036-02-14' }))),
      ),
    ).toEqual({
      rule: 'R-INV-5',
      message:
        'the final-response date 2036-01-31 is already agreed; a later date is an extension agreed with the person (R-INV-5: POST …/final-response/extension)',
    });
    await handle.executeUpdate(agreePlanUpdate, agree(plan({ version: 2, agreedDue: '2036-01-31' })));
    await waitForState(
      handle,
      () => harness.letters.filter((l) => l.template === 'investigation-plan').length === 2,
    );
    await recordHistory(handle, 'phso-model-plan-agreed');
  });
  const planLetters = harness.letters.filter((l) => l.template === 'investigation-plan');
  expect(planLetters.map((l) => [l.step, l.audience, l.facts])).toEqual([
    ['investigation-plan-1-1', 'complainant', { planVersion: 1, due: '2036-01-31' }],
    ['investigation-plan-1-2', 'complainant', { planVersion: 2, due: '2036-01-31' }],
  ]);
  const recorded = harness.events.filter((e) => e.type === 'plan-agreed');
  expect(recorded[0].data).toEqual({
    version: 1,
    keyIssues: 2,
    responseMethod: 'meeting-then-letter',
    advocacySignposted: true,
    due: '2036-01-31',
    agreedDue: '2036-01-31',
  });
});

it("HPFT: a plan without a date keeps the profile's 35 working days; not before the closer look (R-INV-2)", async () => {
  harness = await createLifecycleHarness('2035-11-05T10:00:00Z');
  await harness.run(async () => {
    const input = lifecycleInput({
      reference: 'HPFT-2035-000401',
      receivedOn: '2035-11-05',
      profile: { id: 'hpft', version: 1 },
    });
    const early = await startLifecycle(harness, input);
    expect((await refusal(early.executeUpdate(agreePlanUpdate, agree(plan())))).rule).toBe('R-INV-2');
    await early.terminate();

    const handle = await inCloserLook('hpft', 'HPFT');
    await handle.executeUpdate(agreePlanUpdate, agree(plan()));
    expect((await handle.query(processStateQuery)).closerLook).toEqual({
      basis: 'profile-working-days',
      due: '2035-12-24',
    });
    await waitForState(handle, () => harness.letters.some((l) => l.template === 'investigation-plan'));
  });
  expect(harness.letters.find((l) => l.template === 'investigation-plan')?.facts).toEqual({
    planVersion: 1,
    due: '2035-12-24',
  });
});
