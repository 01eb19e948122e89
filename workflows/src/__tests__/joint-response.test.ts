// The jointResponse workflow (R-JOINT-2 … 7, ADR 0019) on the time-skipping server, activities mocked: who is
// told, contribution deadlines with reminder and escalation, conflicts, the all-approve gate, the partial
// response with the late organisation's apology, review, withdrawal, change of lead and disagreement.
import type { WorkflowHandle } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '@complaints/temporal';
import {
  agreeJointTimescaleUpdate,
  decideOnDraftUpdate,
  decidePartialResponseUpdate,
  draftSharedForApprovalSignal,
  flagConflictUpdate,
  jointResponseSentSignal,
  raiseDisagreementUpdate,
  recordCoordinationUpdate,
  recordDisagreementOutcomeUpdate,
  recordJointReviewUpdate,
  recordLearningUpdate,
  recordVariationUpdate,
  resolveConflictUpdate,
  submitContributionUpdate,
  withdrawFromJointCaseUpdate,
  type DraftDecision,
} from '../joint-response/messages';
import { eventually, recordHistory, refusal } from './lifecycle-harness';
import {
  createJointHarness,
  HERTS_INPUT,
  partnerOf,
  stateOf,
  waitForJointState,
  type JointHarness,
} from './joint-response/joint-harness';

jest.setTimeout(90_000);

let harness: JointHarness;
afterEach(async () => harness?.teardown());

const START = '2036-03-03T10:00:00Z'; // Monday
const TIMESCALE = {
  by: 'cm-hpft',
  responseDueOn: '2036-04-14',
  contributionDue: { HCCACS: '2036-03-20', ENHT: '2036-03-27' },
};

const contribute = (handle: WorkflowHandle, partnerCode: string, version = 1, apologised = false) =>
  handle.executeUpdate(submitContributionUpdate, {
    args: [{ by: `${partnerCode.toLowerCase()}-cm`, partnerCode, version, apologised }],
  });
const decide = (handle: WorkflowHandle, partnerCode: string, version: number, decision: DraftDecision) =>
  handle.executeUpdate(decideOnDraftUpdate, {
    args: [{ by: `${partnerCode.toLowerCase()}-cm`, partnerCode, version, decision }],
  });
const noticesOf = (h: JointHarness, notice: string) =>
  h.notices.filter((n) => n.notice === notice).map((n) => n.partnerCode);

async function started(h: JointHarness): Promise<WorkflowHandle> {
  const handle = await h.start(HERTS_INPUT);
  await waitForJointState(handle, (s) =>
    s.partners.every((p) => p.role === 'copied' || p.notified !== undefined),
  );
  return handle;
}

