// The KO41a return through the API on the real Postgres (issue #15 part 3, ADR 0029): an organisation of its own
// whose complaints, written as fixtures, make a 2026-27 whose every figure is known in advance. Each complaint
// exercises one counting rule or a boundary of the financial year; the record's dates are London dates (a final
// response sent, a closure).
import type { DataSource } from 'typeorm';
import { KO41A_CODE_LISTS } from '@complaints/domain';
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
const organisation = `K${uniqueSuffix().slice(-6).toUpperCase()}`;
const MEDICAL = 'medical-and-dental';
const NURSING = 'nursing-midwifery-and-health-visiting';
const ADMIN = 'admin-clerical-and-estates';
const patient = (dateOfBirth?: string) => [
  { role: 'complainant' as const, relationship: 'patient', dateOfBirth },
];

const YEAR: ComplaintFixture[] = [
  // Brought forward, then answered (upheld) in the year.
  {
    name: 'bf-answered',
    receivedOn: '2026-02-10',
    stage: 'closed',
    closedOn: '2026-05-20',
    outcome: 'upheld',
    events: [sent('2026-05-01')],
    issues: [['communications', 'inpatient', NURSING]],
  },
  // Brought forward from the year before's last day, still open.
  { name: 'bf-open', receivedOn: '2026-03-31', issues: [['appointments', 'outpatient', ADMIN]] },
  // Answered on the last day of the year before: in neither year's open count.
  {
    name: 'answered-before',
    receivedOn: '2025-12-01',
    stage: 'closed',
    closedOn: '2026-04-15',
    outcome: 'not-upheld',
    events: [sent('2026-03-31')],
    issues: [['communications', 'inpatient', NURSING]],
  },
  // The year's first day; three issues: once in the totals, once per distinct item in each section.
  {
    name: 'multi-aspect',
    receivedOn: '2026-04-01',
    stage: 'responded',
    outcome: 'partially-upheld',
    events: [sent('2026-06-10')],
    parties: patient('1950-04-02'),
    issues: [
      ['communications', 'inpatient', NURSING],
      ['communications', 'inpatient', MEDICAL],
      ['clinical-treatment', 'outpatient', MEDICAL, 'cardiology'],
    ],
  },
  // Made by phone (recorded, so written); for someone else; answered on the year's last day.
  {
    name: 'on-behalf',
    receivedOn: '2026-09-30',
    channel: 'phone',
    stage: 'responded',
    outcome: 'not-upheld',
    events: [sent('2027-03-31')],
    parties: [
      { role: 'complainant', relationship: 'representative', dateOfBirth: '1970-01-01' },
      { role: 'person-affected', dateOfBirth: '2010-01-01' },
    ],
    issues: [
      ['clinical-treatment', 'a-and-e', MEDICAL, 'accident-and-emergency'],
      ['clinical-treatment', 'a-and-e', NURSING, 'general-medicine'],
    ],
  },
  // The year's last day, open: new and carried forward.
  {
    name: 'last-day',
    receivedOn: '2027-03-31',
    parties: [
      { role: 'complainant', relationship: 'relative' },
      { role: 'person-affected', dateOfBirth: '1980-03-31' },
    ],
    issues: [['values-and-behaviours', 'community', ADMIN]],
  },
  // Answered after the year: new, not resolved, carried forward; no date of birth, no relationship.
  {
    name: 'answered-after',
    receivedOn: '2026-12-01',
    stage: 'responded',
    outcome: 'upheld',
    events: [sent('2027-04-02')],
    parties: [{ role: 'complainant' }],
    issues: [['waiting-times', 'outpatient', ADMIN]],
  },
  {
    name: 'withdrawn',
    receivedOn: '2026-05-05',
    stage: 'withdrawn',
    closedOn: '2026-06-01',
    outcome: 'withdrawn',
    parties: patient('1990-06-01'),
    issues: [['appointments', 'outpatient', ADMIN]],
  },
  {
    name: 'early',
    receivedOn: '2026-07-01',
    stage: 'resolved-early',
    closedOn: '2026-07-03',
    outcome: 'resolved-early',
    // The carer's own date of birth is not the patient's.
    parties: [
      { role: 'complainant', relationship: 'carer', dateOfBirth: '1975-01-01' },
      { role: 'person-affected', dateOfBirth: '1940-01-01' },
    ],
    issues: [['communications', 'community', NURSING]],
  },
  // A complaint with feedback is a complaint; the patient's 18th birthday is the day after.
  {
    name: 'with-feedback',
    kind: 'complaint-and-feedback',
    receivedOn: '2026-08-08',
    stage: 'closed',
    closedOn: '2026-09-01',
    outcome: 'upheld',
    events: [sent('2026-09-01')],
    parties: [
      { role: 'complainant', relationship: 'relative' },
      { role: 'person-affected', dateOfBirth: '2008-08-09' },
    ],
    issues: [['end-of-life-care', 'inpatient', NURSING]],
  },
  // Need no investigation: left out.
  {
    name: 'feedback',
    kind: 'feedback',
    receivedOn: '2026-06-01',
    stage: 'feedback-recorded',
    issues: [['communications', 'inpatient', NURSING]],
  },
  {
    name: 'pals',
    kind: 'pals-enquiry',
    receivedOn: '2026-06-01',
    stage: 'pals-enquiry',
    issues: [['communications', 'inpatient', NURSING]],
  },
  {
    name: 'anonymous',
    anonymous: true,
    receivedOn: '2026-06-01',
    stage: 'reviewing-for-learning',
    issues: [['communications', 'inpatient', NURSING]],
  },
  // The next year's first day.
  { name: 'next-year', receivedOn: '2027-04-01', issues: [['communications', 'inpatient', NURSING]] },
];

