import type { WorkingDayCalendar } from './calendar';
import { workingDaysAfterReceipt } from './deadlines';
import { assertLocalDate, type LocalDate } from './local-date';

// §9 Policy profiles: where the seed organisations differ, the difference is data here.
// A complaint pins { id, version } at intake; a changed policy is a new version, never an edit.

export const PROFILE_IDS = Object.freeze(['phso-model', 'hpft', 'itrust', 'cwth'] as const);
export type ProfileId = (typeof PROFILE_IDS)[number];

export interface ProfileRef {
  id: ProfileId;
  version: number;
}

/** R-RESP-3: where a complainant can go after the organisation's final response. */
export type OmbudsmanId = 'phso' | 'lgsco' | 'cqc' | 'independent-authority' | 'icb-nhse';

export const OMBUDSMAN_NAMES: Readonly<Record<OmbudsmanId, string>> = Object.freeze({
  phso: 'Parliamentary and Health Service Ombudsman',
  lgsco: 'Local Government and Social Care Ombudsman',
  cqc: 'Care Quality Commission',
  'independent-authority': 'the independent authority governing the clinic',
  'icb-nhse': 'the local Integrated Care Board (ICB) or NHS England',
});

/** R-ACK-1: what the acknowledgement has to contain beyond the fact of receipt. */
export type AcknowledgementContent =
  | 'discussion-of-handling'
  | 'copy-of-procedure'
  | 'who-is-handling'
  | 'when-to-expect-reply'
  | 'free-review-consultation-offer';

export interface AcknowledgementPolicy {
  rule: 'R-ACK-1';
  workingDays: number;
  style: 'verbal-or-written' | 'in-writing';
  includes: readonly AcknowledgementContent[];
}

/** R-QUICK-1: a route that ends the procedure without a closer look. */
export type QuickRoute =
  | {
      kind: 'verbal-resolved-by-end-of-next-working-day';
      workingDays: 1;
      requiresConfirmedSatisfaction: true;
    }
  | { kind: 'pals-enquiry'; workingDays: number; ifUnresolved: 'becomes-complaint' }
  | { kind: 'resolved-by-person-responsible'; passToLeadsWithinWorkingDays: number }
  | { kind: 'none' };

/** R-INV-4: how long the final response may take. */
export type ResponseTimescale =
  | { kind: 'agreed-per-case' }
  | {
      kind: 'working-days';
      newComplaint: number;
      /** R-REOPEN-1; null when the policy sets none, so it is agreed per case. */
      reopenedComplaint: number | null;
    }
  | { kind: 'calendar-months'; months: number; otherwise: 'progress-report-with-new-date' };

export type ExternalRouteScope = 'nhs-care' | 'social-care' | 'mental-health-act' | 'any';

export interface ExternalRoute {
  ombudsman: OmbudsmanId;
  /** Which complaints this route is for (R-RESP-3: CQC only for detention, CTOs and guardianship). */
  scope: ExternalRouteScope;
}

/** R-STAGE2-1: CWTH review by the Senior Leadership Team/Board. */
export interface StageTwoPolicy {
  rule: 'R-STAGE2-1';
  reviewedBy: 'senior-leadership-team-or-board';
  acknowledgement: { workingDays: number; includes: readonly AcknowledgementContent[] };
  reply: Extract<ResponseTimescale, { kind: 'calendar-months' }>;
  decisionIsFinal: true;
}

export interface AfterResponsePolicy {
  rule: 'R-RESP-3';
  stageTwo: StageTwoPolicy | null;
  externalRoutes: readonly ExternalRoute[];
}

export type MonitoringCaseType = 'straightforward' | 'complex-or-multi-organisation' | 'new' | 'reopened';

/** R-MON-2: share of final responses due within a period from receipt. */
export interface MonitoringTarget {
  caseType: MonitoringCaseType;
  percent: number;
  within: { basis: 'calendar-months' | 'working-days'; amount: number };
  unlessExtendedByAgreement: boolean;
}

/** Staff roles of procedure §7 that approve a step (the database's staff roles, by name). */
export type ApproverRole = 'responsible-person' | 'senior-manager' | 'complaints-manager';

