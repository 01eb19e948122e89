// R-ACK-1: the complaint is acknowledged within the profile's working days, verbally or in writing as the
// profile allows; the handler is reminded the working day before, and a breach is escalated.
import { condition, patched, setHandler } from '@temporalio/workflow';
import { endOfLondonDay, workingDayBefore } from '@complaints/domain';
import { sendCorrespondence } from '../shared/activity-proxies';
import { atLondonHour, REMINDER_HOUR, waitUntil } from '../shared/london-time';
import { refuse } from '../shared/refusal';
import { SYSTEM, staff, type ClockSpec, type ComplaintCase } from './complaint-case';
import { acknowledgeUpdate, type AcknowledgeCommand } from './acknowledgement.messages';

const LABEL = 'acknowledgement';
/** Its date never moves, so its letters keep their undated steps. */
const ACKNOWLEDGEMENT_CLOCK: ClockSpec = {
  name: 'acknowledgement',
  label: LABEL,
  rule: 'R-ACK-1',
  undated: true,
};
/** Since the one clock: the acknowledgement is kept by `ComplaintCase.keepClock`, like every other deadline. */
const ACKNOWLEDGEMENT_ON_THE_CLOCK = 'acknowledgement-on-the-one-clock';
/** Since issue #12: a verbal acknowledgement that must carry an offer (iTrust) is followed by its written record. */
const VERBAL_ACKNOWLEDGEMENT_WRITTEN_RECORD = 'verbal-acknowledgement-written-record';

export function registerAcknowledgementHandlers(c: ComplaintCase): void {
  const { input, profile, state } = c;
  setHandler(
    acknowledgeUpdate,
    async (command: AcknowledgeCommand) => {
      const acknowledgement = c.acknowledge(command);
      await c.record(
        'acknowledged',
        'R-ACK-1',
        staff(command.by),
        { method: command.method, due: acknowledgement.due, onTime: acknowledgement.onTime },
        { acknowledgedAt: acknowledgement.acknowledgedAt },
      );
      return {
        acknowledgedOn: acknowledgement.acknowledgedOn!,
        due: acknowledgement.due,
        onTime: acknowledgement.onTime!,
        method: command.method,
      };
    },
    {
      validator: (command: AcknowledgeCommand) => {
        if (input.kind === 'feedback')
          refuse('R-INT-3', 'feedback does not start the procedure and is not acknowledged');
        if (input.anonymous)
          refuse('R-INT-4', 'an anonymous complaint receives no correspondence and is not acknowledged');
        if (input.kind === 'pals-enquiry' && !c.isClosed())
          refuse(
            'R-QUICK-1',
            'a PALS enquiry is acknowledged once it becomes a complaint; treat it as one first',
          );
        if (c.isClosed())
          refuse('R-ACK-1', `the complaint is closed (${state.closed!.reason}); it cannot be acknowledged`);
        if (state.acknowledgement?.acknowledgedAt !== undefined)
          refuse(
            'R-ACK-1',
            `the complaint was already acknowledged on ${state.acknowledgement.acknowledgedOn}`,
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
}

/** Keeps the acknowledgement clock until staff acknowledge (or the complaint closes), then sends the letter. */
export async function acknowledge(c: ComplaintCase): Promise<void> {
  const acknowledgement = c.state.acknowledgement!;
  const due = acknowledgement.due;
  const acknowledged = () => acknowledgement.acknowledgedAt !== undefined || c.isClosed();
  await c.record('acknowledgement-clock-started', 'R-ACK-1', SYSTEM, {
    due,
    workingDays: c.profile.acknowledgement.workingDays,
  });
  if (patched(ACKNOWLEDGEMENT_ON_THE_CLOCK))
    await c.keepClock(acknowledgement, ACKNOWLEDGEMENT_CLOCK, acknowledged);
  else await keepAcknowledgementBeforeTheClock(c, acknowledged);

  await condition(acknowledged);
  // R-ACK-1 (iTrust): the free review consultation is offered on every channel, so a verbal acknowledgement is
  // followed by its written record, which carries the offer.
  const writtenRecord =
    acknowledgement.method === 'verbal' &&
    c.profile.acknowledgement.includes.includes('free-review-consultation-offer') &&
    patched(VERBAL_ACKNOWLEDGEMENT_WRITTEN_RECORD);
  if (acknowledgement.method === 'written' || writtenRecord) {
    const sent = await sendCorrespondence({
      reference: c.input.reference,
      step: 'acknowledgement-letter',
      template: 'acknowledgement',
      audience: 'complainant',
      facts: { acknowledgementDue: due, acknowledgedOn: acknowledgement.acknowledgedOn ?? null },
    });
    await c.record('correspondence-sent', 'R-ACK-1', SYSTEM, {
      template: 'acknowledgement',
      items: sent.items,
      noUsableContact: sent.noUsableContact,
    });
  }
}

/**
 * The acknowledgement clock as complaints received before the one clock keep it (it reminds even when the
 * due day has passed). Remove with the patch once no such complaint is awaiting acknowledgement.
 */
async function keepAcknowledgementBeforeTheClock(
  c: ComplaintCase,
  acknowledged: () => boolean,
): Promise<void> {
  const acknowledgement = c.state.acknowledgement!;
  const due = acknowledgement.due;
  const reminderAt = atLondonHour(workingDayBefore(due, c.calendar), REMINDER_HOUR);
  if (!(await waitUntil(acknowledged, reminderAt))) {
    c.reminded(acknowledgement);
    await c.notifyStaff('handler', 'acknowledgement-reminder', 'deadline-reminder', {
      deadline: LABEL,
      due,
      rule: 'R-ACK-1',
    });
    await c.record('acknowledgement-reminder-sent', 'R-ACK-1', SYSTEM, { due });
  }

  if (!(await waitUntil(acknowledged, endOfLondonDay(due)))) {
    c.breach(acknowledgement);
    await c.record('acknowledgement-deadline-breached', 'R-ACK-1', SYSTEM, { due });
    await c.notifyStaff('complaints-manager', 'acknowledgement-escalation', 'deadline-breach', {
      deadline: LABEL,
      due,
      rule: 'R-ACK-1',
    });
    await c.record('acknowledgement-breach-escalated', 'R-ACK-1', SYSTEM, { to: 'complaints-manager' });
  }
}
