import { londonDate, type WorkingDayCalendar } from './calendar';
import {
  addCalendarDays,
  assertLocalDate,
  daysInMonth,
  localDate,
  localDateParts,
  type LocalDate,
} from './local-date';
import type { ProfileRef } from './profiles';

/**
 * R-INV-6: a range of paused calendar days, both ends inclusive. `end: null` means the clock
 * is still paused (e.g. waiting for consent, or on hold at the request of the police or a coroner).
 */
export interface Pause {
  start: LocalDate;
  end: LocalDate | null;
}

/** A due date, or null while an open pause holds the clock before the deadline is reached. */
export type DueDate = LocalDate | null;

/**
 * R-INV-5: a timescale change agreed with the complainant, either as more working days on
 * top of the current due date or as a new date.
 */
export type DeadlineExtension =
  | { kind: 'working-days'; agreedOn: LocalDate; workingDays: number; reason?: string }
  | { kind: 'new-date'; agreedOn: LocalDate; due: LocalDate; reason?: string };

export type DeadlineBasis = 'working-days' | 'calendar-months';

/** A deadline that can explain itself: which rule, which profile version, which calendar. */
export interface Deadline {
  rule: string;
  profile: ProfileRef;
  basis: DeadlineBasis;
  start: LocalDate;
  amount: number;
  /** The calendar's own description (nation and closure days). */
  calendar: string;
  pauses: readonly Pause[];
  extensions: readonly DeadlineExtension[];
  /** The due date before pauses and extensions. */
  baseDue: LocalDate;
  due: DueDate;
}

function validatePauses(pauses: readonly Pause[]): void {
  pauses.forEach((pause, i) => {
    assertLocalDate(pause.start, `pauses[${i}].start`);
    if (pause.end !== null) {
      assertLocalDate(pause.end, `pauses[${i}].end`);
      if (pause.end < pause.start)
        throw new RangeError(`pauses[${i}] ends (${pause.end}) before it starts (${pause.start})`);
    }
  });
}

function isPaused(date: LocalDate, pauses: readonly Pause[]): boolean {
  return pauses.some((p) => p.start <= date && (p.end === null || date <= p.end));
}

function isInOpenPause(date: LocalDate, pauses: readonly Pause[]): boolean {
  return pauses.some((p) => p.end === null && p.start <= date);
}

/**
 * Counts n working days strictly after `from`, leaving out paused days (R-INV-6).
 * Reaching a day held by an open pause means there is no deadline yet.
 */
function countUnpausedWorkingDays(
  from: LocalDate,
  n: number,
  calendar: WorkingDayCalendar,
  pauses: readonly Pause[],
): DueDate {
  let date = from;
  let remaining = n;
  while (remaining > 0) {
    date = addCalendarDays(date, 1);
    if (isInOpenPause(date, pauses)) return null;
    if (calendar.isWorkingDay(date) && !isPaused(date, pauses)) remaining -= 1;
  }
  return date;
}

function assertPositiveInteger(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
}

/**
 * §0 "within N working days of receipt": the N-th working day strictly after the London date
 * of receipt. Receipt on a weekend or bank holiday changes nothing: the next working day is day 1.
 * Paused working days do not count (R-INV-6), so the deadline moves out by those that fall
 * before it; an open pause that starts on or before the would-be deadline gives null.
 */
export function workingDaysAfterReceipt(
  receipt: LocalDate,
  workingDays: number,
  calendar: WorkingDayCalendar,
  pauses: readonly Pause[] = [],
): DueDate {
  assertLocalDate(receipt, 'receipt');
  assertPositiveInteger(workingDays, 'workingDays');
  validatePauses(pauses);
  return countUnpausedWorkingDays(receipt, workingDays, calendar, pauses);
}

/**
 * §0 "within N months" / "a calendar month": the same day of the month N months after receipt,
 * clamped to the last day of a shorter month (31 Aug + 6 months = 28 or 29 Feb).
 */
