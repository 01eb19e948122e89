// How the letters name the procedure's codes: the wording the template helpers print.
import {
  OMBUDSMAN_NAMES,
  type AccessibilityNeed,
  type FindingOutcome,
  type OmbudsmanId,
  type RemedyKind,
} from '@complaints/domain';

/** R-RESP-3: every route after the organisation's response. */
export const OMBUDSMAN_IDS = Object.keys(OMBUDSMAN_NAMES) as OmbudsmanId[];

/** R-REM-1: each remedy kind as the letter names it. */
export const REMEDY_LABELS: Readonly<Record<RemedyKind, string>> = {
  apology: 'An apology',
  'reconsideration-of-decision': 'Reconsidering a decision',
  'expedited-action': 'Speeding up an action',
  'waived-fee-or-penalty': 'Waiving a fee or penalty',
  'payment-or-refund': 'A payment or refund',
  'policy-or-procedure-change': 'Changing our policies or procedures',
};

export const OUTCOME_LABELS: Readonly<Record<FindingOutcome, string>> = {
  upheld: 'Upheld',
  'partially-upheld': 'Partially upheld',
  'not-upheld': 'Not upheld',
};

/** R-INT-2: each reasonable adjustment in words, for the letter that confirms it. */
export const ACCESSIBILITY_NEED_LABELS: Readonly<Record<AccessibilityNeed, string>> = {
  'large-print': 'large print',
  'easy-read': 'easy read',
  interpreter: 'an interpreter',
  advocate: 'an advocate',
  braille: 'braille',
  audio: 'audio',
  bsl: 'British Sign Language (BSL)',
  other: 'other help you told us about',
};

/** Easy read: each finding's outcome in plain words (the formal label follows in brackets). */
export const EASY_READ_OUTCOME_LABELS: Readonly<Record<FindingOutcome, string>> = {
  upheld: 'We agree with you',
  'partially-upheld': 'We agree with you about some of this',
  'not-upheld': 'We do not agree with you',
};
