// Workflow unit-test harness: the real workflow on the time-skipping server, with the activities mocked
// (the only place mocks are allowed) and recorded, and the server clock set to a fixed instant.
import fs from 'node:fs';
import path from 'node:path';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { CaseEventInput } from '@complaints/activities/case-record';
import type { NotifyPartnerInput, NotifyPartnerResult } from '@complaints/activities/joint-response';
import type {
  SendCorrespondenceInput,
  SendCorrespondenceResult,
} from '@complaints/activities/correspondence';
import type {
  SurveyInvitationRequest,
  SurveyInvitationResult,
} from '@complaints/activities/experience-survey';
import {
  addCalendarDays,
  getProfile,
  londonDate,
  summariseFinalResponse,
  WRITTEN_SECTIONS,
  type ApproverRole,
  type CareContext,
  type FinalResponseContent,
  type FinalResponseSummary,
  type FindingOutcome,
  type ProfileId,
  type RemedyKind,
  type WrittenSection,
} from '@complaints/domain';
import { createTimeSkippingEnvironment, TEST_COMMAND_KEYS, workflowBundle } from '@complaints/testing';
import { TASK_QUEUES } from '@complaints/temporal';
import { complaintLifecycle } from '../index';
import {
  acknowledgeUpdate,
  agreeTimescaleUpdate,
  approveFinalResponseUpdate,
  COMMAND_REFUSED,
  processStateQuery,
  shareOutcomeUpdate,
  startCloserLookUpdate,
  submitFinalResponseUpdate,
  type ComplaintLifecycleInput,
  type ComplaintProcessState,
} from '../messages';

export const WORKFLOWS_PATH = path.join(__dirname, '..', 'index.ts');
/** What every worker registers beside the workflows (as `@complaints/workflows/interceptors`). */
export const WORKFLOW_INTERCEPTORS = [
  path.join(__dirname, '..', 'shared', 'command-signature.interceptor.ts'),
];

export interface Recorded {
  events: CaseEventInput[];
  letters: SendCorrespondenceInput[];
  /** What the real jointResponse workflow told partners (`jointResponse: 'real'`). */
  partnerNotices: NotifyPartnerInput[];
  /** The experience survey's invitations asked for at closure (ADR 0023). */
  surveys: SurveyInvitationRequest[];
}

export interface LifecycleHarness extends Recorded {
  env: TestWorkflowEnvironment;
  /** Runs `body` with a complaints worker and a correspondence worker polling. */
  run<T>(body: () => Promise<T>): Promise<T>;
  teardown(): Promise<void>;
}

export interface HarnessOptions {
  /** Runs before a letter is delivered: a test can hold one back to act while it is in flight. */
  beforeSend?: (input: SendCorrespondenceInput) => Promise<void>;
  /** Runs before the survey's invitations go (ADR 0023): a test can hold them back, as a slow SMTP server would. */
  beforeInvite?: (input: SurveyInvitationRequest) => Promise<void>;
  /**
   * Polls the joint-protocol task queue (joint cases, R-JOINT-*) with the STAND-IN jointResponse workflow, or
   * with the real one, whose partner notices are kept in `partnerNotices`.
   */
  jointResponse?: 'stand-in' | 'real';
}

/** The stand-in for the partners' jointResponse workflow (see the file). */
export const JOINT_RESPONSE_STAND_IN_PATH = path.join(__dirname, 'joint-response-stand-in.workflow.ts');
/** The partners' real jointResponse workflow, as the joint-protocol service bundles it. */
const JOINT_RESPONSE_PATH = path.join(__dirname, '..', 'joint-response', 'index.ts');

