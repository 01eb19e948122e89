import type { EntityManager } from 'typeorm';
import { CaseEvent } from '@complaints/db';
import type { StaffPrincipal } from '@complaints/service-kit';

/**
 * Puts on the complaint's timeline a fact a member of staff wrote to the record, in the transaction of that
 * write (ADR 0009: the API's own events). The data names what changed, never the personal words written.
 */
export async function recordStaffEvent(
  manager: EntityManager,
  complaintId: string,
  staff: StaffPrincipal,
  event: { type: string; rule: string | null; data?: Record<string, unknown> },
): Promise<void> {
  await manager.insert(CaseEvent, {
    complaintId,
    occurredAt: new Date(),
    actorType: 'staff',
    actorId: staff.id,
    type: event.type,
    rule: event.rule,
    data: (event.data ?? {}) as Record<string, never>,
  });
}
