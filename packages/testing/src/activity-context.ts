import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';

/**
 * Runs an activity as the worker would for the workflow of `reference`: activities act only on their own
 * workflow's complaint (ADR 0012), so a test calling one directly gives it that workflow's context.
 */
export function runAsActivityOf<A extends unknown[], R>(
  reference: string,
  activity: (...args: A) => Promise<R>,
  ...args: A
): Promise<R> {
  return new MockActivityEnvironment({
    workflowExecution: { workflowId: reference, runId: randomUUID() },
    activityId: '1',
  }).run(activity, ...args);
}
