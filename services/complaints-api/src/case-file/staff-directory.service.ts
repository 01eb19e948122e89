import { Inject, Injectable } from '@nestjs/common';
import { In, type DataSource } from 'typeorm';
import { StaffUser, type Complaint } from '@complaints/db';
import { DATA_SOURCE, ProblemException } from '@complaints/service-kit';

/** Staff ids named in a command (handlers, people involved, action owners) must belong to the organisation. */
@Injectable()
export class StaffDirectory {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** One field problem per named id that is not a member of staff of the organisation (none when all are). */
  async unknownStaff(
    organisationCode: string,
    named: readonly (readonly [field: string, id: string])[],
  ): Promise<{ field: string; reason: string }[]> {
    if (named.length === 0) return [];
    const known = new Set(
      (
        await this.dataSource
          .getRepository(StaffUser)
          .findBy({ id: In(named.map(([, id]) => id)), organisationCode })
      ).map((user) => user.id),
    );
    return named
      .filter(([, id]) => !known.has(id))
      .map(([field]) => ({ field, reason: 'is not a member of staff of this organisation' }));
  }

  /**
   * A saved document (a draft, a plan) names the complaint's issues and its organisation's staff only:
   * otherwise 422 with one problem per field that names something else.
   */
  async requireOwnIssuesAndStaff(
    complaint: Complaint,
    document: 'draft' | 'plan',
    named: {
      issues: readonly (readonly [field: string, id: string])[];
      staff: readonly (readonly [field: string, id: string])[];
    },
  ): Promise<void> {
    const issueIds = new Set(complaint.issues.map((issue) => issue.id));
    const errors = [
      ...named.issues
        .filter(([, id]) => !issueIds.has(id))
        .map(([field]) => ({ field, reason: 'is not an issue of this complaint' })),
      ...(await this.unknownStaff(complaint.organisationCode, named.staff)),
    ];
    if (errors.length > 0)
      throw new ProblemException({
        status: 422,
        title: `${document === 'draft' ? 'Draft' : 'Plan'} refused`,
        detail: `the ${document} refers to issues or staff that do not belong to this complaint`,
        errors,
      });
  }
}
