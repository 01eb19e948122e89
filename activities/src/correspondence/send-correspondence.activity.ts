import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import type { Correspondence } from '@complaints/db';
import type {
  CorrespondenceRequest,
  SendCorrespondenceInput,
  SendCorrespondenceResult,
  SentItem,
} from './contract';
import { loadCorrespondenceContext, type CorrespondenceContext } from './correspondence-context';
import { deliverEmail } from './deliver-email';
import { DeliveryLog } from './delivery-log';
import { deliveryKey, isPartyAudience, partyDelivery, planDeliveries, type Delivery } from './delivery-plan';
import type { Mailer } from './mailer';
import { renderLetterPdf } from './pdf';
import { ensurePrintCopy, LAYOUT_FAILED, type LetterLayout } from './print-copy';
import { createLetterAccess } from './letter-access';
import { recipientFor, renderForComplaint } from './render-for-complaint';
import { requireOwnComplaint } from '../shared/own-complaint';
import { isTemplateName } from './template-names';
import type { TemplateRenderer } from './template-renderer';

export interface CorrespondenceDependencies {
  dataSource: DataSource;
  mailer: Mailer;
  renderer: TemplateRenderer;
  /** Domain of the stable Message-IDs, e.g. `complaints.nhs.example`. */
  messageIdDomain: string;
  /** Fallback sender where the organisation has no complaints email. */
  defaultFrom: string;
  /** The letters' PDF engine; `renderLetterPdf` unless a test stands in a failing one. */
  layout?: LetterLayout;
  /** The public web service's address, for the progress link or code with the acknowledgement (ADR 0028). */
  publicWebUrl?: string;
  /** How long that link or code works (default 365 days). */
  progressLinkValidDays?: number;
}

/** A letter whose print copy fails this many layouts is `failed` (the handler is told) instead of retried again. */
export const MAX_LAYOUT_ATTEMPTS = 3;

/** Stable for an item, so a receiving server can tell a duplicate; a resend has its own key, so its own ID. */
export function messageIdFor(idempotencyKey: string, domain: string): string {
  return `<${idempotencyKey.replace(/[^\w.-]/g, '.')}@${domain}>`;
}

/** The sender: the organisation's complaints address, or the service's. */
export function senderFor(context: CorrespondenceContext, defaultFrom: string): string {
  const { name, letterhead } = context.organisation;
  return letterhead.email ? `"${name}" <${letterhead.email}>` : defaultFrom;
}

const toSentItem = (item: Correspondence): SentItem => ({
  correspondenceId: item.id,
  channel: item.channel,
  status: item.status as SentItem['status'],
});

