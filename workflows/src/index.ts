// The workflow bundle's entry point: every workflow type the complaints worker runs. Workers also register the
// interceptor module `@complaints/workflows/interceptors` (the command signature check, ADR 0012).
export { complaintLifecycle } from './complaint-lifecycle/complaint-lifecycle.workflow';
export { contactRestriction } from './contact-restriction/contact-restriction.workflow';
export { retentionReview } from './retention-review/retention-review.workflow';
export { themeAlerts } from './theme-alerts/theme-alerts.workflow';
export { actionReminders } from './action-reminders/action-reminders.workflow';
