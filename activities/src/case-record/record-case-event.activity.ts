import { ApplicationFailure, Context } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { CaseEvent, Complaint } from '@complaints/db';
import type { CaseEventInput } from './contract';

export function createCaseRecordActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    /**
     * Appends one event to the case timeline and applies its projection changes, in one transaction.
     * Keyed by workflow run and activity ID, so a retried activity records the event once.
     */
    async recordCaseEvent(input: CaseEventInput): Promise<void> {
      const { workflowExecution, activityId } = Context.current().info;
      if (!workflowExecution) throw new Error('recordCaseEvent runs only as a workflow activity');
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
        if (inserted.raw.length === 0 || !input.projection) return;
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
        const changes: Partial<Complaint> = {};
        if (stage !== undefined) changes.stage = stage;
        if (nextDeadline !== undefined) changes.nextDeadline = nextDeadline;
        if (breached !== undefined) changes.breached = breached;
        if (acknowledgedAt !== undefined) changes.acknowledgedAt = new Date(acknowledgedAt);
        if (closedAt !== undefined) changes.closedAt = closedAt === null ? null : new Date(closedAt);
        if (underOversight !== undefined) changes.underOversight = underOversight;
        if (handlerId !== undefined) changes.handlerId = handlerId;
        if (outcome !== undefined) changes.outcome = outcome as Complaint['outcome'];
        if (metAgreedTimescale !== undefined) changes.metAgreedTimescale = metAgreedTimescale;
        if (becameComplaintOn !== undefined)
          Object.assign(changes, { kind: 'complaint', receivedOn: becameComplaintOn });
        await manager.update(Complaint, { id: complaint.id }, changes);
        if (deadlines && Object.keys(deadlines).length > 0) {
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
