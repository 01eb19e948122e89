// Letters' PDFs and the Ombudsman pack over HTTP, against the real test Postgres: staff of the complaint's
// organisation download a letter's print copy and the complaint's whole file as one tagged PDF; others get 404.
// Each PDF is read back with pdf.js (text, pages, tags), as a person or a screen reader would read it.
import { randomInt } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { renderLetterPdf } from '@complaints/activities/correspondence';
import { CaseEvent, Complaint, Correspondence, DEMO_STAFF, seedDemoData } from '@complaints/db';
import { configureApp, DATA_SOURCE, signStaffToken } from '@complaints/service-kit';
import { readPdf } from '@complaints/testing';
import { AppModule } from '../app.module';
import { loadCorrespondenceConfig } from '../config';
import { SERVICE_DESCRIPTION } from '../service-description';

jest.setTimeout(30_000);

const config = loadCorrespondenceConfig({ ...process.env, PORT: '3001' });
let app: INestApplication;
let dataSource: DataSource;

const token = (email: string) => {
  const user = DEMO_STAFF.find((candidate) => candidate.email === email)!;
  return signStaffToken(
    { id: user.id, organisationCode: user.organisationCode, roles: user.roles },
    { secret: config.AUTH_JWT_SECRET!, issuer: config.AUTH_JWT_ISSUER },
  );
};
const handlerId = DEMO_STAFF.find((user) => user.email === 'handler@hpft.demo')!.id;

/** superagent buffers only text; a PDF is read whole into a Buffer. */
function binary(response: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}

async function get(path: string, email: string) {
  return request(app.getHttpServer())
    .get(path)
    .set('Authorization', `Bearer ${await token(email)}`)
    .buffer(true)
    .parse(binary);
}

beforeAll(async () => {
  app = (
    await Test.createTestingModule({ imports: [AppModule.forConfig(config)] }).compile()
  ).createNestApplication({ bufferLogs: true });
  configureApp(app, SERVICE_DESCRIPTION);
  await app.init();
  dataSource = app.get(DATA_SOURCE);
  // Its complaints belong to HPFT: seeded here, not left to whichever test file runs first on a fresh database.
  await seedDemoData(dataSource);
}, 60_000);
afterAll(async () => app?.close());

const letterHtml = (reference: string, body: string) => `<!DOCTYPE html><html lang="en"><body>
<div class="letterhead"><div class="organisation">Hertfordshire Partnership University NHS Foundation Trust</div></div>
<div class="address">Alex Example<br>12 Acacia Avenue<br>AL10 9AB</div>
<p class="reference">Our reference: ${reference}</p>
<p>Dear Alex Example,</p>
${body}
</body></html>`;

interface Fixture {
  reference: string;
  letterId: string;
  emailId: string;
  /** The subjects of what went, in the order it went. */
  subjects: string[];
  pendingSubject: string;
}

/**
 * An HPFT complaint with two timeline events and four items: a letter and an email of the acknowledgement, an
 * early-resolution email, and a reminder still pending. Inserted out of order, to show the pack sorts them.
 */
