// The correspondence log over HTTP: staff of the complaint's organisation see each item's delivery status
// (an email waiting for a retry during an SMTP outage included) and its content; others see nothing.
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { Complaint, Correspondence, DEMO_STAFF, seedDemoData } from '@complaints/db';
import { configureApp, DATA_SOURCE, signStaffToken } from '@complaints/service-kit';
import { AppModule } from '../app.module';
import { loadCorrespondenceConfig } from '../config';
import { SERVICE_DESCRIPTION } from '../service-description';

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

beforeAll(async () => {
  app = (
    await Test.createTestingModule({ imports: [AppModule.forConfig(config)] }).compile()
  ).createNestApplication({ bufferLogs: true });
  configureApp(app, SERVICE_DESCRIPTION);
  await app.init();
  dataSource = app.get(DATA_SOURCE);
  // A token counts only for a staff_user row: the demo users are seeded here, not left to another file.
  await seedDemoData(dataSource);
}, 60_000);
afterAll(async () => app?.close());

it('lists a complaint’s correspondence with its delivery status, and shows one item’s content', async () => {
  const reference = `HPFT-2098-${String(Math.floor(Math.random() * 999_999)).padStart(6, '0')}`;
  await dataSource.getRepository(Complaint).save({
    reference,
    organisationCode: 'HPFT',
    kind: 'complaint',
    channel: 'web-form',
    receivedOn: '2098-01-01',
    profileId: 'hpft',
    profileVersion: 1,
    stage: 'early-resolution',
    handlerId: 'hpft-handler',
    createdBy: 'correspondence-log-test',
  });
  const base = {
    complaintReference: reference,
    templateVersion: 1,
    audience: 'complainant',
    subject: 'Your complaint',
    html: '<p>Dear A</p>',
    text: 'Dear A',
  };
  await dataSource.getRepository(Correspondence).insert([
    {
      ...base,
      // Written one after the other, as the workflow would (one insert would give both the same time).
      createdAt: new Date('2098-01-01T08:00:00.000Z'),
      idempotencyKey: `${reference}:ack:email`,
      template: 'acknowledgement',
      channel: 'email',
      recipient: 'a@example.org',
      status: 'sent',
      messageId: '<1@t>',
      attempts: 1,
      sentAt: new Date(),
    },
    {
      ...base,
      createdAt: new Date('2098-01-01T09:00:00.000Z'),
      idempotencyKey: `${reference}:reminder:email`,
      template: 'deadline-reminder',
      channel: 'email',
      recipient: 'h@example.org',
      status: 'drafted',
      history: [
        { status: 'drafted', at: '2098-01-01T09:00:00.000Z' },
        { status: 'sending', at: '2098-01-01T09:00:01.000Z' },
        { status: 'drafted', at: '2098-01-01T09:00:02.000Z', reason: 'SMTP delivery failed (ECONNECTION)' },
      ],
      messageId: '<2@t>',
      attempts: 3,
      lastError: 'SMTP delivery failed (ECONNECTION)',
    },
  ]);
  const handler = await token('handler@hpft.demo');
  const list = await request(app.getHttpServer())
    .get(`/complaints/${reference}/correspondence`)
    .set('Authorization', `Bearer ${handler}`)
    .expect(200);
  expect(list.body.map((item: { template: string; status: string }) => [item.template, item.status])).toEqual(
    [
      ['acknowledgement', 'sent'],
      ['deadline-reminder', 'drafted'],
    ],
  );
  expect(list.body[1]).toEqual(
    expect.objectContaining({
      attempts: 3,
      lastError: 'SMTP delivery failed (ECONNECTION)',
      sentAt: null,
      deliveredAt: null,
      resendOf: null,
      resendNumber: 0,
      resentAs: null,
    }),
  );
  expect(list.body[1].history.map((change: { status: string }) => change.status)).toEqual([
    'drafted',
    'sending',
    'drafted',
  ]);
  expect(list.body[1].history[2]).toEqual({
    status: 'drafted',
    at: '2098-01-01T09:00:02.000Z',
    reason: 'SMTP delivery failed (ECONNECTION)',
  });
  expect(list.body[0]).not.toHaveProperty('html');

  const one = await request(app.getHttpServer())
    .get(`/correspondence/${list.body[0].id}`)
    .set('Authorization', `Bearer ${handler}`)
    .expect(200);
  expect(one.body).toEqual(
    expect.objectContaining({ html: '<p>Dear A</p>', text: 'Dear A', recipient: 'a@example.org' }),
  );

  const otherOrganisation = await token('handler@cwth.demo');
  await request(app.getHttpServer())
    .get(`/complaints/${reference}/correspondence`)
    .set('Authorization', `Bearer ${otherOrganisation}`)
    .expect(404);
  await request(app.getHttpServer())
    .get(`/correspondence/${list.body[0].id}`)
    .set('Authorization', `Bearer ${otherOrganisation}`)
    .expect(404);
  await request(app.getHttpServer()).get(`/complaints/${reference}/correspondence`).expect(401);
  await request(app.getHttpServer())
    .get(`/complaints/${reference}/correspondence`)
    .set('Authorization', `Bearer ${await token('staff@hpft.demo')}`)
    .expect(403);
  const badId = await request(app.getHttpServer())
    .get('/correspondence/not-a-uuid')
    .set('Authorization', `Bearer ${handler}`)
    .expect(400);
  expect(badId.headers['content-type']).toContain('application/problem+json');
});
