// §5 After the response on the time-skipping server: a reopened complaint with its own timescale (R-REOPEN-1:
// HPFT 60 working days, iTrust and the PHSO model agreed per case) and CWTH's stage-two review (R-STAGE2-1: one
// calendar month from the request, its decision final).
import { WorkflowNotFoundError } from '@temporalio/client';
import type { ProfileId } from '@complaints/domain';
import { SEARCH_ATTRIBUTES } from '@complaints/temporal';
import {
  agreeTimescaleUpdate,
  completeActionUpdate,
  processStateQuery,
  reopenUpdate,
  requestStageTwoUpdate,
  withdrawUpdate,
} from '../messages';
import {
  agreeDateWithPerson,
  createLifecycleHarness,
  eventTypes,
  eventually,
  letterFacts,
  letterSent,
  lifecycleInput,
  recordHistory,
  refusal,
  respond,
  responseSummary,
  startInCloserLook,
  waitForState,
  type LifecycleHarness,
} from './lifecycle-harness';
import { reopenableUntil } from '../complaint-lifecycle/after-response';

jest.setTimeout(120_000);

let harness: LifecycleHarness;
afterEach(async () => harness?.teardown());

const input = (profile: ProfileId, org: string, serial: string, receivedOn: string) =>
  lifecycleInput({ reference: `${org}-2036-${serial}`, receivedOn, profile: { id: profile, version: 1 } });

async function skipTo(instant: string) {
  await harness.env.sleep(Date.parse(instant) - (await harness.env.currentTimeMs()));
}

const finalResponseLetters = (h: LifecycleHarness) =>
  h.letters.filter((l) => l.template === 'final-response').map(letterFacts);

