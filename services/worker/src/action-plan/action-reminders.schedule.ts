import { ScheduleOverlapPolicy, type ScheduleOptions } from '@temporalio/client';
import { ACTION_REMINDERS_WORKFLOW_ID, TASK_QUEUES } from '@complaints/temporal';

/** Every day at 07:00 London time, before the working day starts; a missed day is caught up (ADR 0024). */
export const actionRemindersSchedule = (): ScheduleOptions => ({
  scheduleId: ACTION_REMINDERS_WORKFLOW_ID,
  spec: { calendars: [{ hour: 7, minute: 0 }], timezone: 'Europe/London' },
  action: {
    type: 'startWorkflow',
    workflowType: 'actionReminders',
    workflowId: ACTION_REMINDERS_WORKFLOW_ID,
    taskQueue: TASK_QUEUES.complaints,
    args: [],
  },
  policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
});
