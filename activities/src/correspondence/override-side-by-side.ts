// Issue #14: the approver sees a proposed override rendered beside the standard letter, for the same sample facts,
// before approving it. The digest of both renderings is what the approval names, so an approval is of exactly
// what was seen (a change to the proposal, or to the organisation's other overrides, needs a fresh look).
import { createHash } from 'node:crypto';
import type { Organisation } from '@complaints/db';
import { getProfile, type ProfileId } from '@complaints/domain';
import { exampleContexts, exampleFacts, overrideTarget, type OverrideCandidate } from './override-validation';
import type { TemplateName, TemplateVariant } from './template-names';
import type { ActiveOverride, TemplateRenderer } from './template-renderer';

export interface LetterRendering {
  subject: string;
  html: string;
  text: string;
}

export interface SideBySide {
  /** The letter shown: the override's own template, or (a partial) the acknowledgement, which calls them all. */
  template: TemplateName;
  variant: TemplateVariant;
  /** Without this override: the standard template (with the organisation's other overrides in use). */
  standard: LetterRendering;
  proposed: LetterRendering;
  /** sha256 of both renderings: the approval gives it back to say this is what was seen. */
  renderingDigest: string;
}

/** Both renderings of one letter for the organisation's own profile and sample facts (the first example). */
export function renderSideBySide(
  renderer: TemplateRenderer,
  organisation: Organisation,
  current: readonly ActiveOverride[],
  candidate: OverrideCandidate & { version: number },
): SideBySide {
  const isPartial = overrideTarget(renderer, candidate.name) === 'partial';
  const template = (isPartial ? 'acknowledgement' : candidate.name) as TemplateName;
  const variant = isPartial ? 'standard' : candidate.variant;
  const profile = getProfile(organisation.profileId as ProfileId, organisation.profileVersion);
  const [facts] = exampleFacts(template, profile);
  const [context] = exampleContexts(organisation, profile, variant, facts);
  const others = current.filter(
    (override) => override.name !== candidate.name || override.variant !== candidate.variant,
  );
  const render = (overrides: readonly ActiveOverride[]): LetterRendering => {
    const { subject, html, text } = renderer.trial(overrides).render(template, variant, context);
    return { subject, html, text };
  };
  const standard = render(others);
  const proposed = render([...others, candidate]);
  const renderingDigest = createHash('sha256')
    .update(
      JSON.stringify([template, variant, standard.subject, standard.html, proposed.subject, proposed.html]),
    )
    .digest('hex');
  return { template, variant, standard, proposed, renderingDigest };
}
