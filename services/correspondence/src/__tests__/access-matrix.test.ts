// R-INT-8 need-to-know in the correspondence service, as a matrix generated from its route table (its OpenAPI
// document): every route that touches a complaint (by its reference, or by one of its letters) × each kind of
// caller, with the door's decision and action in the access log. A route missing from RULES fails the first
// test, so a new route cannot ship without an access rule.
import { randomInt, randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import {
  AccessLogEntry,
  CaseTeamMember,
  Complaint,
  Correspondence,
  seedDemoData,
  StaffUser,
  type AccessAction,
} from '@complaints/db';
import type { StaffRole } from '@complaints/domain';
import { configureApp, DATA_SOURCE, signStaffToken, type StaffPrincipal } from '@complaints/service-kit';
import { AppModule } from '../app.module';
import { loadCorrespondenceConfig } from '../config';
import { SERVICE_DESCRIPTION } from '../service-description';

jest.setTimeout(120_000);

type Rule = { touches: 'complaint'; action: AccessAction } | { touches: 'no complaint'; why: string };
const templates = { touches: 'no complaint', why: "the organisation's templates, no complaint" } as const;
const RULES: Record<string, Rule> = {
  'GET /complaints/{reference}/correspondence': { touches: 'complaint', action: 'view' },
  'GET /correspondence/{id}': { touches: 'complaint', action: 'view' },
  'GET /correspondence/{id}/pdf': { touches: 'complaint', action: 'download' },
  'POST /correspondence/{id}/resend': { touches: 'complaint', action: 'act' },
  'POST /correspondence/{id}/posted': { touches: 'complaint', action: 'act' },
  'GET /complaints/{reference}/ombudsman-pack': { touches: 'complaint', action: 'export' },
  'POST /complaints/{reference}/correspondence/preview': { touches: 'complaint', action: 'preview' },
  'GET /templates': templates,
  'PUT /templates/{name}/override': templates,
  'DELETE /templates/{name}/override': templates,
  'GET /templates/{name}/override/versions': templates,
  'GET /templates/{name}/override/versions/{version}/side-by-side': templates,
  'POST /templates/{name}/override/versions/{version}/approval': templates,
  'POST /templates/{name}/override/versions/{version}/rejection': templates,
};

const config = loadCorrespondenceConfig({ ...process.env, PORT: '3001' });
const suffix = randomUUID().slice(0, 8);
const ROLES: StaffRole[] = ['handler', 'complaint-lead', 'senior-manager', 'responsible-person'];
const STAFF = {
  teamHandler: { id: `hpft-ntkc-handler-${suffix}`, organisationCode: 'HPFT', roles: ROLES },
  outsider: { id: `hpft-ntkc-outsider-${suffix}`, organisationCode: 'HPFT', roles: ROLES },
  involved: {
    id: `hpft-ntkc-involved-${suffix}`,
    organisationCode: 'HPFT',
    roles: ['complaints-manager', ...ROLES] as StaffRole[],
  },
  otherOrganisation: {
    id: `nct-ntkc-manager-${suffix}`,
    organisationCode: 'NCT',
    roles: ['complaints-manager', ...ROLES] as StaffRole[],
  },
} satisfies Record<string, StaffPrincipal>;
const sign = (principal: StaffPrincipal, expiresIn?: string) =>
  signStaffToken(principal, { secret: config.AUTH_JWT_SECRET!, issuer: config.AUTH_JWT_ISSUER }, expiresIn);

interface Call {
  status: number;
  logged?: 'allowed' | 'refused';
  action?: AccessAction;
}
const refused: Call = { status: 404, logged: 'refused' };
/** Each caller other than the case team, with what they must get. */
const IDENTITIES: { name: string; token: () => Promise<string | undefined>; expected: Call }[] = [
  { name: 'same organisation, not on the case team', token: () => sign(STAFF.outsider), expected: refused },
  {
    name: 'named as involved (a complaints manager, too)',
    token: () => sign(STAFF.involved),
    expected: refused,
  },
  { name: 'another organisation', token: () => sign(STAFF.otherOrganisation), expected: refused },
  // Identity rows (token verification): a token for a disabled user, a dev key in production, … go here.
  { name: 'no token', token: async () => undefined, expected: { status: 401 } },
  { name: 'expired token', token: () => sign(STAFF.outsider, '1 minute ago'), expected: { status: 401 } },
];

let app: INestApplication;
let dataSource: DataSource;
let routes: { method: string; path: string }[] = [];
const reference = `HPFT-2096-${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
let itemId: string;
let requestCount = 0;

async function call(method: string, path: string, token: string | undefined): Promise<Call> {
  const requestId = `ntkc-${suffix}-${++requestCount}`;
  const url = path.replace('{reference}', reference).replace('{id}', itemId);
  const server = request(app.getHttpServer());
  let pending = (method === 'GET' ? server.get(url) : server.post(url)).set('X-Request-Id', requestId);
  if (token) pending = pending.set('Authorization', `Bearer ${token}`);
  const response = await (method === 'GET' ? pending : pending.send({}));
  const entry = await dataSource.getRepository(AccessLogEntry).findOneBy({ requestId });
  return { status: response.status, ...(entry ? { logged: entry.outcome, action: entry.action } : {}) };
}

beforeAll(async () => {
  app = (
    await Test.createTestingModule({ imports: [AppModule.forConfig(config)] }).compile()
  ).createNestApplication({ bufferLogs: true });
  configureApp(app, SERVICE_DESCRIPTION);
  await app.init();
  dataSource = app.get(DATA_SOURCE);
  await seedDemoData(dataSource);
  await dataSource.getRepository(StaffUser).insert(
    Object.values(STAFF).map((staff) => ({
      ...staff,
      displayName: `Access matrix ${staff.id}`,
      email: `${staff.id}@ntk.test`,
    })),
  );
  const complaint = await dataSource.getRepository(Complaint).save({
    reference,
    organisationCode: 'HPFT',
    kind: 'complaint',
    channel: 'web-form',
    receivedOn: '2096-03-02',
    profileId: 'hpft',
    profileVersion: 1,
    replyChannels: ['email'],
    stage: 'early-resolution',
    createdBy: 'access-matrix-test',
    parties: [
      { role: 'complainant', name: 'Alex Example', email: 'alex@example.test', relationship: 'patient' },
    ],
    issues: [{ position: 1, description: 'Nobody called me back' }],
  });
  // As allocation records them: the handler on the case team, the staff involved kept out.
  await dataSource.getRepository(CaseTeamMember).insert([
    {
      complaintId: complaint.id,
      staffId: STAFF.teamHandler.id,
      role: 'handler',
      namedIn: 'allocation:test',
      namedBy: 'hpft-complaints-manager',
    },
    {
      complaintId: complaint.id,
      staffId: STAFF.involved.id,
      role: 'involved',
      namedIn: 'allocation:test',
      namedBy: 'hpft-complaints-manager',
    },
  ]);
  const item = await dataSource.getRepository(Correspondence).save({
    complaintReference: reference,
    idempotencyKey: `${reference}:ack:email`,
    template: 'acknowledgement',
    templateVersion: 1,
    channel: 'email',
    audience: 'complainant',
    recipient: 'alex@example.test',
    subject: 'Your complaint',
    html: '<p>Dear Alex</p>',
    text: 'Dear Alex',
    status: 'sent',
    messageId: `<${suffix}@test>`,
    attempts: 1,
    sentAt: new Date(),
  });
  itemId = item.id;
  const document = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body as {
    paths: Record<string, Record<string, unknown>>;
  };
  routes = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => ({ method: method.toUpperCase(), path })),
  );
}, 60_000);
afterAll(async () => app?.close());

it('has an access rule for every route of the service, and none for a route that is gone', () => {
  const keys = routes.map(({ method, path }) => `${method} ${path}`);
  expect(keys.filter((key) => !(key in RULES) && key !== 'GET /health')).toEqual([]);
  expect(Object.keys(RULES).filter((key) => !keys.includes(key))).toEqual([]);
});

it("opens a complaint's letters, PDFs, pack and previews for its case team only, each access logged", async () => {
  const judged: string[] = [];
  const teamToken = await sign(STAFF.teamHandler);
  for (const { method, path } of routes) {
    const rule = RULES[`${method} ${path}`];
    if (rule?.touches !== 'complaint') continue;
    const team = await call(method, path, teamToken);
    if ([401, 403].includes(team.status) || team.logged !== 'allowed' || team.action !== rule.action)
      judged.push(
        `${method} ${path}: case team got ${team.status} ${team.logged ?? 'not logged'} ${team.action}`,
      );
    for (const identity of IDENTITIES) {
      const got = await call(method, path, await identity.token());
      if (got.status !== identity.expected.status || got.logged !== identity.expected.logged)
        judged.push(
          `${method} ${path} as ${identity.name}: expected ${identity.expected.status} ${identity.expected.logged ?? ''}, got ${got.status} ${got.logged ?? ''}`,
        );
    }
  }
  expect(judged).toEqual([]);
});

it('logs a letter the caller may not know of as refused, without a reference, and answers 404', async () => {
  const requestId = `ntkc-${suffix}-unknown`;
  await request(app.getHttpServer())
    .get(`/correspondence/${randomUUID()}`)
    .set('Authorization', `Bearer ${await sign(STAFF.teamHandler)}`)
    .set('X-Request-Id', requestId)
    .expect(404);
  expect(await dataSource.getRepository(AccessLogEntry).findOneByOrFail({ requestId })).toEqual(
    expect.objectContaining({ outcome: 'refused', complaintReference: null, staffId: STAFF.teamHandler.id }),
  );
});
