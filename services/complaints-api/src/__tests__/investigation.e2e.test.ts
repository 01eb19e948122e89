// Triage and allocation through the HTTP API with the real workers, Postgres, Temporal and SMTP: scope,
// time limit and consent (R-INT-5/6/7), the conflict-of-interest check (R-INV-1),
// staff complained about told early (R-STAFF-1) and the clinical view (R-INV-3).
import { createWorkingDayCalendar, londonDate, workingDaysAfterReceipt } from '@complaints/domain';
import { MailInbox } from '@complaints/testing';
import { as, complaintBody, eventually, tokenFor, useApi } from './api-harness';

const { api } = useApi({ timeoutMs: 90_000 });

const inbox = new MailInbox();
const calendar = createWorkingDayCalendar();

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
    { count: 2 },
  );
  expect(notices.map((m) => m.to[0].address).sort()).toEqual(['handler@hpft.demo', 'staff@hpft.demo']);
  // Staff emails carry no detail of the complaint (R-INT-8).
  for (const notice of notices) expect(notice.text).not.toContain(body.complainant.name);

  const allocatedTo = await eventually(
    () =>
      api()
        .get('/complaints?handler=hpft-handler&pageSize=100')
        .set(as(manager))
        .then((r) => r.body.items as { reference: string }[]),
    (items) => items.some((item) => item.reference === reference),
  );
  expect(allocatedTo.length).toBeGreaterThan(0);
  // R-INT-8: named as involved, the handler never sees the complainant's file, even allocated to it.
  await api().get(`/complaints/${reference}`).set(as(handler)).expect(404);
  const theirs = await api().get('/complaints?pageSize=100').set(as(handler)).expect(200);
  expect(theirs.body.items.map((item: { reference: string }) => item.reference)).not.toContain(reference);
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

it('the plan agreed with the person is saved as a version and sent to them with its date (R-INV-2, R-INV-4)', async () => {
  const { handler, body, reference } = await acknowledgedHpftComplaint();
  const planBody = {
    keyIssueIds: ['not-an-issue'],
    howAffected: 'I could not sleep for a week.',
    outcomesSought: 'An apology and a new appointment',
    evidence: ['A&E records'],
    peopleToSpeakTo: ['The nurse in charge'],
    respondentId: 'nobody',
    responseMethod: 'letter',
    advocacySignposted: true,
  };
  await api().post(`/complaints/${reference}/closer-look`).set(as(handler)).expect(200);
  const unknown = await api()
    .post(`/complaints/${reference}/plan`)
    .set(as(handler))
    .send(planBody)
    .expect(422);
  expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual([
    'keyIssueIds[0]',
    'respondentId',
  ]);
  const badDate = await api()
    .post(`/complaints/${reference}/plan`)
    .set(as(handler))
    .send({ ...planBody, agreedDue: '2027-02-30' })
    .expect(400);
  expect(badDate.body.errors[0].field).toBe('agreedDue');

  const detail = await api().get(`/complaints/${reference}`).set(as(handler)).expect(200);
  // R-INV-5: HPFT's 35 working days may be agreed sooner; a later date is an extension, not a plan's date.
  const later = await api()
    .post(`/complaints/${reference}/plan`)
    .set(as(handler))
    .send({
      ...planBody,
      keyIssueIds: [detail.body.issues[0].id],
      respondentId: 'hpft-handler',
      agreedDue: workingDaysAfterReceipt(body.receivedOn, 50, calendar)!,
    })
    .expect(409);
  expect(later.body.detail).toContain('extension');
  const agreedDue = workingDaysAfterReceipt(body.receivedOn, 30, calendar)!;
  const agreed = await api()
    .post(`/complaints/${reference}/plan`)
    .set(as(handler))
    .send({ ...planBody, keyIssueIds: [detail.body.issues[0].id], respondentId: 'hpft-handler', agreedDue })
    .expect(200);
  expect(agreed.body.version).toBe(1);
  expect(agreed.body.agreed).toEqual(
    expect.objectContaining({ version: 1, agreedDue, respondentId: 'hpft-handler' }),
  );
  const [letter] = await inbox.waitFor(
    (message) =>
      message.to.some((to) => to.address === body.complainant.email) &&
      message.subject === `Your complaint ${reference}: how we will look into it`,
  );
  expect(letter.text).toContain(body.issues[0].description);
  expect(letter.text).toContain('I could not sleep for a week.');
  expect(
    (await api().get(`/complaints/${reference}/plan`).set(as(handler)).expect(200)).body.content.howAffected,
  ).toBe('I could not sleep for a week.');
  const deadlines = await api().get(`/complaints/${reference}`).set(as(handler)).expect(200);
  expect(deadlines.body.deadlines.finalResponse).toBe(agreedDue);
});

