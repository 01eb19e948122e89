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
