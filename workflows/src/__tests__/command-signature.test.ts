// ADR 0012 on the time-skipping server: the workflow takes a command only when the complaints API signed it for
// this workflow, this Update and these arguments. Someone who reaches the Temporal frontend with the SDK and no
// key (or another key, or a signature captured from a history) changes nothing.
import {
  Client,
  WorkflowUpdateFailedError,
  type Next,
  type WorkflowClientInterceptor,
  type WorkflowHandle,
  type WorkflowStartUpdateInput,
} from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import { makeCommandKeys, TEST_COMMAND_KEYS, workflowBundle } from '@complaints/testing';
import { COMMAND_SIGNATURE_HEADER, TASK_QUEUES } from '@complaints/temporal';
import { CommandSigningInterceptor } from '@complaints/temporal/client';
import { complaintLifecycle } from '../index';
import {
  acknowledgeUpdate,
  COMMAND_NOT_AUTHENTICATED,
  processStateQuery,
  withdrawUpdate,
  type ComplaintLifecycleInput,
} from '../messages';
import {
  createLifecycleHarness,
  eventTypes,
  lifecycleInput,
  recordHistory,
  WORKFLOWS_PATH,
  type LifecycleHarness,
} from './lifecycle-harness';

jest.setTimeout(60_000);

let harness: LifecycleHarness;
afterEach(async () => harness?.teardown());

const input = (reference: string): ComplaintLifecycleInput =>
  lifecycleInput({ reference, receivedOn: '2035-11-05', profile: { id: 'hpft', version: 1 } });

async function start(reference: string): Promise<WorkflowHandle<typeof complaintLifecycle>> {
  return harness.env.client.workflow.start(complaintLifecycle, {
    workflowId: reference,
    taskQueue: TASK_QUEUES.complaints,
    args: [input(reference)],
  });
}

/** A client on the same frontend that the complaints API's key is not in: plain, or with interceptors of its own. */
function outsideClient(...interceptors: WorkflowClientInterceptor[]): Client {
  return new Client({ connection: harness.env.connection, interceptors: { workflow: interceptors } });
}

/** Puts a signature header (and Update ID) of the caller's choosing on every Update. */
class ReplayedSignature implements WorkflowClientInterceptor {
  constructor(
    private readonly header: Payload,
    private readonly updateId: string,
  ) {}

  startUpdate(input: WorkflowStartUpdateInput, next: Next<WorkflowClientInterceptor, 'startUpdate'>) {
    return next({
      ...input,
      options: { ...input.options, updateId: this.updateId },
      headers: { ...input.headers, [COMMAND_SIGNATURE_HEADER]: this.header },
    });
  }
}

/** Expects the Update refused as not the API's; returns the reason. */
async function notAuthenticated(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause as { type?: string; message: string };
  expect(cause.type).toBe(COMMAND_NOT_AUTHENTICATED);
  return cause.message;
}

/** The signature header and Update ID of the workflow's accepted Updates, as anyone who reads its history sees them. */
async function capturedSignatures(handle: WorkflowHandle) {
  const history = await handle.fetchHistory();
  return (history.events ?? [])
    .filter((event) => event.workflowExecutionUpdateAcceptedEventAttributes)
    .map((event) => {
      const request = event.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest!;
      return {
        updateId: request.meta!.updateId!,
        header: request.input!.header!.fields![COMMAND_SIGNATURE_HEADER] as Payload,
      };
    });
}

it('refuses a plain Update sent straight to Temporal, and the complaint is unchanged', async () => {
  harness = await createLifecycleHarness('2035-11-05T10:00:00Z');
  await harness.run(async () => {
    const handle = await start('HPFT-2035-000801');
    const direct = outsideClient().workflow.getHandle(handle.workflowId);

    expect(
      await notAuthenticated(direct.executeUpdate(withdrawUpdate, { args: [{ by: 'hpft-handler' }] })),
    ).toBe('the command carries no signature of the complaints API');
    expect(
      await notAuthenticated(
        direct.executeUpdate(acknowledgeUpdate, { args: [{ method: 'written', by: 'hpft-handler' }] }),
      ),
    ).toBe('the command carries no signature of the complaints API');

    const state = await handle.query(processStateQuery);
    expect(state.stage).toBe('awaiting-acknowledgement');
    expect(state.closed).toBeUndefined();
    expect(state.acknowledgement?.acknowledgedAt).toBeUndefined();
    // The API's signed command is still taken.
    await handle.executeUpdate(acknowledgeUpdate, { args: [{ method: 'written', by: 'hpft-handler' }] });
    expect((await handle.query(processStateQuery)).acknowledgement?.by).toBe('hpft-handler');
    await recordHistory(handle, 'hpft-acknowledged-by-signed-command');
  });
  expect(eventTypes(harness)).not.toContain('withdrawn');
});

