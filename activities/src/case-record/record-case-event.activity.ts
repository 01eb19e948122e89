import { ApplicationFailure, Context } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { CaseEvent, Complaint, planPromisedActions, type SentResponseFacts } from '@complaints/db';
import { requireOwnComplaint } from '../shared/own-complaint';
import type { CaseEventInput } from './contract';
import { recordClosureOutcome } from './outcome-and-plan';

export function createCaseRecordActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    /**
     * Appends one event to the case timeline and applies its projection changes, in one transaction.
     * Keyed by workflow run and activity ID, so a retried activity records the event once.
     */
    async recordCaseEvent(input: CaseEventInput): Promise<void> {
      const { workflowExecution, activityId } = Context.current().info;
      if (!workflowExecution) throw new Error('recordCaseEvent runs only as a workflow activity');
      await requireOwnComplaint(input.reference, dataSource.manager);
      const dedupeKey = `${workflowExecution.workflowId}:${workflowExecution.runId}:${activityId}`;
      await dataSource.transaction(async (manager) => {
        const complaint = await manager.findOne(Complaint, {
          where: { reference: input.reference },
          select: { id: true },
        });
        if (!complaint)
          throw ApplicationFailure.nonRetryable(
            `no complaint ${input.reference} in the record`,
            'ComplaintNotFound',
          );
        const inserted = await manager
          .createQueryBuilder()
          .insert()
          .into(CaseEvent)
          .values({
            complaintId: complaint.id,
            occurredAt: new Date(input.occurredAt),
            actorType: input.actor.type,
            actorId: input.actor.id,
            type: input.type,
            rule: input.rule ?? null,
            data: (input.data ?? {}) as Record<string, never>,
            dedupeKey,
          })
          .orIgnore()
          .returning(['id'])
          .execute();
        if (inserted.raw.length === 0) return;
        // R-RESP-4 (ADR 0024): what the sent response promised joins the complaint's action plan.
        if (input.type === 'final-response-sent')
          await planPromisedActions(
            manager,
            input.reference,
            (input.data ?? {}) as SentResponseFacts,
            'workflow',
          );
        await recordClosureOutcome(manager, complaint.id, input);
        if (!input.projection) return;
        const {
          stage,
          deadlines,
          nextDeadline,
          breached,
          acknowledgedAt,
          closedAt,
          underOversight,
          handlerId,
          becameComplaintOn,
          outcome,
          metAgreedTimescale,
        } = input.projection;
        // Facts this event alone establishes apply whenever it lands…
        const facts: Partial<Complaint> = {};
        if (acknowledgedAt !== undefined) facts.acknowledgedAt = new Date(acknowledgedAt);
        if (handlerId !== undefined) facts.handlerId = handlerId;
        if (outcome !== undefined) facts.outcome = outcome as Complaint['outcome'];
        if (metAgreedTimescale !== undefined) facts.metAgreedTimescale = metAgreedTimescale;
        if (becameComplaintOn !== undefined)
          Object.assign(facts, { kind: 'complaint', receivedOn: becameComplaintOn });
        if (Object.keys(facts).length > 0) await manager.update(Complaint, { id: complaint.id }, facts);
        // …while where the complaint stands (stage, deadlines, flags) follows the latest event by workflow
        // time: a command's record that finishes after the main flow's next one must not undo it.
        const current: Partial<Complaint> = {};
        if (stage !== undefined) current.stage = stage;
        if (nextDeadline !== undefined) current.nextDeadline = nextDeadline;
        if (breached !== undefined) current.breached = breached;
        if (closedAt !== undefined) current.closedAt = closedAt === null ? null : new Date(closedAt);
        if (underOversight !== undefined) current.underOversight = underOversight;
        const hasDeadlines = deadlines !== undefined && Object.keys(deadlines).length > 0;
        if (Object.keys(current).length === 0 && !hasDeadlines) return;
        const occurredAt = new Date(input.occurredAt);
        const applied = await manager
          .createQueryBuilder()
          .update(Complaint)
          .set({ ...current, projectedAt: occurredAt })
          .where('id = :id', { id: complaint.id })
          .andWhere('(projected_at IS NULL OR projected_at <= :occurredAt)', { occurredAt })
          .execute();
        if (hasDeadlines && applied.affected) {
          await manager.query(`UPDATE complaint SET deadlines = deadlines || $1::jsonb WHERE id = $2`, [
            JSON.stringify(deadlines),
            complaint.id,
          ]);
        }
      });
    },
  };
}

export type CaseRecordActivities = ReturnType<typeof createCaseRecordActivities>;
