// One complaint, one workflow: the NHS complaints procedure with every deadline kept by durable timers.
// Reads like the procedure: record, acknowledge (R-ACK-1), … Rule IDs refer to shared/docs/procedure.md.
import { condition, proxyActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { CaseEventInput, CaseProjection } from '@complaints/activities/case-record';
import type {
  SendCorrespondenceInput,
  SendCorrespondenceResult,
} from '@complaints/activities/correspondence';
import {
  acknowledgementDue,
  createWorkingDayCalendar,
  endOfLondonDay,
  getProfile,
  londonDate,
  startOfLondonDay,
  workingDayBefore,
  type LocalDate,
} from '@complaints/domain';
import { SEARCH_ATTRIBUTES, TASK_QUEUES } from '@complaints/temporal';
import {
  acknowledgeUpdate,
  initialStage,
  processStateQuery,
  withdrawUpdate,
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
        deadlines: state.acknowledgement ? { acknowledgement: state.acknowledgement.due } : {},
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
    return state;
  }

  await acknowledge();
  await condition(isClosed);
  return state;

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
      await notifyStaff('handler', 'acknowledgement-reminder', 'acknowledgement-reminder', { due });
      await record('acknowledgement-reminder-sent', 'R-ACK-1', SYSTEM, { due });
    }

    if (!(await waitUntil(() => isAcknowledged() || isClosed(), endOfLondonDay(due)))) {
      state.breached = true;
      acknowledgement.breachedAt = new Date().toISOString();
      await record('acknowledgement-deadline-breached', 'R-ACK-1', SYSTEM, { due });
      await notifyStaff('complaints-manager', 'acknowledgement-escalation', 'acknowledgement-breach', {
        due,
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
