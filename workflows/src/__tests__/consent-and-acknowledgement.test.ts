// R-INT-5 and R-ACK-1 on the time-skipping server (issue #12): consent refused has its outcome and letter, a
// clock paused while consent is sought resumes only when it is recorded, a child's representative can be
// stopped, and a handler can be allocated before the acknowledgement so that CWTH's letter can name them.
// Whether there is a representative, and whether the person is a child, is judged by the API on the record
// (the workflow holds no personal data); its API e2e covers those refusals.
import type { ProfileId } from '@complaints/domain';
import {
  acknowledgeUpdate,
  allocateUpdate,
  decideRepresentativeUpdate,
  processStateQuery,
  recordConsentUpdate,
  resumeClockUpdate,
  seekConsentUpdate,
} from '../messages';
import {
  createLifecycleHarness,
  eventTypes,
  eventually,
  letterFacts,
  letterSent,
  lifecycleInput,
  recordHistory,
  refusal,
  startInCloserLook,
  type LifecycleHarness,
  startLifecycle,
} from './lifecycle-harness';

jest.setTimeout(60_000);

// Monday 3 March 2036, 10:00 GMT.
const START_AT = '2036-03-03T10:00:00Z';
const RECEIVED_ON = '2036-03-03';

let harness: LifecycleHarness;
afterEach(async () => harness?.teardown());

const input = (profile: ProfileId, org: string, serial: string) =>
  lifecycleInput({
    reference: `${org}-2036-${serial}`,
    receivedOn: RECEIVED_ON,
    profile: { id: profile, version: 1 },
  });

describe('R-INT-5: consent to a representative', () => {
  it('R-INT-5 HPFT: consent refused resumes the paused clock, gives written reasons with the Ombudsman and closes; the clock could not be resumed by hand meanwhile', async () => {
    harness = await createLifecycleHarness(START_AT);
    await harness.run(async () => {
      const handle = await startInCloserLook(harness, input('hpft', 'HPFT', '000401'));
      expect(
        await refusal(
          handle.executeUpdate(recordConsentUpdate, { args: [{ by: 'handler-1', outcome: 'refused' }] }),
        ),
      ).toEqual({
        rule: 'R-INT-5',
        message: 'consent can be recorded as refused only once it has been sought',
      });

      await handle.executeUpdate(seekConsentUpdate, { args: [{ by: 'handler-1' }] });
      expect((await handle.query(processStateQuery)).closerLook?.due).toBeNull();
      await harness.env.sleep('2 days'); // Wed 5 Mar
      expect(await refusal(handle.executeUpdate(resumeClockUpdate, { args: [{ by: 'handler-1' }] }))).toEqual(
        {
          rule: 'R-INT-5',
          message:
            'consent is still being sought; record it as given, not needed or refused, or resume with the reason continuing-without-consent',
        },
      );

      const triage = await handle.executeUpdate(recordConsentUpdate, {
        args: [{ by: 'handler-1', outcome: 'refused' }],
      });
      expect(triage.consent).toEqual({ status: 'refused', soughtOn: '2036-03-03', decidedOn: '2036-03-05' });
      const letter = await letterSent(harness, 'representative-decision');
      expect(letterFacts(letter)).toEqual({
        step: 'representative-decision',
        template: 'representative-decision',
        audience: 'complainant',
        facts: { decision: 'consent-refused', ombudsman: 'phso' },
      });
      const final = await handle.result();
      expect(final.closed?.reason).toBe('representative-stopped');
      expect(final.pauses).toEqual([
        {
          start: '2036-03-03',
          end: '2036-03-04',
          reason: 'seeking-consent',
          by: 'handler-1',
          resumeReason: 'consent-recorded',
        },
      ]);
      const types = eventTypes(harness);
      expect(types.indexOf('consent-recorded')).toBeLessThan(types.indexOf('clock-resumed'));
      expect(types).toContain('representative-stopped-decided');
    });
  });

  it('R-INT-5 HPFT: consent given resumes the clock, moved out by the working days it was paused', async () => {
    harness = await createLifecycleHarness(START_AT);
    await harness.run(async () => {
      const handle = await startInCloserLook(harness, input('hpft', 'HPFT', '000402'));
      const before = (await handle.query(processStateQuery)).closerLook!.due!;
      await handle.executeUpdate(seekConsentUpdate, { args: [{ by: 'handler-1' }] });
      await harness.env.sleep('2 days'); // Wed 5 Mar: Mon 3 (the day of receipt, not counted) and Tue 4 paused
      await handle.executeUpdate(recordConsentUpdate, { args: [{ by: 'handler-1', outcome: 'given' }] });
      const state = await handle.query(processStateQuery);
      expect(state.triage?.consent?.status).toBe('given');
      expect(state.pauses?.[0]?.end).toBe('2036-03-04');
      expect(state.closerLook!.due! > before).toBe(true);
      expect(state.closed).toBeUndefined();
    });
  });

  it("R-INT-5 PHSO model: no reasonable grounds for a child's representative — written reasons with the Ombudsman, and it closes", async () => {
    harness = await createLifecycleHarness(START_AT);
    await harness.run(async () => {
      const handle = await startInCloserLook(harness, input('phso-model', 'NCT', '000403'));
      await handle.executeUpdate(decideRepresentativeUpdate, {
        args: [{ by: 'cm-1', decision: 'no-reasonable-grounds-for-child' }],
      });
      const letter = await letterSent(harness, 'representative-decision');
      expect(letter.facts).toEqual({
        decision: 'no-reasonable-grounds-for-child',
        ombudsman: 'phso',
      });
      const final = await handle.result();
      expect(final.closed?.reason).toBe('representative-stopped');
      expect(final.triage?.representative).toEqual({
        decision: 'no-reasonable-grounds-for-child',
        on: RECEIVED_ON,
        by: 'cm-1',
      });
    });
  });
});

