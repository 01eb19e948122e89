// The partners' side of a joint HPFT complaint (ADR 0019, R-JOINT-2 … 7), end to end: the joint-protocol service
// in-process over HTTP, its own worker running the real jointResponse workflow and notifications over real SMTP,
// real Postgres (each service as its own role) and the Temporal dev server. Two partners, the council (HCCACS)
// and a trust (ENHT), plus CGL, not on the system, through its single-use link.
import { type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createCaseRecordActivities } from '@complaints/activities/case-record';
import { issueAccessLink, seedDemoData } from '@complaints/db';
import { AUDIENCES, configureApp, signStaffToken } from '@complaints/service-kit';
import { jointResponseWorkflowId, TASK_QUEUES } from '@complaints/temporal';
import { defaultPayloadConverter, type Payload } from '@temporalio/client';
import { CommandSigningInterceptor, createDataConverter, EncryptionCodec } from '@complaints/temporal/client';
import {
  MailInbox,
  openServiceDataSource,
  openTestDataSource,
  serviceDatabaseUrl,
  uniqueSuffix,
  writeCaseFile,
} from '@complaints/testing';
import {
  agreeJointTimescaleUpdate,
  draftSharedForApprovalSignal,
  jointResponseSentSignal,
  jointResponseStateQuery,
  recordJointReviewUpdate,
  type JointResponseInput,
} from '@complaints/workflows/messages';
import { AppModule } from '../app.module';
import { loadJointProtocolConfig } from '../config';
import { SERVICE_DESCRIPTION } from '../service-description';

jest.setTimeout(120_000);

const config = loadJointProtocolConfig({
  ...process.env,
  DATABASE_URL: serviceDatabaseUrl('joint-protocol'),
  PORT: '3002',
  PARTNER_SERVICE_URL: 'https://partners.test',
  PARTNER_LINK_URL: 'https://partner-pages.test',
  // As the start command gives this service: its own signing key, and the API's and its own to verify.
  COMMAND_SIGNING_KEY: process.env.PARTNER_COMMAND_SIGNING_KEY ?? process.env.COMMAND_SIGNING_KEY,
  COMMAND_VERIFICATION_KEYS:
    process.env.JOINT_COMMAND_VERIFICATION_KEYS ?? process.env.COMMAND_VERIFICATION_KEYS,
});

let app: INestApplication;
let owner: DataSource;
let caseRecord: DataSource;
let worker: Worker;
let running: Promise<void>;
let workerConnection: NativeConnection;
let clientConnection: Connection;
let client: Client;
const inbox = new MailInbox();

const partnerToken = (id: string) =>
  signStaffToken(
    { id },
    { secret: config.AUTH_JWT_SECRET!, issuer: config.AUTH_JWT_ISSUER, audience: AUDIENCES.partners },
  );
const as = async (id: string) => ({ Authorization: `Bearer ${await partnerToken(id)}` });

interface JointFixture {
  jointCaseId: string;
  reference: string;
  councilIssue: { id: string; text: string };
  trustIssue: { id: string; text: string };
  person: { name: string; email: string };
}

