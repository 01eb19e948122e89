// R-MON-2 targets with known answers, on the real Postgres: two organisations (the HPFT and PHSO model profiles)
// whose complaints and timelines are written as fixtures, every date worked out by hand on the England and
// Wales calendar of 2026 (Good Friday 3 April, Easter Monday 6 April, bank holidays 4 and 25 May); then the
// report through the API, where only complaints managers get the references that missed, and that is logged.
import type { DataSource } from 'typeorm';
import { seedDemoData } from '@complaints/db';
import { signStaffToken } from '@complaints/service-kit';
import { openTestDataSource, uniqueSuffix } from '@complaints/testing';
import { TargetsReportService } from '../monitoring/targets-report.service';
import { as, config, useApi } from './api-harness';

const { api } = useApi({ workers: false, timeoutMs: 90_000 });

let dataSource: DataSource;
const suffix = uniqueSuffix().slice(-5).toUpperCase();
const hpftLike = `TH${suffix}`;
const phsoLike = `TP${suffix}`;

interface Fixture {
  name: string;
  receivedOn?: string;
  kind?: string;
  complexity?: string | null;
  closed?: boolean;
  joint?: boolean;
  /** [event type, London date, data] in timeline order. */
  events?: [string, string, Record<string, unknown>?][];
}

const sent = (on: string): [string, string] => ['final-response-sent', on];

const HPFT_FIXTURES: Fixture[] = [
  { name: 'on-the-day', events: [sent('2026-05-27')] },
  { name: 'a-day-late', events: [sent('2026-05-28')] },
  {
    name: 'paused-three-days',
    events: [['clock-paused', '2026-04-13'], ['clock-resumed', '2026-04-16'], sent('2026-06-01')],
  },
  {
    name: 'extended-by-agreement',
    events: [
      ['final-response-extended', '2026-05-20', { from: '2026-05-27', to: '2026-06-30' }],
      sent('2026-06-30'),
    ],
  },
  { name: 'still-open' },
  { name: 'resolved-early', closed: true },
  {
    name: 'reopened-late',
    events: [sent('2026-04-20'), ['reopened', '2026-04-22'], sent('2026-07-20')],
  },
  { name: 'feedback', kind: 'feedback' },
  { name: 'received-in-may', receivedOn: '2026-05-01' },
];

const PHSO_FIXTURES: Fixture[] = [
  { name: 'p-quick', complexity: 'straightforward', events: [sent('2026-06-15')] },
  { name: 'p-slow', complexity: 'straightforward', events: [sent('2026-08-10')] },
  { name: 'p-joint', complexity: 'straightforward', joint: true, events: [sent('2026-07-10')] },
  { name: 'p-unassessed', complexity: null, events: [sent('2026-05-01')] },
  { name: 'p-complex-open', complexity: 'complex' },
];

const referenceOf = (organisation: string, name: string) => `${organisation}-${name}`;

async function insertOrganisation(code: string, profile: string) {
  await dataSource.query(
    `INSERT INTO organisation (code, name, profile_id, profile_version) VALUES ($1, $2, $3, 1)`,
    [code, `Targets test ${code}`, profile],
  );
  for (const role of ['complaints-manager', 'senior-manager'])
    await dataSource.query(
      `INSERT INTO staff_user (id, organisation_code, display_name, email, roles) VALUES ($1, $2, $3, $4, $5)`,
      [
        `${code.toLowerCase()}-${role}`,
        code,
        `${role} ${code}`,
        `${role}@${code.toLowerCase()}.test`,
        [role],
      ],
    );
}

async function insertFixture(organisation: string, profile: string, fixture: Fixture) {
  const [{ id }] = await dataSource.query(
    `INSERT INTO complaint (reference, organisation_code, kind, channel, received_on, profile_id, profile_version,
       stage, complexity, closed_at, created_by, workflow_started_at)
     VALUES ($1, $2, $3, 'email', $4, $5, 1, 'closer-look', $6, $7, 'fixture', now()) RETURNING id`,
    [
      referenceOf(organisation, fixture.name),
      organisation,
      fixture.kind ?? 'complaint',
      fixture.receivedOn ?? '2026-04-02',
      profile,
      fixture.complexity === undefined ? 'straightforward' : fixture.complexity,
      fixture.closed ? '2026-04-10T12:00:00Z' : null,
    ],
  );
  for (const [index, [type, on, data]] of (fixture.events ?? []).entries())
    await dataSource.query(
      `INSERT INTO case_event (complaint_id, occurred_at, actor_type, actor_id, type, data, dedupe_key)
       VALUES ($1, $2, 'system', 'fixture', $3, $4, $5)`,
      // Noon London time in summer: the London date is the date given.
      [id, `${on}T11:00:00Z`, type, data ?? {}, `fixture-${id}-${index}`],
    );
  if (fixture.joint)
    await dataSource.query(
      `INSERT INTO joint_case (complaint_id, protocol_code, lead_code, received_by_code, lead_received_on,
         lead_decision, decided_by)
       VALUES ($1, 'hertfordshire', 'HPFT', 'HPFT', '2026-04-02', '{"decisive":["primary-focus"],"reasons":"x"}', 'fixture')`,
      [id],
    );
}

