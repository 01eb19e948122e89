import type { EntityManager } from 'typeorm';
import { Complaint } from '@complaints/db';
import { CLOSURE_STAGES, closureOutcome, FINDING_OUTCOMES, type ClosureReason } from '@complaints/domain';
import type { CaseEventInput } from './contract';

// What a closing event establishes beyond the workflow's projection (ADR 0024): the outcome of a complaint that
// ended without a final response.

/** The closure an event records, if it closes the complaint. */
export function closureReasonOf(input: Pick<CaseEventInput, 'type' | 'data'>): ClosureReason | null {
  const data = input.data ?? {};
  const isReason = (value: unknown): value is ClosureReason =>
    typeof value === 'string' && Object.hasOwn(CLOSURE_STAGES, value);
  if (input.type === 'closed') return isReason(data.reason) ? data.reason : null;
  if (input.type === 'withdrawn' || input.type === 'resolved-quickly') return input.type;
  const decided = /^(.+)-decided$/.exec(input.type)?.[1];
  return data.closes === true && isReason(decided) ? decided : null;
}

/**
 * R-MON-1: a complaint that ends without a response gets the way it ended as its outcome. One answered by a final
 * response keeps its findings' outcome, even when it is withdrawn afterwards.
 */
export async function recordClosureOutcome(
  manager: EntityManager,
  complaintId: string,
  input: CaseEventInput,
): Promise<void> {
  const reason = closureReasonOf(input);
  const outcome = reason && closureOutcome(reason);
  if (!outcome) return;
  await manager
    .createQueryBuilder()
    .update(Complaint)
    .set({ outcome })
    .where('id = :complaintId', { complaintId })
    .andWhere('(outcome IS NULL OR outcome NOT IN (:...findings))', { findings: [...FINDING_OUTCOMES] })
    .execute();
}
