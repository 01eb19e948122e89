// R-PERS-1 through the HTTP API with the real workers, Postgres, Temporal and SMTP: limits on contact are
// decided by the managing director, the clinical team and the complaints lead (who proposes them), approved by the
// deputy chief executive (HPFT 9.3; nobody else), sent to the person naming who decided and who approved, shown
// on the person's next complaint — which is handled as usual — and lifted on review.
import { createWorkingDayCalendar, londonDate, workingDaysAfterReceipt } from '@complaints/domain';
import { MailInbox } from '@complaints/testing';
import { as, complaintBody, eventually, tokenFor, useApi } from './api-harness';

const { api } = useApi({ timeoutMs: 90_000 });

const inbox = new MailInbox();

const DECIDED_BY = [
  { staffId: 'hpft-complaint-lead', role: 'managing-director' },
  { staffId: 'hpft-handler', role: 'clinical-team' },
];

it('R-PERS-1: limits on contact are approved by the deputy chief executive, sent naming who decided and approved, shown on a new complaint that is still handled, and lifted', async () => {
  const handler = await tokenFor('handler@hpft.demo');
  const lead = await tokenFor('complaints-manager@hpft.demo');
  const deputy = await tokenFor('senior-manager@hpft.demo');
  const director = await tokenFor('senior-manager@nct.demo');
  const body = complaintBody();
  const first = (await api().post('/complaints').set(as(handler)).send(body).expect(201)).body.reference;
  const reviewOn = workingDaysAfterReceipt(londonDate(new Date()), 40, createWorkingDayCalendar())!;
  const decision = {
    behaviours: ['excessive-contact'],
    limits: ['one-contact-per-week'],
    decidedBy: DECIDED_BY,
    reviewOn,
    note: 'Forty calls in two weeks.',
  };

  await api().post(`/complaints/${first}/contact-limits`).set(as(handler)).send(decision).expect(403);
  const tooLate = await api()
    .post(`/complaints/${first}/contact-limits`)
    .set(as(lead))
    .send({ ...decision, reviewOn: '2099-01-01', decidedBy: [{ staffId: 'nobody', role: 'clinical-team' }] })
    .expect(422);
  expect(tooLate.body.errors).toEqual([
    { field: 'decidedBy[0].staffId', reason: 'is not a member of staff of this organisation' },
    { field: 'decidedBy', reason: 'must name the Managing Director of the service (role managing-director)' },
    { field: 'reviewOn', reason: expect.stringContaining('must be after today') },
  ]);
  const badRole = await api()
    .post(`/complaints/${first}/contact-limits`)
    .set(as(lead))
    .send({ ...decision, decidedBy: [{ staffId: 'hpft-complaint-lead', role: 'chair' }] })
    .expect(400);
  expect(badRole.body.errors).toEqual([expect.objectContaining({ field: 'decidedBy.0.role' })]);
  const proposed = (
    await api().post(`/complaints/${first}/contact-limits`).set(as(lead)).send(decision).expect(201)
  ).body;
  expect(proposed).toEqual(
    expect.objectContaining({
      status: 'proposed',
      proposedBy: 'hpft-complaints-manager',
      decidedBy: DECIDED_BY,
      decidedWith: ['hpft-complaint-lead', 'hpft-handler'],
    }),
  );

  await api().post(`/contact-limits/${proposed.id}/approval`).set(as(lead)).expect(403);
  // Only the deputy chief executive approves: not another senior role, nor one who took the decision.
  const notDeputy = await api()
    .post(`/contact-limits/${proposed.id}/approval`)
    .set(as(await tokenFor('responsible-person@hpft.demo')))
    .expect(403);
  expect(notDeputy.body).toEqual(
    expect.objectContaining({
      rule: 'R-PERS-1',
      detail: 'the limits are approved by the Deputy Chief Executive; your job title is "Chief Executive"',
    }),
  );
  await api().post(`/contact-limits/${proposed.id}/approval`).set(as(director)).expect(404);
  const approved = await api().post(`/contact-limits/${proposed.id}/approval`).set(as(deputy)).expect(200);
  expect(approved.body).toEqual(
    expect.objectContaining({
      status: 'approved',
      approvedBy: 'hpft-senior-manager',
      approvedAs: 'Deputy Chief Executive',
    }),
  );
  const again = await api().post(`/contact-limits/${proposed.id}/approval`).set(as(deputy)).expect(409);
  expect(again.body.rule).toBe('R-PERS-1');
  const [letter] = await inbox.waitFor(
    (m) => m.subject === `How you can contact us about your complaint ${first}`,
  );
  expect(letter.to[0].address).toBe(body.complainant.email);
  expect(letter.text.replace(/\s+/g, ' ')).toContain('it does not stop you making a new complaint');
  // The letter names who really took the decision, in their roles, and who approved it, with their title.
  expect(letter.text.replace(/\s+/g, ' ')).toContain(
    'This decision was taken by Complaint Lead (HPFT) (Managing Director of the service), Complaint Handler (HPFT) (Clinical Team) and Complaints Manager (HPFT) (Lead Manager for Complaints), and approved by Deputy Chief Executive (HPFT), Deputy Chief Executive.',
  );
  expect(letter.text).not.toContain('Forty calls');

  // A new complaint from the same person is recorded and handled as usual; the limits are shown with it.
  const second = (
    await api()
      .post('/complaints')
      .set(as(handler))
      .send({ ...complaintBody(), complainant: body.complainant })
      .expect(201)
  ).body.reference;
  const detail = (await api().get(`/complaints/${second}`).set(as(handler)).expect(200)).body;
  expect(detail.contactLimits).toEqual([
    { id: proposed.id, setOn: first, limits: ['one-contact-per-week'], reviewOn },
  ]);
  await eventually(
    () =>
      api()
        .post(`/complaints/${second}/acknowledgement`)
        .set(as(handler))
        .send({ method: 'written' })
        .then((r) => r.status),
    (status) => status === 200,
  );

  const lifted = await api()
    .post(`/contact-limits/${proposed.id}/review`)
    .set(as(lead))
    .send({ outcome: 'lift' })
    .expect(200);
  expect(lifted.body.status).toBe('lifted');
  await inbox.waitFor((m) => m.subject === `The limits on contacting us have ended (${first})`);
  expect((await api().get(`/complaints/${second}`).set(as(handler)).expect(200)).body.contactLimits).toEqual(
    [],
  );

  // Each decision is on the timeline of the complaint it was made on, by whom, without the note.
  const { timeline } = (await api().get(`/complaints/${first}`).set(as(lead)).expect(200)).body;
  const decisions = timeline
    .filter((e: { rule: string | null }) => e.rule === 'R-PERS-1')
    .map((e: { type: string; actor: { id: string }; data: object }) => ({
      type: e.type,
      by: e.actor.id,
      data: e.data,
    }));
  const data = { restrictionId: proposed.id, limits: ['one-contact-per-week'] };
  expect(decisions).toEqual(
    expect.arrayContaining([
      { type: 'contact-limits-proposed', by: 'hpft-complaints-manager', data },
      { type: 'contact-limits-approved', by: 'hpft-senior-manager', data },
      { type: 'contact-limits-lifted', by: 'hpft-complaints-manager', data },
    ]),
  );
  expect(JSON.stringify(timeline)).not.toContain('Forty calls');
});

