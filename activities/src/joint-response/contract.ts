// What the jointResponse workflow asks of the joint-protocol service's activities: codes, dates and steps only.

/** What a partner's complaints team is told (R-JOINT-3 … 7); the words are the activity's, never the workflow's. */
export const PARTNER_NOTICES = [
  'joint-case-opened',
  'contribution-reminder',
  'contribution-overdue',
  'draft-for-approval',
  'approval-reminder',
  'approval-overdue',
  'partner-cannot-meet',
  'review-opened',
  'disagreement-referred',
  'lead-changed',
] as const;
export type PartnerNotice = (typeof PARTNER_NOTICES)[number];

export interface NotifyPartnerInput {
  jointCaseId: string;
  partnerCode: string;
  /** Unique within the joint case: the same step is never sent twice (retries, replays). */
  step: string;
  notice: PartnerNotice;
  /** The date the notice is about (a deadline), if any. */
  due?: string | null;
  rule: string;
}

export interface NotifyPartnerResult {
  to: 'complaints-manager' | 'deputy';
  /** The complaints manager's address refused the email (a 5xx): the deputy was tried and the lead is told. */
  bounced: boolean;
  /** False when no address took it (manager and deputy both refused, or no deputy). */
  delivered: boolean;
}
