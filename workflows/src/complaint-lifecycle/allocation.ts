// R-INV-1, R-INV-3, R-STAFF-1: a handler not involved in the events (or the reason explained to the
// person), the staff complained about told early, and a clinical view from someone not involved.
import { patched, setHandler } from '@temporalio/workflow';
import { isInvolvedHandlerReason, type Stage } from '@complaints/domain';
import { staff, type ComplaintCase } from './complaint-case';
import {
  allocateUpdate,
  requestClinicalViewUpdate,
  type AllocateCommand,
  type RequestClinicalViewCommand,
} from './allocation.messages';
import { refuse } from '../shared/refusal';

/** Issue #12 point 4: complaints allocated by older code told nobody; their histories replay unchanged. */
export const TELL_HANDLER_ALLOCATED = 'tell-handler-allocated';

/** R-ACK-1 (CWTH): allocation may come first, so the acknowledgement can say who is handling the complaint. */
const OPEN_STAGES: readonly Stage[] = [
  'awaiting-acknowledgement',
  'acknowledged',
  'early-resolution',
  'closer-look',
  'awaiting-sign-off',
];

export function registerAllocationHandlers(c: ComplaintCase): void {
  setHandler(
    allocateUpdate,
    async (command: AllocateCommand) => {
      const previous = c.state.allocation;
      const newlyInvolved = command.involvedStaffIds.filter((id) => !previous?.involvedStaffIds.includes(id));
      const allocation = {
        handlerId: command.handlerId,
        on: c.today(),
        by: command.by,
        involvedStaffIds: [...new Set(command.involvedStaffIds)],
        ...(command.involvedHandlerReason ? { involvedHandlerReason: command.involvedHandlerReason } : {}),
        ...(previous?.clinicalView ? { clinicalView: previous.clinicalView } : {}),
      };
      c.state.allocation = allocation;
      await c.record(
        'allocated',
        'R-INV-1',
        staff(command.by),
        {
          handlerId: command.handlerId,
          involvedStaff: allocation.involvedStaffIds.length,
          involvedHandlerReason: command.involvedHandlerReason ?? null,
        },
        { handlerId: command.handlerId },
      );
      // R-INV-1: the handler is told the complaint is theirs (not when they allocated it to themselves).
      if (
        previous?.handlerId !== command.handlerId &&
        command.by !== command.handlerId &&
        patched(TELL_HANDLER_ALLOCATED)
      ) {
        c.post({
          step: `handler-allocated-${command.handlerId}`,
          template: 'handler-allocated',
          audience: `staff:${command.handlerId}`,
          rule: 'R-INV-1',
        });
      }
      // R-STAFF-1: staff complained about are told at the earliest opportunity, once each.
      for (const id of newlyInvolved) {
        c.post({
          step: `staff-notification-${id}`,
          template: 'staff-notification',
          audience: `staff:${id}`,
          rule: 'R-STAFF-1',
        });
      }
      if (command.involvedHandlerReason) {
        c.post({
          step: `involved-handler-${command.handlerId}`,
          template: 'involved-handler',
          audience: 'complainant',
          rule: 'R-INV-1',
          facts: { reason: command.involvedHandlerReason },
        });
      }
      return allocation;
    },
    {
      validator: (command: AllocateCommand) => {
        c.requireStage(
          OPEN_STAGES,
          'R-INV-1',
          'a handler is allocated while the complaint is open, before its final response',
        );
        if (typeof command.handlerId !== 'string' || command.handlerId === '')
          refuse('R-INV-1', 'handlerId is required');
        if (!Array.isArray(command.involvedStaffIds))
          refuse('R-INV-1', 'involvedStaffIds must list the staff named as involved (may be empty)');
        const involved = command.involvedStaffIds.includes(command.handlerId);
        if (involved && !command.involvedHandlerReason) {
          refuse(
            'R-INV-1',
            `${command.handlerId} is named as involved in the events; allocate someone else, or record why that is not possible`,
          );
        }
        if (
          command.involvedHandlerReason !== undefined &&
          !isInvolvedHandlerReason(command.involvedHandlerReason)
        )
          refuse('R-INV-1', 'involvedHandlerReason must be one of the listed reasons');
        if (!involved && command.involvedHandlerReason)
          refuse('R-INV-1', 'involvedHandlerReason applies only when the handler is named as involved');
      },
    },
  );

  setHandler(
    requestClinicalViewUpdate,
    async (command: RequestClinicalViewCommand) => {
      const allocation = c.state.allocation!;
      allocation.clinicalView = { reviewerId: command.reviewerId, requestedOn: c.today(), by: command.by };
      await c.record('clinical-view-requested', 'R-INV-3', staff(command.by), {
        reviewerId: command.reviewerId,
      });
      return allocation;
    },
    {
      validator: (command: RequestClinicalViewCommand) => {
        c.requireStage(['closer-look'], 'R-INV-3', 'a clinical view is sought during the closer look');
        const allocation = c.state.allocation;
        if (!allocation) refuse('R-INV-3', 'allocate a handler first (R-INV-1)');
        if (allocation.involvedStaffIds.includes(command.reviewerId))
          refuse(
            'R-INV-3',
            `${command.reviewerId} is named as involved; the clinical view must come from someone who is not`,
          );
      },
    },
  );
}
