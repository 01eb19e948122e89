import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  CaseEvent,
  Complaint,
  ComplaintParty,
  ContactRestriction,
  Correspondence,
  EqualityMonitoring,
  FinalResponseDraft,
  InvestigationPlan,
} from '@complaints/db';
import { DATA_SOURCE, RequestValidationException, type StaffPrincipal } from '@complaints/service-kit';
import type {
  SubjectAccessComplaintDto,
  SubjectAccessExportDto,
  SubjectAccessRequestDto,
} from './dto/subject-access.dto';

/**
 * A subject-access export (UK GDPR Art. 15): every complaint of the organisation on which the person is named,
 * with what is held about them. Other people's entries on those complaints are left out.
 */
@Injectable()
export class SubjectAccessService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async export(request: SubjectAccessRequestDto, staff: StaffPrincipal): Promise<SubjectAccessExportDto> {
    const matchedBy = checkRequest(request);
    const parties = await this.matchingParties(request, staff.organisationCode);
    const byComplaint = new Map<string, ComplaintParty[]>();
    for (const party of parties) {
      const id = party.complaint.id;
      byComplaint.set(id, [...(byComplaint.get(id) ?? []), party]);
    }
    const complaints: SubjectAccessComplaintDto[] = [];
    for (const own of byComplaint.values()) complaints.push(await this.complaintView(own[0].complaint, own));
    complaints.sort(
      (a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.reference.localeCompare(b.reference),
    );
    return {
      organisation: staff.organisationCode,
      producedAt: new Date().toISOString(),
      producedBy: staff.id,
      matchedBy,
      complaints,
    };
  }

  private matchingParties(
    request: SubjectAccessRequestDto,
    organisationCode: string,
  ): Promise<ComplaintParty[]> {
    const query = this.dataSource
      .getRepository(ComplaintParty)
      .createQueryBuilder('party')
      .innerJoinAndSelect('party.complaint', 'complaint')
      .where('complaint.organisation_code = :organisationCode', { organisationCode });
    const conditions: string[] = [];
    if (request.email) conditions.push('lower(party.email) = lower(:email)');
    if (request.name && request.dateOfBirth)
      conditions.push('(lower(party.name) = lower(:name) AND party.date_of_birth = :dateOfBirth)');
    return query
      .andWhere(`(${conditions.join(' OR ')})`, {
        email: request.email,
        name: request.name?.trim(),
        dateOfBirth: request.dateOfBirth,
      })
      .getMany();
  }

  private async complaintView(
    complaint: Complaint,
    own: ComplaintParty[],
  ): Promise<SubjectAccessComplaintDto> {
    const reference = complaint.reference;
    const manager = this.dataSource.manager;
    const [issues, events, drafts, plans, equality, restrictions, correspondence] = await Promise.all([
      manager.query(`SELECT description FROM complaint_issue WHERE complaint_id = $1 ORDER BY position`, [
        complaint.id,
      ]) as Promise<{ description: string }[]>,
      manager.find(CaseEvent, {
        where: { complaintId: complaint.id },
        order: { occurredAt: 'ASC', id: 'ASC' },
      }),
      manager.find(FinalResponseDraft, {
        where: { complaintReference: reference },
        order: { version: 'ASC' },
      }),
      manager.find(InvestigationPlan, {
        where: { complaintReference: reference },
        order: { version: 'ASC' },
      }),
      manager.findOneBy(EqualityMonitoring, { complaintReference: reference }),
      manager.find(ContactRestriction, {
        where: { complaintReference: reference },
        order: { createdAt: 'ASC' },
      }),
      manager
        .getRepository(Correspondence)
        .createQueryBuilder('item')
        .addSelect('item.pdf IS NOT NULL', 'has_pdf')
        .where('item.complaint_reference = :reference', { reference })
        .orderBy('item.created_at')
        .getRawAndEntities(),
    ]);
    return {
      reference,
      asRoles: [...new Set(own.map((party) => party.role))],
      kind: complaint.kind,
      channel: complaint.channel,
      receivedOn: complaint.receivedOn,
      stage: complaint.stage,
      closedAt: complaint.closedAt?.toISOString() ?? null,
      outcomeSought: complaint.outcomeSought,
      adjustmentsNote: complaint.adjustmentsNote,
      accessibilityNeeds: complaint.accessibilityNeeds,
      earlyResolutionSummary: complaint.earlyResolutionSummary,
      parties: own.map((party) => ({
        role: party.role,
        name: party.name,
        dateOfBirth: party.dateOfBirth,
        address: party.address,
        email: party.email,
        phone: party.phone,
        relationship: party.relationship,
        consentStatus: party.consentStatus,
      })),
      issues: issues.map((issue) => issue.description),
      timeline: events.map((event) => ({
        occurredAt: event.occurredAt.toISOString(),
        type: event.type,
        rule: event.rule,
        actor: event.actorId,
      })),
      finalResponseVersions: drafts.map((draft) => ({
        version: draft.version,
        content: draft.content,
        coverLetter: draft.coverLetter,
        createdAt: draft.createdAt.toISOString(),
      })),
      investigationPlanVersions: plans.map((plan) => ({
        version: plan.version,
        content: plan.content,
        createdAt: plan.createdAt.toISOString(),
      })),
      equalityMonitoring: (equality?.answers as Record<string, string> | undefined) ?? null,
      contactRestrictions: restrictions.map((restriction) => ({
        behaviours: restriction.behaviours,
        limits: restriction.limits,
        status: restriction.status,
        reviewOn: restriction.reviewOn,
        note: restriction.note,
      })),
      correspondence: correspondence.entities.map((item, index) => ({
        id: item.id,
        template: item.template,
        channel: item.channel,
        recipient: item.recipient,
        subject: item.subject,
        text: item.text,
        status: item.status,
        sentAt: item.sentAt?.toISOString() ?? null,
        hasPrintCopy: Boolean((correspondence.raw[index] as { has_pdf: boolean }).has_pdf),
      })),
    };
  }
}

function checkRequest(request: SubjectAccessRequestDto): string[] {
  const matchedBy: string[] = [];
  if (request.email) matchedBy.push('email');
  if (request.name && request.dateOfBirth) matchedBy.push('name-and-date-of-birth');
  else if (request.name)
    throw new RequestValidationException([
      { field: 'dateOfBirth', reason: 'dateOfBirth is required with name' },
    ]);
  else if (request.dateOfBirth)
    throw new RequestValidationException([{ field: 'name', reason: 'name is required with dateOfBirth' }]);
  if (matchedBy.length === 0)
    throw new RequestValidationException([
      { field: 'email', reason: 'give the person’s email, or their name and dateOfBirth' },
    ]);
  return matchedBy;
}
