import type { EntityManager } from 'typeorm';
import type { FinalResponseContent } from '@complaints/domain';
import { CaseAction } from './entities/case-action.entity';
import { FinalResponseDraft } from './entities/final-response-draft.entity';

/** What a `final-response-sent` event says of the response: its version and the ids and dates it promised. */
export interface SentResponseFacts {
  version?: unknown;
  actions?: { id: string; due: string }[];
}

/**
 * R-RESP-4 (ADR 0024): the actions a sent final response promised join its complaint's action plan, with their
 * words and owners from the version that was sent; an action already on the plan stays as it is. A later round's
 * ids carry the round (`r2-action-1`); the draft's own id follows it. Answers how many joined.
 */
export async function planPromisedActions(
  manager: EntityManager,
  reference: string,
  sent: SentResponseFacts,
  createdBy: string,
): Promise<number> {
  const { version, actions } = sent;
  if (typeof version !== 'number' || !actions || actions.length === 0) return 0;
  const draft = await manager.findOne(FinalResponseDraft, {
    where: { complaintReference: reference, version },
    select: { id: true, content: true },
  });
  const promised = new Map(
    ((draft?.content as FinalResponseContent | undefined)?.actions ?? []).map((action) => [
      action.id,
      action,
    ]),
  );
  const rows = actions.flatMap(({ id, due }) => {
    const action = promised.get(id.replace(/^r\d+-/, ''));
    return action
      ? [
          {
            complaintReference: reference,
            actionKey: id,
            source: 'promised' as const,
            description: action.description,
            ownerId: action.ownerId,
            due,
            createdBy,
          },
        ]
      : [];
  });
  if (rows.length === 0) return 0;
  const inserted = await manager
    .createQueryBuilder()
    .insert()
    .into(CaseAction)
    .values(rows)
    .orIgnore()
    .returning(['id'])
    .execute();
  return (inserted.raw as unknown[]).length;
}