const itemsOf = (
  body: { sections: { section: number; items: { code: string; value: number }[] }[] },
  section: number,
) =>
  Object.fromEntries(
    body.sections
      .find((candidate) => candidate.section === section)!
      .items.filter((item) => item.value > 0)
      .map((item) => [item.code, item.value]),
  );

beforeAll(async () => {
  dataSource = await openTestDataSource();
  await seedDemoData(dataSource);
  await insertOrganisation(dataSource, organisation, 'phso-model');
  for (const fixture of YEAR) await insertComplaint(dataSource, organisation, 'phso-model', fixture);
});

afterAll(async () => dataSource?.destroy());

it('gives the year’s known figures, each new complaint once and each distinct item of it once, and passes the form’s checks', async () => {
  const { body } = await api()
    .get('/reports/ko41a/2026-27')
    .set(as(await tokenOf(organisation, 'senior-manager')))
    .expect(200);
  expect(body).toMatchObject({
    organisation,
    year: '2026-27',
    from: '2026-04-01',
    to: '2027-03-31',
    codeLists: { version: KO41A_CODE_LISTS.version, checkedAgainstNationalLookup: false },
    summary: {
      broughtForward: 2,
      new: 7,
      upheld: 2,
      partiallyUpheld: 1,
      notUpheld: 1,
      resolved: 4,
      carriedForward: 3,
    },
    closedWithoutResponse: { withdrawn: 1, 'resolved-early': 1 },
    valid: true,
    problems: [],
  });
  expect(itemsOf(body, 3)).toEqual({ '0-17': 2, '18-64': 2, '65-and-over': 2, unknown: 1 });
  expect(itemsOf(body, 4)).toEqual({ patient: 2, 'on-behalf-of-patient': 4, unknown: 1 });
  expect(itemsOf(body, 5)).toEqual({ inpatient: 2, outpatient: 3, 'a-and-e': 1, community: 2 });
  expect(itemsOf(body, 6)).toEqual({ cardiology: 1, 'accident-and-emergency': 1, 'general-medicine': 1 });
  expect(itemsOf(body, 7)).toEqual({
    communications: 2,
    'clinical-treatment': 2,
    'values-and-behaviours': 1,
    'waiting-times': 1,
    appointments: 1,
    'end-of-life-care': 1,
  });
  expect(itemsOf(body, 8)).toEqual({ [NURSING]: 4, [MEDICAL]: 2, [ADMIN]: 3 });
});

it('gives the CSV for submission, one row per item with the code lists’ version', async () => {
  const response = await api()
    .get('/reports/ko41a/2026-27/csv')
    .set(as(await tokenOf(organisation, 'complaints-manager')))
    .expect(200)
    .expect('Content-Type', /^text\/csv/)
    .expect('Content-Disposition', `attachment; filename="KO41a-${organisation}-2026-27.csv"`);
  const rows = response.text.trimEnd().split('\r\n');
  const prefix = `${organisation},2026-27,${KO41A_CODE_LISTS.version}`;
  expect(rows[0]).toBe('organisation,year,code_lists_version,section,item,label,value');
  expect(rows.slice(1, 8)).toEqual([
    `${prefix},2,brought-forward,Total brought forward,2`,
    `${prefix},2,new,Total new complaints,7`,
    `${prefix},2,upheld,Number upheld,2`,
    `${prefix},2,partially-upheld,Number partially upheld,1`,
    `${prefix},2,not-upheld,Number not upheld,1`,
    `${prefix},2,resolved,Total resolved,4`,
    `${prefix},2,carried-forward,Total carried forward,3`,
  ]);
  expect(rows).toContain(`${prefix},5,outpatient,Outpatient,3`);
  expect(rows).toContain(`${prefix},8,${NURSING},Nursing midwifery and health visiting,4`);
});

