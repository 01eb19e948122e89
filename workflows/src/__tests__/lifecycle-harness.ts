// Workflow unit-test harness: the real workflow on the time-skipping server, with the activities mocked
// (the only place mocks are allowed) and recorded, and the server clock set to a fixed instant.
import fs from 'node:fs';
import path from 'node:path';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { CaseEventInput } from '@complaints/activities/case-record';
import type {
  SendCorrespondenceInput,
  SendCorrespondenceResult,
} from '@complaints/activities/correspondence';
import { createTimeSkippingEnvironment, workflowBundle } from '@complaints/testing';
import { TASK_QUEUES } from '@complaints/temporal';
import {
  COMMAND_REFUSED,
  processStateQuery,
  type ComplaintLifecycleInput,
  type ComplaintProcessState,
} from '../messages';

export interface Recorded {
  events: CaseEventInput[];
  letters: SendCorrespondenceInput[];
}

export interface LifecycleHarness extends Recorded {
  env: TestWorkflowEnvironment;
  /** Runs `body` with a complaints worker and a correspondence worker polling. */
  run<T>(body: () => Promise<T>): Promise<T>;
  teardown(): Promise<void>;
}

export async function createLifecycleHarness(startAt: string): Promise<LifecycleHarness> {
  const env = await createTimeSkippingEnvironment();
  // Move the server clock forward to the scenario's start (the test server's own sleepUntil blocks here).
  await env.sleep(Date.parse(startAt) - (await env.currentTimeMs()));
  const recorded: Recorded = { events: [], letters: [] };
  const bundle = await workflowBundle(path.join(__dirname, '..', 'index.ts'));
  const complaintsWorker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUES.complaints,
    workflowBundle: bundle,
    activities: {
      recordCaseEvent: async (input: CaseEventInput) => {
        recorded.events.push(input);
      },
    },
  });
  const correspondenceWorker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUES.correspondence,
    activities: {
      sendCorrespondence: async (input: SendCorrespondenceInput): Promise<SendCorrespondenceResult> => {
        recorded.letters.push(input);
        return {
          items: [{ correspondenceId: `item-${recorded.letters.length}`, channel: 'email', status: 'sent' }],
          noUsableContact: false,
        };
      },
    },
  });
  return {
    env,
    ...recorded,
    run: (body) => correspondenceWorker.runUntil(complaintsWorker.runUntil(body)),
    teardown: () => env.teardown(),
  };
}

export function lifecycleInput(
  overrides: Partial<ComplaintLifecycleInput> &
    Pick<ComplaintLifecycleInput, 'reference' | 'receivedOn' | 'profile'>,
): ComplaintLifecycleInput {
  return {
    organisationCode: overrides.reference.split('-')[0],
    calendar: { nation: 'england-and-wales', closureDays: [] },
    kind: 'complaint',
    anonymous: false,
    ...overrides,
  };
}

export const eventTypes = (recorded: Recorded) => recorded.events.map((event) => event.type);

export const HISTORIES_DIR = path.join(__dirname, '..', '..', 'histories');

/**
 * With RECORD_HISTORIES=1 (`pnpm --filter @complaints/workflows record-histories`), saves the workflow's
 * history as a fixture that the replay test runs against every later version of the code.
 */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  fs.mkdirSync(HISTORIES_DIR, { recursive: true });
  fs.writeFileSync(path.join(HISTORIES_DIR, `${name}.json`), historyToJSON(await handle.fetchHistory()));
}

/** Polls the workflow's state (in real time) until `accept` holds: for steps that follow an activity. */
export async function waitForState(
  handle: WorkflowHandle,
  accept: (state: ComplaintProcessState) => boolean,
  timeoutMs = 10_000,
): Promise<ComplaintProcessState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await handle.query(processStateQuery);
    if (accept(state)) return state;
    if (Date.now() > deadline) throw new Error(`workflow state not reached; stage is ${state.stage}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Expects a command refused by its validator; returns the rule and the reason. */
export async function refusal(promise: Promise<unknown>): Promise<{ rule?: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause as {
    type?: string;
    message: string;
    details?: { rule?: string }[];
  };
  expect(cause.type).toBe(COMMAND_REFUSED);
  return { rule: cause.details?.[0]?.rule ?? undefined, message: cause.message };
}
