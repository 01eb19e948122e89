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

/**
 * The roles of the decision and its approval, by the seed's titles (HPFT 9.3). An organisation may use its own
 * titles for them (`organisation.roleTitles`); the Responsible Person's too, for the letters they sign (R-RESP-2).
 */
export const ROLE_TITLES = {
  'managing-director': 'Managing Director of the service',
  'clinical-team': 'Clinical Team',
  'complaints-lead': 'Lead Manager for Complaints',
  'deputy-chief-executive': 'Deputy Chief Executive',
  'responsible-person': 'Responsible Person',
} as const;
export type TitledRole = keyof typeof ROLE_TITLES;

/** The organisation's title for a role, or the seed's. */
export function roleTitle(
  titles: Partial<Record<string, string>> | null | undefined,
  role: TitledRole,
): string {
  const own = titles?.[role]?.trim();
  return own ? own : ROLE_TITLES[role];
}

/** Whether a job title is this title (case and spacing aside). */
export function isTitle(jobTitle: string | null | undefined, title: string): boolean {
  const words = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();
  return typeof jobTitle === 'string' && words(jobTitle) === words(title);
}

/** R-PERS-1: who takes the decision with the complaints lead (who proposes it), each in their role. */
export const DECISION_ROLES = ['managing-director', 'clinical-team'] as const;
export type DecisionRole = (typeof DECISION_ROLES)[number];

/** R-PERS-1: the decision's roles not yet filled (the managing director and at least one of the clinical team). */
export function missingDecisionRoles(decidedWith: readonly { role: string }[]): DecisionRole[] {
  return DECISION_ROLES.filter((role) => !decidedWith.some((member) => member.role === role));
}

/** The approving role of R-PERS-1. */
export const PERSISTENT_BEHAVIOUR_APPROVER: TitledRole = 'deputy-chief-executive';
