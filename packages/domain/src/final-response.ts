import { isLocalDate, type LocalDate } from './local-date';
import type { ExternalRouteScope, OmbudsmanId, PolicyProfile } from './profiles';

// §4 Remedy and final response. The text of a response is personal data and stays in Postgres; what the
// workflow sees is its summary: which elements are present, the outcome per issue, the remedies by kind and
// the actions by owner and date.

/** R-REM-1 */
export const REMEDY_KINDS = [
  'apology',
  'reconsideration-of-decision',
  'expedited-action',
  'waived-fee-or-penalty',
  'payment-or-refund',
  'policy-or-procedure-change',
] as const;
export type RemedyKind = (typeof REMEDY_KINDS)[number];

export const FINDING_OUTCOMES = ['upheld', 'partially-upheld', 'not-upheld'] as const;
export type FindingOutcome = (typeof FINDING_OUTCOMES)[number];

/** R-RESP-3: what the complaint was about, which decides the Ombudsman route. */
export const CARE_CONTEXTS = [
  'nhs-care',
  'social-care',
  'health-and-social-care',
  'mental-health-act',
] as const;
export type CareContext = (typeof CARE_CONTEXTS)[number];

/**
 * R-RESP-1: the sections the investigator writes. The remaining elements of the rule are filled in by the
 * letter itself: confirmation that the procedure has ended, who to contact, the Ombudsman route and where
 * to get independent advice or advocacy.
 */
export const WRITTEN_SECTIONS = [
  'issues-and-outcome-sought',
  'how-investigated',
  'evidence-considered',
  'what-went-wrong',
  'impact',
  'apology',
  'wider-learning',
  'staying-involved',
] as const;
export type WrittenSection = (typeof WRITTEN_SECTIONS)[number];

/** Every element of R-RESP-1, in the order of the rule. */
export const RESPONSE_ELEMENTS = [
  'issues-and-outcome-sought',
  'how-investigated',
  'evidence-considered',
  'findings',
  'what-went-wrong',
  'impact',
  'remedy',
  'apology',
  'wider-learning',
  'staying-involved',
  'procedure-ended',
  'contact',
  'ombudsman',
  'advice-and-advocacy',
] as const;
export type ResponseElement = (typeof RESPONSE_ELEMENTS)[number];

/** The draft as the handler writes it (stored in Postgres, versioned). */
export interface FinalResponseContent {
  sections: Partial<Record<WrittenSection, string>>;
  /** `contributedBy`: in a joint response, the organisations (protocol member codes) behind the finding (R-JOINT-5). */
  findings: { issueId: string; outcome: FindingOutcome; finding: string; contributedBy?: string[] }[];
  /** R-JOINT-5: in a joint response, which organisations contributed each written section; else the lead. */
  sectionContributors?: Partial<Record<WrittenSection, string[]>>;
  remedies: { kind: RemedyKind; detail: string }[];
  actions: { id: string; description: string; ownerId: string; due: LocalDate }[];
  careContext: CareContext;
  /** R-INV-8: what the parties said when the outcome and intended actions were shared with them. */
  partiesComments?: string;
}

/** What the workflow holds of a draft: structure, never its words. */
export interface FinalResponseSummary {
  version: number;
  sectionsPresent: WrittenSection[];
  /** Every issue of the complaint, so a missing finding can be named. */
  issueIds: string[];
  findings: { issueId: string; outcome: FindingOutcome }[];
  remedies: RemedyKind[];
  actions: { id: string; ownerId: string; due: LocalDate }[];
  ombudsman: OmbudsmanId | null;
  /** HPFT: a cover letter from the Chief Executive is drafted with the response (R-RESP-2). */
  coverLetter: boolean;
}

export interface MissingElement {
  element: ResponseElement;
  reason: string;
}

/**
 * R-RESP-3: where the person can go next, from the profile's routes and what the complaint was about. NHS care and
 * social care together go to the NHS care route first; `otherOmbudsmanRoutes` names the social care one beside it.
 */