export function calendarMonthsAfterReceipt(receipt: LocalDate, months: number): LocalDate {
  assertPositiveInteger(months, 'months');
  const { year, month, day } = localDateParts(assertLocalDate(receipt, 'receipt'));
  const monthIndex = month - 1 + months;
  const targetYear = year + Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  return localDate(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** §0: met if the action happens on or before the deadline date, London time. */
export function isDeadlineMet(actionAt: Date, deadline: LocalDate): boolean {
  assertLocalDate(deadline, 'deadline');
  return londonDate(actionAt) <= deadline;
}

/** Working days strictly after a, up to and including b (negative when b is before a). */
export function workingDaysBetween(a: LocalDate, b: LocalDate, calendar: WorkingDayCalendar): number {
  return calendar.workingDaysBetween(a, b);
}

/** The last working day before the deadline: when a reminder is due. */
export function workingDayBefore(deadline: LocalDate, calendar: WorkingDayCalendar): LocalDate {
  return calendar.previousWorkingDay(assertLocalDate(deadline, 'deadline'));
}

export interface DeadlineRequest {
  /** The rule the deadline comes from, e.g. 'R-ACK-1'. */
  rule: string;
  profile: ProfileRef;
  basis: DeadlineBasis;
  /** The London date of receipt (or of the request, for stage two). */
  start: LocalDate;
  /** Working days or calendar months, according to `basis`. */
  amount: number;
  calendar: WorkingDayCalendar;
  pauses?: readonly Pause[];
  /** Applied in the order given. */
  extensions?: readonly DeadlineExtension[];
}

/**
 * Builds a self-explaining deadline (§0, R-INV-5, R-INV-6).
 *
 * Pauses move calendar-month deadlines too, by the paused working days on or before the
 * month-based date, so a clock on hold at the person's request is treated alike whatever the
 * profile's basis. A new-date extension sets the date outright; a working-days extension
 * counts on from the current due date, still leaving out paused days.
 */
export function explainDeadline(request: DeadlineRequest): Deadline {
  const { rule, profile, basis, start, amount, calendar } = request;
  const pauses = request.pauses ?? [];
  const extensions = request.extensions ?? [];
  assertLocalDate(start, 'start');
  assertPositiveInteger(amount, 'amount');
  validatePauses(pauses);
  extensions.forEach((ext, i) => {
    assertLocalDate(ext.agreedOn, `extensions[${i}].agreedOn`);
    if (ext.kind === 'working-days') assertPositiveInteger(ext.workingDays, `extensions[${i}].workingDays`);
    else assertLocalDate(ext.due, `extensions[${i}].due`);
  });

  let baseDue: LocalDate;
  let due: DueDate;
  if (basis === 'working-days') {
    baseDue = countUnpausedWorkingDays(start, amount, calendar, []) as LocalDate;
    due = countUnpausedWorkingDays(start, amount, calendar, pauses);
  } else {
    baseDue = calendarMonthsAfterReceipt(start, amount);
    due = moveOutByPausedWorkingDays(start, baseDue, calendar, pauses);
  }

  for (const extension of extensions) {
    if (extension.kind === 'new-date') due = extension.due;
    else if (due !== null) due = countUnpausedWorkingDays(due, extension.workingDays, calendar, pauses);
  }

  return deepFreezeDeadline({
    rule,
    profile: { id: profile.id, version: profile.version },
    basis,
    start,
    amount,
    calendar: calendar.describe(),
    pauses: pauses.map((p) => ({ ...p })),
    extensions: extensions.map((e) => ({ ...e })),
    baseDue,
    due,
  });
}

function moveOutByPausedWorkingDays(
  start: LocalDate,
  baseDue: LocalDate,
  calendar: WorkingDayCalendar,
  pauses: readonly Pause[],
): DueDate {
  if (pauses.length === 0) return baseDue;
  let pausedWorkingDays = 0;
  for (let date = addCalendarDays(start, 1); date <= baseDue; date = addCalendarDays(date, 1)) {
    if (isInOpenPause(date, pauses)) return null;
    if (calendar.isWorkingDay(date) && isPaused(date, pauses)) pausedWorkingDays += 1;
  }
  return pausedWorkingDays === 0
    ? baseDue
    : countUnpausedWorkingDays(baseDue, pausedWorkingDays, calendar, pauses);
}

function deepFreezeDeadline(deadline: Deadline): Deadline {
  deadline.pauses.forEach((p) => Object.freeze(p));
  deadline.extensions.forEach((e) => Object.freeze(e));
  Object.freeze(deadline.pauses);
  Object.freeze(deadline.extensions);
  Object.freeze(deadline.profile);
  return Object.freeze(deadline);
}

/** A sentence for letters, audit logs and the operations UI. */
export function describeDeadline(deadline: Deadline): string {
  const unit = deadline.basis === 'working-days' ? 'working day' : 'calendar month';
  const parts = [
    `${deadline.rule} (${deadline.profile.id} v${deadline.profile.version}): ` +
      `${deadline.amount} ${unit}${deadline.amount === 1 ? '' : 's'} from ${deadline.start}`,
    `calendar: ${deadline.calendar}`,
  ];
  if (deadline.pauses.length > 0) {
    parts.push(`paused ${deadline.pauses.map((p) => `${p.start} to ${p.end ?? 'now'}`).join(', ')}`);
  }
  for (const ext of deadline.extensions) {
    parts.push(
      ext.kind === 'new-date'
        ? `extended to ${ext.due} (agreed ${ext.agreedOn})`
        : `extended by ${ext.workingDays} working days (agreed ${ext.agreedOn})`,
    );
  }
  parts.push(deadline.due === null ? 'no due date while the clock is paused' : `due ${deadline.due}`);
  return parts.join('; ');
}

/**
 * R-INT-6: a complaint is out of time when received more than 12 months after the incident or after the
 * complainant found out, whichever is later. Unknown dates cannot make a complaint late.
 */
export function isOutOfTime(
  receivedOn: LocalDate,
  incidentOn: LocalDate | null,
  becameAwareOn: LocalDate | null,
): boolean {
  const known = [incidentOn, becameAwareOn].filter((date): date is LocalDate => date !== null);
  if (known.length === 0) return false;
  const latest = known.reduce((a, b) => (a > b ? a : b));
  return receivedOn > calendarMonthsAfterReceipt(latest, 12);
}
