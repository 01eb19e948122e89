import type { AccessibilityNeed, EqualityAnswers, Relationship, ReplyChannel } from '@complaints/domain';

/** R-INT-3/4: what the person wants to do. */
export type Purpose = 'complaint' | 'feedback' | 'anonymous';

/** R-INT-5: who the complaint is about, and so whose consent it needs. */
export type Subject = 'myself' | 'someone-else' | 'child' | 'lacks-capacity';

/** The person's answers so far, held only in the server's memory until they send the form (ADR 0022). */
export interface Answers {
  purpose?: Purpose;
  subject?: Subject;
  personAffectedName?: string;
  personAffectedDateOfBirth?: string;
  consentGiven?: 'yes' | 'not-yet';
  name?: string;
  relationship?: Relationship;
  email?: string;
  phone?: string;
  addressLines?: string[];
  postcode?: string;
  replyChannels?: ReplyChannel[];
  accessibilityNeeds?: AccessibilityNeed[];
  adjustmentsNote?: string;
  whatHappened?: string;
  incidentOn?: string;
  becameAwareOn?: string;
  outcomeSought?: string;
  /** R-MON-1: optional, sent to be stored apart from the case. */
  equality?: EqualityAnswers;
}

export const isAnonymous = (answers: Answers) => answers.purpose === 'anonymous';
export const onBehalf = (answers: Answers) =>
  answers.subject !== undefined && answers.subject !== 'myself' && !isAnonymous(answers);
