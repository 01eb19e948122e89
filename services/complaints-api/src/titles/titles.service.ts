import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { Organisation, StaffUser } from '@complaints/db';
import { ROLE_TITLES, type TitledRole } from '@complaints/domain';
import { DATA_SOURCE, ProblemException, type StaffPrincipal } from '@complaints/service-kit';
import { TITLED_ROLES, type TitlesDto } from './titles.dto';

/**
 * R-RESP-2, R-PERS-1 (ADR 0034): the titles the letters sign with and R-PERS-1's approval is judged by: the
 * organisation's own titles for the procedure's roles, and each member of staff's job title.
 */
@Injectable()
export class Titles {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async view(staff: StaffPrincipal): Promise<TitlesDto> {
    const [organisation, people] = await Promise.all([
      this.dataSource.getRepository(Organisation).findOneByOrFail({ code: staff.organisationCode }),
      this.dataSource
        .getRepository(StaffUser)
        .find({ where: { organisationCode: staff.organisationCode }, order: { id: 'ASC' } }),
    ]);
    const own = organisation.roleTitles ?? {};
    return {
      roles: TITLED_ROLES.map((role) => ({
        role,
        title: own[role]?.trim() || ROLE_TITLES[role],
        own: Boolean(own[role]?.trim()),
      })),
      staff: people.map((person) => ({
        staffId: person.id,
        displayName: person.displayName,
        roles: person.roles,
        jobTitle: person.jobTitle,
        active: person.active,
      })),
    };
  }

  /** Sets (or with null, clears back to the seed's) the organisation's title for one of the procedure's roles. */
  async setRoleTitle(role: TitledRole, title: string | null, staff: StaffPrincipal): Promise<TitlesDto> {
    const key = `{${role}}`;
    const trimmed = title?.trim() || null;
    await this.dataSource.query(
      trimmed === null
        ? `UPDATE organisation SET role_titles = role_titles #- $2 WHERE code = $1`
        : `UPDATE organisation SET role_titles = jsonb_set(role_titles, $2, to_jsonb($3::text)) WHERE code = $1`,
      trimmed === null ? [staff.organisationCode, key] : [staff.organisationCode, key, trimmed],
    );
    return this.view(staff);
  }

  /** Sets (or with null, clears) a member of staff's job title. */
  async setJobTitle(staffId: string, title: string | null, staff: StaffPrincipal): Promise<TitlesDto> {
    const { affected } = await this.dataSource
      .getRepository(StaffUser)
      .update({ id: staffId, organisationCode: staff.organisationCode }, { jobTitle: title?.trim() || null });
    if (!affected)
      throw new ProblemException({
        status: 404,
        title: 'Not found',
        detail: `no member of staff ${staffId} in your organisation`,
      });
    return this.view(staff);
  }
}
