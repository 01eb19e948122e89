// The Handlebars helpers every template may call. Each refuses a value it does not know, so a letter never
// carries a blank or a raw code.
import type Handlebars from 'handlebars';
import {
  ACCESSIBILITY_NEEDS,
  CONTACT_LIMITS,
  EXTENSION_AGREED_BY,
  EXTENSION_AGREED_BY_WORDS,
  EXTENSION_AGREED_WITH,
  EXTENSION_AGREED_WITH_WORDS,
  EXTENSION_REASONS,
  FINDING_OUTCOMES,
  INVOLVED_HANDLER_REASONS,
  OMBUDSMAN_NAMES,
  PERSISTENT_BEHAVIOURS,
  REMEDY_KINDS,
} from '@complaints/domain';
import {
  ACCESSIBILITY_NEED_LABELS,
  EASY_READ_OUTCOME_LABELS,
  OMBUDSMAN_IDS,
  OUTCOME_LABELS,
  REMEDY_LABELS,
} from './template-wording';

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

const HELPERS: Readonly<Record<string, Handlebars.HelperDelegate>> = {
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
  agreedWith: labelFrom(EXTENSION_AGREED_WITH_WORDS, EXTENSION_AGREED_WITH, 'extension agreed with'),
  agreedBy: labelFrom(EXTENSION_AGREED_BY_WORDS, EXTENSION_AGREED_BY, 'extension agreed by'),
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

/** The helpers every template may call (besides Handlebars' own if, unless, each and with). */
export const HELPER_NAMES: readonly string[] = Object.keys(HELPERS);

export function registerHelpers(handlebars: typeof Handlebars): void {
  for (const [name, helper] of Object.entries(HELPERS)) handlebars.registerHelper(name, helper);
}
