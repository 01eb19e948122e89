// The one owner of a complaint's state. Only this module changes the stage, closes the case, moves or
// breaches a clock and sets oversight; the phases read the state and call these mutators. The worklist's
// next deadline, the projection and the search attributes are derived from the state, never assigned.
import { allHandlersFinished, condition, patched, upsertSearchAttributes } from '@temporalio/workflow';
import type { CaseEventInput, CaseProjection } from '@complaints/activities/case-record';
import type { Audience, TemplateName } from '@complaints/activities/correspondence';
import {
  finalResponseDeadline,
  addCalendarDays,
  CLOSURE_STAGES,
  createWorkingDayCalendar,
  endOfLondonDay,
  finalResponseTimescale,
  getProfile,
  initialStage,
  isLocalDate,
  londonDate,
  openingDeadlines,
  type ClosureReason,
  type LocalDate,
  type PauseReason,
  type PolicyProfile,
  type ResumeReason,
  type RoundKind,
  type Stage,
  type WorkingDayCalendar,
} from '@complaints/domain';
import { SEARCH_ATTRIBUTES } from '@complaints/temporal';
import { inviteToExperienceSurvey, recordCaseEvent, sendCorrespondence } from '../shared/activity-proxies';
import { keepDeadline } from '../shared/clock';
import { refuse } from '../shared/refusal';
import type { AcknowledgeCommand } from './acknowledgement.messages';
import type { PromisedAction } from './after-response.messages';
import type { CloserLookState, ExtendFinalResponseCommand, PauseRecord } from './closer-look.messages';
import type { EarlyResolutionState } from './early-resolution.messages';
import type { JointCaseState } from './joint-case.messages';
import type {
  CaseState,
  ClockState,
  ComplaintLifecycleInput,
  ComplaintProcessState,
  DatedCommand,
} from './lifecycle.messages';
import type { QuickRouteState } from './quick-route.messages';
import type { SixMonthState } from './six-month-rule.messages';

export const SYSTEM = { type: 'system', id: 'workflow' } as const;

/**
 * The closures after which the people involved are asked how it went (ADR 0023): the complaint was dealt
 * with, by its response or resolved early. Withdrawn, out of scope or resolved on the spot are not surveyed.
 */
const SURVEYED_CLOSURES: readonly ClosureReason[] = ['responded', 'resolved-early'];

export function staff(id: string): CaseEventInput['actor'] {
  return { type: 'staff', id };
}

/** A piece of correspondence the workflow decides is due; the correspondence service renders and delivers it. */
export interface Letter {
  /** Unique per complaint: the idempotency key of the item, with the reference. */
  step: string;
  template: TemplateName;
  audience: Audience;
  rule: string;
  facts?: Record<string, string | number | boolean | null>;
  /** Staff id of who approved it (R-RESP-2, R-INV-7), recorded on the item as its `approved` step. */
  approvedBy?: string;
  /** A letter posted by a command is dropped if, when its turn comes, what it asks for is already done. */
  stale?: () => boolean;
}

/** Issue #12 point 6: no "approval needed" email for a step signed off while the email waited its turn. */
export const SKIP_STALE_LETTERS = 'skip-stale-letters';

/** A deadline the workflow keeps, as staff are told of it. */
export interface ClockSpec {
  /** Names its events and letters: `${name}-reminder-sent`, `${name}-deadline-breached`, … */
  name: string;
  /** How it is named to staff in reminders and escalations. */
  label: string;
  rule: string;
  /** Who is reminded the working day before (default: the handler). */
  remind?: Audience;
  /** Who hears of a breach (default: the complaints managers). */
  escalate?: Audience;
  /** The letters' steps without the date, for a clock whose date never moves (the acknowledgement). */
  undated?: boolean;
}