it('two approvals at once put the limits in force once: one is approved, the other refused (R-PERS-1)', async () => {
  const handler = await tokenFor('handler@hpft.demo');
  const lead = await tokenFor('complaints-manager@hpft.demo');
  const deputy = await tokenFor('senior-manager@hpft.demo');
  const reference = (await api().post('/complaints').set(as(handler)).send(complaintBody()).expect(201)).body
    .reference;
  const proposed = (
    await api()
      .post(`/complaints/${reference}/contact-limits`)
      .set(as(lead))
      .send({
        behaviours: ['excessive-contact'],
        limits: ['one-contact-per-week'],
        decidedBy: DECIDED_BY,
        reviewOn: workingDaysAfterReceipt(londonDate(new Date()), 40, createWorkingDayCalendar())!,
      })
      .expect(201)
  ).body;
  const statuses = await Promise.all(
    [deputy, deputy].map((token) =>
      api()
        .post(`/contact-limits/${proposed.id}/approval`)
        .set(as(token))
        .then((response) => response.status),
    ),
  );
  expect(statuses.sort()).toEqual([200, 409]);
  const { timeline } = (await api().get(`/complaints/${reference}`).set(as(lead)).expect(200)).body;
  expect(timeline.filter((e: { type: string }) => e.type === 'contact-limits-approved')).toHaveLength(1);
});