export function createCorrespondenceActivities(deps: CorrespondenceDependencies) {
  const { dataSource, mailer, renderer } = deps;
  const log = new DeliveryLog(dataSource);
  const layout = deps.layout ?? renderLetterPdf;
  const access = createLetterAccess(dataSource, {
    publicWebUrl: deps.publicWebUrl ?? 'http://127.0.0.1:3004',
    validDays: deps.progressLinkValidDays,
  });
  /** ADR 0028: only the complainant's own copy, sent (not held for consent), carries their way in. */
  const carriesAccess = (delivery: Delivery) =>
    delivery.audience === 'complainant' && !delivery.heldForConsent;

  function render(input: CorrespondenceRequest, context: CorrespondenceContext, delivery: Delivery) {
    const today = new Date().toISOString().slice(0, 10);
    try {
      return renderForComplaint(
        renderer,
        input.template,
        context,
        recipientFor(delivery),
        input.facts ?? {},
        today,
      );
    } catch (error) {
      // A template that cannot render will not render on a retry either.
      throw ApplicationFailure.nonRetryable(
        `template ${input.template} failed to render: ${(error as Error).message}`,
        'RenderError',
      );
    }
  }

  /** The item for this delivery, drafted (rendered and keyed) on first use: the key is written before any send. */
  async function itemFor(
    input: CorrespondenceRequest,
    context: CorrespondenceContext,
    delivery: Delivery,
  ): Promise<Correspondence> {
    const idempotencyKey = deliveryKey(input.reference, input.step, delivery);
    const existing = await log.find(idempotencyKey);
    if (existing) return existing;
    const rendered = render(input, context, delivery);
    const approvedBy =
      input.approvedBy ?? (typeof input.facts?.approvedBy === 'string' ? input.facts.approvedBy : null);
    const { item } = await log.draft(
      {
        idempotencyKey,
        complaintReference: input.reference,
        template: rendered.template,
        templateVersion: rendered.templateVersion,
        variant: rendered.variant,
        templateSource: rendered.templateSource,
        partialOverrides: rendered.partialOverrides,
        channel: delivery.channel,
        audience: delivery.audience,
        recipient: delivery.recipientLabel,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        messageId: messageIdFor(idempotencyKey, deps.messageIdDomain),
      },
      {},
      approvedBy,
    );
    return item;
  }

  /**
   * A letter's print copy, retried with backoff when the PDF engine fails; after MAX_LAYOUT_ATTEMPTS the letter
   * is `failed`, never silently dropped.
   */
  async function withPrintCopy(
    item: Correspondence,
    context: CorrespondenceContext,
    delivery: Delivery,
    emailed: boolean,
  ): Promise<Correspondence> {
    const letter = {
      organisation: context.organisation.name,
      largePrint: context.complaint.accessibilityNeeds.includes('large-print'),
      personalise: carriesAccess(delivery)
        ? (html: string) => access.forLetter(context.complaint, item, html, emailed)
        : undefined,
    };
    if (await ensurePrintCopy(log, layout, item, letter)) return item;
    const { attempts } = await log.get(item.id);
    if (attempts < MAX_LAYOUT_ATTEMPTS) {
      throw ApplicationFailure.retryable(`letter ${item.template} failed to lay out as PDF`, LAYOUT_FAILED);
    }
    await log.recordFailed(item.id, ['drafted', 'approved'], LAYOUT_FAILED);
    return log.get(item.id);
  }

  /** Drafts the item and takes it as far as it goes now: sent, queued to print, held, or failed. */
  async function deliver(
    input: CorrespondenceRequest,
    context: CorrespondenceContext,
    delivery: Delivery,
    from: string,
    /** The complainant has this item by email too, so its letter need not carry a second way in. */
    emailed = false,
  ): Promise<Correspondence> {
    let item = await itemFor(input, context, delivery);
    // Gone, held or given up on by an earlier attempt: what it recorded stands.
    if (!['drafted', 'approved', 'sending'].includes(item.status)) return item;
    if (delivery.channel === 'letter') {
      item = await withPrintCopy(item, context, delivery, emailed);
      if (item.status === 'failed') return item;
    }
    if (delivery.heldForConsent) {
      await log.hold(item.id);
      return log.get(item.id);
    }
    if (delivery.channel === 'letter') {
      await log.queueToPrint(item.id);
      return log.get(item.id);
    }
    const outcome = await deliverEmail(log, mailer, item, {
      from,
      to: delivery.to,
      personalise: carriesAccess(delivery)
        ? (content) => access.progress.forEmail(context.complaint, content)
        : undefined,
    });
    if (outcome.notSent) throw ApplicationFailure.retryable(outcome.notSent, 'DeliveryError');
    return outcome.item;
  }

  /**
   * An item refused for good or not known to have gone: the handler is told (a staff email without personal
   * data), and an email refused for good is followed by the same letter by post where the person gave an
   * address. Both are keyed like any item, so a retry never duplicates them. Returns the letter, if any.
   */
  async function afterFailure(
    item: Correspondence,
    input: CorrespondenceRequest,
    context: CorrespondenceContext,
    from: string,
  ): Promise<Correspondence[]> {
    if ((item.status !== 'failed' && item.status !== 'unconfirmed') || input.template === 'delivery-failed')
      return [];
    const letter =
      item.status === 'failed' && item.channel === 'email' && isPartyAudience(item.audience)
        ? partyDelivery(context, item.audience, 'letter')
        : null;
    const queued = letter ? await deliver(input, context, letter, from) : null;
    const alert: CorrespondenceRequest = {
      reference: input.reference,
      step: `${item.idempotencyKey.slice(input.reference.length + 1)}:delivery-alert`,
      template: 'delivery-failed',
      audience: 'handler',
      facts: {
        item: item.id,
        document: item.template,
        channel: item.channel,
        outcome: item.status,
        error: item.lastError ?? 'unknown',
        letterQueued: queued?.status === 'sent',
      },
    };
    for (const delivery of await planDeliveries(dataSource, 'handler', context, 'delivery-failed')) {
      await deliver(alert, context, delivery, from);
    }
    return queued ? [queued] : [];
  }

  return {
    /**
     * Renders a template for a complaint and delivers it by the audience's channels (ADR 0007). Idempotent: each
     * item is keyed by reference + step (+ person affected) + channel, written before the send, and never sent
     * twice: an item an earlier attempt may have handed to SMTP is `unconfirmed`, for a person to resend.
     * Temporary SMTP and PDF failures throw retryable errors (codes only), for the workflow's backoff.
     */
    async sendCorrespondence(input: SendCorrespondenceInput): Promise<SendCorrespondenceResult> {
      const { template } = input;
      if (!isTemplateName(template)) {
        throw ApplicationFailure.nonRetryable(`unknown template ${template}`, 'UnknownTemplate');
      }
      await requireOwnComplaint(input.reference, dataSource.manager);
      const request: CorrespondenceRequest = { ...input, template };
      const context = await loadCorrespondenceContext(dataSource, input.reference, input.facts ?? {}, {
        signedOffBy: input.approvedBy,
      });
      const deliveries = await planDeliveries(dataSource, input.audience, context, template, input.facts);
      const from = senderFor(context, deps.defaultFrom);
      const items = new Map<string, Correspondence>();
      const emailed = deliveries.some((delivery) => delivery.channel === 'email' && carriesAccess(delivery));
      for (const delivery of deliveries) {
        const item = await deliver(request, context, delivery, from, emailed);
        items.set(item.id, item);
        for (const letter of await afterFailure(item, request, context, from)) items.set(letter.id, letter);
      }
      return { items: [...items.values()].map(toSentItem), noUsableContact: deliveries.length === 0 };
    },
  };
}

export type CorrespondenceActivities = ReturnType<typeof createCorrespondenceActivities>;
