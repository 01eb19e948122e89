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
  // R-JOINT-8 (PHSO model 12.3): the commissioner decides with the person that it is best placed to handle the
  // complaint itself, and the provider co-operates as a partner. Staff decide it; the factors never propose it.
  'commissioner-handles',
] as const;
export type LeadFactor = (typeof LEAD_FACTORS)[number];

/** What an access link (a secret URL for someone with no account) lets its holder do. */
export const ACCESS_LINK_PURPOSES = ['partner-case', 'complainant-progress', 'experience-survey'] as const;
export type AccessLinkPurpose = (typeof ACCESS_LINK_PURPOSES)[number];

/** What staff know of one organisation when the lead is chosen (R-JOINT-1). */
export interface LeadCandidate {
  code: string;
  /** How serious its part of the complaint is (higher is more serious): the primary focus has the most serious part. */
  seriousness: number;
  /** The day it received the complaint, or null if it has not received it. */
  receivedOn: string | null;
  /** The person asked for this organisation to lead. */
  complainantPrefers?: boolean;
  /** The complaint bears most on its governance (a serious incident, safeguarding, a regulator). */
  governanceImpact?: boolean;
  /** It has ongoing contact with the person (their current care). */
  ongoingContact?: boolean;
  /** False when the person does not consent to this organisation having their information: it cannot lead. */
  consentToLead?: boolean;
}

export interface LeadProposal {
  leadCode: string;
  /** The factors that decided it, the first being the one that separated the lead from the rest. */
  decisive: LeadFactor[];
  reasons: string;
}

/**
 * R-JOINT-1: the lead the protocol's factors propose. Organisations the person does not consent to cannot lead;
 * of the rest, the primary focus (the most serious part) leads; when seriousness is equal, whoever received it
 * first; then the person's preference, governance impact and ongoing contact break what is still equal. Staff
 * may decide otherwise, recording their reasons; this is where the decision starts.
 */
export function proposeLead(candidates: readonly LeadCandidate[]): LeadProposal {
  if (candidates.length === 0) throw new Error('a lead is chosen from at least one organisation');
  const consenting = candidates.filter((candidate) => candidate.consentToLead !== false);
  if (consenting.length === 0) throw new Error('the person consents to none of these organisations leading');
  const decisive: LeadFactor[] = [];
  const reasons: string[] = [];
  if (consenting.length < candidates.length) {
    const excluded = candidates.filter((candidate) => candidate.consentToLead === false);
    decisive.push('consent');
    reasons.push(`the person does not consent to ${excluded.map((c) => c.code).join(', ')} leading`);
  }
  if (consenting.length === 1) {
    if (decisive.length === 0) decisive.push('primary-focus');
    reasons.push(`only ${consenting[0].code} can lead`);
    return { leadCode: consenting[0].code, decisive, reasons: reasons.join('; ') };
  }
  const tieBreaks: {
    factor: LeadFactor;
    score: (c: LeadCandidate) => number;
    says: (c: string) => string;
  }[] = [
    {
      factor: 'primary-focus',
      score: (c) => c.seriousness,
      says: (code) => `the most serious part of the complaint concerns ${code}`,
    },
    {
      factor: 'first-receipt',
      // Earlier receipt scores higher; an organisation that has not received it scores lowest.
      score: (c) => (c.receivedOn === null ? -Infinity : -Date.parse(c.receivedOn)),
      says: (code) => `seriousness is equal and ${code} received the complaint first`,
    },
    {
      factor: 'complainant-preference',
      score: (c) => (c.complainantPrefers ? 1 : 0),
      says: (code) => `the person asked for ${code} to lead`,
    },
    {
      factor: 'governance-impact',
      score: (c) => (c.governanceImpact ? 1 : 0),
      says: (code) => `the complaint bears most on the governance of ${code}`,
    },
    {
      factor: 'ongoing-contact',
      score: (c) => (c.ongoingContact ? 1 : 0),
      says: (code) => `${code} has ongoing contact with the person`,
    },
  ];
  let remaining = consenting;
  for (const { factor, score, says } of tieBreaks) {
    const best = Math.max(...remaining.map(score));
    const ahead = remaining.filter((candidate) => score(candidate) === best);
    if (ahead.length < remaining.length) {
      remaining = ahead;
      if (remaining.length === 1) {
        decisive.push(factor);
        reasons.push(says(remaining[0].code));
        break;
      }
    }
  }
  if (remaining.length > 1) {
    // Nothing separates them: the first named (usually the one whose complaint this is) leads.
    reasons.push(`no factor separates ${remaining.map((c) => c.code).join(', ')}; the first named leads`);
  }
  return { leadCode: remaining[0].code, decisive, reasons: reasons.join('; ') };
}