it('refuses a command signed with a key the workers do not trust, or signed too long ago', async () => {
  harness = await createLifecycleHarness('2035-11-05T10:00:00Z');
  await harness.run(async () => {
    const handle = await start('HPFT-2035-000802');
    const otherKey = outsideClient(new CommandSigningInterceptor(makeCommandKeys().signingKey, 'default'));
    expect(
      await notAuthenticated(
        otherKey.workflow
          .getHandle(handle.workflowId)
          .executeUpdate(withdrawUpdate, { args: [{ by: 'rp-1' }] }),
      ),
    ).toBe('the command is signed with a key this worker does not trust');

    const serverNow = await harness.env.currentTimeMs();
    const late = outsideClient(
      new CommandSigningInterceptor(TEST_COMMAND_KEYS.signingKey, 'default', () => serverNow - 10 * 60_000),
    );
    expect(
      await notAuthenticated(
        late.workflow.getHandle(handle.workflowId).executeUpdate(withdrawUpdate, { args: [{ by: 'h' }] }),
      ),
    ).toBe('the command signature has expired');
    expect((await handle.query(processStateQuery)).closed).toBeUndefined();
  });
});

it('refuses a signature captured from one history when replayed onto another workflow, Update or arguments', async () => {
  harness = await createLifecycleHarness('2035-11-05T10:00:00Z');
  await harness.run(async () => {
    const first = await start('HPFT-2035-000803');
    const second = await start('HPFT-2035-000804');
    await first.executeUpdate(acknowledgeUpdate, { args: [{ method: 'written', by: 'hpft-handler' }] });
    const [captured] = await capturedSignatures(first);
    expect(defaultPayloadConverter.fromPayload<{ workflowId: string }>(captured.header).workflowId).toBe(
      first.workflowId,
    );
    const replaying = outsideClient(new ReplayedSignature(captured.header, captured.updateId));
    const bound = 'the command signature was made for another workflow, command or arguments';

    // The same command, onto another complaint.
    expect(
      await notAuthenticated(
        replaying.workflow
          .getHandle(second.workflowId)
          .executeUpdate(acknowledgeUpdate, { args: [{ method: 'written', by: 'hpft-handler' }] }),
      ),
    ).toBe(bound);
    // Another command (the same Update ID onto the same complaint is Temporal's duplicate, answered as before).
    expect(
      await notAuthenticated(
        replaying.workflow
          .getHandle(second.workflowId)
          .executeUpdate(withdrawUpdate, { args: [{ by: 'hpft-handler' }] }),
      ),
    ).toBe(bound);
    // The same command in someone else's name.
    expect(
      await notAuthenticated(
        replaying.workflow
          .getHandle(second.workflowId)
          .executeUpdate(acknowledgeUpdate, { args: [{ method: 'written', by: 'intruder' }] }),
      ),
    ).toBe(bound);

    expect((await second.query(processStateQuery)).acknowledgement?.acknowledgedAt).toBeUndefined();
    expect((await first.query(processStateQuery)).closed).toBeUndefined();
  });
});

it('fails closed on a worker that did not register the check: its workflow tasks fail rather than run unchecked', async () => {
  harness = await createLifecycleHarness('2035-11-05T10:00:00Z');
  const unchecked = await Worker.create({
    connection: harness.env.nativeConnection,
    taskQueue: 'unchecked',
    workflowBundle: await workflowBundle(WORKFLOWS_PATH, {
      commandVerificationKeys: TEST_COMMAND_KEYS.verificationKeys,
    }),
  });
  // The harness's own workers run too, so that teardown finds every worker shut down.
  await harness.run(() =>
    unchecked.runUntil(async () => {
      const handle = await harness.env.client.workflow.start(complaintLifecycle, {
        workflowId: 'HPFT-2035-000805',
        taskQueue: 'unchecked',
        args: [input('HPFT-2035-000805')],
      });
      let failedTask;
      for (let tries = 0; !failedTask && tries < 100; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const events = (await handle.fetchHistory()).events ?? [];
        failedTask = events.find((event) => event.workflowTaskFailedEventAttributes);
      }
      expect(failedTask?.workflowTaskFailedEventAttributes?.failure?.message).toBe(
        'this worker does not check command signatures: register @complaints/workflows/interceptors',
      );
      await handle.terminate();
    }),
  );
});
