// The regulation-18 annual report (R-MON-3; ADR 0031) with known answers, on the real Postgres: an HPFT-profile
// organisation with complaints around the 2025-26 financial year's boundaries (31 March / 1 April), feedback and an
// anonymous submission left out, referrals to the Ombudsman, handling issues on the timelines, done actions and
// learning. Every figure is known; then suppression through the API, the draft, edits, the two approvals in order
// by two people, publication, and the CSV and the tagged PDF read back.
import type { DataSource } from 'typeorm';
import { seedDemoData } from '@complaints/db';
import { londonDate } from '@complaints/domain';
import { openTestDataSource, readPdf, uniqueSuffix } from '@complaints/testing';
import { AnnualReportFiguresService } from '../monitoring/annual-report-figures.service';
import { Ko41aService } from '../monitoring/ko41a.service';
import { TargetsReportService } from '../monitoring/targets-report.service';
import { YouSaidWeDidService } from '../monitoring/you-said-we-did.service';
import { as, useApi } from './api-harness';
import {
  insertComplaint,
  insertOrganisation,
  referenceOf,
  sent,
  staffIdOf,
  tokenOf,
  type ComplaintFixture,
} from './report-fixtures';

const { api } = useApi({ workers: false, timeoutMs: 120_000 });

let dataSource: DataSource;
const organisation = `Y${uniqueSuffix().slice(-6).toUpperCase()}`;
const ward: [string, string] = ['communications', 'inpatient'];

const FIXTURES: ComplaintFixture[] = [
  // Received the day before the year (not received in it), answered in it: its outcome counts.
  {
    name: 'a',
    receivedOn: '2025-03-31',
    stage: 'closed',
    closedOn: '2025-04-15',
    outcome: 'upheld',
    events: [sent('2025-04-15')],
    issues: [ward],
  },
  // Q1, its first day: met 35 working days (20).
  {
    name: 'b',
    receivedOn: '2025-04-01',
    stage: 'closed',
    closedOn: '2025-05-01',
    outcome: 'upheld',
    events: [sent('2025-05-01')],
    issues: [ward],
    learning: ['Discharge letters left out medication changes'],
    actions: [{ key: 'learning-1', due: '2025-12-01', status: 'done' }],
  },
  // Q1, its last day: met (24 working days).
  {
    name: 'c',
    receivedOn: '2025-06-30',
    stage: 'closed',
    closedOn: '2025-08-01',
    outcome: 'partially-upheld',
    events: [sent('2025-08-01')],
    issues: [ward],
    actions: [{ key: 'action-1', due: '2026-03-31', source: 'promised', status: 'done' }],
  },
  // Q2: missed (43 working days); acknowledged late.
  {
    name: 'd',
    receivedOn: '2025-07-01',
    stage: 'closed',
    closedOn: '2025-09-01',
    outcome: 'not-upheld',
    events: [['acknowledgement-deadline-breached', '2025-07-04'], sent('2025-09-01')],
    issues: [['clinical-treatment', 'inpatient']],
    actions: [{ key: 'learning-1', due: '2026-04-01', status: 'done' }],
  },
  // Q2, still open: missed; a deadline breached and six months passed.
  {
    name: 'j',
    receivedOn: '2025-08-01',
    events: [
      ['final-response-deadline-breached', '2025-09-20'],
      ['six-month-letter-due', '2026-02-01'],
    ],
    issues: [['waiting-times', 'outpatient']],
    actions: [{ key: 'learning-1', due: '2099-01-01' }],
  },
  // Q3: resolved early, in no target.
  {
    name: 'e',
    receivedOn: '2025-10-10',
    stage: 'resolved-early',
    closedOn: '2025-10-15',
    outcome: 'resolved-early',
    issues: [ward],
  },
  // Q4, its last day, open: missed by now; its late acknowledgement falls in the next year.
  { name: 'f', receivedOn: '2026-03-31', events: [['acknowledgement-deadline-breached', '2026-04-03']] },
  // The next year's first day; feedback; an anonymous submission: none received in 2025-26.
  { name: 'g', receivedOn: '2026-04-01' },
  {
    name: 'h',
    kind: 'feedback',
    receivedOn: '2025-05-05',
    stage: 'feedback-recorded',
    events: [['acknowledgement-deadline-breached', '2025-05-08']],
    issues: [ward],
  },
  { name: 'i', receivedOn: '2025-05-06', anonymous: true, issues: [ward] },
];

const ref = (name: string) => referenceOf(organisation, name);