/** R-RESP-4: the due date of the first promised action still to be done, or null when none is. */
export function earliestOutstandingDue(actions: readonly PromisedAction[]): LocalDate | null {
  return actions
    .filter((action) => !action.completedOn)
    .reduce<LocalDate | null>(
      (earliest, { due }) => (earliest === null || due < earliest ? due : earliest),
      null,
    );
}

/** The worklist's next deadline: the stage's own, or the six-month letter's approval if sooner (R-INV-7). */
export function nextDeadline(state: CaseState): LocalDate | null {
  if (state.closed) return null;
  switch (state.stage) {
    case 'pals-enquiry':
      return state.quickRoute && !state.quickRoute.outcome ? state.quickRoute.due : null;
    case 'awaiting-acknowledgement':
      return state.acknowledgement?.due ?? null;
    // Resolved early: the aim stands until the summary has gone and the complaint closes.
    case 'early-resolution':
    case 'resolved-early':
      return withSixMonthApproval(state, state.earlyResolution!.due);
    case 'closer-look':
    case 'awaiting-sign-off':
      return withSixMonthApproval(state, state.closerLook!.due);
    case 'responded':
      // R-RESP-4: the earliest action still to be done.
      return earliestOutstandingDue(state.actions ?? []);
    default:
      return null;
  }
}

function withSixMonthApproval(state: CaseState, stageDue: LocalDate | null): LocalDate | null {
  const six = state.sixMonths;
  const approvalDue = six && !six.approval ? six.due : null;
  if (approvalDue === null) return stageDue;
  return stageDue === null || approvalDue < stageDue ? approvalDue : stageDue;
}

export class ComplaintCase {
  readonly profile: PolicyProfile;
  readonly calendar: WorkingDayCalendar;
  readonly state: CaseState;
  private readonly outbox: Letter[] = [];
  private finishing = false;
  private readonly dispatcher: Promise<void>;
  /** The experience survey's invitation, once started (see `inviteToSurvey`): null when done, or its failure. */
  private surveyInvitation?: Promise<{ error: unknown } | null>;

  constructor(readonly input: ComplaintLifecycleInput) {
    this.profile = getProfile(input.profile.id, input.profile.version);
    this.calendar = createWorkingDayCalendar(input.calendar);
    const opening = openingDeadlines(this.profile, input, this.calendar);
    this.state = input.resume
      ? withoutDerived(input.resume.state)
      : {
          reference: input.reference,
          stage: initialStage(input),
          profile: input.profile,
          // R-QUICK-1: a PALS enquiry (HPFT), or a complaint made verbally (PHSO model), may end on the quick route.
          quickRoute: opening.quickResolution ? { due: opening.quickResolution } : undefined,
          acknowledgement: opening.acknowledgement ? { due: opening.acknowledgement } : undefined,
          breached: false,
        };
    this.dispatcher = this.dispatchLetters();
  }

  /** The state as the API and tests see it, with what is derived from it. */
  view(): ComplaintProcessState {
    return { ...this.state, nextDeadline: nextDeadline(this.state) };
  }

  isClosed(): boolean {
    return this.state.closed !== undefined;
  }

  /** Today in London, by the workflow's clock. */
  today(): LocalDate {
    return londonDate(new Date());
  }

  /** The day a dated command happened (issue #12 point 10): the day it names, or today. */
  dayOf(command: DatedCommand): LocalDate {
    return command.on ?? this.today();
  }

  /**
   * In an update validator (issue #12 point 10): the day a dated command names must be a real date, not after
   * today and not before `earliest` (what it follows: the complaint's receipt at least).
   */
  requireDayHappened(command: DatedCommand, earliest: { date: LocalDate; what: string }, rule: string): void {
    const { on } = command;
    if (on === undefined) return;
    if (!isLocalDate(on)) refuse(rule, 'on must be an ISO date (YYYY-MM-DD)');
    const today = this.today();
    if (on > today) refuse(rule, `on (${on}) is after today (${today}): name the day it happened`);
    const floor =
      earliest.date < this.input.receivedOn
        ? { date: this.input.receivedOn, what: 'the complaint was received' }
        : earliest;
    if (on < floor.date) refuse(rule, `on (${on}) is before ${floor.what} (${floor.date})`);
  }

