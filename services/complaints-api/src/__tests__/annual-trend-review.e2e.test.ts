// CWTH's annual trend review (R-MON-3; "all complaints are reviewed annually to identify any trends") with known
// answers, on the real Postgres: an organisation on the CWTH profile with complaints in 2025-26 and 2026-27, the
// review of 2026-27 beside the year before, from the quarterly pack's data; then 2025-26's review recorded once.
import type { DataSource } from 'typeorm';
import { seedDemoData } from '@complaints/db';
import { openTestDataSource, uniqueSuffix } from '@complaints/testing';
import { QuarterlyReviewService } from '../monitoring/quarterly-review.service';
import { TargetsReportService } from '../monitoring/targets-report.service';
import { as, useApi } from './api-harness';
import {
  insertComplaint,
  insertOrganisation,
  staffIdOf,
  tokenOf,
  type ComplaintFixture,
} from './report-fixtures';

const { api } = useApi({ workers: false, timeoutMs: 120_000 });

let dataSource: DataSource;
const organisation = `A${uniqueSuffix().slice(-6).toUpperCase()}`;

const FIXTURES: ComplaintFixture[] = [
  // 2025-26: Q1, Q3, Q4.
  {
    name: 'a',
    receivedOn: '2025-05-01',
    stage: 'closed',
    closed: true,
    outcome: 'upheld',
    issues: [['communications', 'community']],
  },
  {
    name: 'b',
    receivedOn: '2025-11-01',
    stage: 'closed',
    closed: true,
    outcome: 'not-upheld',
    issues: [['communications', 'community']],
  },
  { name: 'c', receivedOn: '2026-02-01', issues: [['waiting-times', 'community']] },
  // 2026-27: Q1 (its first day), Q2; feedback is not a complaint.
  {
    name: 'd',
    receivedOn: '2026-04-01',
    stage: 'closed',
    closed: true,
    outcome: 'upheld',
    issues: [['communications', 'community']],
  },
  {
    name: 'e',
    receivedOn: '2026-07-01',
    stage: 'resolved-early',
    closed: true,
    outcome: 'resolved-early',
    issues: [['values-and-behaviours', 'community']],
  },
  {
    name: 'f',
    kind: 'feedback',
    receivedOn: '2026-07-02',
    stage: 'feedback-recorded',
    issues: [['communications', 'community']],
  },
];

beforeAll(async () => {
  dataSource = await openTestDataSource();
  await seedDemoData(dataSource);
  await insertOrganisation(dataSource, organisation, 'cwth');
  for (const fixture of FIXTURES) await insertComplaint(dataSource, organisation, 'cwth', fixture);
});

afterAll(async () => dataSource?.destroy());

const seniorManager = {
  id: staffIdOf(organisation, 'senior-manager'),
  organisationCode: organisation,
  roles: ['senior-manager' as const],
};

const nonZero = (counts: Record<string, number | null>) =>
  Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0));

it('sets the year beside the year before: quarters, subjects, outcomes and themes, every figure known', async () => {
  const control = { threshold: 1 };
  const service = new QuarterlyReviewService(
    dataSource,
    control,
    new TargetsReportService(dataSource, control),
  );
  const review = await service.annualPack(seniorManager, '2026-27', '2027-04-10');
  expect(review).toMatchObject({
    organisation,
    year: '2026-27',
    from: '2026-04-01',
    to: '2027-03-31',
    record: null,
  });
  expect(review.trend.map((quarter) => [quarter.quarter, quarter.received])).toEqual([
    ['2025-26-Q1', 1],
    ['2025-26-Q2', 0],
    ['2025-26-Q3', 1],
    ['2025-26-Q4', 1],
    ['2026-27-Q1', 1],
    ['2026-27-Q2', 1],
    ['2026-27-Q3', 0],
    ['2026-27-Q4', 0],
  ]);
  const [before, year] = review.years;
  expect(before.year).toBe('2025-26');
  expect(before.received).toBe(3);
  expect(nonZero(before.bySubjectArea)).toEqual({ communications: 2, 'waiting-times': 1 });
  expect(nonZero(before.byOutcome)).toEqual({ upheld: 1, 'not-upheld': 1, 'not-recorded': 1 });
  expect(year.year).toBe('2026-27');
  expect(year.received).toBe(2);
  expect(nonZero(year.bySubjectArea)).toEqual({ communications: 1, 'values-and-behaviours': 1 });
  expect(nonZero(year.byOutcome)).toEqual({ upheld: 1, 'resolved-early': 1 });
  expect(review.themes).toEqual([
    { subjectArea: 'communications', serviceArea: 'community', issues: 1 },
    { subjectArea: 'values-and-behaviours', serviceArea: 'community', issues: 1 },
  ]);
});

it('suppresses the small counts through the API, and records a year’s review once, only after it ends', async () => {
  const senior = await tokenOf(organisation, 'senior-manager');
  const { body } = await api().get('/reports/annual-trend-reviews/2026-27').set(as(senior)).expect(200);
  expect(body.years.map((summary: { received: number | null }) => summary.received)).toEqual([null, null]);

  const decision = {
    decisions: 'Communication is the most frequent subject two years running; add it to the induction.',
    actions: [
      {
        description: 'Induction session on replies',
        ownerId: staffIdOf(organisation, 'complaints-manager'),
        due: '2027-06-30',
      },
    ],
  };
  const running = await api()
    .post('/reports/annual-trend-reviews/2099-00/record')
    .set(as(senior))
    .send(decision)
    .expect(400);
  expect(running.body.errors).toEqual([
    { field: 'year', reason: 'must have ended: 2099-00 runs until 2100-03-31' },
  ]);
  const recorded = await api()
    .post('/reports/annual-trend-reviews/2025-26/record')
    .set(as(senior))
    .send(decision)
    .expect(201);
  expect(recorded.body).toMatchObject({ quarter: '2025-26', reviewedBy: seniorManager.id, ...decision });
  const again = await api()
    .post('/reports/annual-trend-reviews/2025-26/record')
    .set(as(senior))
    .send(decision)
    .expect(409);
  expect(again.body).toMatchObject({ title: 'Year already reviewed', rule: 'R-MON-3' });
  const reread = await api().get('/reports/annual-trend-reviews/2025-26').set(as(senior)).expect(200);
  expect(reread.body.record).toMatchObject({ quarter: '2025-26', decisions: decision.decisions });
  await api()
    .post('/reports/annual-trend-reviews/2025-26/record')
    .set(as(await tokenOf(organisation, 'complaints-manager')))
    .send(decision)
    .expect(403);
  await api().get('/reports/annual-trend-reviews/2025-2026').set(as(senior)).expect(400);
});
