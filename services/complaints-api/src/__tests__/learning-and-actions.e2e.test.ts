// Learning and the action plan through the HTTP API (ADR 0024), with the real workers, Postgres, Temporal and SMTP:
// a complaint resolved early records its outcome and its learning, with actions owned by staff; bad input is a
// problem naming each field; the daily reminders workflow (run by hand, as its Schedule runs it) reminds the owner
// of each overdue action and escalates one a week overdue to the senior managers, read back from the inbox, and a
// second run sends and records nothing more; an action is done only with evidence, once; a withdrawn complaint's
// outcome is `withdrawn`.
import { addCalendarDays, londonDate } from '@complaints/domain';
import { DEMO_STAFF } from '@complaints/db';
import { TASK_QUEUES } from '@complaints/temporal';
import { MailInbox, uniqueSuffix } from '@complaints/testing';
import { as, complaintBody, tokenFor, useApi } from './api-harness';

const { api, detailWhen, workers } = useApi({ timeoutMs: 120_000 });

const inbox = new MailInbox();
const emailOf = (id: string) => DEMO_STAFF.find((user) => user.id === id)!.email;

async function acknowledged(token: string) {
  const created = await api().post('/complaints').set(as(token)).send(complaintBody()).expect(201);
  const reference: string = created.body.reference;
  await api()
    .post(`/complaints/${reference}/acknowledgement`)
    .set(as(token))
    .send({ method: 'written' })
    .expect(200);
  await detailWhen(reference, token, (detail) => detail.stage === 'early-resolution');
  return reference;
}

/** One run of the daily reminders, as the `action-reminders` Schedule starts it. */
const runReminders = () =>
  workers().client.workflow.execute('actionReminders', {
    taskQueue: TASK_QUEUES.complaints,
    workflowId: `action-reminders-test-${uniqueSuffix()}`,
  });

