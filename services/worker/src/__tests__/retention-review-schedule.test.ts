// The daily retention review's Temporal Schedule on the test command's Temporal dev server: creating it is
// idempotent (a second worker, or a restart, finds it there), and it starts `retentionReview` at 02:00 London.
import { Client, Connection } from '@temporalio/client';
import { TASK_QUEUES } from '@complaints/temporal';
import {
  ensureRetentionReviewSchedule,
  RETENTION_REVIEW_SCHEDULE_ID,
} from '../retention/retention-review.schedule';

jest.setTimeout(60_000);

let connection: Connection;
let client: Client;

beforeAll(async () => {
  connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  client = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
});

afterAll(async () => {
  await client?.schedule
    .getHandle(RETENTION_REVIEW_SCHEDULE_ID)
    .delete()
    .catch(() => undefined);
  await connection?.close();
});

it('is created once, however often workers start, and starts the review daily at 02:00 London time', async () => {
  // Another test's worker may have started first on this server.
  expect(['created', 'exists']).toContain(await ensureRetentionReviewSchedule(client));
  expect(await ensureRetentionReviewSchedule(client)).toBe('exists');
  const handle = client.schedule.getHandle(RETENTION_REVIEW_SCHEDULE_ID);
  await handle.delete();
  expect(await ensureRetentionReviewSchedule(client)).toBe('created');
  expect(await ensureRetentionReviewSchedule(client)).toBe('exists');
  const description = await handle.describe();
  expect(description.action).toMatchObject({
    type: 'startWorkflow',
    workflowType: 'retentionReview',
    taskQueue: TASK_QUEUES.complaints,
  });
  expect(description.spec.timezone).toBe('Europe/London');
  expect(description.spec.calendars).toEqual([
    expect.objectContaining({
      hour: [expect.objectContaining({ start: 2, end: 2 })],
      minute: [expect.objectContaining({ start: 0, end: 0 })],
    }),
  ]);
  expect(description.policies.overlap).toBe('SKIP');
});
