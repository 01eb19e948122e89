import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { InvestigationPlan, nameToCaseTeam, undoCaseTeamStep, type Complaint } from '@complaints/db';
import { summarisePlan, type InvestigationPlanContent, type LocalDate } from '@complaints/domain';
import { DATA_SOURCE, ProblemException, type StaffPrincipal } from '@complaints/service-kit';
import { StaffDirectory } from '../case-file/staff-directory.service';
import type { AgreePlanDto, PlanDto } from './dto/plan.dto';

/**
 * The plan agreed with the person (R-INV-2), kept in Postgres as append-only versions; the workflow is told
 * only the summary of the version agreed.
 */
@Injectable()
export class InvestigationPlanService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly staff: StaffDirectory,
  ) {}

  /** Saves the plan as the next version. Key issues must be the complaint's; the respondent its staff. */
  async save(complaint: Complaint, dto: AgreePlanDto, staff: StaffPrincipal): Promise<PlanDto> {
    await this.staff.requireOwnIssuesAndStaff(complaint, 'plan', {
      issues: dto.keyIssueIds.map((id, index) => [`keyIssueIds[${index}]`, id] as const),
      staff: [['respondentId', dto.respondentId]],
    });
    const content: InvestigationPlanContent = {
      keyIssueIds: [...new Set(dto.keyIssueIds)],
      howAffected: dto.howAffected,
      outcomesSought: dto.outcomesSought,
      evidence: dto.evidence,
      peopleToSpeakTo: dto.peopleToSpeakTo,
      respondentId: dto.respondentId,
      responseMethod: dto.responseMethod,
      advocacySignposted: dto.advocacySignposted,
      ...(dto.agreedDue ? { agreedDue: dto.agreedDue as LocalDate } : {}),
    };
    const saved = await this.dataSource.transaction(async (manager) => {
      // One writer at a time per complaint, so versions stay 1, 2, 3…
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`plan:${complaint.reference}`]);
      const [{ latest }] = await manager.query(
        'SELECT coalesce(max(version), 0) AS latest FROM investigation_plan WHERE complaint_reference = $1',
        [complaint.reference],
      );
      const plan = await manager.save(
        manager.create(InvestigationPlan, {
          complaintReference: complaint.reference,
          version: Number(latest) + 1,
          content,
          createdBy: staff.id,
        }),
      );
      // R-INT-8: who will respond is on the case team.
      await nameToCaseTeam(manager, planStep(complaint, plan.version, staff.id), 'contributor', [
        dto.respondentId,
      ]);
      return plan;
    });
    return view(saved);
  }

  /** A version the workflow refused was never agreed or sent: it goes, so the latest saved plan stays the one agreed. */
  async discard(complaint: Complaint, version: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager
        .getRepository(InvestigationPlan)
        .delete({ complaintReference: complaint.reference, version });
      await undoCaseTeamStep(manager, planStep(complaint, version, ''));
    });
  }

  /** The latest saved version; 404 when there is none. */
  async latest(complaint: Complaint): Promise<PlanDto> {
    const plan = await this.dataSource.getRepository(InvestigationPlan).findOne({
      where: { complaintReference: complaint.reference },
      order: { version: 'DESC' },
    });
    if (!plan) {
      throw new ProblemException({
        status: 404,
        title: 'Not found',
        detail: `complaint ${complaint.reference} has no plan yet`,
      });
    }
    return view(plan);
  }
}

/** The plan version that names its respondent to the case team. */
function planStep(complaint: Complaint, version: number, by: string) {
  return { complaintId: complaint.id, namedIn: `plan:${version}`, namedBy: by };
}

function view(plan: InvestigationPlan): PlanDto {
  return {
    version: plan.version,
    savedBy: plan.createdBy,
    savedAt: plan.createdAt,
    content: plan.content,
    summary: summarisePlan(plan.version, plan.content),
  };
}