export async function createLifecycleHarness(
  startAt: string,
  options: HarnessOptions = {},
): Promise<LifecycleHarness> {
  // env.client signs its commands as the complaints API does, and the workers' bundle trusts that key.
  const env = await createTimeSkippingEnvironment({ commandSigningKey: TEST_COMMAND_KEYS.signingKey });
  // Move the server clock forward to the scenario's start (the test server's own sleepUntil blocks here).
  await env.sleep(Date.parse(startAt) - (await env.currentTimeMs()));
  const recorded: Recorded = { events: [], letters: [], partnerNotices: [], surveys: [] };
  const bundle = await workflowBundle(WORKFLOWS_PATH, {
    workflowInterceptorModules: WORKFLOW_INTERCEPTORS,
    commandVerificationKeys: TEST_COMMAND_KEYS.verificationKeys,
  });
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
        await options.beforeSend?.(input);
        recorded.letters.push(input);
        return {
          items: [{ correspondenceId: `item-${recorded.letters.length}`, channel: 'email', status: 'sent' }],
          noUsableContact: false,
        };
      },
      inviteToExperienceSurvey: async (input: SurveyInvitationRequest): Promise<SurveyInvitationResult> => {
        await options.beforeInvite?.(input);
        recorded.surveys.push(input);
        return { sent: 1, refused: 0, complainantNotByEmail: false, byLetter: 0 };
      },
    },
  });
  const jointProtocolWorker =
    options.jointResponse === 'stand-in'
      ? await Worker.create({
          connection: env.nativeConnection,
          taskQueue: TASK_QUEUES.jointProtocol,
          workflowBundle: await workflowBundle(JOINT_RESPONSE_STAND_IN_PATH),
        })
      : options.jointResponse === 'real'
        ? await Worker.create({
            connection: env.nativeConnection,
            taskQueue: TASK_QUEUES.jointProtocol,
            workflowBundle: await workflowBundle(JOINT_RESPONSE_PATH, {
              workflowInterceptorModules: WORKFLOW_INTERCEPTORS,
              commandVerificationKeys: TEST_COMMAND_KEYS.verificationKeys,
            }),
            activities: {
              notifyPartner: async (input: NotifyPartnerInput): Promise<NotifyPartnerResult> => {
                recorded.partnerNotices.push(input);
                return { to: 'complaints-manager', bounced: false, delivered: true };
              },
            },
          })
        : undefined;
  const runWorkers = <T>(body: () => Promise<T>) =>
    correspondenceWorker.runUntil(complaintsWorker.runUntil(body));
  return {
    env,
    ...recorded,
    run: (body) => (jointProtocolWorker ? jointProtocolWorker.runUntil(runWorkers(body)) : runWorkers(body)),
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

/** Polls (in real time) until `probe` returns something truthy: for letters and events that follow a command. */
export async function eventually<T>(
  probe: () => T | undefined | null | false,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`not reached: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the letter with this step has gone out and its `correspondence-sent` event is recorded. */
export function letterSent(recorded: Recorded, step: string): Promise<SendCorrespondenceInput> {
  return eventually(
    () =>
      recorded.events.some((event) => event.type === 'correspondence-sent' && event.data?.step === step) &&
      recorded.letters.find((letter) => letter.step === step),
    `letter ${step} sent`,
  );
}

/** A letter as the tests compare it: what the workflow decided, not how it was delivered. */
export const letterFacts = (letter: SendCorrespondenceInput) => ({
  step: letter.step,
  template: letter.template,
  audience: letter.audience,
  facts: letter.facts,
});

/** Starts a complaint's workflow, as the API does, on the complaints task queue. */
export function startLifecycle(harness: Pick<LifecycleHarness, 'env'>, input: ComplaintLifecycleInput) {
  return harness.env.client.workflow.start(complaintLifecycle, {
    workflowId: input.reference,
    taskQueue: TASK_QUEUES.complaints,
    args: [input],
  });
}

/** Starts a complaint, acknowledges it in writing on receipt and takes it to a closer look (R-ACK-1, R-ER-2). */
export async function startInCloserLook(
  harness: LifecycleHarness,
  input: ComplaintLifecycleInput,
): Promise<WorkflowHandle<typeof complaintLifecycle>> {
  const handle = await startLifecycle(harness, input);
  await handle.executeUpdate(acknowledgeUpdate, { args: [{ method: 'written', by: 'handler-1' }] });
  const state = await waitForState(handle, (s) => s.stage !== 'acknowledged');
  if (state.stage === 'early-resolution')
    await handle.executeUpdate(startCloserLookUpdate, { args: [{ by: 'handler-1' }] });
  await waitForState(handle, (s) => s.stage === 'closer-look');
  return handle;
}

/** Who signs each role's steps in these tests. */
export const APPROVERS: Record<ApproverRole, string> = {
  'complaints-manager': 'cm-1',
  'responsible-person': 'rp-1',
  'senior-manager': 'sm-1',
};

export interface SummaryOptions {
  version?: number;
  careContext?: CareContext;
  outcomes?: FindingOutcome[];
  remedies?: RemedyKind[];
  actions?: FinalResponseContent['actions'];
  coverLetter?: boolean;
  /** Sections left empty. */
  without?: WrittenSection[];
}

/** A draft complete under R-RESP-1 (two issues, the first upheld, an apology), summarised as the API does. */
export function responseSummary(profileId: ProfileId, options: SummaryOptions = {}): FinalResponseSummary {
  const profile = getProfile(profileId, 1);
  const outcomes = options.outcomes ?? ['upheld', 'not-upheld'];
  const draft: FinalResponseContent = {
    sections: Object.fromEntries(
      WRITTEN_SECTIONS.filter((section) => !options.without?.includes(section)).map((section) => [
        section,
        `The ${section} section.`,
      ]),
    ),
    findings: outcomes.map((outcome, i) => ({ issueId: `issue-${i + 1}`, outcome, finding: 'Finding.' })),
    remedies: (options.remedies ?? ['apology', 'policy-or-procedure-change']).map((kind) => ({
      kind,
      detail: 'Remedy.',
    })),
    actions: options.actions ?? [],
    careContext: options.careContext ?? 'nhs-care',
  };
  const issueIds = ['issue-1', 'issue-2'];
  const coverLetter = (options.coverLetter ?? profileId === 'hpft') ? 'Dear …' : null;
  return summariseFinalResponse(options.version ?? 1, draft, issueIds, profile, coverLetter);
}

/**
 * R-INV-8 then R-RESP-2: shares the outcome (unless already shared), submits the summary and takes it
 * through each step of the profile's sign-off chain; resolves once the response has been sent.
 */
/** R-INV-4 (PHSO model): the handler agrees a final-response date with the person, `days` from today. */
export async function agreeDateWithPerson(harness: LifecycleHarness, handle: WorkflowHandle, days = 30) {
  const today = londonDate(new Date(await harness.env.currentTimeMs()));
  return handle.executeUpdate(agreeTimescaleUpdate, {
    args: [{ by: 'handler-1', due: addCalendarDays(today, days) }],
  });
}

export async function respond(
  harness: LifecycleHarness,
  handle: WorkflowHandle,
  summary: FinalResponseSummary,
  approvers: [ApproverRole, string][] = [],
): Promise<ComplaintProcessState> {
  const before = await handle.query(processStateQuery);
  const round = before.round!.number;
  if (!before.finalResponse?.outcomeShared)
    await handle.executeUpdate(shareOutcomeUpdate, { args: [{ by: 'handler-1', commentsRecorded: true }] });
  await handle.executeUpdate(submitFinalResponseUpdate, { args: [{ by: 'handler-1', summary }] });
  const chain = getProfile(before.profile.id, before.profile.version).finalResponseApproval;
  for (const [i, step] of chain.entries()) {
    await letterSent(harness, `final-response-${round}-v${summary.version}-${step.step}`);
    const [role, by] = approvers[i] ?? [step.roles[0], APPROVERS[step.roles[0]]];
    await handle.executeUpdate(approveFinalResponseUpdate, {
      args: [{ by, role, step: step.step, version: summary.version }],
    });
  }
  return waitForState(handle, (state) => state.finalResponse?.sent !== undefined);
}