  /** In an update validator: refuses unless the complaint is open and at one of `stages`. */
  requireStage(stages: Stage | readonly Stage[], rule: string, reason: string): void {
    if (this.isClosed()) refuse(rule, `the complaint is closed (${this.state.closed!.reason})`);
    const allowed: readonly Stage[] = typeof stages === 'string' ? [stages] : stages;
    if (!allowed.includes(this.state.stage)) refuse(rule, `${reason} (stage: ${this.state.stage})`);
  }

  // --- The stage and the ways a case ends -------------------------------------------------------------

  moveTo(stage: Stage): void {
    this.state.stage = stage;
  }

  /** Every way a complaint ends: the closure, the stage it ends in, and the event that records it. */
  async close(
    reason: ClosureReason,
    by: string | null,
    event: { type: string; rule?: string; data?: Record<string, unknown> },
    projection: CaseProjection = {},
  ): Promise<void> {
    const closedAt = new Date().toISOString();
    this.state.closed = { at: closedAt, reason };
    this.state.stage = CLOSURE_STAGES[reason];
    await this.record(event.type, event.rule, by === null ? SYSTEM : staff(by), event.data, {
      ...projection,
      closedAt,
    });
    if (SURVEYED_CLOSURES.includes(reason) && !this.input.anonymous && patched('experience-survey'))
      this.inviteToSurvey();
  }

  /**
   * ADR 0023: the invitation is started, not awaited, so the closing never waits on the email: a reopen that
   * arrives meanwhile finds the complaint closed and reopens it as at any other time. `finish()` waits for it,
   * so no run ends (or continues as new) with it in flight. Once per run; the activity's step makes it once per
   * complaint, so closing again after a reopened round, or in a later run, sends nothing again.
   */
  private inviteToSurvey(): void {
    if (this.surveyInvitation) return;
    // Settled here, so a failure is not an unhandled rejection before finish() rethrows it.
    this.surveyInvitation = inviteToExperienceSurvey({
      reference: this.input.reference,
      step: 'experience-survey',
    }).then(
      () => null,
      (error: unknown) => ({ error }),
    );
  }

  /** R-QUICK-1: the quick route ends, resolved or (a PALS enquiry) treated as a complaint. */
  endQuickRoute(outcome: NonNullable<QuickRouteState['outcome']>, by: string | null): QuickRouteState {
    return Object.assign(this.state.quickRoute!, { outcome, on: this.today(), by: by ?? undefined });
  }

  /** R-ACK-1: acknowledged now, on time or not. */
  acknowledge(command: AcknowledgeCommand) {
    const acknowledgement = this.state.acknowledgement!;
    const now = new Date();
    acknowledgement.acknowledgedAt = now.toISOString();
    acknowledgement.acknowledgedOn = londonDate(now);
    acknowledgement.method = command.method;
    acknowledgement.by = command.by;
    acknowledgement.onTime = acknowledgement.acknowledgedOn <= acknowledgement.due;
    this.state.stage = 'acknowledged';
    return acknowledgement;
  }

  // --- Clocks -----------------------------------------------------------------------------------------

  /** Keeps one deadline that may move: reminder the working day before, breach escalated when missed. */
  keepClock(clock: ClockState, spec: ClockSpec, done: () => boolean): Promise<void> {
    const { name, label, rule, remind = 'handler', escalate = 'complaints-manager' } = spec;
    const step = (kind: string, due: LocalDate) =>
      spec.undated ? `${name}-${kind}` : `${name}-${kind}-${due}`;
    return keepDeadline(() => clock.due, done, this.calendar, {
      remind: async (due) => {
        this.reminded(clock);
        await this.notifyStaff(remind, step('reminder', due), 'deadline-reminder', {
          deadline: label,
          due,
          rule,
        });
        await this.record(`${name}-reminder-sent`, rule, SYSTEM, { due });
      },
      passed: async (due) => {
        this.breach(clock);
        await this.record(`${name}-deadline-breached`, rule, SYSTEM, { due });
        await this.notifyStaff(escalate, step('escalation', due), 'deadline-breach', {
          deadline: label,
          due,
          rule,
        });
        await this.record(`${name}-breach-escalated`, rule, SYSTEM, { to: escalate });
      },
    });
  }

