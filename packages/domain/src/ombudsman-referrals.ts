import type { PolicyProfile } from './profiles';

// R-RESP-3, regulation 18: a person not satisfied with the final response may take the complaint to the
// Ombudsman (or, for detention under the Mental Health Act, the CQC). The organisation records that they did,
// and the body's decision; its recommendations join the complaint's action plan (ADR 0031).

/** The bodies a referral is recorded for: the statutory ones of R-RESP-3. */
export const REFERRAL_BODIES = ['phso', 'lgsco', 'cqc'] as const;
export type ReferralBody = (typeof REFERRAL_BODIES)[number];

/** What the body decided: not to investigate, or its finding once it did. */
export const OMBUDSMAN_DECISIONS = ['not-investigated', 'upheld', 'partially-upheld', 'not-upheld'] as const;
export type OmbudsmanDecision = (typeof OMBUDSMAN_DECISIONS)[number];

/** The bodies open to complaints under the profile (its after-response routes); iTrust and CWTH have none. */
export function referralBodiesOf(profile: PolicyProfile): ReferralBody[] {
  return REFERRAL_BODIES.filter((body) =>
    profile.afterResponse.externalRoutes.some((route) => route.ombudsman === body),
  );
}
