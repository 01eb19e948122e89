import type { Correspondence } from '@complaints/db';
import type { Audience } from './contract';
import { loadCorrespondenceContext, type CorrespondenceContext } from './correspondence-context';
import { deliverEmail } from './deliver-email';
import { DeliveryLog } from './delivery-log';
import {
  consentAllows,
  isPartyAudience,
  partyDelivery,
  planDeliveries,
  type Delivery,
} from './delivery-plan';
import { renderLetterPdf } from './pdf';
import { ensurePrintCopy, LAYOUT_FAILED } from './print-copy';
import { createLetterAccess } from './letter-access';
import { messageIdFor, senderFor, type CorrespondenceDependencies } from './send-correspondence.activity';
import { carriesPersonalInformation } from './template-catalogue';
import { isTemplateName } from './template-names';

/** The statuses a person may resend from: nothing went, or nobody knows. */
export const RESENDABLE_STATUSES = ['failed', 'unconfirmed', 'held'] as const;

/** Why an item cannot be resent now (the API answers 409); `rule` where the procedure is why. */
export class ResendRefused extends Error {
  constructor(
    message: string,
    readonly rule?: string,
  ) {
    super(message);
  }
}

/**
 * Where the resend goes now. An email goes to the address on record now (a corrected one, after a failure); a
 * letter keeps the address it was laid out with, as its content and PDF carry it. R-INT-5 still applies.
 */
async function currentDelivery(
  dataSource: CorrespondenceDependencies['dataSource'],
  context: CorrespondenceContext,
  item: Correspondence,
): Promise<Pick<Delivery, 'to' | 'recipientLabel'>> {
  const template = isTemplateName(item.template) ? item.template : null;
  if (
    item.audience === 'complainant' &&
    template !== null &&
    carriesPersonalInformation(template) &&
    !consentAllows(context)
  ) {
    throw new ResendRefused(
      'the person affected has not consented to their representative seeing their information',
      'R-INT-5',
    );
  }
  if (item.channel === 'letter') return { to: [], recipientLabel: item.recipient };
  const delivery = isPartyAudience(item.audience)
    ? partyDelivery(context, item.audience, 'email')
    : template
      ? (await planDeliveries(dataSource, item.audience as Audience, context, template))[0]
      : undefined;
  if (!delivery) throw new ResendRefused(`no email address on record for the ${item.audience} now`);
  return delivery;
}

/**
 * Resending a failed, unconfirmed or held item (issue #5 point 6): a new item linked to it (`resendOf`, key
 * `<original key>:resend-<n>`, so a new Message-ID), with the same content, recorded as drafted by the member of
 * staff who asked, and delivered at once through the same code as the activity. A temporary SMTP failure makes
 * it `failed` too (the person asking sees it and may resend again): nothing retries it behind their back.
 */
export function createCorrespondenceResender(
  deps: Pick<
    CorrespondenceDependencies,
    | 'dataSource'
    | 'mailer'
    | 'messageIdDomain'
    | 'defaultFrom'
    | 'layout'
    | 'publicWebUrl'
    | 'progressLinkValidDays'
  >,
) {
  const log = new DeliveryLog(deps.dataSource);
  const layout = deps.layout ?? renderLetterPdf;
  const access = createLetterAccess(deps.dataSource, {
    publicWebUrl: deps.publicWebUrl ?? 'http://127.0.0.1:3004',
    validDays: deps.progressLinkValidDays,
  });

  return {
    async resend(id: string, requestedBy: string): Promise<Correspondence> {
      const item = await log.get(id);
      if (!(RESENDABLE_STATUSES as readonly string[]).includes(item.status)) {
        throw new ResendRefused(
          `only a failed, unconfirmed or held item is resent; this one is ${item.status}`,
        );
      }
      const later = await log.resentAs(item.id);
      if (later) throw new ResendRefused(`already resent as ${later.id}: resend that one if it did not go`);
      const context = await loadCorrespondenceContext(deps.dataSource, item.complaintReference);
      const delivery = await currentDelivery(deps.dataSource, context, item);
      const resendNumber = item.resendNumber + 1;
      const idempotencyKey = `${item.idempotencyKey.replace(/:resend-\d+$/, '')}:resend-${resendNumber}`;
      const approval = item.history.find((change) => change.status === 'approved');
      const { item: copy, created } = await log.draft(
        {
          idempotencyKey,
          complaintReference: item.complaintReference,
          template: item.template,
          templateVersion: item.templateVersion,
          variant: item.variant,
          templateSource: item.templateSource,
          partialOverrides: item.partialOverrides,
          channel: item.channel,
          audience: item.audience,
          recipient: delivery.recipientLabel,
          subject: item.subject,
          html: item.html,
          text: item.text,
          messageId: messageIdFor(idempotencyKey, deps.messageIdDomain),
          resendOf: item.id,
          resendNumber,
        },
        { by: requestedBy, reason: 'Resend' },
        approval?.by ?? null,
      );
      if (!created) throw new ResendRefused('already being resent');
      // ADR 0028: a resent acknowledgement carries a new way in to the progress page, the earlier one revoked.
      const toComplainant = copy.audience === 'complainant';
      if (copy.channel === 'letter') {
        const letter = {
          organisation: context.organisation.name,
          largePrint: context.complaint.accessibilityNeeds.includes('large-print'),
          personalise: toComplainant
            ? (html: string) => access.forLetter(context.complaint, copy, html, false)
            : undefined,
        };
        if (await ensurePrintCopy(log, layout, copy, letter)) await log.queueToPrint(copy.id);
        else await log.recordFailed(copy.id, ['drafted', 'approved'], LAYOUT_FAILED);
        return log.get(copy.id);
      }
      const envelope = {
        from: senderFor(context, deps.defaultFrom),
        to: delivery.to,
        personalise: toComplainant
          ? (content: { html: string; text: string }) => access.progress.forEmail(context.complaint, content)
          : undefined,
      };
      return (await deliverEmail(log, deps.mailer, copy, envelope, { temporary: 'fail' })).item;
    },
  };
}

export type CorrespondenceResender = ReturnType<typeof createCorrespondenceResender>;