it('HPFT: a later date is an extension agreed with the person — refused without the agreement or with a person the file does not name; the letter says who agreed, how and when (R-INV-5)', async () => {
  const { handler, body, reference } = await acknowledgedHpftComplaint();
  await api().post(`/complaints/${reference}/closer-look`).set(as(handler)).expect(200);
  const { deadlines } = (await api().get(`/complaints/${reference}`).set(as(handler)).expect(200)).body;
  const today = londonDate(new Date());
  const newDue = calendar.addWorkingDays(deadlines.finalResponse, 10);
  const extend = (extra: object) =>
    api()
      .post(`/complaints/${reference}/final-response/extension`)
      .set(as(handler))
      .send({ newDue, reason: 'person-request', ...extra });

  const unagreed = await extend({}).expect(409);
  expect(unagreed.body).toMatchObject({
    rule: 'R-INV-5',
    detail: expect.stringContaining('agreement is required'),
  });
  const badWay = await extend({ agreement: { with: 'complainant', on: today, how: 'pigeon' } }).expect(400);
  expect(badWay.body.errors.map((e: { field: string }) => e.field)).toEqual(['agreement.how']);
  const nobody = await extend({ agreement: { with: 'person-affected', on: today, how: 'telephone' } }).expect(
    400,
  );
  expect(nobody.body.errors).toEqual([
    { field: 'agreement.with', reason: 'the complaint names no person affected apart from the complainant' },
  ]);
  const tomorrow = calendar.addWorkingDays(today, 1);
  const future = await extend({ agreement: { with: 'complainant', on: tomorrow, how: 'telephone' } }).expect(
    409,
  );
  expect(future.body.detail).toContain('after today');

  const extended = await extend({ agreement: { with: 'complainant', on: today, how: 'telephone' } }).expect(
    200,
  );
  expect(extended.body.due).toBe(newDue);
  const [letter] = await inbox.waitFor(
    (message) =>
      message.to.some((to) => to.address === body.complainant.email) &&
      message.subject === `Your complaint ${reference}: a new date for our response`,
  );
  expect(letter.text.replace(/\s+/g, ' ')).toContain('As we agreed with you by telephone on ');
  const detail = await eventually(
    () =>
      api()
        .get(`/complaints/${reference}`)
        .set(as(handler))
        .then((r) => r.body),
    (b) => b.timeline?.some((event: { type: string }) => event.type === 'final-response-extended'),
  );
  expect(
    detail.timeline.find((e: { type: string }) => e.type === 'final-response-extended').data.agreement,
  ).toEqual({ with: 'complainant', on: today, how: 'telephone' });
});

