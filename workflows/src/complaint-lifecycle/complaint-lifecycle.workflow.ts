// One complaint, one workflow: the NHS complaints procedure with every deadline kept by durable timers.
// Reads like the procedure: record, acknowledge (R-ACK-1), … Rule IDs refer to shared/docs/procedure.md.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { CaseEventInput, CaseProjection } from '@complaints/activities/case-record';
import type { Audience } from '@complaints/activities/correspondence';
import {
  openingDeadlines,
  addCalendarDays,
  createWorkingDayCalendar,
  endOfLondonDay,
  explainDeadline,
  finalResponseTimescale,
  getProfile,
  isExtensionReason,
  isLocalDate,
  londonDate,
  workingDayBefore,
  workingDaysAfterReceipt,
  ROUND_RULES,
  type LocalDate,
  initialStage,
  PAUSE_REASONS,
  type PauseReason,
  type Stage,
} from '@complaints/domain';
import { SEARCH_ATTRIBUTES } from '@complaints/temporal';
import {
  acknowledgeUpdate,
  agreeTimescaleUpdate,
  extendEarlyResolutionUpdate,
  processStateQuery,
  resolveEarlyUpdate,
  startCloserLookUpdate,
  withdrawUpdate,
  pauseClockUpdate,
  resumeClockUpdate,
  type AgreeTimescaleCommand,
  type PauseClockCommand,
  type ClockState,
  type CloserLookState,
  type EarlyResolutionState,
  type ExtendEarlyResolutionCommand,
  type StaffCommand,
  type AcknowledgeCommand,
  type ComplaintLifecycleInput,
  type ComplaintProcessState,
  type WithdrawCommand,
  extendFinalResponseUpdate,
  type ExtendFinalResponseCommand,
  type Round,
} from './messages';
import { refuse } from './refusal';
import { SYSTEM, staff, type CaseContext, type ClockOptions, type Letter } from './case-context';
import { atLondonHour, REMINDER_HOUR, waitUntil } from './clocks';
import { createAfterResponse } from './after-response';
import { registerAllocationHandlers } from './allocation';
import { registerPlanHandlers } from './plan';
import { registerTriageHandlers } from './triage';
import { registerFinalResponseHandlers, signOffAndSend } from './final-response';
import { keepSixMonthRule, registerSixMonthHandlers } from './six-month-rule';
import { followPalsEnquiry, registerQuickRouteHandlers } from './quick-route';
import { recordCaseEvent, sendCorrespondence } from '../activity-proxies';

/** Well under Temporal's limits; the server usually suggests continuing-as-new before this. */
const CONTINUE_AS_NEW_AFTER_EVENTS = 10_000;

/** How each clock is named to staff in reminders and escalations. */
const CLOCK_LABELS: Record<string, string> = {
  acknowledgement: 'acknowledgement',
  'early-resolution': 'early-resolution aim',
  'final-response': 'final response',
  'six-month-letter': 'approval of the six-month letter',
  'promised-actions': 'promised action',
};

