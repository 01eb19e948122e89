import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { convert } from 'html-to-text';
import {
  CONTACT_LIMITS,
  EXTENSION_REASONS,
  INVOLVED_HANDLER_REASONS,
  PERSISTENT_BEHAVIOURS,
  FINDING_OUTCOMES,
  isLocalDate,
  OMBUDSMAN_NAMES,
  REMEDY_KINDS,
  type FindingOutcome,
  type OmbudsmanId,
  type RemedyKind,
  ACCESSIBILITY_NEEDS,
  type AccessibilityNeed,
} from '@complaints/domain';
import { partialsCalled } from './template-ast';

/** What one fact of a template must be; a fact that is not is a render error, never a blank in a letter. */
export type FactSpec =
  | { type: 'string' | 'integer' | 'boolean' | 'date'; nullable?: boolean }
  | { type: 'one-of'; values: readonly string[]; nullable?: boolean };

const fact = {
  string: { type: 'string' },
  integer: { type: 'integer' },
  boolean: { type: 'boolean' },
  date: { type: 'date' },
  dateOrNull: { type: 'date', nullable: true },
  oneOf: (values: readonly string[]): FactSpec => ({ type: 'one-of', values }),
  oneOfOrNull: (values: readonly string[]): FactSpec => ({ type: 'one-of', values, nullable: true }),
} as const satisfies Record<string, FactSpec | ((values: readonly string[]) => FactSpec)>;

/** R-RESP-3: every route after the organisation's response. */
export const OMBUDSMAN_IDS = Object.keys(OMBUDSMAN_NAMES) as OmbudsmanId[];

/** The facts of the final response and its cover letter: which saved version of the draft to send. */
const FINAL_RESPONSE_VERSION = { finalResponseVersion: fact.integer };

/** `standard`, or a version of a letter for a reasonable adjustment (R-INT-2). */
export const TEMPLATE_VARIANTS = ['standard', 'easy-read'] as const;
export type TemplateVariant = (typeof TEMPLATE_VARIANTS)[number];

/** A variant of a template: its own file (`templates/<variant>/<name>.hbs`), version and subject, the same facts. */
interface VariantDefinition {
  version: number;
  subject: string;
}

interface TemplateDefinition {
  version: number;
  kind: 'letter' | 'staff';
  /** R-INT-5: the letter carries the person's information, so a representative gets it only with their consent. */
  personalInformation?: boolean;
  subject: string;
  facts: Record<string, FactSpec>;
  variants?: Partial<Record<Exclude<TemplateVariant, 'standard'>, VariantDefinition>>;
}

/**
 * Every template with its version; a sent item records the template, variant and version. Bump a version when
 * that variant's wording changes.
 */
