import type { FindingOutcome } from './final-response';
import type { LocalDate } from './local-date';

// R-MON-1: what is recorded for reporting (KO41a-style): each issue's subject, service area and staff group,
// the complaint's complexity (R-MON-2 targets differ), its outcome, whether the final response met the
// timescale agreed at the start, and optional equality-monitoring answers kept apart from the case.

/** KO41a subject areas (NHS Digital, Written Complaints collection). */
export const SUBJECT_AREAS = [
  'access-to-treatment-or-drugs',
  'admissions-discharges-and-transfers',
  'appointments',
  'clinical-treatment',
  'commissioning',
  'communications',
  'consent',
  'end-of-life-care',
  'facilities',
  'integrated-care',
  'mental-health-act',
  'patient-care',
  'prescribing',
  'privacy-dignity-and-wellbeing',
  'restraint',
  'staff-numbers',
  'trust-admin-policies-and-procedures',
  'transport',
  'values-and-behaviours',
  'waiting-times',
  'other',
] as const;
export type SubjectArea = (typeof SUBJECT_AREAS)[number];

export const SERVICE_AREAS = [
  'inpatient',
  'outpatient',
  'a-and-e',
  'community',
  'mental-health',
  'maternity',
  'ambulance',
  'primary-care',
  'social-care',
  'training-and-education',
  'other',
] as const;
export type ServiceArea = (typeof SERVICE_AREAS)[number];

/** KO41a staff groups. */
export const STAFF_GROUPS = [
  'medical-and-dental',
  'nursing-midwifery-and-health-visiting',
  'allied-health-professionals',
  'scientific-technical-and-therapeutic',
  'ambulance',
  'admin-clerical-and-estates',
  'management',
  'social-care',
  'other',
] as const;
export type StaffGroup = (typeof STAFF_GROUPS)[number];

/**
 * R-MON-3: how a theme rule finds a theme: enough complaints within a number of days, or a rise in the financial
 * quarter so far over the whole quarter before.
 */
export const THEME_RULE_KINDS = ['within-days', 'rise-over-quarter'] as const;
export type ThemeRuleKind = (typeof THEME_RULE_KINDS)[number];

/** R-MON-2: complex covers multi-organisation complaints too. */
export const COMPLEXITIES = ['straightforward', 'complex'] as const;
export type Complexity = (typeof COMPLEXITIES)[number];

/** KO41a: upheld when every issue is, partially when some are, not upheld when none is. */
export function overallOutcome(findings: readonly { outcome: FindingOutcome }[]): FindingOutcome | null {
  if (findings.length === 0) return null;
  if (findings.every((finding) => finding.outcome === 'upheld')) return 'upheld';
  if (findings.some((finding) => finding.outcome !== 'not-upheld')) return 'partially-upheld';
  return 'not-upheld';
}

/**
 * R-MON-1: the final response met the timescale agreed at the start when it went on or before the date that
 * applied before any extension (R-INV-5); null when no date was ever set.
 */
export function metTimescaleAgreedAtStart(
  sentOn: LocalDate,
  dueBeforeExtensions: LocalDate | null,
): boolean | null {
  return dueBeforeExtensions === null ? null : sentOn <= dueBeforeExtensions;
}

/** Equality-monitoring questions (optional; every answer may be "prefer not to say"). */
export const EQUALITY_QUESTIONS = {
  ageBand: ['under-18', '18-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75-plus'],
  sex: ['female', 'male'],
  genderSameAsAtBirth: ['yes', 'no'],
  ethnicGroup: ['asian-or-asian-british', 'black-or-black-british', 'mixed', 'white', 'other'],
  disability: ['yes', 'no'],
  religion: ['none', 'buddhist', 'christian', 'hindu', 'jewish', 'muslim', 'sikh', 'other'],
  sexualOrientation: ['heterosexual', 'gay-or-lesbian', 'bisexual', 'other'],
} as const satisfies Record<string, readonly string[]>;
export type EqualityQuestion = keyof typeof EQUALITY_QUESTIONS;
export const PREFER_NOT_TO_SAY = 'prefer-not-to-say';
export type EqualityAnswers = Partial<Record<EqualityQuestion, string>>;
