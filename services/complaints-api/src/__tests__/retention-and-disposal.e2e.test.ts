// Retention and disposal end to end (ADR 0013) on Temporal's time-skipping test server and the real Postgres: a
// closed case file is not due; ten years later (skipped) the retention review the daily schedule starts finds it
// due; a complaints manager approves and the personal data and letters go, leaving the statistical stub and the
// certificate. A legal hold blocks the disposal until it is lifted; an organisation's own period applies.
import { Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createRetentionActivities, type RetentionReviewResult } from '@complaints/activities/retention';
import { Complaint } from '@complaints/db';
import type { StaffPrincipal } from '@complaints/service-kit';
import { TASK_QUEUES } from '@complaints/temporal';
import {
  createTimeSkippingEnvironment,
  openServiceDataSource,
  openTestDataSource,
  uniqueSuffix,
  workflowBundle,
  writeCaseFile,
  type CaseFileFixture,
} from '@complaints/testing';
import { RetentionService } from '../retention/retention.service';

jest.setTimeout(240_000);

let env: Awaited<ReturnType<typeof createTimeSkippingEnvironment>>;
/** The owner, for fixtures and reading back; each service's code runs as that service's own role. */
let dataSource: DataSource;
let apiDataSource: DataSource;
let workerDataSource: DataSource;
let worker: Worker;
let running: Promise<void>;
const standardOrganisation = `R${uniqueSuffix().slice(-6).toUpperCase()}`;
const shortOrganisation = `S${uniqueSuffix().slice(-6).toUpperCase()}`;
const manager = (organisationCode: string): StaffPrincipal => ({
  id: `${organisationCode.toLowerCase()}-complaints-manager`,
  organisationCode,
  roles: ['complaints-manager'],
});

beforeAll(async () => {
  [env, dataSource, apiDataSource, workerDataSource] = await Promise.all([
    createTimeSkippingEnvironment(),
    openTestDataSource(),
    openServiceDataSource('complaints-api'),
    openServiceDataSource('worker'),
  ]);
  for (const [code, retention] of [
    [standardOrganisation, {}],
    [shortOrganisation, { 'complaint-case-file': 2 }],
  ] as const)
    await dataSource.query(
      `INSERT INTO organisation (code, name, profile_id, profile_version, retention_years) VALUES ($1, $2, 'hpft', 1, $3)`,
      [code, `Retention test ${code}`, retention],
    );
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUES.complaints,
    workflowBundle: await workflowBundle(require.resolve('@complaints/workflows')),
    activities: createRetentionActivities({ dataSource: workerDataSource }),
  });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await Promise.all([dataSource, apiDataSource, workerDataSource].map((source) => source?.destroy()));
});

/** The review as the daily schedule starts it, kept to this test's organisations. */
async function review(): Promise<RetentionReviewResult> {
  return env.client.workflow.execute('retentionReview', {
    workflowId: `retention-review-${uniqueSuffix()}`,
    taskQueue: TASK_QUEUES.complaints,
    args: [{ organisations: [standardOrganisation, shortOrganisation] }],
  });
}

const complaintOf = (fixture: CaseFileFixture) =>
  dataSource.getRepository(Complaint).findOneByOrFail({ reference: fixture.reference });

