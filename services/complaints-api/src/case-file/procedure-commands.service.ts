import { Inject, Injectable } from '@nestjs/common';
import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure, type QueryDefinition, type UpdateDefinition } from '@temporalio/common';
import { Complaint, type ContactRestriction } from '@complaints/db';
import { ProblemException, TEMPORAL_CLIENT } from '@complaints/service-kit';
import {
  COMMAND_NOT_AUTHENTICATED,
  COMMAND_REFUSED,
  contactRestrictionWorkflowId,
} from '@complaints/workflows/messages';

/** How long a command waits for its workflow (COMMAND_DEADLINE_MS), in milliseconds. */
export const COMMAND_DEADLINE = Symbol('COMMAND_DEADLINE');

/** What a client is told to wait before repeating a command that got no answer in time. */
export const COMMAND_RETRY_AFTER_SECONDS = 5;

/** What a command writes to the record before its Update, and how to put the record back if it is refused. */
export interface RecordWrite<Written> {
  write(): Promise<Written>;
  undo(written: Written): Promise<void>;
}

/** The complaint, or a decision on limits on contact (R-PERS-1): each has its own workflow. */
export type ProcessOwner = Complaint | ContactRestriction;

/**
 * The one way a staff command reaches a workflow (docs/adr/0008-command-pipeline.md). A command that also
 * writes the record does so FIRST, then the Temporal Update runs; the workflow's validator refuses a command the
 * procedure does not allow, synchronously and before it enters history, and then the write is undone, so a
 * refused command never changes the record. Refusals come back as problem details naming the rule.
 */
@Injectable()
export class ProcedureCommands {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(COMMAND_DEADLINE) private readonly deadlineMs: number,
  ) {}

  /** Sends the command; with `record`, writes the record first (the command may be made from what was written). */
  async send<Ret, Command, Written = void>(
    owner: ProcessOwner,
    update: UpdateDefinition<Ret, [Command]>,
    command: Command | ((written: Written) => Command),
    record?: RecordWrite<Written>,
  ): Promise<Ret> {
    const written = record ? await record.write() : (undefined as Written);
    const args: [Command] = [
      typeof command === 'function' ? (command as (written: Written) => Command)(written) : command,
    ];
    try {
      return await this.temporal.connection.withDeadline(Date.now() + this.deadlineMs, () =>
        this.temporal.workflow.getHandle(workflowIdOf(owner)).executeUpdate(update, { args }),
      );
    } catch (error) {
      const problem = commandProblem(error, owner);
      // Undone only when the workflow certainly did not take the command; on an unknown outcome the words stay.
      if (record && (problem?.getStatus() === 409 || isNotAuthenticated(error))) await record.undo(written);
      throw problem ?? error;
    }
  }

  /** The process state the workflow reports, or null while it has none (not started yet, or gone). */
  async read<Ret>(owner: ProcessOwner, query: QueryDefinition<Ret>): Promise<Ret | null> {
    try {
      return await this.temporal.workflow.getHandle(workflowIdOf(owner)).query(query);
    } catch {
      return null;
    }
  }
}

function workflowIdOf(owner: ProcessOwner): string {
  return owner instanceof Complaint ? owner.reference : contactRestrictionWorkflowId(owner.id);
}

function notRunning(owner: ProcessOwner): string {
  if (!(owner instanceof Complaint)) return 'the decision is not in force';
  return owner.closedAt
    ? `complaint ${owner.reference} is closed`
    : `complaint ${owner.reference} has no running process yet; try again shortly`;
}

/** The workers do not trust this API's command signature (their COMMAND_VERIFICATION_KEYS lack its key). */
const isNotAuthenticated = (error: unknown) =>
  error instanceof WorkflowUpdateFailedError &&
  error.cause instanceof ApplicationFailure &&
  error.cause.type === COMMAND_NOT_AUTHENTICATED;

/** The problem details for a failed Update, or undefined for an error no problem describes. */
function commandProblem(error: unknown, owner: ProcessOwner): ProblemException | undefined {
  if (isNotAuthenticated(error)) {
    return new ProblemException({
      status: 503,
      title: 'Service unavailable',
      detail: "the complaint process does not trust this service's command signature; nothing was changed",
    });
  }
  if (
    error instanceof WorkflowUpdateFailedError &&
    error.cause instanceof ApplicationFailure &&
    error.cause.type === COMMAND_REFUSED
  ) {
    const rule = (error.cause.details?.[0] as { rule?: string | null } | undefined)?.rule ?? undefined;
    return new ProblemException({ status: 409, title: 'Command refused', detail: error.cause.message, rule });
  }
  if (error instanceof WorkflowNotFoundError) {
    return new ProblemException({ status: 409, title: 'Command refused', detail: notRunning(owner) });
  }
  return processUnavailable(error, 'the complaint process');
}

/**
 * 503 with Retry-After when Temporal could not be reached or the workflow did not take the command within
 * the deadline (ADR 0026). Whether it took it is then unknown, and a repeat is safe: the workflow's
 * validator refuses a step already taken (409), so a command is never carried out twice (ADR 0008).
 */
export function processUnavailable(error: unknown, process: string): ProblemException | undefined {
  if (!(error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || error instanceof ServiceError))
    return undefined;
  return new ProblemException(
    {
      status: 503,
      title: 'Service unavailable',
      detail: `${process} did not answer in time; repeat the command after Retry-After (one it already took is refused as done, never done twice)`,
    },
    COMMAND_RETRY_AFTER_SECONDS,
  );
}
