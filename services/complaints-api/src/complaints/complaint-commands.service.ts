import { Inject, Injectable } from '@nestjs/common';
import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { DATA_SOURCE, ProblemException, TEMPORAL_CLIENT, type StaffPrincipal } from '@complaints/service-kit';
import {
  acknowledgeUpdate,
  agreeTimescaleUpdate,
  COMMAND_REFUSED,
  extendEarlyResolutionUpdate,
  pauseClockUpdate,
  resumeClockUpdate,
  resolveEarlyUpdate,
  startCloserLookUpdate,
  withdrawUpdate,
} from '@complaints/workflows/messages';
import type { DataSource } from 'typeorm';
import { Complaint } from '@complaints/db';
import type { AcknowledgeDto } from './dto/acknowledge.dto';
import type {
  AgreeTimescaleDto,
  ExtendEarlyResolutionDto,
  PauseClockDto,
  ResolveEarlyDto,
} from './dto/procedure-commands.dto';

/**
 * Staff commands go to the complaint's workflow as Temporal Updates: the workflow's validator refuses a
 * command the procedure does not allow, synchronously and before it enters history, and the refusal
 * comes back as problem details naming the rule.
 */
@Injectable()
export class ComplaintCommandsService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  acknowledge(complaint: Complaint, command: AcknowledgeDto, staff: StaffPrincipal) {
    return this.send(complaint, (handle) =>
      handle.executeUpdate(acknowledgeUpdate, { args: [{ method: command.method, by: staff.id }] }),
    );
  }

  extendEarlyResolution(complaint: Complaint, command: ExtendEarlyResolutionDto, staff: StaffPrincipal) {
    return this.send(complaint, (handle) =>
      handle.executeUpdate(extendEarlyResolutionUpdate, {
        args: [{ newTarget: command.newTarget, by: staff.id }],
      }),
    );
  }

  /** The summary is personal text: it is kept in the record (for the letter), never sent to the workflow. */
  async resolveEarly(complaint: Complaint, command: ResolveEarlyDto, staff: StaffPrincipal) {
    await this.dataSource
      .getRepository(Complaint)
      .update({ id: complaint.id }, { earlyResolutionSummary: command.summary });
    return this.send(complaint, (handle) =>
      handle.executeUpdate(resolveEarlyUpdate, { args: [{ by: staff.id }] }),
    );
  }

  startCloserLook(complaint: Complaint, staff: StaffPrincipal) {
    return this.send(complaint, (handle) =>
      handle.executeUpdate(startCloserLookUpdate, { args: [{ by: staff.id }] }),
    );
  }

  agreeTimescale(complaint: Complaint, command: AgreeTimescaleDto, staff: StaffPrincipal) {
    return this.send(complaint, (handle) =>
      handle.executeUpdate(agreeTimescaleUpdate, { args: [{ due: command.due, by: staff.id }] }),
    );
  }

  pauseClock(complaint: Complaint, command: PauseClockDto, staff: StaffPrincipal) {
    return this.send(complaint, (handle) =>
      handle.executeUpdate(pauseClockUpdate, { args: [{ reason: command.reason, by: staff.id }] }),
    );
  }

  resumeClock(complaint: Complaint, staff: StaffPrincipal) {
    return this.send(complaint, (handle) =>
      handle.executeUpdate(resumeClockUpdate, { args: [{ by: staff.id }] }),
    );
  }

  withdraw(complaint: Complaint, staff: StaffPrincipal) {
    return this.send(complaint, (handle) =>
      handle.executeUpdate(withdrawUpdate, { args: [{ by: staff.id }] }),
    );
  }

  /** Any other procedure command: the Update with its arguments, refusals mapped as above. */
  execute<Ret, Command>(
    complaint: Complaint,
    update: UpdateDefinition<Ret, [Command]>,
    command: Command,
  ): Promise<Ret> {
    return this.send(complaint, (handle) => handle.executeUpdate(update, { args: [command] }));
  }

  /** A command to another of the complaint's workflows (e.g. an R-PERS-1 review), refusals mapped alike. */
  executeOn<Ret, Command>(
    workflowId: string,
    update: UpdateDefinition<Ret, [Command]>,
    command: Command,
    notRunning: string,
  ): Promise<Ret> {
    return this.call(workflowId, notRunning, (handle) => handle.executeUpdate(update, { args: [command] }));
  }

  private send<T>(complaint: Complaint, update: (handle: WorkflowHandle) => Promise<T>): Promise<T> {
    const notRunning = complaint.closedAt
      ? `complaint ${complaint.reference} is closed`
      : `complaint ${complaint.reference} has no running process yet; try again shortly`;
    return this.call(complaint.reference, notRunning, update);
  }

  private async call<T>(
    workflowId: string,
    notRunning: string,
    update: (handle: WorkflowHandle) => Promise<T>,
  ): Promise<T> {
    try {
      return await update(this.temporal.workflow.getHandle(workflowId));
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
        throw new ProblemException({ status: 409, title: 'Command refused', detail: notRunning });
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
