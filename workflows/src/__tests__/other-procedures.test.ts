// Issue #12 point 8 on the time-skipping server: another procedure the complaint is also handled under is flagged
// and told to the person once; the complaint and its clock go on (only R-INV-6's formal requests pause it).
import { flagOtherProcedureUpdate, processStateQuery } from '../messages';
import {
  createLifecycleHarness,
  eventTypes,
  letterFacts,
  letterSent,
  lifecycleInput,
  recordHistory,
  refusal,
  startInCloserLook,
  type LifecycleHarness,
} from './lifecycle-harness';

jest.setTimeout(60_000);

let harness: LifecycleHarness;
afterEach(async () => harness?.teardown());

it('R-INV-6: a patient safety incident and a safeguarding concern are flagged and told, once each; the closer look and its deadline go on', async () => {
  harness = await createLifecycleHarness('2036-03-03T10:00:00Z');
  await harness.run(async () => {
    const handle = await startInCloserLook(
      harness,
      lifecycleInput({
        reference: 'HPFT-2036-000710',
        receivedOn: '2036-03-03',
        profile: { id: 'hpft', version: 1 },
      }),
    );
    const due = (await handle.query(processStateQuery)).closerLook?.due;
    await harness.env.sleep('1 day'); // Tue 4 Mar
    const flags = await handle.executeUpdate(flagOtherProcedureUpdate, {
      args: [{ by: 'handler-1', procedure: 'patient-safety' }],
    });
    expect(flags).toEqual([{ procedure: 'patient-safety', on: '2036-03-04', by: 'handler-1' }]);
    await handle.executeUpdate(flagOtherProcedureUpdate, {
      args: [{ by: 'handler-1', procedure: 'safeguarding' }],
    });
    expect(
      await refusal(
        handle.executeUpdate(flagOtherProcedureUpdate, {
          args: [{ by: 'handler-1', procedure: 'patient-safety' }],
        }),
      ),
    ).toEqual({ rule: 'R-INV-6', message: 'patient-safety was flagged on 2036-03-04' });
    expect(
      await refusal(
        handle.executeUpdate(flagOtherProcedureUpdate, {
          args: [{ by: 'handler-1', procedure: 'pals' as never }],
        }),
      ),
    ).toEqual({
      rule: 'R-INV-6',
      message: 'procedure must be one of patient-safety, safeguarding, coroner, regulator, legal',
    });
    await letterSent(harness, 'other-procedure-safeguarding');
    const state = await handle.query(processStateQuery);
    expect(state.stage).toBe('closer-look');
    expect(state.closerLook?.due).toBe(due);
    expect(state.pauses ?? []).toEqual([]);
    expect(state.otherProcedures?.map((flag) => flag.procedure)).toEqual(['patient-safety', 'safeguarding']);
    await recordHistory(handle, 'hpft-other-procedures-flagged');
  });
  expect(eventTypes(harness).filter((type) => type === 'other-procedure-flagged')).toHaveLength(2);
  expect(harness.letters.filter((letter) => letter.template === 'other-procedure').map(letterFacts)).toEqual(
    ['patient-safety', 'safeguarding'].map((procedure) => ({
      step: `other-procedure-${procedure}`,
      template: 'other-procedure',
      audience: 'complainant',
      facts: { procedure },
    })),
  );
});
