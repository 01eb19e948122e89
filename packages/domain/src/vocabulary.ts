// The procedure's vocabulary: every list of values a complaint's record, its workflow and the API share.
// Rule IDs refer to shared/docs/procedure.md.

/** R-INT-1: how a complaint reached the organisation. */
export const CHANNELS = [
  'in-person',
  'phone',
  'letter',
  'email',
  'web-form',
  'social-media',
  'pals',
  'commissioner',
  'partner-organisation',
] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * R-INT-3: only a complaint starts the procedure; feedback is recorded for learning. R-QUICK-1 (HPFT): a PALS
 * enquiry becomes a complaint if it is not resolved within its time.
 */
export const SUBMISSION_KINDS = ['complaint', 'feedback', 'complaint-and-feedback', 'pals-enquiry'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];

/** R-INT-2: how the person wants replies. */
export const REPLY_CHANNELS = ['letter', 'email'] as const;
export type ReplyChannel = (typeof REPLY_CHANNELS)[number];

/** R-INT-2: reasonable adjustments. */
export const ACCESSIBILITY_NEEDS = [
  'large-print',
  'easy-read',
  'interpreter',
  'advocate',
  'braille',
  'audio',
  'bsl',
  'other',
] as const;
export type AccessibilityNeed = (typeof ACCESSIBILITY_NEEDS)[number];

/** Who a person is on a complaint (R-INT-2, R-INT-5). */
export const PARTY_ROLES = ['complainant', 'person-affected'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/** R-INT-2: the complainant's relationship to the organisation. */
export const RELATIONSHIPS = [
  'patient',
  'carer',
  'relative',
  'representative',
  'trainee',
  'partner',
  'member-of-public',
] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** R-INT-5: consent of the person affected to a representative acting and seeing their information. */
export const CONSENT_STATUSES = ['given', 'pending', 'not-needed'] as const;
/** As recorded: also `refused`, which only the consent command records (the representative's complaint then ends). */
export type ConsentStatus = (typeof CONSENT_STATUSES)[number] | 'refused';

/** R-INT-5: why consent is not needed. */
export const CONSENT_NOT_NEEDED_REASONS = ['deceased', 'child', 'lacks-capacity'] as const;
export type ConsentNotNeededReason = (typeof CONSENT_NOT_NEEDED_REASONS)[number];

/**
 * R-INT-5: consideration stops when the representative is found not to act in the person's best interests, or
 * (a child's representative) there are no reasonable grounds for them to complain rather than the child.
 */
export const REPRESENTATIVE_DECISIONS = [
  'not-acting-in-best-interests',
  'no-reasonable-grounds-for-child',
] as const;
export type RepresentativeDecision = (typeof REPRESENTATIVE_DECISIONS)[number];

/** R-INT-7: matters outside the procedure, each with its own signposting. */
export const OUT_OF_SCOPE_MATTERS = ['employment', 'information-request', 'own-staff', 'other'] as const;
export type OutOfScopeMatter = (typeof OUT_OF_SCOPE_MATTERS)[number];

/**
 * Issue #12 point 8: the other procedures a complaint may also be handled under, each flagged on the case and told
 * to the person in writing. None of them pauses the complaint: only a formal request from the police, a coroner or
 * a judge does (R-INV-6, a pause with that reason).
 */
export const OTHER_PROCEDURES = ['patient-safety', 'safeguarding', 'coroner', 'regulator', 'legal'] as const;
export type OtherProcedure = (typeof OTHER_PROCEDURES)[number];

/** R-INV-6: why the clock is paused (consent being sought; on hold at the person's request or a formal request). */
export const PAUSE_REASONS = ['seeking-consent', 'person-request', 'police', 'coroner', 'judge'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/**
 * R-INV-6: why the clock starts again. While R-INT-5 consent is still sought, the clock resumes by itself when the
 * consent is recorded (`consent-recorded`, never given by staff), and by hand only with
 * `continuing-without-consent` (the response then shares nothing of the person's information with the
 * representative).
 */
export const RESUME_REASONS = [
  'consent-recorded',
  'information-received',
  'hold-ended',
  'formal-process-ended',
  'continuing-without-consent',
] as const;
export type ResumeReason = (typeof RESUME_REASONS)[number];
/** The resume reasons staff may give (`consent-recorded` is the consent's own). */
export const STAFF_RESUME_REASONS: readonly ResumeReason[] = RESUME_REASONS.filter(
  (reason) => reason !== 'consent-recorded',
);

/** R-REOPEN-1 / R-STAGE2-1: why the person is not satisfied with the response. */
export const DISSATISFACTION_REASONS = [
  'issues-not-answered',
  'disagrees-with-findings',
  'new-information',
  'remedy-not-agreed',
  'other',
] as const;
export type DissatisfactionReason = (typeof DISSATISFACTION_REASONS)[number];

/** Roles of procedure §7; a user may hold several. */
export const STAFF_ROLES = [
  'responsible-person',
  'senior-manager',
  'complaints-manager',
  'handler',
  'complaint-lead',
  'staff',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Roles that consider complaints and so may read their records (R-INT-8); `staff` alone may not. */
export const CASE_ROLES = [
  'handler',
  'complaints-manager',
  'complaint-lead',
  'senior-manager',
  'responsible-person',
] as const satisfies readonly StaffRole[];