async function complaintWithCorrespondence(): Promise<Fixture> {
  const reference = `HPFT-2098-${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  const complaints = dataSource.getRepository(Complaint);
  const complaint = await complaints.save(
    complaints.create({
      reference,
      organisationCode: 'HPFT',
      kind: 'complaint',
      channel: 'web-form',
      receivedOn: '2098-03-02',
      profileId: 'hpft',
      profileVersion: 1,
      replyChannels: ['email', 'letter'],
      stage: 'early-resolution',
      handlerId,
      createdBy: 'ombudsman-pack-test',
      parties: [{ role: 'complainant', name: 'Alex Example', relationship: 'patient' }],
      issues: [
        { position: 1, description: 'Nobody called me back about my appointment' },
        { position: 2, description: 'The letter I was sent had the wrong date' },
      ],
    }),
  );
  await dataSource.getRepository(CaseEvent).insert([
    {
      complaintId: complaint.id,
      occurredAt: new Date('2098-03-02T09:00:00Z'),
      actorType: 'system',
      actorId: 'intake',
      type: 'complaint-received',
      rule: 'R-INT-1',
      data: { channel: 'web-form' },
    },
    {
      complaintId: complaint.id,
      occurredAt: new Date('2098-03-03T10:30:00Z'),
      actorType: 'staff',
      actorId: handlerId,
      type: 'acknowledged',
      rule: 'R-ACK-1',
      data: { method: 'written' },
    },
  ]);
  const subjects = [
    `Your complaint ${reference}: acknowledgement (letter)`,
    `Your complaint ${reference}: acknowledgement (email)`,
    `Your complaint ${reference}: how it was resolved`,
  ];
  const pendingSubject = `Reminder for complaint ${reference}`;
  const letterCreatedAt = new Date('2098-03-03T10:31:00Z');
  const html = letterHtml(reference, '<h2>What happens next</h2><p>We will call you.</p>');
  const base = {
    complaintReference: reference,
    templateVersion: 1,
    audience: 'complainant',
    text: 'Dear Alex Example',
    messageId: '<x@t>',
  };
  const items = dataSource.getRepository(Correspondence);
  await items.insert([
    {
      ...base,
      idempotencyKey: `${reference}:early-resolution-summary:email`,
      template: 'early-resolution-summary',
      channel: 'email',
      recipient: 'alex@example.test',
      subject: subjects[2],
      html: letterHtml(reference, '<p>We resolved it by phone.</p>'),
      status: 'sent',
      sentAt: new Date('2098-03-10T15:00:00Z'),
    },
    {
      ...base,
      idempotencyKey: `${reference}:acknowledgement-letter:email`,
      template: 'acknowledgement',
      channel: 'email',
      recipient: 'alex@example.test',
      subject: subjects[1],
      html: letterHtml(reference, '<p>This is our acknowledgement.</p>'),
      status: 'sent',
      sentAt: new Date('2098-03-03T10:32:00Z'),
    },
    {
      ...base,
      idempotencyKey: `${reference}:acknowledgement-letter:letter`,
      template: 'acknowledgement',
      channel: 'letter',
      recipient: 'Alex Example\n12 Acacia Avenue\nAL10 9AB',
      subject: subjects[0],
      html,
      status: 'sent',
      createdAt: letterCreatedAt,
      pdf: await renderLetterPdf({
        html,
        subject: subjects[0],
        reference,
        organisation: 'Hertfordshire Partnership University NHS Foundation Trust',
        createdAt: letterCreatedAt,
        largePrint: false,
      }),
    },
    {
      ...base,
      idempotencyKey: `${reference}:reminder:email`,
      template: 'deadline-reminder',
      channel: 'email',
      audience: 'handler',
      recipient: 'handler@hpft.demo',
      subject: pendingSubject,
      html: '<p>Reminder</p>',
      status: 'drafted',
    },
  ]);
  const stored = await items.findBy({ complaintReference: reference });
  const idOf = (key: string) => stored.find((item) => item.idempotencyKey === `${reference}:${key}`)!.id;
  return {
    reference,
    letterId: idOf('acknowledgement-letter:letter'),
    emailId: idOf('acknowledgement-letter:email'),
    subjects,
    pendingSubject,
  };
}

describe("a letter's PDF", () => {
  it('downloads as an attachment for the organisation’s staff; an email has none; another organisation gets 404', async () => {
    const fixture = await complaintWithCorrespondence();

    const list = await request(app.getHttpServer())
      .get(`/complaints/${fixture.reference}/correspondence`)
      .set('Authorization', `Bearer ${await token('handler@hpft.demo')}`)
      .expect(200);
    const hasPdf = Object.fromEntries(
      list.body.map((item: { id: string; hasPdf: boolean }) => [item.id, item.hasPdf]),
    );
    expect(hasPdf[fixture.letterId]).toBe(true);
    expect(hasPdf[fixture.emailId]).toBe(false);

    const response = await get(`/correspondence/${fixture.letterId}/pdf`, 'handler@hpft.demo');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="${fixture.reference}-acknowledgement.pdf"`,
    );
    const reading = await readPdf(response.body as Buffer);
    expect(reading.marked).toBe(true);
    expect(reading.pages[0].text).toContain('Dear Alex Example,');
    expect(reading.pages[0].text).toContain('What happens next');

    const email = await get(`/correspondence/${fixture.emailId}/pdf`, 'handler@hpft.demo');
    expect(email.status).toBe(404);
    expect(email.headers['content-type']).toContain('application/problem+json');
    expect((await get(`/correspondence/${fixture.letterId}/pdf`, 'handler@cwth.demo')).status).toBe(404);
    expect((await get(`/correspondence/${fixture.letterId}/pdf`, 'staff@hpft.demo')).status).toBe(403);
  });
});

describe('the Ombudsman pack', () => {
  it('is one tagged PDF: cover, the complaint and its timeline, then each item sent, in date order, from a new page', async () => {
    const fixture = await complaintWithCorrespondence();

    const response = await get(
      `/complaints/${fixture.reference}/ombudsman-pack`,
      'complaints-manager@hpft.demo',
    );

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="${fixture.reference}-ombudsman-pack.pdf"`,
    );
    const reading = await readPdf(response.body as Buffer);
    expect(reading.marked).toBe(true);
    expect(reading.hasStructTree).toBe(true);
    expect(reading.title).toBe(`Complaint ${fixture.reference}: file for the Ombudsman`);
    // A cover, the timeline, and at least a page for each of the three items that went.
    expect(reading.pages.length).toBeGreaterThanOrEqual(fixture.subjects.length + 2);
    for (const page of reading.pages) expect(page.inkRatio).toBeGreaterThan(0.002);

    const [cover, timeline] = reading.pages.map((page) => page.text);
    expect(cover).toContain('Complaint file for the Ombudsman');
    expect(cover).toContain(fixture.reference);
    expect(cover).toContain('Hertfordshire Partnership University NHS Foundation Trust');
    expect(cover).toContain('File produced');
    expect(timeline).toContain('Nobody called me back about my appointment');
    expect(timeline).toContain('Complaint received');
    expect(timeline).toMatch(/Acknowledged\s*\(R-ACK-1\), by /);

    const text = reading.pages.map((page) => page.text).join('\n');
    const positions = fixture.subjects.map((subject) => text.indexOf(subject));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).not.toContain(fixture.pendingSubject);
    fixture.subjects.forEach((subject, index) => {
      const heading = `Correspondence ${index + 1} of ${fixture.subjects.length}: ${subject}`;
      expect(
        reading.pages.some((page) => page.text.replace(/\s+/g, ' ').trimStart().startsWith(heading)),
      ).toBe(true);
    });
    expect(text).toContain('Queued to print');
    expect(text).toContain('Template: acknowledgement, version 1');
  });

  it('is not found for another organisation, or for a complaint the organisation does not have', async () => {
    const fixture = await complaintWithCorrespondence();
    const other = await get(
      `/complaints/${fixture.reference}/ombudsman-pack`,
      'complaints-manager@cwth.demo',
    );
    expect(other.status).toBe(404);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect((await get('/complaints/HPFT-2097-000001/ombudsman-pack', 'handler@hpft.demo')).status).toBe(404);
    expect((await get(`/complaints/${fixture.reference}/ombudsman-pack`, 'staff@hpft.demo')).status).toBe(
      403,
    );
  });
});
