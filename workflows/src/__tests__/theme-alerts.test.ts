// The theme review on the time-skipping server, its one activity mocked: it asks on the London date of its
// (workflow) time, naming its own run, and answers what the activity raised.
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { ThemeReviewInput } from '@complaints/activities/themes';
import { TASK_QUEUES } from '@complaints/temporal';
import { createTimeSkippingEnvironment, workflowBundle } from '@complaints/testing';
import { themeAlerts } from '../index';
import { recordHistory } from './lifecycle-harness';

jest.setTimeout(60_000);

let env: TestWorkflowEnvironment;
afterAll(async () => env?.teardown());

it('reviews the themes of the London date, naming its run', async () => {
  env = await createTimeSkippingEnvironment();
  await env.sleep(Date.parse('2036-10-25T23:30:00Z') - (await env.currentTimeMs()));
  const asked: ThemeReviewInput[] = [];
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUES.complaints,
    workflowBundle: await workflowBundle(path.join(__dirname, '..', 'index.ts')),
    activities: {
      raiseThemeAlerts: async (input: ThemeReviewInput) => {
        asked.push(input);
        return { rules: 2, raised: ['alert-1'] };
      },
    },
  });
  const result = await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(themeAlerts, {
      workflowId: 'theme-alerts-test',
      taskQueue: TASK_QUEUES.complaints,
    });
    const value = await handle.result();
    await recordHistory(handle, 'theme-alerts');
    return { value, runId: handle.firstExecutionRunId };
  });
  expect(result.value).toEqual({ rules: 2, raised: ['alert-1'] });
  // 23:30 UTC on 25 October 2036 is 00:30 BST on the 26th, ninety minutes before the clocks go back.
  expect(asked).toEqual([{ asOf: '2036-10-26', raisedBy: `theme-alerts-test/${result.runId}` }]);
});
