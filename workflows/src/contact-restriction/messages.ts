import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ContactLimit, LocalDate, OmbudsmanId, PersistentBehaviour } from '@complaints/domain';

export const CONTACT_RESTRICTION = 'contactRestriction';

export { contactRestrictionWorkflowId } from '@complaints/temporal';

/** R-PERS-1: an approved decision to limit contact; codes and dates only (the person is found by the reference). */
export interface ContactRestrictionInput {
  restrictionId: string;
  /** The complaint the decision was made on: its complainant is told, and its timeline records it. */
  reference: string;
  behaviours: PersistentBehaviour[];
  limits: ContactLimit[];
  reviewOn: LocalDate;
  /** R-RESP-3: where the person can go if they disagree, from the organisation's profile. */
  ombudsman: OmbudsmanId;
}

export interface ContactRestrictionState {
  reviewOn: LocalDate | null;
  reviews: { on: LocalDate; by: string; outcome: 'continue' | 'lift'; nextReviewOn?: LocalDate }[];
  lifted?: { on: LocalDate; by: string };
  reminderSentFor?: LocalDate;
}

export interface ReviewContactRestrictionCommand {
  by: string;
  outcome: 'continue' | 'lift';
  /** Required to continue: the next review date. */
  nextReviewOn?: LocalDate;
}

export const contactRestrictionStateQuery = defineQuery<ContactRestrictionState>('contactRestrictionState');

/** R-PERS-1: the decision is reviewed: the limits continue to a new review date, or are lifted. */
export const reviewContactRestrictionUpdate = defineUpdate<
  ContactRestrictionState,
  [ReviewContactRestrictionCommand]
>('reviewContactRestriction');
