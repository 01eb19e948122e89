import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { CaseEvent, Complaint, openableBy, recordAccess, type AccessRequest } from '@complaints/db';
import { DATA_SOURCE, ProblemException, type StaffPrincipal } from '@complaints/service-kit';
import type { WorklistQueryDto } from './dto/worklist-query.dto';

/** The case record as staff read it: the worklist and a complaint's timeline. */
@Injectable()
export class ComplaintRecordsService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  timeline(complaint: Complaint): Promise<CaseEvent[]> {
    return this.dataSource
      .getRepository(CaseEvent)
      .find({ where: { complaintId: complaint.id }, order: { occurredAt: 'ASC', id: 'ASC' } });
  }

  /**
   * The worklist, soonest next deadline first: only the complaints this member of staff may open (R-INT-8), the
   * references returned recorded in the access log as a search.
   */
  async worklist(query: WorklistQueryDto, staff: StaffPrincipal, access: AccessRequest) {
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
    const openable = openableBy('complaint', staff);
    builder.andWhere(openable.where, openable.parameters);
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
    await recordAccess(this.dataSource.manager, access, {
      complaintReference: null,
      outcome: 'allowed',
      basis: null,
      purpose: null,
      references: items.map((item) => item.reference),
    });
    return { items, page, pageSize, total };
  }
}