/** A HPFT complaint made joint as the lead's side does (joint-lead's module writes these in the real system). */
async function jointCaseFixture(consent: {
  HCCACS: string;
  ENHT: string;
  CGL: string;
}): Promise<JointFixture> {
  const file = await writeCaseFile(owner, { closedAt: null });
  const trustText = `The A&E wait before the transfer (${uniqueSuffix()}).`;
  const [{ id: trustIssueId }] = await owner.query(
    `INSERT INTO complaint_issue (complaint_id, position, description) VALUES ($1, 2, $2) RETURNING id`,
    [file.complaintId, trustText],
  );
  const [{ id: jointCaseId }] = await owner.query(
    `INSERT INTO joint_case (complaint_id, protocol_code, lead_code, received_by_code, lead_received_on, lead_decision, decided_by, complex)
     VALUES ($1, 'hertfordshire', 'HPFT', 'HPFT', '2036-03-02', '{"decisive":["primary-focus"],"reasons":"mental health care"}', 'hpft-cm', true)
     RETURNING id`,
    [file.complaintId],
  );
  await owner.query(
    `INSERT INTO joint_case_partner (joint_case_id, partner_code, role, issue_ids, consent) VALUES
       ($1, 'HPFT', 'lead', '{}', 'given'), ($1, 'HCCACS', 'partner', ARRAY[$2]::uuid[], $4),
       ($1, 'ENHT', 'partner', ARRAY[$3]::uuid[], $5), ($1, 'CGL', 'partner', ARRAY[$3]::uuid[], $6)`,
    [jointCaseId, file.issueId, trustIssueId, consent.HCCACS, consent.ENHT, consent.CGL],
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
      { code: 'CGL', role: 'partner' },
    ],
    leadReceivedOn: '2036-03-02',
    complex: true,
  };
  // As the lead's complaint workflow starts its child (joint-lead's side).
  await client.workflow.start('jointResponse', {
    workflowId: jointResponseWorkflowId(jointCaseId),
    taskQueue: TASK_QUEUES.jointProtocol,
    args: [input],
  });
  return {
    jointCaseId,
    reference: file.reference,
    councilIssue: { id: file.issueId, text: file.issueText },
    trustIssue: { id: trustIssueId, text: trustText },
    person: file.person,
  };
}

beforeAll(async () => {
  owner = await openTestDataSource();
  await seedDemoData(owner);
  const module = await Test.createTestingModule({ imports: [AppModule.forConfig(config)] }).compile();
  app = module.createNestApplication({ bufferLogs: true });
  configureApp(app, SERVICE_DESCRIPTION);
  await app.init();
  // The complaints queue's case-record activities, where the joint workflow writes the lead's timeline.
  const dataConverter = await createDataConverter({ payloadEncryptionKey: config.PAYLOAD_ENCRYPTION_KEY });
  caseRecord = await openServiceDataSource('worker');
  workerConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  worker = await Worker.create({
    connection: workerConnection,
    taskQueue: TASK_QUEUES.complaints,
    activities: createCaseRecordActivities({ dataSource: caseRecord }),
    dataConverter,
  });
  running = worker.run();
  clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  // The lead's commands, signed as the complaints API signs them (its module sends them in the real system).
  client = new Client({
    connection: clientConnection,
    dataConverter,
    interceptors: {
      workflow: [new CommandSigningInterceptor(process.env.COMMAND_SIGNING_KEY!, config.TEMPORAL_NAMESPACE)],
    },
  });
});

afterAll(async () => {
  await app?.close();
  worker?.shutdown();
  await running;
  await workerConnection?.close();
  await clientConnection?.close();
  await caseRecord?.destroy();
  await owner?.destroy();
});

