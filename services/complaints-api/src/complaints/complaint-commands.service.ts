import { Inject, Injectable } from '@nestjs/common';
import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ProblemException, TEMPORAL_CLIENT, type StaffPrincipal } from '@complaints/service-kit';
import { acknowledgeUpdate, COMMAND_REFUSED } from '@complaints/workflows/messages';
import type { Complaint } from '@complaints/db';
import type { AcknowledgeDto } from './dto/acknowledge.dto';

/**
 * Staff commands go to the complaint's workflow as Temporal Updates: the workflow's validator refuses a
 * command the procedure does not allow, synchronously and before it enters history, and the refusal
 * comes back as problem details naming the rule.
 */
@Injectable()
export class ComplaintCommandsService {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly temporal: Client) {}

  acknowledge(complaint: Complaint, command: AcknowledgeDto, staff: StaffPrincipal) {
    return this.send(complaint, () =>
      this.temporal.workflow
        .getHandle(complaint.reference)
        .executeUpdate(acknowledgeUpdate, { args: [{ method: command.method, by: staff.id }] }),
    );
  }

  private async send<T>(complaint: Complaint, update: () => Promise<T>): Promise<T> {
    try {
      return await update();
    } catch (error) {
      if (
        error instanceof WorkflowUpdateFailedError &&
        error.cause instanceof ApplicationFailure &&
        error.cause.type === COMMAND_REFUSED
      ) {
        const rule = (error.cause.details?.[0] as { rule?: string | null } | undefined)?.rule ?? undefined;
        throw new ProblemException({
          status: 409,
          title: 'Command refused',
          detail: error.cause.message,
          rule,
        });
      }
      if (error instanceof WorkflowNotFoundError) {
        throw new ProblemException({
          status: 409,
          title: 'Command refused',
          detail: complaint.closedAt
            ? `complaint ${complaint.reference} is closed`
            : `complaint ${complaint.reference} has no running process yet; try again shortly`,
        });
      }
      if (error instanceof ServiceError) {
        // Temporal unreachable, or the workflow not answering in time: nothing was changed.
        throw new ProblemException({
          status: 503,
          title: 'Service unavailable',
          detail: 'the complaint process did not answer in time; nothing was changed, try again',
        });
      }
      throw error;
    }
  }
}