export function ombudsmanRoute(profile: PolicyProfile, careContext: CareContext): OmbudsmanId | null {
  const scope: ExternalRouteScope = careContext === 'health-and-social-care' ? 'nhs-care' : careContext;
  const route =
    profile.afterResponse.externalRoutes.find((candidate) => candidate.scope === scope) ??
    profile.afterResponse.externalRoutes.find((candidate) => candidate.scope === 'any');
  return route?.ombudsman ?? null;
}

/** R-RESP-3 (issue #12 point 7): the LGSCO beside the PHSO where a complaint is about NHS care and social care. */
export function otherOmbudsmanRoutes(profile: PolicyProfile, careContext: CareContext): OmbudsmanId[] {
  if (careContext !== 'health-and-social-care') return [];
  const socialCare = ombudsmanRoute(profile, 'social-care');
  return socialCare && socialCare !== ombudsmanRoute(profile, careContext) ? [socialCare] : [];
}

export function summariseFinalResponse(
  version: number,
  draft: FinalResponseContent,
  issueIds: string[],
  profile: PolicyProfile,
  coverLetter: string | null = null,
): FinalResponseSummary {
  return {
    version,
    sectionsPresent: WRITTEN_SECTIONS.filter((section) => (draft.sections[section] ?? '').trim() !== ''),
    issueIds,
    findings: draft.findings.map(({ issueId, outcome }) => ({ issueId, outcome })),
    remedies: draft.remedies.map((remedy) => remedy.kind),
    actions: draft.actions.map(({ id, ownerId, due }) => ({ id, ownerId, due })),
    ombudsman: ombudsmanRoute(profile, draft.careContext),
    coverLetter: (coverLetter ?? '').trim() !== '',
  };
}

/**
 * R-RESP-1: every element the response still lacks, with why. A response missing any element must not be
 * approved or sent. Where nothing went wrong, no apology or remedy is needed, but the response must say so.
 */
export function missingResponseElements(summary: FinalResponseSummary): MissingElement[] {
  const missing: MissingElement[] = [];
  const present = new Set(summary.sectionsPresent);
  const failings = summary.findings.some((finding) => finding.outcome !== 'not-upheld');
  for (const element of RESPONSE_ELEMENTS) {
    if ((WRITTEN_SECTIONS as readonly string[]).includes(element)) {
      const section = element as WrittenSection;
      if (section === 'apology' && !failings) continue;
      if (!present.has(section)) missing.push({ element, reason: `the "${section}" section is empty` });
    }
  }
  const found = new Set(summary.findings.map((finding) => finding.issueId));
  const unanswered = summary.issueIds.filter((issueId) => !found.has(issueId));
  if (summary.findings.length === 0) {
    missing.push({ element: 'findings', reason: 'no finding is recorded' });
  } else if (unanswered.length > 0) {
    missing.push({ element: 'findings', reason: `no finding for issue ${unanswered.join(', ')}` });
  }
  if (failings && summary.remedies.length === 0) {
    missing.push({ element: 'remedy', reason: 'an issue is upheld, so a remedy from R-REM-1 is needed' });
  }
  if (failings && !summary.remedies.includes('apology')) {
    missing.push({
      element: 'apology',
      reason: 'an issue is upheld, so the remedies must include an apology',
    });
  }
  const undated = summary.actions.filter(
    (action) => !isLocalDate(action.due) || action.ownerId.trim() === '',
  );
  if (undated.length > 0) {
    missing.push({
      element: 'staying-involved',
      reason: `every action needs an owner and a due date (${undated.map((a) => a.id).join(', ')})`,
    });
  }
  if (summary.ombudsman === null) {
    missing.push({ element: 'ombudsman', reason: 'no Ombudsman route applies to this complaint' });
  }
  return missing;
}

/** "the "impact" section is empty; no finding for issue …": one line naming every missing element. */
export function describeMissingElements(missing: readonly MissingElement[]): string {
  return missing.map((item) => `${item.element}: ${item.reason}`).join('; ');
}
