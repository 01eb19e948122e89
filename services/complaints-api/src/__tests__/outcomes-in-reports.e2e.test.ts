// Outcomes, learning and actions in the reports with known answers (ADR 0024), on the real Postgres: an organisation
// on the HPFT profile whose June 2026 complaints are written as fixtures, each final response's findings in its
// sent version. The monitoring report counts each complaint once by outcome (the findings' overall outcome, or how
// it ended without a response) and each issue by its finding; the targets report's responses are exactly the
// complaints with a finding outcome, and its pending ones those still open; learning and actions are counted.
import type { DataSource } from 'typeorm';
import { Organisation, seedDemoData } from '@complaints/db';
import { openTestDataSource, uniqueSuffix } from '@complaints/testing';
import { MonitoringReportService } from '../monitoring/monitoring-report.service';
import { summarise, TargetsReportService } from '../monitoring/targets-report.service';
import { as, useApi } from './api-harness';
import {
  insertComplaint,
  insertOrganisation,
  referenceOf,
  sent,
  tokenOf,
  type ComplaintFixture,
} from './report-fixtures';

const { api } = useApi({ workers: false, timeoutMs: 90_000 });

let dataSource: DataSource;
const organisation = `O${uniqueSuffix().slice(-6).toUpperCase()}`;
const coded: [string, string] = ['communications', 'mental-health'];

/** Each complaint with the findings of its sent final response, one per issue. */
const FIXTURES: (ComplaintFixture & { findings?: string[] })[] = [
  {
    name: 'upheld',
    receivedOn: '2026-06-01',
    stage: 'closed',
    closed: true,
    outcome: 'upheld',
    issues: [coded, coded],
    findings: ['upheld', 'upheld'],
    events: [sent('2026-07-01')],
  },
  {
    name: 'partly',
    receivedOn: '2026-06-01',
    stage: 'responded',
    outcome: 'partially-upheld',
    issues: [coded, coded],
    findings: ['upheld', 'not-upheld'],
    events: [sent('2026-07-20')],
    actions: [{ key: 'action-1', source: 'promised', due: '2026-08-01' }],
  },
  {
    name: 'not-upheld',
    receivedOn: '2026-06-02',
    stage: 'closed',
    closed: true,
    outcome: 'not-upheld',
    issues: [coded],
    findings: ['not-upheld'],
    events: [sent('2026-08-03')],
    learning: ['Explain the referral criteria in the first letter'],
    actions: [{ key: 'learning-1', due: '2026-09-01', status: 'done' }],
  },
  {
    name: 'early',
    receivedOn: '2026-06-03',
    stage: 'resolved-early',
    closed: true,
    outcome: 'resolved-early',
    issues: [coded],
    learning: ['Tell people the waiting time'],
    actions: [
      { key: 'learning-1', due: '2099-01-01' },
      { key: 'learning-2', due: '2026-07-01', status: 'cancelled' },
    ],
  },
  {
    name: 'withdrawn',
    receivedOn: '2026-06-04',
    stage: 'withdrawn',
    closed: true,
    outcome: 'withdrawn',
    issues: [coded],
  },
  {
    name: 'out-of-scope',
    receivedOn: '2026-06-05',
    stage: 'closed',
    closed: true,
    outcome: 'out-of-scope',
    issues: [coded],
  },
  { name: 'open', receivedOn: '2026-06-30', stage: 'closer-look', issues: [coded] },
  // Feedback is not a complaint, but its learning is counted as feedback's.
  {
    name: 'feedback',
    receivedOn: '2026-06-10',
    kind: 'feedback',
    stage: 'feedback-recorded',
    issues: [coded],
    learning: ['Signs', 'Parking'],
  },
];

beforeAll(async () => {
  dataSource = await openTestDataSource();
  await seedDemoData(dataSource);
  await insertOrganisation(dataSource, organisation, 'hpft');
  for (const fixture of FIXTURES) {
    await insertComplaint(dataSource, organisation, 'hpft', fixture);
    if (!fixture.findings) continue;
    const reference = referenceOf(organisation, fixture.name);
    const issues: { id: string }[] = await dataSource.query(
      `SELECT i.id FROM complaint_issue i JOIN complaint c ON c.id = i.complaint_id WHERE c.reference = $1 ORDER BY i.position`,
      [reference],
    );
    const content = {
      sections: {},
      findings: issues.map(({ id }, index) => ({
        issueId: id,
        outcome: fixture.findings![index],
        finding: 'f',
      })),
      remedies: [],
      actions: [],
      careContext: 'nhs-care',
    };
    await dataSource.query(
      `INSERT INTO final_response_draft (complaint_reference, version, content, created_by) VALUES ($1, 1, $2, 'fixture')`,
      [reference, content],
    );
  }
});

afterAll(async () => dataSource?.destroy());

it('counts each outcome once, each issue by its finding, and agrees with the targets report', async () => {
  const control = { threshold: 1 };
  const report = await new MonitoringReportService(dataSource, control).report(
    organisation,
    '2026-06-01',
    '2026-06-30',
    '2026-12-02',
  );
  expect(report.complaints).toBe(7);
  expect(report.byOutcome).toEqual({
    upheld: 1,
    'partially-upheld': 1,
    'not-upheld': 1,
    'resolved-early': 1,
    withdrawn: 1,
    'out-of-scope': 1,
    'out-of-time': 0,
    'not-recorded': 1,
  });
  expect(report.issues.byOutcome).toEqual({
    upheld: 3,
    'partially-upheld': 0,
    'not-upheld': 2,
    'not-recorded': 4,
  });
  expect(report.learning).toEqual({ complaints: 2, feedback: 1, points: 4 });
  // partly's promised action is overdue; early's first is open till 2099; one done, one cancelled.
  expect(report.actions).toEqual({ open: 2, done: 1, cancelled: 1, overdue: 1 });

  const hpftLike = await dataSource.getRepository(Organisation).findOneByOrFail({ code: organisation });
  const { targets } = await new TargetsReportService(dataSource, control).assess(
    hpftLike,
    '2026-06-01',
    '2026-06-30',
    '2026-12-02',
  );
  const fresh = targets.map((target) => summarise(target, 1, false)).find((t) => t.caseType === 'new')!;
  // The targets count the complaints answered by a response (a finding outcome) and the one still open (past its
  // date by December, so missed); those that ended without a response are in no target.
  const findings =
    report.byOutcome.upheld! + report.byOutcome['partially-upheld']! + report.byOutcome['not-upheld']!;
  expect(fresh.met! + fresh.missed! + fresh.pending!).toBe(findings + report.byOutcome['not-recorded']!);
  expect(fresh).toMatchObject({ met: 2, missed: 2, pending: 0, notAssessed: 0 });
});

it('shows the same counts to a complaints manager through the API, suppressed as any report', async () => {
  const response = await api()
    .get('/reports/monitoring?from=2026-06-01&to=2026-06-30')
    .set(as(await tokenOf(organisation, 'complaints-manager')))
    .expect(200);
  // At the default threshold of 5 the seven complaints show, but every outcome and learning count is small.
  expect(response.body.complaints).toBe(7);
  expect(Object.values(response.body.byOutcome).every((n) => n === null || n === 0)).toBe(true);
  expect(response.body.learning).toEqual({ complaints: null, feedback: null, points: null });
});
