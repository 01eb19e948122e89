// The lead's side of the jointResponse workflow through the complaints API (ADR 0019, R-JOINT-3 … 7): the
// API, both workers and a joint-protocol worker running the real jointResponse workflow with real notices over
// SMTP. The joint case is written as the lead's joint-case module writes it (joint-lead's side).
import { createSmtpMailer } from '@complaints/activities/correspondence';
import { createJointResponseActivities } from '@complaints/activities/joint-response';
import { jointResponseWorkflowId, TASK_QUEUES } from '@complaints/temporal';
import { createDataConverter, withCommandVerificationKeys } from '@complaints/temporal/client';
import { openServiceDataSource, writeCaseFile } from '@complaints/testing';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { jointResponseStateQuery, type JointResponseInput } from '@complaints/workflows/messages';
import { as, config, eventually, tokenFor, useApi } from './api-harness';

const { api, workers } = useApi({ timeoutMs: 120_000 });

let jointWorker: Worker;
let running: Promise<void>;
let connection: NativeConnection;
let jointData: DataSource;
const mailer = createSmtpMailer(process.env.SMTP_URL!);

beforeAll(async () => {
  jointData = await openServiceDataSource('joint-protocol');
  connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  jointWorker = await Worker.create({
    connection,
    taskQueue: TASK_QUEUES.jointProtocol,
    workflowsPath: require.resolve('@complaints/workflows/joint-response'),
    interceptors: { workflowModules: [require.resolve('@complaints/workflows/interceptors')] },
    bundlerOptions: {
      webpackConfigHook: withCommandVerificationKeys(process.env.COMMAND_VERIFICATION_KEYS ?? ''),
    },
    activities: createJointResponseActivities({
      dataSource: jointData,
      mailer,
      from: 'complaints@test',
      messageIdDomain: 'complaints.test',
      partnerServiceUrl: 'https://partners.test',
      partnerLinkUrl: 'https://partner-pages.test',
    }),
    dataConverter: await createDataConverter({ payloadEncryptionKey: config.PAYLOAD_ENCRYPTION_KEY }),
  });
  running = jointWorker.run();
});

afterAll(async () => {
  jointWorker?.shutdown();
  await running;
  await connection?.close();
  mailer.close();
  await jointData?.destroy();
});

async function jointCase() {
  const owner = workers().dataSource;
  const file = await writeCaseFile(owner, { closedAt: null });
  const [{ id: jointCaseId }] = await owner.query(
    `INSERT INTO joint_case (complaint_id, protocol_code, lead_code, received_by_code, lead_received_on, lead_decision, decided_by, complex)
     VALUES ($1, 'hertfordshire', 'HPFT', 'HPFT', '2036-03-02', '{"decisive":["primary-focus"],"reasons":"r"}', 'hpft-complaints-manager', true)
     RETURNING id`,
    [file.complaintId],
  );
  await owner.query(
    `INSERT INTO joint_case_partner (joint_case_id, partner_code, role, issue_ids, consent) VALUES
       ($1, 'HPFT', 'lead', '{}', 'given'), ($1, 'HCCACS', 'partner', ARRAY[$2]::uuid[], 'given'),
       ($1, 'ENHT', 'partner', '{}', 'given')`,
    [jointCaseId, file.issueId],
  );
  const input: JointResponseInput = {
    jointCaseId,
    complaintReference: file.reference,
    protocolCode: 'hertfordshire',
    leadCode: 'HPFT',
    members: [
      { code: 'HPFT', role: 'lead' },
      { code: 'HCCACS', role: 'partner' },
      { code: 'ENHT', role: 'partner' },
    ],
    leadReceivedOn: '2036-03-02',
    complex: true,
  };
  const handle = await workers().client.workflow.start('jointResponse', {
    workflowId: jointResponseWorkflowId(jointCaseId),
    taskQueue: TASK_QUEUES.jointProtocol,
    args: [input],
  });
  await eventually(
    () => handle.query(jointResponseStateQuery),
    (state) => state.partners.every((p) => p.notified),
  );
  return { ...file, jointCaseId, handle };
}