export const TEMPLATE_CATALOGUE = {
  acknowledgement: {
    version: 1,
    kind: 'letter',
    subject: 'Your complaint {{reference}}: acknowledgement',
    facts: {},
    variants: {
      'easy-read': { version: 1, subject: 'Your complaint {{reference}}: we have got your complaint' },
    },
  },
  'early-resolution-summary': {
    version: 1,
    kind: 'letter',
    personalInformation: true,
    subject: 'Your complaint {{reference}}: how it was resolved',
    facts: {},
    variants: { 'easy-read': { version: 1, subject: 'Your complaint {{reference}}: what we agreed' } },
  },
  'deadline-reminder': {
    version: 1,
    kind: 'staff',
    subject: 'Reminder: {{facts.deadline}} for complaint {{reference}} due {{formatDate facts.due}}',
    facts: { deadline: fact.string, due: fact.date, rule: fact.string },
  },
  // v2: escalations also go to senior managers (R-INV-7), so the wording no longer assumes the complaints manager.
  'deadline-breach': {
    version: 2,
    kind: 'staff',
    subject: 'Escalation: {{facts.deadline}} for complaint {{reference}} missed ({{formatDate facts.due}})',
    facts: { deadline: fact.string, due: fact.date, rule: fact.string },
  },
  // R-RESP-1, R-RESP-3: the final written response, from the saved draft of facts.finalResponseVersion.
  'final-response': {
    version: 1,
    kind: 'letter',
    personalInformation: true,
    subject:
      'Your complaint {{reference}}: {{#if (eq facts.round "stage-two")}}the outcome of your stage-two review{{else}}our final response{{/if}}',
    facts: {
      ...FINAL_RESPONSE_VERSION,
      ombudsman: fact.oneOf(OMBUDSMAN_IDS),
      round: fact.oneOf(['first', 'reopened', 'stage-two']),
      stageTwoAvailable: fact.boolean,
    },
    variants: {
      'easy-read': {
        version: 1,
        subject:
          'Your complaint {{reference}}: {{#if (eq facts.round "stage-two")}}what the review decided{{else}}our answer to your complaint{{/if}}',
      },
    },
  },
  // R-RESP-2 (HPFT): the Chief Executive's cover letter, approved with the response.
  'final-response-cover': {
    version: 1,
    kind: 'letter',
    personalInformation: true,
    subject: 'Your complaint {{reference}}: a letter from our Chief Executive',
    facts: FINAL_RESPONSE_VERSION,
    variants: {
      'easy-read': { version: 1, subject: 'Your complaint {{reference}}: a letter from our Chief Executive' },
    },
  },
  // R-INV-5 (and R-INV-4, CWTH: a progress report with a new date).
  'timescale-extended': {
    version: 1,
    kind: 'letter',
    subject:
      'Your complaint {{reference}}: {{#if facts.progressReport}}progress report{{else}}a new date for our response{{/if}}',
    facts: {
      previousDue: fact.dateOrNull,
      newDue: fact.date,
      reason: fact.oneOf(Object.keys(EXTENSION_REASONS)),
      progressReport: fact.boolean,
    },
    variants: {
      'easy-read': {
        version: 1,
        subject:
          'Your complaint {{reference}}: {{#if facts.progressReport}}how your complaint is going{{else}}a new date for our answer{{/if}}',
      },
    },
  },
  // R-INV-1: the handler was involved in the events, and why that could not be avoided.
  'involved-handler': {
    version: 1,
    kind: 'letter',
    subject: 'Your complaint {{reference}}: who is looking into it',
    facts: { reason: fact.oneOf(Object.keys(INVOLVED_HANDLER_REASONS)) },
  },
  // R-INV-7
  'six-month-delay': {
    version: 1,
    kind: 'letter',
    personalInformation: true,
    subject: 'Your complaint {{reference}}: why our response is taking longer',
    facts: { likelyBy: fact.date, approvedBy: fact.string },
    variants: {
      'easy-read': { version: 1, subject: 'Your complaint {{reference}}: why our answer is taking longer' },
    },
  },
  // R-REOPEN-1
  reopened: {
    version: 1,
    kind: 'letter',
    subject: 'Your complaint {{reference}}: we have reopened it',
    facts: { due: fact.dateOrNull },
  },
  // R-INV-2: the plan agreed with the person, from the saved version facts.planVersion.
  'investigation-plan': {
    version: 1,
    kind: 'letter',
    personalInformation: true,
    subject: 'Your complaint {{reference}}: how we will look into it',
    facts: { planVersion: fact.integer, due: fact.dateOrNull },
  },
  // R-STAGE2-1 (CWTH)
  'stage-two-acknowledgement': {
    version: 1,
    kind: 'letter',
    subject: 'Your complaint {{reference}}: your request for a review',
    facts: { due: fact.date },
  },
  // R-RESP-4
  'actions-completed': {
    version: 1,
    kind: 'letter',
    subject: 'Your complaint {{reference}}: every action we promised is done',
    facts: {},
  },
  // R-INT-7
  'out-of-scope': {
    version: 1,
    kind: 'letter',
    subject:
      'Your complaint {{reference}}: {{#if facts.whole}}why we cannot consider it{{else}}a part we cannot consider{{/if}} under our complaints procedure',
    facts: {
      whole: fact.boolean,
      matter: fact.oneOf(['employment', 'information-request', 'own-staff', 'other']),
    },
    variants: {
      'easy-read': {
        version: 1,
        subject:
          'Your complaint {{reference}}: {{#if facts.whole}}we cannot look at your complaint{{else}}we cannot look at part of your complaint{{/if}}',
      },
    },
  },
  // R-INT-6: facts.ombudsman is needed when the complaint is not considered.
  // R-PERS-1: the decision to limit contact (and its lifting), with the behaviour, the limits and the review date.
  'persistent-behaviour-decision': {
    version: 1,
    kind: 'letter',
    subject:
      '{{#if (eq facts.decision "limits-set")}}How you can contact us about your complaint {{reference}}{{else}}The limits on contacting us have ended ({{reference}}){{/if}}',
    facts: {
      decision: fact.oneOf(['limits-set', 'limits-lifted']),
      reviewOn: fact.dateOrNull,
      behaviours: fact.string,
      limits: fact.string,
      ombudsman: fact.oneOf(OMBUDSMAN_IDS),
    },
  },
  // R-INT-5: consideration stops for a representative not acting in the person's best interests, or a child's
  // representative without reasonable grounds; written reasons with the Ombudsman's details.
  'representative-decision': {
    version: 1,
    kind: 'letter',
    subject: 'Your complaint {{reference}}: our decision about representing the person',
    facts: {
      decision: fact.oneOf(['not-acting-in-best-interests', 'no-reasonable-grounds-for-child']),
      ombudsman: fact.oneOf(OMBUDSMAN_IDS),
    },
  },
  'out-of-time': {
    version: 1,
    kind: 'letter',
    subject: 'Your complaint {{reference}}: the time limit for complaints',
    facts: {
      decision: fact.oneOf(['considered', 'not-considered']),
      ombudsman: fact.oneOfOrNull(OMBUDSMAN_IDS),
    },
    variants: {
      'easy-read': { version: 1, subject: 'Your complaint {{reference}}: the time limit for complaints' },
    },
  },
  // R-INT-5, R-INV-6
  'consent-request': {
    version: 1,
    kind: 'letter',
    subject: 'Your complaint {{reference}}: we need consent to go ahead',
    facts: {},
    variants: {
      'easy-read': { version: 1, subject: 'Your complaint {{reference}}: we need permission to carry on' },
    },
  },
  // R-RESP-2, R-INV-7: a document waiting for the recipient's approval.
  'approval-request': {
    version: 1,
    kind: 'staff',
    subject:
      'Approval needed: {{#if (eq facts.document "final-response")}}final response{{else}}six-month letter{{/if}} for complaint {{reference}}',
    facts: {
      document: fact.oneOf(['final-response', 'six-month-letter']),
      step: fact.string,
      due: fact.dateOrNull,
    },
  },
  // R-STAFF-1
  'staff-notification': {
    version: 1,
    kind: 'staff',
    subject: 'Complaint {{reference}}: a complaint that involves you',
    facts: {},
  },
  // ADR 0007: an item that was refused for good, or is not known to have gone; the handler acts on it.
  'delivery-failed': {
    version: 1,
    kind: 'staff',
    subject:
      '{{#if (eq facts.outcome "unconfirmed")}}Delivery not confirmed{{else}}Delivery failed{{/if}}: {{facts.document}} {{facts.channel}} for complaint {{reference}}',
    facts: {
      item: fact.string,
      document: fact.string,
      channel: fact.oneOf(['email', 'letter']),
      outcome: fact.oneOf(['failed', 'unconfirmed']),
      error: fact.string,
      letterQueued: fact.boolean,
    },
  },
} as const satisfies Record<string, TemplateDefinition>;