  reminded(clock: ClockState): void {
    clock.reminderSentAt = new Date().toISOString();
  }

  /** A deadline was missed: the complaint is marked breached for good. */
  breach(clock: ClockState): void {
    this.state.breached = true;
    clock.breachedAt = new Date().toISOString();
  }

  /** R-ER-1: early resolution starts, aiming at the profile's working days from receipt. */
  startEarlyResolution(due: EarlyResolutionState['due']): EarlyResolutionState {
    const early: EarlyResolutionState = { due, extensions: [] };
    this.state.earlyResolution = early;
    this.state.stage = 'early-resolution';
    return early;
  }

  /** R-ER-1: the aim moves to a date agreed with the person. */
  extendEarlyResolution(to: LocalDate, by: string): EarlyResolutionState {
    const early = this.state.earlyResolution!;
    early.extensions.push({ agreedOn: this.today(), from: early.due!, to, by });
    early.due = to;
    return early;
  }

  /** The first round of the closer look, counted from receipt. */
  startFirstRound(): void {
    this.state.round = { number: 1, kind: 'first', startedOn: this.input.receivedOn };
    this.state.finalResponse = { approvals: [] };
  }

  /** R-REOPEN-1 / R-STAGE2-1: a new round of the closer look (a closed complaint opens again). */
  startRound(kind: RoundKind, startedOn: LocalDate): CloserLookState {
    this.state.closed = undefined;
    this.state.round = { number: this.state.round!.number + 1, kind, startedOn };
    this.state.finalResponse = { approvals: [] };
    return this.openCloserLook();
  }

  /** R-INV-4: the closer look, with the final-response timescale of the round from the profile. */
  openCloserLook(): CloserLookState {
    const timescale = finalResponseTimescale(this.profile, this.state.round!.kind);
    const closer: CloserLookState = {
      basis:
        timescale === null
          ? 'to-be-agreed'
          : timescale.basis === 'working-days'
            ? 'profile-working-days'
            : 'profile-calendar-months',
      due: null,
    };
    closer.due = this.finalResponseDue(closer);
    this.state.closerLook = closer;
    this.state.stage = 'closer-look';
    return closer;
  }

  /** R-INV-4: the final-response date agreed with the person from today (pauses after today move it out). */
  agreeFinalResponseDate(date: LocalDate): CloserLookState {
    const closer = this.state.closerLook!;
    closer.agreed = { date, on: this.today() };
    closer.basis = 'agreed-with-complainant';
    closer.due = this.finalResponseDue(closer);
    return closer;
  }

  /** R-INV-5: the final response will be late; a new date agreed with the person. Returns the previous date. */
  extendFinalResponse(command: ExtendFinalResponseCommand): LocalDate | null {
    const { newDue, reason, by, agreement } = command;
    const closer = this.state.closerLook!;
    const previousDue = closer.due;
    (closer.extensions ??= []).push({
      agreedOn: this.today(),
      ...(agreement ? { agreement } : {}),
      from: previousDue,
      to: newDue,
      reason,
      by,
    });
    this.agreeFinalResponseDate(newDue);
    return previousDue;
  }

  /** R-INV-6: the open pause of the final-response clock, if any. */
  openPause(): PauseRecord | undefined {
    return this.state.pauses?.find((pause) => pause.end === null);
  }

  /** The last pause that has ended, if any (a new one starts after it). */
  lastEndedPause(): PauseRecord | undefined {
    return this.state.pauses?.filter((pause) => pause.end !== null).at(-1);
  }

