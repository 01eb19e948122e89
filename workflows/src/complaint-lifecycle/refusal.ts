import { ApplicationFailure } from '@temporalio/workflow';
import { COMMAND_REFUSED } from './messages';

/** Refuses a staff command in an update validator, before it enters history. */
export function refuse(rule: string | null, reason: string): never {
  throw ApplicationFailure.create({
    type: COMMAND_REFUSED,
    message: reason,
    details: [{ rule }],
    nonRetryable: true,
  });
}
