import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { convert } from 'html-to-text';
import {
  EXTENSION_REASONS,
  INVOLVED_HANDLER_REASONS,
  FINDING_OUTCOMES,
  isLocalDate,
  OMBUDSMAN_NAMES,
  REMEDY_KINDS,
  type FindingOutcome,
  type OmbudsmanId,
  type RemedyKind,
} from '@complaints/domain';

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

/** Every template with its version; a sent item records both. Bump the version when the wording changes. */
export const TEMPLATE_CATALOGUE = {
  acknowledgement: {
    version: 1,
    kind: 'letter',
    subject: 'Your complaint {{reference}}: acknowledgement',
    facts: {},
  },
  'early-resolution-summary': {
    version: 1,
    kind: 'letter',
    subject: 'Your complaint {{reference}}: how it was resolved',
    facts: {},
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
    subject:
      'Your complaint {{reference}}: {{#if (eq facts.round "stage-two")}}the outcome of your stage-two review{{else}}our final response{{/if}}',
    facts: {
      ...FINAL_RESPONSE_VERSION,
      ombudsman: fact.oneOf(OMBUDSMAN_IDS),
      round: fact.oneOf(['first', 'reopened', 'stage-two']),
      stageTwoAvailable: fact.boolean,
    },
  },
  // R-RESP-2 (HPFT): the Chief Executive's cover letter, approved with the response.
  'final-response-cover': {
    version: 1,
    kind: 'letter',
    subject: 'Your complaint {{reference}}: a letter from our Chief Executive',
    facts: FINAL_RESPONSE_VERSION,
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
    subject: 'Your complaint {{reference}}: why our response is taking longer',
    facts: { likelyBy: fact.date, approvedBy: fact.string },
  },
  // R-REOPEN-1
  reopened: {
    version: 1,
    kind: 'letter',
    subject: 'Your complaint {{reference}}: we have reopened it',
    facts: { due: fact.dateOrNull },
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
  },
  // R-INT-6: facts.ombudsman is needed when the complaint is not considered.
  'out-of-time': {
    version: 1,
    kind: 'letter',
    subject: 'Your complaint {{reference}}: the time limit for complaints',
    facts: {
      decision: fact.oneOf(['considered', 'not-considered']),
      ombudsman: fact.oneOfOrNull(OMBUDSMAN_IDS),
    },
  },
  // R-INT-5, R-INV-6
  'consent-request': {
    version: 1,
    kind: 'letter',
    subject: 'Your complaint {{reference}}: we need consent to go ahead',
    facts: {},
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
} as const satisfies Record<
  string,
  { version: number; kind: 'letter' | 'staff'; subject: string; facts: Record<string, FactSpec> }
>;

export type TemplateName = keyof typeof TEMPLATE_CATALOGUE;

export const TEMPLATES_DIR = path.resolve(__dirname, '..', '..', 'templates');

export interface RenderedCorrespondence {
  template: TemplateName;
  templateVersion: number;
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

/** Checks the workflow's facts against the template's declared facts (Handlebars helpers do not check them). */
export function checkFacts(name: TemplateName, facts: unknown): void {
  const specs: Record<string, FactSpec> = TEMPLATE_CATALOGUE[name].facts;
  const given = (facts ?? {}) as Record<string, unknown>;
  for (const [key, spec] of Object.entries(specs)) {
    if (!Object.prototype.hasOwnProperty.call(given, key))
      throw new Error(`"${key}" not defined in the facts of ${name}`);
    const value = given[key];
    if (value === null) {
      if (spec.nullable) continue;
      throw new Error(`fact "${key}" of ${name} must not be null`);
    }
    if (!factMatches(spec, value)) {
      const expected =
        spec.type === 'one-of'
          ? `one of ${spec.values.join(', ')}`
          : spec.type === 'date'
            ? 'an ISO date'
            : `a non-empty ${spec.type}`;
      throw new Error(`fact "${key}" of ${name} must be ${expected}, got ${describeValue(value)}`);
    }
  }
}

/**
 * Handlebars templates from `activities/templates`, compiled once. All case data is HTML-escaped
 * (`{{ }}` only; no template uses `{{{ }}}`), and a missing variable is an error, not a blank.
 */
export class TemplateRenderer {
  private readonly handlebars = Handlebars.create();
  private readonly compiled = new Map<
    TemplateName,
    { body: HandlebarsTemplateDelegate; subject: HandlebarsTemplateDelegate }
  >();

  constructor(templatesDir = TEMPLATES_DIR) {
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
    };
    for (const [name, helper] of Object.entries(helpers)) this.handlebars.registerHelper(name, helper);
    const partialsDir = path.join(templatesDir, 'partials');
    for (const file of fs.readdirSync(partialsDir)) {
      this.handlebars.registerPartial(
        path.basename(file, '.hbs'),
        fs.readFileSync(path.join(partialsDir, file), 'utf8'),
      );
    }
    for (const [name, definition] of Object.entries(TEMPLATE_CATALOGUE) as [
      TemplateName,
      (typeof TEMPLATE_CATALOGUE)[TemplateName],
    ][]) {
      const source = fs.readFileSync(path.join(templatesDir, `${name}.hbs`), 'utf8');
      this.compiled.set(name, {
        body: this.handlebars.compile(source, { strict: true }),
        subject: this.handlebars.compile(definition.subject, { strict: true, noEscape: true }),
      });
    }
  }

  static isTemplate(name: string): name is TemplateName {
    return Object.prototype.hasOwnProperty.call(TEMPLATE_CATALOGUE, name);
  }

  render(name: TemplateName, context: Record<string, unknown>): RenderedCorrespondence {
    const template = this.compiled.get(name)!;
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
    return { template: name, templateVersion: TEMPLATE_CATALOGUE[name].version, subject, html, text };
  }
}
