// Subject access through the HTTP API with a real Postgres: everything held about one person, as JSON and as a PDF
// read back, for complaints managers of the complaint's organisation only; other people on it left out.
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { openTestDataSource, readPdf, writeCaseFile, type CaseFileFixture } from '@complaints/testing';
import { as, tokenFor, useApi } from './api-harness';

const { api } = useApi({ workers: false, timeoutMs: 120_000 });

let dataSource: DataSource;
let caseFile: CaseFileFixture;
const otherPerson = 'Jordan Other-Person';

beforeAll(async () => {
  dataSource = await openTestDataSource();
  caseFile = await writeCaseFile(dataSource, { organisation: 'HPFT' });
  await dataSource.query(
    `INSERT INTO complaint_party (complaint_id, role, name, email) VALUES ($1, 'person-affected', $2, 'jordan@example.org')`,
    [caseFile.complaintId, otherPerson],
  );
});

afterAll(async () => {
  await dataSource?.destroy();
});

const binary = (response: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
};

it('exports what is held about the person as JSON: their details, words, timeline, versions, letters', async () => {
  const manager = await tokenFor('complaints-manager@hpft.demo');
  const { body } = await api()
    .post('/subject-access/exports')
    .set(as(manager))
    .send({ email: caseFile.person.email.toUpperCase() })
    .expect(200);
  expect(body).toMatchObject({
    organisation: 'HPFT',
    producedBy: 'hpft-complaints-manager',
    matchedBy: ['email'],
  });
  expect(body.complaints).toHaveLength(1);
  const [complaint] = body.complaints;
  expect(complaint).toMatchObject({
    reference: caseFile.reference,
    asRoles: ['complainant'],
    outcomeSought: 'My hearing aids back',
    issues: [caseFile.issueText],
    parties: [
      expect.objectContaining({ name: caseFile.person.name, dateOfBirth: caseFile.person.dateOfBirth }),
    ],
    equalityMonitoring: { disability: 'yes', religion: 'buddhist' },
    correspondence: [expect.objectContaining({ text: caseFile.letterText, hasPrintCopy: true })],
  });
  expect(complaint.timeline.map((event: { type: string }) => event.type)).toEqual([
    'complaint-received',
    'closed',
  ]);
  expect(complaint.finalResponseVersions).toHaveLength(1);
  expect(complaint.investigationPlanVersions).toHaveLength(1);
  expect(complaint.contactRestrictions).toEqual([
    expect.objectContaining({ limits: ['single-point-of-contact'] }),
  ]);
  expect(JSON.stringify(body)).not.toContain(otherPerson);

  // The export is in the access log: the search with what it found, and an export of each case file.
  const logged: { action: string; complaint_reference: string | null; references: string[] }[] =
    await dataSource.query(
      `SELECT action, complaint_reference, "references" FROM access_log_entry
       WHERE staff_id = 'hpft-complaints-manager' AND basis = 'subject-access-request'
         AND (complaint_reference = $1 OR $1 = ANY("references")) ORDER BY id`,
      [caseFile.reference],
    );
  expect(logged).toEqual([
    { action: 'search', complaint_reference: null, references: [caseFile.reference] },
    { action: 'export', complaint_reference: caseFile.reference, references: [] },
  ]);

  const byName = await api()
    .post('/subject-access/exports')
    .set(as(manager))
    .send({ name: caseFile.person.name, dateOfBirth: caseFile.person.dateOfBirth })
    .expect(200);
  expect(byName.body.complaints.map((c: { reference: string }) => c.reference)).toEqual([caseFile.reference]);
});

it('exports the same as a PDF that reads back', async () => {
  const manager = await tokenFor('complaints-manager@hpft.demo');
  const response = await api()
    .post('/subject-access/exports/pdf')
    .set(as(manager))
    .send({ email: caseFile.person.email })
    .buffer(true)
    .parse(binary)
    .expect(200);
  expect(response.headers['content-type']).toBe('application/pdf');
  const reading = await readPdf(response.body as Buffer, { scale: 0.5 });
  const text = reading.pages.map((page) => page.text).join('\n');
  expect(reading.marked).toBe(true);
  expect(text).toContain('Subject access');
  expect(text).toContain(caseFile.reference);
  expect(text).toContain(caseFile.person.name);
  expect(text).toContain(caseFile.issueText);
  expect(text).toContain(caseFile.letterText);
  expect(text).not.toContain(otherPerson);
});

it('is for complaints managers of the organisation; a request that names no one is refused, naming the field', async () => {
  const manager = await tokenFor('complaints-manager@hpft.demo');
  const nameOnly = await api()
    .post('/subject-access/exports')
    .set(as(manager))
    .send({ name: 'Robin' })
    .expect(400);
  expect(nameOnly.body.errors).toEqual([
    { field: 'dateOfBirth', reason: 'dateOfBirth is required with name' },
  ]);
  const nobody = await api().post('/subject-access/exports').set(as(manager)).send({}).expect(400);
  expect(nobody.body.errors.map((e: { field: string }) => e.field)).toEqual(['email']);
  const badEmail = await api()
    .post('/subject-access/exports')
    .set(as(manager))
    .send({ email: 'nope' })
    .expect(400);
  expect(badEmail.body.errors.map((e: { field: string }) => e.field)).toEqual(['email']);

  const handler = await tokenFor('handler@hpft.demo');
  await api()
    .post('/subject-access/exports')
    .set(as(handler))
    .send({ email: caseFile.person.email })
    .expect(403);
  const elsewhere = await tokenFor('complaints-manager@cwth.demo');
  const other = await api()
    .post('/subject-access/exports')
    .set(as(elsewhere))
    .send({ email: caseFile.person.email })
    .expect(200);
  expect(other.body.complaints).toEqual([]);
});