describe('R-REOPEN-1: a reopened complaint', () => {
  // Received Monday 3 March 2036; responded the same day.
  const RECEIVED_ON = '2036-03-03';
  const START_AT = '2036-03-03T10:00:00Z';

  it('HPFT: reopened while an action is outstanding — round 2 due 60 working days after reopening (Tue 1 Apr → Mon 30 Jun 2036), its own clock, its own response', async () => {
    harness = await createLifecycleHarness(START_AT);
    await harness.run(async () => {
      const handle = await startInCloserLook(harness, input('hpft', 'HPFT', '000500', RECEIVED_ON));
      expect(await refusal(handle.executeUpdate(reopenUpdate, { args: [{ by: 'handler-1' }] }))).toEqual({
        rule: 'R-REOPEN-1',
        message: 'only a complaint that has had its final response can go round again (stage: closer-look)',
      });
      const action = { id: 'A1', description: 'Audit', ownerId: 'staff-7', due: '2036-07-31' };
      const first = await respond(harness, handle, responseSummary('hpft', { actions: [action] }));
      expect(first.stage).toBe('responded');

      await skipTo('2036-04-01T09:00:00Z'); // Tue 1 Apr, 10:00 BST
      expect(
        await refusal(handle.executeUpdate(requestStageTwoUpdate, { args: [{ by: 'handler-1' }] })),
      ).toEqual({
        rule: 'R-STAGE2-1',
        message:
          'Hertfordshire Partnership University NHS Foundation Trust has no stage-two review; reopen the complaint instead',
      });
      // 60 WD from Tue 1 Apr 2036, leaving out Good Friday, Easter Monday, early May and spring bank holidays.
      const reopened = await handle.executeUpdate(reopenUpdate, { args: [{ by: 'handler-1' }] });
      expect(reopened).toEqual({ basis: 'profile-working-days', due: '2036-06-30' });
      const state = await handle.query(processStateQuery);
      expect(state.round).toEqual({ number: 2, kind: 'reopened', startedOn: '2036-04-01' });
      expect(state.stage).toBe('closer-look');
      expect(state.nextDeadline).toBe('2036-06-30');
      expect(state.finalResponse).toEqual({ approvals: [] });
      expect(await refusal(handle.executeUpdate(reopenUpdate, { args: [{ by: 'handler-1' }] }))).toEqual({
        rule: 'R-REOPEN-1',
        message: 'only a complaint that has had its final response can go round again (stage: closer-look)',
      });
      await letterSent(harness, 'reopened-2');

      await skipTo('2036-06-28T11:00:00Z'); // Sat 28 Jun: reminded Fri 27 Jun, 09:00 BST
      expect((await handle.query(processStateQuery)).closerLook?.reminderSentAt?.slice(0, 16)).toBe(
        '2036-06-27T08:00',
      );
      const second = await respond(harness, handle, responseSummary('hpft', { version: 2 }));
      expect(second.finalResponse?.sent).toEqual({
        on: '2036-06-28',
        version: 2,
        onTime: true,
        ombudsman: 'phso',
      });
      // The action promised in the first response is still followed (R-RESP-4).
      expect(second.stage).toBe('responded');
      expect(second.nextDeadline).toBe('2036-07-31');
      await handle.executeUpdate(completeActionUpdate, { args: [{ by: 'staff-7', actionId: 'A1' }] });
      const closed = await waitForState(handle, (s) => s.stage === 'closed');
      expect(closed.closed?.reason).toBe('responded');
      await recordHistory(handle, 'hpft-reopened-while-responded');
    });
    expect(letterFacts(harness.letters.find((l) => l.template === 'reopened')!)).toEqual({
      step: 'reopened-2',
      template: 'reopened',
      audience: 'complainant',
      facts: { due: '2036-06-30' },
    });
    expect(
      harness.letters.filter((l) => l.template === 'deadline-reminder').map((l) => [l.step, l.facts]),
    ).toEqual([
      [
        'final-response-reminder-2036-06-30',
        { deadline: 'final response', due: '2036-06-30', rule: 'R-REOPEN-1' },
      ],
    ]);
    expect(finalResponseLetters(harness)).toEqual([
      {
        step: 'final-response-1',
        template: 'final-response',
        audience: 'complainant',
        facts: { finalResponseVersion: 1, ombudsman: 'phso', round: 'first', stageTwoAvailable: false },
      },
      {
        step: 'final-response-2',
        template: 'final-response',
        audience: 'complainant',
        facts: { finalResponseVersion: 2, ombudsman: 'phso', round: 'reopened', stageTwoAvailable: false },
      },
    ]);
    expect(
      harness.letters.filter((l) => l.template === 'approval-request').map((l) => [l.step, l.facts?.due]),
    ).toEqual([
      ['final-response-1-v1-complaints-team-check', '2036-04-23'],
      ['final-response-1-v1-chief-executive-approval', '2036-04-23'],
      ['final-response-2-v2-complaints-team-check', '2036-06-30'],
      ['final-response-2-v2-chief-executive-approval', '2036-06-30'],
    ]);
    expect(harness.letters.map((l) => l.step).slice(-2)).toEqual([
      'final-response-cover-2',
      'actions-completed-2',
    ]);
    const reopenedEvent = harness.events.find((e) => e.type === 'reopened')!;
    expect([reopenedEvent.rule, reopenedEvent.actor, reopenedEvent.data]).toEqual([
      'R-REOPEN-1',
      { type: 'staff', id: 'handler-1' },
      { round: 2, due: '2036-06-30', basis: 'profile-working-days', on: '2036-04-01' },
    ]);
    expect(eventTypes(harness).filter((t) => t.startsWith('final-response-') || t === 'reopened')).toEqual([
      'final-response-submitted',
      'final-response-approved',
      'final-response-approved',
      'final-response-sent',
      'reopened',
      'final-response-reminder-sent',
      'final-response-submitted',
      'final-response-approved',
      'final-response-approved',
      'final-response-sent',
    ]);
  });

  it('PHSO model: a closed complaint reopened within twelve months goes back to a closer look, its timescale agreed anew', async () => {
    harness = await createLifecycleHarness(START_AT);
    await harness.run(async () => {
      const handle = await startInCloserLook(harness, input('phso-model', 'NCT', '000501', RECEIVED_ON));
      await agreeDateWithPerson(harness, handle);
      await respond(harness, handle, responseSummary('phso-model'));
      const closed = await waitForState(handle, (s) => s.stage === 'closed');
      expect(closed.finalResponse?.sent?.onTime).toBe(true); // within the date agreed (R-INV-4)
      expect(await refusal(handle.executeUpdate(withdrawUpdate, { args: [{ by: 'handler-1' }] }))).toEqual({
        rule: undefined,
        message: 'the complaint is already closed (responded)',
      });

      await skipTo('2036-04-02T10:00:00Z'); // Wed 2 Apr
      const reopened = await handle.executeUpdate(reopenUpdate, { args: [{ by: 'handler-1' }] });
      expect(reopened).toEqual({ basis: 'to-be-agreed', due: null });
      const state = await handle.query(processStateQuery);
      expect(state.closed).toBeUndefined();
      expect(state.stage).toBe('closer-look');
      expect(state.round).toEqual({ number: 2, kind: 'reopened', startedOn: '2036-04-02' });
      await letterSent(harness, 'reopened-2');
      expect((await handle.describe()).typedSearchAttributes.get(SEARCH_ATTRIBUTES.stage)).toBe('reopened');
      const agreed = await handle.executeUpdate(agreeTimescaleUpdate, {
        args: [{ by: 'handler-1', due: '2036-05-29' }],
      });
      expect(agreed.due).toBe('2036-05-29');
      await recordHistory(handle, 'phso-model-reopened-after-close-own-stage');
    });
    expect(letterFacts(harness.letters.at(-1)!)).toEqual({
      step: 'reopened-2',
      template: 'reopened',
      audience: 'complainant',
      facts: { due: null },
    });
    const reopened = harness.events.find((e) => e.type === 'reopened')!;
    expect(reopened.projection).toEqual(expect.objectContaining({ stage: 'closer-look', closedAt: null }));
    expect(eventTypes(harness).slice(-5)).toEqual([
      'final-response-sent',
      'closed',
      'reopened',
      'correspondence-sent',
      'timescale-agreed',
    ]);
  });

  it('iTrust: reopened with no timescale set by the policy — agreed per case (due null); withdrawn, it can no longer be reopened', async () => {
    harness = await createLifecycleHarness(START_AT);
    await harness.run(async () => {
      const handle = await startInCloserLook(harness, input('itrust', 'ITRUST', '000502', RECEIVED_ON));
      await respond(harness, handle, responseSummary('itrust'));
      await waitForState(handle, (s) => s.stage === 'closed');
      const reopened = await handle.executeUpdate(reopenUpdate, { args: [{ by: 'handler-1' }] });
      expect(reopened).toEqual({ basis: 'to-be-agreed', due: null });
      await letterSent(harness, 'reopened-2');
      await harness.env.sleep('60 days'); // no clock runs until a date is agreed
      expect((await handle.query(processStateQuery)).breached).toBe(false);
      await handle.executeUpdate(withdrawUpdate, { args: [{ by: 'handler-1' }] });
      expect((await handle.result()).stage).toBe('withdrawn');
      await recordHistory(handle, 'itrust-reopened-then-withdrawn');
      await expect(
        handle.executeUpdate(reopenUpdate, { args: [{ by: 'handler-1' }] }),
      ).rejects.toBeInstanceOf(WorkflowNotFoundError);
    });
    expect(letterFacts(harness.letters.find((l) => l.template === 'reopened')!)).toEqual({
      step: 'reopened-2',
      template: 'reopened',
      audience: 'complainant',
      facts: { due: null },
    });
    expect(harness.letters.filter((l) => l.template.startsWith('deadline-'))).toEqual([]);
    expect(eventTypes(harness).slice(-3)).toEqual(['reopened', 'correspondence-sent', 'withdrawn']);
  });
});