it('R-JOINT-3 R-JOINT-2 R-JOINT-4: every partner is told (a bounce goes to the lead), the copied one is not asked to act, and a late contribution is reminded, escalated and shown as late', async () => {
  harness = await createJointHarness(START);
  harness.bouncing.add('ENHT');
  await harness.run(async () => {
    const handle = await started(harness);
    expect(noticesOf(harness, 'joint-case-opened').sort()).toEqual(['ENHT', 'HCCACS']);
    const opened = await stateOf(handle);
    expect(partnerOf(opened, 'EEAST').notified).toBeUndefined();
    expect(partnerOf(opened, 'ENHT').notified).toMatchObject({ to: 'deputy', bounced: true });
    await eventually(
      () =>
        harness.events.find((e) => e.type === 'joint-partner-email-bounced' && e.data?.partner === 'ENHT'),
      'the lead is told of the bounce',
    );
    // R-JOINT-2: merely copied in, EEAST neither contributes nor approves.
    expect(await refusal(contribute(handle, 'EEAST'))).toEqual({
      rule: 'R-JOINT-2',
      message: 'EEAST was copied in: it neither contributes nor approves',
    });
    expect(
      await refusal(
        handle.executeUpdate(agreeJointTimescaleUpdate, {
          args: [{ ...TIMESCALE, contributionDue: { HCCACS: '2036-03-20' } }],
        }),
      ),
    ).toEqual({ rule: 'R-JOINT-4', message: 'contributionDue.ENHT must be a date (YYYY-MM-DD)' });
    expect(
      await refusal(
        handle.executeUpdate(agreeJointTimescaleUpdate, {
          args: [{ ...TIMESCALE, contributionDue: { HCCACS: '2036-05-01', ENHT: '2036-03-27' } }],
        }),
      ),
    ).toMatchObject({ rule: 'R-JOINT-4' });
    const agreed = await handle.executeUpdate(agreeJointTimescaleUpdate, { args: [TIMESCALE] });
    expect(agreed.nextDeadline).toBe('2036-03-20');
    // R-JOINT-3: the meeting of a complex case is recorded; nothing waits for it.
    await handle.executeUpdate(recordCoordinationUpdate, {
      args: [{ by: 'cm-hpft', heldOn: '2036-03-03', kind: 'call', attended: ['HPFT', 'HCCACS', 'ENHT'] }],
    });
    await contribute(handle, 'HCCACS');
    expect(await refusal(contribute(handle, 'HCCACS'))).toEqual({
      rule: 'R-JOINT-4',
      message: "the next version of HCCACS's contribution is 2",
    });

    await harness.env.sleep('24 days'); // Fri 27 Mar 10:00: reminded on Thu 26 Mar at 09:00
    await eventually(() => noticesOf(harness, 'contribution-reminder').includes('ENHT'), 'ENHT reminded');
    expect(noticesOf(harness, 'contribution-reminder')).toEqual(['ENHT']);
    await harness.env.sleep('1 day'); // the 27th ended: overdue
    const late = await waitForJointState(handle, (s) => partnerOf(s, 'ENHT').lateSince === '2036-03-27');
    expect(late.stage).toBe('gathering-contributions');
    expect(noticesOf(harness, 'contribution-overdue')).toEqual(['ENHT']);
    await eventually(
      () => harness.events.find((e) => e.type === 'joint-contribution-overdue'),
      'the lead sees it overdue',
    );
    const described = await handle.describe();
    expect(described.typedSearchAttributes.get(SEARCH_ATTRIBUTES.latePartners)).toEqual(['ENHT']);
    expect(described.typedSearchAttributes.get(SEARCH_ATTRIBUTES.stage)).toBe('gathering-contributions');
    expect(described.typedSearchAttributes.get(SEARCH_ATTRIBUTES.leadOrganisation)).toBe('HPFT');

    // R-JOINT-4: it warns the others it cannot meet the agreed timescale.
    const warned = await handle.executeUpdate(recordVariationUpdate, {
      args: [
        {
          by: 'enht-cm',
          partnerCode: 'ENHT',
          variationId: 'v-1',
          kind: 'cannot-meet',
          expectedOn: '2036-04-03',
        },
      ],
    });
    expect(partnerOf(warned, 'ENHT').cannotMeetAgreed).toEqual({
      warnedOn: '2036-03-28',
      expectedOn: '2036-04-03',
    });
    await eventually(() => noticesOf(harness, 'partner-cannot-meet').includes('HCCACS'), 'HCCACS told');
    expect(noticesOf(harness, 'partner-cannot-meet')).toEqual(['HCCACS']);
    await recordHistory(handle, 'joint-response/hpft-partner-late-reminded-escalated');
  });
  // Copied in only, EEAST is never asked to act (the saved history is from before the patch, when it was told).
  expect(harness.notices.filter((n) => n.partnerCode === 'EEAST')).toEqual([]);
});

