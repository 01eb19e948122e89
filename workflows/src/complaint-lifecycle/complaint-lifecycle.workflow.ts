// One complaint, one workflow: the NHS complaints procedure with every deadline kept by durable timers.
// Reads like the procedure: record, acknowledge (R-ACK-1), … Rule IDs refer to shared/docs/procedure.md.
import {
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { CaseEventInput, CaseProjection } from '@complaints/activities/case-record';
import type {
  SendCorrespondenceInput,
  SendCorrespondenceResult,
} from '@complaints/activities/correspondence';
import {
  acknowledgementDue,
  addCalendarDays,
  createWorkingDayCalendar,
  endOfLondonDay,
  explainDeadline,
  getProfile,
  isLocalDate,
  londonDate,
  startOfLondonDay,
  workingDayBefore,
  workingDaysAfterReceipt,
  type LocalDate,
} from '@complaints/domain';
import { SEARCH_ATTRIBUTES, TASK_QUEUES } from '@complaints/temporal';
import {
  acknowledgeUpdate,
  agreeTimescaleUpdate,
  extendEarlyResolutionUpdate,
  initialStage,
  processStateQuery,
  resolveEarlyUpdate,
  startCloserLookUpdate,
  withdrawUpdate,
  pauseClockUpdate,
  PAUSE_REASONS,
  resumeClockUpdate,
  type AgreeTimescaleCommand,
  type PauseClockCommand,
  type ClockState,
  type CloserLookState,
  type EarlyResolutionState,
  type ExtendEarlyResolutionCommand,
  type StaffCommand,
  type Stage,
  type AcknowledgeCommand,
  type ComplaintLifecycleInput,
  type ComplaintProcessState,
  type WithdrawCommand,
} from './messages';
import { refuse } from './refusal';

const { recordCaseEvent } = proxyActivities<{ recordCaseEvent(input: CaseEventInput): Promise<void> }>({
  taskQueue: TASK_QUEUES.complaints,
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// Delivery retries with backoff for as long as it takes (SMTP down for hours must not lose a letter).
const { sendCorrespondence } = proxyActivities<{
  sendCorrespondence(input: SendCorrespondenceInput): Promise<SendCorrespondenceResult>;
}>({
  taskQueue: TASK_QUEUES.correspondence,
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

const SYSTEM = { type: 'system', id: 'workflow' } as const;
/** Reminders reach staff at the start of the working day. */
const REMINDER_HOUR = 9;

/** How each clock is named to staff in reminders and escalations. */
const CLOCK_LABELS: Record<string, string> = {
  acknowledgement: 'acknowledgement',
  'early-resolution': 'early-resolution aim',
  'final-response': 'final response',
};

export async function complaintLifecycle(input: ComplaintLifecycleInput): Promise<ComplaintProcessState> {
  const profile = getProfile(input.profile.id, input.profile.version);
  const calendar = createWorkingDayCalendar(input.calendar);
  const followsProcedure = input.kind !== 'feedback' && !input.anonymous;
  const acknowledgementDueOn = followsProcedure
    ? acknowledgementDue(profile, input.receivedOn, calendar)
    : null;
  const state: ComplaintProcessState = {
    reference: input.reference,
    stage: initialStage(input),
    profile: input.profile,
    acknowledgement: acknowledgementDueOn ? { due: acknowledgementDueOn } : undefined,
    breached: false,
    nextDeadline: acknowledgementDueOn,
  };
  /** R-INV-4 (PHSO model): the date agreed with the person, before any pause moves it. */
  let agreedFinalResponseDate: LocalDate | undefined;
  const isClosed = () => state.closed !== undefined;
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
      state.nextDeadline = command.newTarget;
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
      const closer = state.closerLook!;
      agreedFinalResponseDate = command.due;
      closer.basis = 'agreed-with-complainant';
      closer.due = finalResponseDue(closer);
      state.nextDeadline = closer.due;
      await record('timescale-agreed', 'R-INV-4', { type: 'staff', id: command.by }, { due: command.due });
      return closer;
    },
    {
      validator: (command: AgreeTimescaleCommand) => {
        requireStage(
          'closer-look',
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
    async (command: PauseClockCommand) => {
      const closer = state.closerLook!;
      (state.pauses ??= []).push({
        start: londonDate(new Date()),
        end: null,
        reason: command.reason,
        by: command.by,
      });
      closer.due = null;
      state.nextDeadline = null;
      await record('clock-paused', 'R-INV-6', { type: 'staff', id: command.by }, { reason: command.reason });
      return closer;
    },
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

  setHandler(
    resumeClockUpdate,
    async (command: StaffCommand) => {
      const closer = state.closerLook!;
      const pause = openPause()!;
      // The day the clock resumes counts again; a pause resumed the day it began pauses nothing.
      pause.end = addCalendarDays(londonDate(new Date()), -1);
      if (pause.end < pause.start) state.pauses = state.pauses!.filter((p) => p !== pause);
      closer.due = finalResponseDue(closer);
      state.nextDeadline = closer.due;
      await record(
        'clock-resumed',
        'R-INV-6',
        { type: 'staff', id: command.by },
        { due: closer.due, pausedFrom: pause.start },
      );
      return closer;
    },
    {
      validator: (_command: StaffCommand) => {
        requireStage('closer-look', 'R-INV-6', 'only the final-response clock can be resumed');
        if (!openPause()) refuse('R-INV-6', 'the clock is not paused');
      },
    },
  );

  function openPause() {
    return state.pauses?.find((pause) => pause.end === null);
  }

  function requireStage(stage: Stage, rule: string, reason: string): void {
    if (isClosed()) refuse(rule, `the complaint is closed (${state.closed!.reason})`);
    if (state.stage !== stage) refuse(rule, `${reason} (stage: ${state.stage})`);
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
        ...extra,
      },
    });
  }

  upsertSearchAttributes([
    { key: SEARCH_ATTRIBUTES.complaintReference, value: input.reference },
    { key: SEARCH_ATTRIBUTES.organisation, value: input.organisationCode },
    { key: SEARCH_ATTRIBUTES.joint, value: false },
  ]);

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

  await acknowledge();
  // Complaints acknowledged before early resolution and the closer look existed stay on their old path.
  if (patched('early-resolution-and-closer-look') && !isClosed()) await resolveEarlyOrLookCloser();
  await condition(isClosed);
  await condition(allHandlersFinished);
  return state;

  function deadlines(): Record<string, LocalDate | null> {
    return {
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
    await keepClock(closer, 'final-response', 'R-INV-4', isClosed);
  }

  /** R-INV-4: the final-response timescale from the profile; the PHSO model agrees it per case. */
  function openCloserLook(): CloserLookState {
    const timescale = profile.responseTimescale;
    const closer: CloserLookState = {
      basis:
        timescale.kind === 'working-days'
          ? 'profile-working-days'
          : timescale.kind === 'calendar-months'
            ? 'profile-calendar-months'
            : 'to-be-agreed',
      due: null,
    };
    closer.due = finalResponseDue(closer);
    state.closerLook = closer;
    state.stage = 'closer-look';
    state.nextDeadline = closer.due;
    return closer;
  }

  /**
   * R-INV-4 with R-INV-6: the final-response date from the profile's timescale or the agreed date, moved
   * out by the paused working days; none while the clock is paused or until a date is agreed.
   */
  function finalResponseDue(closer: CloserLookState): LocalDate | null {
    const pauses = (state.pauses ?? []).map(({ start, end }) => ({ start, end }));
    if (pauses.some((pause) => pause.end === null)) return null;
    const timescale = profile.responseTimescale;
    if (closer.basis === 'agreed-with-complainant') return movedOutByPauses(agreedFinalResponseDate!, pauses);
    if (timescale.kind === 'agreed-per-case') return null;
    return explainDeadline({
      rule: 'R-INV-4',
      profile: input.profile,
      basis: timescale.kind,
      start: input.receivedOn,
      amount: timescale.kind === 'working-days' ? timescale.newComplaint : timescale.months,
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
        await notifyStaff('handler', `${name}-reminder-${due}`, 'deadline-reminder', {
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
        await notifyStaff('complaints-manager', `${name}-escalation-${due}`, 'deadline-breach', {
          deadline: CLOCK_LABELS[name],
          due,
          rule,
        });
        await record(`${name}-breach-escalated`, rule, SYSTEM, { to: 'complaints-manager' });
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
    audience: 'handler' | 'complaints-manager',
    step: string,
    template: string,
    facts: Record<string, string>,
  ) {
    await sendCorrespondence({ reference: input.reference, step, template, audience, facts });
  }
}

/** Waits for `done` or until the instant `at`; true if done. An instant already past only checks `done`. */
async function waitUntil(done: () => boolean, at: Date): Promise<boolean> {
  const remaining = at.getTime() - Date.now();
  if (remaining <= 0) return done();
  return condition(done, remaining);
}

function atLondonHour(date: LocalDate, hour: number): Date {
  return new Date(startOfLondonDay(date).getTime() + hour * 3_600_000);
}
