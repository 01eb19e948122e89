// recordCaseEvent against the real test Postgres, run in a real activity Context (MockActivityEnvironment):
// the event is appended with its projection in one go, and a retried activity appends it only once.
import { randomInt, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CaseEvent, Complaint, ContactRestriction, seedDemoData } from '@complaints/db';
import { contactRestrictionWorkflowId } from '@complaints/temporal';
import { openTestDataSource } from '@complaints/testing';
import { activityEnvironment } from '../../__tests__/activity-environment';
import { createCaseRecordActivities, type CaseRecordActivities } from '../record-case-event.activity';
import type { CaseEventInput } from '../contract';

let dataSource: DataSource;
let activities: CaseRecordActivities;

beforeAll(async () => {
  dataSource = await openTestDataSource();
  await seedDemoData(dataSource);
  activities = createCaseRecordActivities({ dataSource });
});

afterAll(async () => {
  await dataSource?.destroy();
});

/** A complaint of its own per test: a unique reference, stage `received`, one deadline already set. */
async function newComplaint(): Promise<Complaint> {
  const reference = `HPFT-2099-${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  await dataSource.getRepository(Complaint).insert({
    reference,
    organisationCode: 'HPFT',
    kind: 'complaint',
    channel: 'email',
    receivedOn: '2099-03-02',
    profileId: 'hpft',
    profileVersion: 1,
    stage: 'received',
    deadlines: { intake: '2099-03-02', acknowledgement: '2099-03-04' },
    createdBy: 'record-case-event-test',
  });
  return dataSource.getRepository(Complaint).findOneByOrFail({ reference });
}

function workflowInfo(complaint: Complaint, activityId = '1', runId = randomUUID()) {
  return { workflowExecution: { workflowId: complaint.reference, runId }, activityId };
}

function clockStarted(complaint: Complaint, overrides: Partial<CaseEventInput> = {}): CaseEventInput {
  return {
    reference: complaint.reference,
    occurredAt: '2099-03-02T10:15:00.000Z',
    type: 'acknowledgement-clock-started',
    rule: 'R-ACK-1',
    actor: { type: 'system', id: 'workflow' },
    data: { due: '2099-03-05', profile: { id: 'hpft', version: 1 } },
    projection: {
      stage: 'awaiting-acknowledgement',
      deadlines: { acknowledgement: '2099-03-05', response: null },
      nextDeadline: '2099-03-05',
      breached: false,
    },
    ...overrides,
  };
}

const eventsOf = (complaint: Complaint) =>
  dataSource.getRepository(CaseEvent).find({ where: { complaintId: complaint.id }, order: { id: 'ASC' } });
const reload = (complaint: Complaint) =>
  dataSource.getRepository(Complaint).findOneByOrFail({ id: complaint.id });

describe('recordCaseEvent', () => {
  it('appends the event and applies its projection: stage, deadlines merged, next deadline, breached', async () => {
    const complaint = await newComplaint();
    const info = workflowInfo(complaint);
    await activityEnvironment(info).run(activities.recordCaseEvent, clockStarted(complaint));

    const events = await eventsOf(complaint);
    expect(events).toEqual([
      expect.objectContaining({
        complaintId: complaint.id,
        occurredAt: new Date('2099-03-02T10:15:00.000Z'),
        actorType: 'system',
        actorId: 'workflow',
        type: 'acknowledgement-clock-started',
        rule: 'R-ACK-1',
        data: { due: '2099-03-05', profile: { id: 'hpft', version: 1 } },
        dedupeKey: `${complaint.reference}:${info.workflowExecution.runId}:1`,
      }),
    ]);

    const after = await reload(complaint);
    expect(after).toMatchObject({
      stage: 'awaiting-acknowledgement',
      nextDeadline: '2099-03-05',
      breached: false,
      acknowledgedAt: null,
      closedAt: null,
    });
    // jsonb merge: keys not in the projection stay, named keys are replaced or added (null included).
    expect(after.deadlines).toEqual({ intake: '2099-03-02', acknowledgement: '2099-03-05', response: null });
  });

  it('records a breach, acknowledgement and closure instants from a later event', async () => {
    const complaint = await newComplaint();
    const runId = randomUUID();
    await activityEnvironment(workflowInfo(complaint, '1', runId)).run(
      activities.recordCaseEvent,
      clockStarted(complaint),
    );
    await activityEnvironment(workflowInfo(complaint, '2', runId)).run(activities.recordCaseEvent, {
      reference: complaint.reference,
      occurredAt: '2099-03-06T00:00:00.000Z',
      type: 'acknowledgement-deadline-breached',
      rule: 'R-ACK-1',
      actor: { type: 'system', id: 'workflow' },
      projection: {
        breached: true,
        nextDeadline: null,
        acknowledgedAt: '2099-03-06T09:30:00.000Z',
        closedAt: '2099-04-01T12:00:00.000Z',
      },
    });

    const events = await eventsOf(complaint);
    expect(events.map((event) => [event.type, event.dedupeKey, event.data])).toEqual([
      [
        'acknowledgement-clock-started',
        `${complaint.reference}:${runId}:1`,
        { due: '2099-03-05', profile: { id: 'hpft', version: 1 } },
      ],
      ['acknowledgement-deadline-breached', `${complaint.reference}:${runId}:2`, {}],
    ]);
    const after = await reload(complaint);
    expect(after).toMatchObject({
      stage: 'awaiting-acknowledgement',
      breached: true,
      nextDeadline: null,
      acknowledgedAt: new Date('2099-03-06T09:30:00.000Z'),
      closedAt: new Date('2099-04-01T12:00:00.000Z'),
    });
    expect(after.deadlines).toEqual({ intake: '2099-03-02', acknowledgement: '2099-03-05', response: null });
  });

  it('an earlier event finishing late adds its own facts but does not put the stage and deadlines back', async () => {
    const complaint = await newComplaint();
    const runId = randomUUID();
    // The main flow's next step lands first…
    await activityEnvironment(workflowInfo(complaint, '3', runId)).run(activities.recordCaseEvent, {
      ...clockStarted(complaint),
      occurredAt: '2099-03-02T10:15:02.000Z',
      type: 'early-resolution-started',
      projection: {
        stage: 'early-resolution',
        deadlines: { earlyResolution: '2099-03-16' },
        nextDeadline: '2099-03-16',
      },
    });
    // …then the acknowledgement command's own record, from a second earlier.
    await activityEnvironment(workflowInfo(complaint, '2', runId)).run(activities.recordCaseEvent, {
      ...clockStarted(complaint),
      occurredAt: '2099-03-02T10:15:01.000Z',
      type: 'acknowledged',
      projection: {
        stage: 'acknowledged',
        nextDeadline: null,
        deadlines: { earlyResolution: null },
        acknowledgedAt: '2099-03-02T10:15:01.000Z',
      },
    });
    const row = await dataSource.getRepository(Complaint).findOneByOrFail({ id: complaint.id });
    expect(row.stage).toBe('early-resolution');
    expect(row.nextDeadline).toBe('2099-03-16');
    expect(row.deadlines.earlyResolution).toBe('2099-03-16');
    expect(row.acknowledgedAt?.toISOString()).toBe('2099-03-02T10:15:01.000Z');
    expect(row.projectedAt?.toISOString()).toBe('2099-03-02T10:15:02.000Z');
    const events = await dataSource.getRepository(CaseEvent).findBy({ complaintId: complaint.id });
    expect(events.map((event) => event.type).sort()).toEqual(['acknowledged', 'early-resolution-started']);
  });

  it('appends nothing, and applies no projection, when the same activity is retried', async () => {
    const complaint = await newComplaint();
    const info = workflowInfo(complaint);
    await activityEnvironment(info).run(activities.recordCaseEvent, clockStarted(complaint));
    const afterFirst = await reload(complaint);

    // A retry (same workflow run and activity ID), even one that would carry other projection values.
    await activityEnvironment({ ...info, attempt: 2 }).run(
      activities.recordCaseEvent,
      clockStarted(complaint, {
        projection: { stage: 'closed', deadlines: { acknowledgement: '2099-12-31' }, breached: true },
      }),
    );
    // Two attempts at once (e.g. a timed-out attempt still running) record it once too.
    await Promise.all(
      [1, 2].map(() =>
        activityEnvironment({ ...info, attempt: 3 }).run(activities.recordCaseEvent, clockStarted(complaint)),
      ),
    );

    expect(await eventsOf(complaint)).toHaveLength(1);
    const afterRetries = await reload(complaint);
    expect({ ...afterRetries, updatedAt: null }).toEqual({ ...afterFirst, updatedAt: null });

    // The same activity ID in a new run of the workflow is a new event.
    await activityEnvironment(workflowInfo(complaint, '1')).run(
      activities.recordCaseEvent,
      clockStarted(complaint, { projection: undefined }),
    );
    expect(await eventsOf(complaint)).toHaveLength(2);
  });

  it('throws for a reference not in the record, and appends nothing anywhere', async () => {
    const complaint = await newComplaint();
    const unknown = `HPFT-2097-${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
    expect(await dataSource.getRepository(Complaint).existsBy({ reference: unknown })).toBe(false);
    const before: [{ count: string }] = await dataSource.query(
      'SELECT count(*) FROM case_event WHERE dedupe_key LIKE $1',
      [`${unknown}:%`],
    );
    await expect(
      activityEnvironment({
        workflowExecution: { workflowId: unknown, runId: randomUUID() },
        activityId: '1',
      }).run(activities.recordCaseEvent, clockStarted(complaint, { reference: unknown })),
    ).rejects.toThrow(`no complaint ${unknown} in the record`);
    const after: [{ count: string }] = await dataSource.query(
      'SELECT count(*) FROM case_event WHERE dedupe_key LIKE $1',
      [`${unknown}:%`],
    );
    expect({ before: Number(before[0].count), after: Number(after[0].count) }).toEqual({
      before: 0,
      after: 0,
    });
    expect(await eventsOf(complaint)).toEqual([]);
  });

  it('refuses to run outside a workflow (no run to key the event by)', async () => {
    const complaint = await newComplaint();
    await expect(
      activityEnvironment({ workflowExecution: undefined, inWorkflow: false, activityId: '1' }).run(
        activities.recordCaseEvent,
        clockStarted(complaint),
      ),
    ).rejects.toThrow(/runs only as a workflow activity/);
    expect(await eventsOf(complaint)).toEqual([]);
  });

  it("refuses, for good, to act on another complaint than its workflow's own, and appends nothing", async () => {
    const own = await newComplaint();
    const other = await newComplaint();
    const failure = await activityEnvironment(workflowInfo(own))
      .run(activities.recordCaseEvent, clockStarted(other))
      .then(
        () => undefined,
        (error: unknown) => error as { type?: string; nonRetryable?: boolean; message: string },
      );
    expect(failure).toMatchObject({
      type: 'NotThisWorkflowsComplaint',
      nonRetryable: true,
      message: `workflow ${own.reference} acts only on its own complaint, not on ${other.reference}`,
    });
    expect(await eventsOf(other)).toEqual([]);
    expect(await eventsOf(own)).toEqual([]);
  });

  it('lets the review of limits on contact record on the complaint the decision was made on, and no other', async () => {
    const complaint = await newComplaint();
    const other = await newComplaint();
    const { identifiers } = await dataSource.getRepository(ContactRestriction).insert({
      complaintReference: complaint.reference,
      organisationCode: 'HPFT',
      personEmail: null,
      behaviours: ['excessive-contact'],
      limits: ['written-contact-only'],
      decidedWith: [],
      note: null,
      reviewOn: '2099-06-02',
      status: 'approved',
      proposedBy: 'hpft-complaints-manager',
    } as Partial<ContactRestriction>);
    const review = {
      workflowExecution: { workflowId: contactRestrictionWorkflowId(identifiers[0].id), runId: randomUUID() },
      activityId: '1',
    };
    await activityEnvironment(review).run(
      activities.recordCaseEvent,
      clockStarted(complaint, { type: 'contact-limits-set', projection: undefined }),
    );
    expect((await eventsOf(complaint)).map((event) => event.type)).toEqual(['contact-limits-set']);
    await expect(
      activityEnvironment(review).run(activities.recordCaseEvent, clockStarted(other)),
    ).rejects.toMatchObject({ type: 'NotThisWorkflowsComplaint' });
    expect(await eventsOf(other)).toEqual([]);
  });
});
