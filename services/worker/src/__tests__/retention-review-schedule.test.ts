// The worker's daily Temporal Schedules on the test command's Temporal dev server: creating each is idempotent
// (a second worker, or a restart, finds it there); `retentionReview` starts at 02:00 London, `themeAlerts` at 03:00,
// `actionReminders` at 07:00.
import { Client, Connection } from '@temporalio/client';
import { ACTION_REMINDERS_WORKFLOW_ID, TASK_QUEUES } from '@complaints/temporal';
import { actionRemindersSchedule } from '../action-plan/action-reminders.schedule';
import {
  ensureRetentionReviewSchedule,
  RETENTION_REVIEW_SCHEDULE_ID,
} from '../retention/retention-review.schedule';
import { ensureSchedule } from '../schedules/worker-schedules';
import { THEME_ALERTS_SCHEDULE_ID, themeAlertsSchedule } from '../themes/theme-alerts.schedule';

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

it('puts the theme review on its own daily Schedule at 03:00 London time, created once', async () => {
  const options = themeAlertsSchedule();
  await client.schedule
    .getHandle(THEME_ALERTS_SCHEDULE_ID)
    .delete()
    .catch(() => undefined);
  expect(await ensureSchedule(client, options)).toBe('created');
  expect(await ensureSchedule(client, options)).toBe('exists');
  const description = await client.schedule.getHandle(THEME_ALERTS_SCHEDULE_ID).describe();
  expect(description.action).toMatchObject({
    type: 'startWorkflow',
    workflowType: 'themeAlerts',
    taskQueue: TASK_QUEUES.complaints,
  });
  expect(description.spec.timezone).toBe('Europe/London');
  expect(description.spec.calendars).toEqual([
    expect.objectContaining({ hour: [expect.objectContaining({ start: 3, end: 3 })] }),
  ]);
  await client.schedule.getHandle(THEME_ALERTS_SCHEDULE_ID).delete();
});

it('puts the action reminders on their own daily Schedule at 07:00 London time, created once (ADR 0024)', async () => {
  const options = actionRemindersSchedule();
  await client.schedule
    .getHandle(ACTION_REMINDERS_WORKFLOW_ID)
    .delete()
    .catch(() => undefined);
  expect(await ensureSchedule(client, options)).toBe('created');
  expect(await ensureSchedule(client, options)).toBe('exists');
  const description = await client.schedule.getHandle(ACTION_REMINDERS_WORKFLOW_ID).describe();
  expect(description.action).toMatchObject({
    type: 'startWorkflow',
    workflowType: 'actionReminders',
    taskQueue: TASK_QUEUES.complaints,
  });
  expect(description.spec.timezone).toBe('Europe/London');
  expect(description.spec.calendars).toEqual([
    expect.objectContaining({ hour: [expect.objectContaining({ start: 7, end: 7 })] }),
  ]);
  expect(description.policies.overlap).toBe('SKIP');
  await client.schedule.getHandle(ACTION_REMINDERS_WORKFLOW_ID).delete();
});