/** R-RESP-2: one sign-off step of the final response. */
export interface ApprovalStep {
  step: 'complaints-team-check' | 'chief-executive-approval' | 'sign-off';
  /** Who may approve this step; a senior manager signs off as the Responsible Person's recorded delegate. */
  roles: readonly ApproverRole[];
  /** What this step approves: HPFT's Chief Executive approves the response and its cover letter. */
  documents: readonly ('response' | 'cover-letter')[];
}

export interface PolicyProfile {
  id: ProfileId;
  version: number;
  name: string;
  /** The seed policy in /shared/seeds this profile distils. */
  sourceSeed: string;
  acknowledgement: AcknowledgementPolicy;
  quickRoute: QuickRoute;
  /** R-ER-1: the early-resolution aim, or null where the policy has no early-resolution step. */
  earlyResolution: { rule: 'R-ER-1'; aimWorkingDays: number } | null;
  responseTimescale: ResponseTimescale;
  /** R-INV-7: write to explain a delay once six months pass without a final response. */
  sixMonthLetter: boolean;
  /** R-RESP-2: the sign-off chain after the handler submits the draft, in order. */
  finalResponseApproval: readonly ApprovalStep[];
  afterResponse: AfterResponsePolicy;
  monitoringTargets: readonly MonitoringTarget[];
}

/** R-RESP-2: signed by the Responsible Person or a delegate. */
const RESPONSIBLE_PERSON_SIGN_OFF: readonly ApprovalStep[] = [
  { step: 'sign-off', roles: ['responsible-person', 'senior-manager'], documents: ['response'] },
];

const NHS_EXTERNAL_ROUTES: readonly ExternalRoute[] = [
  { ombudsman: 'phso', scope: 'nhs-care' },
  { ombudsman: 'lgsco', scope: 'social-care' },
  { ombudsman: 'cqc', scope: 'mental-health-act' },
];

const PHSO_MODEL_V1: PolicyProfile = {
  id: 'phso-model',
  version: 1,
  name: 'PHSO model NHS complaint handling procedure',
  sourceSeed: '002_1fc4047f565a7d63.txt',
  acknowledgement: {
    rule: 'R-ACK-1',
    workingDays: 3,
    style: 'verbal-or-written',
    includes: ['discussion-of-handling'],
  },
  quickRoute: {
    kind: 'verbal-resolved-by-end-of-next-working-day',
    workingDays: 1,
    requiresConfirmedSatisfaction: true,
  },
  earlyResolution: { rule: 'R-ER-1', aimWorkingDays: 10 },
  responseTimescale: { kind: 'agreed-per-case' },
  sixMonthLetter: true,
  finalResponseApproval: RESPONSIBLE_PERSON_SIGN_OFF,
  afterResponse: { rule: 'R-RESP-3', stageTwo: null, externalRoutes: NHS_EXTERNAL_ROUTES },
  monitoringTargets: [
    {
      caseType: 'straightforward',
      percent: 95,
      within: { basis: 'calendar-months', amount: 3 },
      unlessExtendedByAgreement: false,
    },
    {
      caseType: 'straightforward',
      percent: 100,
      within: { basis: 'calendar-months', amount: 6 },
      unlessExtendedByAgreement: false,
    },
    {
      caseType: 'complex-or-multi-organisation',
      percent: 50,
      within: { basis: 'calendar-months', amount: 3 },
      unlessExtendedByAgreement: false,
    },
    {
      caseType: 'complex-or-multi-organisation',
      percent: 80,
      within: { basis: 'calendar-months', amount: 6 },
      unlessExtendedByAgreement: false,
    },
  ],
};

