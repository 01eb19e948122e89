// R-INT-8 need-to-know, as a matrix generated from the API's own route table (its OpenAPI document): every
// route that touches a complaint, called by each kind of caller, must give that caller's expected answer, and
// the door's decision must be in the access log. A route missing from RULES fails the first test, so a new
// route cannot ship without an access rule.
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AccessLogEntry, StaffUser } from '@complaints/db';
import type { StaffRole } from '@complaints/domain';
import { signStaffToken, type StaffPrincipal } from '@complaints/service-kit';
import { as, complaintBody, config, eventually, tokenFor, useApi } from './api-harness';

const { api, workers } = useApi({ timeoutMs: 240_000 });

/** How a route touches a complaint: by its `{reference}`, or not at all (and why not). */
type Rule = { touches: 'complaint' } | { touches: 'no complaint'; why: string };
const complaintRoute: Rule = { touches: 'complaint' };
const RULES: Record<string, Rule> = {
  'POST /complaints': { touches: 'no complaint', why: 'intake: the complaint does not exist yet' },
  'GET /complaints': { touches: 'no complaint', why: 'the worklist, filtered by the policy (tested below)' },
  'GET /reports/monitoring': { touches: 'no complaint', why: 'counts only (R-MON-1), no complaint opened' },
  'GET /reports/experience-survey': {
    touches: 'no complaint',
    why: 'counts of answers kept apart from the case (ADR 0023), no complaint opened',
  },
  'GET /reports/targets': {
    touches: 'no complaint',
    why: 'counts, and references of missed cases for complaints managers, recorded as a search (monitoring-targets.e2e)',
  },
  'GET /reports/quarterly-reviews/{quarter}': {
    touches: 'no complaint',
    why: 'counts only (R-MON-3), no complaint opened',
  },
  'POST /reports/quarterly-reviews/{quarter}/record': {
    touches: 'no complaint',
    why: "a senior manager's decisions about a quarter, no complaint opened",
  },
  'GET /reports/annual-trend-reviews/{year}': {
    touches: 'no complaint',
    why: 'counts only (R-MON-3), no complaint opened',
  },
  'POST /reports/annual-trend-reviews/{year}/record': {
    touches: 'no complaint',
    why: "a senior manager's decisions about a year, no complaint opened",
  },
  'GET /reports/ko41a/{year}': {
    touches: 'no complaint',
    why: 'the national return: counts only (ADR 0029)',
  },
  'GET /reports/ko41a/{year}/csv': {
    touches: 'no complaint',
    why: 'the national return: counts only (ADR 0029)',
  },
  'GET /reports/annual/{year}': {
    touches: 'no complaint',
    why: 'the regulation-18 report: counts and approved public wordings only (ADR 0031)',
  },
  'GET /reports/annual/{year}/csv': {
    touches: 'no complaint',
    why: "the annual report's figures (ADR 0031)",
  },
  'GET /reports/annual/{year}/pdf': { touches: 'no complaint', why: 'the annual report as a PDF (ADR 0031)' },
  'POST /reports/annual/{year}/draft': {
    touches: 'no complaint',
    why: "the report's narrative, no complaint",
  },
  'PUT /reports/annual/{year}/narrative': {
    touches: 'no complaint',
    why: "the report's narrative, no complaint",
  },
  'POST /reports/annual/{year}/approval': {
    touches: 'no complaint',
    why: 'approves a report, opens no complaint',
  },
  'POST /reports/annual/{year}/publication': {
    touches: 'no complaint',
    why: 'publishes a report, opens no complaint',
  },
  'GET /reports/you-said-we-did/{period}': {
    touches: 'no complaint',
    why: 'counts and approved public wordings only, nothing of a case (R-MON-4)',
  },
  'POST /reports/theme-rules': { touches: 'no complaint', why: 'a rule about an organisation (R-MON-3)' },
  'GET /reports/theme-rules': { touches: 'no complaint', why: 'rules about an organisation (R-MON-3)' },
  'POST /reports/theme-rules/{id}/retirement': {
    touches: 'no complaint',
    why: 'a rule about an organisation',
  },
  'GET /reports/theme-alerts': {
    touches: 'no complaint',
    why: 'alerts; references for complaints managers only, recorded as a search (theme-alerts.e2e)',
  },
  'POST /reports/theme-alerts/{id}/closure': {
    touches: 'no complaint',
    why: 'closes an alert, opens no complaint',
  },
  'GET /sign-off-delegations': {
    touches: 'no complaint',
    why: "the organisation's delegations of sign-off (R-RESP-2, final-response.e2e)",
  },
  'POST /sign-off-delegations': {
    touches: 'no complaint',
    why: 'records a delegation, opens no complaint (R-RESP-2)',
  },
  'POST /sign-off-delegations/{id}/end': {
    touches: 'no complaint',
    why: 'ends a delegation, opens no complaint (R-RESP-2)',
  },
  'GET /organisation/titles': {
    touches: 'no complaint',
    why: "the organisation's titles for the procedure's roles and its staff (ADR 0034, titles.e2e)",
  },
  'PUT /organisation/titles/roles/{role}': {
    touches: 'no complaint',
    why: "sets the organisation's title for a role, opens no complaint (titles.e2e)",
  },
  'PUT /organisation/titles/staff/{staffId}': {
    touches: 'no complaint',
    why: "sets a member of staff's job title, opens no complaint (titles.e2e)",
  },
  'POST /contact-limits/{id}/approval': {
    touches: 'no complaint',
    why: 'a decision about a person: its complaint is opened through CaseFileAccess (contact-limits.e2e)',
  },
  'POST /contact-limits/{id}/review': {
    touches: 'no complaint',
    why: 'a decision about a person: its complaint is opened through CaseFileAccess (contact-limits.e2e)',
  },
  'GET /complaints/{reference}': complaintRoute,
  'GET /complaints/{reference}/deadlines': complaintRoute,
  'POST /complaints/{reference}/withdrawal': complaintRoute,
  'POST /complaints/{reference}/acknowledgement': complaintRoute,
  'POST /complaints/{reference}/quick-resolution': complaintRoute,
  'POST /complaints/{reference}/pals-enquiry/escalation': complaintRoute,
  'POST /complaints/{reference}/early-resolution/extension': complaintRoute,
  'POST /complaints/{reference}/early-resolution/resolution': complaintRoute,
  'POST /complaints/{reference}/closer-look': complaintRoute,
  'POST /complaints/{reference}/scope-decision': complaintRoute,
  'POST /complaints/{reference}/time-limit-decision': complaintRoute,
  'POST /complaints/{reference}/consent/request': complaintRoute,
  'POST /complaints/{reference}/consent': complaintRoute,
  'POST /complaints/{reference}/representative-decision': complaintRoute,
  'POST /complaints/{reference}/allocation': complaintRoute,
  'POST /complaints/{reference}/plan': complaintRoute,
  'GET /complaints/{reference}/plan': complaintRoute,
  'POST /complaints/{reference}/clinical-view': complaintRoute,
  'POST /complaints/{reference}/timescale': complaintRoute,
  'POST /complaints/{reference}/clock/pause': complaintRoute,
  'POST /complaints/{reference}/other-procedures': complaintRoute,
  'POST /complaints/{reference}/clock/resume': complaintRoute,
  'POST /complaints/{reference}/final-response/extension': complaintRoute,
  'POST /complaints/{reference}/six-month-letter/approval': complaintRoute,
  'POST /complaints/{reference}/final-response/drafts': complaintRoute,
  'GET /complaints/{reference}/final-response/drafts/latest': complaintRoute,
  'GET /complaints/{reference}/final-response/drafts/{version}': complaintRoute,
  'POST /complaints/{reference}/final-response/outcome-sharing': complaintRoute,
  'POST /complaints/{reference}/final-response/submission': complaintRoute,
  'POST /complaints/{reference}/final-response/approval': complaintRoute,
  'POST /complaints/{reference}/final-response/return': complaintRoute,
  'POST /complaints/{reference}/actions/{actionId}/completion': complaintRoute,
  'POST /complaints/{reference}/actions/{actionId}/cancellation': complaintRoute,
  'POST /complaints/{reference}/actions/{actionId}/public-wording': complaintRoute,
  'POST /complaints/{reference}/learning': complaintRoute,
  'POST /complaints/{reference}/learning-review': complaintRoute,
  'GET /complaints/{reference}/ombudsman-referrals': complaintRoute,
  'POST /complaints/{reference}/ombudsman-referrals': complaintRoute,
  'POST /complaints/{reference}/ombudsman-referrals/{referralId}/decision': complaintRoute,
  'POST /complaints/{reference}/reopening': complaintRoute,
  'POST /complaints/{reference}/stage-two-review': complaintRoute,
  'PUT /complaints/{reference}/issues/{issueId}/coding': complaintRoute,
  'PUT /complaints/{reference}/complexity': complaintRoute,
  'PUT /complaints/{reference}/equality-monitoring': complaintRoute,
  'POST /complaints/{reference}/contact-limits': complaintRoute,
  'GET /complaints/{reference}/joint-response': complaintRoute,
  'POST /complaints/{reference}/joint-response/timescale': complaintRoute,
  'POST /complaints/{reference}/joint-response/coordination': complaintRoute,
  'POST /complaints/{reference}/joint-response/conflicts': complaintRoute,
  'POST /complaints/{reference}/joint-response/conflicts/{conflictId}/resolution': complaintRoute,
  'POST /complaints/{reference}/joint-response/partial-response': complaintRoute,
  'POST /complaints/{reference}/joint-response/review': complaintRoute,
  'POST /complaints/{reference}/joint-response/disagreements/{disagreementId}/outcome': complaintRoute,
  'POST /complaints/{reference}/joint-response/learning': complaintRoute,
  'GET /complaints/{reference}/access-log': complaintRoute,
  'POST /complaints/{reference}/access-grants': complaintRoute,
  'POST /complaints/{reference}/access-grants/{grantId}/revocation': complaintRoute,
  'GET /complaints/{reference}/progress-links': complaintRoute,
  'POST /complaints/{reference}/progress-links': complaintRoute,
  'POST /complaints/{reference}/progress-links/{linkId}/revocation': complaintRoute,
  'POST /complaints/{reference}/disposal/approval': complaintRoute,
  'GET /complaints/{reference}/disposal': complaintRoute,
  'GET /complaints/{reference}/legal-holds': complaintRoute,
  'POST /complaints/{reference}/legal-holds': complaintRoute,
  'POST /complaints/{reference}/legal-holds/lifting': complaintRoute,
  'POST /complaints/{reference}/joint-case': complaintRoute,
  'GET /complaints/{reference}/joint-case': complaintRoute,
  'PUT /complaints/{reference}/joint-case/partners/{partnerCode}/consent': complaintRoute,
  'POST /complaints/{reference}/joint-case/partners/{partnerCode}/copy': complaintRoute,
  'GET /disposals/due': {
    touches: 'no complaint',
    why: "complaints managers' list of references due for disposal (ADR 0013), no case file opened",
  },
  'POST /subject-access/exports': {
    touches: 'no complaint',
    why: 'complaints managers only; the search and each case file exported are in the access log',
  },
  'POST /subject-access/exports/pdf': {
    touches: 'no complaint',
    why: 'complaints managers only; the search and each case file exported are in the access log',
  },
};

