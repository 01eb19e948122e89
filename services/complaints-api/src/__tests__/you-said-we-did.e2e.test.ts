// "You said, we did" (R-MON-4, issue #15 part 7, ADR 0029) on the real Postgres with known answers: an organisation of
// its own whose 2026-27 Q2 has ten complaints (five about communications, five about waiting times), ten outcomes
// reached and five actions done, three of them with a wording a complaints manager approved through the API; its
// Q3 has two actions done, too few to show, so their wording is withheld as well.
import type { DataSource } from 'typeorm';
import { seedDemoData } from '@complaints/db';
import { openTestDataSource, uniqueSuffix } from '@complaints/testing';
import { as, useApi } from './api-harness';
import {
  insertComplaint,
  insertOrganisation,
  referenceOf,
  sent,
  tokenOf,
  type ComplaintFixture,
} from './report-fixtures';

const { api } = useApi({ workers: false, timeoutMs: 120_000 });

let dataSource: DataSource;
const organisation = `Y${uniqueSuffix().slice(-6).toUpperCase()}`;

const FIXTURES: ComplaintFixture[] = [
  ...[1, 2, 3, 4, 5].map((n): ComplaintFixture => ({
    name: `communication-${n}`,
    receivedOn: `2026-07-0${n}`,
    stage: 'responded',
    outcome: 'upheld',
    events: [sent(`2026-08-0${n}`)],
    issues: [['communications', 'inpatient']],
    actions: [{ key: 'action-1', source: 'promised', due: `2026-09-0${n}`, status: 'done' }],
  })),
  ...[1, 2, 3, 4, 5].map((n): ComplaintFixture => ({
    name: `waiting-${n}`,
    receivedOn: `2026-08-1${n}`,
    stage: 'closed',
    closed: true,
    outcome: 'not-upheld',
    events: [sent(`2026-09-1${n}`)],
    issues: [['waiting-times', 'outpatient']],
    // Done in Q3 (two), and one still open.
    actions:
      n <= 2
        ? [{ key: 'learning-1', due: `2026-10-0${n}`, status: 'done' }]
        : n === 3
          ? [{ key: 'learning-1', due: '2099-01-01' }]
          : [],
  })),
  // Feedback is not counted; an outcome reached outside the quarter is not either.
  {
    name: 'feedback',
    kind: 'feedback',
    receivedOn: '2026-07-10',
    stage: 'feedback-recorded',
    issues: [['communications', 'inpatient']],
    actions: [{ key: 'learning-1', due: '2026-09-20', status: 'done' }],
  },
  {
    name: 'earlier',
    receivedOn: '2026-05-01',
    stage: 'responded',
    outcome: 'upheld',
    events: [sent('2026-06-30')],
    issues: [['communications', 'inpatient']],
  },
];

beforeAll(async () => {
  dataSource = await openTestDataSource();
  await seedDemoData(dataSource);
  await insertOrganisation(dataSource, organisation, 'hpft');
  for (const fixture of FIXTURES) await insertComplaint(dataSource, organisation, 'hpft', fixture);
});

afterAll(async () => dataSource?.destroy());

const WORDINGS = [
  'We now phone everyone whose appointment we cancel.',
  'Ward staff explain the discharge plan the day before.',
  'Letters say who to call with a question.',
];

it('publishes only a done action’s wording, approved by a complaints manager', async () => {
  const manager = await tokenOf(organisation, 'complaints-manager');
  for (const [index, wording] of WORDINGS.entries()) {
    const reference = referenceOf(organisation, `communication-${index + 1}`);
    const { body } = await api()
      .post(`/complaints/${reference}/actions/action-1/public-wording`)
      .set(as(manager))
      .send({ wording })
      .expect(200);
    expect(body).toMatchObject({
      actionId: 'action-1',
      wording,
      approvedBy: `${organisation.toLowerCase()}-complaints-manager`,
    });
  }
  const open = await api()
    .post(`/complaints/${referenceOf(organisation, 'waiting-3')}/actions/learning-1/public-wording`)
    .set(as(manager))
    .send({ wording: 'Not yet done.' })
    .expect(409);
  expect(open.body.rule).toBe('R-MON-4');
  await api()
    .post(`/complaints/${referenceOf(organisation, 'waiting-3')}/actions/learning-9/public-wording`)
    .set(as(manager))
    .send({ wording: 'No such action.' })
    .expect(404);
  const empty = await api()
    .post(`/complaints/${referenceOf(organisation, 'communication-4')}/actions/action-1/public-wording`)
    .set(as(manager))
    .send({ wording: '' })
    .expect(400);
  expect(empty.body.errors[0].field).toBe('wording');
  // A handler may do the action but not approve its publication.
  await api()
    .post(`/complaints/${referenceOf(organisation, 'communication-4')}/actions/action-1/public-wording`)
    .set(as(await tokenOf(organisation, 'handler')))
    .send({ wording: 'Handler words.' })
    .expect(403);
});

it('gives the quarter’s known counts and the approved wordings, and nothing that names a case', async () => {
  const { body } = await api()
    .get('/reports/you-said-we-did/2026-27-Q2')
    .set(as(await tokenOf(organisation, 'senior-manager')))
    .expect(200);
  expect(body).toMatchObject({
    organisation,
    period: '2026-27-Q2',
    from: '2026-07-01',
    to: '2026-09-30',
    suppressedBelow: 5,
    complaints: 10,
    changesMade: 5,
  });
  expect(Object.entries(body.bySubjectArea).filter(([, n]) => n !== 0)).toEqual([
    ['communications', 5],
    ['waiting-times', 5],
  ]);
  expect(body.outcomes).toEqual({
    upheld: 5,
    'partially-upheld': 0,
    'not-upheld': 5,
    'resolved-early': 0,
    withdrawn: 0,
    'out-of-scope': 0,
    'out-of-time': 0,
  });
  expect(body.weDid).toEqual([...WORDINGS].sort());
  expect(JSON.stringify(body)).not.toContain(`${organisation}-`);
});

it('withholds a small count of changes and their wordings with it', async () => {
  const manager = await tokenOf(organisation, 'complaints-manager');
  await api()
    .post(`/complaints/${referenceOf(organisation, 'waiting-1')}/actions/learning-1/public-wording`)
    .set(as(manager))
    .send({ wording: 'Clinic letters give the waiting time.' })
    .expect(200);
  const { body } = await api().get('/reports/you-said-we-did/2026-27-Q3').set(as(manager)).expect(200);
  expect(body).toMatchObject({ complaints: 0, changesMade: null, weDid: [] });
  // The year holds both quarters' changes: seven, with four wordings.
  const year = await api().get('/reports/you-said-we-did/2026-27').set(as(manager)).expect(200);
  expect(year.body).toMatchObject({ complaints: 11, changesMade: 7 });
  expect(year.body.weDid).toHaveLength(4);
});

it('names a financial year or quarter, or says why not', async () => {
  const token = await tokenOf(organisation, 'complaints-manager');
  const wrong = await api().get('/reports/you-said-we-did/2026-27-Q5').set(as(token)).expect(400);
  expect(wrong.body.errors).toEqual([
    { field: 'period', reason: 'must name a financial quarter like 2026-27-Q2' },
  ]);
  await api().get('/reports/you-said-we-did/2026').set(as(token)).expect(400);
});
