// The jointResponse workflow on the time-skipping server, its activities mocked and recorded (workflow unit
// tests only), a stand-in lead workflow receiving jointDraftApproved, and the server clock at a fixed instant.
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { CaseEventInput } from '@complaints/activities/case-record';
import type { NotifyPartnerInput, NotifyPartnerResult } from '@complaints/activities/joint-response';
import { createTimeSkippingEnvironment, TEST_COMMAND_KEYS, workflowBundle } from '@complaints/testing';
import { jointResponseWorkflowId, TASK_QUEUES } from '@complaints/temporal';
import {
  jointResponseStateQuery,
  type JointResponseInput,
  type JointResponseState,
} from '../../joint-response/messages';
import { WORKFLOW_INTERCEPTORS } from '../lifecycle-harness';
import { approvedVersionsQuery } from './lead-stand-in';

export const JOINT_TEST_BUNDLE = path.join(__dirname, 'test-bundle.ts');
export const JOINT_WORKFLOWS_PATH = path.join(__dirname, '..', '..', 'joint-response', 'index.ts');

export interface JointHarness {
  env: TestWorkflowEnvironment;
  events: CaseEventInput[];
  notices: NotifyPartnerInput[];
  /** Partner codes whose complaints manager's address refuses email. */
  bouncing: Set<string>;
  start(input: JointResponseInput): Promise<WorkflowHandle>;
  run<T>(body: () => Promise<T>): Promise<T>;
  approvedVersions(): Promise<number[]>;
  teardown(): Promise<void>;
}

export async function createJointHarness(startAt: string): Promise<JointHarness> {
  const env = await createTimeSkippingEnvironment({ commandSigningKey: TEST_COMMAND_KEYS.signingKey });
  await env.sleep(Date.parse(startAt) - (await env.currentTimeMs()));
  const events: CaseEventInput[] = [];
  const notices: NotifyPartnerInput[] = [];
  const bouncing = new Set<string>();
  const bundle = await workflowBundle(JOINT_TEST_BUNDLE, {
    workflowInterceptorModules: WORKFLOW_INTERCEPTORS,
    commandVerificationKeys: TEST_COMMAND_KEYS.verificationKeys,
  });
  const jointWorker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUES.jointProtocol,
    workflowBundle: bundle,
    activities: {
      notifyPartner: async (input: NotifyPartnerInput): Promise<NotifyPartnerResult> => {
        notices.push(input);
        const bounced = bouncing.has(input.partnerCode);
        return { to: bounced ? 'deputy' : 'complaints-manager', bounced, delivered: true };
      },
    },
  });
  const complaintsWorker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUES.complaints,
    activities: {
      recordCaseEvent: async (input: CaseEventInput) => void events.push(input),
    },
  });
  let reference = '';
  return {
    env,
    events,
    notices,
    bouncing,
    async start(input) {
      reference = input.complaintReference;
      await env.client.workflow.start('leadComplaintStandIn', {
        workflowId: input.complaintReference,
        taskQueue: TASK_QUEUES.jointProtocol,
      });
      return env.client.workflow.start('jointResponse', {
        workflowId: jointResponseWorkflowId(input.jointCaseId),
        taskQueue: TASK_QUEUES.jointProtocol,
        args: [input],
      });
    },
    run: (body) => complaintsWorker.runUntil(jointWorker.runUntil(body)),
    approvedVersions: () => env.client.workflow.getHandle(reference).query(approvedVersionsQuery),
    teardown: () => env.teardown(),
  };
}

export const HERTS_INPUT: JointResponseInput = {
  jointCaseId: '00000000-0000-4000-8000-000000000013',
  complaintReference: 'HPFT-2036-001300',
  protocolCode: 'HERTS',
  leadCode: 'HPFT',
  members: [
    { code: 'HPFT', role: 'lead' },
    { code: 'HCCACS', role: 'partner' },
    { code: 'ENHT', role: 'partner' },
    { code: 'EEAST', role: 'copied' },
  ],
  leadReceivedOn: '2036-03-02',
  complex: true,
};

export const stateOf = (handle: WorkflowHandle) => handle.query(jointResponseStateQuery);

/** Polls (real time) until the state satisfies `accept`: for steps that follow an activity. */
export async function waitForJointState(
  handle: WorkflowHandle,
  accept: (state: JointResponseState) => boolean,
  timeoutMs = 10_000,
): Promise<JointResponseState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await stateOf(handle);
    if (accept(state)) return state;
    if (Date.now() > deadline) throw new Error(`joint state not reached; stage is ${state.stage}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const partnerOf = (state: JointResponseState, code: string) =>
  state.partners.find((p) => p.code === code)!;
