// Issue: first complaint end to end. POST → Postgres row → running workflow → acknowledgement email in the
// real SMTP server's inbox → timeline; idempotent intake; bad input; authorisation; no personal data in Temporal.
import type { EntityManager } from 'typeorm';
import { Complaint } from '@complaints/db';
import { SEARCH_ATTRIBUTES } from '@complaints/temporal';
import { MailInbox } from '@complaints/testing';
import { ComplaintWorkflowStarter } from '../intake/complaint-workflow.starter';
import { complaintBody, eventually, tokenFor, useApi } from './api-harness';

const { api, workers, restartApi } = useApi({ timeoutMs: 60_000 });

let handler: string;
const inbox = new MailInbox();

beforeAll(async () => {
  handler = await tokenFor('handler@hpft.demo');
});

const countComplaints = () => workers().dataSource.getRepository(Complaint).count();

describe('a complaint from intake to its acknowledgement letter', () => {
  it('is recorded, gets its workflow, is acknowledged in writing, and the letter reaches the inbox once', async () => {
    const body = complaintBody();
    const created = await api()
      .post('/complaints')
      .set('Authorization', `Bearer ${handler}`)
      .send(body)
      .expect(201);
    const { reference } = created.body;
    expect(reference).toMatch(/^HPFT-\d{4}-\d{6}$/);
    expect(created.headers.location).toBe(`/complaints/${reference}`);
    expect(created.body).toEqual({
      reference,
      organisation: 'HPFT',
      kind: 'complaint',
      profile: { id: 'hpft', version: 1 },
      stage: 'awaiting-acknowledgement',
      deadlines: { acknowledgement: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
    });

    const row = await workers()
      .dataSource.getRepository(Complaint)
      .findOneOrFail({ where: { reference }, relations: { parties: true, issues: true } });
    expect(row.parties[0]).toEqual(
      expect.objectContaining({
        role: 'complainant',
        name: body.complainant.name,
        email: body.complainant.email,
      }),
    );
    expect(row.issues[0].description).toBe(body.issues[0].description);

    const handle = workers().client.workflow.getHandle(reference);
    const description = await eventually(
      () => handle.describe(),
      (d) => d.typedSearchAttributes.get(SEARCH_ATTRIBUTES.stage) === 'awaiting-acknowledgement',
    );
    expect(description.status.name).toBe('RUNNING');
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.organisation)).toBe('HPFT');
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.complaintReference)).toBe(reference);
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.breached)).toBe(false);

    const acknowledged = await api()
      .post(`/complaints/${reference}/acknowledgement`)
      .set('Authorization', `Bearer ${handler}`)
      .send({ method: 'written' })
      .expect(200);
    expect(acknowledged.body).toEqual({
      acknowledgedOn: body.receivedOn,
      due: created.body.deadlines.acknowledgement,
      onTime: true,
      method: 'written',
    });

    const [letter] = await inbox.waitFor((message) =>
      message.to.some((to) => to.address === body.complainant.email),
    );
    expect(letter.subject).toBe(`Your complaint ${reference}: acknowledgement`);
    expect(letter.from[0].address).toBe('hpft.complaints@nhs.example');
    expect(letter.html).toContain(`Dear ${body.complainant.name}`);
    expect(letter.html).toContain('formal acknowledgement');
    expect(letter.text).toContain(reference);
    expect(letter.messageId).toContain(`${reference}.acknowledgement-letter.email@complaints.test`);

    const detail = await eventually(
      () =>
        api()
          .get(`/complaints/${reference}`)
          .set('Authorization', `Bearer ${handler}`)
          .then((r) => r.body),
      (b) => b.timeline?.some((event: { type: string }) => event.type === 'early-resolution-started'),
    );
    // Acknowledged, an HPFT complaint moves on to early resolution (R-ER-1).
    expect(detail.stage).toBe('early-resolution');
    expect(detail.acknowledgedAt).not.toBeNull();
    expect(detail.timeline.map((event: { type: string }) => event.type)).toEqual([
      'complaint-received',
      'acknowledgement-clock-started',
      'acknowledged',
      'correspondence-sent',
      'early-resolution-started',
    ]);
    expect(detail.timeline[2]).toEqual(
      expect.objectContaining({ rule: 'R-ACK-1', actor: { type: 'staff', id: 'hpft-handler' } }),
    );

    const again = await api()
      .post(`/complaints/${reference}/acknowledgement`)
      .set('Authorization', `Bearer ${handler}`)
      .send({ method: 'written' })
      .expect(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.body).toEqual(
      expect.objectContaining({
        status: 409,
        rule: 'R-ACK-1',
        detail: expect.stringContaining('already acknowledged'),
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await inbox.messagesTo(body.complainant.email)).toHaveLength(1);
  });

  it('accepts an organisation code in any case and records it in capitals', async () => {
    const created = await api()
      .post('/complaints')
      .set('Authorization', `Bearer ${handler}`)
      .send(complaintBody({ organisation: 'hpft' }))
      .expect(201);
    expect(created.body.reference).toMatch(/^HPFT-\d{4}-\d{6}$/);
    const page = await api()
      .get('/complaints')
      .query({ organisation: 'Hpft', pageSize: 100 })
      .set('Authorization', `Bearer ${handler}`)
      .expect(200);
    expect(page.body.items.map((item: { reference: string }) => item.reference)).toContain(
      created.body.reference,
    );
  });

  it('lists the complaint in the worklist, soonest deadline first, filtered by stage and deadline', async () => {
    const created = await api()
      .post('/complaints')
      .set('Authorization', `Bearer ${handler}`)
      .send(complaintBody())
      .expect(201);
    const due = created.body.deadlines.acknowledgement;
    const page = await api()
      .get('/complaints')
      .query({ stage: 'awaiting-acknowledgement', deadlineBefore: due, pageSize: 100 })
      .set('Authorization', `Bearer ${handler}`)
      .expect(200);
    expect(page.body.items.map((item: { reference: string }) => item.reference)).toContain(
      created.body.reference,
    );
    const deadlines = page.body.items.map((item: { nextDeadline: string }) => item.nextDeadline);
    expect([...deadlines].sort()).toEqual(deadlines);
    expect(
      page.body.items.every(
        (item: { stage: string; organisation: string }) =>
          item.stage === 'awaiting-acknowledgement' && item.organisation === 'HPFT',
      ),
    ).toBe(true);
    const none = await api()
      .get('/complaints')
      .query({ deadlineBefore: '2000-01-01' })
      .set('Authorization', `Bearer ${handler}`)
      .expect(200);
    expect(none.body).toEqual({ items: [], page: 1, pageSize: 25, total: 0 });
  });

  it('records feedback and anonymous complaints without any letter (R-INT-3, R-INT-4)', async () => {
    const feedback = await api()
      .post('/complaints')
      .set('Authorization', `Bearer ${handler}`)
      .send(complaintBody({ kind: 'feedback' }))
      .expect(201);
    expect(feedback.body.stage).toBe('feedback-recorded');
    expect(feedback.body.deadlines).toEqual({});
    const anonymous = await api()
      .post('/complaints')
      .set('Authorization', `Bearer ${handler}`)
      .send(complaintBody({ anonymous: true, complainant: undefined, replyChannels: undefined }))
      .expect(201);
    expect(anonymous.body.stage).toBe('reviewing-for-learning');
    const refused = await api()
      .post(`/complaints/${anonymous.body.reference}/acknowledgement`)
      .set('Authorization', `Bearer ${handler}`)
      .send({ method: 'written' });
    expect(refused.status).toBe(409);
    expect(refused.body.rule).toBe('R-INT-4');
  });
});