async function refer(name: string, body: string, referredOn: string, decision?: [string, string]) {
  const [{ id }] = await dataSource.query(
    `INSERT INTO ombudsman_referral (complaint_reference, body, referred_on, recorded_by, decision, decided_on,
       decision_recorded_by, decision_recorded_at)
     VALUES ($1, $2, $3, 'fixture', $4, $5, $6, $7) RETURNING id`,
    [
      ref(name),
      body,
      referredOn,
      decision?.[0] ?? null,
      decision?.[1] ?? null,
      decision ? 'fixture' : null,
      decision ? new Date() : null,
    ],
  );
  return id as string;
}

beforeAll(async () => {
  dataSource = await openTestDataSource();
  await seedDemoData(dataSource);
  await insertOrganisation(dataSource, organisation, 'hpft');
  // Two more people: the Responsible Person, and someone holding both roles (who still cannot approve twice).
  for (const [id, roles] of [
    [staffIdOf(organisation, 'responsible-person'), ['responsible-person']],
    [staffIdOf(organisation, 'both'), ['complaints-manager', 'responsible-person']],
  ] as const)
    await dataSource.query(
      `INSERT INTO staff_user (id, organisation_code, display_name, email, roles) VALUES ($1, $2, $3, $4, $5)`,
      [id, organisation, id, `${id}@annual.test`, roles],
    );
  for (const fixture of FIXTURES) await insertComplaint(dataSource, organisation, 'hpft', fixture);
  // The learning of b was recorded in the year; j's (recorded today) is not.
  await dataSource.query(
    `UPDATE learning_point SET recorded_at = '2025-11-01T12:00:00Z' WHERE complaint_reference = $1`,
    [ref('b')],
  );
  await dataSource.query(
    `INSERT INTO learning_point (complaint_reference, learning, recorded_by) VALUES ($1, 'later', 'fixture')`,
    [ref('j')],
  );
  await dataSource.query(
    `UPDATE case_action SET public_wording = 'We check discharge letters at handover', public_wording_approved_by = 'fixture',
       public_wording_approved_at = now() WHERE complaint_reference = $1`,
    [ref('b')],
  );
  // Referrals: b's decided in the year with one recommendation; d's on the year's last day; a's the day after.
  const decided = await refer('b', 'phso', '2025-09-10', ['upheld', '2026-02-01']);
  await dataSource.query(
    `INSERT INTO case_action (complaint_reference, action_key, source, ombudsman_referral_id, description, owner_id, due, created_by)
     VALUES ($1, 'ombudsman-1', 'ombudsman', $2, 'Apologise', $3, '2026-03-01', 'fixture')`,
    [ref('b'), decided, staffIdOf(organisation, 'handler')],
  );
  await refer('d', 'lgsco', '2026-03-31');
  await refer('a', 'phso', '2026-04-01');
  const [{ id: rule }] = await dataSource.query(
    `INSERT INTO theme_rule (organisation_code, name, threshold, within_days, created_by)
     VALUES ($1, 'Ward communication', 2, 30, 'fixture') RETURNING id`,
    [organisation],
  );
  for (const raisedAt of ['2025-06-01T12:00:00Z', '2026-04-02T12:00:00Z'])
    await dataSource.query(
      `INSERT INTO theme_alert (rule_id, organisation_code, subject_area, service_area, window_from, window_to,
         complaint_references, raised_by, raised_at, closed_at, closed_by, closing_note)
       VALUES ($1, $2, 'communications', 'inpatient', '2025-05-01', '2025-05-31', $3, 'fixture', $4, $4, 'fixture', 'seen')`,
      [rule, organisation, [ref('b'), ref('c')], raisedAt],
    );
});

afterAll(async () => dataSource?.destroy());

const nonZero = (counts: Record<string, number | null>) =>
  Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0));

