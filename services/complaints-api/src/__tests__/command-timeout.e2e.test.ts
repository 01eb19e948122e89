// ADR 0026: a staff command whose workflow does not take it in time (its workers busy or gone) is answered
// 503 with Retry-After and problem details, never 500, and repeating it is safe. The complaint's workflow
// runs on a task queue that no worker polls, so the acknowledgement's Update (R-ACK-1) cannot complete
// within the API's short deadline; once a worker polls that queue, the repeated command is taken, and the
// complaint is acknowledged, and its letter sent, exactly once.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { EntityManager } from 'typeorm';
import { CaseEvent, Complaint, Organisation } from '@complaints/db';
import { createDataConverter } from '@complaints/temporal/client';
import { MailInbox } from '@complaints/testing';
import { COMPLAINT_LIFECYCLE } from '@complaints/workflows/messages';
import { ComplaintWorkflowStarter, lifecycleInputFor } from '../intake/complaint-workflow.starter';
import {
  as,
  complaintBody,
  config,
  eventually,
  startWorkers,
  tokenFor,
  useApi,
  type TestWorkers,
} from './api-harness';

const { api, workers, restartApi } = useApi({ timeoutMs: 180_000 });
const DEADLINE_MS = 1_500;
const UNPOLLED = `complaints-unpolled-${randomUUID()}`;
const inbox = new MailInbox();

/** Starts each complaint's workflow on the unpolled task queue instead of the complaints queue. */
class UnpolledQueueStarter extends ComplaintWorkflowStarter {
  constructor(
    private readonly client: Client,
    private readonly owner: TestWorkers,
  ) {
    super(client, owner.dataSource);
  }

  override async start(complaint: Complaint, manager?: EntityManager): Promise<void> {
    const db = manager ?? this.owner.dataSource.manager;
    const organisation = await db
      .getRepository(Organisation)
      .findOneByOrFail({ code: complaint.organisationCode });
    await this.client.workflow.start(COMPLAINT_LIFECYCLE, {
      workflowId: complaint.reference,
      taskQueue: UNPOLLED,
      args: [lifecycleInputFor(complaint, organisation)],
    });
    await db.getRepository(Complaint).update({ id: complaint.id }, { workflowStartedAt: new Date() });
  }
}

let connection: Connection;
let late: TestWorkers | undefined;

beforeAll(async () => {
  connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const client = new Client({
    connection,
    dataConverter: await createDataConverter({ payloadEncryptionKey: config.PAYLOAD_ENCRYPTION_KEY }),
  });
  await restartApi({
    starter: new UnpolledQueueStarter(client, workers()),
    settings: { COMMAND_DEADLINE_MS: DEADLINE_MS },
  });
});

afterAll(async () => {
  await late?.stop();
  await connection?.close();
});

const acknowledgedEvents = async (reference: string) => {
  const complaint = await workers().dataSource.getRepository(Complaint).findOneByOrFail({ reference });
  return workers()
    .dataSource.getRepository(CaseEvent)
    .countBy({ complaintId: complaint.id, type: 'acknowledged' });
};

it('answers 503 with Retry-After when the workflow does not take a command in time, and a repeat is taken once', async () => {
  const handler = await tokenFor('handler@hpft.demo');
  const body = complaintBody();
  const created = await api().post('/complaints').set(as(handler)).send(body).expect(201);
  const reference = created.body.reference as string;
  const handle = workers().client.workflow.getHandle(reference);
  const description = await eventually(
    () => handle.describe(),
    (found) => found.status.name === 'RUNNING',
  );
  expect(description.taskQueue).toBe(UNPOLLED);

  const started = Date.now();
  const timedOut = await api()
    .post(`/complaints/${reference}/acknowledgement`)
    .set(as(handler))
    .send({ method: 'written' });
  const took = Date.now() - started;
  expect(timedOut.status).toBe(503);
  expect(timedOut.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(Number(timedOut.headers['retry-after'])).toBeGreaterThan(0);
  expect(timedOut.body).toMatchObject({
    type: 'about:blank',
    title: 'Service unavailable',
    status: 503,
    instance: `/complaints/${reference}/acknowledgement`,
    detail: expect.stringContaining('Retry-After'),
  });
  // It waited for the deadline, and no longer than the deadline and the request's own work.
  expect(took).toBeGreaterThanOrEqual(DEADLINE_MS);
  expect(took).toBeLessThan(DEADLINE_MS + 10_000);
  expect(await acknowledgedEvents(reference)).toBe(0);

  // A worker comes for the queue; the staff member repeats the command, as Retry-After invites.
  late = await startWorkers({ complaintsTaskQueue: UNPOLLED });
  await restartApi({ settings: { COMMAND_DEADLINE_MS: 60_000 } });
  const repeated = await api()
    .post(`/complaints/${reference}/acknowledgement`)
    .set(as(handler))
    .send({ method: 'written' });
  // Taken now (200), or, if the first Update was taken when the worker came, refused as already done.
  if (repeated.status === 409) expect(repeated.body.detail).toContain('already acknowledged');
  else expect(repeated.status).toBe(200);

  await eventually(
    () => acknowledgedEvents(reference),
    (count) => count >= 1,
    30_000,
  );
  const letters = await inbox.waitFor(
    (message) =>
      message.subject === `Your complaint ${reference}: acknowledgement` &&
      message.to.some((to) => to.address === body.complainant.email),
    { timeoutMs: 60_000 },
  );
  await new Promise((resolve) => setTimeout(resolve, 3_000)); // time for a second one, were it coming
  expect(letters).toHaveLength(1);
  expect(
    (await inbox.messagesTo(body.complainant.email)).filter((m) => m.subject.endsWith(': acknowledgement')),
  ).toHaveLength(1);
  expect(await acknowledgedEvents(reference)).toBe(1);
  await handle.terminate('command-timeout test done');
});