it('R-JOINT-4 R-JOINT-5: conflicting information is resolved before approval, a superseded draft cannot be approved, and only when every partner approved the version is the lead told', async () => {
  harness = await createJointHarness(START);
  await harness.run(async () => {
    const handle = await started(harness);
    await handle.executeUpdate(agreeJointTimescaleUpdate, { args: [TIMESCALE] });
    await contribute(handle, 'HCCACS');
    await contribute(handle, 'ENHT');
    await handle.executeUpdate(flagConflictUpdate, {
      args: [{ by: 'cm-hpft', conflictId: 'c-1', between: ['HCCACS', 'ENHT'] }],
    });
    expect((await stateOf(handle)).stage).toBe('resolving-conflicts');
    expect(await refusal(decide(handle, 'HCCACS', 1, 'approved'))).toEqual({
      rule: 'R-JOINT-5',
      message: 'no draft is out for approval',
    });
    await handle.signal(draftSharedForApprovalSignal, { version: 1, approvalDueOn: '2036-03-13' });
    await eventually(() => noticesOf(harness, 'draft-for-approval').length === 2, 'draft sent to both');
    expect(await refusal(decide(handle, 'HCCACS', 1, 'approved'))).toEqual({
      rule: 'R-JOINT-4',
      message: 'conflicting information must be resolved between the organisations first',
    });
    await handle.executeUpdate(resolveConflictUpdate, { args: [{ by: 'cm-hpft', conflictId: 'c-1' }] });
    await decide(handle, 'HCCACS', 1, 'approved');
    const returned = await decide(handle, 'ENHT', 1, 'changes-requested');
    expect(returned.approvedVersion).toBeUndefined();
    expect(returned.stage).toBe('awaiting-approval');

    await handle.signal(draftSharedForApprovalSignal, { version: 2, approvalDueOn: '2036-03-17' });
    await waitForJointState(handle, (s) => s.draft?.version === 2);
    expect(await refusal(decide(handle, 'HCCACS', 1, 'approved'))).toEqual({
      rule: 'R-JOINT-5',
      message: 'version 1 was superseded by version 2',
    });
    await decide(handle, 'HCCACS', 2, 'approved');
    expect(await harness.approvedVersions()).toEqual([]);
    const approved = await decide(handle, 'ENHT', 2, 'approved');
    expect(approved.stage).toBe('approved');
    expect(await eventuallyApproved(harness)).toEqual([2]);
    await handle.signal(jointResponseSentSignal, { version: 2, partial: false });
    await waitForJointState(handle, (s) => s.stage === 'responded');
    await recordHistory(handle, 'joint-response/hpft-conflict-resolved-all-approved');
  });
});