it('R-MON-3, regulation 18: counts 2025-26 as the KO41a return and the targets do, every figure known', async () => {
  const control = { threshold: 1 };
  const service = new AnnualReportFiguresService(
    dataSource,
    control,
    new TargetsReportService(dataSource, control),
    new Ko41aService(dataSource),
    new YouSaidWeDidService(dataSource, control),
  );
  const report = await service.figures(organisation, '2025-26', '2026-12-01');
  expect(report).toMatchObject({ year: '2025-26', from: '2025-04-01', to: '2026-03-31', yearEnded: true });
  expect(report.received).toEqual({
    complaints: 6,
    byQuarter: [
      { quarter: '2025-26-Q1', from: '2025-04-01', to: '2025-06-30', complaints: 2 },
      { quarter: '2025-26-Q2', from: '2025-07-01', to: '2025-09-30', complaints: 2 },
      { quarter: '2025-26-Q3', from: '2025-10-01', to: '2025-12-31', complaints: 1 },
      { quarter: '2025-26-Q4', from: '2026-01-01', to: '2026-03-31', complaints: 1 },
    ],
  });
  // a (received in 2024-25) was answered in the year; partially upheld counts as well-founded.
  expect(report.outcomes).toEqual({
    resolved: 4,
    upheld: 2,
    partiallyUpheld: 1,
    notUpheld: 1,
    wellFounded: 3,
    closedWithoutResponse: 1,
  });
  expect(report.counting).toContain('upheld it or partially upheld it: both count');
  // The targets report's own scope: every complaint received, the anonymous one (i, still open) included, so b and c
  // met 35 working days and d, j, f and i missed it.
  const newComplaints = report.timeliness.find((target) => target.caseType === 'new')!;
  expect(newComplaints).toMatchObject({
    percent: 100,
    met: 2,
    missed: 4,
    denominator: 6,
    sharePercent: 33.3,
    achieved: false,
  });
  expect(report.ombudsman).toEqual({
    referred: 2,
    byBody: { phso: 1, lgsco: 1, cqc: 0 },
    decided: 1,
    byDecision: { 'not-investigated': 0, upheld: 1, 'partially-upheld': 0, 'not-upheld': 0 },
    recommendations: 1,
  });
  // KO41a section 7: once per subject a complaint touches; f has no issue yet, so no subject.
  expect(nonZero(report.themes.bySubjectArea)).toEqual({
    communications: 3,
    'clinical-treatment': 1,
    'waiting-times': 1,
  });
  expect(report.themes.alerts).toEqual([
    { subjectArea: 'communications', serviceArea: 'inpatient', alerts: 1 },
  ]);
  expect(report.handling).toEqual({ acknowledgementsLate: 1, deadlinesMissed: 1, sixMonthLetters: 1 });
  expect(report.changes).toEqual({
    actionsCompleted: 2,
    bySource: { promised: 1, learning: 1, ombudsman: 0 },
    learningRecorded: 1,
    weDid: ['We check discharge letters at handover'],
  });
});

it('suppresses small counts through the API and in the draft narrative, and refuses a year that is not one', async () => {
  const senior = await tokenOf(organisation, 'senior-manager');
  const { body } = await api().get('/reports/annual/2025-26').set(as(senior)).expect(200);
  expect(body.suppressedBelow).toBe(5);
  expect(body.received.complaints).toBe(6);
  expect(body.received.byQuarter.map((quarter: { complaints: number | null }) => quarter.complaints)).toEqual(
    [null, null, null, null],
  );
  expect(body.outcomes).toMatchObject({ resolved: null, upheld: null, wellFounded: null });
  expect(body.changes).toMatchObject({ actionsCompleted: null, weDid: [] });
  expect(body.narrative).toMatchObject({
    version: 0,
    drafted: true,
    editedBy: 'system',
    managerApproval: null,
  });
  expect(body.narrative.sections.received).toBe('We received 6 complaints in the year.');
  expect(body.narrative.sections['well-founded']).toContain('a small number of complaints were well-founded');
  const bad = await api().get('/reports/annual/2025-2026').set(as(senior)).expect(400);
  expect(bad.body.errors).toEqual([{ field: 'year', reason: expect.stringContaining('financial year') }]);
  await api().post('/reports/annual/2025-26/draft').set(as(senior)).expect(403);
});

