import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { convert } from 'html-to-text';
import { partialsCalled } from './template-ast';
import { TEMPLATE_CATALOGUE, TEMPLATES_DIR, templateFile, variantDefinition } from './template-catalogue';
import { checkFacts } from './template-facts';
import { registerHelpers } from './template-helpers';
import type { TemplateName, TemplateVariant } from './template-names';

/** An organisation's override in use: the latest version of its key (name, variant). */
export interface ActiveOverride {
  /** A template of the catalogue or a partial. */
  name: string;
  /** Always `standard` for a partial. */
  variant: TemplateVariant;
  version: number;
  /** In place of the standard body; left out, the standard body is used. Always given for a partial. */
  body?: string;
  /** In place of the standard subject line (a template only); left out, the standard subject is used. */
  subject?: string;
}

/** The overrides one organisation has in use (none for most). */
export interface OrganisationOverrides {
  organisationCode: string;
  overrides: ActiveOverride[];
}

export interface RenderedCorrespondence {
  template: TemplateName;
  variant: TemplateVariant;
  /** `organisation` when the organisation's override of the template was used; then `templateVersion` is its version. */
  templateSource: 'standard' | 'organisation';
  templateVersion: number;
  /** The organisation's overrides of partials this rendering used. */
  partialOverrides: { name: string; version: number }[];
  subject: string;
  html: string;
  text: string;
}

/** The standard partials by name, from `templates/partials`. */
function readPartials(templatesDir: string): ReadonlyMap<string, string> {
  const dir = path.join(templatesDir, 'partials');
  return new Map(
    fs
      .readdirSync(dir)
      .filter((file) => file.endsWith('.hbs'))
      .map((file) => [path.basename(file, '.hbs'), fs.readFileSync(path.join(dir, file), 'utf8')]),
  );
}

const overrideKey = (name: string, variant: TemplateVariant) => `${variant}/${name}`;

/** Which overrides, at which versions: a cached set is reused only while this stays the same. */
function signatureOf(overrides: readonly ActiveOverride[]): string {
  return overrides
    .map((override) => `${overrideKey(override.name, override.variant)}@${override.version}`)
    .sort()
    .join(',');
}

interface CompiledTemplate {
  body: HandlebarsTemplateDelegate;
  subject: HandlebarsTemplateDelegate;
  partialOverrides: { name: string; version: number }[];
}

/**
 * The templates and partials of one Handlebars instance: the standard ones, with a set of one organisation's
 * overrides in place of theirs. Each template is compiled (strict) on first use.
 */
export class TemplateSet {
  readonly signature: string;
  private readonly handlebars = Handlebars.create();
  private readonly overrides: ReadonlyMap<string, ActiveOverride>;
  private readonly compiled = new Map<string, CompiledTemplate>();

  constructor(
    private readonly partials: ReadonlyMap<string, string>,
    overrides: readonly ActiveOverride[],
  ) {
    this.overrides = new Map(
      overrides.map((override) => [overrideKey(override.name, override.variant), override]),
    );
    this.signature = signatureOf(overrides);
    registerHelpers(this.handlebars);
    for (const name of partials.keys()) this.handlebars.registerPartial(name, this.partialSource(name)!);
  }

  render(
    name: TemplateName,
    variant: TemplateVariant,
    context: Record<string, unknown>,
  ): RenderedCorrespondence {
    const subject = this.subject(name, variant, context);
    const template = this.compiledOf(name, variant);
    const html = template.body({ ...context, subject });
    const text = convert(html, {
      wordwrap: 78,
      selectors: [
        { selector: 'h2', options: { uppercase: false } },
        { selector: 'h3', options: { uppercase: false } },
      ],
    });
    const override = this.overrides.get(overrideKey(name, variant));
    return {
      template: name,
      variant,
      templateSource: override ? 'organisation' : 'standard',
      templateVersion: override?.version ?? variantDefinition(name, variant)!.version,
      partialOverrides: template.partialOverrides,
      subject,
      html,
      text,
    };
  }

