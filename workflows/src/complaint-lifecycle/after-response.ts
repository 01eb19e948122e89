// §5 After the response: the person stays involved until every promised action is done (R-RESP-4); a
// dissatisfied person can have the complaint reopened (R-REOPEN-1) or, at CWTH, reviewed at stage two
// (R-STAGE2-1).
import { patched, setHandler } from '@temporalio/workflow';
import {
  calendarMonthsAfterReceipt,
  DISSATISFACTION_REASONS,
  endOfLondonDay,
  londonDate,
  ROUND_RULES,
  type LocalDate,
} from '@complaints/domain';
import { earliestOutstandingDue, staff, type ClockSpec, type ComplaintCase } from './complaint-case';
import { waitUntil } from '../shared/london-time';
import {
  completeActionUpdate,
  reopenUpdate,
  requestStageTwoUpdate,
  type CompleteActionCommand,
  type NewRoundCommand,
} from './after-response.messages';
import type { Round } from './closer-look.messages';
import type { ClockState } from './lifecycle.messages';
import { refuse } from '../shared/refusal';

/** R-INT-6: a person unhappy with the response more than twelve months on makes a new complaint instead. */
const REOPENABLE_FOR_MONTHS = 12;

const PROMISED_ACTIONS_CLOCK: ClockSpec = {
  name: 'promised-actions',
  label: 'promised action',
  rule: 'R-RESP-4',
};

/** Issue #12 point 7: each promised action done is told to the person, not only the last. */
export const TELL_EACH_ACTION_COMPLETED = 'tell-each-action-completed';

/** The last day a complaint closed after its response can be reopened: twelve months from the closure (London). */
export function reopenableUntil(closedAt: string): LocalDate {
  return calendarMonthsAfterReceipt(londonDate(new Date(closedAt)), REOPENABLE_FOR_MONTHS);
}

export interface AfterResponse {
  /**
   * Follows the promised actions to the end, tells the person, closes, and stays reopenable. Resolves
   * `new-round` when a reopened or stage-two round has begun, `closed` when the complaint is closed for good,
   * and `continue-as-new` when, while it waits to be reopened, `moveOn` says this run has grown long enough.
   */
  keepInvolved(moveOn: () => boolean): Promise<'new-round' | 'closed' | 'continue-as-new'>;
  /** Actions whose completion the person has been told of, for a new run to carry on from. */
  reportedActionIds(): string[];
}

