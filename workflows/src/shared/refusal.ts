import { ApplicationFailure } from '@temporalio/workflow';

/**
 * A refused command: the `type` of the ApplicationFailure a validator throws, with the rule behind it as details[0].
 * The API turns it into problem details (409) naming the rule.
 */
export const COMMAND_REFUSED = 'CommandRefused';

/** The `type` of an Update refused because the complaints API did not sign it (ADR 0012): no rule, no state. */
export const COMMAND_NOT_AUTHENTICATED = 'CommandNotAuthenticated';

/** Refuses a staff command in an update validator, before it enters history. */
export function refuse(rule: string | null, reason: string): never {
  throw ApplicationFailure.create({
    type: COMMAND_REFUSED,
    message: reason,
    details: [{ rule }],
    nonRetryable: true,
  });
}