describe('idempotent intake', () => {
  it('returns the same complaint for a retried request with the same Idempotency-Key', async () => {
    const body = complaintBody();
    const key = `retry-${Date.now()}-${Math.random()}`;
    const first = await api()
      .post('/complaints')
      .set('Authorization', `Bearer ${handler}`)
      .set('Idempotency-Key', key)
      .send(body)
      .expect(201);
    const second = await api()
      .post('/complaints')
      .set('Authorization', `Bearer ${handler}`)
      .set('Idempotency-Key', key)
      .send(body)
      .expect(201);
    expect(second.body.reference).toBe(first.body.reference);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await workers().dataSource.getRepository(Complaint).countBy({ idempotencyKey: key })).toBe(1);

    const different = await api()
      .post('/complaints')
      .set('Authorization', `Bearer ${handler}`)
      .set('Idempotency-Key', key)
      .send(complaintBody())
      .expect(422);
    expect(different.body.detail).toContain(first.body.reference);
  });

  it('creates exactly one complaint when two requests with one key race', async () => {
    const body = complaintBody();
    const key = `race-${Date.now()}-${Math.random()}`;
    const send = () =>
      api()
        .post('/complaints')
        .set('Authorization', `Bearer ${handler}`)
        .set('Idempotency-Key', key)
        .send(body);
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.reference).toBe(b.body.reference);
    expect(await workers().dataSource.getRepository(Complaint).countBy({ idempotencyKey: key })).toBe(1);
  });
});

