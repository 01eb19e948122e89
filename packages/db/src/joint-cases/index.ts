import { IsNull, Not, type EntityManager } from 'typeorm';
import { JointCase } from '../entities/joint-case.entity';
import { JointCasePartner } from '../entities/joint-case-partner.entity';

/**
 * R-JOINT-6: the issues of the partners a partial joint response went without. The lead's response answers the
 * rest; these parts follow from those organisations, so the response is complete without their findings.
 */
export async function issuesToFollow(manager: EntityManager, complaintId: string): Promise<string[]> {
  const jointCase = await manager.getRepository(JointCase).findOneBy({ complaintId });
  if (!jointCase) return [];
  const leftOut = await manager
    .getRepository(JointCasePartner)
    .findBy({ jointCaseId: jointCase.id, leftOutOfResponseAt: Not(IsNull()) });
  return leftOut.flatMap((partner) => partner.issueIds);
}
