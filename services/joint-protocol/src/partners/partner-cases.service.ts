import { Inject, Injectable } from '@nestjs/common';
import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/client';
import { In, type DataSource, type EntityManager } from 'typeorm';
import {
  AccessLogEntry,
  Complaint,
  ComplaintIssue,
  FinalResponseDraft,
  JointCase,
  JointCasePartner,
  JointContribution,
  type AccessAction,
} from '@complaints/db';
import { DATA_SOURCE, ProblemException, TEMPORAL_CLIENT } from '@complaints/service-kit';
import { jointResponseWorkflowId } from '@complaints/temporal';
import {
  COMMAND_NOT_AUTHENTICATED,
  COMMAND_REFUSED,
  jointResponseStateQuery,
  type JointResponseState,
} from '@complaints/workflows/messages';
import type { PartnerPrincipal } from './partner-principal';

/** A joint case as one partner may open it: its membership row, and the lead's complaint reference. */
export interface OpenedJointCase {
  jointCase: JointCase;
  member: JointCasePartner;
  reference: string;
}

const notFound = () =>
  new ProblemException({
    status: 404,
    title: 'Not found',
    detail: 'no such joint case of your organisation',
  });

/**
 * The one door to a joint case for a partner (need-to-know, R-INT-8 and R-JOINT-2): only a case its organisation
 * is a member of (not as lead), only through a link's own case, every opening recorded in the access log.
 */
@Injectable()
export class PartnerCases {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  async open(
    partner: PartnerPrincipal,
    jointCaseId: string,
    action: AccessAction,
    resource: string,
  ): Promise<OpenedJointCase> {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(jointCaseId);
    const jointCase = uuid
      ? await this.dataSource.getRepository(JointCase).findOneBy({ id: jointCaseId })
      : null;
    const member =
      jointCase &&
      (await this.dataSource
        .getRepository(JointCasePartner)
        .findOneBy({ jointCaseId: jointCase.id, partnerCode: partner.partnerCode }));
    const allowed =
      jointCase !== null &&
      member !== null &&
      member.role !== 'lead' &&
      (partner.kind !== 'link' || partner.complaintId === jointCase.complaintId);
    const reference = allowed
      ? (
          await this.dataSource
            .getRepository(Complaint)
            .findOneOrFail({ where: { id: jointCase.complaintId }, select: { reference: true } })
        ).reference
      : null;
    await this.log(partner, action, resource, {
      complaintReference: reference,
      outcome: allowed ? 'allowed' : 'refused',
    });
    if (!allowed) throw notFound();
    return { jointCase: jointCase!, member: member!, reference: reference! };
  }

  /** My organisation's joint cases (a link: its one case), with my part's deadlines; recorded as a search. */
  async worklist(partner: PartnerPrincipal, resource: string) {
    const members = await this.dataSource.getRepository(JointCasePartner).find({
      where: { partnerCode: partner.partnerCode, role: In(['partner', 'copied']) },
    });
    const cases = members.length
      ? await this.dataSource.getRepository(JointCase).findBy({ id: In(members.map((m) => m.jointCaseId)) })
      : [];
    const visible = cases.filter((c) => partner.kind !== 'link' || c.complaintId === partner.complaintId);
    const references = visible.length
      ? await this.dataSource.getRepository(Complaint).find({
          where: { id: In(visible.map((c) => c.complaintId)) },
          select: { id: true, reference: true },
        })
      : [];
    const rows = await Promise.all(
      visible.map(async (jointCase) => {
        const member = members.find((m) => m.jointCaseId === jointCase.id)!;
        const state = await this.state(jointCase.id);
        const mine = state?.partners.find((p) => p.code === partner.partnerCode);
        return {
          jointCaseId: jointCase.id,
          protocolCode: jointCase.protocolCode,
          leadCode: state?.leadCode ?? jointCase.leadCode,
          role: member.role,
          consent: member.consent,
          // R-JOINT-2: the reference is shared only once consent is given.
          reference:
            member.consent === 'given'
              ? (references.find((r) => r.id === jointCase.complaintId)?.reference ?? null)
              : null,
          stage: state?.stage ?? null,
          contributionDueOn: mine?.contributionDueOn ?? null,
          approvalDueOn:
            state?.draft && mine?.decision?.version !== state.draft.version
              ? state.draft.approvalDueOn
              : null,
          late: mine?.lateSince !== undefined && !mine.contribution,
          withdrawn: member.withdrawnAt !== null,
        };
      }),
    );
    await this.log(partner, 'search', resource, {
      complaintReference: null,
      outcome: 'allowed',
      references: rows.map((row) => row.reference).filter((r): r is string => r !== null),
    });
    return rows;
  }

