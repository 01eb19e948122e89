// The need-to-know policy (ADR 0011) against the real test Postgres, one basis at a time, in a transaction that
// is rolled back so the shared database keeps nothing. The HTTP matrix tests cover the doors; this covers the
// order of the rules and the case team's writes.
import { randomInt } from 'node:crypto';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import {
  AccessGrant,
  accessBasisSql,
  Complaint,
  createDataSource,
  nameToCaseTeam,
  replaceInCaseTeam,
  seedDemoData,
  undoCaseTeamStep,
  type StaffIdentity,
} from '../index';

let dataSource: DataSource;
let runner: QueryRunner;

beforeAll(async () => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the tests with the README test command');
  dataSource = await createDataSource(url, {
    poolSize: 2,
    applicationName: 'db-need-to-know-test',
  }).initialize();
  await seedDemoData(dataSource);
});
afterAll(async () => dataSource?.destroy());
beforeEach(async () => {
  runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
});
afterEach(async () => {
  await runner.rollbackTransaction();
  await runner.release();
});

const staff = (id: string, roles: string[], organisationCode = 'HPFT'): StaffIdentity => ({
  id,
  organisationCode,
  roles,
});

async function complaint(manager: EntityManager, fields: Partial<Complaint> = {}): Promise<Complaint> {
  return manager.getRepository(Complaint).save({
    reference: `HPFT-2095-${String(randomInt(0, 1_000_000)).padStart(6, '0')}`,
    organisationCode: 'HPFT',
    kind: 'complaint',
    channel: 'web-form',
    receivedOn: '2095-03-02',
    profileId: 'hpft',
    profileVersion: 1,
    stage: 'closer-look',
    createdBy: 'hpft-intake-handler',
    ...fields,
  });
}

async function basis(manager: EntityManager, of: Complaint, who: StaffIdentity): Promise<string | null> {
  const policy = accessBasisSql('complaint', who);
  const row = await manager
    .createQueryBuilder()
    .select(policy.sql, 'basis')
    .from(Complaint, 'complaint')
    .where('complaint.id = :id', { id: of.id })
    .setParameters(policy.parameters)
    .getRawOne<{ basis: string | null }>();
  return row!.basis;
}

const step = (of: Complaint, namedIn: string) => ({
  complaintId: of.id,
  namedIn,
  namedBy: 'hpft-complaints-manager',
});

it('lets in the complaints managers and whoever took it in, until a handler is allocated; never another organisation', async () => {
  const m = runner.manager;
  const c = await complaint(m);
  expect(await basis(m, c, staff('hpft-complaints-manager', ['complaints-manager']))).toBe(
    'complaints-manager',
  );
  expect(await basis(m, c, staff('nct-complaints-manager', ['complaints-manager'], 'NCT'))).toBeNull();
  expect(await basis(m, c, staff('hpft-intake-handler', ['handler']))).toBe('taken-in');
  expect(await basis(m, c, staff('hpft-other-handler', ['handler']))).toBeNull();
  await replaceInCaseTeam(m, step(c, 'allocation:1'), 'handler', ['hpft-other-handler']);
  expect(await basis(m, c, staff('hpft-intake-handler', ['handler']))).toBeNull();
  expect(await basis(m, c, staff('hpft-other-handler', ['handler']))).toBe('case-team:handler');
});