beforeAll(async () => {
  dataSource = await openTestDataSource();
  await seedDemoData(dataSource);
  await insertOrganisation(hpftLike, 'hpft');
  await insertOrganisation(phsoLike, 'phso-model');
  for (const fixture of HPFT_FIXTURES) await insertFixture(hpftLike, 'hpft', fixture);
  for (const fixture of PHSO_FIXTURES) await insertFixture(phsoLike, 'phso-model', fixture);
});

afterAll(async () => {
  await dataSource?.destroy();
});

const managerOf = (organisation: string) => ({
  id: `${organisation.toLowerCase()}-complaints-manager`,
  organisationCode: organisation,
  roles: ['complaints-manager' as const],
});
const access = { staff: managerOf(hpftLike), action: 'search' as const, resource: 'GET /reports/targets' };

it('HPFT: 35 working days unless extended by agreement, pauses moved out, reopenings within 60', async () => {
  const report = await new TargetsReportService(dataSource, { threshold: 1 }).report(
    managerOf(hpftLike),
    '2026-04-01',
    '2026-04-30',
    access,
  );
  const [fresh, reopened] = report.targets;
  expect(fresh).toMatchObject({
    caseType: 'new',
    percent: 100,
    met: 4,
    missed: 2,
    pending: 0,
    notAssessed: 0,
    denominator: 6,
    sharePercent: 66.7,
    achieved: false,
    missedCases: [referenceOf(hpftLike, 'a-day-late'), referenceOf(hpftLike, 'still-open')].sort(),
  });
  // Reopened 22 April: the 60th working day after it is 17 July; the response went on the 20th.
  expect(reopened).toMatchObject({
    caseType: 'reopened',
    met: 0,
    missed: 1,
    denominator: 1,
    sharePercent: 0,
    missedCases: [referenceOf(hpftLike, 'reopened-late')],
  });
  // Days from receipt: 18 (reopened's first round), 55, 56, 60, 89.
  expect(report.firstResponses).toEqual({ count: 5, medianDays: 56, ninetiethPercentileDays: 89 });
});

it('PHSO model: complexity decides the target, a joint case is multi-organisation, unassessed ones are shown apart', async () => {
  const report = await new TargetsReportService(dataSource, { threshold: 1 }).report(
    managerOf(phsoLike),
    '2026-04-01',
    '2026-04-30',
    { ...access, staff: managerOf(phsoLike) },
  );
  const byTarget = Object.fromEntries(
    report.targets.map((t) => [`${t.caseType} ${t.percent}%`, [t.met, t.missed, t.pending, t.notAssessed]]),
  );
  expect(byTarget).toEqual({
    'straightforward 95%': [1, 1, 0, 1],
    'straightforward 100%': [2, 0, 0, 1],
    'complex-or-multi-organisation 50%': [0, 2, 0, 1],
    'complex-or-multi-organisation 80%': [1, 1, 0, 1],
  });
  expect(report.targets[3]).toMatchObject({ sharePercent: 50, achieved: false });
  expect(report.targets[1]).toMatchObject({ sharePercent: 100, achieved: true });
});

it('through the API: suppressed counts for everyone, missed references for complaints managers only, logged', async () => {
  const tokenOf = (role: string) =>
    signStaffToken(
      { id: `${hpftLike.toLowerCase()}-${role}` },
      { secret: config.AUTH_JWT_SECRET!, issuer: config.AUTH_JWT_ISSUER },
    );
  const manager = await api()
    .get('/reports/targets?from=2026-04-01&to=2026-04-30')
    .set(as(await tokenOf('complaints-manager')))
    .expect(200);
  // Threshold 5: met 4 and missed 2 are small, so the share cannot be given either.
  expect(manager.body.suppressedBelow).toBe(5);
  expect(manager.body.targets[0]).toMatchObject({
    met: null,
    missed: null,
    denominator: null,
    sharePercent: null,
  });
  expect(manager.body.targets[0].missedCases).toHaveLength(2);
  expect(manager.body.firstResponses).toEqual({ count: 5, medianDays: 56, ninetiethPercentileDays: 89 });

  const [logged] = await dataSource.query(
    `SELECT action, complaint_reference, "references" FROM access_log_entry
      WHERE staff_id = $1 AND resource = 'GET /reports/targets' ORDER BY id DESC LIMIT 1`,
    [`${hpftLike.toLowerCase()}-complaints-manager`],
  );
  expect(logged).toEqual({
    action: 'search',
    complaint_reference: null,
    references: [
      referenceOf(hpftLike, 'a-day-late'),
      referenceOf(hpftLike, 'reopened-late'),
      referenceOf(hpftLike, 'still-open'),
    ].sort(),
  });

  const senior = await api()
    .get('/reports/targets?from=2026-04-01&to=2026-04-30')
    .set(as(await tokenOf('senior-manager')))
    .expect(200);
  expect(senior.body.targets[0]).not.toHaveProperty('missedCases');

  const backwards = await api()
    .get('/reports/targets?from=2026-05-01&to=2026-04-30')
    .set(as(await tokenOf('complaints-manager')))
    .expect(400);
  expect(backwards.body.errors).toEqual([{ field: 'to', reason: 'must not be before from' }]);
});
