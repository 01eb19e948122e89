// R-PERS-1 (HPFT 9): unreasonably persistent behaviour. A decision by the managing director, the clinical team
// and the complaints lead, approved by the deputy chief executive, may limit how the person makes contact.
// It is recorded, reviewed, and never a reason to stop handling a new, genuine complaint.

/** The behaviour the decision is about, each as the letter says it. */
export const PERSISTENT_BEHAVIOURS = {
  'excessive-contact': 'contacting us far more often than we need to look into your concerns',
  'repeating-answered-issues': 'raising again issues that we have already answered in full',
  'abusive-or-threatening': 'using language or behaviour towards our staff that is abusive or threatening',
  'unreasonable-demands': 'making demands about how your complaint is handled that we cannot reasonably meet',
} as const;
export type PersistentBehaviour = keyof typeof PERSISTENT_BEHAVIOURS;

/** The limits on contact, each as the letter says it. */
export const CONTACT_LIMITS = {
  'one-contact-per-week': 'you may contact us once a week, by one phone call or one email',
  'single-named-contact': 'you should contact only the named member of staff dealing with your concerns',
  'written-contact-only': 'you should contact us in writing only (letter or email), not by phone',
  'no-visits-without-appointment': 'please do not visit our offices without an appointment',
} as const;
export type ContactLimit = keyof typeof CONTACT_LIMITS;

/** A decision is reviewed within this many months at the latest. */
export const CONTACT_LIMITS_REVIEW_WITHIN_MONTHS = 6;