export function createAfterResponse(
  c: ComplaintCase,
  alreadyReported: readonly string[] = [],
): AfterResponse {
  const actionsClock: ClockState = { due: null };
  /** Actions whose completion the person has been told of (R-RESP-4). */
  const reported = new Set<string>(alreadyReported);
  const outstanding = () => (c.state.actions ?? []).filter((action) => !action.completedOn);
  const earliestOutstanding = () => earliestOutstandingDue(c.state.actions ?? []);

  setHandler(
    completeActionUpdate,
    async (command: CompleteActionCommand) => {
      const action = c.state.actions!.find((candidate) => candidate.id === command.actionId)!;
      action.completedOn = c.today();
      actionsClock.due = earliestOutstanding();
      await c.record('action-completed', 'R-RESP-4', staff(command.by), {
        actionId: action.id,
        due: action.due,
        onTime: action.completedOn <= action.due,
      });
      // R-RESP-4: the last action's letter says every action is done and the procedure has ended.
      if (outstanding().length > 0 && patched(TELL_EACH_ACTION_COMPLETED)) {
        c.post({
          step: `action-completed-${action.id}`,
          template: 'action-completed',
          audience: 'complainant',
          rule: 'R-RESP-4',
          facts: { actionId: action.id },
        });
      }
      return c.state.actions!;
    },
    {
      validator: (command: CompleteActionCommand) => {
        // An earlier round's actions stay due while a reopened or stage-two round is under way.
        c.requireStage(
          ['responded', 'closer-look', 'awaiting-sign-off'],
          'R-RESP-4',
          'actions are followed up after the final response',
        );
        const action = c.state.actions?.find((candidate) => candidate.id === command.actionId);
        if (!action) refuse('R-RESP-4', `no action ${command.actionId} was promised in the final response`);
        if (action.completedOn)
          refuse('R-RESP-4', `action ${action.id} was completed on ${action.completedOn}`);
      },
    },
  );

  setHandler(reopenUpdate, (command: NewRoundCommand) => beginRound('reopened', command, 'R-REOPEN-1'), {
    validator: (command: NewRoundCommand) => {
      if (c.profile.afterResponse.stageTwo)
        refuse('R-STAGE2-1', `${c.profile.name} reviews a response at stage two; request a stage-two review`);
      requireResponded(command, 'R-REOPEN-1');
    },
  });

  setHandler(
    requestStageTwoUpdate,
    (command: NewRoundCommand) => beginRound('stage-two', command, 'R-STAGE2-1'),
    {
      validator: (command: NewRoundCommand) => {
        if (!c.profile.afterResponse.stageTwo)
          refuse('R-STAGE2-1', `${c.profile.name} has no stage-two review; reopen the complaint instead`);
        if (c.state.round?.kind === 'stage-two')
          refuse('R-STAGE2-1', 'the stage-two decision is final; the next step is the ICB or NHS England');
        requireResponded(command, 'R-STAGE2-1');
      },
    },
  );

  /**
   * Only a complaint whose final response was sent, and not withdrawn since, goes round again; the person's
   * dissatisfaction is dated on or after the response (issue #12 point 10).
   */
  function requireResponded(command: NewRoundCommand, rule: string): void {
    const { stage, closed } = c.state;
    const responded = stage === 'responded' || (stage === 'closed' && closed?.reason === 'responded');
    if (!responded)
      refuse(rule, `only a complaint that has had its final response can go round again (stage: ${stage})`);
    if (command.reason !== undefined && !DISSATISFACTION_REASONS.includes(command.reason))
      refuse(rule, `reason must be one of ${DISSATISFACTION_REASONS.join(', ')}`);
    const sentOn = c.state.finalResponse?.sent?.on ?? c.state.round!.startedOn;
    c.requireDayHappened(command, { date: sentOn, what: 'the final response was sent' }, rule);
  }

  async function beginRound(kind: Round['kind'], command: NewRoundCommand, rule: string) {
    const wasClosed = c.isClosed();
    const startedOn = c.dayOf(command);
    const closer = c.startRound(kind, startedOn);
    await c.record(
      kind === 'stage-two' ? 'stage-two-requested' : 'reopened',
      rule,
      staff(command.by),
      {
        round: c.state.round!.number,
        due: closer.due,
        basis: closer.basis,
        on: startedOn,
        ...(command.reason ? { reason: command.reason } : {}),
      },
      wasClosed ? { closedAt: null } : {},
    );
    return closer;
  }

  return {
    reportedActionIds: () => [...reported],
    async keepInvolved(moveOn: () => boolean) {
      const round = c.state.round!.number;
      const newRound = () => c.state.round!.number !== round;
      // Decided on the actions, not on what is outstanding now: the last one may be done before this runs.
      const unreported = (c.state.actions ?? []).filter((action) => !reported.has(action.id));
      if (unreported.length > 0) {
        actionsClock.due = earliestOutstanding();
        await c.keepClock(
          actionsClock,
          PROMISED_ACTIONS_CLOCK,
          () => outstanding().length === 0 || c.isClosed() || newRound(),
        );
        if (newRound()) return 'new-round';
        if (c.isClosed()) return 'closed';
        await c.send({
          step: `actions-completed-${round}`,
          template: 'actions-completed',
          audience: 'complainant',
          rule: 'R-RESP-4',
        });
        unreported.forEach((action) => reported.add(action.id));
      }
      if (newRound()) return 'new-round';
      if (!c.isClosed())
        await c.close('responded', null, { type: 'closed', rule: 'R-RESP-4', data: { reason: 'responded' } });
      if (c.state.closed?.reason !== 'responded') return 'closed';
      // Counted from the closure, which a run carrying on after continue-as-new did not see happen.
      const until = endOfLondonDay(reopenableUntil(c.state.closed.at));
      const movedOn = await waitUntil(() => newRound() || moveOn(), until);
      if (newRound()) return 'new-round';
      return movedOn ? 'continue-as-new' : 'closed';
    },
  };
}

/** The person hears at once that the complaint is being looked at again, by whom and by when. */
export async function acknowledgeNewRound(c: ComplaintCase): Promise<void> {
  const round = c.state.round!;
  const stageTwo = round.kind === 'stage-two';
  await c.send({
    step: `${stageTwo ? 'stage-two-acknowledgement' : 'reopened'}-${round.number}`,
    template: stageTwo ? 'stage-two-acknowledgement' : 'reopened',
    audience: 'complainant',
    rule: ROUND_RULES[round.kind],
    facts: { due: c.state.closerLook!.due },
  });
}
