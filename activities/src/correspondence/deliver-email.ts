import type { Correspondence } from '@complaints/db';
import type { DeliveryLog } from './delivery-log';
import { DeliveryError, type Mailer } from './mailer';

export interface Envelope {
  from: string;
  to: { name: string; address: string }[];
  /**
   * The content as sent, when it differs from the stored copy (ADR 0028: a secret put in only as it leaves),
   * made once the item is claimed, so only an email that is about to go gets one.
   */
  personalise?: (content: { html: string; text: string }) => Promise<{ html: string; text: string }>;
}

export interface EmailOutcome {
  /** The item as recorded after this attempt. */
  item: Correspondence;
  /** Set when the SMTP server did not take it for now (a code): the item is back where it was, to be tried again. */
  notSent?: string;
}

/**
 * Hands an email item to the SMTP server at most once (ADR 0007). It is claimed as `sending` in the database
 * before the hand-over and moved on by the server's answer: `delivered` (every recipient accepted) or `sent`,
 * `failed` for a 5xx, back to `drafted`/`approved` for anything else (`temporary: 'fail'` makes that `failed`
 * too, for a person waiting on the answer). An item found `sending` is one an earlier attempt stopped with,
 * perhaps after the server took it: it becomes `unconfirmed`, never sent again by itself.
 */
export async function deliverEmail(
  log: DeliveryLog,
  mailer: Mailer,
  item: Correspondence,
  envelope: Envelope,
  { temporary = 'retry' }: { temporary?: 'retry' | 'fail' } = {},
): Promise<EmailOutcome> {
  if (item.status === 'sending') {
    await log.recordUnconfirmed(item);
    return { item: await log.get(item.id) };
  }
  if (item.status !== 'drafted' && item.status !== 'approved') return { item };
  const attempt = await log.claimForSending(item);
  // Someone else moved it meanwhile: what they recorded stands.
  if (attempt === null) return { item: await log.get(item.id) };
  try {
    const content = envelope.personalise
      ? await envelope.personalise({ html: item.html, text: item.text })
      : { html: item.html, text: item.text };
    const receipt = await mailer.send({
      messageId: item.messageId,
      from: envelope.from,
      to: envelope.to,
      subject: item.subject,
      ...content,
    });
    await log.recordAccepted(item.id, attempt, receipt.rejectedRecipients);
    return { item: await log.get(item.id) };
  } catch (error) {
    const failure = error instanceof DeliveryError ? error : new DeliveryError('unknown', false);
    if (failure.permanent || temporary === 'fail') {
      await log.recordFailed(item.id, ['sending'], failure.message, attempt);
      return { item: await log.get(item.id) };
    }
    await log.recordNotSent(item, attempt, failure.message);
    return { item: await log.get(item.id), notSent: failure.message };
  }
}
