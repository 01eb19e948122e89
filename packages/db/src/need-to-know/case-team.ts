// The case team is filled by the procedure itself: each step that names people (allocation, the clinical view,
// the plan, a draft's action owners, a sign-off, the six-month letter) records them here, in the write that
// names them, keyed by that step so a step the workflow refuses can be undone.
import { In, IsNull, type EntityManager } from 'typeorm';
import { CaseTeamMember, type CaseTeamRole } from '../entities/case-team-member.entity';

export interface CaseTeamStep {
  complaintId: string;
  /** The step naming them, e.g. `allocation:<uuid>`, `plan:2`. */
  namedIn: string;
  namedBy: string;
}

/** Adds each person in the role (someone already in it stays as they were). */
export async function nameToCaseTeam(
  manager: EntityManager,
  step: CaseTeamStep,
  role: CaseTeamRole,
  staffIds: readonly string[],
): Promise<void> {
  const ids = [...new Set(staffIds)];
  if (ids.length === 0) return;
  await manager
    .createQueryBuilder()
    .insert()
    .into(CaseTeamMember)
    .values(ids.map((staffId) => ({ complaintId: step.complaintId, staffId, role, ...names(step) })))
    .orIgnore()
    .execute();
}

/** Makes `staffIds` the whole of the role: others in it leave the team at this step (a reallocation). */
export async function replaceInCaseTeam(
  manager: EntityManager,
  step: CaseTeamStep,
  role: CaseTeamRole,
  staffIds: readonly string[],
): Promise<void> {
  const current = await manager
    .getRepository(CaseTeamMember)
    .findBy({ complaintId: step.complaintId, role, endedAt: IsNull() });
  const leaving = current.filter((member) => !staffIds.includes(member.staffId)).map((member) => member.id);
  if (leaving.length > 0)
    await manager
      .getRepository(CaseTeamMember)
      .update({ id: In(leaving) }, { endedIn: step.namedIn, endedAt: new Date() });
  await nameToCaseTeam(manager, step, role, staffIds);
}

/** Undoes a step the workflow refused: who it named go, and who it ended come back. */
export async function undoCaseTeamStep(manager: EntityManager, step: CaseTeamStep): Promise<void> {
  const members = manager.getRepository(CaseTeamMember);
  await members.delete({ complaintId: step.complaintId, namedIn: step.namedIn });
  await members.update(
    { complaintId: step.complaintId, endedIn: step.namedIn },
    { endedIn: null, endedAt: null },
  );
}

function names(step: CaseTeamStep) {
  return { namedIn: step.namedIn, namedBy: step.namedBy };
}
