// The one clock: a deadline that may move (an extension, an agreed date, a pause), kept by durable timers.
// Like an updatable timer (temporalio/samples-typescript timer-examples/src/updatable-timer.ts), it re-arms
// whenever the date moves, and it stops when `done`.
import { condition } from '@temporalio/workflow';
import {
  endOfLondonDay,
  workingDayBefore,
  type LocalDate,
  type WorkingDayCalendar,
} from '@complaints/domain';
import { atLondonHour, REMINDER_HOUR, waitUntil } from './london-time';

export interface DeadlineActions {
  /** At 09:00 on the working day before `due` (skipped when the due day has already ended). */
  remind(due: LocalDate): Promise<void>;
  /** At the end of the due day in London. */
  passed(due: LocalDate): Promise<void>;
}

/**
 * Keeps the deadline `due()` returns (null while none applies) until `done`: reminds once per date, and
 * acts once per date when it passes. A moved date is reminded of and kept again.
 */
export async function keepDeadline(
  due: () => LocalDate | null,
  done: () => boolean,
  calendar: WorkingDayCalendar,
  actions: DeadlineActions,
): Promise<void> {
  let remindedFor: LocalDate | null = null;
  let passedFor: LocalDate | null = null;
  while (!done()) {
    const current = due();
    const doneOrMoved = () => done() || due() !== current;
    if (current === null) {
      await condition(doneOrMoved);
    } else if (remindedFor !== current) {
      if (await waitUntil(doneOrMoved, atLondonHour(workingDayBefore(current, calendar), REMINDER_HOUR)))
        continue;
      remindedFor = current;
      if (Date.now() >= endOfLondonDay(current).getTime()) continue;
      await actions.remind(current);
    } else if (passedFor !== current) {
      if (await waitUntil(doneOrMoved, endOfLondonDay(current))) continue;
      passedFor = current;
      await actions.passed(current);
    } else {
      await condition(doneOrMoved);
    }
  }
}