const suffix = randomUUID().slice(0, 8);
/** Everyone but a complaints manager holds the same roles, so the roles guard treats them alike. */
const NON_MANAGER_ROLES: StaffRole[] = ['handler', 'complaint-lead', 'senior-manager', 'responsible-person'];
const STAFF = {
  teamHandler: { id: `hpft-ntk-handler-${suffix}`, organisationCode: 'HPFT', roles: NON_MANAGER_ROLES },
  outsider: { id: `hpft-ntk-outsider-${suffix}`, organisationCode: 'HPFT', roles: NON_MANAGER_ROLES },
  grantee: { id: `hpft-ntk-grantee-${suffix}`, organisationCode: 'HPFT', roles: ['handler'] as StaffRole[] },
  involved: {
    id: `hpft-ntk-involved-${suffix}`,
    organisationCode: 'HPFT',
    roles: ['complaints-manager', ...NON_MANAGER_ROLES] as StaffRole[],
  },
  // Left the organisation: a complaints manager's roles, but no longer active.
  disabled: {
    id: `hpft-ntk-disabled-${suffix}`,
    organisationCode: 'HPFT',
    roles: ['complaints-manager', ...NON_MANAGER_ROLES] as StaffRole[],
  },
  otherOrganisation: {
    id: `nct-ntk-manager-${suffix}`,
    organisationCode: 'NCT',
    roles: ['complaints-manager', ...NON_MANAGER_ROLES] as StaffRole[],
  },
} satisfies Record<string, StaffPrincipal>;

