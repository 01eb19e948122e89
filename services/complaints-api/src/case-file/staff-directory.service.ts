import { Inject, Injectable } from '@nestjs/common';
import { In, type DataSource } from 'typeorm';
import { StaffUser } from '@complaints/db';
import { DATA_SOURCE } from '@complaints/service-kit';

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
}
