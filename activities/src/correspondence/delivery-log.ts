import { IsNull, Not, type DataSource, type Repository } from 'typeorm';
import { Correspondence, type CorrespondenceStatus, type CorrespondenceStatusChange } from '@complaints/db';

/** What an item is made of before it is drafted: everything but its status and what follows from delivery. */
export type DraftValues = Pick<
  Correspondence,
  | 'idempotencyKey'
  | 'complaintReference'
  | 'template'
  | 'templateVersion'
  | 'variant'
  | 'templateSource'
  | 'partialOverrides'
  | 'channel'
  | 'audience'
  | 'recipient'
  | 'subject'
  | 'html'
  | 'text'
  | 'messageId'
> &
  Partial<Pick<Correspondence, 'pdf' | 'resendOf' | 'resendNumber'>>;

type Change = Omit<CorrespondenceStatusChange, 'at'>;
type DraftChange = Omit<Change, 'status'>;

/** Stands for the time of the change, so a timestamp column and the history entry agree. */
const NOW = Symbol('now');

/** Columns a status change may set besides the status. */
interface Columns {
  attempts?: () => string;
  lastError?: string | null;
  sentAt?: typeof NOW;
  deliveredAt?: typeof NOW | null;
}

/**
 * The delivery status of each item (ADR 0007). Every change is one UPDATE guarded by the statuses it moves from,
 * appending to the item's history in the same statement: of two attempts racing, only one moves the item.
 */
export class DeliveryLog {
  private readonly items: Repository<Correspondence>;

  constructor(dataSource: DataSource) {
    this.items = dataSource.getRepository(Correspondence);
  }

  find(idempotencyKey: string): Promise<Correspondence | null> {
    return this.items.findOneBy({ idempotencyKey });
  }

  get(id: string): Promise<Correspondence> {
    return this.items.findOneByOrFail({ id });
  }

  /** The item that resends this one, if any. */
  resentAs(id: string): Promise<Correspondence | null> {
    return this.items.findOneBy({ resendOf: id });
  }

  async hasPdf(id: string): Promise<boolean> {
    return this.items.existsBy({ id, pdf: Not(IsNull()) });
  }

  /**
   * Writes the item, keyed, before anything is sent: `drafted`, then `approved` when someone approved it. Nothing
   * when the key is taken (an earlier attempt wrote it): `created` says which, and the item is the one stored.
   */
  async draft(
    values: DraftValues,
    drafted: DraftChange,
    approvedBy: string | null,
  ): Promise<{ item: Correspondence; created: boolean }> {
    const at = new Date().toISOString();
    const history: CorrespondenceStatusChange[] = [{ ...drafted, status: 'drafted', at }];
    if (approvedBy) history.push({ status: 'approved', at, by: approvedBy });
    const result = await this.items
      .createQueryBuilder()
      .insert()
      .values({ ...values, status: history[history.length - 1].status, history })
      .orIgnore()
      .execute();
    const created = Array.isArray(result.raw) && result.raw.length > 0;
    return { item: await this.items.findOneByOrFail({ idempotencyKey: values.idempotencyKey }), created };
  }

  /** The item is about to be handed to SMTP: `sending`, one more attempt. Returns that attempt's number, or null. */
  async claimForSending(item: Correspondence): Promise<number | null> {
    const moved = await this.move(item.id, ['drafted', 'approved'], [{ status: 'sending' }], {
      attempts: () => 'attempts + 1',
    });
    return moved ? (await this.get(item.id)).attempts : null;
  }

  /**
   * The SMTP server took the message: `sent`, and `delivered` when it accepted every recipient. Also from
   * `unconfirmed`: that attempt's own late answer is the proof a later attempt did not have.
   */
  async recordAccepted(id: string, attempt: number, rejectedRecipients: number): Promise<boolean> {
    const changes: Change[] =
      rejectedRecipients === 0
        ? [{ status: 'sent' }, { status: 'delivered' }]
        : [{ status: 'sent', reason: `SMTP rejected ${rejectedRecipients} recipient(s)` }];
    return this.move(
      id,
      ['sending', 'unconfirmed'],
      changes,
      {
        sentAt: NOW,
        deliveredAt: rejectedRecipients === 0 ? NOW : null,
        lastError: rejectedRecipients === 0 ? null : changes[0].reason,
      },
      attempt,
    );
  }

  /** The SMTP server answered that it would not take the message now: back where it was, to be tried again. */
  async recordNotSent(item: Correspondence, attempt: number, error: string): Promise<boolean> {
    const before = item.history.some((change) => change.status === 'approved') ? 'approved' : 'drafted';
    return this.move(
      item.id,
      ['sending'],
      [{ status: before, reason: error }],
      { lastError: error },
      attempt,
    );
  }

  /** Refused for good (a 5xx, a letter that cannot be laid out): `failed`, with the code. */
  async recordFailed(
    id: string,
    from: readonly CorrespondenceStatus[],
    error: string,
    attempt?: number,
  ): Promise<boolean> {
    return this.move(id, from, [{ status: 'failed', reason: error }], { lastError: error }, attempt);
  }

  /** An attempt stopped between handing the item to SMTP and recording the answer: it may have gone, or not. */
  async recordUnconfirmed(item: Correspondence): Promise<boolean> {
    const reason = 'InterruptedDuringSend';
    return this.move(
      item.id,
      ['sending'],
      [{ status: 'unconfirmed', reason }],
      { lastError: reason },
      item.attempts,
    );
  }

  /** A layout of the letter failed; it stays where it is, the failure counted and visible. */
  async recordLayoutFailure(id: string, error: string): Promise<number> {
    await this.items
      .createQueryBuilder()
      .update()
      .set({ lastError: error, attempts: () => 'attempts + 1' })
      .where('id = :id', { id })
      .execute();
    return (await this.get(id)).attempts;
  }

  async attachPdf(id: string, pdf: Buffer): Promise<void> {
    await this.items.update({ id }, { pdf, lastError: null });
  }

  /** A letter with its print copy: `sent`, queued to print. */
  queueToPrint(id: string): Promise<boolean> {
    return this.move(id, ['drafted', 'approved'], [{ status: 'sent', reason: 'QueuedToPrint' }], {
      sentAt: NOW,
    });
  }

  /** A member of staff posted the printed letter: `delivered` as far as we can know. */
  recordPosted(id: string, by: string): Promise<boolean> {
    return this.move(id, ['sent'], [{ status: 'delivered', by, reason: 'Posted' }], { deliveredAt: NOW });
  }

  /** R-INT-5: not sent to a representative without the person's consent to see their information. */
  hold(id: string): Promise<boolean> {
    return this.move(id, ['drafted', 'approved'], [{ status: 'held', reason: 'ConsentNotGiven' }]);
  }

  private async move(
    id: string,
    from: readonly CorrespondenceStatus[],
    changes: Change[],
    columns: Columns = {},
    attempt?: number,
  ): Promise<boolean> {
    const now = new Date();
    const at = now.toISOString();
    const set = Object.fromEntries(
      Object.entries(columns).map(([column, value]) => [column, value === NOW ? now : value]),
    );
    const query = this.items
      .createQueryBuilder()
      .update()
      .set({
        ...set,
        status: changes[changes.length - 1].status,
        history: () => 'history || CAST(:entries AS jsonb)',
      })
      .where('id = :id', { id })
      .andWhere('status IN (:...from)', { from })
      .setParameter('entries', JSON.stringify(changes.map((change) => ({ ...change, at }))));
    if (attempt !== undefined) query.andWhere('attempts = :attempt', { attempt });
    const result = await query.execute();
    return result.affected === 1;
  }
}
