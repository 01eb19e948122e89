// R-INV-8, R-RESP-1…4 and R-INV-5 on the time-skipping server: from the closer look to the signed final response,
// the promised actions and the close, for each profile; what the workflow refuses on the way; and an extension
// of the final-response date.
// Received Monday 3 March 2036, 10:00 GMT. Acknowledgement: 2 WD → Wed 5 Mar, 3 WD → Thu 6 Mar, 5 WD → Mon 10 Mar.
// Final response: iTrust 20 WD → Mon 31 Mar; CWTH one calendar month → Thu 3 Apr; HPFT 35 WD → Wed 23 Apr
// (Good Friday 11 Apr and Easter Monday 14 Apr 2036 are not working days).
import type { ProfileId } from '@complaints/domain';
import { SEARCH_ATTRIBUTES } from '@complaints/temporal';
import {
  agreeTimescaleUpdate,
  approveFinalResponseUpdate,
  completeActionUpdate,
  extendFinalResponseUpdate,
  pauseClockUpdate,
  processStateQuery,
  resumeClockUpdate,
  returnFinalResponseUpdate,
  shareOutcomeUpdate,
  submitFinalResponseUpdate,
  withdrawUpdate,
} from '../messages';
import {
  agreeDateWithPerson,
  APPROVERS,
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

jest.setTimeout(90_000);

const RECEIVED_ON = '2036-03-03';
const START_AT = '2036-03-03T10:00:00Z';
let harness: LifecycleHarness;
afterEach(async () => harness?.teardown());

const input = (profile: ProfileId, org: string, serial = '000300') =>
  lifecycleInput({
    reference: `${org}-2036-${serial}`,
    receivedOn: RECEIVED_ON,
    profile: { id: profile, version: 1 },
  });

const approvalRequest = (step: string, audience: string, due: string | null) => ({
  step: `final-response-1-v1-${step}`,
  template: 'approval-request',
  audience,
  facts: { document: 'final-response', step, due },
});

const FULL_PATHS = [
  {
    profile: 'phso-model',
    org: 'NCT',
    acknowledgementDue: '2036-03-06',
    // PHSO model: agreed per case (R-INV-4).
    agree: '2036-04-30',
    due: '2036-04-30',
    careContext: 'nhs-care',
    ombudsman: 'phso',
    // A senior manager signs as the Responsible Person's recorded delegate (R-RESP-2, §7).
    approvals: [['sign-off', 'senior-manager', 'sm-1']],
    approvalRequests: [approvalRequest('sign-off', 'responsible-person', '2036-04-30')],
    stageTwoAvailable: false,
    cover: false,
    actions: [],
  },
  {
    profile: 'hpft',
    org: 'HPFT',
    acknowledgementDue: '2036-03-06',
    agree: null,
    due: '2036-04-23',
    // R-RESP-3: the CQC for a complaint about detention under the Mental Health Act.
    careContext: 'mental-health-act',
    ombudsman: 'cqc',
    approvals: [
      ['complaints-team-check', 'complaints-manager', 'cm-1'],
      ['chief-executive-approval', 'responsible-person', 'rp-1'],
    ],
    approvalRequests: [
      approvalRequest('complaints-team-check', 'complaints-manager', '2036-04-23'),
      approvalRequest('chief-executive-approval', 'responsible-person', '2036-04-23'),
    ],
    stageTwoAvailable: false,
    cover: true,
    actions: [
      { id: 'A1', description: 'Retrain the ward team', ownerId: 'staff-7', due: '2036-04-30' },
      { id: 'A2', description: 'Change the discharge checklist', ownerId: 'staff-8', due: '2036-05-15' },
    ],
  },
  {
    profile: 'itrust',
    org: 'ITRUST',
    acknowledgementDue: '2036-03-05',
    agree: null,
    due: '2036-03-31',
    careContext: 'nhs-care',
    ombudsman: 'independent-authority',
    approvals: [['sign-off', 'responsible-person', 'rp-1']],
    approvalRequests: [approvalRequest('sign-off', 'responsible-person', '2036-03-31')],
    stageTwoAvailable: false,
    cover: false,
    actions: [{ id: 'A1', description: 'Refund the fee', ownerId: 'staff-3', due: '2036-03-20' }],
  },
  {
    profile: 'cwth',
    org: 'CWTH',
    acknowledgementDue: '2036-03-10',
    agree: null,
    due: '2036-04-03',
    careContext: 'nhs-care',
    ombudsman: 'icb-nhse',
    approvals: [['sign-off', 'senior-manager', 'sm-1']],
    approvalRequests: [approvalRequest('sign-off', 'responsible-person', '2036-04-03')],
    // R-STAGE2-1: CWTH's first response offers the stage-two review.
    stageTwoAvailable: true,
    cover: false,
    actions: [],
  },
] as const;

describe.each(FULL_PATHS)('$profile: closer look to final response', (path) => {
  it(`shared, submitted, signed off step by step, sent with the ${path.ombudsman} route (stageTwoAvailable ${path.stageTwoAvailable}), ${path.actions.length} action(s) followed to the close (R-INV-8, R-RESP-1, R-RESP-2, R-RESP-3, R-RESP-4)`, async () => {
    harness = await createLifecycleHarness(START_AT);
    await harness.run(async () => {
      const handle = await startInCloserLook(harness, input(path.profile, path.org));
      if (path.agree)
        await handle.executeUpdate(agreeTimescaleUpdate, { args: [{ by: 'handler-1', due: path.agree }] });
      expect((await handle.query(processStateQuery)).closerLook?.due).toBe(path.due);
      await harness.env.sleep('1 day'); // Tue 4 Mar

      const shared = await handle.executeUpdate(shareOutcomeUpdate, {
        args: [{ by: 'handler-1', commentsRecorded: true }],
      });
      expect(shared.outcomeShared).toEqual({ on: '2036-03-04', by: 'handler-1', commentsRecorded: true });
      const summary = responseSummary(path.profile, {
        careContext: path.careContext,
        actions: [...path.actions],
      });
      expect(summary.ombudsman).toBe(path.ombudsman);
      expect(summary.coverLetter).toBe(path.cover);
      const submitted = await handle.executeUpdate(submitFinalResponseUpdate, {
        args: [{ by: 'handler-1', summary }],
      });
      expect(submitted.submitted).toEqual({ summary, by: 'handler-1', on: '2036-03-04' });
      expect((await handle.query(processStateQuery)).stage).toBe('awaiting-sign-off');

      for (const [step, role, by] of path.approvals) {
        await letterSent(harness, `final-response-1-v1-${step}`);
        await handle.executeUpdate(approveFinalResponseUpdate, { args: [{ by, role, step, version: 1 }] });
      }
      const sent = await waitForState(handle, (state) => state.finalResponse?.sent !== undefined);
      expect(sent.finalResponse?.approvals).toEqual(
        path.approvals.map(([step, role, by]) => ({ step, role, by, on: '2036-03-04', version: 1 })),
      );
      expect(sent.finalResponse?.sent).toEqual({
        on: '2036-03-04',
        version: 1,
        onTime: true,
        ombudsman: path.ombudsman,
      });
      expect(sent.nextDeadline).toBe(path.actions[0]?.due ?? null);

      if (path.actions.length > 0) {
        expect(sent.stage).toBe('responded');
        expect(sent.actions).toEqual(path.actions.map(({ id, ownerId, due }) => ({ id, ownerId, due })));
        expect(
          await refusal(handle.executeUpdate(completeActionUpdate, { args: [{ by: 'h', actionId: 'A9' }] })),
        ).toEqual({ rule: 'R-RESP-4', message: 'no action A9 was promised in the final response' });
        await harness.env.sleep('1 day'); // Wed 5 Mar
        for (const [index, action] of path.actions.entries()) {
          const actions = await handle.executeUpdate(completeActionUpdate, {
            args: [{ by: action.ownerId, actionId: action.id }],
          });
          expect(actions.find((a) => a.id === action.id)?.completedOn).toBe('2036-03-05');
          // Issue #12 point 7: each action done is told while others are still to be done.
          if (index < path.actions.length - 1) await letterSent(harness, `action-completed-${action.id}`);
        }
      }
      const closed = await waitForState(handle, (state) => state.closed !== undefined);
      expect(closed.stage).toBe('closed');
      expect(closed.closed?.reason).toBe('responded');
      expect(closed.nextDeadline).toBeNull();
      expect(closed.breached).toBe(false);
      expect((await handle.describe()).typedSearchAttributes.get(SEARCH_ATTRIBUTES.stage)).toBe('closed');
      // ADR 0023: closed after its response, the people involved are invited to the experience survey.
      expect(await eventually(() => harness.surveys[0], 'the survey invitation')).toEqual({
        reference: handle.workflowId,
        step: 'experience-survey',
      });
      await recordHistory(
        handle,
        `${path.profile}-final-response-${path.actions.length > 1 ? 'each-action-told-' : path.actions.length ? 'actions-' : ''}closed`,
      );
    });

    expect(harness.letters.map(letterFacts)).toEqual([
      {
        step: 'acknowledgement-letter',
        template: 'acknowledgement',
        audience: 'complainant',
        facts: { acknowledgementDue: path.acknowledgementDue, acknowledgedOn: '2036-03-03' },
      },
      ...path.approvalRequests,
      {
        step: 'final-response-1',
        template: 'final-response',
        audience: 'complainant',
        facts: {
          finalResponseVersion: 1,
          ombudsman: path.ombudsman,
          round: 'first',
          stageTwoAvailable: path.stageTwoAvailable,
        },
      },
      ...(path.cover
        ? [
            {
              step: 'final-response-cover-1',
              template: 'final-response-cover',
              audience: 'complainant',
              facts: { finalResponseVersion: 1 },
            },
          ]
        : []),
      ...path.actions.slice(0, -1).map((action) => ({
        step: `action-completed-${action.id}`,
        template: 'action-completed',
        audience: 'complainant',
        facts: { actionId: action.id },
      })),
      ...(path.actions.length > 0
        ? [{ step: 'actions-completed-1', template: 'actions-completed', audience: 'complainant' }]
        : []),
    ]);
    const approvalEvents = path.approvals.flatMap(() => ['correspondence-sent', 'final-response-approved']);
    expect(eventTypes(harness)).toEqual([
      'acknowledgement-clock-started',
      'acknowledged',
      'correspondence-sent',
      ...(path.profile === 'phso-model' || path.profile === 'hpft'
        ? ['early-resolution-started', 'early-resolution-ended']
        : []),
      'closer-look-started',
      ...(path.agree ? ['timescale-agreed'] : []),
      'outcome-shared',
      'final-response-submitted',
      ...approvalEvents,
      'correspondence-sent',
      ...(path.cover ? ['correspondence-sent'] : []),
      'final-response-sent',
      ...path.actions.flatMap(() => ['action-completed', 'correspondence-sent']),
      'closed',
    ]);
    const approved = harness.events.filter((event) => event.type === 'final-response-approved');
    expect(approved.map((event) => [event.actor, event.data])).toEqual(
      path.approvals.map(([step, role, by]) => [
        { type: 'staff', id: by },
        { step, role, version: 1, asDelegate: role === 'senior-manager' },
      ]),
    );
    // The item records who signed it off: the last step of the chain (HPFT: the Chief Executive, also for the cover).
    const lastApprover = path.approvals[path.approvals.length - 1][2];
    expect(harness.letters.find((l) => l.template === 'final-response')?.approvedBy).toBe(lastApprover);
    if (path.cover)
      expect(harness.letters.find((l) => l.template === 'final-response-cover')?.approvedBy).toBe(
        lastApprover,
      );
    const sent = harness.events.find((event) => event.type === 'final-response-sent');
    expect(sent?.data).toEqual({
      version: 1,
      due: path.due,
      onTime: true,
      ombudsman: path.ombudsman,
      actions: path.actions.map(({ id, due }) => ({ id, due })),
      // R-MON-1: one issue upheld and one not is partially upheld overall; sent by the date set at the start.
      outcome: 'partially-upheld',
      metAgreedTimescale: true,
    });
    expect(sent?.projection).toEqual(
      expect.objectContaining({ outcome: 'partially-upheld', metAgreedTimescale: true }),
    );
    expect(harness.events.find((event) => event.type === 'closed')?.data).toEqual({ reason: 'responded' });
  });
});

it('HPFT: refusals on the way to sign-off — outcome not shared (R-INV-8), an element missing (R-RESP-1), no cover letter, wrong step, role, version or approver (R-RESP-2); a returned draft restarts the chain', async () => {
  harness = await createLifecycleHarness(START_AT);
  await harness.run(async () => {
    const handle = await startInCloserLook(harness, input('hpft', 'HPFT', '000301'));
    const submit = (summary: ReturnType<typeof responseSummary>, by = 'handler-1') =>
      refusal(handle.executeUpdate(submitFinalResponseUpdate, { args: [{ by, summary }] }));
    const approve = (step: string, role: string, by: string, version = 1) =>
      refusal(
        handle.executeUpdate(approveFinalResponseUpdate, {
          args: [{ by, role: role as 'responsible-person', step, version }],
        }),
      );

    expect(await submit(responseSummary('hpft'))).toEqual({
      rule: 'R-INV-8',
      message:
        'share the outcome and intended actions with the parties, and record their comments, before submitting the final response',
    });
    expect(await approve('complaints-team-check', 'complaints-manager', 'cm-1')).toEqual({
      rule: 'R-RESP-2',
      message: 'no final response is awaiting sign-off (stage: closer-look)',
    });
    await handle.executeUpdate(shareOutcomeUpdate, { args: [{ by: 'handler-1', commentsRecorded: false }] });

    expect(await submit(responseSummary('hpft', { without: ['impact'] }))).toEqual({
      rule: 'R-RESP-1',
      message: 'the final response is incomplete: impact: the "impact" section is empty',
    });
    const unanswered = responseSummary('hpft');
    unanswered.findings = unanswered.findings.filter((finding) => finding.issueId !== 'issue-2');
    expect(await submit(unanswered)).toEqual({
      rule: 'R-RESP-1',
      message: 'the final response is incomplete: findings: no finding for issue issue-2',
    });
    expect(await submit(responseSummary('hpft', { remedies: ['payment-or-refund'] }))).toEqual({
      rule: 'R-RESP-1',
      message:
        'the final response is incomplete: apology: an issue is upheld, so the remedies must include an apology',
    });
    const elsewhere = { ...responseSummary('hpft'), ombudsman: 'icb-nhse' as const };
    expect(await submit(elsewhere)).toEqual({
      rule: 'R-RESP-3',
      message:
        'Hertfordshire Partnership University NHS Foundation Trust names phso or lgsco or cqc as where to go next, not icb-nhse',
    });
    expect(await submit(responseSummary('hpft', { coverLetter: false }))).toEqual({
      rule: 'R-RESP-2',
      message:
        'Hertfordshire Partnership University NHS Foundation Trust sends a cover letter from the Chief Executive; draft it first',
    });
    // Nothing went wrong: no apology or remedy is needed (R-RESP-1), and the draft may be submitted.
    const v1 = responseSummary('hpft', {
      outcomes: ['not-upheld', 'not-upheld'],
      remedies: [],
      without: ['apology'],
    });
    const submitted = await handle.executeUpdate(submitFinalResponseUpdate, {
      args: [{ by: 'handler-1', summary: v1 }],
    });
    expect(submitted.outcomeShared?.commentsRecorded).toBe(false);
    expect((await submit(v1)).rule).toBe('R-RESP-1'); // already awaiting sign-off
    await letterSent(harness, 'final-response-1-v1-complaints-team-check');

    expect(await approve('chief-executive-approval', 'responsible-person', 'rp-1')).toEqual({
      rule: 'R-RESP-2',
      message: 'the next sign-off step is complaints-team-check',
    });
    expect(await approve('complaints-team-check', 'responsible-person', 'rp-1')).toEqual({
      rule: 'R-RESP-2',
      message: 'complaints-team-check is signed off by: complaints-manager',
    });
    expect(await approve('complaints-team-check', 'complaints-manager', 'cm-1', 2)).toEqual({
      rule: 'R-RESP-2',
      message: 'version 1 was submitted for sign-off, not version 2',
    });
    expect(await approve('complaints-team-check', 'complaints-manager', 'handler-1')).toEqual({
      rule: 'R-RESP-2',
      message: 'the person who submitted the response cannot also sign it off',
    });
    await handle.executeUpdate(approveFinalResponseUpdate, {
      args: [{ by: 'cm-1', role: 'complaints-manager', step: 'complaints-team-check', version: 1 }],
    });
    await letterSent(harness, 'final-response-1-v1-chief-executive-approval');
    expect(await approve('complaints-team-check', 'complaints-manager', 'cm-1')).toEqual({
      rule: 'R-RESP-2',
      message: 'the next sign-off step is chief-executive-approval',
    });
    expect(
      await refusal(
        handle.executeUpdate(returnFinalResponseUpdate, {
          args: [{ by: 'cm-1', role: 'complaints-manager' }],
        }),
      ),
    ).toEqual({
      rule: 'R-RESP-2',
      message: 'only responsible-person can return it at chief-executive-approval',
    });

    const returned = await handle.executeUpdate(returnFinalResponseUpdate, {
      args: [{ by: 'rp-1', role: 'responsible-person' }],
    });
    expect(returned).toEqual({
      outcomeShared: { on: '2036-03-03', by: 'handler-1', commentsRecorded: false },
      approvals: [],
    });
    expect((await handle.query(processStateQuery)).stage).toBe('closer-look');
    expect(await approve('chief-executive-approval', 'responsible-person', 'rp-1')).toEqual({
      rule: 'R-RESP-2',
      message: 'no final response is awaiting sign-off (stage: closer-look)',
    });

    // Resubmitted (a changed draft, version 2): the chain starts again from the Complaints Team check.
    const v2 = { ...v1, version: 2 };
    await handle.executeUpdate(submitFinalResponseUpdate, { args: [{ by: 'handler-1', summary: v2 }] });
    await letterSent(harness, 'final-response-1-v2-complaints-team-check');
    expect(await approve('chief-executive-approval', 'responsible-person', 'rp-1', 2)).toEqual({
      rule: 'R-RESP-2',
      message: 'the next sign-off step is complaints-team-check',
    });
    await handle.executeUpdate(approveFinalResponseUpdate, {
      args: [{ by: 'cm-1', role: 'complaints-manager', step: 'complaints-team-check', version: 2 }],
    });
    await letterSent(harness, 'final-response-1-v2-chief-executive-approval');
    await handle.executeUpdate(approveFinalResponseUpdate, {
      args: [{ by: 'rp-1', role: 'responsible-person', step: 'chief-executive-approval', version: 2 }],
    });
    const sent = await waitForState(handle, (state) => state.stage === 'closed');
    expect(sent.finalResponse?.sent).toEqual({
      on: '2036-03-03',
      version: 2,
      onTime: true,
      ombudsman: 'phso',
    });
    expect(sent.finalResponse?.approvals.map((a) => [a.step, a.version])).toEqual([
      ['complaints-team-check', 2],
      ['chief-executive-approval', 2],
    ]);
  });
  expect(eventTypes(harness).filter((type) => type.startsWith('final-response'))).toEqual([
    'final-response-submitted',
    'final-response-approved',
    'final-response-returned',
    'final-response-submitted',
    'final-response-approved',
    'final-response-approved',
    'final-response-sent',
  ]);
  expect(harness.events.find((event) => event.type === 'final-response-returned')?.data).toEqual({
    version: 1,
    role: 'responsible-person',
  });
  expect(
    harness.letters
      .filter((l) => l.template.startsWith('final-response'))
      .map((l) => [l.step, l.facts?.finalResponseVersion]),
  ).toEqual([
    ['final-response-1', 2],
    ['final-response-cover-1', 2],
  ]);
});

it('PHSO model: a returned draft resubmitted unchanged is refused — it was sent back for changes, and its approvers would not hear of it again (R-RESP-2)', async () => {
  harness = await createLifecycleHarness(START_AT);
  await harness.run(async () => {
    const handle = await startInCloserLook(harness, input('phso-model', 'NCT', '000302'));
    await handle.executeUpdate(shareOutcomeUpdate, { args: [{ by: 'handler-1', commentsRecorded: true }] });
    const v1 = responseSummary('phso-model');
    // R-INV-4: the PHSO model's timescale is agreed with the person before a response keeps to it.
    expect(
      await refusal(
        handle.executeUpdate(submitFinalResponseUpdate, { args: [{ by: 'handler-1', summary: v1 }] }),
      ),
    ).toEqual({
      rule: 'R-INV-4',
      message:
        'no final-response date has been agreed with the person: agree one first (POST …/timescale or the plan’s agreedDue)',
    });
    await agreeDateWithPerson(harness, handle);
    await handle.executeUpdate(submitFinalResponseUpdate, { args: [{ by: 'handler-1', summary: v1 }] });
    await letterSent(harness, 'final-response-1-v1-sign-off');
    await handle.executeUpdate(returnFinalResponseUpdate, { args: [{ by: 'sm-1', role: 'senior-manager' }] });
    expect(
      await refusal(
        handle.executeUpdate(submitFinalResponseUpdate, { args: [{ by: 'handler-1', summary: v1 }] }),
      ),
    ).toEqual({
      rule: 'R-RESP-2',
      message: 'version 1 was returned for changes; submit the changed draft (a later version)',
    });
    const sent = await respond(harness, handle, { ...v1, version: 2 }, [['responsible-person', 'rp-1']]);
    expect(sent.finalResponse?.sent?.version).toBe(2);
  });
  // Each submission reached the Responsible Person: one approval request per version.
  expect(harness.letters.filter((l) => l.template === 'approval-request').map((l) => l.step)).toEqual([
    'final-response-1-v1-sign-off',
    'final-response-1-v2-sign-off',
  ]);
});

it('iTrust: while the signed response is being sent, a further approval or a return is refused, not a crash (R-RESP-2)', async () => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let holding = false;
  harness = await createLifecycleHarness(START_AT, {
    beforeSend: async (letter) => {
      if (letter.template !== 'final-response') return;
      holding = true;
      // Held until released, or 15 s at most, so a failing assertion cannot leave the worker unable to stop.
      await Promise.race([held, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    },
  });
  await harness.run(async () => {
    const handle = await startInCloserLook(harness, input('itrust', 'ITRUST', '000303'));
    await handle.executeUpdate(shareOutcomeUpdate, { args: [{ by: 'handler-1', commentsRecorded: true }] });
    await handle.executeUpdate(submitFinalResponseUpdate, {
      args: [{ by: 'handler-1', summary: responseSummary('itrust') }],
    });
    await handle.executeUpdate(approveFinalResponseUpdate, {
      args: [{ by: 'rp-1', role: 'responsible-person', step: 'sign-off', version: 1 }],
    });
    await eventually(() => holding, 'final response in flight');
    expect((await handle.query(processStateQuery)).stage).toBe('awaiting-sign-off');
    const signedOff = {
      rule: 'R-RESP-2',
      message: 'the final response is signed off and on its way to the person',
    };
    expect(
      await refusal(
        handle.executeUpdate(approveFinalResponseUpdate, {
          args: [{ by: 'sm-1', role: 'senior-manager', step: 'sign-off', version: 1 }],
        }),
      ),
    ).toEqual(signedOff);
    expect(
      await refusal(
        handle.executeUpdate(returnFinalResponseUpdate, {
          args: [{ by: 'rp-1', role: 'responsible-person' }],
        }),
      ),
    ).toEqual(signedOff);
    release();
    const state = await waitForState(handle, (s) => s.stage === 'closed');
    expect(state.finalResponse?.approvals).toHaveLength(1);
  });
});

it('HPFT: an approval request whose step is signed off while it waits its turn is not sent (issue #12 point 6, R-RESP-2)', async () => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let holding = false;
  harness = await createLifecycleHarness(START_AT, {
    beforeSend: async (letter) => {
      if (letter.step !== 'final-response-1-v1-complaints-team-check') return;
      holding = true;
      await Promise.race([held, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    },
  });
  await harness.run(async () => {
    const handle = await startInCloserLook(harness, input('hpft', 'HPFT', '000304'));
    await handle.executeUpdate(shareOutcomeUpdate, { args: [{ by: 'handler-1', commentsRecorded: true }] });
    await handle.executeUpdate(submitFinalResponseUpdate, {
      args: [{ by: 'handler-1', summary: responseSummary('hpft') }],
    });
    // The complaints team's request is on its way (held); both steps are signed off meanwhile, so the Chief
    // Executive's request, queued behind it, asks for nothing by the time its turn comes.
    await eventually(() => holding, 'the first approval request in flight');
    for (const [step, role, by] of [
      ['complaints-team-check', 'complaints-manager', 'cm-1'],
      ['chief-executive-approval', 'responsible-person', 'rp-1'],
    ] as const)
      await handle.executeUpdate(approveFinalResponseUpdate, { args: [{ by, role, step, version: 1 }] });
    release();
    await waitForState(handle, (state) => state.finalResponse?.sent !== undefined);
    await letterSent(harness, 'final-response-1');
    await recordHistory(handle, 'hpft-signed-off-before-the-approval-request-went');
  });
  expect(harness.letters.filter((l) => l.template === 'approval-request').map((l) => l.step)).toEqual([
    'final-response-1-v1-complaints-team-check',
  ]);
});

it('iTrust: withdrawn while the signed response is being sent — it goes and is recorded, and the complaint stays withdrawn', async () => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let holding = false;
  harness = await createLifecycleHarness(START_AT, {
    beforeSend: async (letter) => {
      if (letter.template !== 'final-response') return;
      holding = true;
      await Promise.race([held, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    },
  });
  await harness.run(async () => {
    const handle = await startInCloserLook(harness, input('itrust', 'ITRUST', '000305'));
    await handle.executeUpdate(shareOutcomeUpdate, { args: [{ by: 'handler-1', commentsRecorded: true }] });
    await handle.executeUpdate(submitFinalResponseUpdate, {
      args: [{ by: 'handler-1', summary: responseSummary('itrust') }],
    });
    await handle.executeUpdate(approveFinalResponseUpdate, {
      args: [{ by: 'rp-1', role: 'responsible-person', step: 'sign-off', version: 1 }],
    });
    await eventually(() => holding, 'final response in flight');
    await handle.executeUpdate(withdrawUpdate, { args: [{ by: 'handler-1' }] });
    release();
    const final = await handle.result();
    expect(final.stage).toBe('withdrawn');
    expect(final.closed?.reason).toBe('withdrawn');
    expect(final.finalResponse?.sent?.version).toBe(1);
    expect(final.nextDeadline).toBeNull();
  });
  const sent = harness.events.find((event) => event.type === 'final-response-sent');
  expect(sent?.projection?.stage).toBe('withdrawn');
  expect(eventTypes(harness).filter((type) => type === 'closed')).toEqual([]);
});

it('HPFT: a response cannot be submitted while the clock is paused — the open pause would outlive the round (R-INV-6)', async () => {
  harness = await createLifecycleHarness(START_AT);
  await harness.run(async () => {
    const handle = await startInCloserLook(harness, input('hpft', 'HPFT', '000304'));
    await handle.executeUpdate(shareOutcomeUpdate, { args: [{ by: 'handler-1', commentsRecorded: true }] });
    await handle.executeUpdate(pauseClockUpdate, { args: [{ by: 'handler-1', reason: 'seeking-consent' }] });
    expect(
      await refusal(
        handle.executeUpdate(submitFinalResponseUpdate, {
          args: [{ by: 'handler-1', summary: responseSummary('hpft') }],
        }),
      ),
    ).toEqual({ rule: 'R-INV-6', message: 'the clock is paused since 2036-03-03; resume it first' });
    await harness.env.sleep('1 day');
    expect((await handle.executeUpdate(resumeClockUpdate, { args: [{ by: 'handler-1' }] })).due).toBe(
      '2036-04-23',
    );
    const sent = await respond(harness, handle, responseSummary('hpft'));
    expect(sent.finalResponse?.sent?.on).toBe('2036-03-04');
  });
});

describe('R-INV-5: the final-response date extended with the person', () => {
  it('HPFT: extended the day before it falls due — the person is told why and by when, the reminder and escalation follow the new date; past, earlier, paused and unexplained extensions refused', async () => {
    harness = await createLifecycleHarness(START_AT);
    await harness.run(async () => {
      const handle = await startInCloserLook(harness, input('hpft', 'HPFT', '000310'));
      // Tue 22 Apr 2036, 12:00 BST: reminded at 09:00 for Wed 23 Apr.
      await harness.env.sleep(Date.parse('2036-04-22T11:00:00Z') - Date.parse(START_AT));
      expect((await handle.query(processStateQuery)).closerLook?.reminderSentAt?.slice(0, 16)).toBe(
        '2036-04-22T08:00',
      );
      const agreement = { with: 'complainant', on: '2036-04-22', how: 'telephone' } as const;
      const extend = (
        newDue: string,
        reason = 'awaiting-clinical-view',
        agreed: Record<string, string> | null = agreement,
      ) =>
        handle.executeUpdate(extendFinalResponseUpdate, {
          args: [
            {
              by: 'handler-1',
              newDue,
              reason: reason as 'complexity',
              agreement: (agreed ?? undefined) as typeof agreement | undefined,
            },
          ],
        });
      expect(await refusal(extend('2036-04-21'))).toEqual({
        rule: 'R-INV-5',
        message: 'the new date 2036-04-21 is in the past (today is 2036-04-22)',
      });
      expect(await refusal(extend('2036-04-23'))).toEqual({
        rule: 'R-INV-5',
        message: 'the new date must be after the current one (2036-04-23)',
      });
      expect(await refusal(extend('2036-05-09', 'we-are-busy'))).toEqual({
        rule: 'R-INV-5',
        message: 'reason must be one of the listed reasons',
      });
      expect(await refusal(extend('9 May'))).toEqual({
        rule: 'R-INV-5',
        message: 'newDue must be an ISO date',
      });
      // R-INV-5 (HPFT): an extension agreed with the complainant, so the agreement is recorded: who, when, how.
      expect(await refusal(extend('2036-05-09', 'complexity', null))).toEqual({
        rule: 'R-INV-5',
        message:
          'agreement is required: a new date is agreed with the person (with whom, on which day and how)',
      });
      expect(
        await refusal(extend('2036-05-09', 'complexity', { ...agreement, how: 'carrier-pigeon' })),
      ).toEqual({
        rule: 'R-INV-5',
        message: 'agreement.how must be one of telephone, meeting, video-call, email, letter',
      });
      expect(await refusal(extend('2036-05-09', 'complexity', { ...agreement, on: '2036-04-23' }))).toEqual({
        rule: 'R-INV-5',
        message: 'on (2036-04-23) is after today (2036-04-22): name the day it happened',
      });
      expect(
        await refusal(extend('2036-05-09', 'complexity', { ...agreement, on: '2035-01-01' })),
      ).toMatchObject({
        rule: 'R-INV-5',
        message: expect.stringMatching(/^on \(2035-01-01\) is before /),
      });
      await handle.executeUpdate(pauseClockUpdate, {
        args: [{ by: 'handler-1', reason: 'seeking-consent' }],
      });
      expect(await refusal(extend('2036-05-09'))).toEqual({
        rule: 'R-INV-6',
        message: 'the clock is paused since 2036-04-22; resume it first',
      });
      // Resumed the day it began, the pause pauses nothing.
      expect((await handle.executeUpdate(resumeClockUpdate, { args: [{ by: 'handler-1' }] })).due).toBe(
        '2036-04-23',
      );

      const extended = await extend('2036-05-09');
      expect(extended).toEqual({
        basis: 'agreed-with-complainant',
        due: '2036-05-09',
        agreed: { date: '2036-05-09', on: '2036-04-22' },
        reminderSentAt: expect.stringMatching(/^2036-04-22T08:00/),
        extensions: [
          {
            agreedOn: '2036-04-22',
            agreement: { with: 'complainant', on: '2036-04-22', how: 'telephone' },
            from: '2036-04-23',
            to: '2036-05-09',
            reason: 'awaiting-clinical-view',
            by: 'handler-1',
          },
        ],
      });
      expect((await handle.query(processStateQuery)).nextDeadline).toBe('2036-05-09');
      await letterSent(harness, 'final-response-extension-1-1');

      // Sun 11 May: no breach for 23 Apr; reminded Thu 8 May 09:00, breached at the end of Fri 9 May.
      await harness.env.sleep('19 days');
      const state = await handle.query(processStateQuery);
      expect(state.closerLook?.reminderSentAt?.slice(0, 16)).toBe('2036-05-08T08:00');
      expect(state.closerLook?.breachedAt?.slice(0, 16)).toBe('2036-05-09T23:00');
      expect(state.breached).toBe(true);
      await recordHistory(handle, 'hpft-final-response-extended-with-agreement-then-missed');
    });
    expect(harness.letters.slice(1).map(letterFacts)).toEqual([
      {
        step: 'final-response-reminder-2036-04-23',
        template: 'deadline-reminder',
        audience: 'handler',
        facts: { deadline: 'final response', due: '2036-04-23', rule: 'R-INV-4' },
      },
      {
        step: 'final-response-extension-1-1',
        template: 'timescale-extended',
        audience: 'complainant',
        facts: {
          previousDue: '2036-04-23',
          newDue: '2036-05-09',
          reason: 'awaiting-clinical-view',
          progressReport: false,
          agreedWith: 'complainant',
          agreedOn: '2036-04-22',
          agreedBy: 'telephone',
        },
      },
      {
        step: 'final-response-reminder-2036-05-09',
        template: 'deadline-reminder',
        audience: 'handler',
        facts: { deadline: 'final response', due: '2036-05-09', rule: 'R-INV-4' },
      },
      {
        step: 'final-response-escalation-2036-05-09',
        template: 'deadline-breach',
        audience: 'complaints-manager',
        facts: { deadline: 'final response', due: '2036-05-09', rule: 'R-INV-4' },
      },
    ]);
    expect(eventTypes(harness).slice(6)).toEqual([
      'final-response-reminder-sent',
      'clock-paused',
      'clock-resumed',
      'final-response-extended',
      'correspondence-sent',
      'final-response-reminder-sent',
      'final-response-deadline-breached',
      'final-response-breach-escalated',
    ]);
    expect(harness.events.find((e) => e.type === 'final-response-extended')?.data).toEqual({
      from: '2036-04-23',
      to: '2036-05-09',
      reason: 'awaiting-clinical-view',
      agreement: { with: 'complainant', on: '2036-04-22', how: 'telephone' },
    });
  });

  it('CWTH: the extension is the progress report with a new date (R-INV-4, R-INV-5)', async () => {
    harness = await createLifecycleHarness(START_AT);
    await harness.run(async () => {
      const handle = await startInCloserLook(harness, input('cwth', 'CWTH', '000311'));
      await harness.env.sleep('21 days'); // Mon 24 Mar
      const extended = await handle.executeUpdate(extendFinalResponseUpdate, {
        args: [{ by: 'handler-1', newDue: '2036-04-30', reason: 'complexity' }],
      });
      expect(extended.due).toBe('2036-04-30');
      await letterSent(harness, 'final-response-extension-1-1');
      // Wed 2 Apr, the working day before 3 Apr: nothing, the clock now runs to 30 Apr.
      await harness.env.sleep('10 days');
      expect((await handle.query(processStateQuery)).closerLook?.reminderSentAt).toBeUndefined();
      const sent = await respond(harness, handle, responseSummary('cwth'));
      expect(sent.finalResponse?.sent).toEqual({
        on: '2036-04-03',
        version: 1,
        onTime: true,
        ombudsman: 'icb-nhse',
      });
    });
    expect(letterFacts(harness.letters.find((l) => l.template === 'timescale-extended')!)).toEqual({
      step: 'final-response-extension-1-1',
      template: 'timescale-extended',
      audience: 'complainant',
      // CWTH sends a progress report with the new date: no agreement is asked for.
      facts: {
        previousDue: '2036-04-03',
        newDue: '2036-04-30',
        reason: 'complexity',
        progressReport: true,
        agreedWith: null,
        agreedOn: null,
        agreedBy: null,
      },
    });
    expect(
      harness.letters.filter((l) => l.audience !== 'complainant' && l.template !== 'approval-request'),
    ).toEqual([]);
  });
});

it('iTrust: a promised action not done by its date is reminded and escalated; withdrawing then ends the workflow (R-RESP-4)', async () => {
  harness = await createLifecycleHarness(START_AT);
  await harness.run(async () => {
    const handle = await startInCloserLook(harness, input('itrust', 'ITRUST', '000320'));
    const sent = await respond(
      harness,
      handle,
      responseSummary('itrust', {
        actions: [
          { id: 'A1', description: 'Refund', ownerId: 'staff-3', due: '2036-03-20' },
          { id: 'A2', description: 'New leaflet', ownerId: 'staff-4', due: '2036-03-14' },
        ],
      }),
    );
    expect(sent.stage).toBe('responded');
    expect(sent.nextDeadline).toBe('2036-03-14');
    await handle.executeUpdate(completeActionUpdate, { args: [{ by: 'staff-4', actionId: 'A2' }] });
    expect((await handle.query(processStateQuery)).nextDeadline).toBe('2036-03-20');
    expect(
      await refusal(
        handle.executeUpdate(completeActionUpdate, { args: [{ by: 'staff-4', actionId: 'A2' }] }),
      ),
    ).toEqual({ rule: 'R-RESP-4', message: 'action A2 was completed on 2036-03-03' });
    await harness.env.sleep('20 days'); // Sun 23 Mar: reminded Thu 19 Mar, breached at the end of Fri 20 Mar
    const state = await handle.query(processStateQuery);
    expect(state.breached).toBe(true);
    expect(state.stage).toBe('responded');
    const withdrawn = await handle.executeUpdate(withdrawUpdate, { args: [{ by: 'handler-1' }] });
    expect(withdrawn.closed?.reason).toBe('withdrawn');
    expect((await handle.result()).stage).toBe('withdrawn');
  });
  expect(
    harness.letters
      .filter((l) => l.audience !== 'complainant' && l.template !== 'approval-request')
      .map(letterFacts),
  ).toEqual([
    {
      step: 'promised-actions-reminder-2036-03-20',
      template: 'deadline-reminder',
      audience: 'handler',
      facts: { deadline: 'promised action', due: '2036-03-20', rule: 'R-RESP-4' },
    },
    {
      step: 'promised-actions-escalation-2036-03-20',
      template: 'deadline-breach',
      audience: 'complaints-manager',
      facts: { deadline: 'promised action', due: '2036-03-20', rule: 'R-RESP-4' },
    },
  ]);
  expect(harness.letters.some((l) => l.template === 'actions-completed')).toBe(false);
  // The worklist shows the earliest action due from the moment the response is sent.
  expect(harness.events.find((event) => event.type === 'final-response-sent')?.projection?.nextDeadline).toBe(
    '2036-03-14',
  );
  expect(APPROVERS['responsible-person']).toBe('rp-1');
});
