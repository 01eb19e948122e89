// R-JOINT-1, R-JOINT-2, R-JOINT-5 from the lead's side, on the time-skipping server: the complaint becomes
// joint (search attributes, the jointResponse child on the joint-protocol queue), its draft is shared with the
// partners, its sign-off waits for their approval of the version being signed, and the joint workflow hears
// when the response went. The partners' workflow is a clearly named STAND-IN (joint-response-stand-in.workflow.ts).
// Received Monday 3 March 2036, 10:00 GMT; HPFT acknowledges within 3 working days (Thu 6 Mar).
import type { WorkflowHandle } from '@temporalio/client';
import { jointResponseWorkflowId, SEARCH_ATTRIBUTES } from '@complaints/temporal';
import {
  approveFinalResponseUpdate,
  makeJointUpdate,
  returnFinalResponseUpdate,
  shareOutcomeUpdate,
  submitFinalResponseUpdate,
  type MakeJointCommand,
} from '../messages';
import {
  agreeDateWithPerson,
  createLifecycleHarness,
  eventTypes,
  letterSent,
  lifecycleInput,
  recordHistory,
  refusal,
  responseSummary,
  startInCloserLook,
  waitForState,
  type LifecycleHarness,
} from './lifecycle-harness';
import {
  agreeJointTimescaleUpdate,
  decideOnDraftUpdate,
  decidePartialResponseUpdate,
  submitContributionUpdate,
} from '../joint-response/messages';
import { partnerOf, stateOf, waitForJointState } from './joint-response/joint-harness';
import {
  standInPartnersApproveSignal,
  standInStateQuery,
  type StandInState,
} from './joint-response-stand-in.workflow';

jest.setTimeout(90_000);

const START_AT = '2036-03-03T10:00:00Z';
let harness: LifecycleHarness;
afterEach(async () => harness?.teardown());

const input = (profile: 'hpft' | 'phso-model', serial: string) =>
  lifecycleInput({
    reference: `${profile === 'hpft' ? 'HPFT' : 'NCT'}-2036-${serial}`,
    receivedOn: '2036-03-03',
    profile: { id: profile, version: 1 },
  });