it('records learning on an early resolution, reminds and escalates its overdue actions once, and closes them with evidence', async () => {
  const handler = await tokenFor('handler@hpft.demo');
  const reference = await acknowledged(handler);
  await api()
    .post(`/complaints/${reference}/early-resolution/resolution`)
    .set(as(handler))
    .send({
      summary: 'We explained the wait and apologised; the waiting room now has a board with times.',
      complainantSatisfied: true,
    })
    .expect(200);
  const resolved = await detailWhen(reference, handler, (detail) => detail.closedAt !== null);
  expect(resolved).toMatchObject({
    stage: 'resolved-early',
    outcome: 'resolved-early',
    learning: [],
    actions: [],
  });

  const bad = await api()
    .post(`/complaints/${reference}/learning`)
    .set(as(handler))
    .send({
      learning: '',
      actions: [{ description: 'Board', ownerId: 'hpft-complaint-lead', due: '2026-02-30' }],
    })
    .expect(400);
  expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
    'actions.0.due',
    'learning',
  ]);
  const stranger = await api()
    .post(`/complaints/${reference}/learning`)
    .set(as(handler))
    .send({
      learning: 'x',
      actions: [{ description: 'Board', ownerId: 'itrust-handler', due: '2026-03-01' }],
    })
    .expect(400);
  expect(stranger.body.errors).toEqual([
    { field: 'actions[0].ownerId', reason: 'must be an active member of staff of your organisation' },
  ]);

  const today = londonDate(new Date());
  const weekAndMore = addCalendarDays(today, -10);
  const yesterday = addCalendarDays(today, -1);
  const recorded = await api()
    .post(`/complaints/${reference}/learning`)
    .set(as(handler))
    .send({
      learning: 'People waiting were not told how long it would be.',
      actions: [
        {
          description: 'Put up a board with waiting times',
          ownerId: 'hpft-complaint-lead',
          due: weekAndMore,
        },
        { description: 'Brief reception on telling people', ownerId: 'hpft-complaint-lead', due: yesterday },
      ],
    })
    .expect(201);
  expect(recorded.body).toMatchObject({
    learning: 'People waiting were not told how long it would be.',
    recordedBy: 'hpft-handler',
    actions: [
      { id: 'learning-1', source: 'learning', status: 'open', due: weekAndMore, overdue: true },
      { id: 'learning-2', source: 'learning', status: 'open', due: yesterday, overdue: true },
    ],
  });
  const shown = await api().get(`/complaints/${reference}`).set(as(handler)).expect(200);
  expect(shown.body.learning).toEqual([expect.objectContaining({ id: recorded.body.id })]);
  expect(shown.body.actions.map((action: { id: string }) => action.id)).toEqual(['learning-1', 'learning-2']);
  // R-INT-8: the owner is on the case team, so they can open the case their action belongs to.
  await api()
    .get(`/complaints/${reference}`)
    .set(as(await tokenFor('complaint-lead@hpft.demo')))
    .expect(200);

  await runReminders();
  const ours = (subject: string) => subject.includes(`complaint ${reference} `);
  const lead = emailOf('hpft-complaint-lead');
  const reminders = await inbox.waitFor(
    (m) => ours(m.subject) && m.subject.startsWith('Reminder: learning action') && m.to[0].address === lead,
    { count: 2 },
  );
  expect(reminders.map((m) => m.subject.split(' for ')[0]).sort()).toEqual([
    'Reminder: learning action learning-1',
    'Reminder: learning action learning-2',
  ]);
  const [escalation] = await inbox.waitFor(
    (m) => ours(m.subject) && m.subject.startsWith('Escalation: learning action learning-1'),
  );
  expect(escalation.to.map((to) => to.address)).toContain(emailOf('hpft-senior-manager'));
  expect(escalation.text).toContain('R-MON-1');
  const sentBefore = (await inbox.messages()).filter((m) => ours(m.subject)).length;

  // A second run the same day finds the same actions overdue and sends and records nothing more.
  await runReminders();
  const after = await api().get(`/complaints/${reference}`).set(as(handler)).expect(200);
  const followUps = after.body.timeline.filter((e: { type: string }) => e.type.startsWith('action-overdue-'));
  expect(
    followUps.map((e: { type: string; data: { actionKey: string } }) => [e.type, e.data.actionKey]).sort(),
  ).toEqual([
    ['action-overdue-escalated', 'learning-1'],
    ['action-overdue-reminded', 'learning-1'],
    ['action-overdue-reminded', 'learning-2'],
  ]);
  expect((await inbox.messages()).filter((m) => ours(m.subject)).length).toBe(sentBefore);

  const noEvidence = await api()
    .post(`/complaints/${reference}/actions/learning-1/completion`)
    .set(as(handler))
    .send({})
    .expect(400);
  expect(noEvidence.body.errors.map((e: { field: string }) => e.field)).toEqual(['evidence']);
  const done = await api()
    .post(`/complaints/${reference}/actions/learning-1/completion`)
    .set(as(handler))
    .send({ evidence: 'Photo of the board on the team site, 1 December.' })
    .expect(200);
  expect(done.body).toMatchObject({
    id: 'learning-1',
    status: 'done',
    overdue: false,
    evidence: 'Photo of the board on the team site, 1 December.',
    closedBy: 'hpft-handler',
    closedOn: today,
  });
  const twice = await api()
    .post(`/complaints/${reference}/actions/learning-1/completion`)
    .set(as(handler))
    .send({ evidence: 'again' })
    .expect(409);
  expect(twice.body.rule).toBe('R-MON-1');
  const cancelled = await api()
    .post(`/complaints/${reference}/actions/learning-2/cancellation`)
    .set(as(handler))
    .send({ reason: 'Reception moved to the new front desk, briefed as part of its opening.' })
    .expect(200);
  expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: expect.any(String) });
  await api()
    .post(`/complaints/${reference}/actions/learning-9/completion`)
    .set(as(handler))
    .send({ evidence: 'x' })
    .expect(404);
  // Nothing is left overdue, so the reminders workflow may no longer act on this complaint at all.
  const closedPlan = await api().get(`/complaints/${reference}`).set(as(handler)).expect(200);
  expect(closedPlan.body.actions.map((a: { status: string }) => a.status)).toEqual(['done', 'cancelled']);
});

