// What staff do about delivery, over HTTP against the real test Postgres and SMTP server (read back from the
// inbox): resend a failed, unconfirmed or held item (issue #5 point 6), and record a printed letter as posted.
import { randomInt } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import {
  Complaint,
  Correspondence,
  DEMO_STAFF,
  seedDemoData,
  type CorrespondenceStatus,
} from '@complaints/db';
import { configureApp, DATA_SOURCE, signStaffToken } from '@complaints/service-kit';
import { MailInbox, uniqueSuffix } from '@complaints/testing';
import { AppModule } from '../app.module';
import { loadCorrespondenceConfig } from '../config';
import { SERVICE_DESCRIPTION } from '../service-description';

jest.setTimeout(30_000);

const config = loadCorrespondenceConfig({ ...process.env, PORT: '3001' });
const inbox = new MailInbox();
let app: INestApplication;
let dataSource: DataSource;
const references: string[] = [];

const token = (email: string) => {
  const user = DEMO_STAFF.find((candidate) => candidate.email === email)!;
  return signStaffToken(
    { id: user.id, organisationCode: user.organisationCode, roles: user.roles },
    { secret: config.AUTH_JWT_SECRET!, issuer: config.AUTH_JWT_ISSUER },
  );
};

beforeAll(async () => {
  app = (
    await Test.createTestingModule({ imports: [AppModule.forConfig(config)] }).compile()
  ).createNestApplication({ bufferLogs: true });
  configureApp(app, SERVICE_DESCRIPTION);
  await app.init();
  dataSource = app.get(DATA_SOURCE);
  await seedDemoData(dataSource);
}, 60_000);

afterAll(async () => {
  if (dataSource?.isInitialized) {
    await dataSource.query('DELETE FROM correspondence WHERE complaint_reference = ANY($1)', [references]);
    // The acknowledgement's progress links (ADR 0028) go with their complaints.
    await dataSource.query(
      'DELETE FROM access_link WHERE complaint_id IN (SELECT id FROM complaint WHERE reference = ANY($1))',
      [references],
    );
    await dataSource.query('DELETE FROM complaint WHERE reference = ANY($1)', [references]);
  }
  await app?.close();
});

/** A request as `email`, its status checked when one is expected. */
async function call(method: 'get' | 'post', path: string, email: string, expected?: number) {
  const server = request(app.getHttpServer());
  const pending = method === 'get' ? server.get(path) : server.post(path);
  const response = await pending.set('Authorization', `Bearer ${await token(email)}`);
  if (expected !== undefined) expect(response.status).toBe(expected);
  return response;
}
const post = (path: string, email: string, expected?: number) => call('post', path, email, expected);
const get = (path: string, expected?: number) => call('get', path, 'handler@hpft.demo', expected);

