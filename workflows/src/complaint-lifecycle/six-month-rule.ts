// R-INV-7: six months from receipt without a final response, the Responsible Person (or a senior manager)
// approves a letter explaining the delay and the likely timescale, and keeps oversight until the response.
import { setHandler } from '@temporalio/workflow';
import {
  calendarMonthsAfterReceipt,
  endOfLondonDay,
  isLocalDate,
  type ApproverRole,
  type LocalDate,
} from '@complaints/domain';
import { SYSTEM, staff, type ClockSpec, type ComplaintCase } from './complaint-case';
import { waitUntil } from '../shared/london-time';
import {
  approveSixMonthLetterUpdate,
  type ApproveSixMonthLetterCommand,
  type SixMonthState,
} from './six-month-rule.messages';
import { refuse } from '../shared/refusal';

/** Working days the Responsible Person has to approve the letter before it is escalated. */
export const SIX_MONTH_APPROVAL_WORKING_DAYS = 2;
const SIX_MONTH_APPROVERS: readonly ApproverRole[] = ['responsible-person', 'senior-manager'];
const SIX_MONTH_CLOCK: ClockSpec = {
  name: 'six-month-letter',
  label: 'approval of the six-month letter',
  rule: 'R-INV-7',
  remind: 'responsible-person',
  escalate: 'senior-manager',
};

export function registerSixMonthHandlers(c: ComplaintCase): void {
  setHandler(
    approveSixMonthLetterUpdate,
    async (command: ApproveSixMonthLetterCommand) => {
      const six = c.state.sixMonths!;
      six.approval = { by: command.by, role: command.role, on: c.today(), likelyBy: command.likelyBy };
      await c.record('six-month-letter-approved', 'R-INV-7', staff(command.by), {
        role: command.role,
        likelyBy: command.likelyBy,
      });
      return six;
    },
    {
      validator: (command: ApproveSixMonthLetterCommand) => {
        if (c.isClosed()) refuse('R-INV-7', `the complaint is closed (${c.state.closed!.reason})`);
        const six = c.state.sixMonths;
        if (!six) refuse('R-INV-7', 'no six-month letter is due for this complaint');
        if (six.approval)
          refuse('R-INV-7', `the six-month letter was already approved on ${six.approval.on}`);
        // Oversight ends with the final response (R-INV-7): there is no delay left to explain.
        if (!c.state.underOversight) {
          const sentOn = c.state.finalResponse?.sent?.on;
          refuse(
            'R-INV-7',
            `the final response was sent${sentOn ? ` on ${sentOn}` : ''}; no six-month letter is needed`,
          );
        }
        if (!SIX_MONTH_APPROVERS.includes(command.role))
          refuse('R-INV-7', 'the six-month letter is approved by the Responsible Person or a senior manager');
        if (!isLocalDate(command.likelyBy)) refuse('R-INV-7', 'likelyBy must be an ISO date');
        if (command.likelyBy < c.today())
          refuse('R-INV-7', `the likely date ${command.likelyBy} is in the past (today is ${c.today()})`);
      },
    },
  );
}

/**
 * Watches the first six months from receipt. When they pass without a final response (and no longer timescale
 * was agreed within them), asks for approval, escalates a late one, and sends the letter once approved.
 */
export async function keepSixMonthRule(c: ComplaintCase): Promise<void> {
  if (!c.profile.sixMonthLetter) return;
  const reachedOn = calendarMonthsAfterReceipt(c.input.receivedOn, 6);
  const responded = () => c.isClosed() || c.state.finalResponse?.sent !== undefined;
  // §0: a response on the six-month date itself is within six months.
  if (await waitUntil(responded, endOfLondonDay(reachedOn))) return;
  if (longerTimescaleAgreed(c, reachedOn)) {
    await c.record('six-month-letter-not-needed', 'R-INV-7', SYSTEM, {
      reachedOn,
      agreedDue: c.state.closerLook!.due,
    });
    return;
  }
  const approveBy = c.calendar.addWorkingDays(reachedOn, SIX_MONTH_APPROVAL_WORKING_DAYS);
  const six: SixMonthState = { reachedOn, due: approveBy };
  c.placeUnderOversight(six);
  await c.record('six-month-letter-due', 'R-INV-7', SYSTEM, { reachedOn, approveBy });
  const approvedOrResponded = () => six.approval !== undefined || responded();
  c.post({
    step: 'six-month-letter-approval',
    template: 'approval-request',
    audience: 'responsible-person',
    rule: 'R-INV-7',
    facts: { document: 'six-month-letter', step: 'six-month-letter', due: approveBy },
    stale: approvedOrResponded,
  });
  await c.keepClock(six, SIX_MONTH_CLOCK, approvedOrResponded);
  if (!six.approval || c.isClosed()) return;
  await c.send({
    step: 'six-month-letter',
    template: 'six-month-delay',
    audience: 'complainant',
    rule: 'R-INV-7',
    facts: { likelyBy: six.approval.likelyBy, approvedBy: six.approval.by },
  });
  six.sentOn = c.today();
}

/** R-INV-7 "unless a longer timescale was agreed within the first six months". */
function longerTimescaleAgreed(c: ComplaintCase, reachedOn: LocalDate): boolean {
  const closer = c.state.closerLook;
  return (
    closer?.agreed !== undefined &&
    closer.agreed.on <= reachedOn &&
    closer.due !== null &&
    closer.due > reachedOn
  );
}