export async function complaintLifecycle(input: ComplaintLifecycleInput): Promise<ComplaintProcessState> {
  const profile = getProfile(input.profile.id, input.profile.version);
  const calendar = createWorkingDayCalendar(input.calendar);
  const isPalsEnquiry = input.kind === 'pals-enquiry';
  const opening = openingDeadlines(profile, input, calendar);
  const acknowledgementDueOn = opening.acknowledgement;
  // R-QUICK-1: a PALS enquiry (HPFT), or a complaint made verbally (PHSO model), may end on the quick route.
  const quickRouteDue = opening.quickResolution;
  const state: ComplaintProcessState = input.resume?.state ?? {
    reference: input.reference,
    stage: initialStage(input),
    profile: input.profile,
    quickRoute: quickRouteDue ? { due: quickRouteDue } : undefined,
    acknowledgement: acknowledgementDueOn ? { due: acknowledgementDueOn } : undefined,
    breached: false,
    nextDeadline: opening.next,
  };
  const isClosed = () => state.closed !== undefined;
  const today = () => londonDate(new Date());
  const isAcknowledged = () => state.acknowledgement?.acknowledgedAt !== undefined;

  setHandler(processStateQuery, () => state);

  setHandler(
    acknowledgeUpdate,
    async (command: AcknowledgeCommand) => {
      const acknowledgement = state.acknowledgement!;
      const now = new Date();
      acknowledgement.acknowledgedAt = now.toISOString();
      acknowledgement.acknowledgedOn = londonDate(now);
      acknowledgement.method = command.method;
      acknowledgement.by = command.by;
      acknowledgement.onTime = acknowledgement.acknowledgedOn <= acknowledgement.due;
      state.stage = 'acknowledged';
      state.nextDeadline = null;
      await record(
        'acknowledged',
        'R-ACK-1',
        { type: 'staff', id: command.by },
        {
          method: command.method,
          due: acknowledgement.due,
          onTime: acknowledgement.onTime,
        },
        { acknowledgedAt: acknowledgement.acknowledgedAt },
      );
      return {
        acknowledgedOn: acknowledgement.acknowledgedOn,
        due: acknowledgement.due,
        onTime: acknowledgement.onTime,
        method: command.method,
      };
    },
    {
      validator: (command: AcknowledgeCommand) => {
        if (input.kind === 'feedback')
          refuse('R-INT-3', 'feedback does not start the procedure and is not acknowledged');
        if (input.anonymous)
          refuse('R-INT-4', 'an anonymous complaint receives no correspondence and is not acknowledged');
        if (isPalsEnquiry && !isClosed())
          refuse(
            'R-QUICK-1',
            'a PALS enquiry is acknowledged once it becomes a complaint; treat it as one first',
          );
        if (isClosed())
          refuse('R-ACK-1', `the complaint is closed (${state.closed!.reason}); it cannot be acknowledged`);
        if (isAcknowledged())
          refuse(
            'R-ACK-1',
            `the complaint was already acknowledged on ${state.acknowledgement!.acknowledgedOn}`,
          );
        if (command.method === 'verbal' && profile.acknowledgement.style === 'in-writing') {
          refuse(
            'R-ACK-1',
            `${profile.name} acknowledges complaints in writing; record a written acknowledgement`,
          );
        }
      },
    },
  );

  setHandler(
    withdrawUpdate,
    async (command: WithdrawCommand) => {
      state.closed = { at: new Date().toISOString(), reason: 'withdrawn' };
      state.stage = 'withdrawn';
      state.nextDeadline = null;
      await record(
        'withdrawn',
        undefined,
        { type: 'staff', id: command.by },
        {},
        { closedAt: state.closed.at },
      );
      return state;
    },
    {
      validator: (_command: WithdrawCommand) => {
        if (input.kind === 'feedback')
          refuse('R-INT-3', 'feedback is recorded for learning and cannot be withdrawn');
        if (isClosed()) refuse(null, `the complaint is already closed (${state.closed!.reason})`);
      },
    },
  );

  setHandler(
    extendEarlyResolutionUpdate,
    async (command: ExtendEarlyResolutionCommand) => {
      const early = state.earlyResolution!;
      const today = londonDate(new Date());
      early.extensions.push({ agreedOn: today, from: early.due!, to: command.newTarget, by: command.by });
      early.due = command.newTarget;
      state.nextDeadline = nextDeadlineWith(command.newTarget);
      await record(
        'early-resolution-extended',
        'R-ER-1',
        { type: 'staff', id: command.by },
        { to: command.newTarget, agreedOn: today },
      );
      return early;
    },
    {
      validator: (command: ExtendEarlyResolutionCommand) => {
        requireStage(
          'early-resolution',
          'R-ER-1',
          'the early-resolution aim can be extended only during early resolution',
        );
        const today = londonDate(new Date());
        if (!isLocalDate(command.newTarget)) refuse('R-ER-1', 'newTarget must be an ISO date');
        if (command.newTarget < today)
          refuse('R-ER-1', `the new target ${command.newTarget} is in the past (today is ${today})`);
        if (command.newTarget <= state.earlyResolution!.due!) {
          refuse('R-ER-1', `the new target must be after the current one (${state.earlyResolution!.due})`);
        }
      },
    },
  );

  setHandler(
    resolveEarlyUpdate,
    async (command: StaffCommand) => {
      // The stage changes at once (refusing further commands); the outcome, which the main flow waits on,
      // only once the event is recorded, so the timeline keeps its order.
      const early = state.earlyResolution!;
      state.stage = 'resolved-early';
      await record(
        'resolved-early',
        'R-ER-1',
        { type: 'staff', id: command.by },
        { aim: early.due, onTime: londonDate(new Date()) <= early.due! },
      );
      early.outcome = 'resolved';
      return early;
    },
    {
      validator: (_command: StaffCommand) =>
        requireStage(
          'early-resolution',
          'R-ER-1',
          'only a complaint in early resolution can be resolved early',
        ),
    },
  );

  setHandler(
    startCloserLookUpdate,
    async (command: StaffCommand) => {
      const closer = openCloserLook();
      await record(
        'early-resolution-ended',
        'R-ER-2',
        { type: 'staff', id: command.by },
        { outcome: 'closer-look' },
      );
      state.earlyResolution!.outcome = 'closer-look';
      return closer;
    },
    {
      validator: (_command: StaffCommand) =>
        requireStage(
          'early-resolution',
          'R-ER-2',
          'a closer look follows early resolution; this complaint is not in early resolution',
        ),
    },
  );

  setHandler(
    agreeTimescaleUpdate,
    async (command: AgreeTimescaleCommand) => {
      const closer = agreeFinalResponseDate(command.due);
      await record('timescale-agreed', 'R-INV-4', { type: 'staff', id: command.by }, { due: command.due });
      return closer;
    },
    {
      validator: (command: AgreeTimescaleCommand) => {
        requireStage(
          ['closer-look', 'awaiting-sign-off'],
          'R-INV-4',
          'the final-response timescale is agreed during the closer look',
        );
        const today = londonDate(new Date());
        if (!isLocalDate(command.due)) refuse('R-INV-4', 'due must be an ISO date');
        if (command.due < today)
          refuse('R-INV-4', `the agreed date ${command.due} is in the past (today is ${today})`);
      },
    },
  );

  setHandler(
    pauseClockUpdate,
    (command: PauseClockCommand) => pauseFinalResponseClock(command.reason, command.by),
    {
      validator: (command: PauseClockCommand) => {
        requireStage(
          'closer-look',
          'R-INV-6',
          'the final-response clock can be paused during the closer look',
        );
        if (!PAUSE_REASONS.includes(command.reason))
          refuse('R-INV-6', `reason must be one of ${PAUSE_REASONS.join(', ')}`);
        if (openPause()) refuse('R-INV-6', `the clock is already paused since ${openPause()!.start}`);
      },
    },
  );

  setHandler(resumeClockUpdate, (command: StaffCommand) => resumeFinalResponseClock(command.by), {
    validator: (_command: StaffCommand) => {
      requireStage('closer-look', 'R-INV-6', 'only the final-response clock can be resumed');
      if (!openPause()) refuse('R-INV-6', 'the clock is not paused');
    },
  });

  setHandler(
    extendFinalResponseUpdate,
    async (command: ExtendFinalResponseCommand) => {
      const closer = state.closerLook!;
      const extensions = (closer.extensions ??= []);
      const agreedOn = today();
      extensions.push({
        agreedOn,
        from: closer.due,
        to: command.newDue,
        reason: command.reason,
        by: command.by,
      });
      const previousDue = closer.due;
      closer.agreed = { date: command.newDue, on: agreedOn };
      closer.basis = 'agreed-with-complainant';
      closer.due = finalResponseDue(closer);
      state.nextDeadline = nextDeadlineWith(closer.due);
      await record('final-response-extended', 'R-INV-5', staff(command.by), {
        from: previousDue,
        to: command.newDue,
        reason: command.reason,
      });
      // R-INV-5: the person is told at once, with why and the new date; CWTH calls it a progress report.
      post({
        step: `final-response-extension-${state.round!.number}-${extensions.length}`,
        template: 'timescale-extended',
        audience: 'complainant',
        rule: 'R-INV-5',
        facts: {
          previousDue,
          newDue: command.newDue,
          reason: command.reason,
          progressReport: profile.responseTimescale.kind === 'calendar-months',
        },
      });
      return closer;
    },
    {
      validator: (command: ExtendFinalResponseCommand) => {
        requireStage(
          ['closer-look', 'awaiting-sign-off'],
          'R-INV-5',
          'the final-response date can be extended during the closer look',
        );
        if (openPause())
          refuse('R-INV-6', `the clock is paused since ${openPause()!.start}; resume it first`);
        if (!isLocalDate(command.newDue)) refuse('R-INV-5', 'newDue must be an ISO date');
        if (!isExtensionReason(command.reason)) refuse('R-INV-5', 'reason must be one of the listed reasons');
        if (command.newDue < today())
          refuse('R-INV-5', `the new date ${command.newDue} is in the past (today is ${today()})`);
        const due = state.closerLook!.due;
        if (due !== null && command.newDue <= due)
          refuse('R-INV-5', `the new date must be after the current one (${due})`);
      },
    },
  );

  const outbox: Letter[] = [];
  let finishing = false;
  const c: CaseContext = {
    input,
    profile,
    calendar,
    state,
    isClosed,
    today,
    requireStage,
    record,
    send,
    post,
    keepClock,
    openPause,
    pauseFinalResponseClock,
    resumeFinalResponseClock,
    agreeFinalResponseDate,
  };
  registerQuickRouteHandlers(c);
  registerTriageHandlers(c);
  registerAllocationHandlers(c);
  registerPlanHandlers(c);
  registerFinalResponseHandlers(c);
  registerSixMonthHandlers(c);
  const afterResponse = createAfterResponse(c, startRound, input.resume?.reportedActionIds);
  const dispatcher = dispatchLetters();

  function agreeFinalResponseDate(date: LocalDate): CloserLookState {
    const closer = state.closerLook!;
    closer.agreed = { date, on: today() };
    closer.basis = 'agreed-with-complainant';
    closer.due = finalResponseDue(closer);
    state.nextDeadline = nextDeadlineWith(closer.due);
    return closer;
  }

  /** The worklist's next deadline: the stage's own, or the six-month letter's approval if sooner (R-INV-7). */
  function nextDeadlineWith(stageDue: LocalDate | null): LocalDate | null {
    const six = state.sixMonths;
    const approvalDue = six && !six.approval ? six.due : null;
    if (approvalDue === null) return stageDue;
    return stageDue === null || approvalDue < stageDue ? approvalDue : stageDue;
  }

  function openPause() {
    return state.pauses?.find((pause) => pause.end === null);
  }

  /** R-INV-6: no final-response deadline runs from today until the clock resumes. */
  async function pauseFinalResponseClock(reason: PauseReason, by: string): Promise<CloserLookState> {
    const closer = state.closerLook!;
    (state.pauses ??= []).push({ start: today(), end: null, reason, by });
    closer.due = null;
    state.nextDeadline = nextDeadlineWith(null);
    await record('clock-paused', 'R-INV-6', staff(by), { reason });
    return closer;
  }

  /** R-INV-6: the deadline moves out by the working days paused. */
  async function resumeFinalResponseClock(by: string): Promise<CloserLookState> {
    const closer = state.closerLook!;
    const pause = openPause()!;
    // The day the clock resumes counts again; a pause resumed the day it began pauses nothing.
    pause.end = addCalendarDays(today(), -1);
    if (pause.end < pause.start) state.pauses = state.pauses!.filter((p) => p !== pause);
    closer.due = finalResponseDue(closer);
    state.nextDeadline = nextDeadlineWith(closer.due);
    await record('clock-resumed', 'R-INV-6', staff(by), { due: closer.due, pausedFrom: pause.start });
    return closer;
  }

  function post(letter: Letter): void {
    outbox.push(letter);
  }

  /** Sends the letters update handlers post, in order, so a command answers without waiting for delivery. */
  async function dispatchLetters(): Promise<void> {
    for (;;) {
      await condition(() => outbox.length > 0 || finishing);
      if (outbox.length === 0) return;
      await send(outbox[0]);
      outbox.shift();
    }
  }

  async function send(letter: Letter): Promise<void> {
    const sent = await sendCorrespondence({
      reference: input.reference,
      step: letter.step,
      template: letter.template,
      audience: letter.audience,
      facts: letter.facts,
      ...(letter.approvedBy ? { approvedBy: letter.approvedBy } : {}),
    });
    await record('correspondence-sent', letter.rule, SYSTEM, {
      template: letter.template,
      step: letter.step,
      items: sent.items,
      noUsableContact: sent.noUsableContact,
    });
  }

  function requireStage(stages: Stage | readonly Stage[], rule: string, reason: string): void {
    if (isClosed()) refuse(rule, `the complaint is closed (${state.closed!.reason})`);
    const allowed: readonly Stage[] = typeof stages === 'string' ? [stages] : stages;
    if (!allowed.includes(state.stage)) refuse(rule, `${reason} (stage: ${state.stage})`);
  }

  /** Appends to the case timeline and keeps the worklist projection and search attributes in step with `state`. */
  async function record(
    type: string,
    rule: string | undefined,
    actor: CaseEventInput['actor'],
    data: Record<string, unknown> = {},
    extra: CaseProjection = {},
  ) {
    upsertSearchAttributes([
      { key: SEARCH_ATTRIBUTES.stage, value: state.stage },
      { key: SEARCH_ATTRIBUTES.breached, value: state.breached },
      {
        key: SEARCH_ATTRIBUTES.nextDeadline,
        value: state.nextDeadline ? endOfLondonDay(state.nextDeadline) : null,
      },
    ]);
    await recordCaseEvent({
      reference: input.reference,
      occurredAt: new Date().toISOString(),
      type,
      rule,
      actor,
      data,
      projection: {
        stage: state.stage,
        nextDeadline: state.nextDeadline,
        breached: state.breached,
        deadlines: deadlines(),
        underOversight: state.underOversight ?? false,
        ...extra,
      },
    });
  }

  upsertSearchAttributes([
    { key: SEARCH_ATTRIBUTES.complaintReference, value: input.reference },
    { key: SEARCH_ATTRIBUTES.organisation, value: input.organisationCode },
    { key: SEARCH_ATTRIBUTES.joint, value: false },
  ]);

  // A long-lived complaint carries on after its response in a fresh run (see followUpResponses).
  if (input.resume) {
    await followUpResponses(true);
    await condition(isClosed);
    await finish();
    return state;
  }

  // R-INT-3: feedback is recorded for learning; only a complaint starts the procedure.
  if (input.kind === 'feedback') {
    await record('feedback-recorded', 'R-INT-3', SYSTEM);
    return state;
  }

  // R-INT-4: an anonymous complaint is looked into for learning, without correspondence.
  if (input.anonymous) {
    await record('anonymous-complaint-recorded', 'R-INT-4', SYSTEM);
    await condition(isClosed);
    // A command that closed the complaint finishes (and answers) before the workflow completes.
    await condition(allHandlersFinished);
    return state;
  }

  // R-QUICK-1 (HPFT 8.10): an unresolved PALS enquiry becomes a complaint received today, in a new run.
  if (isPalsEnquiry) {
    if (await followPalsEnquiry(c)) {
      await finish();
      await continueAsNew<typeof complaintLifecycle>({
        ...input,
        kind: 'complaint',
        receivedOn: today(),
        enquiryReceivedOn: input.receivedOn,
      });
    }
    await finish();
    return state;
  }

  await acknowledge();
  // Complaints acknowledged before early resolution and the closer look existed stay on their old path.
  if (patched('early-resolution-and-closer-look') && !isClosed()) {
    state.round = { number: 1, kind: 'first', startedOn: input.receivedOn };
    state.finalResponse = { approvals: [] };
    const sixMonthRule = patched('final-response-and-six-months') ? keepSixMonthRule(c) : undefined;
    await resolveEarlyOrLookCloser();
    if (state.finalResponse?.sent) await followUpResponses(patched('continue-as-new-after-response'));
    await sixMonthRule;
  }
  await condition(isClosed);
  await finish();
  return state;

  /** Letters posted by the last commands go out, and those commands answer, before this run ends. */
  async function finish(): Promise<void> {
    finishing = true;
    await dispatcher;
    await condition(allHandlersFinished);
  }

  /**
   * After each response: the promised actions, then twelve months in which it may be reopened (or go to stage
   * two), each new round ending in its own response. Months of waiting and rounds of commands make a long
   * history, so when Temporal suggests it (or the history reaches `continueAsNewAfterEvents`) and every
   * command has finished, the complaint carries on in a new run from its state.
   */
  async function followUpResponses(mayContinueAsNew: boolean): Promise<void> {
    const historyLimit = input.continueAsNewAfterEvents ?? CONTINUE_AS_NEW_AFTER_EVENTS;
    const longEnough = () =>
      mayContinueAsNew &&
      (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= historyLimit);
    for (;;) {
      if (longEnough()) return continueInNewRun();
      const next = await afterResponse.keepInvolved(longEnough);
      if (next === 'closed') return;
      if (next === 'continue-as-new') return continueInNewRun();
      await acknowledgeNewRound();
      await lookCloser(state.closerLook!);
      if (!state.finalResponse?.sent) return;
    }
  }

  async function continueInNewRun(): Promise<never> {
    await finish();
    return continueAsNew<typeof complaintLifecycle>({
      ...input,
      resume: { state, reportedActionIds: afterResponse.reportedActionIds() },
    });
  }

  function deadlines(): Record<string, LocalDate | null> {
    return {
      ...(isPalsEnquiry && state.quickRoute ? { palsEnquiry: state.quickRoute.due } : {}),
      ...(state.acknowledgement ? { acknowledgement: state.acknowledgement.due } : {}),
      ...(state.earlyResolution ? { earlyResolution: state.earlyResolution.due } : {}),
      ...(state.closerLook ? { finalResponse: state.closerLook.due } : {}),
    };
  }

  /** R-ER-1/R-ER-2: resolve early where the profile aims to (PHSO model, HPFT), else straight to a closer look. */
  async function resolveEarlyOrLookCloser(): Promise<void> {
    if (profile.earlyResolution) {
      const early: EarlyResolutionState = {
        due: workingDaysAfterReceipt(input.receivedOn, profile.earlyResolution.aimWorkingDays, calendar),
        extensions: [],
      };
      state.earlyResolution = early;
      state.stage = 'early-resolution';
      state.nextDeadline = early.due;
      await record('early-resolution-started', 'R-ER-1', SYSTEM, { aim: early.due });
      await keepClock(early, 'early-resolution', 'R-ER-1', () => early.outcome !== undefined || isClosed());
      if (isClosed()) return;
      if (early.outcome === 'resolved') {
        // R-ER-1: a summary of the complaint and how it was resolved is shared with the person.
        const sent = await sendCorrespondence({
          reference: input.reference,
          step: 'early-resolution-summary',
          template: 'early-resolution-summary',
          audience: 'complainant',
        });
        state.closed = { at: new Date().toISOString(), reason: 'resolved-early' };
        state.nextDeadline = null;
        await record(
          'closed',
          'R-ER-1',
          SYSTEM,
          { reason: 'resolved-early', items: sent.items },
          { closedAt: state.closed.at },
        );
        return;
      }
    }
    const closer = state.closerLook ?? openCloserLook();
    await record('closer-look-started', 'R-INV-4', SYSTEM, { due: closer.due, basis: closer.basis });
    await lookCloser(closer);
  }

  /** The final-response clock runs until the signed response is sent (R-INV-4, R-RESP-2) or the complaint closes. */
  async function lookCloser(closer: CloserLookState): Promise<void> {
    const rule = ROUND_RULES[state.round!.kind];
    const responded = () => isClosed() || state.finalResponse?.sent !== undefined;
    await Promise.all([keepClock(closer, 'final-response', rule, responded), signOffAndSend(c, closer)]);
  }

  /** R-REOPEN-1 / R-STAGE2-1: a new round of the closer look, opened by a command, with its own timescale. */
  function startRound(kind: Round['kind']): CloserLookState {
    state.round = { number: state.round!.number + 1, kind, startedOn: today() };
    state.finalResponse = { approvals: [] };
    return openCloserLook();
  }

  /** The person hears at once that the complaint is being looked at again, by whom and by when. */
  async function acknowledgeNewRound(): Promise<void> {
    const round = state.round!;
    const stageTwo = round.kind === 'stage-two';
    await send({
      step: `${stageTwo ? 'stage-two-acknowledgement' : 'reopened'}-${round.number}`,
      template: stageTwo ? 'stage-two-acknowledgement' : 'reopened',
      audience: 'complainant',
      rule: ROUND_RULES[round.kind],
      facts: { due: state.closerLook!.due },
    });
  }

  /** R-INV-4: the final-response timescale of the round, from the profile; the PHSO model agrees it per case. */
  function openCloserLook(): CloserLookState {
    const timescale = finalResponseTimescale(profile, state.round!.kind);
    const closer: CloserLookState = {
      basis:
        timescale === null
          ? 'to-be-agreed'
          : timescale.basis === 'working-days'
            ? 'profile-working-days'
            : 'profile-calendar-months',
      due: null,
    };
    closer.due = finalResponseDue(closer);
    state.closerLook = closer;
    state.stage = 'closer-look';
    state.nextDeadline = nextDeadlineWith(closer.due);
    return closer;
  }

  /**
   * R-INV-4 with R-INV-6: the final-response date from the round's timescale or the date agreed with the
   * person, moved out by the working days paused since; none while the clock is paused or until a date is agreed.
   */
  function finalResponseDue(closer: CloserLookState): LocalDate | null {
    const round = state.round!;
    const pauses = (state.pauses ?? [])
      .filter((pause) => pause.start >= round.startedOn)
      .map(({ start, end }) => ({ start, end }));
    if (pauses.some((pause) => pause.end === null)) return null;
    if (closer.basis === 'agreed-with-complainant') {
      const { date, on } = closer.agreed!;
      return movedOutByPauses(
        date,
        pauses.filter((pause) => pause.start >= on),
      );
    }
    const timescale = finalResponseTimescale(profile, round.kind);
    if (timescale === null) return null;
    return explainDeadline({
      rule: ROUND_RULES[round.kind],
      profile: input.profile,
      basis: timescale.basis,
      start: round.startedOn,
      amount: timescale.amount,
      calendar,
      pauses,
    }).due;
  }

  /** An agreed date moves out by the working days paused on or before it. */
  function movedOutByPauses(
    date: LocalDate,
    pauses: { start: LocalDate; end: LocalDate | null }[],
  ): LocalDate {
    const paused = pauses
      .filter((pause) => pause.start <= date)
      .reduce(
        (days, pause) =>
          days +
          calendar.workingDaysBetween(
            addCalendarDays(pause.start, -1),
            pause.end! < date ? pause.end! : date,
          ),
        0,
      );
    return paused === 0 ? date : calendar.addWorkingDays(date, paused);
  }

  /**
   * Keeps one deadline that may move (an extension, an agreed date): the handler is reminded at 09:00 on the
   * working day before it, and when it passes the breach is recorded and escalated to the complaints
   * managers. Returns when `done`.
   */
  async function keepClock(
    clock: ClockState,
    name: string,
    rule: string,
    done: () => boolean,
    { remind = 'handler', escalate = 'complaints-manager' }: ClockOptions = {},
  ): Promise<void> {
    let remindedFor: LocalDate | null = null;
    let breachedFor: LocalDate | null = null;
    while (!done()) {
      const due = clock.due;
      const doneOrMoved = () => done() || clock.due !== due;
      if (due === null) {
        await condition(doneOrMoved);
      } else if (remindedFor !== due) {
        if (await waitUntil(doneOrMoved, atLondonHour(workingDayBefore(due, calendar), REMINDER_HOUR)))
          continue;
        remindedFor = due;
        if (Date.now() >= endOfLondonDay(due).getTime()) continue;
        clock.reminderSentAt = new Date().toISOString();
        await notifyStaff(remind, `${name}-reminder-${due}`, 'deadline-reminder', {
          deadline: CLOCK_LABELS[name],
          due,
          rule,
        });
        await record(`${name}-reminder-sent`, rule, SYSTEM, { due });
      } else if (breachedFor !== due) {
        if (await waitUntil(doneOrMoved, endOfLondonDay(due))) continue;
        breachedFor = due;
        state.breached = true;
        clock.breachedAt = new Date().toISOString();
        await record(`${name}-deadline-breached`, rule, SYSTEM, { due });
        await notifyStaff(escalate, `${name}-escalation-${due}`, 'deadline-breach', {
          deadline: CLOCK_LABELS[name],
          due,
          rule,
        });
        await record(`${name}-breach-escalated`, rule, SYSTEM, { to: escalate });
      } else {
        await condition(doneOrMoved);
      }
    }
  }

  /** R-ACK-1: acknowledged within the profile's working days; reminder the working day before, escalation on breach. */
  async function acknowledge(): Promise<void> {
    const acknowledgement = state.acknowledgement!;
    const due = acknowledgement.due;
    await record('acknowledgement-clock-started', 'R-ACK-1', SYSTEM, {
      due,
      workingDays: profile.acknowledgement.workingDays,
    });

    const reminderAt = atLondonHour(workingDayBefore(due, calendar), REMINDER_HOUR);
    if (!(await waitUntil(() => isAcknowledged() || isClosed(), reminderAt))) {
      acknowledgement.reminderSentAt = new Date().toISOString();
      await notifyStaff('handler', 'acknowledgement-reminder', 'deadline-reminder', {
        deadline: CLOCK_LABELS.acknowledgement,
        due,
        rule: 'R-ACK-1',
      });
      await record('acknowledgement-reminder-sent', 'R-ACK-1', SYSTEM, { due });
    }

    if (!(await waitUntil(() => isAcknowledged() || isClosed(), endOfLondonDay(due)))) {
      state.breached = true;
      acknowledgement.breachedAt = new Date().toISOString();
      await record('acknowledgement-deadline-breached', 'R-ACK-1', SYSTEM, { due });
      await notifyStaff('complaints-manager', 'acknowledgement-escalation', 'deadline-breach', {
        deadline: CLOCK_LABELS.acknowledgement,
        due,
        rule: 'R-ACK-1',
      });
      await record('acknowledgement-breach-escalated', 'R-ACK-1', SYSTEM, { to: 'complaints-manager' });
    }

    await condition(() => isAcknowledged() || isClosed());
    if (acknowledgement.method === 'written') {
      const sent = await sendCorrespondence({
        reference: input.reference,
        step: 'acknowledgement-letter',
        template: 'acknowledgement',
        audience: 'complainant',
        facts: { acknowledgementDue: due, acknowledgedOn: acknowledgement.acknowledgedOn ?? null },
      });
      await record('correspondence-sent', 'R-ACK-1', SYSTEM, {
        template: 'acknowledgement',
        items: sent.items,
        noUsableContact: sent.noUsableContact,
      });
    }
  }

  async function notifyStaff(
    audience: Audience,
    step: string,
    template: string,
    facts: Record<string, string>,
  ) {
    await sendCorrespondence({ reference: input.reference, step, template, audience, facts });
  }
}