/** An HPFT complaint whose complainant's email is `email`; with a person affected whose consent is pending, if asked. */
async function newComplaint(email: string, represented = false): Promise<string> {
  const reference = `HPFT-2098-${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  references.push(reference);
  const complaints = dataSource.getRepository(Complaint);
  await complaints.save(
    complaints.create({
      reference,
      organisationCode: 'HPFT',
      kind: 'complaint',
      channel: 'web-form',
      receivedOn: '2098-03-02',
      profileId: 'hpft',
      profileVersion: 1,
      replyChannels: ['email'],
      stage: 'early-resolution',
      handlerId: 'hpft-handler',
      createdBy: 'delivery-test',
      parties: [
        {
          role: 'complainant',
          name: 'Alex Example',
          email,
          relationship: represented ? 'representative' : 'patient',
        },
        ...(represented
          ? [{ role: 'person-affected' as const, name: 'Sam Affected', consentStatus: 'pending' as const }]
          : []),
      ],
      issues: [],
    }),
  );
  return reference;
}

/** An item as the activity leaves it, inserted straight into the log. */
async function item(
  reference: string,
  values: {
    key: string;
    template?: string;
    channel?: 'email' | 'letter';
    status: CorrespondenceStatus;
    recipient: string;
  },
): Promise<Correspondence> {
  const items = dataSource.getRepository(Correspondence);
  const idempotencyKey = `${reference}:${values.key}`;
  await items.insert({
    idempotencyKey,
    complaintReference: reference,
    template: values.template ?? 'acknowledgement',
    templateVersion: 1,
    channel: values.channel ?? 'email',
    audience: 'complainant',
    recipient: values.recipient,
    subject: `Your complaint ${reference}: acknowledgement`,
    html: `<p>Dear Alex Example,</p><p>Our reference: ${reference}</p>`,
    text: `Dear Alex Example, Our reference: ${reference}`,
    status: values.status,
    history: [{ status: values.status, at: new Date().toISOString() }],
    messageId: `<${idempotencyKey.replace(/[^\w.-]/g, '.')}@complaints.localhost>`,
    attempts: values.status === 'held' ? 0 : 1,
    lastError: values.status === 'failed' ? 'SMTP delivery failed (EENVELOPE 550)' : null,
  });
  return items.findOneByOrFail({ idempotencyKey });
}

describe('POST /correspondence/{id}/resend', () => {
  it('delivers a failed email once more, to the address on record now, as a new linked item with a new Message-ID', async () => {
    const corrected = `alex.${uniqueSuffix()}@example.test`;
    const reference = await newComplaint(corrected);
    const failed = await item(reference, {
      key: 'ack:email',
      status: 'failed',
      recipient: 'alex@typo.example',
    });

    const response = await post(`/correspondence/${failed.id}/resend`, 'handler@hpft.demo', 201);

    const resent = response.body;
    expect(response.headers.location).toBe(`/correspondence/${resent.id}`);
    expect(resent).toEqual(
      expect.objectContaining({
        complaintReference: reference,
        template: 'acknowledgement',
        channel: 'email',
        recipient: corrected,
        subject: failed.subject,
        status: 'delivered',
        attempts: 1,
        lastError: null,
        resendOf: failed.id,
        resendNumber: 1,
        resentAs: null,
      }),
    );
    expect(resent.history.map((change: { status: string }) => change.status)).toEqual([
      'drafted',
      'sending',
      'sent',
      'delivered',
    ]);
    expect(resent.history[0]).toEqual(expect.objectContaining({ by: 'hpft-handler', reason: 'Resend' }));

    const row = await dataSource.getRepository(Correspondence).findOneByOrFail({ id: resent.id });
    expect(row.idempotencyKey).toBe(`${reference}:ack:email:resend-1`);
    expect(row.messageId).not.toBe(failed.messageId);
    const [message] = await inbox.waitFor((candidate) => candidate.messageId === row.messageId.slice(1, -1));
    expect(message.to).toEqual([{ address: corrected, name: 'Alex Example' }]);
    expect(message.subject).toBe(failed.subject);
    expect(message.html).toBe(failed.html);

    // The original now names its resend; it is not resent twice.
    const original = await get(`/correspondence/${failed.id}`, 200);
    expect(original.body).toEqual(expect.objectContaining({ status: 'failed', resentAs: resent.id }));
    const again = await post(`/correspondence/${failed.id}/resend`, 'complaints-manager@hpft.demo', 409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.body).toEqual(
      expect.objectContaining({
        status: 409,
        detail: expect.stringContaining(`already resent as ${resent.id}`),
      }),
    );
    // A delivered item is refused.
    const delivered = await post(`/correspondence/${resent.id}/resend`, 'handler@hpft.demo', 409);
    expect(delivered.body.detail).toContain('this one is delivered');
    expect(await inbox.messagesTo(corrected)).toHaveLength(1);
  });

  it('resends an unconfirmed email and refuses a sent one; only handlers and complaints managers of the organisation may', async () => {
    const email = `alex.${uniqueSuffix()}@example.test`;
    const reference = await newComplaint(email);
    const unconfirmed = await item(reference, { key: 'ack:email', status: 'unconfirmed', recipient: email });
    const sent = await item(reference, {
      key: 'reopened:email',
      template: 'reopened',
      status: 'sent',
      recipient: email,
    });

    await post(`/correspondence/${unconfirmed.id}/resend`, 'handler@cwth.demo').then((r) =>
      expect(r.status).toBe(404),
    );
    await post(`/correspondence/${unconfirmed.id}/resend`, 'complaint-lead@hpft.demo').then((r) =>
      expect(r.status).toBe(403),
    );
    await request(app.getHttpServer()).post(`/correspondence/${unconfirmed.id}/resend`).expect(401);
    expect((await post(`/correspondence/${sent.id}/resend`, 'handler@hpft.demo')).status).toBe(409);

    const response = await post(
      `/correspondence/${unconfirmed.id}/resend`,
      'complaints-manager@hpft.demo',
      201,
    );
    expect(response.body).toEqual(expect.objectContaining({ status: 'delivered', resendOf: unconfirmed.id }));
    expect(response.body.history[0].by).toBe('hpft-complaints-manager');
    await inbox.waitFor((message) => message.to.some((to) => to.address === email));
    expect(await inbox.messagesTo(email)).toHaveLength(1);
  });

  it('a held letter is refused until the person consents (R-INT-5), then goes to the representative', async () => {
    const email = `robin.${uniqueSuffix()}@example.test`;
    const reference = await newComplaint(email, true);
    const held = await item(reference, {
      key: 'early-resolution-summary:email',
      template: 'early-resolution-summary',
      status: 'held',
      recipient: email,
    });

    const refused = await post(`/correspondence/${held.id}/resend`, 'handler@hpft.demo', 409);
    expect(refused.body).toEqual(expect.objectContaining({ status: 409, rule: 'R-INT-5' }));

    await dataSource.query(
      `UPDATE complaint_party SET consent_status = 'given'
       WHERE role = 'person-affected' AND complaint_id = (SELECT id FROM complaint WHERE reference = $1)`,
      [reference],
    );
    const response = await post(`/correspondence/${held.id}/resend`, 'handler@hpft.demo', 201);
    expect(response.body).toEqual(expect.objectContaining({ status: 'delivered', recipient: email }));
    await inbox.waitFor((message) => message.to.some((to) => to.address === email));
  });
});

describe('POST /correspondence/{id}/posted', () => {
  it('a letter queued to print becomes delivered, with who posted it; not twice, and never an email', async () => {
    const reference = await newComplaint(`alex.${uniqueSuffix()}@example.test`);
    const letter = await item(reference, {
      key: 'ack:letter',
      channel: 'letter',
      status: 'sent',
      recipient: 'Alex Example\n12 Acacia Avenue\nAL10 9AB',
    });
    const email = await item(reference, {
      key: 'ack:email',
      status: 'delivered',
      recipient: 'a@example.test',
    });

    const response = await post(`/correspondence/${letter.id}/posted`, 'handler@hpft.demo', 200);

    expect(response.body).toEqual(
      expect.objectContaining({ id: letter.id, status: 'delivered', deliveredAt: expect.any(String) }),
    );
    expect(response.body.history.at(-1)).toEqual(
      expect.objectContaining({ status: 'delivered', by: 'hpft-handler', reason: 'Posted' }),
    );
    expect((await post(`/correspondence/${letter.id}/posted`, 'handler@hpft.demo')).status).toBe(409);
    expect((await post(`/correspondence/${email.id}/posted`, 'handler@hpft.demo')).status).toBe(409);
    expect((await post(`/correspondence/${letter.id}/posted`, 'staff@hpft.demo')).status).toBe(403);
  });
});
