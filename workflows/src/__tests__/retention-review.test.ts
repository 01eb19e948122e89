// The retention review on the time-skipping server, its one activity mocked: it asks for what is due on the
// London date of its (workflow) time, names its own run, and passes its scope; it answers references only.
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { RetentionReviewInput } from '@complaints/activities/retention';
import { TASK_QUEUES } from '@complaints/temporal';
import { createTimeSkippingEnvironment, workflowBundle } from '@complaints/testing';
import { retentionReview } from '../index';
import { recordHistory } from './lifecycle-harness';

jest.setTimeout(60_000);

let env: TestWorkflowEnvironment;
afterAll(async () => env?.teardown());

it('asks for the case files due on the London date, naming its run, and answers their references', async () => {
  env = await createTimeSkippingEnvironment();
  // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
  await env.sleep(Date.parse('2036-06-30T23:30:00Z') - (await env.currentTimeMs()));
  const asked: RetentionReviewInput[] = [];
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUES.complaints,
    workflowBundle: await workflowBundle(path.join(__dirname, '..', 'index.ts')),
    activities: {
      findCaseFilesDueForDisposal: async (input: RetentionReviewInput) => {
        asked.push(input);
        return { found: 1, references: ['HPFT-2026-000001'] };
      },
    },
  });
  const result = await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(retentionReview, {
      workflowId: 'retention-review-test',
      taskQueue: TASK_QUEUES.complaints,
      args: [{ organisations: ['HPFT'] }],
    });
    const value = await handle.result();
    await recordHistory(handle, 'retention-review');
    return { value, runId: handle.firstExecutionRunId };
  });
  expect(result.value).toEqual({ found: 1, references: ['HPFT-2026-000001'] });
  expect(asked).toEqual([
    { asOf: '2036-07-01', foundBy: `retention-review-test/${result.runId}`, organisations: ['HPFT'] },
  ]);
});
