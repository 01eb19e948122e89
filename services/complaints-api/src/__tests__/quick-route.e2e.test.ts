// R-QUICK-1 through the HTTP API with the real workers, Postgres, Temporal and SMTP: a verbal complaint
// resolved on the quick route (PHSO model), and HPFT's PALS enquiry that becomes a complaint (HPFT 8.9–8.10).
import { createWorkingDayCalendar, workingDaysAfterReceipt } from '@complaints/domain';
import { MailInbox } from '@complaints/testing';
import { as, complaintBody, eventually, tokenFor, useApi } from './api-harness';

const { api, stageOf } = useApi({ timeoutMs: 90_000 });

const inbox = new MailInbox();
const calendar = createWorkingDayCalendar();

it('PHSO model: a phone complaint resolved with the person satisfied ends there, with no letters (R-QUICK-1)', async () => {
  const handler = await tokenFor('handler@nct.demo');
  const body = complaintBody({ organisation: 'NCT', channel: 'phone' });
  const { reference } = (await api().post('/complaints').set(as(handler)).send(body).expect(201)).body;

  const explained = await eventually(
    () =>
      api()
        .get(`/complaints/${reference}/deadlines`)
        .set(as(handler))
        .then((r) => r.body as { name: string; rule: string; due: string }[]),
    (deadlines) => deadlines.some((d) => d.name === 'quickResolution'),
  );
  expect(explained.find((d) => d.name === 'quickResolution')).toEqual(
    expect.objectContaining({
      rule: 'R-QUICK-1',
      due: workingDaysAfterReceipt(body.receivedOn, 1, calendar),
    }),
  );

  const unconfirmed = await api()
    .post(`/complaints/${reference}/quick-resolution`)
    .set(as(handler))
    .send({ confirmedSatisfied: false })
    .expect(409);
  expect(unconfirmed.body).toEqual(expect.objectContaining({ rule: 'R-QUICK-1' }));
  const invalid = await api()
    .post(`/complaints/${reference}/quick-resolution`)
    .set(as(handler))
    .send({ confirmedSatisfied: 'yes' })
    .expect(400);
  expect(invalid.body.errors[0].field).toBe('confirmedSatisfied');

  const resolved = await api()
    .post(`/complaints/${reference}/quick-resolution`)
    .set(as(handler))
    .send({ confirmedSatisfied: true })
    .expect(200);
  expect(resolved.body.outcome).toBe('resolved');
  const closed = await stageOf(reference, handler, (stage) => stage === 'closed');
  expect(closed.timeline.map((e: { type: string }) => e.type)).toContain('resolved-quickly');
  await api()
    .post(`/complaints/${reference}/acknowledgement`)
    .set(as(handler))
    .send({ method: 'written' })
    .expect(409);
  expect(await inbox.messagesTo(body.complainant.email)).toEqual([]);
});

it('a PALS enquiry is refused where the profile has no PALS route, and when anonymous', async () => {
  const handler = await tokenFor('handler@itrust.demo');
  const refused = await api()
    .post('/complaints')
    .set(as(handler))
    .send(complaintBody({ organisation: 'ITRUST', kind: 'pals-enquiry' }))
    .expect(400);
  expect(refused.body.errors).toEqual([
    expect.objectContaining({ field: 'kind', reason: expect.stringContaining('R-QUICK-1') }),
  ]);
  const hpft = await tokenFor('handler@hpft.demo');
  const anonymous = await api()
    .post('/complaints')
    .set(as(hpft))
    .send(complaintBody({ kind: 'pals-enquiry', anonymous: true, complainant: undefined }))
    .expect(400);
  expect(anonymous.body.errors[0].field).toBe('anonymous');
});

it('HPFT: a PALS enquiry that cannot be resolved becomes a complaint received today and is acknowledged (HPFT 8.10)', async () => {
  const handler = await tokenFor('handler@hpft.demo');
  const body = complaintBody({ kind: 'pals-enquiry', channel: 'pals' });
  const created = await api().post('/complaints').set(as(handler)).send(body).expect(201);
  const reference: string = created.body.reference;
  expect(created.body.stage).toBe('pals-enquiry');
  expect(created.body.deadlines).toEqual({
    palsEnquiry: workingDaysAfterReceipt(body.receivedOn, 10, calendar),
  });
  const early = await api()
    .post(`/complaints/${reference}/acknowledgement`)
    .set(as(handler))
    .send({ method: 'written' })
    .expect(409);
  expect(early.body.rule).toBe('R-QUICK-1');

  await api().post(`/complaints/${reference}/pals-enquiry/escalation`).set(as(handler)).expect(200);
  const complaint = await stageOf(reference, handler, (stage) => stage === 'awaiting-acknowledgement');
  expect(complaint.kind).toBe('complaint');
  expect(complaint.receivedOn).toBe(body.receivedOn);
  expect(complaint.deadlines.acknowledgement).toBe(workingDaysAfterReceipt(body.receivedOn, 3, calendar));
  expect(complaint.timeline.map((e: { type: string }) => e.type)).toEqual(
    expect.arrayContaining([
      'complaint-received',
      'pals-enquiry-became-complaint',
      'acknowledgement-clock-started',
    ]),
  );

  await api()
    .post(`/complaints/${reference}/acknowledgement`)
    .set(as(handler))
    .send({ method: 'written' })
    .expect(200);
  const [letter] = await inbox.waitFor((message) =>
    message.to.some((to) => to.address === body.complainant.email),
  );
  expect(letter.subject).toContain(reference);
});