const sign = (principal: StaffPrincipal, expiresIn?: string) =>
  signStaffToken(principal, { secret: config.AUTH_JWT_SECRET!, issuer: config.AUTH_JWT_ISSUER }, expiresIn);

interface Call {
  status: number;
  /** The door's decision for this request, from the access log; undefined when it never reached the door. */
  logged?: 'allowed' | 'refused';
}
/** Expected for one caller on one route, given what the case team's own member got there. */
interface Identity {
  name: string;
  token: () => Promise<string | undefined>;
  expected: (teamCall: Call) => Call;
}

let reference: string;
let issueId: string;
let managerToken: string;
let teamToken: string;
let dataSource: DataSource;
let requestCount = 0;

const refused: Call = { status: 404, logged: 'refused' };
const IDENTITIES: Identity[] = [
  // Same roles as the team's handler, so the roles guard answers alike; only the door tells them apart.
  {
    name: 'same organisation, not on the case team',
    token: () => sign(STAFF.outsider),
    expected: (team) => (team.status === 403 ? { status: 403 } : refused),
  },
  {
    name: 'named as involved in the events (a complaints manager, too)',
    token: () => sign(STAFF.involved),
    expected: () => refused,
  },
  { name: 'another organisation', token: () => sign(STAFF.otherOrganisation), expected: () => refused },
  // Identity rows: the token itself is refused before the door (a development key in production is refused
  // by the verifier production uses, service-kit's oidc.test.ts and joint-protocol's start-refusal.test.ts).
  {
    name: 'a disabled member of staff',
    token: () => sign(STAFF.disabled),
    expected: () => ({ status: 401 }),
  },
  {
    name: 'a token signed with another key',
    token: () =>
      signStaffToken(STAFF.teamHandler, {
        secret: randomUUID() + randomUUID(),
        issuer: config.AUTH_JWT_ISSUER,
      }),
    expected: () => ({ status: 401 }),
  },
  { name: 'no token', token: async () => undefined, expected: () => ({ status: 401 }) },
  {
    name: 'expired token',
    token: () => sign(STAFF.outsider, '1 minute ago'),
    expected: () => ({ status: 401 }),
  },
];

