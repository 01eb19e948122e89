// Referrals to the Ombudsman (R-RESP-3, regulation 18; ADR 0031) through the HTTP API on the real Postgres: a
// complaints manager records that the person took the complaint to the PHSO and, later, the decision; each
// recommendation joins the complaint's action plan as an `ombudsman` action, which the daily reminders' activity
// finds once overdue and which is done with evidence; bad dates are 400s naming the field, and a body not open to
// the complaint, a second pending referral, a second decision and feedback are 409s naming the rule.
import type { DataSource } from 'typeorm';
import { createActionPlanActivities } from '@complaints/activities/action-plan';
import { seedDemoData } from '@complaints/db';
import { addCalendarDays, londonDate } from '@complaints/domain';
import { openTestDataSource, uniqueSuffix } from '@complaints/testing';
import { as, useApi } from './api-harness';
import { insertComplaint, insertOrganisation, referenceOf, staffIdOf, tokenOf } from './report-fixtures';

const { api } = useApi({ workers: false, timeoutMs: 120_000 });

let dataSource: DataSource;
const suffix = uniqueSuffix().slice(-5).toUpperCase();
const hpft = `O${suffix}`;
const itrust = `I${suffix}`;
const complaint = referenceOf(hpft, 'a');
const feedback = referenceOf(hpft, 'f');
const clinic = referenceOf(itrust, 'c');

beforeAll(async () => {
  dataSource = await openTestDataSource();
  await seedDemoData(dataSource);
  await insertOrganisation(dataSource, hpft, 'hpft');
  await insertOrganisation(dataSource, itrust, 'itrust');
  await insertComplaint(dataSource, hpft, 'hpft', {
    name: 'a',
    receivedOn: '2026-04-10',
    stage: 'closed',
    closedOn: '2026-05-01',
    outcome: 'not-upheld',
  });
  await insertComplaint(dataSource, hpft, 'hpft', {
    name: 'f',
    kind: 'feedback',
    receivedOn: '2026-04-10',
    stage: 'feedback-recorded',
  });
  await insertComplaint(dataSource, itrust, 'itrust', { name: 'c', receivedOn: '2026-04-10' });
});

afterAll(async () => dataSource?.destroy());

const referrals = (reference: string) => `/complaints/${reference}/ombudsman-referrals`;

it('R-RESP-3: records the referral and the decision; its recommendations are actions of the plan, reminded and done with evidence', async () => {
  const manager = await tokenOf(hpft, 'complaints-manager');
  const handlerId = staffIdOf(hpft, 'handler');
  const referred = await api()
    .post(referrals(complaint))
    .set(as(manager))
    .send({ body: 'phso', referredOn: '2026-05-20', bodyReference: 'C-2026-004512' })
    .expect(201);
  expect(referred.body).toMatchObject({
    body: 'phso',
    referredOn: '2026-05-20',
    bodyReference: 'C-2026-004512',
    recordedBy: staffIdOf(hpft, 'complaints-manager'),
    decision: null,
    recommendations: [],
  });
  const again = await api()
    .post(referrals(complaint))
    .set(as(manager))
    .send({ body: 'phso', referredOn: '2026-05-21' })
    .expect(409);
  expect(again.body).toMatchObject({ rule: 'R-RESP-3', detail: expect.stringContaining('since 2026-05-20') });

  const today = londonDate(new Date());
  const overdue = addCalendarDays(today, -10);
  const decided = await api()
    .post(`${referrals(complaint)}/${referred.body.id}/decision`)
    .set(as(manager))
    .send({
      decision: 'partially-upheld',
      decidedOn: '2026-10-02',
      recommendations: [
        { description: 'Apologise in writing for the delay', ownerId: handlerId, due: overdue },
        { description: 'Audit discharge letters for a quarter', ownerId: handlerId, due: '2099-03-31' },
      ],
    })
    .expect(200);
  expect(decided.body).toMatchObject({
    decision: 'partially-upheld',
    decidedOn: '2026-10-02',
    decisionRecordedBy: staffIdOf(hpft, 'complaints-manager'),
    recommendations: [
      {
        id: 'ombudsman-1',
        source: 'ombudsman',
        status: 'open',
        due: overdue,
        overdue: true,
        ownerId: handlerId,
      },
      { id: 'ombudsman-2', source: 'ombudsman', status: 'open', due: '2099-03-31', overdue: false },
    ],
  });
  const twice = await api()
    .post(`${referrals(complaint)}/${referred.body.id}/decision`)
    .set(as(manager))
    .send({ decision: 'upheld', decidedOn: '2026-10-03' })
    .expect(409);
  expect(twice.body).toMatchObject({ rule: 'R-RESP-3', detail: expect.stringContaining('partially-upheld') });

  // On the complaint's action plan and timeline, as every action is.
  const shown = await api().get(`/complaints/${complaint}`).set(as(manager)).expect(200);
  expect(shown.body.actions).toEqual([
    expect.objectContaining({ id: 'ombudsman-1', ombudsmanReferralId: referred.body.id }),
    expect.objectContaining({ id: 'ombudsman-2', ombudsmanReferralId: referred.body.id }),
  ]);
  const types = (shown.body.timeline as { type: string; rule: string | null }[]).map((e) => [e.type, e.rule]);
  expect(types).toEqual(
    expect.arrayContaining([
      ['ombudsman-referral-recorded', 'R-RESP-3'],
      ['ombudsman-decision-recorded', 'R-RESP-3'],
    ]),
  );
  // R-INT-8: the owner joined the case team.
  await api()
    .get(`/complaints/${complaint}`)
    .set(as(await tokenOf(hpft, 'handler')))
    .expect(200);

  // The daily reminders find the overdue recommendation: its owner reminded, and a week on the senior managers.
  const followUps = await createActionPlanActivities({ dataSource }).findActionFollowUps({ asOf: today });
  expect(followUps.filter((followUp) => followUp.reference === complaint)).toEqual([
    {
      reference: complaint,
      actionKey: 'ombudsman-1',
      source: 'ombudsman',
      ownerId: handlerId,
      due: overdue,
      kind: 'reminder',
    },
    {
      reference: complaint,
      actionKey: 'ombudsman-1',
      source: 'ombudsman',
      ownerId: handlerId,
      due: overdue,
      kind: 'escalation',
    },
  ]);

  const done = await api()
    .post(`/complaints/${complaint}/actions/ombudsman-1/completion`)
    .set(as(manager))
    .send({ evidence: 'Letter of apology sent; copy on the case file.' })
    .expect(200);
  expect(done.body).toMatchObject({ id: 'ombudsman-1', status: 'done', closedOn: today });
  const listed = await api().get(referrals(complaint)).set(as(manager)).expect(200);
  expect(listed.body).toHaveLength(1);
  expect(listed.body[0].recommendations.map((action: { status: string }) => action.status)).toEqual([
    'done',
    'open',
  ]);
  const timeline = (await api().get(`/complaints/${complaint}`).set(as(manager)).expect(200)).body.timeline;
  expect(timeline.map((event: { type: string }) => event.type)).toContain('ombudsman-action-completed');
});

