// The daily action reminders on the time-skipping server, their activities mocked: the follow-ups of the London
// date of its (workflow) time are each recorded and then sent, keyed by action, date and kind, to the owner or the
// senior managers; one the correspondence service refuses for good does not stop the others.
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { ActionFollowUp, ActionFollowUpsInput } from '@complaints/activities/action-plan';
import type { CorrespondenceRequest } from '@complaints/activities/correspondence';
import { TASK_QUEUES } from '@complaints/temporal';
import { createTimeSkippingEnvironment, workflowBundle } from '@complaints/testing';
import { actionReminders } from '../index';
import { recordHistory } from './lifecycle-harness';

jest.setTimeout(60_000);

let env: TestWorkflowEnvironment;
afterAll(async () => env?.teardown());

const FOLLOW_UPS: ActionFollowUp[] = [
  {
    reference: 'HPFT-2036-000001',
    actionKey: 'action-1',
    source: 'promised',
    ownerId: 'hpft-handler',
    due: '2036-10-10',
    kind: 'reminder',
  },
  {
    reference: 'HPFT-2036-000001',
    actionKey: 'action-1',
    source: 'promised',
    ownerId: 'hpft-handler',
    due: '2036-10-10',
    kind: 'escalation',
  },
  {
    reference: 'HPFT-2036-000002',
    actionKey: 'learning-1',
    source: 'learning',
    ownerId: 'hpft-gone',
    due: '2036-10-24',
    kind: 'reminder',
  },
];

it('records and sends each overdue action follow-up of the London date, once per action, date and kind', async () => {
  env = await createTimeSkippingEnvironment();
  await env.sleep(Date.parse('2036-10-25T23:30:00Z') - (await env.currentTimeMs()));
  const asked: ActionFollowUpsInput[] = [];
  const recorded: ActionFollowUp[] = [];
  const sent: CorrespondenceRequest[] = [];
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUES.complaints,
    workflowBundle: await workflowBundle(path.join(__dirname, '..', 'index.ts')),
    activities: {
      findActionFollowUps: async (input: ActionFollowUpsInput) => {
        asked.push(input);
        return FOLLOW_UPS;
      },
      recordActionFollowUp: async (followUp: ActionFollowUp) => {
        recorded.push(followUp);
      },
    },
  });
  const correspondence = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUES.correspondence,
    activities: {
      sendCorrespondence: async (request: CorrespondenceRequest) => {
        if (request.audience === 'staff:hpft-gone')
          throw ApplicationFailure.nonRetryable('no member of staff hpft-gone', 'NoSuchStaff');
        sent.push(request);
        return { items: [], noUsableContact: false };
      },
    },
  });
  const result = await correspondence.runUntil(
    worker.runUntil(async () => {
      const handle = await env.client.workflow.start(actionReminders, {
        workflowId: 'action-reminders-test',
        taskQueue: TASK_QUEUES.complaints,
      });
      const value = await handle.result();
      await recordHistory(handle, 'action-reminders');
      return value;
    }),
  );
  // 23:30 UTC on 25 October 2036 is 00:30 BST on the 26th.
  expect(asked).toEqual([{ asOf: '2036-10-26' }]);
  expect(recorded).toEqual(FOLLOW_UPS);
  expect(sent).toEqual([
    {
      reference: 'HPFT-2036-000001',
      step: 'action-reminder-action-1-2036-10-10',
      template: 'deadline-reminder',
      audience: 'staff:hpft-handler',
      facts: { deadline: 'promised action action-1', due: '2036-10-10', rule: 'R-RESP-4' },
    },
    {
      reference: 'HPFT-2036-000001',
      step: 'action-escalation-action-1-2036-10-10',
      template: 'deadline-breach',
      audience: 'senior-manager',
      facts: { deadline: 'promised action action-1', due: '2036-10-10', rule: 'R-RESP-4' },
    },
  ]);
  expect(result).toEqual({
    asOf: '2036-10-26',
    sent: 2,
    failed: [{ reference: 'HPFT-2036-000002', actionKey: 'learning-1', kind: 'reminder' }],
  });
});