async function call(method: string, path: string, token: string | undefined): Promise<Call> {
  const requestId = `ntk-${suffix}-${++requestCount}`;
  const url = path
    .replace('{reference}', reference)
    .replace('{issueId}', issueId)
    .replace('{version}', '1')
    .replace('{actionId}', 'action-1')
    .replace('{grantId}', randomUUID())
    .replace('{referralId}', randomUUID())
    .replace('{linkId}', randomUUID())
    .replace('{partnerCode}', 'HCCACS');
  const server = api();
  let pending = (
    method === 'GET' ? server.get(url) : method === 'PUT' ? server.put(url) : server.post(url)
  ).set('X-Request-Id', requestId);
  if (token) pending = pending.set(as(token));
  const response = await (method === 'GET' ? pending : pending.send({}));
  const entry = await dataSource.getRepository(AccessLogEntry).findOneBy({ requestId });
  return { status: response.status, ...(entry ? { logged: entry.outcome } : {}) };
}

let routes: { method: string; path: string }[] = [];

beforeAll(async () => {
  dataSource = workers().dataSource;
  await dataSource.getRepository(StaffUser).insert(
    Object.values(STAFF).map((staff) => ({
      ...staff,
      displayName: `Access matrix ${staff.id}`,
      email: `${staff.id}@ntk.test`,
      active: staff !== STAFF.disabled,
    })),
  );
  const document = (await api().get('/docs-json').expect(200)).body as {
    paths: Record<string, Record<string, unknown>>;
  };
  routes = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => ({ method: method.toUpperCase(), path })),
  );

  managerToken = await tokenFor('complaints-manager@hpft.demo');
  teamToken = await sign(STAFF.teamHandler);
  const created = await api().post('/complaints').set(as(managerToken)).send(complaintBody()).expect(201);
  reference = created.body.reference;
  await api()
    .post(`/complaints/${reference}/acknowledgement`)
    .set(as(managerToken))
    .send({ method: 'written' })
    .expect(200);
  const detail = await eventually(
    () =>
      api()
        .get(`/complaints/${reference}`)
        .set(as(managerToken))
        .then((r) => r.body),
    (body) => body.stage === 'early-resolution',
  );
  issueId = detail.issues[0].id;
  await api()
    .post(`/complaints/${reference}/allocation`)
    .set(as(managerToken))
    .send({ handlerId: STAFF.teamHandler.id, involvedStaffIds: [STAFF.involved.id] })
    .expect(200);
});