describe('bad input is refused with problem details naming each field; nothing is stored', () => {
  const tomorrow = () => new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const cases: [string, () => Record<string, unknown>, string[]][] = [
    ['wrong types', () => complaintBody({ anonymous: 'yes', issues: 'lots' }), ['anonymous', 'issues']],
    [
      'missing required fields',
      () => ({ organisation: 'HPFT' }),
      ['kind', 'channel', 'receivedOn', 'complainant', 'issues'],
    ],
    ['an unknown field', () => complaintBody({ favouriteColour: 'blue' }), ['favouriteColour']],
    ['a receipt date in the future', () => complaintBody({ receivedOn: tomorrow() }), ['receivedOn']],
    ['an impossible date', () => complaintBody({ receivedOn: '2026-02-30' }), ['receivedOn']],
    [
      'a date of birth after receipt',
      () => complaintBody({ complainant: { ...complaintBody().complainant, dateOfBirth: '2099-01-01' } }),
      ['complainant.dateOfBirth'],
    ],
    ['an unknown organisation', () => complaintBody({ organisation: 'NOPE' }), ['organisation']],
    [
      'oversized text',
      () => complaintBody({ issues: [{ description: 'x'.repeat(20_001) }] }),
      ['issues.0.description'],
    ],
    [
      'a bad email and channel',
      () =>
        complaintBody({
          channel: 'pigeon',
          complainant: { ...complaintBody().complainant, email: 'not-an-email' },
        }),
      ['channel', 'complainant.email'],
    ],
    [
      'a person affected without consent',
      () => complaintBody({ personAffected: { name: 'Sam Morgan' } }),
      ['consent'],
    ],
  ];

  it.each(cases)('%s', async (_name, body, fields) => {
    const before = await countComplaints();
    const response = await api()
      .post('/complaints')
      .set('Authorization', `Bearer ${handler}`)
      .send(body())
      .expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toEqual(expect.objectContaining({ status: 400, title: 'Invalid request' }));
    const reported = response.body.errors.map((error: { field: string }) => error.field);
    for (const field of fields) expect(reported).toContain(field);
    for (const error of response.body.errors) expect(error.reason).toEqual(expect.any(String));
    expect(await countComplaints()).toBe(before);
  });

  it('reports a missing field as missing, not as a limit it would break', async () => {
    const { issues: _issues, ...withoutIssues } = complaintBody();
    const response = await api()
      .post('/complaints')
      .set('Authorization', `Bearer ${handler}`)
      .send(withoutIssues)
      .expect(400);
    expect(response.body.errors).toEqual([{ field: 'issues', reason: 'issues is required' }]);
  });

  it('names the stages when the worklist is filtered by one that does not exist', async () => {
    const response = await api()
      .get('/complaints')
      .query({ stage: 'investigating' })
      .set('Authorization', `Bearer ${handler}`)
      .expect(400);
    expect(response.body.errors[0].field).toBe('stage');
    expect(response.body.errors[0].reason).toContain('awaiting-acknowledgement, acknowledged');
  });

  it('malformed JSON is a 400 problem, not a 500', async () => {
    const response = await api()
      .post('/complaints')
      .set('Authorization', `Bearer ${handler}`)
      .set('Content-Type', 'application/json')
      .send('{"kind": ')
      .expect(400);
    expect(response.body.title).toBe('Invalid request');
  });
});

describe('authentication and roles', () => {
  it('needs a token (401) and the right role (403), as problem details', async () => {
    const missing = await api().get('/complaints').expect(401);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    await api().get('/complaints').set('Authorization', 'Bearer not-a-token').expect(401);
    const wardStaff = await tokenFor('staff@hpft.demo');
    const forbidden = await api().get('/complaints').set('Authorization', `Bearer ${wardStaff}`).expect(403);
    expect(forbidden.body.detail).toContain('handler');
    await api().get('/health').expect(200);
  });

  it("keeps each organisation's complaints to its own staff (R-INT-8)", async () => {
    const created = await api()
      .post('/complaints')
      .set('Authorization', `Bearer ${handler}`)
      .send(complaintBody())
      .expect(201);
    const otherOrganisation = await tokenFor('handler@cwth.demo');
    await api()
      .get(`/complaints/${created.body.reference}`)
      .set('Authorization', `Bearer ${otherOrganisation}`)
      .expect(404);
    await api()
      .post('/complaints')
      .set('Authorization', `Bearer ${otherOrganisation}`)
      .send(complaintBody())
      .expect(403);
    await api()
      .get('/complaints')
      .query({ organisation: 'HPFT' })
      .set('Authorization', `Bearer ${otherOrganisation}`)
      .expect(403);
  });
});

describe('nothing lost: the commit-to-start window', () => {
  /** A starter whose process "dies" after the intake commit and before the workflow start, once. */
  class DiesOnceStarter extends ComplaintWorkflowStarter {
    deaths = 0;
    override async start(complaint: Complaint, manager?: EntityManager): Promise<void> {
      if (this.deaths === 0) {
        this.deaths += 1;
        throw new Error('process killed between commit and workflow start');
      }
      return super.start(complaint, manager);
    }
  }

  it('a complaint committed without its workflow gets one from the outbox relay', async () => {
    const starter = new DiesOnceStarter(workers().client, workers().dataSource);
    await restartApi({ starter });
    const created = await api()
      .post('/complaints')
      .set('Authorization', `Bearer ${handler}`)
      .send(complaintBody())
      .expect(201);
    const { reference } = created.body;
    expect(starter.deaths).toBe(1);
    const handle = workers().client.workflow.getHandle(reference);
    const status = await eventually(
      () => handle.describe().then((d) => d.status.name),
      (name) => name === 'RUNNING',
    );
    expect(status).toBe('RUNNING');
    // The relay marks the row once the start returned, so a moment after the workflow is seen running.
    const row = await eventually(
      () => workers().dataSource.getRepository(Complaint).findOneByOrFail({ reference }),
      (complaint) => complaint.workflowStartedAt !== null,
    );
    expect(row.workflowStartedAt).not.toBeNull();
  });
});