const HPFT_V1: PolicyProfile = {
  id: 'hpft',
  version: 1,
  name: 'Hertfordshire Partnership University NHS Foundation Trust',
  sourceSeed: '003_40ed3a31bfcb3024.txt',
  acknowledgement: {
    rule: 'R-ACK-1',
    workingDays: 3,
    style: 'in-writing',
    includes: ['discussion-of-handling'],
  },
  quickRoute: { kind: 'pals-enquiry', workingDays: 10, ifUnresolved: 'becomes-complaint' },
  earlyResolution: { rule: 'R-ER-1', aimWorkingDays: 10 },
  responseTimescale: { kind: 'working-days', newComplaint: 35, reopenedComplaint: 60 },
  sixMonthLetter: true,
  // HPFT 8.33: the Complaints Team checks the draft; the Chief Executive approves it and the cover letter.
  finalResponseApproval: [
    { step: 'complaints-team-check', roles: ['complaints-manager'], documents: ['response'] },
    {
      step: 'chief-executive-approval',
      roles: ['responsible-person'],
      documents: ['response', 'cover-letter'],
    },
  ],
  afterResponse: { rule: 'R-RESP-3', stageTwo: null, externalRoutes: NHS_EXTERNAL_ROUTES },
  monitoringTargets: [
    {
      caseType: 'new',
      percent: 100,
      within: { basis: 'working-days', amount: 35 },
      unlessExtendedByAgreement: true,
    },
    {
      caseType: 'reopened',
      percent: 100,
      within: { basis: 'working-days', amount: 60 },
      unlessExtendedByAgreement: true,
    },
  ],
};

const ITRUST_V1: PolicyProfile = {
  id: 'itrust',
  version: 1,
  name: 'iTrust Centres',
  sourceSeed: '000_9ed3aaf01f6a2d06.txt',
  acknowledgement: {
    rule: 'R-ACK-1',
    workingDays: 2,
    style: 'verbal-or-written',
    includes: ['free-review-consultation-offer'],
  },
  quickRoute: { kind: 'none' },
  earlyResolution: null,
  // The iTrust policy sets no timescale for a reopened complaint.
  responseTimescale: { kind: 'working-days', newComplaint: 20, reopenedComplaint: null },
  sixMonthLetter: false,
  finalResponseApproval: RESPONSIBLE_PERSON_SIGN_OFF,
  afterResponse: {
    rule: 'R-RESP-3',
    stageTwo: null,
    externalRoutes: [{ ombudsman: 'independent-authority', scope: 'any' }],
  },
  monitoringTargets: [],
};

const CWTH_V1: PolicyProfile = {
  id: 'cwth',
  version: 1,
  name: 'Coventry and Warwickshire Training Hub',
  sourceSeed: '004_4da7c37fe1526297.txt',
  acknowledgement: {
    rule: 'R-ACK-1',
    workingDays: 5,
    style: 'verbal-or-written',
    includes: ['copy-of-procedure', 'who-is-handling', 'when-to-expect-reply'],
  },
  quickRoute: { kind: 'resolved-by-person-responsible', passToLeadsWithinWorkingDays: 5 },
  earlyResolution: null,
  responseTimescale: { kind: 'calendar-months', months: 1, otherwise: 'progress-report-with-new-date' },
  sixMonthLetter: false,
  finalResponseApproval: RESPONSIBLE_PERSON_SIGN_OFF,
  afterResponse: {
    rule: 'R-RESP-3',
    stageTwo: {
      rule: 'R-STAGE2-1',
      reviewedBy: 'senior-leadership-team-or-board',
      acknowledgement: { workingDays: 5, includes: ['who-is-handling', 'when-to-expect-reply'] },
      reply: { kind: 'calendar-months', months: 1, otherwise: 'progress-report-with-new-date' },
      decisionIsFinal: true,
    },
    externalRoutes: [{ ombudsman: 'icb-nhse', scope: 'any' }],
  },
  monitoringTargets: [],
};

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const PROFILES: readonly PolicyProfile[] = deepFreeze([PHSO_MODEL_V1, HPFT_V1, ITRUST_V1, CWTH_V1]);

export function isProfileId(value: unknown): value is ProfileId {
  return typeof value === 'string' && (PROFILE_IDS as readonly string[]).includes(value);
}

/** Every version of every profile, oldest version first. */
export function listProfiles(): readonly PolicyProfile[] {
  return PROFILES;
}

/** The profile pinned by a complaint; without a version, the latest. Throws on anything unknown. */
export function getProfile(id: ProfileId, version?: number): PolicyProfile {
  if (!isProfileId(id)) throw new RangeError(`Unknown policy profile ${JSON.stringify(id)}`);
  const versions = PROFILES.filter((p) => p.id === id);
  if (version === undefined) return versions.reduce((latest, p) => (p.version > latest.version ? p : latest));
  const found = versions.find((p) => p.version === version);
  if (!found) throw new RangeError(`Unknown version ${version} of policy profile ${id}`);
  return found;
}

