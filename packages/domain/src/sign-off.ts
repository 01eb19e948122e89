import type { ApprovalStep, ApproverRole, PolicyProfile } from './profiles';
import type { Stage } from './stages';

const DRAFTING_STAGES: readonly Stage[] = ['closer-look', 'awaiting-sign-off'];

/** R-RESP-1: a final response is drafted (saved as a new version) during the closer look and its sign-off. */
export function isDraftingStage(stage: string): boolean {
  return (DRAFTING_STAGES as readonly string[]).includes(stage);
}

/**
 * R-RESP-2: the role in which a member of staff signs off a step of the profile's chain. A step signed in the
 * Responsible Person's name (its roles include them) is signed by the Responsible Person, or by a member of
 * staff holding a current delegation from them (`delegated`), who signs as their delegate: as a senior manager
 * where the step names one, else in the Responsible Person's role (HPFT's Chief Executive approval). Any other
 * step (HPFT's complaints-team check) by the first of its roles they hold. `not-a-step` when the profile has no
 * such step; `not-a-signer` when it is not theirs to sign.
 */
export type SignOff =
  | { role: ApproverRole; asDelegate: boolean }
  | { refused: 'not-a-step'; detail: string }
  | { refused: 'not-a-signer'; detail: string };

export function signOffRole(
  profile: PolicyProfile,
  step: string,
  roles: readonly string[],
  delegated = false,
): SignOff {
  const chain = profile.finalResponseApproval;
  const definition = chain.find((candidate) => candidate.step === step);
  if (!definition)
    return {
      refused: 'not-a-step',
      detail: `${step} is not a sign-off step here; the steps are ${chain.map((s) => s.step).join(', ')}`,
    };
  if (signsForResponsiblePerson(definition)) {
    if (roles.includes('responsible-person')) return { role: 'responsible-person', asDelegate: false };
    if (delegated)
      return {
        role: definition.roles.includes('senior-manager') ? 'senior-manager' : 'responsible-person',
        asDelegate: true,
      };
    return {
      refused: 'not-a-signer',
      detail: `${step} is signed off by the Responsible Person or by a member of staff holding a current delegation from them to sign final responses`,
    };
  }
  const role = definition.roles.find((candidate) => roles.includes(candidate));
  if (!role)
    return { refused: 'not-a-signer', detail: `${step} is signed off by: ${definition.roles.join(' or ')}` };
  return { role, asDelegate: false };
}

/** R-RESP-2: a step signed in the Responsible Person's name, which only they or their recorded delegate sign. */
export function signsForResponsiblePerson(step: ApprovalStep): boolean {
  return step.roles.includes('responsible-person');
}

/** R-RESP-2 (PHSO model Annex, HPFT Appendix 1): what the Responsible Person may delegate to an authorised person. */
export const DELEGABLE_FUNCTIONS = {
  'final-response-sign-off': 'signing the final written response to a complaint',
} as const;
export type DelegableFunction = keyof typeof DELEGABLE_FUNCTIONS;

/** A delegation lasts at most a year; it is recorded again to go on. */
export const DELEGATION_LONGEST_DAYS = 366;

/** Whether a delegation from `from` until `until` (inclusive, London dates) is current on `today`. */
export function delegationCurrent(
  delegation: { from: string; until: string; endedAt: Date | null },
  today: string,
): boolean {
  return delegation.endedAt === null && delegation.from <= today && today <= delegation.until;
}

/** R-INV-7: the six-month letter is approved by the Responsible Person, or else by a senior manager. */
export function sixMonthLetterRole(roles: readonly string[]): ApproverRole {
  return roles.includes('responsible-person') ? 'responsible-person' : 'senior-manager';
}
