import { Inject, Injectable } from '@nestjs/common';
import {
  ApplicationFailure,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
  type UpdateDefinition,
} from '@temporalio/client';
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import {
  JointCase,
  JointCasePartner,
  JointConflict,
  JointContribution,
  JointCoordination,
  JointDisagreement,
  JointDraftDecision,
  JointLearning,
  JointVariation,
  type Complaint,
} from '@complaints/db';
import { DATA_SOURCE, ProblemException, TEMPORAL_CLIENT, type StaffPrincipal } from '@complaints/service-kit';
import { jointResponseWorkflowId } from '@complaints/temporal';
import {
  agreeJointTimescaleUpdate,
  COMMAND_NOT_AUTHENTICATED,
  COMMAND_REFUSED,
  decidePartialResponseUpdate,
  flagConflictUpdate,
  jointResponseStateQuery,
  recordCoordinationUpdate,
  recordDisagreementOutcomeUpdate,
  recordJointReviewUpdate,
  recordLearningUpdate,
  resolveConflictUpdate,
  type JointResponseState,
} from '@complaints/workflows/messages';
import { COMMAND_DEADLINE, processUnavailable } from '../case-file/procedure-commands.service';
import type {
  AgreeJointTimescaleDto,
  DecidePartialResponseDto,
  FlagConflictDto,
  RecordCoordinationDto,
  RecordDisagreementOutcomeDto,
  RecordJointReviewDto,
  RecordLeadLearningDto,
  ResolveConflictDto,
} from './joint-response.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The lead's commands to its joint case's jointResponse workflow (ADR 0019), on a complaint the member of staff
 * opened through the case-file door. Each writes its record and sends the signed Update in one transaction
 * (rolled back if refused), like the partners' commands.
 */