  /** R-INV-6: no final-response deadline runs from `start` (today, or the day named) until the clock resumes. */
  async pauseFinalResponseClock(reason: PauseReason, by: string, start: LocalDate): Promise<CloserLookState> {
    const closer = this.state.closerLook!;
    (this.state.pauses ??= []).push({ start, end: null, reason, by });
    closer.due = null;
    await this.record('clock-paused', 'R-INV-6', staff(by), { reason, on: start });
    return closer;
  }

  /** R-INV-6: the deadline moves out by the working days paused; `resumedOn` counts again. */
  async resumeFinalResponseClock(
    by: string,
    resumedOn: LocalDate,
    reason: ResumeReason | undefined,
  ): Promise<CloserLookState> {
    const closer = this.state.closerLook!;
    const pause = this.openPause()!;
    // The day the clock resumes counts again; a pause resumed the day it began pauses nothing.
    pause.end = addCalendarDays(resumedOn, -1);
    if (reason) pause.resumeReason = reason;
    if (pause.end < pause.start) this.state.pauses = this.state.pauses!.filter((p) => p !== pause);
    closer.due = this.finalResponseDue(closer);
    await this.record('clock-resumed', 'R-INV-6', staff(by), {
      due: closer.due,
      pausedFrom: pause.start,
      on: resumedOn,
      ...(reason ? { reason } : {}),
    });
    return closer;
  }

  /** R-INV-7: from six months without a response, the Responsible Person keeps oversight. */
  placeUnderOversight(six: SixMonthState): void {
    this.state.sixMonths = six;
    this.setOversight(true);
  }

  /** R-INV-7: oversight lasts until the final response is sent. */
  endOversight(): void {
    if (this.state.underOversight) this.setOversight(false);
  }