it('gives a withdrawn complaint the outcome withdrawn, and takes learning on feedback too', async () => {
  const handler = await tokenFor('handler@hpft.demo');
  const reference = await acknowledged(handler);
  await api().post(`/complaints/${reference}/withdrawal`).set(as(handler)).expect(200);
  const withdrawn = await detailWhen(reference, handler, (detail) => detail.closedAt !== null);
  expect(withdrawn).toMatchObject({ stage: 'withdrawn', outcome: 'withdrawn' });

  const feedback = await api()
    .post('/complaints')
    .set(as(handler))
    .send(complaintBody({ kind: 'feedback' }))
    .expect(201);
  await api()
    .post(`/complaints/${feedback.body.reference}/learning`)
    .set(as(handler))
    .send({ learning: 'The car park signs point the wrong way.' })
    .expect(201);
  const shown = await api().get(`/complaints/${feedback.body.reference}`).set(as(handler)).expect(200);
  expect(shown.body.learning.map((point: { learning: string }) => point.learning)).toEqual([
    'The car park signs point the wrong way.',
  ]);
  expect(shown.body.outcome).toBeNull();
});

it('R-INT-4 (issue #12 point 8): an anonymous complaint closes with its learning review, whose outcome it keeps; nothing is sent', async () => {
  const handler = await tokenFor('handler@hpft.demo');
  const created = await api()
    .post('/complaints')
    .set(as(handler))
    .send(complaintBody({ anonymous: true, complainant: undefined, replyChannels: undefined }))
    .expect(201);
  const reference: string = created.body.reference;
  await detailWhen(reference, handler, (detail) =>
    detail.timeline.some((event) => event.type === 'anonymous-complaint-recorded'),
  );
  const bad = await api()
    .post(`/complaints/${reference}/learning-review`)
    .set(as(handler))
    .send({ learning: 'Night staff were not told of the visiting change.', outcome: 'maybe' })
    .expect(400);
  expect(bad.body.errors).toEqual([{ field: 'outcome', reason: expect.stringContaining('upheld') }]);

  const reviewed = await api()
    .post(`/complaints/${reference}/learning-review`)
    .set(as(handler))
    .send({
      learning: 'Night staff were not told of the visiting change.',
      outcome: 'partially-upheld',
      actions: [{ description: 'Brief the night staff', ownerId: 'hpft-complaint-lead', due: '2099-01-29' }],
    })
    .expect(201);
  expect(reviewed.body).toMatchObject({
    outcome: 'partially-upheld',
    learning: 'Night staff were not told of the visiting change.',
    actions: [expect.objectContaining({ id: 'learning-1', ownerId: 'hpft-complaint-lead' })],
  });
  const closed = await detailWhen(reference, handler, (detail) => detail.closedAt !== null);
  expect(closed).toMatchObject({ stage: 'closed', outcome: 'partially-upheld' });
  expect(closed.timeline.map((event) => event.type)).toEqual(
    expect.arrayContaining(['learning-recorded', 'learning-review-completed']),
  );
  const again = await api()
    .post(`/complaints/${reference}/learning-review`)
    .set(as(handler))
    .send({ learning: 'Again.', outcome: 'upheld' })
    .expect(409);
  expect(again.body.rule).toBe('R-INT-4');
  expect((await inbox.messages()).filter((m) => m.subject.includes(reference))).toEqual([]);

  // A complaint with a person to answer is answered by the procedure, not closed by a review.
  const named = await acknowledged(handler);
  const refused = await api()
    .post(`/complaints/${named}/learning-review`)
    .set(as(handler))
    .send({ learning: 'Something.', outcome: 'upheld' })
    .expect(409);
  expect(refused.body).toMatchObject({
    rule: 'R-INT-4',
    detail: expect.stringContaining('only an anonymous'),
  });
});