it('has an access rule for every route of the API, and none for a route that is gone', () => {
  const keys = routes.map(({ method, path }) => `${method} ${path}`);
  expect(keys.filter((key) => !(key in RULES) && key !== 'GET /health')).toEqual([]);
  expect(Object.keys(RULES).filter((key) => !keys.includes(key))).toEqual([]);
});

it('opens a complaint for its case team only: everyone else gets 404, and every decision is logged', async () => {
  const judged: string[] = [];
  const touching = routes.filter(({ method, path }) => RULES[`${method} ${path}`]?.touches === 'complaint');
  expect(touching.length).toBeGreaterThanOrEqual(40);
  for (const { method, path } of touching) {
    // The team's handler, or for a complaints manager's route the complaints manager. Their commands may move
    // the complaint on (a withdrawal closes it); that changes no one's access.
    const teamProbe = await call(method, path, teamToken);
    const team = teamProbe.status === 403 ? await call(method, path, managerToken) : teamProbe;
    if ([401, 403].includes(team.status) || team.logged !== 'allowed')
      judged.push(`${method} ${path}: case team got ${team.status} (${team.logged ?? 'not logged'})`);
    for (const identity of IDENTITIES) {
      const expected = identity.expected(teamProbe);
      const got = await call(method, path, await identity.token());
      if (got.status !== expected.status || got.logged !== expected.logged)
        judged.push(
          `${method} ${path} as ${identity.name}: expected ${expected.status} ${expected.logged ?? ''}, got ${got.status} ${got.logged ?? ''}`,
        );
    }
  }
  expect(judged).toEqual([]);
});

it('lists in the worklist only what the member of staff may open, and logs the search with its references', async () => {
  const worklist = async (principal: StaffPrincipal | 'manager') => {
    const requestId = `ntk-${suffix}-${++requestCount}`;
    const token = principal === 'manager' ? managerToken : await sign(principal);
    const response = await api()
      .get('/complaints?pageSize=100')
      .set(as(token))
      .set('X-Request-Id', requestId)
      .expect(200);
    const entry = await dataSource.getRepository(AccessLogEntry).findOneByOrFail({ requestId });
    const listed = (response.body.items as { reference: string }[]).map((item) => item.reference);
    expect(entry).toEqual(expect.objectContaining({ action: 'search', complaintReference: null }));
    expect(entry.references).toEqual(listed);
    return listed;
  };
  expect(await worklist(STAFF.teamHandler)).toContain(reference);
  expect(await worklist('manager')).toContain(reference);
  expect(await worklist(STAFF.outsider)).not.toContain(reference);
  // A complaints manager too, once named as involved in the events.
  expect(await worklist(STAFF.involved)).not.toContain(reference);
});