  private setOversight(on: boolean): void {
    this.state.underOversight = on;
    upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.underOversight, value: on }]);
  }

  /** R-INV-4 with R-INV-5 and R-INV-6: the round's final-response date (the domain computes it). */
  private finalResponseDue(closer: CloserLookState): LocalDate | null {
    return finalResponseDeadline(
      this.profile,
      {
        round: this.state.round!,
        basis: closer.basis,
        agreed: closer.agreed,
        extensions: closer.extensions,
        pauses: this.state.pauses ?? [],
      },
      this.calendar,
    ).due;
  }

  // --- The timeline, the worklist and the search attributes ------------------------------------------

  /** Marks the workflow as this complaint's, for the Temporal UI and the API's look-ups. */
  identify(): void {
    upsertSearchAttributes([
      { key: SEARCH_ATTRIBUTES.complaintReference, value: this.input.reference },
      { key: SEARCH_ATTRIBUTES.organisation, value: this.input.organisationCode },
      // A joint case carried into a new run stays findable by its lead and partners.
      ...jointSearchAttributes(this.state.joint),
    ]);
  }

  /** R-JOINT-1: the complaint is handled jointly from now on, this organisation leading. */
  makeJoint(joint: JointCaseState): void {
    this.state.joint = joint;
    upsertSearchAttributes([...jointSearchAttributes(joint)]);
  }

  /** Appends to the case timeline, with the search attributes and the worklist projection derived from the state. */
  async record(
    type: string,
    rule: string | undefined,
    actor: CaseEventInput['actor'],
    data: Record<string, unknown> = {},
    extra: CaseProjection = {},
  ): Promise<void> {
    const next = nextDeadline(this.state);
    upsertSearchAttributes([
      { key: SEARCH_ATTRIBUTES.stage, value: operationsStage(this.state) },
      { key: SEARCH_ATTRIBUTES.breached, value: this.state.breached },
      { key: SEARCH_ATTRIBUTES.nextDeadline, value: next ? endOfLondonDay(next) : null },
    ]);
    await recordCaseEvent({
      reference: this.input.reference,
      occurredAt: new Date().toISOString(),
      type,
      rule,
      actor,
      data,
      projection: {
        stage: this.state.stage,
        nextDeadline: next,
        breached: this.state.breached,
        deadlines: this.deadlines(),
        underOversight: this.state.underOversight ?? false,
        ...extra,
      },
    });
  }

  private deadlines(): Record<string, LocalDate | null> {
    const { quickRoute, acknowledgement, earlyResolution, closerLook } = this.state;
    return {
      ...(this.input.kind === 'pals-enquiry' && quickRoute ? { palsEnquiry: quickRoute.due } : {}),
      ...(acknowledgement ? { acknowledgement: acknowledgement.due } : {}),
      ...(earlyResolution ? { earlyResolution: earlyResolution.due } : {}),
      ...(closerLook ? { finalResponse: closerLook.due } : {}),
    };
  }

  // --- Correspondence ---------------------------------------------------------------------------------

  /** Sends now, from the main flow, and records it on the timeline. */
  async send(letter: Letter): Promise<void> {
    const sent = await sendCorrespondence({
      reference: this.input.reference,
      step: letter.step,
      template: letter.template,
      audience: letter.audience,
      facts: letter.facts,
      ...(letter.approvedBy ? { approvedBy: letter.approvedBy } : {}),
    });
    await this.record('correspondence-sent', letter.rule, SYSTEM, {
      template: letter.template,
      step: letter.step,
      items: sent.items,
      noUsableContact: sent.noUsableContact,
    });
  }

  /** Queues a letter from an update handler; the dispatcher sends it, so the command answers at once. */
  post(letter: Letter): void {
    this.outbox.push(letter);
  }

  /** A reminder or escalation to staff; the clock's own event records it. */
  async notifyStaff(
    audience: Audience,
    step: string,
    template: TemplateName,
    facts: Record<string, string>,
  ): Promise<void> {
    await sendCorrespondence({ reference: this.input.reference, step, template, audience, facts });
  }

  /** Letters posted by the last commands go out, and those commands answer, before this run ends. */
  async finish(): Promise<void> {
    this.finishing = true;
    await this.dispatcher;
    const invitation = await this.surveyInvitation;
    if (invitation) throw invitation.error;
    await condition(allHandlersFinished);
  }

  /** Sends the letters update handlers post, in order, so a command answers without waiting for delivery. */
  private async dispatchLetters(): Promise<void> {
    for (;;) {
      await condition(() => this.outbox.length > 0 || this.finishing);
      if (this.outbox.length === 0) return;
      const letter = this.outbox[0];
      if (!(letter.stale?.() && patched(SKIP_STALE_LETTERS))) await this.send(letter);
      this.outbox.shift();
    }
  }
}

/** Issue #12 point 11: operations staff see a reopened or stage-two round's closer look as a stage of its own. */
export const ROUND_STAGES_IN_OPERATIONS = 'round-stages-in-operations';

function operationsStage(state: CaseState): string {
  const kind = state.round?.kind;
  if (state.stage !== 'closer-look' || kind === undefined || kind === 'first') return state.stage;
  return patched(ROUND_STAGES_IN_OPERATIONS) ? kind : state.stage;
}

/** The search attributes of a joint case (R-JOINT-1): organisation codes, never people. */
function jointSearchAttributes(joint: JointCaseState | undefined) {
  if (!joint) return [{ key: SEARCH_ATTRIBUTES.joint, value: false }] as const;
  return [
    { key: SEARCH_ATTRIBUTES.joint, value: true },
    { key: SEARCH_ATTRIBUTES.leadOrganisation, value: joint.leadCode },
    {
      key: SEARCH_ATTRIBUTES.partnerOrganisations,
      value: joint.members.filter((m) => m.role === 'partner').map((m) => m.code),
    },
  ] as const;
}

/** A state carried into a new run, without what is derived from it. */
function withoutDerived({ nextDeadline: _derived, ...state }: ComplaintProcessState): CaseState {
  return state;
}
