// R-INV-4 with R-INV-5 and R-INV-6: the final-response deadline of a round, computed once, for the
// workflow's clock and for the deadline the API explains.
import type { WorkingDayCalendar } from './calendar';
import { describeDeadline, explainDeadline, type DeadlineExtension, type Pause } from './deadlines';
import { addCalendarDays, type LocalDate } from './local-date';
import {
  finalResponseTimescale,
  profileRef,
  ROUND_RULES,
  type PolicyProfile,
  type ProfileRef,
  type RoundKind,
} from './profiles';

/** What the closer look's clock knows: the round, how its date is set, and the pauses of the complaint. */
export interface FinalResponseClock {
  round: { kind: RoundKind; startedOn: LocalDate };
  basis: 'profile-working-days' | 'profile-calendar-months' | 'agreed-with-complainant' | 'to-be-agreed';
  /** The date agreed with the person, and when (R-INV-4 / R-INV-5); pauses after that move it out. */
  agreed?: { date: LocalDate; on: LocalDate };
  extensions?: readonly { agreedOn: LocalDate; to: LocalDate; reason: string }[];
  pauses: readonly Pause[];
}

export interface FinalResponseDeadline {
  rule: string;
  profile: ProfileRef;
  basis: FinalResponseClock['basis'] | 'working-days' | 'calendar-months';
  start: LocalDate;
  /** The profile's timescale; null where it is agreed per case. */
  amount: number | null;
  calendar: string;
  pauses: Pause[];
  extensions: DeadlineExtension[];
  /** None while the clock is paused, or until a date is agreed where the profile sets none. */
  due: LocalDate | null;
  explanation: string;
}

export function finalResponseDeadline(
  profile: PolicyProfile,
  clock: FinalResponseClock,
  calendar: WorkingDayCalendar,
): FinalResponseDeadline {
  const { round } = clock;
  const rule = ROUND_RULES[round.kind];
  const pauses = clock.pauses
    .filter((pause) => pause.start >= round.startedOn)
    .map(({ start, end }) => ({ start, end }));
  const extensions: DeadlineExtension[] = [
    ...(clock.agreed && !clock.extensions?.length
      ? [{ kind: 'new-date' as const, agreedOn: clock.agreed.on, due: clock.agreed.date }]
      : []),
    ...(clock.extensions ?? []).map((extension) => ({
      kind: 'new-date' as const,
      agreedOn: extension.agreedOn,
      due: extension.to,
      reason: extension.reason,
    })),
  ];
  const timescale = finalResponseTimescale(profile, round.kind);
  const due = dueDate(clock, pauses, timescale, profile, calendar);
  const common = {
    rule,
    profile: profileRef(profile),
    start: round.startedOn,
    calendar: calendar.describe(),
    pauses,
    extensions,
    due,
  };
  if (timescale === null)
    return {
      ...common,
      basis: clock.basis,
      amount: null,
      explanation: `${rule} (${profile.id} v${profile.version}): timescale agreed with the person per case; calendar: ${calendar.describe()}; ${
        due ? `due ${due}` : 'no due date until one is agreed, or while the clock is paused'
      }`,
    };
  const explained = explainDeadline({
    rule,
    profile: profileRef(profile),
    basis: timescale.basis,
    start: round.startedOn,
    amount: timescale.amount,
    calendar,
    pauses,
    extensions,
  });
  return {
    ...common,
    basis: timescale.basis,
    amount: timescale.amount,
    explanation: describeDeadline(explained),
  };
}

function dueDate(
  clock: FinalResponseClock,
  pauses: Pause[],
  timescale: ReturnType<typeof finalResponseTimescale>,
  profile: PolicyProfile,
  calendar: WorkingDayCalendar,
): LocalDate | null {
  if (pauses.some((pause) => pause.end === null)) return null;
  if (clock.basis === 'agreed-with-complainant') {
    const { date, on } = clock.agreed!;
    return movedOutByPauses(
      date,
      pauses.filter((pause) => pause.start >= on),
      calendar,
    );
  }
  if (timescale === null) return null;
  return explainDeadline({
    rule: ROUND_RULES[clock.round.kind],
    profile: profileRef(profile),
    basis: timescale.basis,
    start: clock.round.startedOn,
    amount: timescale.amount,
    calendar,
    pauses,
  }).due;
}

/** An agreed date moves out by the working days paused on or before it. */
function movedOutByPauses(date: LocalDate, pauses: Pause[], calendar: WorkingDayCalendar): LocalDate {
  const paused = pauses
    .filter((pause) => pause.start <= date)
    .reduce(
      (days, pause) =>
        days +
        calendar.workingDaysBetween(addCalendarDays(pause.start, -1), pause.end! < date ? pause.end! : date),
      0,
    );
  return paused === 0 ? date : calendar.addWorkingDays(date, paused);
}
