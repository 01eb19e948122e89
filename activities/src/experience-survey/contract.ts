// What the workflow asks when a complaint closes: invite the people involved to the experience survey
// (ADR 0023). A process fact only: the reference and the step; the activity reads who from the record.
export interface SurveyInvitationRequest {
  reference: string;
  /** With the reference, the idempotency key of each invitation (one per complaint: `experience-survey`). */
  step: string;
}

export interface SurveyInvitationResult {
  /** Invitations the SMTP server took, now or by an earlier attempt. */
  sent: number;
  /** Invitations refused for good (a 5xx): the survey is optional, so nothing follows them. */
  refused: number;
  /** True when the complainant gave no email address to reply to: they are invited by letter instead. */
  complainantNotByEmail: boolean;
  /** Survey letters queued to print, with their single-use code (0 or 1; absent in results of older releases). */
  byLetter?: number;
}
