import type { DataSource } from 'typeorm';
import { StaffUser, type ReviewAction } from '@complaints/db';
import { RequestValidationException } from '@complaints/service-kit';

/**
 * Actions set by a review or on closing a theme alert (R-MON-3): each owned by an active member of the
 * organisation's staff, or the whole request is refused naming the action.
 */
export async function ownedActions(
  dataSource: DataSource,
  organisationCode: string,
  actions: ReviewAction[],
): Promise<ReviewAction[]> {
  const staff = await dataSource.getRepository(StaffUser).findBy({ organisationCode, active: true });
  const owners = new Set(staff.map((user) => user.id));
  const problems = actions.flatMap((action, index) =>
    owners.has(action.ownerId)
      ? []
      : [
          {
            field: `actions[${index}].ownerId`,
            reason: 'must be an active member of staff of your organisation',
          },
        ],
  );
  if (problems.length > 0) throw new RequestValidationException(problems);
  return actions.map(({ description, ownerId, due }) => ({ description, ownerId, due }));
}