/** Polls (in real time) the stand-in's state until `accept` holds; it may not have started yet. */
async function standIn(
  child: WorkflowHandle,
  accept: (state: StandInState) => boolean,
  what: string,
): Promise<StandInState> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const state = await child.query(standInStateQuery).catch(() => undefined);
    if (state && accept(state)) return state;
    if (Date.now() > deadline) throw new Error(`not reached: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const makeJoint = (jointCaseId: string, lead = 'HPFT'): MakeJointCommand => ({
  by: 'handler-1',
  jointCaseId,
  protocolCode: 'hertfordshire',
  leadCode: lead,
  members: [
    { code: lead, role: 'lead' },
    { code: 'HCCACS', role: 'partner' },
    { code: 'ENHT', role: 'copied' },
  ],
  leadReceivedOn: '2036-03-03',
  complex: true,
});

describe('a joint complaint, from the lead', () => {
  it('R-JOINT-1 R-JOINT-5: becomes joint, starts the jointResponse child, and is signed off only once every partner approved the version', async () => {
    harness = await createLifecycleHarness(START_AT, { jointResponse: 'stand-in' });
    await harness.run(async () => {
      const handle = await startInCloserLook(harness, input('hpft', '001300'));
      const joint = await handle.executeUpdate(makeJointUpdate, {
        args: [makeJoint('6f1d3c1e-0000-4000-8000-000000000013')],
      });
      expect(joint).toMatchObject({ leadCode: 'HPFT', approvedVersions: [], shared: [] });

      // Operations find it by lead and partners; the copied organisation is not a partner.
      const attributes = (await handle.describe()).typedSearchAttributes;
      expect(attributes.get(SEARCH_ATTRIBUTES.joint)).toBe(true);
      expect(attributes.get(SEARCH_ATTRIBUTES.leadOrganisation)).toBe('HPFT');
      expect(attributes.get(SEARCH_ATTRIBUTES.partnerOrganisations)).toEqual(['HCCACS']);

      // The child runs on the joint-protocol queue with organisation codes and dates only.
      const child = harness.env.client.workflow.getHandle(
        jointResponseWorkflowId('6f1d3c1e-0000-4000-8000-000000000013'),
      );
      const started = await standIn(child, () => true, 'jointResponse started');
      expect(started.input).toEqual({
        jointCaseId: '6f1d3c1e-0000-4000-8000-000000000013',
        complaintReference: 'HPFT-2036-001300',
        protocolCode: 'hertfordshire',
        leadCode: 'HPFT',
        members: makeJoint('x').members,
        leadReceivedOn: '2036-03-03',
        complex: true,
      });
      expect(eventTypes(harness)).toContain('became-joint');

      // R-JOINT-1: becoming joint twice is refused.
      expect(
        await refusal(handle.executeUpdate(makeJointUpdate, { args: [makeJoint('another')] })),
      ).toMatchObject({ rule: 'R-JOINT-1', message: expect.stringContaining('already joint') });

      await handle.executeUpdate(shareOutcomeUpdate, { args: [{ by: 'handler-1', commentsRecorded: true }] });
      await handle.executeUpdate(submitFinalResponseUpdate, {
        args: [{ by: 'handler-1', summary: responseSummary('hpft') }],
      });
      // R-JOINT-5: shared with the partners, approval due 5 working days on (Mon 3 Mar → Mon 10 Mar).
      expect((await child.query(standInStateQuery)).shared).toEqual([
        { version: 1, approvalDueOn: '2036-03-10' },
      ]);

      // The complaints team's check may go ahead; the Chief Executive's sign-off waits for the partners.
      await letterSent(harness, 'final-response-1-v1-complaints-team-check');
      await handle.executeUpdate(approveFinalResponseUpdate, {
        args: [{ by: 'cm-1', role: 'complaints-manager', step: 'complaints-team-check', version: 1 }],
      });
      const signOff = {
        by: 'rp-1',
        role: 'responsible-person',
        step: 'chief-executive-approval',
        version: 1,
      } as const;
      expect(await refusal(handle.executeUpdate(approveFinalResponseUpdate, { args: [signOff] }))).toEqual({
        rule: 'R-JOINT-5',
        message:
          'version 1 is with the partners for approval (due 2036-03-10); it is signed off once every partner approved it',
      });

      await child.signal(standInPartnersApproveSignal, { version: 1 });
      await waitForState(handle, (state) => state.joint?.approvedVersions.includes(1) === true);
      await handle.executeUpdate(approveFinalResponseUpdate, { args: [signOff] });
      const sent = await waitForState(handle, (state) => state.finalResponse?.sent !== undefined);
      expect(sent.finalResponse!.sent!.version).toBe(1);

      // The joint workflow hears that the one response went.
      const told = await standIn(
        child,
        (s) => s.sent !== undefined,
        'jointResponseSent reached the joint workflow',
      );
      expect(told.sent).toEqual({ version: 1, partial: false });
      expect(eventTypes(harness)).toEqual(
        expect.arrayContaining(['joint-draft-shared', 'joint-draft-approved', 'final-response-sent']),
      );
      await recordHistory(handle, 'hpft-joint-signed-after-partners-approved');
    });
  });

  it('R-JOINT-5: the partners approving an earlier version does not let a changed version be signed', async () => {
    harness = await createLifecycleHarness(START_AT, { jointResponse: 'stand-in' });
    await harness.run(async () => {
      const handle = await startInCloserLook(harness, input('phso-model', '001301'));
      await agreeDateWithPerson(harness, handle);
      await handle.executeUpdate(makeJointUpdate, {
        args: [makeJoint('6f1d3c1e-0000-4000-8000-000000000014', 'NCT')],
      });
      const child = harness.env.client.workflow.getHandle(
        jointResponseWorkflowId('6f1d3c1e-0000-4000-8000-000000000014'),
      );
      await handle.executeUpdate(shareOutcomeUpdate, { args: [{ by: 'handler-1', commentsRecorded: true }] });
      await handle.executeUpdate(submitFinalResponseUpdate, {
        args: [{ by: 'handler-1', summary: responseSummary('phso-model') }],
      });
      await child.signal(standInPartnersApproveSignal, { version: 1 });
      await waitForState(handle, (state) => state.joint?.approvedVersions.includes(1) === true);
      // The Responsible Person sends it back; version 2 goes to the partners again.
      await handle.executeUpdate(returnFinalResponseUpdate, {
        args: [{ by: 'rp-1', role: 'responsible-person' }],
      });
      await handle.executeUpdate(submitFinalResponseUpdate, {
        args: [{ by: 'handler-1', summary: responseSummary('phso-model', { version: 2 }) }],
      });
      const signOff = { by: 'rp-1', role: 'responsible-person', step: 'sign-off', version: 2 } as const;
      expect(
        await refusal(handle.executeUpdate(approveFinalResponseUpdate, { args: [signOff] })),
      ).toMatchObject({
        rule: 'R-JOINT-5',
        message: expect.stringContaining('version 2 is with the partners'),
      });
      expect((await child.query(standInStateQuery)).shared.map((s) => s.version)).toEqual([1, 2]);
      await child.signal(standInPartnersApproveSignal, { version: 2 });
      await waitForState(handle, (state) => state.joint?.approvedVersions.includes(2) === true);
      await handle.executeUpdate(approveFinalResponseUpdate, { args: [signOff] });
      await waitForState(handle, (state) => state.finalResponse?.sent?.version === 2);
      await recordHistory(handle, 'phso-model-joint-returned-then-approved-again');
    });
  });

  it("R-JOINT-6 R-JOINT-5: with the partners' real workflow, a partner late past its deadline is left out, the other approves, and the lead signs a partial response", async () => {
    harness = await createLifecycleHarness(START_AT, { jointResponse: 'real' });
    await harness.run(async () => {
      const handle = await startInCloserLook(harness, input('phso-model', '001310'));
      await agreeDateWithPerson(harness, handle);
      const jointCaseId = '6f1d3c1e-0000-4000-8000-000000000016';
      await handle.executeUpdate(makeJointUpdate, {
        args: [
          {
            ...makeJoint(jointCaseId, 'NCT'),
            members: [
              { code: 'NCT', role: 'lead' },
              { code: 'HCCACS', role: 'partner' },
              { code: 'ENHT', role: 'partner' },
            ],
          },
        ],
      });
      const child = harness.env.client.workflow.getHandle(jointResponseWorkflowId(jointCaseId));
      await waitForJointState(child, (s) => s.partners.every((p) => p.notified !== undefined));
      expect(harness.partnerNotices.map((n) => n.partnerCode).sort()).toEqual(['ENHT', 'HCCACS']);
      await child.executeUpdate(agreeJointTimescaleUpdate, {
        args: [
          {
            by: 'cm-nct',
            responseDueOn: '2036-04-14',
            contributionDue: { HCCACS: '2036-03-10', ENHT: '2036-03-10' },
          },
        ],
      });
      await child.executeUpdate(submitContributionUpdate, {
        args: [{ by: 'hccacs-cm', partnerCode: 'HCCACS', version: 1, apologised: false }],
      });
      await harness.env.sleep('8 days'); // Tue 11 Mar: ENHT's part is a day late
      await waitForJointState(child, (s) => partnerOf(s, 'ENHT').lateSince === '2036-03-10');
      await child.executeUpdate(decidePartialResponseUpdate, { args: [{ by: 'cm-nct', without: ['ENHT'] }] });

      // The lead's draft goes to the council only; its approval alone opens the lead's sign-off.
      await handle.executeUpdate(shareOutcomeUpdate, { args: [{ by: 'handler-1', commentsRecorded: true }] });
      await handle.executeUpdate(submitFinalResponseUpdate, {
        args: [{ by: 'handler-1', summary: responseSummary('phso-model') }],
      });
      await waitForJointState(child, (s) => s.draft?.version === 1);
      expect(
        harness.partnerNotices.filter((n) => n.notice === 'draft-for-approval').map((n) => n.partnerCode),
      ).toEqual(['HCCACS']);
      await child.executeUpdate(decideOnDraftUpdate, {
        args: [{ by: 'hccacs-cm', partnerCode: 'HCCACS', version: 1, decision: 'approved' }],
      });
      await waitForState(handle, (state) => state.joint?.approvedVersions.includes(1) === true);
      await handle.executeUpdate(approveFinalResponseUpdate, {
        args: [{ by: 'rp-1', role: 'responsible-person', step: 'sign-off', version: 1 }],
      });
      await waitForState(handle, (state) => state.finalResponse?.sent?.version === 1);
      // The joint workflow knows the response was partial; the late part must come with its apology.
      const sent = await waitForJointState(child, (s) => s.sent !== undefined);
      expect(sent.sent).toMatchObject({ version: 1, partial: true });
      expect(
        await refusal(
          child.executeUpdate(submitContributionUpdate, {
            args: [{ by: 'enht-cm', partnerCode: 'ENHT', version: 1, apologised: false }],
          }),
        ),
      ).toMatchObject({ rule: 'R-JOINT-6' });
      await child.executeUpdate(submitContributionUpdate, {
        args: [{ by: 'enht-cm', partnerCode: 'ENHT', version: 1, apologised: true }],
      });
      expect(partnerOf(await stateOf(child), 'ENHT').contribution).toMatchObject({ version: 1 });
      await recordHistory(handle, 'phso-model-joint-partial-response');
    });
  });

  it('R-JOINT-1: refuses a joint case without a partner, with a lead not named as lead, or once signed off', async () => {
    harness = await createLifecycleHarness(START_AT, { jointResponse: 'stand-in' });
    await harness.run(async () => {
      const handle = await startInCloserLook(harness, input('phso-model', '001302'));
      await agreeDateWithPerson(harness, handle);
      const noPartner = {
        ...makeJoint('a', 'NCT'),
        members: [
          { code: 'NCT', role: 'lead' },
          { code: 'ENHT', role: 'copied' },
        ],
      } as MakeJointCommand;
      expect(await refusal(handle.executeUpdate(makeJointUpdate, { args: [noPartner] }))).toMatchObject({
        rule: 'R-JOINT-1',
        message: expect.stringContaining('at least one partner'),
      });
      const wrongLead = { ...makeJoint('a', 'NCT'), leadCode: 'HCCACS' };
      expect(await refusal(handle.executeUpdate(makeJointUpdate, { args: [wrongLead] }))).toMatchObject({
        rule: 'R-JOINT-1',
        message: expect.stringContaining('exactly one member leads'),
      });
      // A complaint that is not joint signs off as before.
      await handle.executeUpdate(shareOutcomeUpdate, { args: [{ by: 'handler-1', commentsRecorded: true }] });
      await handle.executeUpdate(submitFinalResponseUpdate, {
        args: [{ by: 'handler-1', summary: responseSummary('phso-model') }],
      });
      expect(
        await refusal(handle.executeUpdate(makeJointUpdate, { args: [makeJoint('a', 'NCT')] })),
      ).toMatchObject({ rule: 'R-JOINT-1', message: expect.stringContaining('before its final response') });
      await handle.executeUpdate(approveFinalResponseUpdate, {
        args: [{ by: 'rp-1', role: 'responsible-person', step: 'sign-off', version: 1 }],
      });
      const state = await waitForState(handle, (s) => s.finalResponse?.sent !== undefined);
      expect(state.joint).toBeUndefined();
      expect((await handle.describe()).typedSearchAttributes.get(SEARCH_ATTRIBUTES.joint)).toBe(false);
      expect(eventTypes(harness)).not.toContain('joint-draft-shared');
    });
  });
});