describe('R-STAGE2-1: CWTH stage two', () => {
  // Received Monday 7 January 2036; stage one due one calendar month on, Thu 7 Feb.
  const START_AT = '2036-01-07T10:00:00Z';

  it('requested on 31 January: acknowledged at once, due 29 February 2036 (clamped; a leap year), reminded and escalated on its own clock; the stage-two response offers no further stage; the decision is final', async () => {
    harness = await createLifecycleHarness(START_AT);
    await harness.run(async () => {
      const handle = await startInCloserLook(harness, input('cwth', 'CWTH', '000510', '2036-01-07'));
      expect((await handle.query(processStateQuery)).closerLook?.due).toBe('2036-02-07');
      expect(
        await refusal(handle.executeUpdate(requestStageTwoUpdate, { args: [{ by: 'handler-1' }] })),
      ).toEqual({
        rule: 'R-STAGE2-1',
        message: 'only a complaint that has had its final response can go round again (stage: closer-look)',
      });
      await respond(harness, handle, responseSummary('cwth'));
      await waitForState(handle, (s) => s.stage === 'closed');
      const notReopened = {
        rule: 'R-STAGE2-1',
        message:
          'Coventry and Warwickshire Training Hub reviews a response at stage two; request a stage-two review',
      };
      expect(await refusal(handle.executeUpdate(reopenUpdate, { args: [{ by: 'handler-1' }] }))).toEqual(
        notReopened,
      );

      await skipTo('2036-01-31T10:00:00Z'); // Thu 31 Jan
      const stageTwo = await handle.executeUpdate(requestStageTwoUpdate, { args: [{ by: 'handler-1' }] });
      expect(stageTwo).toEqual({ basis: 'profile-calendar-months', due: '2036-02-29' });
      const state = await handle.query(processStateQuery);
      expect(state.round).toEqual({ number: 2, kind: 'stage-two', startedOn: '2036-01-31' });
      expect(state.stage).toBe('closer-look');
      expect(state.closed).toBeUndefined();
      await letterSent(harness, 'stage-two-acknowledgement-2');
      // Issue #12 point 11: operations staff find the round by its own stage.
      expect((await handle.describe()).typedSearchAttributes.get(SEARCH_ATTRIBUTES.stage)).toBe('stage-two');
      expect(
        await refusal(handle.executeUpdate(requestStageTwoUpdate, { args: [{ by: 'handler-1' }] })),
      ).toEqual({
        rule: 'R-STAGE2-1',
        message: 'the stage-two decision is final; the next step is the ICB or NHS England',
      });

      await skipTo('2036-03-02T10:00:00Z'); // Sun 2 Mar: reminded Thu 28 Feb, breached at the end of Fri 29 Feb
      const late = await handle.query(processStateQuery);
      expect(late.closerLook?.reminderSentAt?.slice(0, 16)).toBe('2036-02-28T09:00');
      expect(late.closerLook?.breachedAt?.slice(0, 16)).toBe('2036-03-01T00:00');
      const sent = await respond(harness, handle, responseSummary('cwth', { version: 2 }));
      expect(sent.finalResponse?.sent).toEqual({
        on: '2036-03-02',
        version: 2,
        onTime: false,
        ombudsman: 'icb-nhse',
      });
      await waitForState(handle, (s) => s.stage === 'closed');
      expect(
        await refusal(handle.executeUpdate(requestStageTwoUpdate, { args: [{ by: 'handler-1' }] })),
      ).toEqual({
        rule: 'R-STAGE2-1',
        message: 'the stage-two decision is final; the next step is the ICB or NHS England',
      });
      expect(await refusal(handle.executeUpdate(reopenUpdate, { args: [{ by: 'handler-1' }] }))).toEqual(
        notReopened,
      );
      await recordHistory(handle, 'cwth-stage-two-reviewed-own-stage');
    });
    expect(letterFacts(harness.letters.find((l) => l.template === 'stage-two-acknowledgement')!)).toEqual({
      step: 'stage-two-acknowledgement-2',
      template: 'stage-two-acknowledgement',
      audience: 'complainant',
      facts: { due: '2036-02-29' },
    });
    expect(finalResponseLetters(harness).map((l) => l.facts)).toEqual([
      { finalResponseVersion: 1, ombudsman: 'icb-nhse', round: 'first', stageTwoAvailable: true },
      { finalResponseVersion: 2, ombudsman: 'icb-nhse', round: 'stage-two', stageTwoAvailable: false },
    ]);
    expect(
      harness.letters
        .filter((l) => l.template.startsWith('deadline-'))
        .map((l) => [l.template, l.audience, l.facts]),
    ).toEqual([
      ['deadline-reminder', 'handler', { deadline: 'final response', due: '2036-02-29', rule: 'R-STAGE2-1' }],
      [
        'deadline-breach',
        'complaints-manager',
        { deadline: 'final response', due: '2036-02-29', rule: 'R-STAGE2-1' },
      ],
    ]);
    const requested = harness.events.find((e) => e.type === 'stage-two-requested')!;
    expect([requested.rule, requested.data]).toEqual([
      'R-STAGE2-1',
      { round: 2, due: '2036-02-29', basis: 'profile-calendar-months', on: '2036-01-31' },
    ]);
    expect(eventTypes(harness).filter((t) => t === 'closed')).toHaveLength(2);
  });
});

