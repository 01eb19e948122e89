import type { ClosureReason } from './closure';
import { FINDING_OUTCOMES } from './final-response';
import { addCalendarDays, type LocalDate } from './local-date';

// R-MON-1: each complaint's outcome and its action plan. A complaint answered by a final response has the
// KO41a outcome of its findings (upheld, partially upheld, not upheld); one that ended without a response has
// the way it ended. The action plan holds the actions promised in the response (R-RESP-4) and any actions
// its learning led to, each followed to done (with evidence) or cancelled.

export const COMPLAINT_OUTCOMES = [
  ...FINDING_OUTCOMES,
  'resolved-early',
  'withdrawn',
  'out-of-scope',
  'out-of-time',
] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

/** The outcome a closure gives a complaint that had no final response; null for a closure that gives none. */
export function closureOutcome(reason: ClosureReason): ComplaintOutcome | null {
  switch (reason) {
    case 'resolved-early':
    case 'resolved-quickly':
      return 'resolved-early';
    case 'withdrawn':
    case 'out-of-scope':
    case 'out-of-time':
      return reason;
    // The review's (or the response's) finding is the outcome, projected by the event that records it.
    case 'representative-stopped':
    case 'responded':
    case 'learning-reviewed':
      return null;
  }
}

/**
 * Promised in the final response (R-RESP-4), set from the complaint's learning (R-MON-1, R-MON-3), or recommended
 * by the Ombudsman the person took the complaint to (R-RESP-3; ADR 0031).
 */
export const ACTION_SOURCES = ['promised', 'learning', 'ombudsman'] as const;
export type ActionSource = (typeof ACTION_SOURCES)[number];

export const ACTION_STATUSES = ['open', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** An overdue action still open this many days after its date goes to the senior managers as well. */
export const ESCALATE_ACTION_AFTER_DAYS = 7;

/**
 * What an open action needs on `asOf`: nothing while it is not yet overdue, a reminder to its owner from the
 * day after its date, and an escalation to the senior managers once it is ESCALATE_ACTION_AFTER_DAYS overdue.
 */
export function actionFollowUps(due: LocalDate, asOf: LocalDate): ('reminder' | 'escalation')[] {
  if (asOf <= due) return [];
  return asOf > addCalendarDays(due, ESCALATE_ACTION_AFTER_DAYS) ? ['reminder', 'escalation'] : ['reminder'];
}
