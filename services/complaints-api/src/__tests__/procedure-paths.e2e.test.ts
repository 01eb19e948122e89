// Procedure paths driven through the HTTP API alone, with the real workers, Postgres, Temporal and SMTP:
// early resolution with its summary letter (R-ER-1), the closer look and its timescale per profile
// (R-ER-2, R-INV-4), refusals naming the rule, and withdrawal.
import {
  addCalendarDays,
  calendarMonthsAfterReceipt,
  createWorkingDayCalendar,
  londonDate,
  workingDaysAfterReceipt,
} from '@complaints/domain';
import { Complaint } from '@complaints/db';
import { MailInbox } from '@complaints/testing';
import { complaintBody, tokenFor, useApi } from './api-harness';

const { api, detailWhen, workers } = useApi({ timeoutMs: 90_000 });

const inbox = new MailInbox();
const calendar = createWorkingDayCalendar();

async function acknowledgedComplaint(organisation: string) {
  const token = await tokenFor(`handler@${organisation.toLowerCase()}.demo`);
  const body = complaintBody({ organisation });
  const created = await api()
    .post('/complaints')
    .set('Authorization', `Bearer ${token}`)
    .send(body)
    .expect(201);
  const reference: string = created.body.reference;
  await api()
    .post(`/complaints/${reference}/acknowledgement`)
    .set('Authorization', `Bearer ${token}`)
    .send({ method: 'written' })
    .expect(200);
  await inbox.waitFor((m) => m.subject === `Your complaint ${reference}: acknowledgement`);
  const detail = await detailWhen(
    reference,
    token,
    (b) => b.stage === 'early-resolution' || b.stage === 'closer-look',
  );
  return { token, body, reference, detail };
}

it('a refused early resolution leaves the record as it was (R-ER-1, issue #14)', async () => {
  const { token, reference, detail } = await acknowledgedComplaint('ITRUST');
  expect(detail.stage).toBe('closer-look');
  const refused = await api()
    .post(`/complaints/${reference}/early-resolution/resolution`)
    .set('Authorization', `Bearer ${token}`)
    .send({
      summary: 'We apologised and explained the delay in the waiting room.',
      complainantSatisfied: true,
    })
    .expect(409);
  expect(refused.body.rule).toBe('R-ER-1');
  const row = await workers().dataSource.getRepository(Complaint).findOneByOrFail({ reference });
  expect(row.earlyResolutionSummary).toBeNull();
  // Written and taken back, both on the timeline, and neither carries the words.
  const staffEvents: { type: string; data: object }[] = await workers().dataSource.query(
    `SELECT type, data FROM case_event WHERE complaint_id = $1 AND rule = 'R-ER-1' AND actor_type = 'staff' ORDER BY id`,
    [row.id],
  );
  expect(staffEvents).toEqual([
    { type: 'early-resolution-summary-written', data: {} },
    { type: 'early-resolution-summary-withdrawn', data: {} },
  ]);
});

it('PHSO model: resolved early — the summary reaches the person and the complaint closes (R-ER-1)', async () => {
  const { token, body, reference, detail } = await acknowledgedComplaint('NCT');
  expect(detail.stage).toBe('early-resolution');
  expect(detail.deadlines.earlyResolution).toBe(workingDaysAfterReceipt(body.receivedOn, 10, calendar));

  const refused = await api()
    .post(`/complaints/${reference}/early-resolution/resolution`)
    .set('Authorization', `Bearer ${token}`)
    .send({ summary: 'Too short', complainantSatisfied: false })
    .expect(400);
  expect(refused.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
    'complainantSatisfied',
    'summary',
  ]);

  const summary = `You were kept waiting six hours without an update. We apologised and changed how the waiting room is kept informed <${reference}>.`;
  await api()
    .post(`/complaints/${reference}/early-resolution/resolution`)
    .set('Authorization', `Bearer ${token}`)
    .send({ summary, complainantSatisfied: true })
    .expect(200);

  const [letter] = await inbox.waitFor(
    (m) => m.subject === `Your complaint ${reference}: how it was resolved`,
  );
  expect(letter.to[0].address).toBe(body.complainant.email);
  expect(letter.text.replace(/\s+/g, ' ')).toContain(summary);
  expect(letter.html).toContain('&lt;' + reference + '&gt;');

  const closed = await detailWhen(reference, token, (b) => b.closedAt !== null);
  expect(closed.stage).toBe('resolved-early');
  expect(closed.nextDeadline).toBeNull();
  expect(closed.timeline.map((e: { type: string }) => e.type).slice(-4)).toEqual([
    'early-resolution-started',
    'early-resolution-summary-written',
    'resolved-early',
    'closed',
  ]);

  const late = await api()
    .post(`/complaints/${reference}/withdrawal`)
    .set('Authorization', `Bearer ${token}`)
    .expect(409);
  expect(late.body.detail).toContain('closed');
});