it('keeps out staff named as involved, whatever their roles, grants or membership', async () => {
  const m = runner.manager;
  const c = await complaint(m);
  const involved = staff('hpft-involved', ['complaints-manager', 'handler']);
  await nameToCaseTeam(m, step(c, 'plan:1'), 'contributor', [involved.id]);
  expect(await basis(m, c, involved)).toBe('complaints-manager');
  await replaceInCaseTeam(m, step(c, 'allocation:1'), 'involved', [involved.id]);
  await m.getRepository(AccessGrant).insert({
    complaintId: c.id,
    staffId: involved.id,
    reason: 'should never count',
    grantedBy: 'hpft-complaints-manager',
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  expect(await basis(m, c, involved)).toBeNull();
  // Dropped from the staff involved by a later allocation, they are back on the footing of their roles.
  await replaceInCaseTeam(m, step(c, 'allocation:2'), 'involved', []);
  expect(await basis(m, c, involved)).toBe('complaints-manager');
});

it('undoes a refused step: who it named go, and who it ended come back', async () => {
  const m = runner.manager;
  const c = await complaint(m);
  const first = staff('hpft-first-handler', ['handler']);
  const second = staff('hpft-second-handler', ['handler']);
  await replaceInCaseTeam(m, step(c, 'allocation:1'), 'handler', [first.id]);
  await replaceInCaseTeam(m, step(c, 'allocation:2'), 'handler', [second.id]);
  await replaceInCaseTeam(m, step(c, 'allocation:2'), 'involved', [first.id]);
  expect(await basis(m, c, first)).toBeNull();
  expect(await basis(m, c, second)).toBe('case-team:handler');
  await undoCaseTeamStep(m, step(c, 'allocation:2'));
  expect(await basis(m, c, first)).toBe('case-team:handler');
  expect(await basis(m, c, second)).toBeNull();
});

it("lets in approvers only while the response awaits sign-off, and by the profile's chain (R-RESP-2)", async () => {
  const m = runner.manager;
  const hpft = await complaint(m, { stage: 'awaiting-sign-off' });
  const cwth = await complaint(m, {
    stage: 'awaiting-sign-off',
    profileId: 'cwth',
    organisationCode: 'HPFT',
  });
  const chief = staff('hpft-chief', ['responsible-person']);
  const director = staff('hpft-director', ['senior-manager']);
  expect(await basis(m, hpft, chief)).toBe('sign-off');
  // HPFT's chain has no senior manager's step; the other profiles' sign-off has one.
  expect(await basis(m, hpft, director)).toBeNull();
  expect(await basis(m, cwth, director)).toBe('sign-off');
  const closerLook = await complaint(m);
  expect(await basis(m, closerLook, chief)).toBeNull();
});

it("R-RESP-2: lets in the Responsible Person's current delegate while the response awaits sign-off, not once it is ended", async () => {
  const m = runner.manager;
  const hpft = await complaint(m, { stage: 'awaiting-sign-off' });
  const deputy = staff('hpft-senior-manager', ['senior-manager']);
  expect(await basis(m, hpft, deputy)).toBeNull();
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  const [{ id }] = await m.query(
    `INSERT INTO sign_off_delegation
       (organisation_code, delegated_by, delegate_id, function, starts_on, ends_on, recorded_by)
     VALUES ('HPFT', 'hpft-responsible-person', 'hpft-senior-manager', 'final-response-sign-off', $1, $1,
       'hpft-responsible-person') RETURNING id`,
    [today],
  );
  expect(await basis(m, hpft, deputy)).toBe('sign-off');
  expect(await basis(m, await complaint(m), deputy)).toBeNull();
  await m.query(
    `UPDATE sign_off_delegation SET ended_at = now(), ended_by = 'hpft-responsible-person' WHERE id = $1`,
    [id],
  );
  expect(await basis(m, hpft, deputy)).toBeNull();
});

it('lets in the Responsible Person and senior managers while under six-month oversight (R-INV-7)', async () => {
  const m = runner.manager;
  const c = await complaint(m, { underOversight: true });
  expect(await basis(m, c, staff('hpft-director', ['senior-manager']))).toBe('oversight');
  expect(await basis(m, c, staff('hpft-lead', ['complaint-lead']))).toBeNull();
});

it('honours a break-glass grant until it expires or is revoked', async () => {
  const m = runner.manager;
  const c = await complaint(m);
  const lead = staff('hpft-lead', ['complaint-lead']);
  const grants = m.getRepository(AccessGrant);
  const grant = (expiresAt: Date) =>
    grants.save({
      complaintId: c.id,
      staffId: lead.id,
      reason: 'Legal review',
      grantedBy: 'hpft-cm',
      expiresAt,
    });
  await grant(new Date(Date.now() - 1_000));
  expect(await basis(m, c, lead)).toBeNull();
  const current = await grant(new Date(Date.now() + 3_600_000));
  expect(await basis(m, c, lead)).toBe('break-glass');
  await grants.update({ id: current.id }, { revokedAt: new Date(), revokedBy: 'hpft-cm' });
  expect(await basis(m, c, lead)).toBeNull();
});
