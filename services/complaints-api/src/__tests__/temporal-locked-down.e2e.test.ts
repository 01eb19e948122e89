// ADR 0012 through the whole system (the API, both workers, real Postgres and the Temporal dev server): someone
// who reaches the Temporal frontend with the SDK and the payload key, but not the API's signing key, cannot
// command a complaint, nor make a workflow of their own act on it; and failures are encrypted in history.
import { WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { CaseEvent, Complaint } from '@complaints/db';
import { TASK_QUEUES } from '@complaints/temporal';
import { EncryptionCodec } from '@complaints/temporal/client';
import {
  acknowledgeUpdate,
  COMMAND_NOT_AUTHENTICATED,
  COMPLAINT_LIFECYCLE,
  type ComplaintLifecycleInput,
} from '@complaints/workflows/messages';
import { complaintBody, config, eventually, tokenFor, useApi } from './api-harness';

const { api, workers, stageOf } = useApi({ timeoutMs: 90_000 });

async function intake(): Promise<{ reference: string; handler: string }> {
  const handler = await tokenFor('handler@hpft.demo');
  const created = await api()
    .post('/complaints')
    .set('Authorization', `Bearer ${handler}`)
    .send(complaintBody())
    .expect(201);
  const reference = created.body.reference as string;
  await stageOf(reference, handler, (stage) => stage === 'awaiting-acknowledgement');
  return { reference, handler };
}

const timelineOf = async (reference: string) => {
  const complaint = await workers().dataSource.getRepository(Complaint).findOneByOrFail({ reference });
  return (await workers().dataSource.getRepository(CaseEvent).findBy({ complaintId: complaint.id })).map(
    (event) => event.type,
  );
};

it('refuses an Update sent straight to Temporal without the API signature; the record and the process stay as they were', async () => {
  const { reference, handler } = await intake();
  // workers().client has the payload codec, but not the API's signing key.
  const direct = workers().client.workflow.getHandle(reference);
  const error = await direct
    .executeUpdate(acknowledgeUpdate, { args: [{ method: 'written', by: 'hpft-handler' }] })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  expect((error as WorkflowUpdateFailedError).cause).toMatchObject({
    type: COMMAND_NOT_AUTHENTICATED,
    message: 'the command carries no signature of the complaints API',
  });
  const detail = await api()
    .get(`/complaints/${reference}`)
    .set('Authorization', `Bearer ${handler}`)
    .expect(200);
  expect(detail.body.stage).toBe('awaiting-acknowledgement');
  expect(await timelineOf(reference)).not.toContain('acknowledged');

  // The API's own command, signed, is taken.
  await api()
    .post(`/complaints/${reference}/acknowledgement`)
    .set('Authorization', `Bearer ${handler}`)
    .send({ method: 'written' })
    .expect(200);
});

it("refuses for good an activity asked to act on another complaint's reference, and the failure is encrypted in history", async () => {
  const { reference } = await intake();
  // The complaint's own workflow has written its first event; the impostor would write that one again.
  const before = await eventually(
    () => timelineOf(reference),
    (types) => types.includes('acknowledgement-clock-started'),
  );
  const impostorId = `IMPOSTOR-${Math.random().toString(36).slice(2, 8)}`;
  const input: ComplaintLifecycleInput = {
    reference,
    organisationCode: 'HPFT',
    profile: { id: 'hpft', version: 1 },
    calendar: { nation: 'england-and-wales', closureDays: [] },
    receivedOn: '2026-01-05',
    kind: 'complaint',
    anonymous: false,
  };
  const impostor = await workers().client.workflow.start(COMPLAINT_LIFECYCLE, {
    workflowId: impostorId,
    taskQueue: TASK_QUEUES.complaints,
    args: [input],
  });
  const failed = await impostor.result().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(failed).toBeInstanceOf(WorkflowFailedError);
  // Decoded by a client with the codec, the activity's failure says why.
  expect((failed as WorkflowFailedError).cause?.cause).toMatchObject({
    type: 'NotThisWorkflowsComplaint',
    message: `workflow ${impostorId} acts only on its own complaint, not on ${reference}`,
  });
  expect(await timelineOf(reference)).toEqual(before);

  // In the history as the server keeps it (and the Temporal UI shows it), the message is an encrypted attribute.
  const history = await eventually(
    () => impostor.fetchHistory(),
    (h) => (h.events ?? []).some((event) => event.activityTaskFailedEventAttributes),
  );
  const attempts = (history.events ?? []).filter((event) => event.activityTaskFailedEventAttributes);
  expect(attempts).toHaveLength(1); // non-retryable: one attempt
  const failure = attempts[0].activityTaskFailedEventAttributes!.failure!;
  expect(failure.message).toBe('Encoded failure');
  expect(failure.stackTrace ?? '').toBe('');
  const encoded = failure.encodedAttributes as Payload;
  expect(Buffer.from(encoded.metadata!.encoding!).toString()).toBe('binary/encrypted');
  expect(JSON.stringify(history)).not.toContain(impostorId + ' acts only');
  const codec = await EncryptionCodec.create(config.PAYLOAD_ENCRYPTION_KEY);
  const [attributes] = await codec.decode([encoded]);
  expect(defaultPayloadConverter.fromPayload(attributes)).toMatchObject({
    message: `workflow ${impostorId} acts only on its own complaint, not on ${reference}`,
  });
});
