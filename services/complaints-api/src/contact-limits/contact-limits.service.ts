import { Inject, Injectable } from '@nestjs/common';
import { ServiceError, WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { DataSource, EntityManager } from 'typeorm';
import { ContactRestriction, Organisation, StaffUser, type Complaint } from '@complaints/db';
import {
  calendarMonthsAfterReceipt,
  getProfile,
  isTitle,
  missingDecisionRoles,
  PERSISTENT_BEHAVIOUR_APPROVER,
  roleTitle,
  londonDate,
  ombudsmanRoute,
  type LocalDate,
  type OmbudsmanId,
} from '@complaints/domain';
import { DATA_SOURCE, ProblemException, TEMPORAL_CLIENT, type StaffPrincipal } from '@complaints/service-kit';
import { TASK_QUEUES } from '@complaints/temporal';
import {
  CONTACT_RESTRICTION,
  contactRestrictionWorkflowId,
  reviewContactRestrictionUpdate,
} from '@complaints/workflows/messages';
import { CaseFileAccess } from '../case-file/case-file.decorator';
import { ProcedureCommands } from '../case-file/procedure-commands.service';
import { recordStaffEvent } from '../case-file/staff-event';
import { StaffDirectory } from '../case-file/staff-directory.service';
import type {
  ContactRestrictionDto,
  ProposeContactLimitsDto,
  ReviewContactLimitsDto,
  ReviewedContactRestrictionDto,
} from './dto/persistent-behaviour.dto';

const refused = (detail: string) =>
  new ProblemException({ status: 409, title: 'Command refused', detail, rule: 'R-PERS-1' });

/**
 * R-PERS-1: limits on a person's contact — decided by the managing director, the clinical team and the complaints
 * lead (who proposes it), each recorded in their role; approved by the deputy chief executive (the member of staff
 * whose job title is the organisation's title for them), then kept and reviewed by its own workflow.
 */
@Injectable()
export class ContactLimitsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly staff: StaffDirectory,
    private readonly commands: ProcedureCommands,
    private readonly caseFiles: CaseFileAccess,
  ) {}

  private get restrictions() {
    return this.dataSource.getRepository(ContactRestriction);
  }

  async propose(
    complaint: Complaint,
    dto: ProposeContactLimitsDto,
    staff: StaffPrincipal,
  ): Promise<ContactRestrictionDto> {
    const today = londonDate(new Date());
    const latest = calendarMonthsAfterReceipt(today, 6);
    const errors = await this.staff.unknownStaff(
      complaint.organisationCode,
      dto.decidedBy.map(({ staffId }, index) => [`decidedBy[${index}].staffId`, staffId] as const),
    );
    // HPFT 9.3: the managing director of the service and the clinical team decide with the complaints lead.
    for (const role of missingDecisionRoles(dto.decidedBy))
      errors.push({ field: 'decidedBy', reason: `must name the ${roleTitle(null, role)} (role ${role})` });
    dto.decidedBy.forEach(({ staffId }, index) => {
      if (staffId === staff.id)
        errors.push({
          field: `decidedBy[${index}].staffId`,
          reason: 'is you: you take the decision as the complaints lead, with others',
        });
    });
    if (dto.reviewOn <= today || dto.reviewOn > latest)
      errors.push({ field: 'reviewOn', reason: `must be after today and no later than ${latest}` });
    if (errors.length > 0)
      throw new ProblemException({ status: 422, title: 'Decision refused', detail: 'see errors', errors });
    const person = complaint.parties.find((party) => party.role === 'complainant');
    if (!person) throw refused('an anonymous complaint has nobody to limit contact with');
    return this.dataSource.transaction(async (manager) => {
      const restriction = await manager.save(
        manager.create(ContactRestriction, {
          complaintReference: complaint.reference,
          organisationCode: complaint.organisationCode,
          personEmail: person.email?.toLowerCase() ?? null,
          behaviours: [...new Set(dto.behaviours)],
          limits: [...new Set(dto.limits)],
          decidedWith: [...new Set(dto.decidedBy.map((member) => member.staffId))],
          decidedBy: dto.decidedBy.map(({ staffId, role }) => ({ staffId, role })),
          note: dto.note ?? null,
          reviewOn: dto.reviewOn,
          status: 'proposed',
          proposedBy: staff.id,
        }),
      );
      await this.recordOnTimeline(manager, complaint.id, staff, 'contact-limits-proposed', restriction);
      return restriction;
    });
  }

  /** Four eyes: the approver is not the proposer. The workflow tells the person and keeps the review date. */
  async approve(id: string, staff: StaffPrincipal): Promise<ContactRestrictionDto> {
    const restriction = await this.find(id, staff);
    if (restriction.status !== 'proposed') throw refused(`the decision is already ${restriction.status}`);
    if (restriction.proposedBy === staff.id)
      throw refused('the decision is approved by someone other than who proposed it');
    if (restriction.decidedWith.includes(staff.id))
      throw refused('the decision is approved by someone other than those who took it');
    // HPFT 9.3: approval is sought from the Deputy Chief Executive (or whoever holds the organisation's title for them).
    const [organisation, approver] = await Promise.all([
      this.dataSource.getRepository(Organisation).findOneByOrFail({ code: staff.organisationCode }),
      this.dataSource
        .getRepository(StaffUser)
        .findOneBy({ id: staff.id, organisationCode: staff.organisationCode }),
    ]);
    const approvingTitle = roleTitle(organisation.roleTitles, PERSISTENT_BEHAVIOUR_APPROVER);
    if (!isTitle(approver?.jobTitle, approvingTitle))
      throw new ProblemException({
        status: 403,
        title: 'Forbidden',
        detail: `the limits are approved by the ${approvingTitle}; your job title is ${approver?.jobTitle ? `"${approver.jobTitle}"` : 'not recorded'}`,
        rule: 'R-PERS-1',
      });
    const complaint = await this.caseFiles.open(restriction.complaintReference, {
      staff,
      action: 'act',
      resource: 'POST /contact-limits/:id/approval',
    });
    const profile = getProfile(complaint.profileId, complaint.profileVersion);
    await this.dataSource.transaction(async (manager) => {
      const approval = {
        status: 'approved' as const,
        approvedBy: staff.id,
        approvedAt: new Date(),
        approvedAs: approver!.jobTitle,
      };
      const { affected } = await manager.update(ContactRestriction, { id, status: 'proposed' }, approval);
      if (!affected) throw refused('the decision is no longer proposed');
      await this.recordOnTimeline(manager, complaint.id, staff, 'contact-limits-approved', restriction);
      // Started before the approval commits: if Temporal cannot take it, nothing is approved, and approving
      // again is safe (the workflow id is the decision's).
      await this.startKeeping(restriction, ombudsmanRoute(profile, 'nhs-care')!);
    });
    return this.find(id, staff);
  }

  async review(
    id: string,
    dto: ReviewContactLimitsDto,
    staff: StaffPrincipal,
  ): Promise<ReviewedContactRestrictionDto> {
    const restriction = await this.find(id, staff);
    if (restriction.status !== 'approved')
      throw refused(`the decision is ${restriction.status}, not in force`);
    if (dto.outcome === 'continue' && !dto.nextReviewOn)
      throw new ProblemException({
        status: 422,
        title: 'Review refused',
        detail: 'see errors',
        errors: [{ field: 'nextReviewOn', reason: 'is needed to continue the limits' }],
      });
    const complaint = await this.caseFiles.open(restriction.complaintReference, {
      staff,
      action: 'act',
      resource: 'POST /contact-limits/:id/review',
    });
    const state = await this.commands.send(
      restriction,
      reviewContactRestrictionUpdate,
      {
        by: staff.id,
        outcome: dto.outcome,
        ...(dto.nextReviewOn ? { nextReviewOn: dto.nextReviewOn as LocalDate } : {}),
      },
      {
        write: () =>
          this.dataSource.transaction(async (manager) => {
            await manager.update(
              ContactRestriction,
              { id },
              dto.outcome === 'lift'
                ? { status: 'lifted', liftedAt: new Date() }
                : { reviewOn: dto.nextReviewOn! },
            );
            const type = dto.outcome === 'lift' ? 'contact-limits-lifted' : 'contact-limits-continued';
            await this.recordOnTimeline(manager, complaint.id, staff, type, restriction);
          }),
        undo: () =>
          this.dataSource.transaction(async (manager) => {
            await manager.update(
              ContactRestriction,
              { id },
              { status: restriction.status, liftedAt: restriction.liftedAt, reviewOn: restriction.reviewOn },
            );
            await this.recordOnTimeline(
              manager,
              complaint.id,
              staff,
              'contact-limits-review-withdrawn',
              restriction,
            );
          }),
      },
    );
    return { ...(await this.find(id, staff)), reviews: state.reviews };
  }

  /** Limits in force for the complainant of this complaint (by email), whichever complaint they were set on. */
  inForceFor(complaint: Complaint): Promise<ContactRestriction[]> {
    const email = complaint.parties.find((party) => party.role === 'complainant')?.email?.toLowerCase();
    if (!email) return Promise.resolve([]);
    return this.restrictions.find({
      where: { organisationCode: complaint.organisationCode, personEmail: email, status: 'approved' },
      order: { createdAt: 'ASC' },
    });
  }

  private async startKeeping(restriction: ContactRestriction, ombudsman: OmbudsmanId): Promise<void> {
    try {
      await this.temporal.workflow.start(CONTACT_RESTRICTION, {
        workflowId: contactRestrictionWorkflowId(restriction.id),
        taskQueue: TASK_QUEUES.complaints,
        args: [
          {
            restrictionId: restriction.id,
            reference: restriction.complaintReference,
            behaviours: restriction.behaviours,
            limits: restriction.limits,
            reviewOn: restriction.reviewOn as LocalDate,
            ombudsman,
          },
        ],
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return;
      if (error instanceof ServiceError)
        throw new ProblemException({
          status: 503,
          title: 'Service unavailable',
          detail: 'the decision could not be put in force; nothing was approved, try again',
        });
      throw error;
    }
  }

  /** The decision is about a person, kept on the timeline of the complaint it was made on: what, not the note. */
  private recordOnTimeline(
    manager: EntityManager,
    complaintId: string,
    staff: StaffPrincipal,
    type: string,
    restriction: ContactRestriction,
  ) {
    return recordStaffEvent(manager, complaintId, staff, {
      type,
      rule: 'R-PERS-1',
      data: { restrictionId: restriction.id, limits: restriction.limits },
    });
  }

  private async find(id: string, staff: StaffPrincipal): Promise<ContactRestriction> {
    const restriction = await this.restrictions.findOneBy({ id, organisationCode: staff.organisationCode });
    if (!restriction)
      throw new ProblemException({
        status: 404,
        title: 'Not found',
        detail: `no decision ${id} in your organisation`,
      });
    return restriction;
  }
}