describe('R-RESP-4 across rounds', () => {
  it('HPFT: an action promised in the first response can be completed while the reopened round is under way', async () => {
    harness = await createLifecycleHarness('2036-03-03T10:00:00Z');
    await harness.run(async () => {
      const handle = await startInCloserLook(harness, input('hpft', 'HPFT', '000800', '2036-03-03'));
      const action = { id: 'A1', description: 'Audit', ownerId: 'staff-7', due: '2036-07-31' };
      await respond(harness, handle, responseSummary('hpft', { actions: [action] }));
      await handle.executeUpdate(reopenUpdate, { args: [{ by: 'handler-1' }] });
      const actions = await handle.executeUpdate(completeActionUpdate, {
        args: [{ by: 'staff-7', actionId: 'A1' }],
      });
      expect(actions).toEqual([expect.objectContaining({ id: 'A1', completedOn: '2036-03-03' })]);
      const state = await handle.query(processStateQuery);
      expect(state.stage).toBe('closer-look');
      expect(state.nextDeadline).toBe(state.closerLook?.due);
      expect(state.nextDeadline).not.toBeNull();
    });
  });
});

describe('long lives: continue-as-new after the response (issue #4 point 10)', () => {
  it('iTrust: a responded complaint carries on in a new run that keeps its state, and reopens there', async () => {
    harness = await createLifecycleHarness('2036-03-03T10:00:00Z');
    await harness.run(async () => {
      const long = { ...input('itrust', 'ITRUST', '000700', '2036-03-03'), continueAsNewAfterEvents: 60 };
      const handle = await startInCloserLook(harness, long);
      const firstRun = (await handle.describe()).runId;
      await respond(harness, handle, responseSummary('itrust'));
      const closed = await waitForState(handle, (s) => s.stage === 'closed');
      expect(closed.closed).toEqual(expect.objectContaining({ reason: 'responded' }));
      expect((await handle.describe()).runId).not.toBe(firstRun);
      // The new run starts from the last one's state: same round, same response, still closed as responded.
      expect(closed.round).toEqual({ number: 1, kind: 'first', startedOn: '2036-03-03' });
      expect(closed.finalResponse?.sent?.version).toBe(1);

      const reopened = await handle.executeUpdate(reopenUpdate, { args: [{ by: 'handler-1' }] });
      expect(reopened.basis).toBe('to-be-agreed');
      const state = await handle.query(processStateQuery);
      expect(state.round).toEqual({ number: 2, kind: 'reopened', startedOn: '2036-03-03' });
      expect(state.stage).toBe('closer-look');
      await letterSent(harness, 'reopened-2');
      await recordHistory(handle, 'itrust-continued-as-new-then-reopened');
    });
    // Each event is recorded once across the runs.
    expect(eventTypes(harness).filter((type) => type === 'closed')).toEqual(['closed']);
    expect(eventTypes(harness).slice(-2)).toEqual(['reopened', 'correspondence-sent']);
  });

  it('the reopen window runs twelve months from the closure, in London, whichever run is waiting', () => {
    expect(reopenableUntil('2036-03-03T10:00:05.000Z')).toBe('2037-03-03');
    // 23:30 UTC on 31 August is already 1 September in London (BST).
    expect(reopenableUntil('2036-08-31T23:30:00.000Z')).toBe('2037-09-01');
    // 29 February closes to 28 February the next year (§0 clamping).
    expect(reopenableUntil('2036-02-29T12:00:00.000Z')).toBe('2037-02-28');
  });
});

