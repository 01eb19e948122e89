import type { Stage } from './stages';

/**
 * Every way a complaint's procedure ends, with the stage it ends in: withdrawn by the person, resolved early
 * (R-ER-1) or on the quick route (R-QUICK-1), closed after its response and actions (R-RESP-4), closed by a
 * triage decision that the procedure does not apply (R-INT-5/6/7), or, anonymous, closed by its learning
 * review (R-INT-4).
 */
export const CLOSURE_STAGES = {
  withdrawn: 'withdrawn',
  'resolved-quickly': 'closed',
  'resolved-early': 'resolved-early',
  'out-of-scope': 'closed',
  'out-of-time': 'closed',
  'representative-stopped': 'closed',
  responded: 'closed',
  'learning-reviewed': 'closed',
} as const satisfies Record<string, Stage>;

export type ClosureReason = keyof typeof CLOSURE_STAGES;
