import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Complaint } from '@complaints/db';
import { CurrentStaff, ProblemException, Roles, type StaffPrincipal } from '@complaints/service-kit';
import { agreePlanUpdate, allocateUpdate, requestClinicalViewUpdate } from '@complaints/workflows/messages';
import { ComplaintCommandsService } from './complaint-commands.service';
import { ComplaintRecordsService } from './complaint-records.service';
import { AllocateDto, RequestClinicalViewDto } from './dto/allocation.dto';
import { AgreePlanDto } from './dto/plan.dto';
import { InvestigationPlanService } from './investigation-plan.service';
import { StaffDirectory } from './staff-directory.service';
import { PROBLEM, REFUSED, StaffApiResponses } from './api-responses';
import { CASE_ROLES } from '@complaints/domain';

/** Who looks into a complaint, who it is about, the plan agreed with the person and the clinical view (R-INV-1/2/3, R-STAFF-1). */
@ApiTags('investigation')
@StaffApiResponses()
@ApiNotFoundResponse(PROBLEM)
@ApiUnprocessableEntityResponse({
  ...PROBLEM,
  description: 'A staff id is not a member of staff of this organisation',
})
@ApiConflictResponse(REFUSED)
@Controller('complaints')
export class InvestigationController {
  constructor(
    private readonly records: ComplaintRecordsService,
    private readonly commands: ComplaintCommandsService,
    private readonly staff: StaffDirectory,
    private readonly plans: InvestigationPlanService,
  ) {}

  @Post(':reference/plan')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Record the plan agreed with the person, and send it to them (R-INV-2, R-INV-4)',
    description:
      'Saved as a new version (its words stay in Postgres); the workflow records it and the person is sent the plan with the date of the final response. ' +
      '`agreedDue` becomes the agreed final-response date; the PHSO model needs one. A later version replaces the plan and is sent again.',
  })
  async agreePlan(
    @Param('reference') reference: string,
    @Body() dto: AgreePlanDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    const complaint = await this.records.get(reference, staff);
    const saved = await this.plans.save(complaint, dto, staff);
    const agreed = await this.commands.execute(complaint, agreePlanUpdate, {
      plan: saved.summary,
      by: staff.id,
    });
    return { ...saved, agreed };
  }

  @Get(':reference/plan')
  @Roles(...CASE_ROLES)
  @ApiOperation({ summary: 'The latest saved plan (R-INV-2), with its words' })
  async getPlan(@Param('reference') reference: string, @CurrentStaff() staff: StaffPrincipal) {
    return this.plans.latest(await this.records.get(reference, staff));
  }

  @Post(':reference/allocation')
  @HttpCode(200)
  @Roles('complaints-manager')
  @ApiOperation({
    summary: 'Allocate the handler and record the staff involved (R-INV-1, R-STAFF-1)',
    description:
      'Refused (409, R-INV-1) when the handler is named as involved, unless `involvedHandlerReason` is given; the person is then told why by letter. Each newly named member of staff is told early by email.',
  })
  async allocate(
    @Param('reference') reference: string,
    @Body() dto: AllocateDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    const complaint = await this.records.get(reference, staff);
    await this.requireStaff(complaint, [
      ['handlerId', dto.handlerId],
      ...dto.involvedStaffIds.map((id, index) => [`involvedStaffIds[${index}]`, id] as [string, string]),
    ]);
    return this.commands.execute(complaint, allocateUpdate, {
      handlerId: dto.handlerId,
      involvedStaffIds: dto.involvedStaffIds,
      ...(dto.involvedHandlerReason ? { involvedHandlerReason: dto.involvedHandlerReason } : {}),
      by: staff.id,
    });
  }

  @Post(':reference/clinical-view')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Ask a suitably qualified person not involved for a clinical view (R-INV-3)',
    description: 'Refused when the reviewer is among the staff named as involved.',
  })
  async requestClinicalView(
    @Param('reference') reference: string,
    @Body() dto: RequestClinicalViewDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    const complaint = await this.records.get(reference, staff);
    await this.requireStaff(complaint, [['reviewerId', dto.reviewerId]]);
    return this.commands.execute(complaint, requestClinicalViewUpdate, {
      reviewerId: dto.reviewerId,
      by: staff.id,
    });
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
