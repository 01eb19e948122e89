// The daily action reminders (ADR 0024), started by the `action-reminders` Temporal Schedule: every open action of
// an action plan past its date is reminded to its owner, and a week on escalated to the organisation's senior
// managers, each put on the complaint's timeline and sent by the correspondence service, both keyed by the action
// and its date, so a retry, a second run on the same day or tomorrow's run records and sends nothing twice. Its history holds the date, references, action ids, dates and
// staff ids only.
import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { ActionFollowUp, ActionPlanActivities } from '@complaints/activities/action-plan';
import { londonDate } from '@complaints/domain';
import { TASK_QUEUES } from '@complaints/temporal';
import { sendCorrespondence } from '../shared/activity-proxies';

const { findActionFollowUps, recordActionFollowUp } = proxyActivities<ActionPlanActivities>({
  taskQueue: TASK_QUEUES.complaints,
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

export interface ActionRemindersResult {
  asOf: string;
  /** Follow-ups handed to the correspondence service (sent now, or already sent before). */
  sent: number;
  /** Follow-ups the correspondence service refused for good (e.g. no such member of staff): the rest still go. */
  failed: Pick<ActionFollowUp, 'reference' | 'actionKey' | 'kind'>[];
}

export async function actionReminders(): Promise<ActionRemindersResult> {
  const asOf = londonDate(new Date());
  const followUps = await findActionFollowUps({ asOf });
  const result: ActionRemindersResult = { asOf, sent: 0, failed: [] };
  for (const followUp of followUps) {
    try {
      await recordActionFollowUp(followUp);
      await sendCorrespondence(requestFor(followUp));
      result.sent += 1;
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      result.failed.push({
        reference: followUp.reference,
        actionKey: followUp.actionKey,
        kind: followUp.kind,
      });
    }
  }
  return result;
}

/** R-RESP-4 for an action promised in the response, R-MON-1 for one its learning or the Ombudsman led to. */
function requestFor({ reference, actionKey, source, ownerId, due, kind }: ActionFollowUp) {
  return {
    reference,
    step: `action-${kind}-${actionKey}-${due}`,
    template: kind === 'reminder' ? ('deadline-reminder' as const) : ('deadline-breach' as const),
    audience: kind === 'reminder' ? (`staff:${ownerId}` as const) : ('senior-manager' as const),
    facts: {
      deadline: `${source} action ${actionKey}`,
      due,
      rule: source === 'promised' ? 'R-RESP-4' : 'R-MON-1',
    },
  };
}