export type TemplateName = keyof typeof TEMPLATE_CATALOGUE;

function definitionOf(name: TemplateName): TemplateDefinition {
  return TEMPLATE_CATALOGUE[name];
}

/** R-INT-5: whether the template carries the person's information (not only how their complaint is handled). */
export function carriesPersonalInformation(name: TemplateName): boolean {
  return definitionOf(name).personalInformation === true;
}

/** The variants a template has, `standard` first. */
export function variantsOf(name: TemplateName): TemplateVariant[] {
  const variants = definitionOf(name).variants ?? {};
  return TEMPLATE_VARIANTS.filter((variant) => variant === 'standard' || variant in variants);
}

/** The catalogue's version and subject of one variant of a template; undefined when it has no such variant. */
export function variantDefinition(
  name: TemplateName,
  variant: TemplateVariant,
): VariantDefinition | undefined {
  const definition = definitionOf(name);
  return variant === 'standard' ? definition : definition.variants?.[variant];
}

/** The variant's source file under the templates folder, without `.hbs`: `acknowledgement`, `easy-read/acknowledgement`. */
export function templateFile(name: TemplateName, variant: TemplateVariant): string {
  return variant === 'standard' ? name : `${variant}/${name}`;
}

export const TEMPLATES_DIR = path.resolve(__dirname, '..', '..', 'templates');

