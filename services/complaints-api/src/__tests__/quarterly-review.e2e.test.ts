// R-MON-3 with known answers, on the real Postgres: an organisation on the HPFT profile whose complaints are
// written as fixtures, its pack for July–September 2026 as of 2 December 2026 (35 working days worked out by
// hand, with the summer bank holiday of 31 August); then the review recorded through the API, once.
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

const { api } = useApi({ workers: false, timeoutMs: 90_000 });

let dataSource: DataSource;
const organisation = `Q${uniqueSuffix().slice(-6).toUpperCase()}`;
const mentalHealthCommunication: [string, string] = ['communications', 'mental-health'];
const sent = (
  on: string,
  actions: { id: string; due: string }[] = [],
): [string, string, Record<string, unknown>] => ['final-response-sent', on, { actions }];

const FIXTURES: ComplaintFixture[] = [
  // July–September 2026. Open ones miss 35 working days: 1 Jul → 19 Aug, 15 Aug → 6 Oct, 30 Sep → 18 Nov.
  { name: 'a', receivedOn: '2026-07-01', breached: true, issues: [mentalHealthCommunication] },
  { name: 'b', receivedOn: '2026-08-15', issues: [mentalHealthCommunication] },
  { name: 'c', receivedOn: '2026-09-30', issues: [mentalHealthCommunication] },
  // 10 Jul → 28 Aug: met on 20 Aug with one action overdue since 1 Oct and one due at the end of December.
  {
    name: 'd',
    receivedOn: '2026-07-10',
    stage: 'responded',
    actions: [
      { key: 'a1', source: 'promised', due: '2026-10-01' },
      { key: 'a2', source: 'promised', due: '2026-12-31' },
    ],
    events: [
      sent('2026-08-20', [
        { id: 'a1', due: '2026-10-01' },
        { id: 'a2', due: '2026-12-31' },
      ]),
    ],
  },
  // Missed on 10 Sep; its action was completed.
  {
    name: 'e',
    receivedOn: '2026-07-10',
    stage: 'responded',
    actions: [{ key: 'b1', source: 'promised', due: '2026-09-30', status: 'done' }],
    events: [
      sent('2026-09-10', [{ id: 'b1', due: '2026-09-30' }]),
      ['action-completed', '2026-09-29', { actionId: 'b1' }],
    ],
  },
  {
    name: 'f',
    receivedOn: '2026-09-01',
    stage: 'responded',
    issues: [['appointments', 'outpatient']],
    events: [sent('2026-09-20')],
  },
  // Feedback is not a complaint: in no count and no theme; but the actions its learning led to are the
  // organisation's, so its overdue one counts, and its cancelled one does not.
  {
    name: 'h',
    receivedOn: '2026-07-02',
    kind: 'feedback',
    stage: 'feedback-recorded',
    issues: [mentalHealthCommunication],
    learning: ['Signs to the clinic were unclear'],
    actions: [
      { key: 'learning-1', due: '2026-11-30' },
      { key: 'learning-2', due: '2026-11-01', status: 'cancelled' },
    ],
  },
  // Earlier quarters: one open for over a year under oversight, one closed, one open for seven months.
  { name: 'i', receivedOn: '2025-05-10', underOversight: true },
  { name: 'j', receivedOn: '2025-05-12', stage: 'closed', closed: true },
  { name: 'k', receivedOn: '2026-04-15', stage: 'awaiting-sign-off' },
];

beforeAll(async () => {
  dataSource = await openTestDataSource();
  await seedDemoData(dataSource);
  await insertOrganisation(dataSource, organisation, 'hpft');
  for (const fixture of FIXTURES) await insertComplaint(dataSource, organisation, 'hpft', fixture);
});

afterAll(async () => {
  await dataSource?.destroy();
});

const seniorManager = {
  id: staffIdOf(organisation, 'senior-manager'),
  organisationCode: organisation,
  roles: ['senior-manager' as const],
};