describe('ADR 0023: the closing never waits on the experience survey invitation', () => {
  const RECEIVED_ON = '2036-03-03';
  const START_AT = '2036-03-03T10:00:00Z';

  /** Holds every invitation back until `release()`, as a slow SMTP server would; `started` once it is called. */
  function slowInvitation() {
    let release!: () => void;
    let started!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const called = new Promise<void>((resolve) => (started = resolve));
    return {
      beforeInvite: async () => {
        started();
        await gate;
      },
      started: called,
      release: () => release(),
    };
  }

  it('HPFT: reopened while the invitation is still going — it reopens, the person gets the reopened letter, and the next response closes it again without a second invitation (R-REOPEN-1)', async () => {
    const invitation = slowInvitation();
    harness = await createLifecycleHarness(START_AT, { beforeInvite: invitation.beforeInvite });
    await harness.run(async () => {
      const handle = await startInCloserLook(harness, input('hpft', 'HPFT', '000510', RECEIVED_ON));
      await respond(harness, handle, responseSummary('hpft', { actions: [] }));
      await waitForState(handle, (s) => s.stage === 'closed');
      await invitation.started;

      const reopened = await handle.executeUpdate(reopenUpdate, { args: [{ by: 'handler-1' }] });
      expect(reopened.basis).toBe('profile-working-days');
      // The invitation is still held back, and the new round has begun all the same.
      await letterSent(harness, 'reopened-2');
      const state = await handle.query(processStateQuery);
      expect([state.stage, state.closed, state.round?.number]).toEqual(['closer-look', undefined, 2]);
      expect(harness.surveys).toEqual([]);

      invitation.release();
      await eventually(() => harness.surveys.length === 1, 'the invitation');
      await respond(harness, handle, responseSummary('hpft', { version: 2, actions: [] }));
      const closedAgain = await waitForState(handle, (s) => s.stage === 'closed');
      expect(closedAgain.closed?.reason).toBe('responded');
      await recordHistory(handle, 'hpft-reopened-while-survey-invitation-pending');
    });
    expect(finalResponseLetters(harness).map((letter) => letter.step)).toEqual([
      'final-response-1',
      'final-response-2',
    ]);
    // One invitation per complaint, even though it closed twice.
    expect(harness.surveys).toEqual([{ reference: 'HPFT-2036-000510', step: 'experience-survey' }]);
    expect(eventTypes(harness).filter((t) => ['closed', 'reopened'].includes(t))).toEqual([
      'closed',
      'reopened',
      'closed',
    ]);
  });

  it('PHSO model: withdrawn after reopening while the invitation is still going — the run ends only once the invitation has gone', async () => {
    const invitation = slowInvitation();
    harness = await createLifecycleHarness(START_AT, { beforeInvite: invitation.beforeInvite });
    await harness.run(async () => {
      const handle = await startInCloserLook(harness, input('phso-model', 'NCT', '000511', RECEIVED_ON));
      await agreeDateWithPerson(harness, handle);
      await respond(harness, handle, responseSummary('phso-model'));
      await waitForState(handle, (s) => s.stage === 'closed');
      await invitation.started;
      await handle.executeUpdate(reopenUpdate, { args: [{ by: 'handler-1' }] });
      await letterSent(harness, 'reopened-2');
      await handle.executeUpdate(withdrawUpdate, { args: [{ by: 'handler-1' }] });
      await waitForState(handle, (s) => s.stage === 'withdrawn');
      // Closed for good, but not finished: the invitation it started is still in flight.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect((await handle.describe()).status.name).toBe('RUNNING');

      invitation.release();
      expect((await handle.result()).stage).toBe('withdrawn');
    });
    expect(harness.surveys).toEqual([{ reference: 'NCT-2036-000511', step: 'experience-survey' }]);
  });
});
