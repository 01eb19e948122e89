// R-MON-2 targets with known answers, on the real Postgres: two organisations (the HPFT and PHSO model profiles)
// whose complaints and timelines are written as fixtures, every date worked out by hand on the England and
// Wales calendar of 2026 (Good Friday 3 April, Easter Monday 6 April, bank holidays 4 and 25 May); then the
// report through the API, where only complaints managers get the references that missed, and that is logged.
import type { DataSource } from 'typeorm';
import { seedDemoData } from '@complaints/db';
import { openTestDataSource, uniqueSuffix } from '@complaints/testing';
import { TargetsReportService } from '../monitoring/targets-report.service';
import { as, useApi } from './api-harness';
import {
  insertComplaint,
  insertOrganisation,
  referenceOf,
  staffIdOf,
  tokenOf,
  type ComplaintFixture,
} from './report-fixtures';

const { api } = useApi({ workers: false, timeoutMs: 90_000 });

let dataSource: DataSource;
const suffix = uniqueSuffix().slice(-5).toUpperCase();
const hpftLike = `TH${suffix}`;
const phsoLike = `TP${suffix}`;

type Fixture = Omit<ComplaintFixture, 'receivedOn'> & { receivedOn?: string };

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

beforeAll(async () => {
  dataSource = await openTestDataSource();
  await seedDemoData(dataSource);
  await insertOrganisation(dataSource, hpftLike, 'hpft');
  await insertOrganisation(dataSource, phsoLike, 'phso-model');
  const receivedInApril = (fixture: Fixture) => ({ receivedOn: '2026-04-02', ...fixture });
  for (const fixture of HPFT_FIXTURES)
    await insertComplaint(dataSource, hpftLike, 'hpft', receivedInApril(fixture));
  for (const fixture of PHSO_FIXTURES)
    await insertComplaint(dataSource, phsoLike, 'phso-model', receivedInApril(fixture));
});

afterAll(async () => {
  await dataSource?.destroy();
});

const managerOf = (organisation: string) => ({
  id: staffIdOf(organisation, 'complaints-manager'),
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
  const manager = await api()
    .get('/reports/targets?from=2026-04-01&to=2026-04-30')
    .set(as(await tokenOf(hpftLike, 'complaints-manager')))
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
    [staffIdOf(hpftLike, 'complaints-manager')],
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
    .set(as(await tokenOf(hpftLike, 'senior-manager')))
    .expect(200);
  expect(senior.body.targets[0]).not.toHaveProperty('missedCases');

  const backwards = await api()
    .get('/reports/targets?from=2026-05-01&to=2026-04-30')
    .set(as(await tokenOf(hpftLike, 'complaints-manager')))
    .expect(400);
  expect(backwards.body.errors).toEqual([{ field: 'to', reason: 'must not be before from' }]);
});