  /**
   * A case's shared view (R-JOINT-2): until consent to share with us is given, only that the joint case exists;
   * then the complaint's reference and dates, only the issues that concern us, our deadlines, our own
   * contributions and the draft out for approval. Never another partner's contribution or the lead's record.
   */
  async sharedView(opened: OpenedJointCase, partnerCode: string) {
    const { jointCase, member } = opened;
    const state = await this.state(jointCase.id);
    const base = {
      jointCaseId: jointCase.id,
      protocolCode: jointCase.protocolCode,
      leadCode: state?.leadCode ?? jointCase.leadCode,
      role: member.role,
      consent: member.consent,
    };
    if (member.consent !== 'given') return { ...base, shared: false as const };
    const issues = member.issueIds.length
      ? await this.dataSource.getRepository(ComplaintIssue).find({
          where: { id: In(member.issueIds) },
          select: { id: true, position: true, description: true },
          order: { position: 'ASC' },
        })
      : [];
    const contributions = await this.dataSource.getRepository(JointContribution).find({
      where: { jointCaseId: jointCase.id, partnerCode },
      select: { version: true, body: true, apology: true, submittedAt: true },
      order: { version: 'ASC' },
    });
    const mine = state?.partners.find((p) => p.code === partnerCode);
    return {
      ...base,
      shared: true as const,
      reference: opened.reference,
      leadReceivedOn: jointCase.leadReceivedOn,
      issues: issues.map((issue) => ({ id: issue.id, description: issue.description })),
      responseDueOn: state?.responseDueOn ?? null,
      contributionDueOn: mine?.contributionDueOn ?? null,
      draft: state?.draft ? await this.draftForApproval(opened.reference, state.draft) : null,
      myDecision: mine?.decision ?? null,
      // R-JOINT-6: the lead sent a partial response without us, so our later contribution carries our apology.
      partialResponseWithoutUs: state?.partialWithout.includes(partnerCode) ?? false,
      contributions,
      withdrawnAt: member.withdrawnAt,
      // R-JOINT-7: the review with the person found our part resolved, so we may withdraw.
      mayWithdraw: !member.withdrawnAt && (state?.review?.resolvedFor.includes(partnerCode) ?? false),
      // Protocol 3.4: whether our learning and action points are recorded.
      learningRecorded: state?.learningFrom.includes(partnerCode) ?? false,
      stage: state?.stage ?? null,
    };
  }

  /**
   * R-JOINT-5: the version out for approval, as the person will read it: its sections and findings with who
   * contributed each, the remedies and the cover letter. Not the lead's notes of what the parties said.
   */
  private async draftForApproval(reference: string, draft: { version: number; approvalDueOn: string }) {
    const saved = await this.dataSource
      .getRepository(FinalResponseDraft)
      .findOneBy({ complaintReference: reference, version: draft.version });
    const content = saved?.content;
    return {
      version: draft.version,
      approvalDueOn: draft.approvalDueOn,
      sections: content?.sections ?? {},
      sectionContributors: content?.sectionContributors ?? {},
      findings: (content?.findings ?? []).map(({ issueId, outcome, finding, contributedBy }) => ({
        issueId,
        outcome,
        finding,
        contributedBy: contributedBy ?? [],
      })),
      remedies: content?.remedies ?? [],
      coverLetter: saved?.coverLetter ?? null,
    };
  }

  async state(jointCaseId: string): Promise<JointResponseState | null> {
    try {
      return await this.temporal.workflow
        .getHandle(jointResponseWorkflowId(jointCaseId))
        .query(jointResponseStateQuery);
    } catch {
      return null;
    }
  }

  /**
   * A partner's command (ADR 0008's order, in one transaction): the record is written, the signed Update sent;
   * refused (409) or not trusted, the write is rolled back; with the outcome unknown (503) the write stays.
   */
  async command<Command>(
    opened: OpenedJointCase,
    update: UpdateDefinition<JointResponseState, [Command]>,
    write: (manager: EntityManager) => Promise<Command>,
  ): Promise<JointResponseState> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const command = await write(runner.manager);
      let state: JointResponseState;
      try {
        state = await this.temporal.workflow
          .getHandle(jointResponseWorkflowId(opened.jointCase.id))
          .executeUpdate(update, { args: [command] });
      } catch (error) {
        const problem = commandProblem(error);
        if (problem && problem.getStatus() === 503 && !isNotAuthenticated(error)) {
          await runner.commitTransaction();
          throw problem;
        }
        throw problem ?? error;
      }
      await runner.commitTransaction();
      return state;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async log(
    partner: PartnerPrincipal,
    action: AccessAction,
    resource: string,
    entry: { complaintReference: string | null; outcome: 'allowed' | 'refused'; references?: string[] },
  ): Promise<void> {
    // Partner actors in the staff access log: the partner user (or link) and its organisation code; the basis
    // says which door they came through.
    await this.dataSource.getRepository(AccessLogEntry).insert({
      staffId: partner.id.slice(0, 64),
      organisationCode: partner.partnerCode,
      action,
      resource: resource.slice(0, 200),
      complaintReference: entry.complaintReference,
      outcome: entry.outcome,
      basis:
        entry.outcome === 'allowed' ? (partner.kind === 'link' ? 'partner-link' : 'joint-partner') : null,
      purpose: null,
      references: entry.references ?? [],
      requestId: null,
    });
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
  // Unreachable, or the Update's call timed out: the outcome is unknown and a repeat is safe (ADR 0026).
  if (error instanceof ServiceError || error instanceof WorkflowUpdateRPCTimeoutOrCancelledError)
    return new ProblemException(
      {
        status: 503,
        title: 'Service unavailable',
        detail: 'the joint response process did not answer in time; repeat the command after Retry-After',
      },
      5,
    );
  return undefined;
}
