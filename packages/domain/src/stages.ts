import type { WorkingDayCalendar } from './calendar';
import type { LocalDate } from './local-date';
import { acknowledgementDue, quickResolutionDue, type PolicyProfile } from './profiles';

// Where a complaint is in the procedure: the stage the worklist, the record and the Temporal search
// attribute `Stage` show.

/** Each stage, in procedure order, with what it means for the complaints team. */
export const STAGE_MEANINGS = {
  'pals-enquiry': 'a PALS enquiry on its own 10-working-day clock (R-QUICK-1, HPFT)',
  'feedback-recorded': 'feedback that wants no response, recorded for learning (R-INT-3)',
  'reviewing-for-learning': 'an anonymous complaint, looked into for learning only (R-INT-4)',
  'awaiting-acknowledgement': 'received; the acknowledgement is due (R-ACK-1)',
  acknowledged: 'acknowledged; the next step (early resolution or the closer look) has not started',
  'early-resolution': 'being resolved early, within the profile aim (R-ER-1)',
  'resolved-early': 'resolved early; the summary was sent (R-ER-1)',
  'closer-look': 'under investigation towards the final response (R-ER-2, R-INV-*)',
  'awaiting-sign-off': 'the final response is with its approvers (R-RESP-2)',
  responded: 'the final response was sent; promised actions may be outstanding (R-RESP-4)',
  closed: 'closed (every action done, or closed by a triage decision or the quick route)',
  withdrawn: 'withdrawn by the person',
} as const;

export type Stage = keyof typeof STAGE_MEANINGS;
export const STAGES = Object.keys(STAGE_MEANINGS) as Stage[];

/** The stage a new submission starts in. */
export function initialStage(submission: { kind: string; anonymous: boolean }): Stage {
  if (submission.kind === 'feedback') return 'feedback-recorded';
  if (submission.kind === 'pals-enquiry') return 'pals-enquiry';
  if (submission.anonymous) return 'reviewing-for-learning';
  return 'awaiting-acknowledgement';
}

/** What a new submission's first clocks are, as intake records them and the workflow keeps them. */
export interface OpeningDeadlines {
  /** R-ACK-1: due for a complaint that enters the procedure (not feedback, anonymous or a PALS enquiry). */
  acknowledgement: LocalDate | null;
  /** R-QUICK-1: the quick route's end, where the profile has one for this submission. */
  quickResolution: LocalDate | null;
  /** The deadline the worklist shows first. */
  next: LocalDate | null;
}

export function openingDeadlines(
  profile: PolicyProfile,
  submission: { kind: string; anonymous: boolean; channel?: string; receivedOn: LocalDate },
  calendar: WorkingDayCalendar,
): OpeningDeadlines {
  const palsEnquiry = submission.kind === 'pals-enquiry';
  const entersProcedure = submission.kind !== 'feedback' && !submission.anonymous && !palsEnquiry;
  const acknowledgement = entersProcedure
    ? acknowledgementDue(profile, submission.receivedOn, calendar)
    : null;
  const quickResolution =
    palsEnquiry || entersProcedure
      ? quickResolutionDue(
          profile,
          submission.receivedOn,
          { palsEnquiry, channel: submission.channel },
          calendar,
        )
      : null;
  return { acknowledgement, quickResolution, next: palsEnquiry ? quickResolution : acknowledgement };
}
