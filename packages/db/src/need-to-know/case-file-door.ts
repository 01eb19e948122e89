import { IsNull, MoreThan, type DataSource } from 'typeorm';
import { Complaint } from '../entities/complaint.entity';
import { AccessGrant } from '../entities/access-grant.entity';
import { recordAccess, type AccessRequest } from './access-log';
import { accessBasisSql, type AccessBasis } from './policy';

export interface OpenedCaseFile {
  complaintId: string;
  basis: AccessBasis;
}

/**
 * Decides whether the member of staff may open the complaint (the need-to-know policy) and records the access,
 * allowed or refused, in the access log. Null means 404: no such complaint, or not theirs to see.
 */
export async function openCaseFile(
  dataSource: DataSource,
  reference: string,
  request: AccessRequest,
): Promise<OpenedCaseFile | null> {
  const policy = accessBasisSql('complaint', request.staff);
  const row = await dataSource
    .getRepository(Complaint)
    .createQueryBuilder('complaint')
    .select('complaint.id', 'id')
    .addSelect(policy.sql, 'basis')
    .where('complaint.reference = :reference', { reference })
    .setParameters(policy.parameters)
    .getRawOne<{ id: string; basis: AccessBasis | null }>();
  const basis = row?.basis ?? null;
  let purpose: string | null = null;
  if (basis === 'break-glass') {
    const grant = await dataSource.getRepository(AccessGrant).findOne({
      where: {
        complaintId: row!.id,
        staffId: request.staff.id,
        revokedAt: IsNull(),
        expiresAt: MoreThan(new Date()),
      },
      order: { expiresAt: 'DESC' },
    });
    purpose = grant ? `break-glass grant ${grant.id}: ${grant.reason}` : null;
  }
  await recordAccess(dataSource.manager, request, {
    complaintReference: reference.slice(0, 32),
    outcome: basis ? 'allowed' : 'refused',
    basis,
    purpose,
  });
  return basis ? { complaintId: row!.id, basis } : null;
}

/** The worklist's filter: only complaints the member of staff may open (the same policy, as a WHERE clause). */
export function openableBy(alias: string, staff: AccessRequest['staff']) {
  const policy = accessBasisSql(alias, staff);
  return { where: `${policy.sql} IS NOT NULL`, parameters: policy.parameters };
}
