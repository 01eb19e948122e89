// R-QUICK-1: the quick route. PHSO model 8.8: a verbal complaint resolved by the end of the next working day,
// the person confirming they are satisfied, ends there. HPFT 8.9–8.10: a "PALS enquiry" resolved within 10
// working days ends there; one that is not becomes a complaint and follows the rest of the procedure.
import { patched, setHandler } from '@temporalio/workflow';
import { workingDayBefore, endOfLondonDay, type LocalDate, type Stage } from '@complaints/domain';
import { keepDeadline } from '../shared/clock';
import { SYSTEM, staff, type ComplaintCase, type Letter } from './complaint-case';
import { atLondonHour, REMINDER_HOUR, waitUntil } from '../shared/london-time';
import type { StaffCommand } from './lifecycle.messages';
import {
  resolveQuicklyUpdate,
  treatAsComplaintUpdate,
  type ResolveQuicklyCommand,
} from './quick-route.messages';
import { refuse } from '../shared/refusal';

/** A verbal complaint may end on the quick route until its acknowledgement or early resolution has begun. */
const QUICK_ROUTE_STAGES: readonly Stage[] = ['pals-enquiry', 'awaiting-acknowledgement', 'acknowledged'];

export function registerQuickRouteHandlers(c: ComplaintCase): void {
  setHandler(
    resolveQuicklyUpdate,
    async (command: ResolveQuicklyCommand) => {
      const quick = c.endQuickRoute('resolved', command.by);
      await c.close('resolved-quickly', command.by, {
        type: 'resolved-quickly',
        rule: 'R-QUICK-1',
        data: { due: quick.due, palsEnquiry: c.input.kind === 'pals-enquiry', confirmedSatisfied: true },
      });
      return quick;
    },
    {
      validator: (command: ResolveQuicklyCommand) => {
        requireOpenQuickRoute();
        if (command.confirmedSatisfied !== true)
          refuse('R-QUICK-1', 'the person must confirm they are satisfied before a complaint ends here');
      },
    },
  );

  setHandler(
    treatAsComplaintUpdate,
    async (command: StaffCommand) => {
      await becomeComplaint(c, command.by);
      return c.state.quickRoute!;
    },
    {
      validator: (_command: StaffCommand) => {
        c.requireStage('pals-enquiry', 'R-QUICK-1', 'only a PALS enquiry becomes a complaint');
        requireOpenQuickRoute();
      },
    },
  );

  function requireOpenQuickRoute(): void {
    const quick = c.state.quickRoute;
    if (!quick) refuse('R-QUICK-1', noQuickRoute());
    c.requireStage(QUICK_ROUTE_STAGES, 'R-QUICK-1', 'the quick route is over');
    if (quick.outcome) refuse('R-QUICK-1', `the quick route already ended (${quick.outcome}) on ${quick.on}`);
    if (c.today() > quick.due)
      refuse('R-QUICK-1', `the quick route ended on ${quick.due} (today is ${c.today()})`);
  }

  function noQuickRoute(): string {
    const name = c.profile.name;
    switch (c.profile.quickRoute.kind) {
      case 'verbal-resolved-by-end-of-next-working-day':
        return `${name} has no quick route for this complaint (it was not made verbally)`;
      case 'pals-enquiry':
        return `${name}'s quick route is for PALS enquiries; this was recorded as a complaint`;
      default:
        return `${name} has no quick route`;
    }
  }
}

/**
 * HPFT 8.9–8.10: the PALS enquiry runs until it is resolved, closed, or its 10 working days pass; the handler
 * is reminded the working day before. True when it becomes a complaint (by a command, or by its time running out).
 */
export async function followPalsEnquiry(c: ComplaintCase): Promise<boolean> {
  const quick = c.state.quickRoute!;
  const ended = () => quick.outcome !== undefined || c.isClosed();
  await c.record('pals-enquiry-started', 'R-QUICK-1', SYSTEM, { due: quick.due });
  if (patched(PALS_ENQUIRY_ON_THE_CLOCK)) {
    await keepDeadline(() => quick.due, ended, c.calendar, {
      remind: async (due) => {
        c.reminded(quick);
        await c.send(palsEnquiryReminder(due));
      },
      passed: () => becomeComplaint(c, null),
    });
  } else {
    await keepPalsEnquiryBeforeTheClock(c);
  }
  return quick.outcome === 'becomes-complaint';
}

/** Since the one clock: the PALS enquiry's reminder and end are kept by `keepDeadline`. */
const PALS_ENQUIRY_ON_THE_CLOCK = 'pals-enquiry-on-the-one-clock';

function palsEnquiryReminder(due: LocalDate): Letter {
  return {
    step: 'pals-enquiry-reminder',
    template: 'deadline-reminder',
    audience: 'handler',
    rule: 'R-QUICK-1',
    facts: { deadline: 'PALS enquiry (it becomes a complaint if not resolved)', due, rule: 'R-QUICK-1' },
  };
}

/**
 * The PALS enquiry's clock as enquiries started before the one clock keep it (it reminds even when the
 * enquiry's last day has passed). Remove with the patch once no such enquiry is running.
 */
async function keepPalsEnquiryBeforeTheClock(c: ComplaintCase): Promise<void> {
  const quick = c.state.quickRoute!;
  const ended = () => quick.outcome !== undefined || c.isClosed();
  const reminderAt = atLondonHour(workingDayBefore(quick.due, c.calendar), REMINDER_HOUR);
  if (!(await waitUntil(ended, reminderAt))) {
    c.reminded(quick);
    await c.send(palsEnquiryReminder(quick.due));
  }
  if (!(await waitUntil(ended, endOfLondonDay(quick.due)))) await becomeComplaint(c, null);
}

/** HPFT 8.10: treated as a complaint, received today; the record keeps the day the enquiry came in. */
async function becomeComplaint(c: ComplaintCase, by: string | null): Promise<void> {
  const quick = c.endQuickRoute('becomes-complaint', by);
  await c.record(
    'pals-enquiry-became-complaint',
    'R-QUICK-1',
    by ? staff(by) : SYSTEM,
    { enquiryReceivedOn: c.input.receivedOn, receivedOn: c.today(), due: quick.due },
    { becameComplaintOn: c.today() },
  );
}