@Injectable()
export class JointResponseService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(COMMAND_DEADLINE) private readonly deadlineMs: number,
  ) {}

  async jointCaseOf(complaint: Complaint): Promise<JointCase> {
    const jointCase = await this.dataSource.getRepository(JointCase).findOneBy({ complaintId: complaint.id });
    if (!jointCase)
      throw new ProblemException({
        status: 404,
        title: 'Not found',
        detail: `complaint ${complaint.reference} is not a joint case`,
      });
    return jointCase;
  }

  /** The joint response as the process keeps it, with every partner's contributions, decisions and variations. */
  async read(complaint: Complaint) {
    const jointCase = await this.jointCaseOf(complaint);
    const where = { jointCaseId: jointCase.id };
    const [contributions, decisions, variations, conflicts, coordination, disagreements, learning] =
      await Promise.all([
        this.dataSource
          .getRepository(JointContribution)
          .find({ where, order: { partnerCode: 'ASC', version: 'ASC' } }),
        this.dataSource.getRepository(JointDraftDecision).find({ where, order: { decidedAt: 'ASC' } }),
        this.dataSource.getRepository(JointVariation).find({ where, order: { recordedAt: 'ASC' } }),
        this.dataSource.getRepository(JointConflict).find({ where, order: { flaggedAt: 'ASC' } }),
        this.dataSource.getRepository(JointCoordination).find({ where, order: { recordedAt: 'ASC' } }),
        this.dataSource.getRepository(JointDisagreement).find({ where, order: { raisedAt: 'ASC' } }),
        this.dataSource.getRepository(JointLearning).find({ where, order: { recordedAt: 'ASC' } }),
      ]);
    const process = await this.temporal.workflow
      .getHandle(jointResponseWorkflowId(jointCase.id))
      .query(jointResponseStateQuery)
      .catch(() => null);
    return {
      jointCaseId: jointCase.id,
      process,
      contributions,
      decisions,
      variations,
      conflicts,
      coordination,
      disagreements,
      learning,
    };
  }

  agreeTimescale(complaint: Complaint, dto: AgreeJointTimescaleDto, staff: StaffPrincipal) {
    return this.command(complaint, agreeJointTimescaleUpdate, async () => ({ by: staff.id, ...dto }));
  }

  recordCoordination(complaint: Complaint, dto: RecordCoordinationDto, staff: StaffPrincipal) {
    return this.command(complaint, recordCoordinationUpdate, async (manager, jointCase) => {
      await manager.getRepository(JointCoordination).insert({
        jointCaseId: jointCase.id,
        heldOn: dto.heldOn,
        kind: dto.kind,
        attended: dto.attended,
        notes: dto.notes,
        recordedBy: staff.id,
      });
      return { by: staff.id, heldOn: dto.heldOn, kind: dto.kind, attended: dto.attended };
    });
  }

  flagConflict(complaint: Complaint, dto: FlagConflictDto, staff: StaffPrincipal) {
    return this.command(complaint, flagConflictUpdate, async (manager, jointCase) => {
      const row = await manager.getRepository(JointConflict).save({
        jointCaseId: jointCase.id,
        betweenCodes: dto.between,
        description: dto.description,
        flaggedBy: staff.id,
      });
      return { by: staff.id, conflictId: row.id, between: dto.between };
    });
  }

  resolveConflict(complaint: Complaint, conflictId: string, dto: ResolveConflictDto, staff: StaffPrincipal) {
    return this.command(complaint, resolveConflictUpdate, async (manager, jointCase) => {
      const updated = UUID.test(conflictId)
        ? await manager
            .getRepository(JointConflict)
            .update(
              { id: conflictId, jointCaseId: jointCase.id },
              { resolution: dto.resolution, resolvedBy: staff.id, resolvedAt: new Date() },
            )
        : { affected: 0 };
      if (!updated.affected)
        throw new ProblemException({
          status: 404,
          title: 'Not found',
          detail: 'no such conflict in this joint case',
        });
      return { by: staff.id, conflictId };
    });
  }

  /** R-JOINT-6: recorded on the partners' rows too, so the lead's letter says their parts follow from them. */
  decidePartialResponse(complaint: Complaint, dto: DecidePartialResponseDto, staff: StaffPrincipal) {
    return this.command(complaint, decidePartialResponseUpdate, async (manager, jointCase) => {
      await manager.getRepository(JointCasePartner).update(
        {
          jointCaseId: jointCase.id,
          partnerCode: In(dto.without),
          role: 'partner',
          leftOutOfResponseAt: IsNull(),
        },
        { leftOutOfResponseAt: new Date() },
      );
      return { by: staff.id, without: dto.without };
    });
  }

  /** R-JOINT-7: a change of lead is the joint case's too (its views and worklists name the lead from it). */
  recordReview(complaint: Complaint, dto: RecordJointReviewDto, staff: StaffPrincipal) {
    return this.command(complaint, recordJointReviewUpdate, async (manager, jointCase) => {
      if (dto.newLeadCode)
        await manager.getRepository(JointCase).update({ id: jointCase.id }, { leadCode: dto.newLeadCode });
      return {
        by: staff.id,
        resolvedFor: dto.resolvedFor,
        ...(dto.newLeadCode ? { newLeadCode: dto.newLeadCode } : {}),
      };
    });
  }

  recordDisagreementOutcome(
    complaint: Complaint,
    disagreementId: string,
    dto: RecordDisagreementOutcomeDto,
    staff: StaffPrincipal,
  ) {
    return this.command(complaint, recordDisagreementOutcomeUpdate, async (manager, jointCase) => {
      const updated = UUID.test(disagreementId)
        ? await manager
            .getRepository(JointDisagreement)
            .update(
              { id: disagreementId, jointCaseId: jointCase.id },
              { outcome: dto.outcome, outcomeRecordedBy: staff.id, outcomeRecordedAt: new Date() },
            )
        : { affected: 0 };
      if (!updated.affected)
        throw new ProblemException({
          status: 404,
          title: 'Not found',
          detail: 'no such disagreement in this joint case',
        });
      return { by: staff.id, disagreementId };
    });
  }

  recordLearning(complaint: Complaint, dto: RecordLeadLearningDto, staff: StaffPrincipal) {
    return this.command(complaint, recordLearningUpdate, async (manager, jointCase) => {
      await manager.getRepository(JointLearning).insert({
        jointCaseId: jointCase.id,
        organisationCode: jointCase.leadCode,
        learning: dto.learning,
        actionPoints: (dto.actionPoints ?? []).map((action) => ({ action, owner: jointCase.leadCode })),
        recordedBy: staff.id,
      });
      return { by: staff.id, organisationCode: jointCase.leadCode };
    });
  }

  private async command<Command>(
    complaint: Complaint,
    update: UpdateDefinition<JointResponseState, [Command]>,
    write: (manager: EntityManager, jointCase: JointCase) => Promise<Command>,
  ): Promise<JointResponseState> {
    const jointCase = await this.jointCaseOf(complaint);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const command = await write(runner.manager, jointCase);
      try {
        const state = await this.temporal.connection.withDeadline(Date.now() + this.deadlineMs, () =>
          this.temporal.workflow
            .getHandle(jointResponseWorkflowId(jointCase.id))
            .executeUpdate(update, { args: [command] }),
        );
        await runner.commitTransaction();
        return state;
      } catch (error) {
        const problem = commandProblem(error);
        // Unknown outcome: the words stay (ADR 0008); a refusal or an untrusted signature: rolled back below.
        if (problem?.getStatus() === 503 && !isNotAuthenticated(error)) await runner.commitTransaction();
        throw problem ?? error;
      }
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }
}

const isNotAuthenticated = (error: unknown) =>
  error instanceof WorkflowUpdateFailedError &&
  error.cause instanceof ApplicationFailure &&
  error.cause.type === COMMAND_NOT_AUTHENTICATED;

function commandProblem(error: unknown): ProblemException | undefined {
  if (isNotAuthenticated(error))
    return new ProblemException({
      status: 503,
      title: 'Service unavailable',
      detail:
        "the joint response process does not trust this service's command signature; nothing was changed",
    });
  if (
    error instanceof WorkflowUpdateFailedError &&
    error.cause instanceof ApplicationFailure &&
    error.cause.type === COMMAND_REFUSED
  ) {
    const rule = (error.cause.details?.[0] as { rule?: string | null } | undefined)?.rule ?? undefined;
    return new ProblemException({ status: 409, title: 'Command refused', detail: error.cause.message, rule });
  }
  if (error instanceof WorkflowNotFoundError)
    return new ProblemException({
      status: 409,
      title: 'Command refused',
      detail: 'this joint case has no running joint response process',
    });
  return processUnavailable(error, 'the joint response process');
}
