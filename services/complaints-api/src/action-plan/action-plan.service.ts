import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CaseAction,
  CaseEvent,
  Complaint,
  FinalResponseDraft,
  LearningPoint,
  nameToCaseTeam,
  planPromisedActions,
  type SentResponseFacts,
} from '@complaints/db';
import {
  londonDate,
  type FinalResponseContent,
  type FindingOutcome,
  type StaffRole,
} from '@complaints/domain';
import { DATA_SOURCE, ProblemException, type StaffPrincipal } from '@complaints/service-kit';
import { completeActionUpdate, reviewForLearningUpdate } from '@complaints/workflows/messages';
import { ProcedureCommands } from '../case-file/procedure-commands.service';
import { recordStaffEvent } from '../case-file/staff-event';
import { ownedActions } from '../monitoring/review-actions';
import type {
  CompletedLearningReviewDto,
  PlanActionDto,
  LearningPointDto,
  LearningReviewDto,
  RecordCaseLearningDto,
  RecordedLearningDto,
} from './action-plan.dto';

/** A complaint's learning and action plan, as the case shows them (ADR 0024). */
export interface ActionPlan {
  learning: LearningPointDto[];
  actions: PlanActionDto[];
}

/** Who may complete an action they do not own (issue #12 point 7). */
const ACTION_CLOSER_ROLES: readonly StaffRole[] = ['handler', 'complaints-manager'];

/**
 * R-MON-1: learning on any case (complaint, feedback, early resolution) and the complaint's action plan: the actions
 * promised in the final response (R-RESP-4, put on the plan by the worker when it is sent) and those the learning
 * led to, each done only with evidence. A promised action is done through the workflow's `completeAction`, whose
 * last one closes the complaint; the plan's row is the record write before that Update (ADR 0008).
 */