  /** The subject line alone, once the facts are checked: the body prints it too. */
  subject(name: TemplateName, variant: TemplateVariant, context: Record<string, unknown>): string {
    const template = this.compiledOf(name, variant);
    checkFacts(name, TEMPLATE_CATALOGUE[name].facts, context.facts);
    return template.subject(context);
  }

  private compiledOf(name: TemplateName, variant: TemplateVariant): CompiledTemplate {
    const file = templateFile(name, variant);
    let template = this.compiled.get(file);
    if (!template) {
      const standard = variantDefinition(name, variant);
      if (!standard) throw new Error(`template ${name} has no ${variant} variant`);
      const override = this.overrides.get(overrideKey(name, variant));
      const body = override?.body ?? standard.body;
      template = {
        body: this.handlebars.compile(body, { strict: true }),
        // A subject line is plain text (a mail header), not HTML: the body escapes it where it prints it.
        subject: this.handlebars.compile(override?.subject ?? standard.subject, {
          strict: true,
          noEscape: true,
        }),
        partialOverrides: this.partialOverridesUsedBy(body),
      };
      this.compiled.set(file, template);
    }
    return template;
  }

  private partialSource(name: string): string | undefined {
    return this.overrides.get(overrideKey(name, 'standard'))?.body ?? this.partials.get(name);
  }

  /** The overridden partials a template calls, directly or through other partials. */
  private partialOverridesUsedBy(source: string): { name: string; version: number }[] {
    const called = new Set<string>();
    const pending = partialsCalled(source);
    for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
      if (called.has(name)) continue;
      called.add(name);
      const partial = this.partialSource(name);
      if (partial !== undefined) pending.push(...partialsCalled(partial));
    }
    return [...called].sort().flatMap((name) => {
      const override = this.partials.has(name)
        ? this.overrides.get(overrideKey(name, 'standard'))
        : undefined;
      return override ? [{ name, version: override.version }] : [];
    });
  }
}

export interface RenderOptions {
  /** Default `standard`. */
  variant?: TemplateVariant;
  /** The overrides of the organisation the item is for. */
  overrides?: OrganisationOverrides;
}

/**
 * The catalogue's templates (variants in `templates/<variant>/`), with their partials. All case data is
 * HTML-escaped (`{{ }}` only; no template uses `{{{ }}}`), and a missing variable is an error, not a blank. An
 * organisation with overrides gets its own Handlebars instance, so nothing of it reaches another organisation's
 * letters; it is kept until that organisation's overrides change.
 */
export class TemplateRenderer {
  private readonly partialSources: ReadonlyMap<string, string>;
  private readonly standard: TemplateSet;
  private readonly organisations = new Map<string, TemplateSet>();

  constructor() {
    this.partialSources = readPartials(TEMPLATES_DIR);
    this.standard = new TemplateSet(this.partialSources, []);
  }

  /** The partials the templates share, by name: each can be overridden too. */
  get partials(): string[] {
    return [...this.partialSources.keys()].sort();
  }

  render(
    name: TemplateName,
    context: Record<string, unknown>,
    options: RenderOptions = {},
  ): RenderedCorrespondence {
    return this.setFor(options.overrides).render(name, options.variant ?? 'standard', context);
  }

  /** The templates with these overrides in place, not cached: to try an override before it is saved. */
  trial(overrides: readonly ActiveOverride[]): TemplateSet {
    return new TemplateSet(this.partialSources, overrides);
  }

  private setFor(organisation?: OrganisationOverrides): TemplateSet {
    if (!organisation || organisation.overrides.length === 0) {
      if (organisation) this.organisations.delete(organisation.organisationCode);
      return this.standard;
    }
    const cached = this.organisations.get(organisation.organisationCode);
    if (cached?.signature === signatureOf(organisation.overrides)) return cached;
    const set = new TemplateSet(this.partialSources, organisation.overrides);
    this.organisations.set(organisation.organisationCode, set);
    return set;
  }
}