const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

it("R-JOINT-3 R-JOINT-4: the lead agrees the timescale and each partner's deadline, records the meeting, and flags and resolves a conflict; bad or refused commands change nothing", async () => {
  const { reference, jointCaseId, handle } = await jointCase();
  const manager = as(await tokenFor('complaints-manager@hpft.demo'));
  const base = `/complaints/${reference}/joint-response`;

  const outside = await api()
    .post(`${base}/timescale`)
    .set(manager)
    .send({
      responseDueOn: days(20),
      contributionDue: { HCCACS: days(30), ENHT: days(10) },
    });
  expect(outside.status).toBe(409);
  expect(outside.body.rule).toBe('R-JOINT-4');
  const agreed = await api()
    .post(`${base}/timescale`)
    .set(manager)
    .send({ responseDueOn: days(20), contributionDue: { HCCACS: days(10), ENHT: days(12) } })
    .expect(200);
  expect(agreed.body.partners.find((p: { code: string }) => p.code === 'HCCACS').contributionDueOn).toBe(
    days(10),
  );
  expect(agreed.body.nextDeadline).toBe(days(10));

  await api()
    .post(`${base}/coordination`)
    .set(manager)
    .send({
      heldOn: days(0),
      kind: 'call',
      attended: ['HPFT', 'HCCACS', 'ENHT'],
      notes: 'Agreed the basis of one response.',
    })
    .expect(201);
  const badConflict = await api()
    .post(`${base}/conflicts`)
    .set(manager)
    .send({ between: ['HCCACS'], description: 'x' })
    .expect(400);
  expect(JSON.stringify(badConflict.body)).toContain('between');
  const conflict = await api()
    .post(`${base}/conflicts`)
    .set(manager)
    .send({ between: ['HCCACS', 'ENHT'], description: 'The dates of the visits differ.' })
    .expect(201);
  expect(conflict.body.stage).toBe('resolving-conflicts');
  const conflictId = conflict.body.conflicts[0].conflictId as string;
  const resolved = await api()
    .post(`${base}/conflicts/${conflictId}/resolution`)
    .set(manager)
    .send({ resolution: "The council's visit log is right." })
    .expect(200);
  expect(resolved.body.conflicts[0].resolvedOn).toBe(days(0));
  const again = await api()
    .post(`${base}/conflicts/${conflictId}/resolution`)
    .set(manager)
    .send({ resolution: 'Again.' })
    .expect(409);
  expect(again.body.rule).toBe('R-JOINT-4');
  const rows = await workers().dataSource.query(`SELECT resolution FROM joint_conflict WHERE id = $1`, [
    conflictId,
  ]);
  expect(rows).toEqual([{ resolution: "The council's visit log is right." }]);

  const partial = await api()
    .post(`${base}/partial-response`)
    .set(manager)
    .send({ without: ['ENHT'] })
    .expect(409);
  expect(partial.body).toMatchObject({ rule: 'R-JOINT-6' });

  const read = await api().get(base).set(manager).expect(200);
  expect(read.body.jointCaseId).toBe(jointCaseId);
  expect(read.body.coordination).toHaveLength(1);
  expect(read.body.process.coordination).toMatchObject({ kind: 'call' });
  expect((await handle.query(jointResponseStateQuery)).responseDueOn).toBe(days(20));
});

it('a complaint that is not joint has no joint response (404), and a member of staff outside the case team gets 404', async () => {
  const file = await writeCaseFile(workers().dataSource, { closedAt: null });
  const manager = as(await tokenFor('complaints-manager@hpft.demo'));
  const notJoint = await api().get(`/complaints/${file.reference}/joint-response`).set(manager).expect(404);
  expect(notJoint.body.detail).toContain('not a joint case');
  const { reference } = await jointCase();
  await api()
    .get(`/complaints/${reference}/joint-response`)
    .set(as(await tokenFor('handler@hpft.demo')))
    .expect(404);
});