@Injectable()
export class ActionPlanService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly commands: ProcedureCommands,
  ) {}

  async recordLearning(
    complaint: Complaint,
    dto: RecordCaseLearningDto,
    staff: StaffPrincipal,
  ): Promise<RecordedLearningDto> {
    const actions = await ownedActions(this.dataSource, complaint.organisationCode, dto.actions ?? []);
    return this.dataSource.transaction(async (manager) => {
      // One writer at a time numbers the complaint's learning actions.
      await manager.query(`SELECT 1 FROM complaint WHERE id = $1 FOR UPDATE`, [complaint.id]);
      const point = await manager.save(
        manager.create(LearningPoint, {
          complaintReference: complaint.reference,
          learning: dto.learning,
          recordedBy: staff.id,
        }),
      );
      const numbered = await manager.count(CaseAction, {
        where: { complaintReference: complaint.reference, source: 'learning' },
      });
      const added = await manager.save(
        actions.map((action, index) =>
          manager.create(CaseAction, {
            complaintReference: complaint.reference,
            actionKey: `learning-${numbered + index + 1}`,
            source: 'learning',
            learningPointId: point.id,
            description: action.description,
            ownerId: action.ownerId,
            due: action.due,
            createdBy: staff.id,
          }),
        ),
      );
      // R-INT-8: an action's owner may open the case it belongs to.
      await nameToCaseTeam(
        manager,
        { complaintId: complaint.id, namedIn: `learning:${randomUUID()}`, namedBy: staff.id },
        'contributor',
        added.map((action) => action.ownerId),
      );
      await recordStaffEvent(manager, complaint.id, staff, {
        type: 'learning-recorded',
        rule: 'R-MON-1',
        data: { learningPointId: point.id, actions: added.map((action) => action.actionKey) },
      });
      return { ...toLearningView(point), actions: added.map(toActionView) };
    });
  }

  /**
   * R-INT-4 (issue #12 point 8): an anonymous complaint has nobody to answer, so its learning review closes it with
   * its outcome. The learning is recorded first: should the workflow refuse the review, it stays as learning on
   * the case, as on any other.
   */
  async reviewAnonymous(
    complaint: Complaint,
    dto: LearningReviewDto,
    staff: StaffPrincipal,
  ): Promise<CompletedLearningReviewDto> {
    if (!complaint.anonymous || complaint.closedAt)
      throw new ProblemException({
        status: 409,
        title: 'Command refused',
        detail: complaint.anonymous
          ? `complaint ${complaint.reference} is already closed`
          : 'only an anonymous complaint closes with a learning review; this one is answered by the procedure',
        rule: 'R-INT-4',
      });
    const recorded = await this.recordLearning(complaint, dto, staff);
    await this.commands.send(complaint, reviewForLearningUpdate, { by: staff.id, outcome: dto.outcome });
    return { ...recorded, outcome: dto.outcome };
  }

  /** Done, with the evidence that shows it; a promised action also through the workflow (R-RESP-4). */
  async completeAction(
    complaint: Complaint,
    actionKey: string,
    evidence: string,
    staff: StaffPrincipal,
  ): Promise<PlanActionDto> {
    const action = await this.openAction(complaint, actionKey);
    // Issue #12 point 7: the owner completes their own action; the handler or a complaints manager may for them.
    if (action.ownerId !== staff.id && !staff.roles.some((role) => ACTION_CLOSER_ROLES.includes(role)))
      throw new ProblemException({
        status: 403,
        title: 'Forbidden',
        detail: `action ${actionKey} is completed by its owner, the handler or a complaints manager`,
        rule: 'R-RESP-4',
      });
    const closing = {
      status: 'done' as const,
      evidence,
      closedBy: staff.id,
      closedOn: londonDate(new Date()),
    };
    // A learning action or an Ombudsman's recommendation is the organisation's own to close (ADR 0031).
    if (action.source !== 'promised') {
      await this.dataSource.transaction(async (manager) => {
        await this.close(manager, action, closing);
        await recordStaffEvent(manager, complaint.id, staff, {
          type: `${action.source}-action-completed`,
          rule: 'R-MON-1',
          data: { actionId: action.actionKey, due: action.due },
        });
      });
    } else {
      await this.commands.send(
        complaint,
        completeActionUpdate,
        { actionId: action.actionKey, by: staff.id },
        {
          write: () => this.close(this.dataSource.manager, action, closing),
          undo: () => this.reopen(action),
        },
      );
    }
    return toActionView({ ...action, ...closing });
  }

  /** Only an action the learning led to is cancelled; a promised one is carried out (R-RESP-4). */
  async cancelAction(
    complaint: Complaint,
    actionKey: string,
    reason: string,
    staff: StaffPrincipal,
  ): Promise<PlanActionDto> {
    const action = await this.openAction(complaint, actionKey);
    if (action.source === 'promised')
      throw new ProblemException({
        status: 409,
        title: 'Command refused',
        detail: `action ${actionKey} was promised in the final response: the person is kept involved until it is carried out`,
        rule: 'R-RESP-4',
      });
    const closing = {
      status: 'cancelled' as const,
      cancelReason: reason,
      closedBy: staff.id,
      closedOn: londonDate(new Date()),
    };
    await this.dataSource.transaction(async (manager) => {
      await this.close(manager, action, closing);
      await recordStaffEvent(manager, complaint.id, staff, {
        type: `${action.source}-action-cancelled`,
        rule: 'R-MON-1',
        data: { actionId: action.actionKey },
      });
    });
    return toActionView({ ...action, ...closing });
  }

  async planOf(complaint: Complaint): Promise<ActionPlan> {
    const [learning, actions] = await Promise.all([
      this.dataSource
        .getRepository(LearningPoint)
        .find({ where: { complaintReference: complaint.reference }, order: { recordedAt: 'ASC' } }),
      this.dataSource.getRepository(CaseAction).find({
        where: { complaintReference: complaint.reference },
        order: { createdAt: 'ASC', actionKey: 'ASC' },
      }),
    ]);
    return { learning: learning.map(toLearningView), actions: actions.map(toActionView) };
  }

  /** R-MON-1: each issue's outcome, the finding of the final response last sent (null before one is). */
  async issueOutcomes(complaint: Complaint): Promise<Map<string, FindingOutcome>> {
    const sent = await this.dataSource.getRepository(CaseEvent).findOne({
      where: { complaintId: complaint.id, type: 'final-response-sent' },
      order: { occurredAt: 'DESC', id: 'DESC' },
    });
    const version = (sent?.data as { version?: unknown } | undefined)?.version;
    if (typeof version !== 'number') return new Map();
    const draft = await this.dataSource
      .getRepository(FinalResponseDraft)
      .findOneBy({ complaintReference: complaint.reference, version });
    return new Map(
      ((draft?.content as FinalResponseContent | undefined)?.findings ?? []).map((finding) => [
        finding.issueId,
        finding.outcome,
      ]),
    );
  }

  private async openAction(complaint: Complaint, actionKey: string): Promise<CaseAction> {
    const find = () =>
      this.dataSource
        .getRepository(CaseAction)
        .findOneBy({ complaintReference: complaint.reference, actionKey });
    let action = await find();
    if (!action && (await this.planPromisedBeforeThePlan(complaint)) > 0) action = await find();
    if (!action)
      throw new ProblemException({
        status: 404,
        title: 'Not found',
        detail: `no action ${actionKey} on the action plan of ${complaint.reference}`,
      });
    if (action.status !== 'open')
      throw new ProblemException({
        status: 409,
        title: 'Command refused',
        detail: `action ${actionKey} was ${action.status === 'done' ? 'done' : 'cancelled'} on ${action.closedOn}`,
        rule: action.source === 'promised' ? 'R-RESP-4' : 'R-MON-1',
      });
    return action;
  }

  /**
   * A response sent before action plans existed promised actions the worker never put on a plan: they join it, as
   * the worker would have written them, the first time one of them is acted on. Answers how many were added.
   */
  private async planPromisedBeforeThePlan(complaint: Complaint): Promise<number> {
    const sent = await this.dataSource
      .getRepository(CaseEvent)
      .findBy({ complaintId: complaint.id, type: 'final-response-sent' });
    let added = 0;
    for (const event of sent)
      added += await planPromisedActions(
        this.dataSource.manager,
        complaint.reference,
        event.data as SentResponseFacts,
        'workflow',
      );
    return added;
  }

  /** Closes the action if it is still open; a second writer finds it closed (409). */
  private async close(
    manager: EntityManager,
    action: CaseAction,
    closing: Partial<CaseAction>,
  ): Promise<void> {
    const closed = await manager.update(CaseAction, { id: action.id, status: 'open' }, closing);
    if (!closed.affected)
      throw new ProblemException({
        status: 409,
        title: 'Command refused',
        detail: `action ${action.actionKey} was closed meanwhile`,
        rule: action.source === 'promised' ? 'R-RESP-4' : 'R-MON-1',
      });
  }

  private async reopen(action: CaseAction): Promise<void> {
    await this.dataSource
      .getRepository(CaseAction)
      .update({ id: action.id }, { status: 'open', evidence: null, closedBy: null, closedOn: null });
  }
}

const toLearningView = (point: LearningPoint): LearningPointDto => ({
  id: point.id,
  learning: point.learning,
  recordedBy: point.recordedBy,
  recordedAt: point.recordedAt.toISOString(),
});

export const toActionView = (action: CaseAction): PlanActionDto => ({
  id: action.actionKey,
  source: action.source,
  description: action.description,
  ownerId: action.ownerId,
  due: action.due,
  status: action.status,
  overdue: action.status === 'open' && action.due < londonDate(new Date()),
  evidence: action.evidence,
  cancelReason: action.cancelReason,
  closedBy: action.closedBy,
  closedOn: action.closedOn,
  learningPointId: action.learningPointId,
  ombudsmanReferralId: action.ombudsmanReferralId,
});
