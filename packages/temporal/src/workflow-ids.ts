// Workflow IDs: a complaint's workflow is its reference; other workflows name the complaint's record they act for.
const CONTACT_RESTRICTION_PREFIX = 'contact-restriction-';

/** Workflow ID of an approved decision's review (R-PERS-1): one per decision. */
export const contactRestrictionWorkflowId = (restrictionId: string) =>
  `${CONTACT_RESTRICTION_PREFIX}${restrictionId}`;

/** The decision a contact-restriction workflow reviews, or undefined for any other workflow. */
export const contactRestrictionIdOf = (workflowId: string): string | undefined =>
  workflowId.startsWith(CONTACT_RESTRICTION_PREFIX)
    ? workflowId.slice(CONTACT_RESTRICTION_PREFIX.length)
    : undefined;

const JOINT_RESPONSE_PREFIX = 'joint-response-';

/** Workflow ID of a joint case's `jointResponse` workflow (R-JOINT-3 … 7): one per joint case. */
export const jointResponseWorkflowId = (jointCaseId: string) => `${JOINT_RESPONSE_PREFIX}${jointCaseId}`;

/** The joint case a jointResponse workflow co-ordinates, or undefined for any other workflow. */
export const jointCaseIdOf = (workflowId: string): string | undefined =>
  workflowId.startsWith(JOINT_RESPONSE_PREFIX) ? workflowId.slice(JOINT_RESPONSE_PREFIX.length) : undefined;

/**
 * The daily action reminders (ADR 0024): the Schedule's ID, and the prefix of every run's workflow ID (a Schedule
 * adds the time it fired).
 */
export const ACTION_REMINDERS_WORKFLOW_ID = 'action-reminders';

/** Whether the workflow is a run of the daily action reminders. */
export const isActionRemindersWorkflow = (workflowId: string): boolean =>
  workflowId === ACTION_REMINDERS_WORKFLOW_ID || workflowId.startsWith(`${ACTION_REMINDERS_WORKFLOW_ID}-`);
