// London time for workflow timers: the instants at which reminders go and deadlines pass.
import { condition } from '@temporalio/workflow';
import { startOfLondonDay, type LocalDate } from '@complaints/domain';

/** Reminders reach staff at the start of the working day. */
export const REMINDER_HOUR = 9;

/** Waits for `done` or until the instant `at`; true if done. An instant already past only checks `done`. */
export async function waitUntil(done: () => boolean, at: Date): Promise<boolean> {
  const remaining = at.getTime() - Date.now();
  if (remaining <= 0) return done();
  return condition(done, remaining);
}

export function atLondonHour(date: LocalDate, hour: number): Date {
  return new Date(startOfLondonDay(date).getTime() + hour * 3_600_000);
}
