// R-ER-1, R-ER-2: where the profile aims to (PHSO model, HPFT), the complaint is resolved early within its
// aim, extendable with the person's agreement; if that fails, a closer look follows.
import { setHandler } from '@temporalio/workflow';
import { isLocalDate, workingDaysAfterReceipt } from '@complaints/domain';
import { sendCorrespondence } from '../shared/activity-proxies';
import { refuse } from '../shared/refusal';
import { SYSTEM, staff, type ClockSpec, type ComplaintCase } from './complaint-case';
import {
  extendEarlyResolutionUpdate,
  resolveEarlyUpdate,
  startCloserLookUpdate,
  type ExtendEarlyResolutionCommand,
} from './early-resolution.messages';
import type { StaffCommand } from './lifecycle.messages';

const EARLY_RESOLUTION_CLOCK: ClockSpec = {
  name: 'early-resolution',
  label: 'early-resolution aim',
  rule: 'R-ER-1',
};

export function registerEarlyResolutionHandlers(c: ComplaintCase): void {
  const requireEarlyResolution = (rule: string, reason: string) =>
    c.requireStage('early-resolution', rule, reason);

  setHandler(
    extendEarlyResolutionUpdate,
    async (command: ExtendEarlyResolutionCommand) => {
      const early = c.extendEarlyResolution(command.newTarget, command.by);
      await c.record('early-resolution-extended', 'R-ER-1', staff(command.by), {
        to: command.newTarget,
        agreedOn: c.today(),
      });
      return early;
    },
    {
      validator: (command: ExtendEarlyResolutionCommand) => {
        requireEarlyResolution(
          'R-ER-1',
          'the early-resolution aim can be extended only during early resolution',
        );
        const today = c.today();
        if (!isLocalDate(command.newTarget)) refuse('R-ER-1', 'newTarget must be an ISO date');
        if (command.newTarget < today)
          refuse('R-ER-1', `the new target ${command.newTarget} is in the past (today is ${today})`);
        const due = c.state.earlyResolution!.due!;
        if (command.newTarget <= due)
          refuse('R-ER-1', `the new target must be after the current one (${due})`);
      },
    },
  );

  setHandler(
    resolveEarlyUpdate,
    async (command: StaffCommand) => {
      // The stage changes at once (refusing further commands); the outcome, which the main flow waits on,
      // only once the event is recorded, so the timeline keeps its order.
      const early = c.state.earlyResolution!;
      c.moveTo('resolved-early');
      await c.record('resolved-early', 'R-ER-1', staff(command.by), {
        aim: early.due,
        onTime: c.today() <= early.due!,
      });
      early.outcome = 'resolved';
      return early;
    },
    {
      validator: (_command: StaffCommand) =>
        requireEarlyResolution('R-ER-1', 'only a complaint in early resolution can be resolved early'),
    },
  );

  setHandler(
    startCloserLookUpdate,
    async (command: StaffCommand) => {
      const closer = c.openCloserLook();
      await c.record('early-resolution-ended', 'R-ER-2', staff(command.by), { outcome: 'closer-look' });
      c.state.earlyResolution!.outcome = 'closer-look';
      return closer;
    },
    {
      validator: (_command: StaffCommand) =>
        requireEarlyResolution(
          'R-ER-2',
          'a closer look follows early resolution; this complaint is not in early resolution',
        ),
    },
  );
}

/**
 * R-ER-1: early resolution where the profile has it, until it is resolved (the summary goes to the person and
 * the complaint closes), a closer look is started (R-ER-2), or the complaint closes. Resolves `closer-look`
 * when one follows (straight away where the profile has no early resolution), else `ended`.
 */
export async function resolveEarly(c: ComplaintCase): Promise<'closer-look' | 'ended'> {
  const aim = c.profile.earlyResolution;
  if (!aim) return 'closer-look';
  const early = c.startEarlyResolution(
    workingDaysAfterReceipt(c.input.receivedOn, aim.aimWorkingDays, c.calendar),
  );
  await c.record('early-resolution-started', 'R-ER-1', SYSTEM, { aim: early.due });
  await c.keepClock(early, EARLY_RESOLUTION_CLOCK, () => early.outcome !== undefined || c.isClosed());
  if (c.isClosed()) return 'ended';
  if (early.outcome === 'closer-look') return 'closer-look';
  // R-ER-1: a summary of the complaint and how it was resolved is shared with the person.
  const sent = await sendCorrespondence({
    reference: c.input.reference,
    step: 'early-resolution-summary',
    template: 'early-resolution-summary',
    audience: 'complainant',
  });
  await c.close('resolved-early', null, {
    type: 'closed',
    rule: 'R-ER-1',
    data: { reason: 'resolved-early', items: sent.items },
  });
  return 'ended';
}
