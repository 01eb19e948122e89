// One joint response from several organisations (procedure §6, R-JOINT-3 … 7; ADR 0019). Started by the lead's
// complaint workflow, it keeps each partner's part: notification, contribution deadline with reminder and
// escalation, variations and warnings, conflicts, approval of the lead's draft, partial response and the late
// organisation's later apology, review, withdrawal, disagreement and learning. Codes, dates and versions only.
import {
  condition,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { CaseEventInput } from '@complaints/activities/case-record';
import type { NotifyPartnerInput, NotifyPartnerResult } from '@complaints/activities/joint-response';
import { createWorkingDayCalendar, endOfLondonDay, isLocalDate, londonDate } from '@complaints/domain';
import { SEARCH_ATTRIBUTES, TASK_QUEUES } from '@complaints/temporal';
import { recordCaseEvent } from '../shared/activity-proxies';
import { keepDeadline } from '../shared/clock';
import { requireCommandSignatureCheck } from '../shared/command-signature.interceptor';
import { refuse } from '../shared/refusal';
import {
  agreeJointTimescaleUpdate,
  decideOnDraftUpdate,
  decidePartialResponseUpdate,
  draftSharedForApprovalSignal,
  flagConflictUpdate,
  jointDraftApprovedSignal,
  jointResponseSentSignal,
  jointResponseStateQuery,
  raiseDisagreementUpdate,
  recordCoordinationUpdate,
  recordDisagreementOutcomeUpdate,
  recordJointReviewUpdate,
  recordLearningUpdate,
  recordVariationUpdate,
  resolveConflictUpdate,
  submitContributionUpdate,
  withdrawFromJointCaseUpdate,
  type JointResponseInput,
  type JointResponseState,
  type JointStage,
  type PartnerCommand,
  type PartnerProgress,
} from './messages';

// Notifying a partner retries for as long as it takes, like every letter (SMTP down must not lose it).
const { notifyPartner } = proxyActivities<{
  notifyPartner(input: NotifyPartnerInput): Promise<NotifyPartnerResult>;
}>({
  taskQueue: TASK_QUEUES.jointProtocol,
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

export async function jointResponse(input: JointResponseInput): Promise<JointResponseState> {
  requireCommandSignatureCheck();
  const calendar = createWorkingDayCalendar();
  const today = () => londonDate(new Date());
  const state: JointResponseState = {
    stage: 'gathering-contributions',
    leadCode: input.leadCode,
    complex: input.complex,
    responseDueOn: null,
    partners: input.members
      .filter((member) => member.role !== 'lead')
      .map((member) => ({
        code: member.code,
        role: member.role,
        contributionDueOn: null,
        variations: [],
        remindedFor: [],
      })),
    conflicts: [],
    partialWithout: [],
    disagreements: [],
    learningFrom: [],
    nextDeadline: null,
  };

  const partner = (code: string) => state.partners.find((p) => p.code === code);
  /** Partners asked for a contribution (not copied in) and still taking part. */
  const contributors = () => state.partners.filter((p) => p.role === 'partner' && !p.withdrawnOn);
  /** Who must approve the draft (R-JOINT-5): contributors, less those a partial response went without (R-JOINT-6). */
  const approvers = () => contributors().filter((p) => !state.partialWithout.includes(p.code));
  const unresolvedConflicts = () => state.conflicts.filter((c) => !c.resolvedOn);
  const isMember = (code: string) =>
    code === input.leadCode || code === state.leadCode || partner(code) !== undefined;
  const closed = () =>
    state.sent !== undefined &&
    [...new Set([input.leadCode, state.leadCode, ...contributors().map((p) => p.code)])].every((code) =>
      state.learningFrom.includes(code),
    ) &&
    state.disagreements.every((d) => d.outcomeRecordedOn);

  function refresh(): void {
    state.stage = stageNow();
    const deadlines = [
      ...contributors()
        .filter((p) => !p.contribution && !state.partialWithout.includes(p.code))
        .map((p) => p.contributionDueOn),
      state.draft && state.approvedVersion !== state.draft.version && !state.sent
        ? state.draft.approvalDueOn
        : null,
      state.sent ? null : state.responseDueOn,
    ].filter((date): date is string => date !== null);
    state.nextDeadline = deadlines.length ? deadlines.sort()[0] : null;
    upsertSearchAttributes([
      { key: SEARCH_ATTRIBUTES.stage, value: state.stage },
      { key: SEARCH_ATTRIBUTES.leadOrganisation, value: state.leadCode },
      {
        key: SEARCH_ATTRIBUTES.nextDeadline,
        value: state.nextDeadline ? endOfLondonDay(state.nextDeadline) : null,
      },
      {
        key: SEARCH_ATTRIBUTES.latePartners,
        value: state.partners.filter((p) => isLate(p)).map((p) => p.code),
      },
    ]);
  }

  function isLate(p: PartnerProgress): boolean {
    if (p.withdrawnOn) return false;
    const contributionLate = p.lateSince !== undefined && !p.contribution;
    const approvalLate =
      state.draft?.overdueSince !== undefined &&
      approvers().includes(p) &&
      p.decision?.version !== state.draft.version;
    return contributionLate || approvalLate;
  }

  function stageNow(): JointStage {
    if (closed()) return 'closed';
    if (state.review && state.sent && state.review.openedOn >= state.sent.on) return 'under-review';
    if (state.sent) return 'responded';
    if (state.draft && state.approvedVersion === state.draft.version) return 'approved';
    if (unresolvedConflicts().length > 0) return 'resolving-conflicts';
    if (state.draft) return 'awaiting-approval';
    return 'gathering-contributions';
  }

  async function record(
    type: string,
    rule: string | undefined,
    by: string | null,
    data: Record<string, unknown>,
  ) {
    const event: CaseEventInput = {
      reference: input.complaintReference,
      occurredAt: new Date().toISOString(),
      type,
      rule,
      actor: by ? { type: 'staff', id: by } : { type: 'system', id: 'joint-response' },
      data: { jointCaseId: input.jointCaseId, ...data },
    };
    await recordCaseEvent(event);
  }

  /** Tells a partner; a bounce is the lead's to know (R-JOINT-3), and the deputy was tried. */
  async function tell(
    p: PartnerProgress,
    step: string,
    notice: NotifyPartnerInput['notice'],
    rule: string,
    due?: string | null,
  ) {
    const result = await notifyPartner({
      jointCaseId: input.jointCaseId,
      partnerCode: p.code,
      step,
      notice,
      due: due ?? null,
      rule,
    });
    if (result.bounced)
      await record('joint-partner-email-bounced', rule, null, {
        partner: p.code,
        step,
        triedDeputy: result.to === 'deputy',
        delivered: result.delivered,
      });
    return result;
  }

  /** R-JOINT-5: once every partner still taking part approved this version, and no conflict is open (R-JOINT-4). */
  async function checkApproved(): Promise<void> {
    const draft = state.draft;
    if (!draft || state.approvedVersion === draft.version || state.sent) return;
    if (unresolvedConflicts().length > 0) return;
    if (
      !approvers().every((p) => p.decision?.version === draft.version && p.decision.decision === 'approved')
    )
      return;
    state.approvedVersion = draft.version;
    refresh();
    // The lead's workflow gone (closed, or never started) must not stall this one: the lead sees it recorded.
    const delivered = await getExternalWorkflowHandle(input.complaintReference)
      .signal(jointDraftApprovedSignal, { version: draft.version })
      .then(
        () => true,
        () => false,
      );
    await record('joint-draft-approved', 'R-JOINT-5', null, {
      version: draft.version,
      approvedBy: approvers().map((p) => p.code),
      leadToldBySignal: delivered,
    });
  }

  function requirePartner(command: PartnerCommand): PartnerProgress {
    const p = partner(command.partnerCode);
    if (!p) refuse(null, `${command.partnerCode} is not a member of this joint case`);
    if (p.role === 'copied')
      refuse('R-JOINT-2', `${p.code} was copied in: it neither contributes nor approves`);
    if (p.withdrawnOn) refuse('R-JOINT-7', `${p.code} withdrew on ${p.withdrawnOn}`);
    return p;
  }

  const validDate = (value: unknown, name: string, rule: string): string => {
    if (!isLocalDate(value)) refuse(rule, `${name} must be a date (YYYY-MM-DD)`);
    return value;
  };

  // ——— The lead's workflow.
  setHandler(jointResponseStateQuery, () => state);

  setHandler(draftSharedForApprovalSignal, async ({ version, approvalDueOn }) => {
    if (state.draft && version <= state.draft.version) return;
    state.draft = { version, approvalDueOn };
    refresh();
    await Promise.all(
      approvers().map((p) =>
        tell(p, `draft-v${version}-${p.code}`, 'draft-for-approval', 'R-JOINT-5', approvalDueOn),
      ),
    );
  });

  setHandler(jointResponseSentSignal, async ({ version, partial: leadSaysPartial }) => {
    // R-JOINT-6 is decided here: the response the lead sent is partial when it went without someone's part.
    const partial = leadSaysPartial || state.partialWithout.length > 0;
    state.sent = { version, partial, on: today() };
    refresh();
    await record('joint-response-sent', partial ? 'R-JOINT-6' : 'R-JOINT-5', null, {
      version,
      partial,
      without: state.partialWithout,
    });
  });

  // ——— The lead's commands.
  setHandler(
    agreeJointTimescaleUpdate,
    async (command) => {
      state.responseDueOn = command.responseDueOn;
      for (const p of contributors()) p.contributionDueOn = command.contributionDue[p.code];
      refresh();
      await record('joint-timescale-agreed', 'R-JOINT-3', command.by, {
        responseDueOn: command.responseDueOn,
        contributionDue: command.contributionDue,
      });
      return state;
    },
    {
      validator: (command) => {
        if (state.sent) refuse('R-JOINT-3', 'the joint response was already sent');
        const due = validDate(command.responseDueOn, 'responseDueOn', 'R-JOINT-3');
        if (due <= today()) refuse('R-JOINT-3', 'responseDueOn must be after today');
        for (const code of Object.keys(command.contributionDue ?? {}))
          if (!contributors().some((p) => p.code === code))
            refuse('R-JOINT-4', `${code} is not a partner contributing to this joint case`);
        for (const p of contributors()) {
          const date = validDate(command.contributionDue?.[p.code], `contributionDue.${p.code}`, 'R-JOINT-4');
          if (date > due || date < today())
            refuse('R-JOINT-4', `contributionDue.${p.code} must be between today and responseDueOn (${due})`);
        }
      },
    },
  );

  setHandler(
    recordCoordinationUpdate,
    async (command) => {
      state.coordination = { heldOn: command.heldOn, kind: command.kind, attended: command.attended };
      await record('joint-coordination-recorded', 'R-JOINT-3', command.by, { ...state.coordination });
      return state;
    },
    {
      validator: (command) => {
        const heldOn = validDate(command.heldOn, 'heldOn', 'R-JOINT-3');
        if (heldOn > today()) refuse('R-JOINT-3', 'heldOn must not be in the future');
        if (command.kind !== 'meeting' && command.kind !== 'call')
          refuse('R-JOINT-3', 'kind must be meeting or call');
        for (const code of command.attended ?? [])
          if (!isMember(code)) refuse('R-JOINT-3', `${code} is not a member of this joint case`);
      },
    },
  );

  setHandler(
    flagConflictUpdate,
    async (command) => {
      state.conflicts.push({ conflictId: command.conflictId, between: command.between, flaggedOn: today() });
      refresh();
      await record('joint-conflict-flagged', 'R-JOINT-4', command.by, {
        conflictId: command.conflictId,
        between: command.between,
      });
      return state;
    },
    {
      validator: (command) => {
        if (state.sent) refuse('R-JOINT-4', 'the joint response was already sent');
        if (state.conflicts.some((c) => c.conflictId === command.conflictId))
          refuse('R-JOINT-4', 'that conflict is already flagged');
        if (!Array.isArray(command.between) || command.between.length < 2)
          refuse('R-JOINT-4', 'a conflict is between at least two organisations');
        for (const code of command.between)
          if (!isMember(code)) refuse('R-JOINT-4', `${code} is not a member of this joint case`);
      },
    },
  );

  setHandler(
    resolveConflictUpdate,
    async (command) => {
      state.conflicts.find((c) => c.conflictId === command.conflictId)!.resolvedOn = today();
      refresh();
      await record('joint-conflict-resolved', 'R-JOINT-4', command.by, { conflictId: command.conflictId });
      await checkApproved();
      return state;
    },
    {
      validator: (command) => {
        const conflict = state.conflicts.find((c) => c.conflictId === command.conflictId);
        if (!conflict) refuse('R-JOINT-4', 'no such conflict');
        if (conflict.resolvedOn) refuse('R-JOINT-4', `that conflict was resolved on ${conflict.resolvedOn}`);
      },
    },
  );

  setHandler(
    decidePartialResponseUpdate,
    async (command) => {
      state.partialWithout = [...new Set([...state.partialWithout, ...command.without])];
      refresh();
      await record('joint-partial-response-decided', 'R-JOINT-6', command.by, { without: command.without });
      await checkApproved();
      return state;
    },
    {
      validator: (command) => {
        if (state.sent) refuse('R-JOINT-6', 'the joint response was already sent');
        if (!Array.isArray(command.without) || command.without.length === 0)
          refuse('R-JOINT-6', 'name the late partners the response goes without');
        for (const code of command.without) {
          const p = contributors().find((c) => c.code === code);
          if (!p) refuse('R-JOINT-6', `${code} is not a partner contributing to this joint case`);
          if (p.contribution) refuse('R-JOINT-6', `${code} has contributed`);
          if (!p.lateSince)
            refuse(
              'R-JOINT-6',
              `${code} is not late: its contribution is due ${p.contributionDueOn ?? 'once agreed'}`,
            );
        }
      },
    },
  );

  setHandler(
    recordJointReviewUpdate,
    async (command) => {
      state.review = { openedOn: today(), resolvedFor: command.resolvedFor };
      const leadChanged = command.newLeadCode !== undefined && command.newLeadCode !== state.leadCode;
      if (leadChanged) state.leadCode = command.newLeadCode!;
      refresh();
      await record('joint-review-recorded', 'R-JOINT-7', command.by, {
        resolvedFor: command.resolvedFor,
        leadCode: state.leadCode,
        leadChanged,
      });
      await Promise.all(
        contributors().map((p) =>
          tell(
            p,
            `review-${state.review!.openedOn}-${p.code}`,
            leadChanged ? 'lead-changed' : 'review-opened',
            'R-JOINT-7',
          ),
        ),
      );
      return state;
    },
    {
      validator: (command) => {
        if (!state.sent) refuse('R-JOINT-7', 'a review follows the joint response');
        for (const code of command.resolvedFor ?? [])
          if (!contributors().some((p) => p.code === code))
            refuse('R-JOINT-7', `${code} is not a partner still taking part`);
        if (command.newLeadCode !== undefined) {
          const next = contributors().find((p) => p.code === command.newLeadCode);
          if (!next) refuse('R-JOINT-7', `${command.newLeadCode} is not a partner still taking part`);
          if (command.resolvedFor.includes(next.code))
            refuse('R-JOINT-7', `${next.code}'s part is resolved: it cannot take over the lead`);
        }
      },
    },
  );

  setHandler(
    recordDisagreementOutcomeUpdate,
    async (command) => {
      state.disagreements.find((d) => d.disagreementId === command.disagreementId)!.outcomeRecordedOn =
        today();
      refresh();
      await record('joint-disagreement-outcome-recorded', 'R-JOINT-7', command.by, {
        disagreementId: command.disagreementId,
      });
      return state;
    },
    {
      validator: (command) => {
        const disagreement = state.disagreements.find((d) => d.disagreementId === command.disagreementId);
        if (!disagreement) refuse('R-JOINT-7', 'no such disagreement');
        if (disagreement.outcomeRecordedOn)
          refuse('R-JOINT-7', `its outcome was recorded on ${disagreement.outcomeRecordedOn}`);
      },
    },
  );

  // ——— The partners' commands.
  setHandler(
    submitContributionUpdate,
    async (command) => {
      const p = partner(command.partnerCode)!;
      p.contribution = {
        version: command.version,
        submittedOn: today(),
        late: p.lateSince !== undefined || (p.contribution?.late ?? false),
        apologised: command.apologised,
      };
      refresh();
      await record('joint-contribution-received', 'R-JOINT-4', null, {
        partner: p.code,
        version: command.version,
        late: p.contribution.late,
        afterPartialResponse: state.partialWithout.includes(p.code),
      });
      return state;
    },
    {
      validator: (command) => {
        const p = requirePartner(command);
        const next = (p.contribution?.version ?? 0) + 1;
        if (command.version !== next)
          refuse('R-JOINT-4', `the next version of ${p.code}'s contribution is ${next}`);
        if (state.partialWithout.includes(p.code) && !command.apologised)
          refuse('R-JOINT-6', `${p.code}'s later response must apologise for the delay`);
      },
    },
  );

  setHandler(
    recordVariationUpdate,
    async (command) => {
      const p = partner(command.partnerCode)!;
      p.variations.push(command.variationId);
      if (command.kind === 'cannot-meet')
        p.cannotMeetAgreed = { warnedOn: today(), expectedOn: command.expectedOn! };
      refresh();
      await record(
        command.kind === 'cannot-meet' ? 'joint-partner-cannot-meet-timescale' : 'joint-variation-recorded',
        'R-JOINT-4',
        null,
        { partner: p.code, variationId: command.variationId, expectedOn: command.expectedOn ?? null },
      );
      if (command.kind === 'cannot-meet')
        await Promise.all(
          contributors()
            .filter((other) => other.code !== p.code)
            .map((other) =>
              tell(
                other,
                `cannot-meet-${command.variationId}-${other.code}`,
                'partner-cannot-meet',
                'R-JOINT-4',
                command.expectedOn,
              ),
            ),
        );
      return state;
    },
    {
      validator: (command) => {
        requirePartner(command);
        if (command.kind !== 'variation' && command.kind !== 'cannot-meet')
          refuse('R-JOINT-4', 'kind must be variation or cannot-meet');
        if (command.kind === 'cannot-meet') validDate(command.expectedOn, 'expectedOn', 'R-JOINT-4');
      },
    },
  );

  setHandler(
    decideOnDraftUpdate,
    async (command) => {
      const p = partner(command.partnerCode)!;
      p.decision = { version: command.version, decision: command.decision, on: today() };
      refresh();
      await record(
        command.decision === 'approved'
          ? 'joint-draft-approved-by-partner'
          : 'joint-draft-returned-by-partner',
        'R-JOINT-5',
        null,
        { partner: p.code, version: command.version },
      );
      await checkApproved();
      return state;
    },
    {
      validator: (command) => {
        const p = requirePartner(command);
        const draft = state.draft;
        if (!draft) refuse('R-JOINT-5', 'no draft is out for approval');
        if (command.version !== draft.version)
          refuse('R-JOINT-5', `version ${command.version} was superseded by version ${draft.version}`);
        if (state.sent) refuse('R-JOINT-5', 'the joint response was already sent');
        if (!approvers().includes(p))
          refuse('R-JOINT-6', `the response goes without ${p.code}'s part (a partial response)`);
        if (command.decision !== 'approved' && command.decision !== 'changes-requested')
          refuse('R-JOINT-5', 'decision must be approved or changes-requested');
        if (command.decision === 'approved' && unresolvedConflicts().length > 0)
          refuse('R-JOINT-4', 'conflicting information must be resolved between the organisations first');
        if (p.decision?.version === draft.version)
          refuse('R-JOINT-5', `${p.code} already decided on version ${draft.version}`);
      },
    },
  );

  setHandler(
    withdrawFromJointCaseUpdate,
    async (command) => {
      const p = partner(command.partnerCode)!;
      p.withdrawnOn = today();
      refresh();
      await record('joint-partner-withdrew', 'R-JOINT-7', null, { partner: p.code });
      return state;
    },
    {
      validator: (command) => {
        const p = requirePartner(command);
        if (!state.review?.resolvedFor.includes(p.code))
          refuse('R-JOINT-7', `${p.code} may withdraw once a review finds its part resolved`);
      },
    },
  );

  setHandler(
    raiseDisagreementUpdate,
    async (command) => {
      const on = today();
      state.disagreements.push({
        disagreementId: command.disagreementId,
        raisedBy: command.partnerCode,
        with: command.with,
        raisedOn: on,
        referredOn: on,
      });
      refresh();
      await record('joint-disagreement-referred', 'R-JOINT-7', null, {
        disagreementId: command.disagreementId,
        raisedBy: command.partnerCode,
        with: command.with,
      });
      // Each organisation concerned takes it to its responsible senior manager.
      const involved = [command.partnerCode, ...command.with]
        .map((code) => partner(code))
        .filter((p): p is PartnerProgress => p !== undefined);
      await Promise.all(
        involved.map((p) =>
          tell(p, `disagreement-${command.disagreementId}-${p.code}`, 'disagreement-referred', 'R-JOINT-7'),
        ),
      );
      return state;
    },
    {
      validator: (command) => {
        requirePartner(command);
        if (state.disagreements.some((d) => d.disagreementId === command.disagreementId))
          refuse('R-JOINT-7', 'that disagreement is already recorded');
        if (!Array.isArray(command.with) || command.with.length === 0)
          refuse('R-JOINT-7', 'name the organisations it is with');
        for (const code of command.with)
          if (!isMember(code) || code === command.partnerCode)
            refuse('R-JOINT-7', `${code} is not another member of this joint case`);
      },
    },
  );

  setHandler(
    recordLearningUpdate,
    async (command) => {
      if (!state.learningFrom.includes(command.organisationCode))
        state.learningFrom.push(command.organisationCode);
      refresh();
      // Protocol 3.4 (no procedure rule).
      await record('joint-learning-recorded', undefined, null, { organisation: command.organisationCode });
      return state;
    },
    {
      validator: (command) => {
        const code = command.organisationCode;
        if (code !== input.leadCode && code !== state.leadCode && partner(code)?.role !== 'partner')
          refuse(null, `${code} does not take part in this joint case`);
      },
    },
  );

  // ——— R-JOINT-3: the partners' complaints managers are told. An organisation merely copied in neither
  // acknowledges nor contributes (R-JOINT-2; HPFT Appendix 4, 4.4), so it is not asked to act; histories from
  // before the patch told it too.
  refresh();
  await record('joint-response-started', 'R-JOINT-3', null, {
    lead: input.leadCode,
    members: input.members,
    complex: input.complex,
  });
  const toNotify = patched('joint-notify-partners-only')
    ? state.partners.filter((p) => p.role === 'partner')
    : state.partners;
  await Promise.all(
    toNotify.map(async (p) => {
      const result = await tell(p, `opened-${p.code}`, 'joint-case-opened', 'R-JOINT-3');
      p.notified = { to: result.to, on: today(), bounced: result.bounced };
    }),
  );

  const contributionClocks = state.partners
    .filter((p) => p.role === 'partner')
    .map((p) =>
      keepDeadline(
        () => (state.partialWithout.includes(p.code) ? null : p.contributionDueOn),
        () => p.contribution !== undefined || p.withdrawnOn !== undefined || state.sent !== undefined,
        calendar,
        {
          remind: async (due) => {
            p.remindedFor.push(due);
            await tell(
              p,
              `contribution-reminder-${due}-${p.code}`,
              'contribution-reminder',
              'R-JOINT-4',
              due,
            );
          },
          // Escalation: its complaints manager is told it is overdue, and the lead sees it on the timeline.
          passed: async (due) => {
            p.lateSince = due;
            refresh();
            await tell(p, `contribution-overdue-${due}-${p.code}`, 'contribution-overdue', 'R-JOINT-4', due);
            await record('joint-contribution-overdue', 'R-JOINT-4', null, { partner: p.code, due });
          },
        },
      ),
    );

  const approvalClock = keepDeadline(
    () => (state.draft && state.approvedVersion !== state.draft.version ? state.draft.approvalDueOn : null),
    () => state.sent !== undefined,
    calendar,
    {
      remind: async (due) => {
        const draft = state.draft!;
        draft.remindedFor = due;
        await Promise.all(
          approvers()
            .filter((p) => p.decision?.version !== draft.version)
            .map((p) =>
              tell(p, `approval-reminder-v${draft.version}-${p.code}`, 'approval-reminder', 'R-JOINT-5', due),
            ),
        );
      },
      passed: async (due) => {
        const draft = state.draft!;
        draft.overdueSince = due;
        const undecided = approvers().filter((p) => p.decision?.version !== draft.version);
        refresh();
        await Promise.all(
          undecided.map((p) =>
            tell(p, `approval-overdue-v${draft.version}-${p.code}`, 'approval-overdue', 'R-JOINT-5', due),
          ),
        );
        await record('joint-approval-overdue', 'R-JOINT-5', null, {
          version: draft.version,
          partners: undecided.map((p) => p.code),
        });
      },
    },
  );

  await condition(closed);
  refresh();
  await record('joint-response-closed', 'R-JOINT-7', null, { learningFrom: state.learningFrom });
  // The clocks end with the response sent; nothing is left waiting.
  await Promise.all([...contributionClocks, approvalClock]);
  return state;
}
