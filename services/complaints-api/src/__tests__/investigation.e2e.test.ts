// Allocation through the HTTP API with the real workers, Postgres, Temporal and SMTP: the conflict-of-interest
// check (R-INV-1), staff complained about told early (R-STAFF-1) and the clinical view (R-INV-3).
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { MailInbox } from '@complaints/testing';
import { complaintBody, eventually, startApi, startWorkers, tokenFor, type TestWorkers } from './api-harness';

jest.setTimeout(90_000);

let app: INestApplication;
let workers: TestWorkers;
const inbox = new MailInbox();

beforeAll(async () => {
  [app, workers] = await Promise.all([startApi(), startWorkers()]);
});
afterAll(async () => {
  await app?.close();
  await workers?.stop();
});

const api = () => request(app.getHttpServer());
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

async function acknowledgedHpftComplaint() {
  const handler = await tokenFor('handler@hpft.demo');
  const manager = await tokenFor('complaints-manager@hpft.demo');
  const body = complaintBody({ organisation: 'HPFT' });
  const created = await api().post('/complaints').set(as(handler)).send(body).expect(201);
  const reference: string = created.body.reference;
  await api()
    .post(`/complaints/${reference}/acknowledgement`)
    .set(as(handler))
    .send({ method: 'written' })
    .expect(200);
  await eventually(
    () =>
      api()
        .get(`/complaints/${reference}`)
        .set(as(handler))
        .then((r) => r.body.stage as string),
    (stage) => stage === 'early-resolution',
  );
  return { handler, manager, body, reference };
}

it('a handler named as involved is refused without a reason; with one, the person is told why and the staff member is told early (R-INV-1, R-STAFF-1)', async () => {
  const { manager, handler, body, reference } = await acknowledgedHpftComplaint();
  const conflicted = await api()
    .post(`/complaints/${reference}/allocation`)
    .set(as(manager))
    .send({ handlerId: 'hpft-handler', involvedStaffIds: ['hpft-handler', 'hpft-staff'] })
    .expect(409);
  expect(conflicted.body).toEqual(
    expect.objectContaining({ rule: 'R-INV-1', detail: expect.stringContaining('hpft-handler') }),
  );
  const unknown = await api()
    .post(`/complaints/${reference}/allocation`)
    .set(as(manager))
    .send({ handlerId: 'itrust-handler', involvedStaffIds: ['nobody'] })
    .expect(422);
  expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual([
    'handlerId',
    'involvedStaffIds[0]',
  ]);
  await api()
    .post(`/complaints/${reference}/allocation`)
    .set(as(handler))
    .send({ handlerId: 'hpft-handler', involvedStaffIds: [] })
    .expect(403);

  const allocated = await api()
    .post(`/complaints/${reference}/allocation`)
    .set(as(manager))
    .send({
      handlerId: 'hpft-handler',
      involvedStaffIds: ['hpft-handler', 'hpft-staff'],
      involvedHandlerReason: 'specialist-knowledge',
    })
    .expect(200);
  expect(allocated.body).toEqual(
    expect.objectContaining({ handlerId: 'hpft-handler', involvedStaffIds: ['hpft-handler', 'hpft-staff'] }),
  );

  const [letter] = await inbox.waitFor(
    (m) => m.subject === `Your complaint ${reference}: who is looking into it`,
  );
  expect(letter.to[0].address).toBe(body.complainant.email);
  expect(letter.text.replace(/\s+/g, ' ')).toContain('only a member of staff involved in your care has');
  const notices = await inbox.waitFor(
    (m) => m.subject === `Complaint ${reference}: a complaint that involves you`,
    2,
  );
  expect(notices.map((m) => m.to[0].address).sort()).toEqual(['handler@hpft.demo', 'staff@hpft.demo']);
  // Staff emails carry no detail of the complaint (R-INT-8).
  for (const notice of notices) expect(notice.text).not.toContain(body.complainant.name);

  const mine = await eventually(
    () =>
      api()
        .get('/complaints?handler=hpft-handler&pageSize=100')
        .set(as(handler))
        .then((r) => r.body.items as { reference: string }[]),
    (items) => items.some((item) => item.reference === reference),
  );
  expect(mine.length).toBeGreaterThan(0);
});

it('the clinical view must come from someone not involved, during the closer look (R-INV-3)', async () => {
  const { manager, handler, reference } = await acknowledgedHpftComplaint();
  await api()
    .post(`/complaints/${reference}/allocation`)
    .set(as(manager))
    .send({ handlerId: 'hpft-handler', involvedStaffIds: ['hpft-staff'] })
    .expect(200);
  const tooEarly = await api()
    .post(`/complaints/${reference}/clinical-view`)
    .set(as(handler))
    .send({ reviewerId: 'hpft-senior-manager' })
    .expect(409);
  expect(tooEarly.body.rule).toBe('R-INV-3');
  await api().post(`/complaints/${reference}/closer-look`).set(as(handler)).expect(200);
  const involved = await api()
    .post(`/complaints/${reference}/clinical-view`)
    .set(as(handler))
    .send({ reviewerId: 'hpft-staff' })
    .expect(409);
  expect(involved.body).toEqual(
    expect.objectContaining({ rule: 'R-INV-3', detail: expect.stringContaining('involved') }),
  );
  const requested = await api()
    .post(`/complaints/${reference}/clinical-view`)
    .set(as(handler))
    .send({ reviewerId: 'hpft-senior-manager' })
    .expect(200);
  expect(requested.body.clinicalView).toEqual(expect.objectContaining({ reviewerId: 'hpft-senior-manager' }));
});