describe('R-ACK-1: allocation before the acknowledgement', () => {
  it('R-ACK-1 CWTH: a handler allocated while awaiting acknowledgement, so the acknowledgement letter goes after it', async () => {
    harness = await createLifecycleHarness(START_AT);
    await harness.run(async () => {
      const complaint = input('cwth', 'CWTH', '000404');
      const handle = await startLifecycle(harness, complaint);
      const allocation = await handle.executeUpdate(allocateUpdate, {
        args: [{ by: 'cm-1', handlerId: 'handler-1', involvedStaffIds: [] }],
      });
      expect(allocation).toMatchObject({ handlerId: 'handler-1', on: RECEIVED_ON });
      expect((await handle.query(processStateQuery)).stage).toBe('awaiting-acknowledgement');
      await handle.executeUpdate(acknowledgeUpdate, { args: [{ method: 'written', by: 'handler-1' }] });
      await eventually(
        () => harness.letters.find((letter) => letter.step === 'acknowledgement-letter'),
        'the acknowledgement letter',
      );
      const types = eventTypes(harness);
      expect(types.indexOf('allocated')).toBeLessThan(types.indexOf('acknowledged'));
      await recordHistory(handle, 'cwth-allocated-before-acknowledgement-handler-told');
    });
  });

  it('R-INV-1: the handler is told when a complaint is allocated to them, once; not when they take it themselves', async () => {
    harness = await createLifecycleHarness(START_AT);
    await harness.run(async () => {
      const handle = await startInCloserLook(harness, input('hpft', 'HPFT', '000406'));
      const allocate = (by: string, handlerId: string) =>
        handle.executeUpdate(allocateUpdate, { args: [{ by, handlerId, involvedStaffIds: [] }] });
      await allocate('cm-1', 'handler-1');
      await allocate('cm-1', 'handler-1'); // the same handler again: nothing more
      await allocate('handler-2', 'handler-2'); // taken by themselves: nothing to tell
      await allocate('cm-1', 'handler-3');
      await eventually(
        () => harness.letters.find((letter) => letter.step === 'handler-allocated-handler-3'),
        'the second handler told',
      );
    });
    expect(
      harness.letters
        .filter((letter) => letter.template === 'handler-allocated')
        .map((letter) => [letter.step, letter.audience]),
    ).toEqual([
      ['handler-allocated-handler-1', 'staff:handler-1'],
      ['handler-allocated-handler-3', 'staff:handler-3'],
    ]);
  });

  it('R-ACK-1 iTrust: a verbal acknowledgement is followed by its written record, carrying the free review consultation offer', async () => {
    harness = await createLifecycleHarness(START_AT);
    await harness.run(async () => {
      const complaint = input('itrust', 'ITRUST', '000405');
      const handle = await startLifecycle(harness, complaint);
      const result = await handle.executeUpdate(acknowledgeUpdate, {
        args: [{ method: 'verbal', by: 'handler-1' }],
      });
      expect(result).toMatchObject({ method: 'verbal', onTime: true });
      const letter = await eventually(
        () => harness.letters.find((sent) => sent.step === 'acknowledgement-letter'),
        'the written record of the verbal acknowledgement',
      );
      expect(letter).toMatchObject({ template: 'acknowledgement', audience: 'complainant' });
    });
  });
});