it('refuses the CSV while a new complaint’s issue is not coded, naming the section, and the readable return says why', async () => {
  // Never the same code as `organisation`, which starts with K.
  const other = `U${organisation.slice(1)}`;
  await insertOrganisation(dataSource, other, 'phso-model');
  await insertComplaint(dataSource, other, 'phso-model', {
    name: 'uncoded',
    receivedOn: '2026-06-01',
    issues: [['clinical-treatment', 'inpatient', null]],
  });
  const token = await tokenOf(other, 'complaints-manager');
  const problem = await api().get('/reports/ko41a/2026-27/csv').set(as(token)).expect(422);
  expect(problem.body.errors).toEqual([
    { field: 'section8', reason: 'every-issue-coded: 1 new complaints have an issue with no profession' },
    { field: 'section8', reason: 'at-least-new: profession adds up to 0, fewer than the 1 new complaints' },
    {
      field: 'section6',
      reason: 'every-issue-coded: 1 new complaints have a clinical-treatment issue with no clinical area',
    },
    {
      field: 'section6',
      reason:
        'covers-clinical-treatment: section 6 must record each of the 1 complaints about clinical treatment',
    },
  ]);
  const { body } = await api().get('/reports/ko41a/2026-27').set(as(token)).expect(200);
  expect(body.valid).toBe(false);
  expect(itemsOf(body, 8)).toEqual({ 'not-coded': 1 });
});

it('names a financial year or says why not; a handler may not see the return', async () => {
  const token = await tokenOf(organisation, 'complaints-manager');
  const wrong = await api().get('/reports/ko41a/2026-28').set(as(token)).expect(400);
  expect(wrong.body.errors).toEqual([{ field: 'year', reason: 'the year after 2026 ends in 27' }]);
  await api().get('/reports/ko41a/2026-27-Q1').set(as(token)).expect(400);
  await api()
    .get('/reports/ko41a/2026-27')
    .set(as(await tokenOf(organisation, 'handler')))
    .expect(403);
});

it('codes a clinical area only on a clinical-treatment issue (section 6)', async () => {
  const reference = referenceOf(organisation, 'multi-aspect');
  const [clinical, communication] = await dataSource.query(
    `SELECT i.id, i.subject_area FROM complaint_issue i JOIN complaint c ON c.id = i.complaint_id
      WHERE c.reference = $1 ORDER BY (i.subject_area = 'clinical-treatment') DESC, i.position`,
    [reference],
  );
  const token = await tokenOf(organisation, 'complaints-manager');
  const refused = await api()
    .put(`/complaints/${reference}/issues/${communication.id}/coding`)
    .set(as(token))
    .send({
      subjectArea: 'communications',
      serviceArea: 'inpatient',
      staffGroup: NURSING,
      clinicalSpecialty: 'cardiology',
    })
    .expect(400);
  expect(refused.body.errors).toEqual([
    {
      field: 'clinicalSpecialty',
      reason: 'is only for the subject area clinical-treatment (KO41a section 6)',
    },
  ]);
  const coded = await api()
    .put(`/complaints/${reference}/issues/${clinical.id}/coding`)
    .set(as(token))
    .send({
      subjectArea: 'clinical-treatment',
      serviceArea: 'outpatient',
      staffGroup: MEDICAL,
      clinicalSpecialty: 'radiology',
    })
    .expect(200);
  expect(coded.body).toEqual({
    id: clinical.id,
    subjectArea: 'clinical-treatment',
    serviceArea: 'outpatient',
    staffGroup: MEDICAL,
    clinicalSpecialty: 'radiology',
  });
  const { body } = await api().get('/reports/ko41a/2026-27').set(as(token)).expect(200);
  expect(itemsOf(body, 6)).toEqual({ radiology: 1, 'accident-and-emergency': 1, 'general-medicine': 1 });
});