it('drafts, edits and approves in order by two people; an edit clears the approvals; only then publishes, once', async () => {
  const manager = await tokenOf(organisation, 'complaints-manager');
  const responsible = await tokenOf(organisation, 'responsible-person');
  const both = await tokenOf(organisation, 'both');
  const year = '/reports/annual/2025-26';
  const approve = (token: string, version: number) =>
    api().post(`${year}/approval`).set(as(token)).send({ version });

  expect((await approve(responsible, 1).expect(409)).body.rule).toBe('R-MON-3');
  const drafted = await api().post(`${year}/draft`).set(as(manager)).expect(201);
  expect(drafted.body.narrative).toMatchObject({
    version: 1,
    drafted: true,
    editedBy: staffIdOf(organisation, 'complaints-manager'),
  });
  const sections = {
    ...drafted.body.narrative.sections,
    changes: 'We changed how discharge letters are checked.',
  };

  const early = await approve(responsible, 1).expect(409);
  expect(early.body).toMatchObject({ title: 'Approved in order', rule: 'R-MON-3' });
  const first = await approve(manager, 1).expect(200);
  expect(first.body.managerApproval).toEqual({
    by: staffIdOf(organisation, 'complaints-manager'),
    at: expect.any(String),
  });
  expect(
    (await api().post(`${year}/publication`).set(as(manager)).send({ version: 1 }).expect(409)).body.title,
  ).toBe('Not approved');

  // An edit after approval is a new version with no approvals.
  const missing = await api()
    .put(`${year}/narrative`)
    .set(as(manager))
    .send({ version: 1, sections: { introduction: 'x' } })
    .expect(400);
  expect(missing.body.errors).toContainEqual({
    field: 'sections.changes',
    reason: 'is missing: every section is given',
  });
  await api().put(`${year}/narrative`).set(as(manager)).send({ version: 0, sections }).expect(409);
  const edited = await api()
    .put(`${year}/narrative`)
    .set(as(manager))
    .send({ version: 1, sections })
    .expect(200);
  expect(edited.body).toMatchObject({
    version: 2,
    drafted: false,
    managerApproval: null,
    responsiblePersonApproval: null,
  });

  // The same person cannot approve as both.
  await approve(both, 2).expect(200);
  const twice = await approve(both, 2).expect(409);
  expect(twice.body).toMatchObject({ title: 'Two people approve', rule: 'R-MON-3' });
  await approve(responsible, 1).expect(409);
  const second = await approve(responsible, 2).expect(200);
  expect(second.body).toMatchObject({
    managerApproval: { by: staffIdOf(organisation, 'both') },
    responsiblePersonApproval: { by: staffIdOf(organisation, 'responsible-person') },
    publication: null,
  });
  await approve(manager, 2).expect(409);

  const published = await api().post(`${year}/publication`).set(as(manager)).send({ version: 2 }).expect(200);
  expect(published.body.narrative.publication).toEqual({
    by: staffIdOf(organisation, 'complaints-manager'),
    at: expect.any(String),
  });
  expect(published.body.received.complaints).toBe(6);
  expect(
    (await api().post(`${year}/publication`).set(as(manager)).send({ version: 2 }).expect(409)).body.title,
  ).toBe('Already published');
  await api().put(`${year}/narrative`).set(as(manager)).send({ version: 2, sections }).expect(409);
  await api().post(`${year}/draft`).set(as(manager)).expect(409);

  // Published: the figures as they stood and the approved narrative, however the record changes after.
  await dataSource.query(`UPDATE complaint SET received_on = '2025-05-01' WHERE reference = $1`, [ref('g')]);
  const reread = await api().get(year).set(as(responsible)).expect(200);
  expect(reread.body.received.complaints).toBe(6);
  expect(reread.body.asOf).toBe(londonDate(new Date()));
  expect(reread.body.narrative).toMatchObject({
    version: 2,
    sections: { changes: 'We changed how discharge letters are checked.' },
  });

  const csv = await api().get(`${year}/csv`).set(as(responsible)).expect(200);
  expect(csv.headers['content-type']).toMatch(/^text\/csv/);
  expect(csv.text).toContain(`${organisation},2025-26,received,complaints,6\r\n`);
  expect(csv.text).toContain(`${organisation},2025-26,received,2025-26-Q1,withheld\r\n`);

  const pdf = await api()
    .get(`${year}/pdf`)
    .set(as(responsible))
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  expect(pdf.headers['content-type']).toBe('application/pdf');
  const reading = await readPdf(pdf.body as Buffer);
  expect(reading.hasStructTree).toBe(true);
  expect(reading.marked).toBe(true);
  expect(reading.language).toBe('en-GB');
  expect(reading.title).toContain('annual complaints report 2025-26');
  const text = reading.pages.map((page) => page.text).join('\n');
  expect(text).toContain('Annual complaints report 2025-26');
  expect(text).toContain('Published on');
  expect(text).toContain('We changed how discharge letters are checked.');
  expect(text).toContain('We received 6 complaints in the year.');
  expect(reading.pages.flatMap((page) => page.structure)).toEqual(
    expect.arrayContaining(['Table', 'TH', 'TD', 'Figure', 'H2']),
  );
  expect(reading.pages.length).toBe(3);
});
