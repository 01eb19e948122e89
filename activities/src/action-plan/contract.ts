// What the daily action reminders ask of the record: a date; back only references, action ids, dates and staff ids.

import type { ActionSource } from '@complaints/domain';

export interface ActionFollowUpsInput {
  /** The London date of the run (ISO `YYYY-MM-DD`): an open action dated before it is overdue. */
  asOf: string;
}

/** One overdue action's follow-up: a reminder to its owner, or an escalation to the senior managers. */
export interface ActionFollowUp {
  reference: string;
  actionKey: string;
  source: ActionSource;
  ownerId: string;
  due: string;
  kind: 'reminder' | 'escalation';
}
