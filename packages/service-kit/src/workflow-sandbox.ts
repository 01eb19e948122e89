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
};

/**
 * The options every workflow worker shares: one V8 context reused for every workflow, a cache of a chosen
 * size, and the bundle's settings (the command verification keys compiled in, ADR 0012, by the same hook
 * the tests' bundles use, so the saved histories replay against what runs).
 */
export function workflowSandboxOptions(config: {
  WORKFLOW_CACHE_SIZE: number;
  COMMAND_VERIFICATION_KEYS: string;
}): Pick<HostedWorkerOptions, 'reuseV8Context' | 'maxCachedWorkflows' | 'bundlerOptions'> {
  return {
    reuseV8Context: true,
    maxCachedWorkflows: config.WORKFLOW_CACHE_SIZE,
    bundlerOptions: { webpackConfigHook: withCommandVerificationKeys(config.COMMAND_VERIFICATION_KEYS) },
  };
}