export function profileRef(profile: PolicyProfile): ProfileRef {
  return { id: profile.id, version: profile.version };
}

/** R-ACK-1: the date by which the complaint must be acknowledged. */
export function acknowledgementDue(
  profile: PolicyProfile,
  receipt: LocalDate,
  calendar: WorkingDayCalendar,
): LocalDate {
  const due = workingDaysAfterReceipt(
    assertLocalDate(receipt, 'receipt'),
    profile.acknowledgement.workingDays,
    calendar,
  );
  // Only pauses can make the due date null, and acknowledgement is never paused.
  return due as LocalDate;
}

/** A pass through the closer look: the first, a reopened complaint (R-REOPEN-1) or a stage-two review (R-STAGE2-1). */
export type RoundKind = 'first' | 'reopened' | 'stage-two';

export const ROUND_RULES: Readonly<Record<RoundKind, string>> = Object.freeze({
  first: 'R-INV-4',
  reopened: 'R-REOPEN-1',
  'stage-two': 'R-STAGE2-1',
});

/**
 * The profile's final-response timescale for a round, counted from the round's start: a new complaint's
 * (R-INV-4), a reopened one's (HPFT 60 working days) or a stage-two review's (CWTH one calendar month);
 * null where it is agreed with the person instead.
 */
export function finalResponseTimescale(
  profile: PolicyProfile,
  round: RoundKind,
): { basis: 'working-days' | 'calendar-months'; amount: number } | null {
  const timescale = profile.responseTimescale;
  if (round === 'stage-two') {
    const stageTwo = profile.afterResponse.stageTwo;
    return stageTwo ? { basis: 'calendar-months', amount: stageTwo.reply.months } : null;
  }
  if (timescale.kind === 'working-days') {
    const amount = round === 'first' ? timescale.newComplaint : timescale.reopenedComplaint;
    return amount === null ? null : { basis: 'working-days', amount };
  }
  if (timescale.kind === 'calendar-months') return { basis: 'calendar-months', amount: timescale.months };
  return null;
}

/** R-QUICK-1: channels on which a complaint is "made verbally" (in person or over the phone). */
export const VERBAL_CHANNELS: readonly string[] = ['in-person', 'phone'];

/**
 * R-QUICK-1: the last day a complaint may end on the profile's quick route, or null where there is none
 * (or it does not apply to this channel). PHSO model: a verbal complaint resolved by the end of the next
 * working day; HPFT: a PALS enquiry resolved within 10 working days; CWTH: resolved by the person
 * responsible for the issue, within the 5 working days in which it is passed to the co-leads.
 */
export function quickResolutionDue(
  profile: PolicyProfile,
  receipt: LocalDate,
  made: { palsEnquiry: boolean; channel?: string },
  calendar: WorkingDayCalendar,
): LocalDate | null {
  const route = profile.quickRoute;
  let workingDays: number;
  if (route.kind === 'pals-enquiry' && made.palsEnquiry) workingDays = route.workingDays;
  else if (
    route.kind === 'verbal-resolved-by-end-of-next-working-day' &&
    !made.palsEnquiry &&
    VERBAL_CHANNELS.includes(made.channel ?? '')
  )
    workingDays = route.workingDays;
  // CWTH: resolved swiftly by the person responsible, within the days its information reaches the co-leads.
  else if (route.kind === 'resolved-by-person-responsible' && !made.palsEnquiry)
    workingDays = route.passToLeadsWithinWorkingDays;
  else return null;
  return workingDaysAfterReceipt(receipt, workingDays, calendar) as LocalDate;
}

/** R-QUICK-1 (HPFT 8.9): whether the profile takes PALS enquiries, which become complaints if not resolved. */
export function takesPalsEnquiries(profile: PolicyProfile): boolean {
  return profile.quickRoute.kind === 'pals-enquiry';
}

/**
 * R-INV-5: whether a later final-response date must be agreed with the person. CWTH's procedure sends a progress
 * report with an indication of when a full reply will come; every other profile agrees a new target (HPFT: an
 * extension agreed with the complainant).
 */
export function extensionNeedsAgreement(profile: PolicyProfile): boolean {
  const timescale = profile.responseTimescale;
  return !(timescale.kind === 'calendar-months' && timescale.otherwise === 'progress-report-with-new-date');
}