const waitFor = async <T>(probe: () => Promise<T | undefined | null | false>, what: string): Promise<T> => {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`not reached: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

/** Every payload in a history-like object, decrypted and converted back to its value, as text. */
async function decodedPayloads(node: unknown, codec: EncryptionCodec, out: string[] = []): Promise<string[]> {
  if (Array.isArray(node)) {
    for (const item of node) await decodedPayloads(item, codec, out);
  } else if (node && typeof node === 'object') {
    const candidate = node as Payload;
    if (candidate.metadata && candidate.data instanceof Uint8Array) {
      const encrypted = Buffer.from(candidate.metadata.encoding ?? []).toString() === 'binary/encrypted';
      const [plain] = encrypted ? await codec.decode([candidate]) : [candidate];
      out.push(JSON.stringify(defaultPayloadConverter.fromPayload(plain)));
    } else {
      for (const value of Object.values(node)) await decodedPayloads(value, codec, out);
    }
  }
  return out;
}

const handleOf = (fixture: JointFixture) =>
  client.workflow.getHandle(jointResponseWorkflowId(fixture.jointCaseId));

it('R-JOINT-2 partner sign-in: a partner token names an active partner user; a staff token or an unknown subject is refused', async () => {
  const staff = await signStaffToken(
    { id: 'hpft-complaints-manager' },
    { secret: config.AUTH_JWT_SECRET!, issuer: config.AUTH_JWT_ISSUER },
  );
  await request(app.getHttpServer()).get('/joint-cases').expect(401);
  const refused = await request(app.getHttpServer())
    .get('/joint-cases')
    .set({ Authorization: `Bearer ${staff}` })
    .expect(401);
  expect(refused.body.detail).toBe('the bearer token is invalid or has expired');
  const unknown = await request(app.getHttpServer())
    .get('/joint-cases')
    .set(await as('nobody-at-all'))
    .expect(401);
  expect(unknown.body.detail).toBe('the bearer token does not name an active partner user');
});

it('R-JOINT-2 R-JOINT-4 R-INT-8: each partner sees only its own issues once consent is given, contributes, and is told by email; before consent only that the case exists', async () => {
  const fixture = await jointCaseFixture({ HCCACS: 'given', ENHT: 'sought', CGL: 'given' });
  const server = app.getHttpServer();
  const council = await as('partner-hccacs-complaints-manager');
  const trust = await as('partner-enht-complaints-manager');

  // R-JOINT-3: the council's complaints manager is told of the joint case, by email.
  const [notice] = await inbox.waitFor(
    (m) =>
      m.subject.includes(fixture.reference) &&
      m.to.some((t) => t.address === 'complaints-manager@hccacs.demo'),
  );
  expect(notice.text).toContain('joint protocol');
  expect(notice.text).not.toContain(fixture.councilIssue.text);

  const worklist = await request(server).get('/joint-cases').set(council).expect(200);
  const row = worklist.body.find((c: { jointCaseId: string }) => c.jointCaseId === fixture.jointCaseId);
  expect(row).toMatchObject({
    role: 'partner',
    consent: 'given',
    reference: fixture.reference,
    leadCode: 'HPFT',
  });

  const view = await request(server).get(`/joint-cases/${fixture.jointCaseId}`).set(council).expect(200);
  expect(view.body).toMatchObject({ shared: true, reference: fixture.reference, role: 'partner' });
  expect(view.body.issues).toEqual([{ id: fixture.councilIssue.id, description: fixture.councilIssue.text }]);
  expect(JSON.stringify(view.body)).not.toContain(fixture.trustIssue.text);

  // Consent to share with the trust is only sought: it sees that a joint case exists, nothing more.
  const trustView = await request(server).get(`/joint-cases/${fixture.jointCaseId}`).set(trust).expect(200);
  expect(trustView.body).toEqual({
    jointCaseId: fixture.jointCaseId,
    protocolCode: 'hertfordshire',
    leadCode: 'HPFT',
    role: 'partner',
    consent: 'sought',
    shared: false,
  });
  const trustList = await request(server).get('/joint-cases').set(trust).expect(200);
  expect(
    trustList.body.find((c: { jointCaseId: string }) => c.jointCaseId === fixture.jointCaseId).reference,
  ).toBeNull();
  const early = await request(server)
    .post(`/joint-cases/${fixture.jointCaseId}/contributions`)
    .set(trust)
    .send({ body: 'Our part.' })
    .expect(409);
  expect(early.body.rule).toBe('R-JOINT-2');

  // The lead agrees the timescale (the lead's module does this in the complaints API).
  await waitFor(
    async () => (await handleOf(fixture).query(jointResponseStateQuery)).partners.every((p) => p.notified),
    'notified',
  );
  const today = new Date().toISOString().slice(0, 10);
  const soon = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  await handleOf(fixture).executeUpdate(agreeJointTimescaleUpdate, {
    args: [{ by: 'hpft-cm', responseDueOn: soon, contributionDue: { HCCACS: soon, ENHT: soon, CGL: soon } }],
  });
  const bad = await request(server)
    .post(`/joint-cases/${fixture.jointCaseId}/contributions`)
    .set(council)
    .send({})
    .expect(400);
  expect(JSON.stringify(bad.body)).toContain('body');
  const first = await request(server)
    .post(`/joint-cases/${fixture.jointCaseId}/contributions`)
    .set(council)
    .send({ body: 'The council reviewed the care package.' })
    .expect(201);
  expect(first.body.contribution).toMatchObject({ version: 1, submittedOn: today, late: false });
  const revised = await request(server)
    .post(`/joint-cases/${fixture.jointCaseId}/contributions`)
    .set(council)
    .send({ body: 'The council reviewed the care package and the visits.' })
    .expect(201);
  expect(revised.body.contribution.version).toBe(2);
  const rows = await owner.query(
    `SELECT version, body FROM joint_contribution WHERE joint_case_id = $1 AND partner_code = 'HCCACS' ORDER BY version`,
    [fixture.jointCaseId],
  );
  expect(rows.map((r: { version: number }) => r.version)).toEqual([1, 2]);

  // R-INT-8: the joint workflow's history holds codes, dates and versions, never the words or the person.
  const codec = await EncryptionCodec.create(config.PAYLOAD_ENCRYPTION_KEY);
  const history = await handleOf(fixture).fetchHistory();
  const description = await handleOf(fixture).describe();
  const everything = [
    ...(await decodedPayloads(history, codec)),
    JSON.stringify(description.raw.workflowExecutionInfo?.searchAttributes),
  ].join('\n');
  expect(everything).toContain('HCCACS');
  expect(everything).toContain(fixture.reference);
  for (const value of [
    'The council reviewed the care package',
    fixture.councilIssue.text,
    fixture.trustIssue.text,
    fixture.person.name,
    fixture.person.email,
    'complaints-manager@hccacs.demo',
  ])
    expect({ value, found: everything.includes(value) }).toEqual({ value, found: false });

  // Every read recorded, as the partner user and its organisation.
  const log = await owner.query(
    `SELECT staff_id, organisation_code, action, outcome, basis FROM access_log_entry WHERE complaint_reference = $1 ORDER BY id`,
    [fixture.reference],
  );
  expect(log).toEqual(
    expect.arrayContaining([
      {
        staff_id: 'partner-hccacs-complaints-manager',
        organisation_code: 'HCCACS',
        action: 'view',
        outcome: 'allowed',
        basis: 'joint-partner',
      },
      {
        staff_id: 'partner-hccacs-complaints-manager',
        organisation_code: 'HCCACS',
        action: 'act',
        outcome: 'allowed',
        basis: 'joint-partner',
      },
    ]),
  );
});

it('R-JOINT-5 R-JOINT-7: a partner approves or returns only the version out for approval, and cannot withdraw before its part is resolved; refused commands change nothing', async () => {
  const fixture = await jointCaseFixture({ HCCACS: 'given', ENHT: 'given', CGL: 'given' });
  const server = app.getHttpServer();
  const council = await as('partner-hccacs-complaints-manager');
  await waitFor(
    async () => (await handleOf(fixture).query(jointResponseStateQuery)).partners.every((p) => p.notified),
    'notified',
  );
  const none = await request(server)
    .post(`/joint-cases/${fixture.jointCaseId}/draft-decisions`)
    .set(council)
    .send({ version: 1, decision: 'approved' })
    .expect(409);
  expect(none.body).toMatchObject({ rule: 'R-JOINT-5', detail: 'no draft is out for approval' });
  const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await handleOf(fixture).signal(draftSharedForApprovalSignal, { version: 1, approvalDueOn: due });
  await handleOf(fixture).signal(draftSharedForApprovalSignal, { version: 2, approvalDueOn: due });
  await waitFor(
    async () => (await handleOf(fixture).query(jointResponseStateQuery)).draft?.version === 2,
    'v2 out',
  );
  const noComments = await request(server)
    .post(`/joint-cases/${fixture.jointCaseId}/draft-decisions`)
    .set(council)
    .send({ version: 2, decision: 'changes-requested' })
    .expect(400);
  expect(JSON.stringify(noComments.body)).toContain('comments');
  const superseded = await request(server)
    .post(`/joint-cases/${fixture.jointCaseId}/draft-decisions`)
    .set(council)
    .send({ version: 1, decision: 'approved' })
    .expect(409);
  expect(superseded.body).toMatchObject({
    rule: 'R-JOINT-5',
    detail: 'version 1 was superseded by version 2',
  });
  const returned = await request(server)
    .post(`/joint-cases/${fixture.jointCaseId}/draft-decisions`)
    .set(council)
    .send({ version: 2, decision: 'changes-requested', comments: 'Our visits were weekly, not monthly.' })
    .expect(201);
  expect(returned.body.decision).toMatchObject({ version: 2, decision: 'changes-requested' });
  const decisions = await owner.query(
    `SELECT draft_version, decision FROM joint_draft_decision WHERE joint_case_id = $1`,
    [fixture.jointCaseId],
  );
  expect(decisions).toEqual([{ draft_version: 2, decision: 'changes-requested' }]);

  const withdraw = await request(server)
    .post(`/joint-cases/${fixture.jointCaseId}/withdrawal`)
    .set(council)
    .expect(409);
  expect(withdraw.body.rule).toBe('R-JOINT-7');
  const [member] = await owner.query(
    `SELECT withdrawn_at FROM joint_case_partner WHERE joint_case_id = $1 AND partner_code = 'HCCACS'`,
    [fixture.jointCaseId],
  );
  expect(member.withdrawn_at).toBeNull();
  const before = await request(server).get(`/joint-cases/${fixture.jointCaseId}`).set(council).expect(200);
  expect(before.body).toMatchObject({ mayWithdraw: false, learningRecorded: false });

  // The response went, the person was not satisfied, and the review found the council's part resolved: the
  // view says it may withdraw (the public pages show the button only then), and it does.
  await handleOf(fixture).signal(jointResponseSentSignal, { version: 2, partial: false });
  await handleOf(fixture).executeUpdate(recordJointReviewUpdate, {
    args: [{ by: 'hpft-complaints-manager', resolvedFor: ['HCCACS'] }],
  });
  const reviewed = await request(server).get(`/joint-cases/${fixture.jointCaseId}`).set(council).expect(200);
  expect(reviewed.body.mayWithdraw).toBe(true);
  await request(server)
    .post(`/joint-cases/${fixture.jointCaseId}/learning`)
    .set(council)
    .send({
      learning: 'Discharge notices must reach the council the same day.',
      actionPoints: ['Audit notices'],
    })
    .expect(201);
  await request(server).post(`/joint-cases/${fixture.jointCaseId}/withdrawal`).set(council).expect(200);
  const withdrawn = await request(server).get(`/joint-cases/${fixture.jointCaseId}`).set(council).expect(200);
  expect(withdrawn.body).toMatchObject({ mayWithdraw: false, learningRecorded: true });
  expect(withdrawn.body.withdrawnAt).not.toBeNull();
});

it('partner isolation: a third organisation, and a partner reading a case it is not in, get 404, recorded as refused', async () => {
  const fixture = await jointCaseFixture({ HCCACS: 'given', ENHT: 'given', CGL: 'given' });
  await owner.query(
    `INSERT INTO partner_user (id, partner_code, display_name, email, role) VALUES ('whth-complaints-manager', 'WHTH', 'WHTH CM', 'complaints-manager@whth.demo', 'complaints-manager')
     ON CONFLICT (id) DO NOTHING`,
  );
  const server = app.getHttpServer();
  const third = await as('whth-complaints-manager');
  await request(server).get(`/joint-cases/${fixture.jointCaseId}`).set(third).expect(404);
  await request(server)
    .post(`/joint-cases/${fixture.jointCaseId}/contributions`)
    .set(third)
    .send({ body: 'x' })
    .expect(404);
  const list = await request(server).get('/joint-cases').set(third).expect(200);
  expect(list.body).toEqual([]);
  await request(server)
    .get(`/joint-cases/00000000-0000-4000-8000-000000000000`)
    .set(await as('partner-hccacs-complaints-manager'))
    .expect(404);
  await request(server)
    .get(`/joint-cases/not-a-uuid`)
    .set(await as('partner-hccacs-complaints-manager'))
    .expect(404);
  const refused = await owner.query(
    `SELECT staff_id, outcome FROM access_log_entry WHERE staff_id = 'whth-complaints-manager' AND outcome = 'refused'`,
  );
  expect(refused.length).toBeGreaterThanOrEqual(2);
});

it('single-use link: CGL, not on the system, opens its one case from the link in its email, once; used twice or expired, nothing opens', async () => {
  const fixture = await jointCaseFixture({ HCCACS: 'given', ENHT: 'given', CGL: 'given' });
  const other = await jointCaseFixture({ HCCACS: 'given', ENHT: 'given', CGL: 'given' });
  const server = app.getHttpServer();
  const [email] = await inbox.waitFor(
    (m) =>
      m.subject.includes(fixture.reference) && m.to.some((t) => t.address === 'complaints-manager@cgl.demo'),
  );
  const token = /https:\/\/partner-pages\.test\/partner-links\/([A-Za-z0-9_-]+)/.exec(email.text)?.[1];
  expect(token).toBeDefined();
  // What the landing page shows (ADR 0027): looking does not spend the link, however often (mail scanners).
  for (let look = 0; look < 2; look += 1) {
    const inspected = await request(server).post('/partner-links/inspect').send({ token }).expect(200);
    expect(inspected.body).toMatchObject({
      leadCode: 'HPFT',
      leadName: 'Hertfordshire Partnership University NHS Foundation Trust',
      partnerCode: 'CGL',
      partnerName: 'Spectrum / Change Grow Live',
      protocolName: expect.stringContaining('Hertfordshire'),
    });
    expect(JSON.stringify(inspected.body)).not.toContain(fixture.reference);
  }
  const opened = await request(server).post('/partner-links/redeem').send({ token }).expect(201);
  expect(opened.body.jointCaseId).toBe(fixture.jointCaseId);
  const session = { Authorization: `Link ${opened.body.session}` };
  const view = await request(server).get(`/joint-cases/${fixture.jointCaseId}`).set(session).expect(200);
  expect(view.body.issues).toEqual([{ id: fixture.trustIssue.id, description: fixture.trustIssue.text }]);
  const list = await request(server).get('/joint-cases').set(session).expect(200);
  expect(list.body.map((c: { jointCaseId: string }) => c.jointCaseId)).toEqual([fixture.jointCaseId]);
  // Limited to that one case, although CGL is a partner in the other too.
  await request(server).get(`/joint-cases/${other.jointCaseId}`).set(session).expect(404);

  const again = await request(server).post('/partner-links/redeem').send({ token }).expect(410);
  expect(again.body.detail).toMatch(/no longer works|has been used/);
  await request(server).post('/partner-links/inspect').send({ token }).expect(410);
  // The single-use token itself is not a session.
  await request(server)
    .get('/joint-cases')
    .set({ Authorization: `Link ${token}` })
    .expect(401);

  const [{ id: complaintId }] = await owner.query(`SELECT complaint_id AS id FROM joint_case WHERE id = $1`, [
    fixture.jointCaseId,
  ]);
  const short = await issueAccessLink(owner.manager, {
    purpose: 'partner-case',
    complaintId,
    partnerCode: 'CGL',
    singleUse: true,
    issuedBy: 'test',
    expiresAt: new Date(Date.now() + 1_000),
  });
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  await request(server).post('/partner-links/redeem').send({ token: short.token }).expect(410);
  const [{ used }] = await owner.query(`SELECT used_at IS NOT NULL AS used FROM access_link WHERE id = $1`, [
    short.id,
  ]);
  expect(used).toBe(false);
});
