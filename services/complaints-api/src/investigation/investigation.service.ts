import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ComplaintParty, nameToCaseTeam, replaceInCaseTeam, type Complaint } from '@complaints/db';
import { sixMonthLetterRole } from '@complaints/domain';
import {
  DATA_SOURCE,
  ProblemException,
  RequestValidationException,
  type StaffPrincipal,
} from '@complaints/service-kit';
import {
  agreePlanUpdate,
  allocateUpdate,
  approveSixMonthLetterUpdate,
  extendFinalResponseUpdate,
  requestClinicalViewUpdate,
} from '@complaints/workflows/messages';
import { CaseTeam } from '../case-file/case-team.service';
import { ProcedureCommands } from '../case-file/procedure-commands.service';
import { StaffDirectory } from '../case-file/staff-directory.service';
import type { AllocateDto, RequestClinicalViewDto } from './dto/allocation.dto';
import type { ApproveSixMonthLetterDto, ExtendFinalResponseDto } from './dto/closer-look.dto';
import type { AgreePlanDto, PlanAgreedDto, PlanDto } from './dto/plan.dto';
import { InvestigationPlanService } from './investigation-plan.service';

/** The investigation commands that check or record more than the staff member's decision. */
@Injectable()
export class InvestigationService {
  constructor(
    private readonly commands: ProcedureCommands,
    private readonly staff: StaffDirectory,
    private readonly plans: InvestigationPlanService,
    private readonly team: CaseTeam,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  /** R-INV-5: a later date, agreed with someone the case file names (the workflow checks the rest). */
  async extendFinalResponse(complaint: Complaint, dto: ExtendFinalResponseDto, staff: StaffPrincipal) {
    if (
      dto.agreement?.with === 'person-affected' &&
      !(await this.dataSource
        .getRepository(ComplaintParty)
        .existsBy({ complaint: { id: complaint.id }, role: 'person-affected' }))
    )
      throw new RequestValidationException([
        {
          field: 'agreement.with',
          reason: 'the complaint names no person affected apart from the complainant',
        },
      ]);
    return this.commands.send(complaint, extendFinalResponseUpdate, {
      newDue: dto.newDue,
      reason: dto.reason,
      ...(dto.agreement ? { agreement: { ...dto.agreement } } : {}),
      by: staff.id,
    });
  }

  /** R-INV-2: the plan's words are saved as a new version first; the workflow is told its summary and sends it. */
  async agreePlan(complaint: Complaint, dto: AgreePlanDto, staff: StaffPrincipal): Promise<PlanAgreedDto> {
    let saved: PlanDto | undefined;
    const agreed = await this.commands.send(
      complaint,
      agreePlanUpdate,
      (plan: PlanDto) => ({ plan: plan.summary, by: staff.id }),
      {
        write: async () => (saved = await this.plans.save(complaint, dto, staff)),
        undo: (plan) => this.plans.discard(complaint, plan.version),
      },
    );
    return { ...saved!, agreed };
  }

  /**
   * R-INV-1, R-STAFF-1: the handler and the staff involved must be staff of the organisation. The handler joins
   * the case team and the staff involved are kept out of it (R-INT-8), each replacing an earlier allocation's.
   */
  async allocate(complaint: Complaint, dto: AllocateDto, staff: StaffPrincipal) {
    await this.requireStaff(complaint, [
      ['handlerId', dto.handlerId],
      ...dto.involvedStaffIds.map((id, index) => [`involvedStaffIds[${index}]`, id] as const),
    ]);
    return this.commands.send(
      complaint,
      allocateUpdate,
      {
        handlerId: dto.handlerId,
        involvedStaffIds: dto.involvedStaffIds,
        ...(dto.involvedHandlerReason ? { involvedHandlerReason: dto.involvedHandlerReason } : {}),
        by: staff.id,
      },
      this.team.naming(complaint, staff, 'allocation', async (manager, step) => {
        await replaceInCaseTeam(manager, step, 'handler', [dto.handlerId]);
        await replaceInCaseTeam(manager, step, 'involved', dto.involvedStaffIds);
      }),
    );
  }

  /** R-INV-3: the reviewer must be a member of staff of the organisation; they join the case team for it. */
  async requestClinicalView(complaint: Complaint, dto: RequestClinicalViewDto, staff: StaffPrincipal) {
    await this.requireStaff(complaint, [['reviewerId', dto.reviewerId]]);
    return this.commands.send(
      complaint,
      requestClinicalViewUpdate,
      { reviewerId: dto.reviewerId, by: staff.id },
      this.team.naming(complaint, staff, 'clinical-view', (manager, step) =>
        nameToCaseTeam(manager, step, 'clinical-reviewer', [dto.reviewerId]),
      ),
    );
  }

  /** R-INV-7: approved in the role the domain gives the approver, who keeps oversight on the case team. */
  approveSixMonthLetter(complaint: Complaint, dto: ApproveSixMonthLetterDto, staff: StaffPrincipal) {
    return this.commands.send(
      complaint,
      approveSixMonthLetterUpdate,
      { likelyBy: dto.likelyBy, role: sixMonthLetterRole(staff.roles), by: staff.id },
      this.team.naming(complaint, staff, 'six-month-letter', (manager, step) =>
        nameToCaseTeam(manager, step, 'overseer', [staff.id]),
      ),
    );
  }

  /** Every named id must be a member of staff of the complaint's organisation (422 naming each that is not). */
  private async requireStaff(
    complaint: Complaint,
    named: (readonly [field: string, id: string])[],
  ): Promise<void> {
    const errors = await this.staff.unknownStaff(complaint.organisationCode, named);
    if (errors.length > 0) {
      throw new ProblemException({
        status: 422,
        title: 'Unknown staff',
        detail: 'a named member of staff is not known here',
        errors,
      });
    }
  }
}
