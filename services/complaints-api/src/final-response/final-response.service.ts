import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  Complaint,
  FinalResponseDraft,
  issuesToFollow,
  JointCase,
  JointCasePartner,
  nameToCaseTeam,
  type SignOffDelegation,
} from '@complaints/db';
import {
  getProfile,
  missingResponseElements,
  summariseFinalResponse,
  isDraftingStage,
  signOffRole,
  type ApproverRole,
  type FinalResponseContent,
  type WrittenSection,
} from '@complaints/domain';
import {
  DATA_SOURCE,
  ProblemException,
  RequestValidationException,
  type FieldProblem,
  type StaffPrincipal,
} from '@complaints/service-kit';
import { StaffDirectory } from '../case-file/staff-directory.service';
import { recordStaffEvent } from '../case-file/staff-event';
import { SignOffDelegations } from '../delegations/sign-off-delegation.service';
import type { FinalResponseDraftViewDto, SaveFinalResponseDraftDto } from './dto/final-response.dto';

/**
 * The final response's words (R-RESP-1), kept in Postgres as append-only versions. The workflow only ever
 * sees a version's summary: which elements are present, outcomes, remedy kinds, actions by owner and date.
 */
@Injectable()
export class FinalResponseService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly staff: StaffDirectory,
    private readonly delegations: SignOffDelegations,
  ) {}

  /**
   * Saves the draft as the next version, during the closer look only (R-RESP-1). Findings must name the
   * complaint's issues; owners its staff.
   */
  async save(
    complaint: Complaint,
    dto: SaveFinalResponseDraftDto,
    staff: StaffPrincipal,
  ): Promise<FinalResponseDraftViewDto> {
    if (!isDraftingStage(complaint.stage)) {
      throw new ProblemException({
        status: 409,
        title: 'Command refused',
        detail: `a final response is drafted during the closer look (stage: ${complaint.stage})`,
        rule: 'R-RESP-1',
      });
    }
    await this.staff.requireOwnIssuesAndStaff(complaint, 'draft', {
      issues: dto.findings.map((finding, index) => [`findings[${index}].issueId`, finding.issueId] as const),
      staff: dto.actions.map((action, index) => [`actions[${index}].ownerId`, action.ownerId] as const),
    });
    const contributors = await this.checkContributors(complaint, dto);
    const content: FinalResponseContent = {
      sections: { ...dto.sections },
      findings: dto.findings.map(({ issueId, outcome, finding, contributedBy }) => ({
        issueId,
        outcome,
        finding,
        ...(contributedBy ? { contributedBy: contributedBy.map((code) => code.toUpperCase()) } : {}),
      })),
      ...(contributors ? { sectionContributors: contributors } : {}),
      remedies: dto.remedies.map(({ kind, detail }) => ({ kind, detail })),
      actions: dto.actions.map(({ description, ownerId, due }, index) => ({
        id: `action-${index + 1}`,
        description,
        ownerId,
        due,
      })),
      careContext: dto.careContext,
      ...(dto.partiesComments ? { partiesComments: dto.partiesComments } : {}),
    };
    const saved = await this.dataSource.transaction(async (manager) => {
      // One writer at a time per complaint, so versions stay 1, 2, 3…
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [complaint.reference]);
      const [{ latest }] = await manager.query(
        'SELECT coalesce(max(version), 0) AS latest FROM final_response_draft WHERE complaint_reference = $1',
        [complaint.reference],
      );
      const draft = await manager.save(
        manager.create(FinalResponseDraft, {
          complaintReference: complaint.reference,
          version: Number(latest) + 1,
          content,
          coverLetter: dto.coverLetter?.trim() ? dto.coverLetter : null,
          createdBy: staff.id,
        }),
      );
      // R-INT-8: whoever owns a promised action contributes to the case, so joins its team.
      await nameToCaseTeam(
        manager,
        { complaintId: complaint.id, namedIn: `draft:${draft.version}`, namedBy: staff.id },
        'contributor',
        content.actions.map((action) => action.ownerId),
      );
      return draft;
    });
    return this.view(complaint, saved);
  }

  /**
   * R-JOINT-5: attribution names organisations of the complaint's joint case that contribute (the lead or a
   * partner, not one merely copied in); a complaint that is not joint has nothing to attribute.
   */
  private async checkContributors(
    complaint: Complaint,
    dto: SaveFinalResponseDraftDto,
  ): Promise<Partial<Record<WrittenSection, string[]>> | undefined> {
    const named = [
      ...dto.findings.flatMap((finding, index) =>
        (finding.contributedBy ?? []).map(
          (code, at) => [`findings[${index}].contributedBy[${at}]`, code] as const,
        ),
      ),
      ...(dto.sectionContributors ?? []).flatMap((part, index) =>
        part.organisations.map(
          (code, at) => [`sectionContributors[${index}].organisations[${at}]`, code] as const,
        ),
      ),
    ];
    if (named.length === 0 && !dto.sectionContributors) return undefined;
    const jointCase = await this.dataSource.getRepository(JointCase).findOneBy({ complaintId: complaint.id });
    if (!jointCase) {
      throw new ProblemException({
        status: 409,
        title: 'Command refused',
        detail: `complaint ${complaint.reference} is not joint: its response has no contributions to attribute`,
        rule: 'R-JOINT-5',
      });
    }
    const contributing = new Set(
      (await this.dataSource.getRepository(JointCasePartner).findBy({ jointCaseId: jointCase.id }))
        .filter((member) => member.role !== 'copied')
        .map((member) => member.partnerCode),
    );
    const problems: FieldProblem[] = named
      .filter(([, code]) => !contributing.has(code.toUpperCase()))
      .map(([field, code]) => ({
        field,
        reason: `${code} is not the lead or a partner of this joint case`,
      }));
    const sections = (dto.sectionContributors ?? []).map((part) => part.section);
    sections.forEach((section, index) => {
      if (sections.indexOf(section) !== index)
        problems.push({
          field: `sectionContributors[${index}].section`,
          reason: `${section} is named twice`,
        });
    });
    if (problems.length > 0) throw new RequestValidationException(problems);
    return Object.fromEntries(
      (dto.sectionContributors ?? []).map((part) => [
        part.section,
        part.organisations.map((code) => code.toUpperCase()),
      ]),
    );
  }

  /** One version, or the latest; 404 when there is none. */
  async get(complaint: Complaint, version?: number): Promise<FinalResponseDraftViewDto> {
    const draft = await this.dataSource.getRepository(FinalResponseDraft).findOne({
      where: { complaintReference: complaint.reference, ...(version ? { version } : {}) },
      order: { version: 'DESC' },
    });
    if (!draft) {
      throw new ProblemException({
        status: 404,
        title: 'Not found',
        detail: version
          ? `complaint ${complaint.reference} has no final-response version ${version}`
          : `complaint ${complaint.reference} has no final-response draft yet`,
      });
    }
    return this.view(complaint, draft);
  }

  /**
   * R-RESP-2: the role in which this member of staff signs the step (409 not a step here; 403 not theirs). A step
   * signed in the Responsible Person's name is theirs, or a current delegate's (ADR 0034), whose delegation is
   * returned with the role.
   */
  async signOff(
    complaint: Complaint,
    step: string,
    staff: StaffPrincipal,
  ): Promise<{ role: ApproverRole; delegation: SignOffDelegation | null }> {
    const profile = getProfile(complaint.profileId, complaint.profileVersion);
    const delegation = staff.roles.includes('responsible-person')
      ? null
      : await this.delegations.currentFor(staff);
    const signOff = signOffRole(profile, step, staff.roles, delegation !== null);
    if ('role' in signOff) return { role: signOff.role, delegation: signOff.asDelegate ? delegation : null };
    throw new ProblemException(
      signOff.refused === 'not-a-step'
        ? { status: 409, title: 'Command refused', detail: signOff.detail, rule: 'R-RESP-2' }
        : { status: 403, title: 'Forbidden', detail: signOff.detail, rule: 'R-RESP-2' },
    );
  }

  /** R-RESP-2: a delegate's sign-off names, on the complaint's timeline, the delegation it was given under. */
  async recordDelegatedSignOff(
    complaint: Complaint,
    staff: StaffPrincipal,
    signed: { step: string; version: number; delegation: SignOffDelegation },
  ): Promise<void> {
    await recordStaffEvent(this.dataSource.manager, complaint.id, staff, {
      type: 'final-response-signed-by-delegate',
      rule: 'R-RESP-2',
      data: {
        step: signed.step,
        version: signed.version,
        delegationId: signed.delegation.id,
        delegatedBy: signed.delegation.delegatedBy,
      },
    });
  }

  private async view(complaint: Complaint, draft: FinalResponseDraft): Promise<FinalResponseDraftViewDto> {
    // R-JOINT-6: a partial joint response answers every issue but those whose parts follow from their partners.
    const toFollow = new Set(await issuesToFollow(this.dataSource.manager, complaint.id));
    const summary = summariseFinalResponse(
      draft.version,
      draft.content,
      [...complaint.issues]
        .sort((a, b) => a.position - b.position)
        .map((issue) => issue.id)
        .filter((id) => !toFollow.has(id)),
      getProfile(complaint.profileId, complaint.profileVersion),
      draft.coverLetter,
    );
    return {
      version: draft.version,
      savedBy: draft.createdBy,
      savedAt: draft.createdAt,
      content: draft.content,
      coverLetter: draft.coverLetter,
      missing: missingResponseElements(summary),
      summary,
    };
  }
}
