import type { WorkingDayCalendar } from './calendar';
import { calendarMonthsAfterReceipt, workingDaysAfterReceipt, type Pause } from './deadlines';
import { assertLocalDate, calendarDaysBetween, type LocalDate } from './local-date';
import type { Complexity } from './monitoring';
import type { MonitoringTarget } from './profiles';

// R-MON-2: how each response round stands against the targets of the complaint's pinned profile.

/** One round of the procedure that ends in a final response: the first, or a reopening (R-REOPEN-1). */
export interface ResponseRound {
  kind: 'first' | 'reopened';
  /** Receipt for the first round; the day it was reopened for a reopening. */
  startOn: LocalDate;
  /** When the final response went, or null while none has. */
  sentOn: LocalDate | null;
  /** R-INV-6: pauses of the final-response clock during the round. */
  pauses: readonly Pause[];
  /** R-INV-5: the last date agreed with the person by extension, or null when never extended. */
  extendedTo: LocalDate | null;
  complexity: Complexity | null;
  /** A joint case counts as multi-organisation (R-JOINT-1). */
  joint: boolean;
}

/** met/missed count towards the target; pending is not yet due; not-assessed cannot be placed (no complexity). */
export type TargetStanding = 'met' | 'missed' | 'pending' | 'not-assessed';

/**
 * The date by which the round's response meets the target, counted from its start by §0: calendar months
 * clamped to a shorter month; working days strictly after the start, moved out by paused working days. Where the
 * policy allows it (HPFT: "unless extended by agreement"), a later date agreed with the person replaces it.
 * Null while an open pause holds the clock before the target is reached.
 */
export function targetDate(
  target: MonitoringTarget,
  round: ResponseRound,
  calendar: WorkingDayCalendar,
): LocalDate | null {
  assertLocalDate(round.startOn, 'startOn');
  const counted =
    target.within.basis === 'calendar-months'
      ? calendarMonthsAfterReceipt(round.startOn, target.within.amount)
      : workingDaysAfterReceipt(round.startOn, target.within.amount, calendar, round.pauses);
  if (counted === null) return null;
  if (target.unlessExtendedByAgreement && round.extendedTo !== null && round.extendedTo > counted)
    return round.extendedTo;
  return counted;
}

/** How a round the target applies to (targetAppliesTo) stands on `today`, a London date. */
export function standingAgainst(
  target: MonitoringTarget,
  round: ResponseRound,
  today: LocalDate,
  calendar: WorkingDayCalendar,
): TargetStanding {
  const byComplexity =
    target.caseType === 'straightforward' || target.caseType === 'complex-or-multi-organisation';
  if (byComplexity && !round.joint && round.complexity === null) return 'not-assessed';
  const due = targetDate(target, round, calendar);
  // A null date is a clock held by an open pause: nothing is late while it holds.
  if (round.sentOn !== null) return due === null || round.sentOn <= due ? 'met' : 'missed';
  return due !== null && today > due ? 'missed' : 'pending';
}

/**
 * Whether the target is about this round: the first round's response for new, straightforward and complex cases,
 * a reopening's for reopened. A round whose complexity is not yet assessed belongs to both complexity targets
 * (and stands as not-assessed in each).
 */
export function targetAppliesTo(target: MonitoringTarget, round: ResponseRound): boolean {
  switch (target.caseType) {
    case 'new':
      return round.kind === 'first';
    case 'reopened':
      return round.kind === 'reopened';
    case 'straightforward':
      return round.kind === 'first' && !round.joint && round.complexity !== 'complex';
    case 'complex-or-multi-organisation':
      return round.kind === 'first' && (round.joint || round.complexity !== 'straightforward');
  }
}

/** Calendar days from the round's start to its response, or null while none has gone. */
export function daysToRespond(round: ResponseRound): number | null {
  return round.sentOn === null ? null : calendarDaysBetween(round.startOn, round.sentOn);
}
