import { ApplicationFailure, Context } from '@temporalio/activity';
import type { EntityManager } from 'typeorm';
import { CaseAction, Complaint, ContactRestriction, JointCase } from '@complaints/db';
import { londonDate } from '@complaints/domain';
import { contactRestrictionIdOf, isActionRemindersWorkflow, jointCaseIdOf } from '@complaints/temporal';

/** The ApplicationFailure type of an activity asked to act on a complaint its workflow is not for. */
export const NOT_THIS_WORKFLOWS_COMPLAINT = 'NotThisWorkflowsComplaint';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An activity acts only on its own workflow's complaint: the complaint's workflow (ID = reference), or the
 * review of limits on contact decided on it, or the jointResponse workflow of its joint case (ADR 0019). A workflow started with someone else's reference in its input
 * (by anyone who reached the frontend) cannot write that complaint's timeline or send its letters. The daily action
 * reminders (ADR 0024) act on a complaint only while it has an open action past its date.
 */
export async function requireOwnComplaint(reference: string, manager: EntityManager): Promise<void> {
  const workflowId = Context.current().info.workflowExecution?.workflowId;
  if (workflowId !== undefined && workflowId === reference) return;
  const restrictionId = workflowId === undefined ? undefined : contactRestrictionIdOf(workflowId);
  if (restrictionId !== undefined && UUID.test(restrictionId)) {
    const restriction = await manager.findOne(ContactRestriction, {
      where: { id: restrictionId },
      select: { id: true, complaintReference: true },
    });
    if (restriction?.complaintReference === reference) return;
  }
  const jointCaseId = workflowId === undefined ? undefined : jointCaseIdOf(workflowId);
  if (jointCaseId !== undefined && UUID.test(jointCaseId)) {
    const jointCase = await manager.findOne(JointCase, {
      where: { id: jointCaseId },
      select: { id: true, complaintId: true },
    });
    const complaint =
      jointCase &&
      (await manager.findOne(Complaint, {
        where: { id: jointCase.complaintId },
        select: { reference: true },
      }));
    if (complaint?.reference === reference) return;
  }
  if (workflowId !== undefined && isActionRemindersWorkflow(workflowId)) {
    const overdue = await manager
      .getRepository(CaseAction)
      .createQueryBuilder('action')
      .where('action.complaint_reference = :reference AND action.status = :open AND action.due < :today', {
        reference,
        open: 'open',
        today: londonDate(new Date()),
      })
      .getExists();
    if (overdue) return;
  }
  throw ApplicationFailure.nonRetryable(
    `workflow ${workflowId ?? '(none)'} acts only on its own complaint, not on ${reference}`,
    NOT_THIS_WORKFLOWS_COMPLAINT,
  );
}