/** An organisation's override in use: the latest version of its key (name, variant), with a body. */
export interface ActiveOverride {
  /** A template of the catalogue or a partial. */
  name: string;
  /** Always `standard` for a partial. */
  variant: TemplateVariant;
  version: number;
  body: string;
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

const longDate = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "Thursday 31 December 2026" from an ISO date; anything else is a template error, never a blank date in a letter. */
export function formatLongDate(value: unknown): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
    throw new Error(`formatDate needs an ISO date, got ${typeof value}`);
  return longDate.format(new Date(`${value}T00:00:00Z`)).replace(',', '');
}

/** R-REM-1: each remedy kind as the letter names it. */
export const REMEDY_LABELS: Readonly<Record<RemedyKind, string>> = {
  apology: 'An apology',
  'reconsideration-of-decision': 'Reconsidering a decision',
  'expedited-action': 'Speeding up an action',
  'waived-fee-or-penalty': 'Waiving a fee or penalty',
  'payment-or-refund': 'A payment or refund',
  'policy-or-procedure-change': 'Changing our policies or procedures',
};

export const OUTCOME_LABELS: Readonly<Record<FindingOutcome, string>> = {
  upheld: 'Upheld',
  'partially-upheld': 'Partially upheld',
  'not-upheld': 'Not upheld',
};

function labelFrom<K extends string>(labels: Readonly<Record<K, string>>, known: readonly K[], what: string) {
  return (value: unknown): string => {
    if (typeof value !== 'string' || !(known as readonly string[]).includes(value))
      throw new Error(`unknown ${what} ${JSON.stringify(value)}`);
    return labels[value as K];
  };
}

function sentencesFrom(labels: Readonly<Record<string, string>>, what: string) {
  const label = labelFrom(labels, Object.keys(labels), what);
  return (value: unknown): string[] => {
    if (typeof value !== 'string' || value === '') throw new Error(`${what} needs a list of codes`);
    return value.split(',').map(label);
  };
}

/** Free text as paragraphs (split at blank lines) of lines, so each can be escaped and laid out. */
export function paragraphs(value: unknown): string[][] {
  if (typeof value !== 'string') throw new Error(`paragraphs needs text, got ${typeof value}`);
  return value
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) =>
      paragraph
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    )
    .filter((lines) => lines.length > 0);
}

