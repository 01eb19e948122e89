import type { EntityManager } from 'typeorm';
import { AccessLogEntry, type AccessAction } from '../entities/access-log-entry.entity';
import type { StaffIdentity } from './policy';

/** One access to record: who (from the token), what they asked for, and what the policy decided. */
export interface AccessRequest {
  staff: StaffIdentity;
  action: AccessAction;
  /** The route, e.g. `GET /complaints/:reference`. */
  resource: string;
  requestId?: string | null;
}

/** Appends one entry to the access log (the table refuses changes and deletions). */
export async function recordAccess(
  manager: EntityManager,
  request: AccessRequest,
  entry: Pick<AccessLogEntry, 'complaintReference' | 'outcome' | 'basis' | 'purpose'> & {
    references?: string[];
  },
): Promise<void> {
  await manager.getRepository(AccessLogEntry).insert({
    staffId: request.staff.id,
    organisationCode: request.staff.organisationCode,
    action: request.action,
    resource: request.resource.slice(0, 200),
    requestId: request.requestId ?? null,
    complaintReference: entry.complaintReference,
    outcome: entry.outcome,
    basis: entry.basis,
    purpose: entry.purpose,
    references: entry.references ?? [],
  });
}
