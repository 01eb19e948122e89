import { Context } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { actionFollowUps } from '@complaints/domain';
import { requireOwnComplaint } from '../shared/own-complaint';
import type { ActionFollowUp, ActionFollowUpsInput } from './contract';

/**
 * The open actions past their date on `asOf` (ADR 0024), each with the follow-ups it needs: its owner reminded,
 * and the senior managers told once it is a week overdue. A disposed case file has no actions left to follow.
 */
export function createActionPlanActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    async findActionFollowUps({ asOf }: ActionFollowUpsInput): Promise<ActionFollowUp[]> {
      const rows: {
        reference: string;
        action_key: string;
        source: ActionFollowUp['source'];
        owner_id: string;
        due: string;
      }[] = await dataSource.query(
        `SELECT a.complaint_reference AS reference, a.action_key, a.source, a.owner_id, a.due::text AS due
             FROM case_action a
            WHERE a.status = 'open' AND a.due < $1::date
            ORDER BY a.due, a.complaint_reference, a.action_key`,
        [asOf],
      );
      return rows.flatMap((row) =>
        actionFollowUps(row.due, asOf).map((kind) => ({
          reference: row.reference,
          actionKey: row.action_key,
          source: row.source,
          ownerId: row.owner_id,
          due: row.due,
          kind,
        })),
      );
    },

    /**
     * Puts the follow-up on the complaint's timeline before its email goes (the escalation says it is recorded),
     * once per action, date and kind however often it is asked.
     */
    async recordActionFollowUp(followUp: ActionFollowUp): Promise<void> {
      const { workflowExecution } = Context.current().info;
      await requireOwnComplaint(followUp.reference, dataSource.manager);
      const { reference, actionKey, source, ownerId, due, kind } = followUp;
      await dataSource.query(
        `INSERT INTO case_event (complaint_id, occurred_at, actor_type, actor_id, type, rule, data, dedupe_key)
         SELECT c.id, now(), 'system', $2, $3, $4, $5::jsonb, $6 FROM complaint c WHERE c.reference = $1
         ON CONFLICT (dedupe_key) DO NOTHING`,
        [
          reference,
          workflowExecution?.workflowId ?? 'action-reminders',
          kind === 'reminder' ? 'action-overdue-reminded' : 'action-overdue-escalated',
          source === 'promised' ? 'R-RESP-4' : 'R-MON-1',
          JSON.stringify({
            actionKey,
            due,
            ...(kind === 'reminder' ? { ownerId } : { to: 'senior-manager' }),
          }),
          `action-${kind}:${reference}:${actionKey}:${due}`,
        ],
      );
    },
  };
}

export type ActionPlanActivities = ReturnType<typeof createActionPlanActivities>;
