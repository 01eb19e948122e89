import { Inject, Injectable } from '@nestjs/common';
import { IsNull, type DataSource } from 'typeorm';
import { AccessGrant, AccessLogEntry, CaseTeamMember, type Complaint } from '@complaints/db';
import { DATA_SOURCE, ProblemException, type StaffPrincipal } from '@complaints/service-kit';
import { StaffDirectory } from '../case-file/staff-directory.service';
import type { AccessGrantDto, AccessLogPageDto, AccessLogQueryDto, GrantAccessDto } from './access.dto';

/** Longest a break-glass grant may last: long enough for a review, short enough to be looked at again. */
const LONGEST_GRANT_MS = 7 * 24 * 60 * 60 * 1000;

/** R-INT-8: the access log of one complaint, and break-glass grants to open it. */
@Injectable()
export class AccessService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly staff: StaffDirectory,
  ) {}

  async log(complaint: Complaint, query: AccessLogQueryDto): Promise<AccessLogPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const [entries, total] = await this.dataSource.getRepository(AccessLogEntry).findAndCount({
      where: { complaintReference: complaint.reference },
      order: { occurredAt: 'DESC', id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return {
      items: entries.map((entry) => ({
        at: entry.occurredAt,
        staffId: entry.staffId,
        organisationCode: entry.organisationCode,
        action: entry.action,
        resource: entry.resource,
        outcome: entry.outcome,
        basis: entry.basis,
        purpose: entry.purpose,
        requestId: entry.requestId,
      })),
      page,
      pageSize,
      total,
    };
  }

  /** Break-glass: for a reason, until a time; never to staff named as involved in the events. */
  async grant(complaint: Complaint, dto: GrantAccessDto, by: StaffPrincipal): Promise<AccessGrantDto> {
    const errors = await this.staff.unknownStaff(complaint.organisationCode, [['staffId', dto.staffId]]);
    const expiresAt = new Date(dto.expiresAt);
    const now = Date.now();
    if (expiresAt.getTime() <= now || expiresAt.getTime() > now + LONGEST_GRANT_MS)
      errors.push({ field: 'expiresAt', reason: 'must be in the future and at most 7 days ahead' });
    if (errors.length > 0)
      throw new ProblemException({ status: 422, title: 'Grant refused', detail: 'see errors', errors });
    const involved = await this.dataSource
      .getRepository(CaseTeamMember)
      .existsBy({ complaintId: complaint.id, staffId: dto.staffId, role: 'involved', endedAt: IsNull() });
    if (involved)
      throw new ProblemException({
        status: 409,
        title: 'Grant refused',
        detail: `${dto.staffId} is named as involved in the events and never sees the complainant's file`,
        rule: 'R-INT-8',
      });
    const grants = this.dataSource.getRepository(AccessGrant);
    return grants.save(
      grants.create({
        complaintId: complaint.id,
        staffId: dto.staffId,
        reason: dto.reason,
        grantedBy: by.id,
        expiresAt,
      }),
    );
  }

  async revoke(complaint: Complaint, grantId: string, by: StaffPrincipal): Promise<AccessGrantDto> {
    const grants = this.dataSource.getRepository(AccessGrant);
    const grant = await grants.findOneBy({ id: grantId, complaintId: complaint.id });
    if (!grant)
      throw new ProblemException({
        status: 404,
        title: 'Not found',
        detail: `complaint ${complaint.reference} has no access grant ${grantId}`,
      });
    if (!grant.revokedAt) {
      grant.revokedAt = new Date();
      grant.revokedBy = by.id;
      await grants.save(grant);
    }
    return grant;
  }
}
