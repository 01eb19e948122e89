import type { CorrespondenceContext } from './correspondence-context';
import type { Delivery } from './delivery-plan';
import { templateContext, type TemplateRecipient } from './template-context';
import { TEMPLATE_CATALOGUE, variantDefinition } from './template-catalogue';
import { withOmittedNullables } from './template-facts';
import type { TemplateName, TemplateVariant } from './template-names';
import type { RenderedCorrespondence, TemplateRenderer } from './template-renderer';

/** Easy read when the person asked for it (R-INT-2) and the template has that variant; otherwise the standard. */
export function variantFor(name: TemplateName, accessibilityNeeds: readonly string[]): TemplateVariant {
  return accessibilityNeeds.includes('easy-read') && variantDefinition(name, 'easy-read')
    ? 'easy-read'
    : 'standard';
}

/** Who a delivery is addressed to: a letter carries the recipient's postal address, an email none. */
export function recipientFor(delivery: Delivery): TemplateRecipient {
  return { name: delivery.recipientName, address: delivery.channel === 'letter' ? delivery.address : null };
}

/**
 * One template rendered for a complaint exactly as it is sent: from the record, in the variant the person needs
 * (large print applies on top), with the organisation's overrides. Reads and writes nothing.
 */
export function renderForComplaint(
  renderer: TemplateRenderer,
  template: TemplateName,
  context: CorrespondenceContext,
  recipient: TemplateRecipient,
  facts: Record<string, unknown>,
  today: string,
): RenderedCorrespondence {
  const complete = withOmittedNullables(TEMPLATE_CATALOGUE[template].facts, facts);
  return renderer.render(template, templateContext(context, recipient, complete, today), {
    variant: variantFor(template, context.complaint.accessibilityNeeds),
    overrides: context.templateOverrides,
  });
}