it('gives the quarter, its eight-quarter trend and the position on the day, every figure known', async () => {
  const control = { threshold: 1 };
  const service = new QuarterlyReviewService(
    dataSource,
    control,
    new TargetsReportService(dataSource, control),
  );
  const pack = await service.pack(seniorManager, '2026-27-Q2', '2026-12-02');

  expect(pack).toMatchObject({
    quarter: '2026-27-Q2',
    from: '2026-07-01',
    to: '2026-09-30',
    asOf: '2026-12-02',
  });
  expect(pack.trend.map((q) => [q.quarter, q.received])).toEqual([
    ['2024-25-Q3', 0],
    ['2024-25-Q4', 0],
    ['2025-26-Q1', 2],
    ['2025-26-Q2', 0],
    ['2025-26-Q3', 0],
    ['2025-26-Q4', 0],
    ['2026-27-Q1', 1],
    ['2026-27-Q2', 6],
  ]);
  const [fresh] = pack.trend[7].targets;
  expect(fresh).toMatchObject({
    caseType: 'new',
    met: 2,
    missed: 4,
    pending: 0,
    sharePercent: 33.3,
    achieved: false,
  });
  expect(fresh).not.toHaveProperty('missedCases');
  expect(pack.openByAge).toEqual({
    underThreeMonths: 1,
    threeToSixMonths: 2,
    sixToTwelveMonths: 1,
    overTwelveMonths: 1,
  });
  expect(pack).toMatchObject({
    breached: 1,
    underOversight: 1,
    openActions: 3,
    overdueActions: 2,
    record: null,
  });
  expect(pack.themes).toEqual([
    { subjectArea: 'communications', serviceArea: 'mental-health', issues: 3 },
    { subjectArea: 'appointments', serviceArea: 'outpatient', issues: 1 },
  ]);
});

it("records the review once, after the quarter, with actions owned by the organisation's staff", async () => {
  const senior = await tokenOf(organisation, 'senior-manager');
  const review = {
    decisions:
      'Timeliness fell to a third; the complaints manager brings a recovery plan to the next review.',
    actions: [
      {
        description: 'Recovery plan for response times',
        ownerId: staffIdOf(organisation, 'complaints-manager'),
        due: '2027-01-31',
      },
    ],
  };
  const notOurs = await api()
    .post('/reports/quarterly-reviews/2026-27-Q2/record')
    .set(as(senior))
    .send({ ...review, actions: [{ ...review.actions[0], ownerId: 'hpft-handler' }] })
    .expect(400);
  expect(notOurs.body.errors).toEqual([
    { field: 'actions[0].ownerId', reason: 'must be an active member of staff of your organisation' },
  ]);
  const notEnded = await api()
    .post('/reports/quarterly-reviews/2099-00-Q1/record')
    .set(as(senior))
    .send(review);
  expect(notEnded.status).toBe(400);
  expect(notEnded.body.errors[0].field).toBe('quarter');
  await api()
    .post('/reports/quarterly-reviews/2026-27-Q2/record')
    .set(as(await tokenOf(organisation, 'handler')))
    .send(review)
    .expect(403);

  const recorded = await api()
    .post('/reports/quarterly-reviews/2026-27-Q2/record')
    .set(as(senior))
    .send(review)
    .expect(201);
  expect(recorded.body).toMatchObject({ quarter: '2026-27-Q2', reviewedBy: seniorManager.id, ...review });
  const again = await api()
    .post('/reports/quarterly-reviews/2026-27-Q2/record')
    .set(as(senior))
    .send(review)
    .expect(409);
  expect(again.body).toMatchObject({ rule: 'R-MON-3', title: 'Quarter already reviewed' });

  const pack = await api()
    .get('/reports/quarterly-reviews/2026-27-Q2')
    .set(as(await tokenOf(organisation, 'complaints-manager')))
    .expect(200);
  expect(pack.body.record).toMatchObject({ reviewedBy: seniorManager.id, decisions: review.decisions });
  // Threshold 5 through the API: six received shows; the small counts beside it do not.
  expect(pack.body.trend[7]).toMatchObject({ quarter: '2026-27-Q2', received: 6 });
  expect(pack.body.breached).toBeNull();
});

it('refuses a quarter that is not one, naming the field', async () => {
  const response = await api()
    .get('/reports/quarterly-reviews/2026-Q2')
    .set(as(await tokenOf(organisation, 'senior-manager')))
    .expect(400);
  expect(response.body.errors).toEqual([
    { field: 'quarter', reason: 'must name a financial quarter like 2026-27-Q2' },
  ]);
});
