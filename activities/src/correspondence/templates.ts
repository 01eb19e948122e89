import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { convert } from 'html-to-text';

/** Every template with its version; a sent item records both. Bump the version when the wording changes. */
export const TEMPLATE_CATALOGUE = {
  acknowledgement: { version: 1, kind: 'letter', subject: 'Your complaint {{reference}}: acknowledgement' },
  'early-resolution-summary': {
    version: 1,
    kind: 'letter',
    subject: 'Your complaint {{reference}}: how it was resolved',
  },
  'deadline-reminder': {
    version: 1,
    kind: 'staff',
    subject: 'Reminder: {{facts.deadline}} for complaint {{reference}} due {{formatDate facts.due}}',
  },
  'deadline-breach': {
    version: 1,
    kind: 'staff',
    subject: 'Escalation: {{facts.deadline}} for complaint {{reference}} missed ({{formatDate facts.due}})',
  },
} as const;

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
    this.handlebars.registerHelper('formatDate', formatLongDate);
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
    const subject = template.subject(context);
    const html = template.body({ ...context, subject });
    const text = convert(html, {
      wordwrap: 78,
      selectors: [{ selector: 'h2', options: { uppercase: false } }],
    });
    return { template: name, templateVersion: TEMPLATE_CATALOGUE[name].version, subject, html, text };
  }
}
