import { z } from 'zod';
import { withCommandVerificationKeys } from '@complaints/temporal/client';
import type { HostedWorkerOptions } from './temporal-worker.host';

// How a worker keeps its workflows in memory (ADR 0025). A complaint's workflow wakes for a deadline or a
// command days apart, so the sticky cache holds the workflows working now, not every open complaint: one
// that is evicted replays its history when it next wakes. The cache's size bounds the worker's memory
// whatever the number of open complaints: measured at about 320 MB idle and 1.3 MB a cached workflow, 750
// keep the worker near 1.3 GB.
export const workflowSandboxConfig = {
  WORKFLOW_CACHE_SIZE: z.coerce
    .number()
    .int()
    .min(2)
    .default(750)
    .describe(
      'workflows a worker keeps in memory between their tasks (the sticky cache); each costs about 1.3 MB',
    ),
  // The SDK's default takes 40 workflow tasks at once. A workflow task is CPU work on the worker's own
  // threads, so a worker holding 40 on a box with 2 cores runs them one after another while they count
  // against their timeouts; an Update waiting behind them timed out in the API (ADR 0026). Ten keeps a
  // replica from taking more than it can start soon, and leaves the rest in the task queue, where the
  // other replica takes them.
  WORKFLOW_TASK_SLOTS: z.coerce
    .number()
    .int()
    .min(2)
    .default(10)
    .describe(
      'workflow tasks a worker runs at once (maxConcurrentWorkflowTaskExecutions); the rest wait in the task queue for any replica',
    ),
};

/**
 * The options every workflow worker shares: one V8 context reused for every workflow, a cache of a chosen
 * size, as many workflow tasks at once as the box can run, and the bundle's settings (the command verification keys compiled in, ADR 0012, by the same hook
 * the tests' bundles use, so the saved histories replay against what runs).
 */
export function workflowSandboxOptions(config: {
  WORKFLOW_CACHE_SIZE: number;
  WORKFLOW_TASK_SLOTS: number;
  COMMAND_VERIFICATION_KEYS: string;
}): Pick<
  HostedWorkerOptions,
  'reuseV8Context' | 'maxCachedWorkflows' | 'maxConcurrentWorkflowTaskExecutions' | 'bundlerOptions'
> {
  return {
    reuseV8Context: true,
    maxCachedWorkflows: config.WORKFLOW_CACHE_SIZE,
    maxConcurrentWorkflowTaskExecutions: config.WORKFLOW_TASK_SLOTS,
    bundlerOptions: { webpackConfigHook: withCommandVerificationKeys(config.COMMAND_VERIFICATION_KEYS) },
  };
}
