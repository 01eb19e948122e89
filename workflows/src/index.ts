// The workflow bundle's entry point: every workflow type the complaints worker runs.
export { complaintLifecycle } from './complaint-lifecycle/complaint-lifecycle.workflow';
export { contactRestriction } from './contact-restriction/contact-restriction.workflow';
export { retentionReview } from './retention-review/retention-review.workflow';
