import { ApplicationFailure } from '@temporalio/activity';
import { IsNull, Not, type DataSource } from 'typeorm';
import { Correspondence } from '@complaints/db';
import type { SendCorrespondenceInput, SendCorrespondenceResult, SentItem } from './contract';
import {
  loadCorrespondenceContext,
  planDeliveries,
  type CorrespondenceContext,
  type Delivery,
} from './correspondence-context';
import { DeliveryError, type Mailer } from './mailer';
import { renderLetterPdf } from './pdf';
import { recipientFor, renderForComplaint } from './render-for-complaint';
import { TemplateRenderer, type TemplateName } from './templates';

export interface CorrespondenceDependencies {
  dataSource: DataSource;
  mailer: Mailer;
  renderer: TemplateRenderer;
  /** Domain of the stable Message-IDs, e.g. `complaints.nhs.example`. */
  messageIdDomain: string;
  /** Fallback sender where the organisation has no complaints email. */
  defaultFrom: string;
}

export function createCorrespondenceActivities(deps: CorrespondenceDependencies) {
  const { dataSource, mailer, renderer } = deps;
  const items = dataSource.getRepository(Correspondence);

  function renderFor(
    template: TemplateName,
    input: SendCorrespondenceInput,
    context: CorrespondenceContext,
    delivery: Delivery,
  ) {
    const today = new Date().toISOString().slice(0, 10);
    return renderForComplaint(
      renderer,
      template,
      context,
      recipientFor(context, delivery),
      input.facts ?? {},
      today,
    );
  }

  /** The item for this delivery, created (rendered, not yet sent) on first use: the key is written before any send. */
  async function itemFor(
    template: TemplateName,
    input: SendCorrespondenceInput,
    context: CorrespondenceContext,
    delivery: Delivery,
  ): Promise<Correspondence> {
    const idempotencyKey = `${input.reference}:${input.step}:${delivery.channel}`;
    const existing = await items.findOneBy({ idempotencyKey });
    if (existing) return withPrintCopy(existing, context);
    let rendered;
    try {
      rendered = renderFor(template, input, context, delivery);
    } catch (error) {
      // A template that cannot render will not render on a retry either.
      throw ApplicationFailure.nonRetryable(
        `template ${input.template} failed to render: ${(error as Error).message}`,
        'RenderError',
      );
    }
    await items
      .createQueryBuilder()
      .insert()
      .values({
        idempotencyKey,
        complaintReference: input.reference,
        template: rendered.template,
        templateVersion: rendered.templateVersion,
        variant: rendered.variant,
        templateSource: rendered.templateSource,
        partialOverrides: rendered.partialOverrides,
        channel: delivery.channel,
        audience: input.audience,
        recipient: delivery.recipientLabel,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        status: 'pending',
        messageId: `<${idempotencyKey.replace(/[^\w.-]/g, '.')}@${deps.messageIdDomain}>`,
      })
      .orIgnore()
      .execute();
    return withPrintCopy(await items.findOneByOrFail({ idempotencyKey }), context);
  }

  /**
   * R-INT-2: a letter is printed from its PDF, laid out from the stored HTML. Made before the letter is queued to
   * print, and again on a retry if an earlier attempt stopped in between.
   */
  async function withPrintCopy(
    item: Correspondence,
    context: CorrespondenceContext,
  ): Promise<Correspondence> {
    if (item.channel !== 'letter' || (await items.existsBy({ id: item.id, pdf: Not(IsNull()) }))) return item;
    let pdf: Buffer;
    try {
      pdf = await renderLetterPdf({
        html: item.html,
        subject: item.subject,
        reference: item.complaintReference,
        organisation: context.organisation.name,
        createdAt: item.createdAt,
        largePrint: context.complaint.accessibilityNeeds.includes('large-print'),
      });
    } catch (error) {
      // The same HTML will not lay out on a retry either; the item stays pending, its error recorded as a code.
      await items.update({ id: item.id }, { lastError: 'PdfRenderError' });
      throw ApplicationFailure.nonRetryable(
        `letter ${item.template} failed to lay out as PDF (${(error as Error).name})`,
        'PdfRenderError',
      );
    }
    await items.update({ id: item.id }, { pdf });
    return item;
  }

  async function deliver(item: Correspondence, delivery: Delivery, from: string): Promise<SentItem> {
    if (item.status === 'sent' || item.status === 'to-print' || item.status === 'failed') {
      return { correspondenceId: item.id, channel: item.channel, status: item.status };
    }
    if (delivery.channel === 'letter') {
      await items.update({ id: item.id }, { status: 'to-print' });
      return { correspondenceId: item.id, channel: 'letter', status: 'to-print' };
    }
    await items.increment({ id: item.id }, 'attempts', 1);
    try {
      await mailer.send({
        messageId: item.messageId,
        from,
        to: delivery.to,
        subject: item.subject,
        html: item.html,
        text: item.text,
      });
    } catch (error) {
      const failure = error instanceof DeliveryError ? error : new DeliveryError('unknown', false);
      if (failure.permanent) {
        await items.update({ id: item.id }, { status: 'failed', lastError: failure.message });
        return { correspondenceId: item.id, channel: 'email', status: 'failed' };
      }
      await items.update({ id: item.id }, { lastError: failure.message });
      throw ApplicationFailure.retryable(failure.message, 'DeliveryError');
    }
    await items.update({ id: item.id }, { status: 'sent', sentAt: new Date(), lastError: null });
    return { correspondenceId: item.id, channel: 'email', status: 'sent' };
  }

  return {
    /**
     * Renders a template for a complaint and delivers it by the audience's channels. Idempotent: each item is
     * keyed by reference + step + channel, and an item already sent (or queued to print) is never sent again.
     */
    async sendCorrespondence(input: SendCorrespondenceInput): Promise<SendCorrespondenceResult> {
      const template = input.template;
      if (!TemplateRenderer.isTemplate(template)) {
        throw ApplicationFailure.nonRetryable(`unknown template ${template}`, 'UnknownTemplate');
      }
      const context = await loadCorrespondenceContext(dataSource, input.reference, input.facts ?? {});
      const deliveries = await planDeliveries(dataSource, input.audience, context);
      const from = context.organisation.letterhead.email
        ? `"${context.organisation.name}" <${context.organisation.letterhead.email}>`
        : deps.defaultFrom;
      const sent: SentItem[] = [];
      for (const delivery of deliveries) {
        const item = await itemFor(template, input, context, delivery);
        sent.push(await deliver(item, delivery, from));
      }
      return { items: sent, noUsableContact: deliveries.length === 0 };
    },
  };
}

export type CorrespondenceActivities = ReturnType<typeof createCorrespondenceActivities>;
