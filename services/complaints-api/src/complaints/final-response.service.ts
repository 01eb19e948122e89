import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { Complaint, FinalResponseDraft } from '@complaints/db';
import {
  getProfile,
  missingResponseElements,
  summariseFinalResponse,
  type FinalResponseContent,
  type FinalResponseSummary,
  type MissingElement,
} from '@complaints/domain';
import { DATA_SOURCE, ProblemException, type StaffPrincipal } from '@complaints/service-kit';
import type { SaveFinalResponseDraftDto } from './dto/final-response.dto';
import { StaffDirectory } from './staff-directory.service';

export interface DraftView {
  version: number;
  savedBy: string;
  savedAt: Date;
  content: FinalResponseContent;
  coverLetter: string | null;
  /** R-RESP-1: what is still missing; submission is refused until this is empty. */
  missing: MissingElement[];
  summary: FinalResponseSummary;
}

/**
 * The final response's words (R-RESP-1), kept in Postgres as append-only versions. The workflow only ever
 * sees a version's summary: which elements are present, outcomes, remedy kinds, actions by owner and date.
 */
@Injectable()
export class FinalResponseService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly staff: StaffDirectory,
  ) {}

  /** Saves the draft as the next version. Findings must name the complaint's issues; owners its staff. */
  async save(
    complaint: Complaint,
    dto: SaveFinalResponseDraftDto,
    staff: StaffPrincipal,
  ): Promise<DraftView> {
    const issueIds = new Set(complaint.issues.map((issue) => issue.id));
    const errors: { field: string; reason: string }[] = [];
    dto.findings.forEach((finding, index) => {
      if (!issueIds.has(finding.issueId))
        errors.push({ field: `findings[${index}].issueId`, reason: 'is not an issue of this complaint' });
    });
    errors.push(
      ...(await this.staff.unknownStaff(
        complaint.organisationCode,
        dto.actions.map((action, index) => [`actions[${index}].ownerId`, action.ownerId] as const),
      )),
    );
    if (errors.length > 0) {
      throw new ProblemException({
        status: 422,
        title: 'Draft refused',
        detail: 'the draft refers to issues or staff that do not belong to this complaint',
        errors,
      });
    }
    const content: FinalResponseContent = {
      sections: { ...dto.sections },
      findings: dto.findings.map(({ issueId, outcome, finding }) => ({ issueId, outcome, finding })),
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
      return manager.save(
        manager.create(FinalResponseDraft, {
          complaintReference: complaint.reference,
          version: Number(latest) + 1,
          content,
          coverLetter: dto.coverLetter?.trim() ? dto.coverLetter : null,
          createdBy: staff.id,
        }),
      );
    });
    return this.view(complaint, saved);
  }

  /** One version, or the latest; 404 when there is none. */
  async get(complaint: Complaint, version?: number): Promise<DraftView> {
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

  private view(complaint: Complaint, draft: FinalResponseDraft): DraftView {
    const summary = summariseFinalResponse(
      draft.version,
      draft.content,
      [...complaint.issues].sort((a, b) => a.position - b.position).map((issue) => issue.id),
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
