// The joint protocol (procedure §6; HPFT Appendix 4; PHSO model §9): several organisations, one response.

/** What kind of body a protocol member is; decides its care and so its Ombudsman. */
export const PARTNER_KINDS = [
  'nhs-trust',
  'icb',
  'ambulance',
  'community',
  'council-adult-care',
  'charity-hospice',
  'advocacy',
  'nhs-england',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/** The care a member provides: NHS care goes to the PHSO, social care to the LGSCO (R-JOINT-5). */
export const CARE_TYPES = ['health', 'social-care'] as const;
export type CareType = (typeof CARE_TYPES)[number];

export const OMBUDSMAN_FOR_CARE: Readonly<Record<CareType, 'PHSO' | 'LGSCO'>> = Object.freeze({
  health: 'PHSO',
  'social-care': 'LGSCO',
});

/** An organisation's part in one joint case: it leads, it contributes, or it was merely copied in (R-JOINT-2). */
export const JOINT_ROLES = ['lead', 'partner', 'copied'] as const;
export type JointRole = (typeof JOINT_ROLES)[number];

/**
 * Consent to share the person's information with one partner (R-JOINT-2): until it is `given`, the partner
 * sees only that a joint case exists.
 */
export const SHARING_CONSENT = ['not-sought', 'sought', 'given', 'refused'] as const;
export type SharingConsent = (typeof SHARING_CONSENT)[number];

/** Who at a partner organisation works on joint cases (protocol 3.1). */
export const PARTNER_USER_ROLES = ['complaints-manager', 'deputy'] as const;
export type PartnerUserRole = (typeof PARTNER_USER_ROLES)[number];

/** The factors the protocol weighs to choose the lead (R-JOINT-1), in the order they are usually decisive. */
export const LEAD_FACTORS = [
  'primary-focus',
  'first-receipt',
  'complainant-preference',
  'governance-impact',
  'ongoing-contact',
  'consent',
] as const;
export type LeadFactor = (typeof LEAD_FACTORS)[number];

/** What an access link (a secret URL for someone with no account) lets its holder do. */
export const ACCESS_LINK_PURPOSES = ['partner-case', 'complainant-progress', 'experience-survey'] as const;
export type AccessLinkPurpose = (typeof ACCESS_LINK_PURPOSES)[number];
