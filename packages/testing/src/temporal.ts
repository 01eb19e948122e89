import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { ensureSearchAttributes } from '@complaints/temporal/client';

function requiredPath(variable: string): string {
  const value = process.env[variable];
  if (!value)
    throw new Error(
      `${variable} is not set: run the tests with the README's test command, which provisions it`,
    );
  return value;
}

async function withSearchAttributes(env: TestWorkflowEnvironment): Promise<TestWorkflowEnvironment> {
  await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

/**
 * Temporal's time-skipping test server, from the binary the test command provisioned
 * (TEMPORAL_TEST_SERVER_PATH), with the workflows' search attributes registered.
 */
export async function createTimeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  return withSearchAttributes(
    await startingAgain(() =>
      TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: { type: 'existing-path', path: requiredPath('TEMPORAL_TEST_SERVER_PATH') } },
      }),
    ),
  );
}

// The SDK gives a server 5 seconds to accept connections; a JVM starting on a busy 2-core machine can
// miss that. Starting the server is infrastructure, not the behaviour under test, so it is tried again.
async function startingAgain<T>(start: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      if (attempt >= attempts || !/Failed to start ephemeral server/.test(String(error))) throw error;
    }
  }
}

/** A Temporal dev server started from the provisioned CLI (TEMPORAL_CLI_PATH). */
export async function createLocalEnvironment(): Promise<TestWorkflowEnvironment> {
  return withSearchAttributes(
    await startingAgain(() =>
      TestWorkflowEnvironment.createLocal({
        server: { executable: { type: 'existing-path', path: requiredPath('TEMPORAL_CLI_PATH') }, ui: false },
      }),
    ),
  );
}

const bundles = new Map<string, Promise<WorkflowBundleWithSourceMap>>();

/** The workflow bundle, built once per test process (bundling takes seconds; workers share it). */
export function workflowBundle(workflowsPath: string): Promise<WorkflowBundleWithSourceMap> {
  if (!bundles.has(workflowsPath)) bundles.set(workflowsPath, bundleWorkflowCode({ workflowsPath }));
  return bundles.get(workflowsPath)!;
}