function describeValue(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

function factMatches(spec: FactSpec, value: unknown): boolean {
  if (spec.type === 'one-of') return typeof value === 'string' && spec.values.includes(value);
  switch (spec.type) {
    case 'string':
      return typeof value === 'string' && value.trim() !== '';
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return isLocalDate(value);
  }
}

/** What is wrong with the facts given for a template, one entry per declared fact that is missing or not as declared. */
export function factProblems(name: TemplateName, facts: unknown): { fact: string; message: string }[] {
  const specs: Record<string, FactSpec> = TEMPLATE_CATALOGUE[name].facts;
  const given = (facts ?? {}) as Record<string, unknown>;
  const problems: { fact: string; message: string }[] = [];
  for (const [key, spec] of Object.entries(specs)) {
    if (!Object.prototype.hasOwnProperty.call(given, key)) {
      problems.push({ fact: key, message: `"${key}" not defined in the facts of ${name}` });
      continue;
    }
    const value = given[key];
    if (value === null) {
      if (!spec.nullable) problems.push({ fact: key, message: `fact "${key}" of ${name} must not be null` });
      continue;
    }
    if (!factMatches(spec, value)) {
      const expected =
        spec.type === 'one-of'
          ? `one of ${spec.values.join(', ')}`
          : spec.type === 'date'
            ? 'an ISO date'
            : `a non-empty ${spec.type}`;
      problems.push({
        fact: key,
        message: `fact "${key}" of ${name} must be ${expected}, got ${describeValue(value)}`,
      });
    }
  }
  return problems;
}

/** Checks the workflow's facts against the template's declared facts (Handlebars helpers do not check them). */
export function checkFacts(name: TemplateName, facts: unknown): void {
  const [first] = factProblems(name, facts);
  if (first) throw new Error(first.message);
}

/** R-INT-2: each reasonable adjustment in words, for the letter that confirms it. */
export const ACCESSIBILITY_NEED_LABELS: Readonly<Record<AccessibilityNeed, string>> = {
  'large-print': 'large print',
  'easy-read': 'easy read',
  interpreter: 'an interpreter',
  advocate: 'an advocate',
  braille: 'braille',
  audio: 'audio',
  bsl: 'British Sign Language (BSL)',
  other: 'other help you told us about',
};

/** Easy read: each finding's outcome in plain words (the formal label follows in brackets). */
export const EASY_READ_OUTCOME_LABELS: Readonly<Record<FindingOutcome, string>> = {
  upheld: 'We agree with you',
  'partially-upheld': 'We agree with you about some of this',
  'not-upheld': 'We do not agree with you',
};

function registerHelpers(handlebars: typeof Handlebars): void {
  const helpers: Record<string, Handlebars.HelperDelegate> = {
    formatDate: formatLongDate,
    eq: (left: unknown, right: unknown) => left === right,
    /** `{{assert value "why"}}`: strict mode does not check helper arguments, so a template asserts what it needs. */
    assert: (condition: unknown, message: unknown) => {
      if (!condition) throw new Error(typeof message === 'string' ? message : 'template assertion failed');
      return '';
    },
    paragraphs,
    ombudsmanName: labelFrom(OMBUDSMAN_NAMES, OMBUDSMAN_IDS, 'Ombudsman route'),
    extensionReason: labelFrom(
      EXTENSION_REASONS,
      Object.keys(EXTENSION_REASONS) as (keyof typeof EXTENSION_REASONS)[],
      'extension reason',
    ),
    involvedHandlerReason: labelFrom(
      INVOLVED_HANDLER_REASONS,
      Object.keys(INVOLVED_HANDLER_REASONS) as (keyof typeof INVOLVED_HANDLER_REASONS)[],
      'involved-handler reason',
    ),
    remedyLabel: labelFrom(REMEDY_LABELS, REMEDY_KINDS, 'remedy kind'),
    outcomeLabel: labelFrom(OUTCOME_LABELS, FINDING_OUTCOMES, 'finding outcome'),
    easyReadOutcome: labelFrom(EASY_READ_OUTCOME_LABELS, FINDING_OUTCOMES, 'finding outcome'),
    accessibilityNeed: labelFrom(ACCESSIBILITY_NEED_LABELS, ACCESSIBILITY_NEEDS, 'accessibility need'),
    /** R-PERS-1: a comma-separated list of codes, as sentences. */
    behaviourSentences: sentencesFrom(PERSISTENT_BEHAVIOURS, 'persistent behaviour'),
    contactLimitSentences: sentencesFrom(CONTACT_LIMITS, 'contact limit'),
  };
  for (const [name, helper] of Object.entries(helpers)) handlebars.registerHelper(name, helper);
}

/** The standard sources: every template variant by its file (`easy-read/acknowledgement`), every partial by name. */
interface TemplateSources {
  templates: ReadonlyMap<string, string>;
  partials: ReadonlyMap<string, string>;
}

function readSources(templatesDir: string): TemplateSources {
  const read = (file: string) => fs.readFileSync(path.join(templatesDir, `${file}.hbs`), 'utf8');
  const templates = new Map<string, string>();
  for (const name of Object.keys(TEMPLATE_CATALOGUE) as TemplateName[]) {
    for (const variant of variantsOf(name))
      templates.set(templateFile(name, variant), read(templateFile(name, variant)));
  }
  const partials = new Map<string, string>();
  for (const file of fs.readdirSync(path.join(templatesDir, 'partials')).filter((f) => f.endsWith('.hbs'))) {
    const name = path.basename(file, '.hbs');
    partials.set(name, read(path.join('partials', name)));
  }
  return { templates, partials };
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
    private readonly sources: TemplateSources,
    overrides: readonly ActiveOverride[],
  ) {
    this.overrides = new Map(
      overrides.map((override) => [overrideKey(override.name, override.variant), override]),
    );
    this.signature = signatureOf(overrides);
    registerHelpers(this.handlebars);
    for (const name of sources.partials.keys())
      this.handlebars.registerPartial(name, this.partialSource(name)!);
  }

  render(
    name: TemplateName,
    variant: TemplateVariant,
    context: Record<string, unknown>,
  ): RenderedCorrespondence {
    const definition = variantDefinition(name, variant);
    if (!definition) throw new Error(`template ${name} has no ${variant} variant`);
    const template = this.compiledOf(name, variant, definition.subject);
    checkFacts(name, context.facts);
    const subject = template.subject(context);
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
      templateVersion: override?.version ?? definition.version,
      partialOverrides: template.partialOverrides,
      subject,
      html,
      text,
    };
  }

  private compiledOf(name: TemplateName, variant: TemplateVariant, subject: string): CompiledTemplate {
    const file = templateFile(name, variant);
    let template = this.compiled.get(file);
    if (!template) {
      const source =
        this.overrides.get(overrideKey(name, variant))?.body ?? this.sources.templates.get(file)!;
      template = {
        body: this.handlebars.compile(source, { strict: true }),
        subject: this.handlebars.compile(subject, { strict: true, noEscape: true }),
        partialOverrides: this.partialOverridesUsedBy(source),
      };
      this.compiled.set(file, template);
    }
    return template;
  }

  private partialSource(name: string): string | undefined {
    return this.overrides.get(overrideKey(name, 'standard'))?.body ?? this.sources.partials.get(name);
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
      const override = this.sources.partials.has(name)
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
 * Handlebars templates from `activities/templates` (variants in `templates/<variant>/`), with their partials. All
 * case data is HTML-escaped (`{{ }}` only; no template uses `{{{ }}}`), and a missing variable is an error, not a
 * blank. An organisation with overrides gets its own Handlebars instance, so nothing of it reaches another
 * organisation's letters; it is kept until that organisation's overrides change.
 */
export class TemplateRenderer {
  private readonly sources: TemplateSources;
  private readonly standard: TemplateSet;
  private readonly organisations = new Map<string, TemplateSet>();

  constructor(templatesDir = TEMPLATES_DIR) {
    this.sources = readSources(templatesDir);
    this.standard = new TemplateSet(this.sources, []);
  }

  static isTemplate(name: string): name is TemplateName {
    return Object.prototype.hasOwnProperty.call(TEMPLATE_CATALOGUE, name);
  }

  /** The partials the templates share, by name: each can be overridden too. */
  get partials(): string[] {
    return [...this.sources.partials.keys()].sort();
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
    return new TemplateSet(this.sources, overrides);
  }

  private setFor(organisation?: OrganisationOverrides): TemplateSet {
    if (!organisation || organisation.overrides.length === 0) {
      if (organisation) this.organisations.delete(organisation.organisationCode);
      return this.standard;
    }
    const cached = this.organisations.get(organisation.organisationCode);
    if (cached?.signature === signatureOf(organisation.overrides)) return cached;
    const set = new TemplateSet(this.sources, organisation.overrides);
    this.organisations.set(organisation.organisationCode, set);
    return set;
  }
}