it('refuses bad dates as 400s naming the field, and a decision before its referral', async () => {
  const manager = await tokenOf(hpft, 'complaints-manager');
  const tomorrow = addCalendarDays(londonDate(new Date()), 1);
  const post = (body: Record<string, unknown>) =>
    api().post(referrals(complaint)).set(as(manager)).send(body);
  const fields = async (body: Record<string, unknown>) =>
    (await post(body).expect(400)).body.errors.map((error: { field: string; reason: string }) => error);

  expect(await fields({ body: 'phso', referredOn: tomorrow })).toEqual([
    { field: 'referredOn', reason: expect.stringContaining('must not be after today') },
  ]);
  expect(await fields({ body: 'lgsco', referredOn: '2026-04-09' })).toEqual([
    { field: 'referredOn', reason: 'must not be before the complaint was received (2026-04-10)' },
  ]);
  expect(
    (await fields({ body: 'ombudsman', referredOn: '2026-02-30' }))
      .map((e: { field: string }) => e.field)
      .sort(),
  ).toEqual(['body', 'referredOn']);

  const cqc = await post({ body: 'cqc', referredOn: '2026-06-01' }).expect(201);
  const decide = (body: Record<string, unknown>) =>
    api()
      .post(`${referrals(complaint)}/${cqc.body.id}/decision`)
      .set(as(manager))
      .send(body);
  expect((await decide({ decision: 'upheld', decidedOn: '2026-05-31' }).expect(400)).body.errors).toEqual([
    { field: 'decidedOn', reason: 'must not be before the referral (referredOn 2026-06-01)' },
  ]);
  expect((await decide({ decision: 'upheld', decidedOn: tomorrow }).expect(400)).body.errors).toEqual([
    { field: 'decidedOn', reason: expect.stringContaining('must not be after today') },
  ]);
  expect(
    (
      await decide({
        decision: 'not-investigated',
        decidedOn: '2026-06-02',
        recommendations: [{ description: 'x', ownerId: staffIdOf(hpft, 'handler'), due: '2026-07-01' }],
      }).expect(400)
    ).body.errors,
  ).toEqual([
    { field: 'recommendations', reason: 'a complaint the body did not investigate has no recommendations' },
  ]);
  expect(
    (
      await decide({
        decision: 'upheld',
        decidedOn: '2026-06-02',
        recommendations: [{ description: 'x', ownerId: 'itrust-handler', due: '2026-07-01' }],
      }).expect(400)
    ).body.errors,
  ).toEqual([
    { field: 'actions[0].ownerId', reason: 'must be an active member of staff of your organisation' },
  ]);
  await api()
    .post(`${referrals(complaint)}/3fa85f64-5717-4562-b3fc-2c963f66afa6/decision`)
    .set(as(manager))
    .send({ decision: 'upheld', decidedOn: '2026-06-02' })
    .expect(404);
  // Nothing was recorded by the refusals.
  const listed = await api().get(referrals(complaint)).set(as(manager)).expect(200);
  expect(listed.body.find((referral: { id: string }) => referral.id === cqc.body.id).decision).toBeNull();
});

it('refuses (409, R-RESP-3) a body not open to the complaint, and feedback; only complaints managers record', async () => {
  const clinicManager = await tokenOf(itrust, 'complaints-manager');
  const refused = await api()
    .post(referrals(clinic))
    .set(as(clinicManager))
    .send({ body: 'phso', referredOn: '2026-05-01' })
    .expect(409);
  expect(refused.body).toMatchObject({
    rule: 'R-RESP-3',
    detail: expect.stringContaining(
      'Parliamentary and Health Service Ombudsman is not open to complaints under',
    ),
  });
  const manager = await tokenOf(hpft, 'complaints-manager');
  const notAComplaint = await api()
    .post(referrals(feedback))
    .set(as(manager))
    .send({ body: 'phso', referredOn: '2026-05-01' })
    .expect(409);
  expect(notAComplaint.body.rule).toBe('R-RESP-3');
  await api()
    .post(referrals(complaint))
    .set(as(await tokenOf(hpft, 'handler')))
    .send({ body: 'lgsco', referredOn: '2026-05-01' })
    .expect(403);
  // Another organisation's complaints manager cannot see it is there.
  await api().get(referrals(complaint)).set(as(clinicManager)).expect(404);
});