describe('triage (R-INT-5, R-INT-6, R-INT-7)', () => {
  async function newComplaint(organisation: string, overrides: Record<string, unknown> = {}) {
    const token = await tokenFor(`handler@${organisation.toLowerCase()}.demo`);
    const body = complaintBody({ organisation, ...overrides });
    const created = await api().post('/complaints').set(as(token)).send(body).expect(201);
    return { token, body, reference: created.body.reference as string };
  }
  const detail = (reference: string, token: string) =>
    api()
      .get(`/complaints/${reference}`)
      .set(as(token))
      .then((r) => r.body);

  it('a late complaint without good reason is refused in writing with the Ombudsman details, and closes (R-INT-6)', async () => {
    const onTime = await newComplaint('HPFT');
    const refused = await api()
      .post(`/complaints/${onTime.reference}/time-limit-decision`)
      .set(as(onTime.token))
      .send({ decision: 'not-considered' })
      .expect(409);
    expect(refused.body.rule).toBe('R-INT-6');

    const late = await newComplaint('HPFT', { incidentOn: '2024-01-10', becameAwareOn: '2024-02-01' });
    await api()
      .post(`/complaints/${late.reference}/time-limit-decision`)
      .set(as(late.token))
      .send({ decision: 'not-considered' })
      .expect(200);
    const [letter] = await inbox.waitFor(
      (m) => m.subject === `Your complaint ${late.reference}: the time limit for complaints`,
    );
    expect(letter.to[0].address).toBe(late.body.complainant.email);
    expect(letter.text.replace(/\s+/g, ' ')).toContain('Parliamentary and Health Service Ombudsman');
    const closed = await eventually(
      () => detail(late.reference, late.token),
      (d) => d.closedAt !== null,
    );
    expect(closed.stage).toBe('closed');
    const again = await api()
      .post(`/complaints/${late.reference}/acknowledgement`)
      .set(as(late.token))
      .send({ method: 'written' })
      .expect(409);
    expect(again.body.detail).toContain('closed');
  });

  it("a representative not acting in the person's best interests: written reasons with the Ombudsman, and the complaint closes (R-INT-5)", async () => {
    // R-INT-5: only where a representative complains for someone else.
    const { token, body, reference } = await newComplaint('CWTH', {
      complainant: { ...complaintBody().complainant, relationship: 'representative' },
      personAffected: { name: 'Sam Morgan' },
      consent: { status: 'pending' },
    });
    const handlerOnly = await api()
      .post(`/complaints/${reference}/representative-decision`)
      .set(as(token))
      .send({ decision: 'not-acting-in-best-interests' })
      .expect(403);
    expect(handlerOnly.body.status).toBe(403);
    const manager = await tokenFor('complaints-manager@cwth.demo');
    await api()
      .post(`/complaints/${reference}/representative-decision`)
      .set(as(manager))
      .send({ decision: 'not-acting-in-best-interests' })
      .expect(200);
    const [letter] = await inbox.waitFor(
      (m) => m.subject === `Your complaint ${reference}: our decision about representing the person`,
    );
    expect(letter.to[0].address).toBe(body.complainant.email);
    const words = letter.text.replace(/\s+/g, ' ');
    expect(words).toContain('would not be in their best interests');
    expect(words).toContain('NHS England');
    const closed = await eventually(
      () => detail(reference, token),
      (d) => d.stage === 'closed',
    );
    expect(closed.timeline.map((e: { type: string }) => e.type)).toContain('representative-stopped-decided');
  });

  it('an employment matter is out of scope in whole: signposted in writing, and the complaint closes (R-INT-7)', async () => {
    const { token, body, reference } = await newComplaint('ITRUST');
    await api()
      .post(`/complaints/${reference}/scope-decision`)
      .set(as(token))
      .send({ whole: true, matter: 'employment' })
      .expect(200);
    const [letter] = await inbox.waitFor(
      (m) =>
        m.subject === `Your complaint ${reference}: why we cannot consider it under our complaints procedure`,
    );
    expect(letter.to[0].address).toBe(body.complainant.email);
    await eventually(
      () => detail(reference, token),
      (d) => d.stage === 'closed' && d.closedAt !== null,
    );
    const invalid = await api()
      .post(`/complaints/${reference}/scope-decision`)
      .set(as(token))
      .send({ whole: 'yes', matter: 'weather' })
      .expect(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['matter', 'whole']);
  });

  it('seeking consent pauses the final-response clock until consent is recorded (R-INT-5, R-INV-6)', async () => {
    const { token, reference } = await newComplaint('ITRUST', {
      complainant: { ...complaintBody().complainant, relationship: 'representative' },
      personAffected: { name: 'Sam Morgan' },
      consent: { status: 'pending' },
    });
    await api()
      .post(`/complaints/${reference}/acknowledgement`)
      .set(as(token))
      .send({ method: 'verbal' })
      .expect(200);
    const before = await eventually(
      () => detail(reference, token),
      (d) => d.stage === 'closer-look',
    );
    const due = before.deadlines.finalResponse;
    expect(due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await api().post(`/complaints/${reference}/consent/request`).set(as(token)).expect(200);
    await inbox.waitFor((m) => m.subject === `Your complaint ${reference}: we need consent to go ahead`);
    expect((await detail(reference, token)).deadlines.finalResponse).toBeNull();
    const twice = await api().post(`/complaints/${reference}/consent/request`).set(as(token)).expect(409);
    expect(twice.body.rule).toBe('R-INT-5');
    // Consent the same day: nothing was paused, so the date is unchanged.
    await api()
      .post(`/complaints/${reference}/consent`)
      .set(as(token))
      .send({ outcome: 'given' })
      .expect(200);
    const after = await detail(reference, token);
    expect(after.deadlines.finalResponse).toBe(due);
    // Recorded on the person affected: letters with their information may now go to the representative.
    expect(after.people.find((p: { role: string }) => p.role === 'person-affected').consentStatus).toBe(
      'given',
    );
    const noReason = await api()
      .post(`/complaints/${reference}/consent`)
      .set(as(token))
      .send({ outcome: 'not-needed' })
      .expect(400);
    expect(noReason.body.errors[0].field).toBe('reason');
  });
});

it('another procedure is flagged and told to the person in writing, once; the complaint and its deadline go on (issue #12 point 8, R-INV-6)', async () => {
  const { handler, body, reference } = await acknowledgedHpftComplaint();
  const before = (await api().get(`/complaints/${reference}`).set(as(handler)).expect(200)).body;
  const bad = await api()
    .post(`/complaints/${reference}/other-procedures`)
    .set(as(handler))
    .send({ procedure: 'ombudsman' })
    .expect(400);
  expect(bad.body.errors).toEqual([{ field: 'procedure', reason: expect.stringContaining('safeguarding') }]);
  const flagged = await api()
    .post(`/complaints/${reference}/other-procedures`)
    .set(as(handler))
    .send({ procedure: 'safeguarding' })
    .expect(200);
  expect(flagged.body).toEqual([
    { procedure: 'safeguarding', on: londonDate(new Date()), by: 'hpft-handler' },
  ]);
  const [letter] = await inbox.waitFor(
    (m) => m.subject === `Your complaint ${reference}: another process that is also looking at what happened`,
  );
  expect(letter.to[0].address).toBe(body.complainant.email);
  const text = letter.text.replace(/\s+/g, ' ');
  expect(text).toContain('has been raised as a safeguarding concern');
  expect(text).toContain('We will carry on looking into your complaint at the same time.');
  const again = await api()
    .post(`/complaints/${reference}/other-procedures`)
    .set(as(handler))
    .send({ procedure: 'safeguarding' })
    .expect(409);
  expect(again.body).toMatchObject({ rule: 'R-INV-6', detail: expect.stringContaining('was flagged on') });
  const after = await eventually(
    () =>
      api()
        .get(`/complaints/${reference}`)
        .set(as(handler))
        .then((r) => r.body),
    (detail) => detail.timeline.some((event: { type: string }) => event.type === 'other-procedure-flagged'),
  );
  expect(after.stage).toBe(before.stage);
  expect(after.deadlines).toEqual(before.deadlines);
});
