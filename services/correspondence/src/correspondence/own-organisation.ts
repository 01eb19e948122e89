import { isComplaintReference, parseComplaintReference } from '@complaints/domain';
import { ProblemException, type StaffPrincipal } from '@complaints/service-kit';

export function notFound(detail: string): ProblemException {
  return new ProblemException({ status: 404, title: 'Not found', detail });
}

/**
 * R-INT-8: staff see only their own organisation's complaints, and another organisation's is "not found". The
 * reference names its organisation (HPFT-2026-000123), so no other service's table is needed to check it.
 */
export function assertOwnOrganisation(reference: string, staff: StaffPrincipal): void {
  if (
    !isComplaintReference(reference) ||
    parseComplaintReference(reference).orgCode !== staff.organisationCode
  ) {
    throw notFound(`no complaint ${reference} in your organisation`);
  }
}