async function eventuallyApproved(h: JointHarness): Promise<number[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const versions = await h.approvedVersions();
    if (versions.length > 0 || Date.now() > deadline) return versions;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it("R-JOINT-6: on a partner's unreasonable delay the lead goes ahead with a partial response, and the late organisation's later response must apologise", async () => {
  harness = await createJointHarness(START);
  await harness.run(async () => {
    const handle = await started(harness);
    await handle.executeUpdate(agreeJointTimescaleUpdate, { args: [TIMESCALE] });
    await contribute(handle, 'HCCACS');
    expect(
      await refusal(
        handle.executeUpdate(decidePartialResponseUpdate, { args: [{ by: 'cm-hpft', without: ['ENHT'] }] }),
      ),
    ).toEqual({ rule: 'R-JOINT-6', message: 'ENHT is not late: its contribution is due 2036-03-27' });
    await harness.env.sleep('25 days'); // Sat 28 Mar: ENHT's deadline passed
    await waitForJointState(handle, (s) => partnerOf(s, 'ENHT').lateSince !== undefined);
    expect(
      await refusal(
        handle.executeUpdate(decidePartialResponseUpdate, { args: [{ by: 'cm-hpft', without: ['HCCACS'] }] }),
      ),
    ).toEqual({ rule: 'R-JOINT-6', message: 'HCCACS has contributed' });
    await handle.executeUpdate(decidePartialResponseUpdate, { args: [{ by: 'cm-hpft', without: ['ENHT'] }] });
    await handle.signal(draftSharedForApprovalSignal, { version: 1, approvalDueOn: '2036-04-03' });
    await waitForJointState(handle, (s) => s.draft?.version === 1);
    expect(noticesOf(harness, 'draft-for-approval')).toEqual(['HCCACS']);
    expect(await refusal(decide(handle, 'ENHT', 1, 'approved'))).toEqual({
      rule: 'R-JOINT-6',
      message: "the response goes without ENHT's part (a partial response)",
    });
    await decide(handle, 'HCCACS', 1, 'approved');
    expect(await eventuallyApproved(harness)).toEqual([1]);
    // As the lead's workflow sends it (it does not know): the joint workflow knows the response was partial.
    await handle.signal(jointResponseSentSignal, { version: 1, partial: false });
    await waitForJointState(handle, (s) => s.sent?.partial === true);
    expect(await refusal(contribute(handle, 'ENHT'))).toEqual({
      rule: 'R-JOINT-6',
      message: "ENHT's later response must apologise for the delay",
    });
    const later = await contribute(handle, 'ENHT', 1, true);
    expect(partnerOf(later, 'ENHT').contribution).toEqual({
      version: 1,
      submittedOn: '2036-03-28',
      late: true,
      apologised: true,
    });
    await recordHistory(handle, 'joint-response/hpft-partial-response-later-apology');
  });
  expect(harness.events.find((e) => e.type === 'joint-response-sent')?.data).toMatchObject({
    partial: true,
    without: ['ENHT'],
  });
});

it('R-JOINT-7: after the review a partner whose part is resolved withdraws, the lead changes, a disagreement goes to senior managers, and learning from every organisation closes the case', async () => {
  harness = await createJointHarness(START);
  await harness.run(async () => {
    const handle = await started(harness);
    await handle.executeUpdate(agreeJointTimescaleUpdate, { args: [TIMESCALE] });
    await contribute(handle, 'HCCACS');
    await contribute(handle, 'ENHT');
    expect(
      await refusal(
        handle.executeUpdate(recordJointReviewUpdate, { args: [{ by: 'cm-hpft', resolvedFor: ['HCCACS'] }] }),
      ),
    ).toEqual({ rule: 'R-JOINT-7', message: 'a review follows the joint response' });
    await handle.signal(draftSharedForApprovalSignal, { version: 1, approvalDueOn: '2036-03-13' });
    await waitForJointState(handle, (s) => s.draft?.version === 1);
    await decide(handle, 'HCCACS', 1, 'approved');
    await decide(handle, 'ENHT', 1, 'approved');
    expect(await eventuallyApproved(harness)).toEqual([1]);
    await handle.signal(jointResponseSentSignal, { version: 1, partial: false });
    await waitForJointState(handle, (s) => s.stage === 'responded');
    expect(
      await refusal(
        handle.executeUpdate(withdrawFromJointCaseUpdate, {
          args: [{ by: 'hccacs-cm', partnerCode: 'HCCACS' }],
        }),
      ),
    ).toEqual({ rule: 'R-JOINT-7', message: 'HCCACS may withdraw once a review finds its part resolved' });

    const reviewed = await handle.executeUpdate(recordJointReviewUpdate, {
      args: [{ by: 'cm-hpft', resolvedFor: ['HCCACS'], newLeadCode: 'ENHT' }],
    });
    expect(reviewed.leadCode).toBe('ENHT');
    expect(reviewed.stage).toBe('under-review');
    await eventually(() => noticesOf(harness, 'lead-changed').length === 2, 'partners told of the review');
    await handle.executeUpdate(withdrawFromJointCaseUpdate, {
      args: [{ by: 'hccacs-cm', partnerCode: 'HCCACS' }],
    });
    expect(await refusal(contribute(handle, 'HCCACS', 2))).toEqual({
      rule: 'R-JOINT-7',
      message: `HCCACS withdrew on 2036-03-03`,
    });
    expect((await handle.describe()).typedSearchAttributes.get(SEARCH_ATTRIBUTES.leadOrganisation)).toBe(
      'ENHT',
    );

    await handle.executeUpdate(raiseDisagreementUpdate, {
      args: [{ by: 'enht-cm', partnerCode: 'ENHT', disagreementId: 'd-1', with: ['HPFT'] }],
    });
    await eventually(() => noticesOf(harness, 'disagreement-referred').includes('ENHT'), 'referred');
    for (const organisationCode of ['HPFT', 'ENHT'])
      await handle.executeUpdate(recordLearningUpdate, { args: [{ by: 'someone', organisationCode }] });
    expect((await stateOf(handle)).stage).not.toBe('closed');
    await handle.executeUpdate(recordDisagreementOutcomeUpdate, {
      args: [{ by: 'cm-hpft', disagreementId: 'd-1' }],
    });
    const final = await handle.result();
    expect(final.stage).toBe('closed');
    expect(final.learningFrom.sort()).toEqual(['ENHT', 'HPFT']);
    await recordHistory(handle, 'joint-response/hpft-review-withdrawal-lead-changed-closed');
  });
  expect(harness.events.map((e) => e.type)).toEqual(
    expect.arrayContaining([
      'joint-review-recorded',
      'joint-partner-withdrew',
      'joint-disagreement-referred',
      'joint-disagreement-outcome-recorded',
      'joint-response-closed',
    ]),
  );
});
