import { ScheduleOverlapPolicy, type ScheduleOptions } from '@temporalio/client';
import { TASK_QUEUES } from '@complaints/temporal';

export const THEME_ALERTS_SCHEDULE_ID = 'theme-alerts';

/** Every day at 03:00 London time, after the night's retention review; a missed day is caught up. */
export const themeAlertsSchedule = (): ScheduleOptions => ({
  scheduleId: THEME_ALERTS_SCHEDULE_ID,
  spec: { calendars: [{ hour: 3, minute: 0 }], timezone: 'Europe/London' },
  action: {
    type: 'startWorkflow',
    workflowType: 'themeAlerts',
    workflowId: THEME_ALERTS_SCHEDULE_ID,
    taskQueue: TASK_QUEUES.complaints,
    args: [],
  },
  policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
});
