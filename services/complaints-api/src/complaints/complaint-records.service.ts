import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { CaseEvent, Complaint, ComplaintParty } from '@complaints/db';
import { DATA_SOURCE, ProblemException, type StaffPrincipal } from '@complaints/service-kit';
import type { WorklistQueryDto } from './dto/worklist-query.dto';
import { type ConsentNotNeededReason } from '@complaints/domain';

/** Reads the case record, for the staff of the complaint's own organisation only (R-INT-8). */
@Injectable()
export class ComplaintRecordsService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** The complaint, or 404 — also for another organisation's complaint, whose existence is not disclosed. */
  async get(reference: string, staff: StaffPrincipal): Promise<Complaint> {
    const complaint = await this.dataSource
      .getRepository(Complaint)
      .findOne({ where: { reference }, relations: { parties: true, issues: true } });
    if (!complaint || complaint.organisationCode !== staff.organisationCode) {
      throw new ProblemException({
        status: 404,
        title: 'Not found',
        detail: `no complaint ${reference} in your organisation`,
      });
    }
    return complaint;
  }

  /** R-INT-5: the person affected's consent to the representative, as recorded. */
  async recordConsent(
    complaint: Complaint,
    status: 'given' | 'not-needed',
    reason: ConsentNotNeededReason | null,
  ): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(ComplaintParty)
      .set({ consentStatus: status, consentNotNeededReason: reason })
      .where('complaint_id = :id AND role = :role', { id: complaint.id, role: 'person-affected' })
      .execute();
  }

  timeline(complaint: Complaint): Promise<CaseEvent[]> {
    return this.dataSource
      .getRepository(CaseEvent)
      .find({ where: { complaintId: complaint.id }, order: { occurredAt: 'ASC', id: 'ASC' } });
  }

  /** The worklist, soonest next deadline first. */
  async worklist(query: WorklistQueryDto, staff: StaffPrincipal) {
    const organisation = query.organisation ?? staff.organisationCode;
    if (organisation !== staff.organisationCode) {
      throw new ProblemException({
        status: 403,
        title: 'Forbidden',
        detail: "you can list only your own organisation's complaints",
        rule: 'R-INT-8',
      });
    }
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 25;
    const builder = this.dataSource
      .getRepository(Complaint)
      .createQueryBuilder('complaint')
      .where('complaint.organisation_code = :organisation', { organisation });
    if (query.stage) builder.andWhere('complaint.stage = :stage', { stage: query.stage });
    if (query.deadlineBefore)
      builder.andWhere('complaint.next_deadline <= :deadlineBefore', {
        deadlineBefore: query.deadlineBefore,
      });
    if (query.breached !== undefined)
      builder.andWhere('complaint.breached = :breached', { breached: query.breached });
    if (query.underOversight !== undefined)
      builder.andWhere('complaint.under_oversight = :underOversight', {
        underOversight: query.underOversight,
      });
    if (query.handler) builder.andWhere('complaint.handler_id = :handler', { handler: query.handler });
    const [items, total] = await builder
      .orderBy('complaint.next_deadline', 'ASC', 'NULLS LAST')
      .addOrderBy('complaint.reference', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items, page, pageSize, total };
  }
}
