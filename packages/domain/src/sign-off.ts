import type { ApproverRole, PolicyProfile } from './profiles';
import type { Stage } from './stages';

const DRAFTING_STAGES: readonly Stage[] = ['closer-look', 'awaiting-sign-off'];

/** R-RESP-1: a final response is drafted (saved as a new version) during the closer look and its sign-off. */
export function isDraftingStage(stage: string): boolean {
  return (DRAFTING_STAGES as readonly string[]).includes(stage);
}

/**
 * R-RESP-2: the role in which a member of staff signs off a step of the profile's chain — the first of the
 * step's roles they hold. `not-a-step` when the profile has no such step; `not-a-signer` when they hold none
 * of its roles.
 */
export type SignOff =
  | { role: ApproverRole }
  | { refused: 'not-a-step'; detail: string }
  | { refused: 'not-a-signer'; detail: string };

export function signOffRole(profile: PolicyProfile, step: string, roles: readonly string[]): SignOff {
  const chain = profile.finalResponseApproval;
  const definition = chain.find((candidate) => candidate.step === step);
  if (!definition)
    return {
      refused: 'not-a-step',
      detail: `${step} is not a sign-off step here; the steps are ${chain.map((s) => s.step).join(', ')}`,
    };
  const role = definition.roles.find((candidate) => roles.includes(candidate));
  if (!role)
    return { refused: 'not-a-signer', detail: `${step} is signed off by: ${definition.roles.join(' or ')}` };
  return { role };
}

/** R-INV-7: the six-month letter is approved by the Responsible Person, or else by a senior manager. */
export function sixMonthLetterRole(roles: readonly string[]): ApproverRole {
  return roles.includes('responsible-person') ? 'responsible-person' : 'senior-manager';
}