const count = async (sql: string, key: string): Promise<number> =>
  (await dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`, [key]))[0].n;

/** Everything personal the fixture wrote, counted where it was written. */
async function personalRecords({ reference, complaintId }: CaseFileFixture) {
  const ofComplaint = (table: string) => count(`${table} WHERE complaint_reference = $1`, reference);
  return {
    parties: await count('complaint_party WHERE complaint_id = $1', complaintId),
    issueTexts: await count(`complaint_issue WHERE complaint_id = $1 AND description <> ''`, complaintId),
    timeline: await count('case_event WHERE complaint_id = $1', complaintId),
    drafts: await ofComplaint('final_response_draft'),
    plans: await ofComplaint('investigation_plan'),
    equality: await ofComplaint('equality_monitoring'),
    restrictions: await ofComplaint('contact_restriction'),
    correspondence: await ofComplaint('correspondence'),
  };
}

it('a closed case file is disposed of ten years after closure, on approval; a legal hold keeps one until lifted', async () => {
  const disposed = await writeCaseFile(dataSource, { organisation: standardOrganisation });
  const held = await writeCaseFile(dataSource, { organisation: standardOrganisation });
  const open = await writeCaseFile(dataSource, { organisation: standardOrganisation, closedAt: null });
  const retention = new RetentionService(apiDataSource);
  const staff = manager(standardOrganisation);

  expect((await review()).references).toEqual([]);
  await expect(retention.approveDisposal(await complaintOf(disposed), staff)).rejects.toMatchObject({
    response: { status: 409, rule: 'retention-schedule' },
  });

  await env.sleep('3654 days');
  const found = await review();
  expect(found.references.sort()).toEqual([disposed.reference, held.reference].sort());
  expect((await review()).references).toEqual([]);
  const due = await retention.dueForDisposal(standardOrganisation);
  expect(due.map((entry) => entry.complaintReference).sort()).toEqual(found.references.sort());
  expect(due[0]).toMatchObject({ status: 'due', retentionYears: 10, approvedBy: null, erased: null });
  expect(due[0].rule).toMatch(/^complaint-case-file: 10 years after closure/);

  await retention.placeLegalHold(await complaintOf(held), 'Claim received from the solicitors', staff);
  await expect(retention.approveDisposal(await complaintOf(held), staff)).rejects.toMatchObject({
    response: { status: 409, rule: 'legal-hold' },
  });
  expect(await personalRecords(held)).toEqual({
    parties: 1,
    issueTexts: 1,
    timeline: 2,
    drafts: 1,
    plans: 1,
    equality: 1,
    restrictions: 1,
    correspondence: 1,
  });

  const certificate = await retention.approveDisposal(await complaintOf(disposed), staff);
  expect(certificate).toMatchObject({
    complaintReference: disposed.reference,
    status: 'disposed',
    approvedBy: staff.id,
    retentionYears: 10,
    erased: {
      parties: 1,
      issueTexts: 1,
      timelineEvents: 2,
      finalResponseVersions: 1,
      investigationPlanVersions: 1,
      equalityMonitoring: 1,
      contactRestrictions: 1,
      correspondence: 1,
      letterPdfs: 1,
    },
  });
  expect(certificate.disposedAt).not.toBeNull();
  expect(await personalRecords(disposed)).toEqual({
    parties: 0,
    issueTexts: 0,
    timeline: 0,
    drafts: 0,
    plans: 0,
    equality: 0,
    restrictions: 0,
    correspondence: 0,
  });
  const [stub] = await dataSource.query(`SELECT * FROM complaint WHERE reference = $1`, [disposed.reference]);
  expect(stub).toMatchObject({
    organisation_code: standardOrganisation,
    kind: 'complaint',
    received_on: expect.anything(),
    complexity: 'complex',
    outcome: 'upheld',
    met_agreed_timescale: true,
    outcome_sought: null,
    adjustments_note: null,
    incident_on: null,
    accessibility_needs: [],
  });
  expect(stub.closed_at).not.toBeNull();
  const [coding] = await dataSource.query(`SELECT * FROM complaint_issue WHERE complaint_id = $1`, [
    disposed.complaintId,
  ]);
  expect(coding).toMatchObject({ description: '', subject_area: 'patient-care', service_area: 'inpatient' });
  const everything = JSON.stringify(
    await dataSource.query(
      `SELECT (SELECT to_jsonb(c) FROM complaint c WHERE c.reference = $1) AS complaint,
              (SELECT jsonb_agg(i) FROM complaint_issue i WHERE i.complaint_id = $2) AS issues,
              (SELECT to_jsonb(d) FROM case_file_disposal d WHERE d.complaint_reference = $1) AS certificate`,
      [disposed.reference, disposed.complaintId],
    ),
  );
  for (const personal of [disposed.person.name, disposed.person.email, disposed.issueText, 'hearing loop'])
    expect(everything).not.toContain(personal);
  expect(await retention.approveDisposal(await complaintOf(disposed), staff)).toEqual(certificate);

  // Only the complaints API may carry out a disposal; the worker, which lists them, may not.
  await expect(
    workerDataSource.query(`SELECT dispose_case_file($1, 'worker')`, [held.reference]),
  ).rejects.toThrow(/permission denied/);
  await retention.liftLegalHold(await complaintOf(held), 'Claim settled; no further action', staff);
  expect((await retention.approveDisposal(await complaintOf(held), staff)).status).toBe('disposed');
  expect(await personalRecords(open)).toMatchObject({ parties: 1, correspondence: 1 });
  expect(await retention.dueForDisposal(standardOrganisation)).toEqual([]);
});

it("an organisation's own retention period applies in place of the Code's", async () => {
  const closedNearlyTwoYearsAgo = await writeCaseFile(dataSource, { organisation: shortOrganisation });
  // Closed five days short of two years before the (skipped) day of the review.
  const twoYearsAgo = new Date(await env.currentTimeMs());
  twoYearsAgo.setUTCFullYear(twoYearsAgo.getUTCFullYear() - 2);
  await dataSource.query(`UPDATE complaint SET closed_at = $2 WHERE reference = $1`, [
    closedNearlyTwoYearsAgo.reference,
    new Date(twoYearsAgo.getTime() + 5 * 86_400_000),
  ]);
  expect((await review()).references).toEqual([]);
  await env.sleep('10 days');
  expect((await review()).references).toEqual([closedNearlyTwoYearsAgo.reference]);
  const [entry] = await new RetentionService(apiDataSource).dueForDisposal(shortOrganisation);
  expect(entry).toMatchObject({ retentionYears: 2 });
  expect(entry.rule).toMatch(/2 years after closure .*as set by the organisation/);
});