it('break-glass: a complaints manager grants access with a reason; it is logged, expires and can be revoked', async () => {
  const grantee = await sign(STAFF.grantee);
  const open = () => api().get(`/complaints/${reference}`).set(as(grantee));
  await open().expect(404);
  const reason = 'Legal services reviewing the case for a claim notified today';
  const grant = (staffId: string, expiresAt: Date, token = managerToken) =>
    api()
      .post(`/complaints/${reference}/access-grants`)
      .set(as(token))
      .send({ staffId, reason, expiresAt: expiresAt.toISOString() });

  const tooLong = await grant(STAFF.grantee.id, new Date(Date.now() + 8 * 86_400_000)).expect(422);
  expect(tooLong.body.errors).toEqual([{ field: 'expiresAt', reason: expect.stringContaining('7 days') }]);
  const involved = await grant(STAFF.involved.id, new Date(Date.now() + 3_600_000)).expect(409);
  expect(involved.body.rule).toBe('R-INT-8');
  await grant(STAFF.grantee.id, new Date(Date.now() + 3_600_000), teamToken).expect(403);

  const short = await grant(STAFF.grantee.id, new Date(Date.now() + 5_000)).expect(201);
  await open().expect(200);
  const log = await api()
    .get(`/complaints/${reference}/access-log?pageSize=200`)
    .set(as(managerToken))
    .expect(200);
  expect(log.body.items).toContainEqual(
    expect.objectContaining({
      staffId: STAFF.grantee.id,
      action: 'view',
      resource: 'GET /complaints/:reference',
      outcome: 'allowed',
      basis: 'break-glass',
      purpose: expect.stringContaining(reason),
    }),
  );
  await new Promise((resolve) =>
    setTimeout(resolve, Math.max(0, new Date(short.body.expiresAt).getTime() - Date.now() + 250)),
  );
  await open().expect(404);

  const long = await grant(STAFF.grantee.id, new Date(Date.now() + 3_600_000)).expect(201);
  await open().expect(200);
  const revoked = await api()
    .post(`/complaints/${reference}/access-grants/${long.body.id}/revocation`)
    .set(as(managerToken))
    .expect(200);
  expect(revoked.body).toEqual(expect.objectContaining({ revokedBy: 'hpft-complaints-manager' }));
  await open().expect(404);
});

it('the access log is for complaints managers, paged, and refuses bad paging as problem details', async () => {
  await api().get(`/complaints/${reference}/access-log`).set(as(teamToken)).expect(403);
  const bad = await api().get(`/complaints/${reference}/access-log?page=0`).set(as(managerToken)).expect(400);
  expect(bad.headers['content-type']).toContain('application/problem+json');
  expect(JSON.stringify(bad.body)).toContain('page');
  const first = await api()
    .get(`/complaints/${reference}/access-log?pageSize=2`)
    .set(as(managerToken))
    .expect(200);
  expect(first.body.items).toHaveLength(2);
  expect(first.body.total).toBeGreaterThan(100);
  const second = await api()
    .get(`/complaints/${reference}/access-log?pageSize=2&page=2`)
    .set(as(managerToken))
    .expect(200);
  expect(second.body.items[0].at <= first.body.items[1].at).toBe(true);
});

it('keeps the access log append-only: the database refuses to change or delete an entry', async () => {
  await expect(
    dataSource.query(`UPDATE access_log_entry SET outcome = 'allowed' WHERE complaint_reference = $1`, [
      reference,
    ]),
  ).rejects.toThrow('append-only');
  await expect(
    dataSource.query('DELETE FROM access_log_entry WHERE complaint_reference = $1', [reference]),
  ).rejects.toThrow('append-only');
});