it('HPFT: an extension into the past is refused naming R-ER-1; the closer look then runs 35 working days (R-ER-2, R-INV-4)', async () => {
  const { token, body, reference, detail } = await acknowledgedComplaint('HPFT');
  expect(detail.stage).toBe('early-resolution');
  const past = await api()
    .post(`/complaints/${reference}/early-resolution/extension`)
    .set('Authorization', `Bearer ${token}`)
    .send({ newTarget: '2020-01-01', agreedWithComplainant: true })
    .expect(409);
  expect(past.body).toEqual(
    expect.objectContaining({ rule: 'R-ER-1', detail: expect.stringContaining('in the past') }),
  );

  const later = workingDaysAfterReceipt(body.receivedOn, 15, calendar)!;
  const extended = await api()
    .post(`/complaints/${reference}/early-resolution/extension`)
    .set('Authorization', `Bearer ${token}`)
    .send({ newTarget: later, agreedWithComplainant: true })
    .expect(200);
  expect(extended.body.due).toBe(later);

  const closer = await api()
    .post(`/complaints/${reference}/closer-look`)
    .set('Authorization', `Bearer ${token}`)
    .expect(200);
  expect(closer.body).toEqual({
    basis: 'profile-working-days',
    due: workingDaysAfterReceipt(body.receivedOn, 35, calendar),
  });
  const after = await detailWhen(
    reference,
    token,
    (b) => b.stage === 'closer-look' && b.deadlines.finalResponse !== undefined,
  );
  expect(after.nextDeadline).toBe(closer.body.due);

  // R-INV-6 through the API: paused, no deadline; resumed the same day, nothing was paused.
  const paused = await api()
    .post(`/complaints/${reference}/clock/pause`)
    .set('Authorization', `Bearer ${token}`)
    .send({ reason: 'seeking-consent' })
    .expect(200);
  expect(paused.body.due).toBeNull();
  await api()
    .post(`/complaints/${reference}/clock/pause`)
    .set('Authorization', `Bearer ${token}`)
    .send({ reason: 'holiday' })
    .expect(400);
  const twice = await api()
    .post(`/complaints/${reference}/clock/pause`)
    .set('Authorization', `Bearer ${token}`)
    .send({ reason: 'police' })
    .expect(409);
  expect(twice.body.rule).toBe('R-INV-6');
  // Issue #12 point 10: a resumption says why, and happened no later than today.
  const noReason = await api()
    .post(`/complaints/${reference}/clock/resume`)
    .set('Authorization', `Bearer ${token}`)
    .expect(400);
  expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
  const tomorrow = await api()
    .post(`/complaints/${reference}/clock/resume`)
    .set('Authorization', `Bearer ${token}`)
    .send({ reason: 'information-received', on: addCalendarDays(londonDate(new Date()), 1) })
    .expect(409);
  expect(tomorrow.body).toEqual(
    expect.objectContaining({ rule: 'R-INV-6', detail: expect.stringContaining('after today') }),
  );
  const resumed = await api()
    .post(`/complaints/${reference}/clock/resume`)
    .set('Authorization', `Bearer ${token}`)
    .send({ reason: 'information-received' })
    .expect(200);
  expect(resumed.body.due).toBe(closer.body.due);

  // Each deadline explains itself, and agrees with the workflow's dates.
  const explained = await api()
    .get(`/complaints/${reference}/deadlines`)
    .set('Authorization', `Bearer ${token}`)
    .expect(200);
  expect(explained.body.map((d: { name: string; due: string }) => [d.name, d.due])).toEqual([
    ['acknowledgement', detail.deadlines.acknowledgement],
    ['earlyResolution', later],
    ['finalResponse', closer.body.due],
  ]);
  const [, early, final] = explained.body;
  expect(early.extensions).toEqual([expect.objectContaining({ kind: 'new-date', due: later })]);
  expect(final).toEqual(
    expect.objectContaining({
      rule: 'R-INV-4',
      profile: { id: 'hpft', version: 1 },
      basis: 'working-days',
      start: body.receivedOn,
      amount: 35,
    }),
  );
  expect(final.explanation).toMatch(/^R-INV-4 \(hpft v1\): 35 working days from .*calendar: .*England.*due /);
  expect(after.deadlines).toEqual(
    expect.objectContaining({ earlyResolution: later, finalResponse: closer.body.due }),
  );
});

it.each([
  ['ITRUST', (receivedOn: string) => workingDaysAfterReceipt(receivedOn, 20, calendar)],
  ['CWTH', (receivedOn: string) => calendarMonthsAfterReceipt(receivedOn, 1)],
])(
  '%s: straight to a closer look with the profile timescale; withdrawal closes it',
  async (organisation, expectedDue) => {
    const { token, body, reference, detail } = await acknowledgedComplaint(organisation);
    expect(detail.stage).toBe('closer-look');
    const withDeadline = await detailWhen(reference, token, (b) => b.deadlines.finalResponse !== undefined);
    expect(withDeadline.deadlines.finalResponse).toBe(expectedDue(body.receivedOn));
    const early = await api()
      .post(`/complaints/${reference}/early-resolution/resolution`)
      .set('Authorization', `Bearer ${token}`)
      .send({ summary: 'Resolved by a call with the practice manager.', complainantSatisfied: true })
      .expect(409);
    expect(early.body.rule).toBe('R-ER-1');

    await api()
      .post(`/complaints/${reference}/withdrawal`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    const withdrawn = await detailWhen(reference, token, (b) => b.closedAt !== null);
    expect(withdrawn.stage).toBe('withdrawn');
  },
);
