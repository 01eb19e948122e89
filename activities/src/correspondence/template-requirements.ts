// What a letter must say (issue #14): each template declares it in its front matter (`mustSay`), and a rendering
// is checked against it, so an override that loses the reference, the date, the letterhead, the signatory or the
// letter's own content is refused before anyone sees it, and the built-in templates are held to the same list.
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { convert } from 'html-to-text';
import { formatLongDate, registerHelpers } from './template-helpers';

/** One way an element may be shown; it applies only when its value (and `when`) is there in the letter's data. */
export type ElementCheck =
  /** Every value at these paths of the template's data is printed. */
  | { value: string[]; when?: string }
  /** At least one of the values at these paths is printed (a telephone number or an email address). */
  | { anyValue: string[]; when?: string }
  /** The date at this path, as letters print dates. */
  | { date: string; when?: string }
  /** The text matches this pattern (case-insensitive): the letter's own words. */
  | { says: string; when?: string }
  /** The fixed contact details of the Ombudsman route at this path (not overridable). */
  | { ombudsman: string; when?: string };

/** An element a letter must say, and the ways it may be shown: any one that applies will do. */
export interface Requirement {
  element: string;
  checks: ElementCheck[];
}

/** Elements every letter has, declared by name alone in front matter. */
const KNOWN: Readonly<Record<string, ElementCheck[]>> = {
  reference: [{ value: ['reference'] }],
  date: [{ date: 'today' }],
  letterhead: [{ value: ['organisation.name', 'organisation.letterhead.addressLines.0'] }],
  contact: [{ anyValue: ['organisation.letterhead.telephone', 'organisation.letterhead.email'] }],
  signatory: [{ value: ['signatory'] }],
  organisation: [{ value: ['organisation.name'] }],
  ombudsman: [{ ombudsman: 'facts.ombudsman' }],
};

const CHECK_KEYS = ['value', 'anyValue', 'date', 'says', 'ombudsman'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseCheck(raw: unknown, where: string): ElementCheck {
  if (!isRecord(raw)) throw new Error(`${where} must be a mapping`);
  const keys = Object.keys(raw).filter((key) => key !== 'when');
  if (keys.length !== 1 || !(CHECK_KEYS as readonly string[]).includes(keys[0]))
    throw new Error(`${where} must have one of ${CHECK_KEYS.join(', ')} (and optionally when)`);
  const [key] = keys;
  const when = raw.when;
  if (when !== undefined && typeof when !== 'string')
    throw new Error(`${where}: when must be a path, or path=value`);
  const value = raw[key];
  if (key === 'value' || key === 'anyValue') {
    const paths = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(paths) || paths.length === 0 || !paths.every((item) => typeof item === 'string'))
      throw new Error(`${where}: ${key} must be a path or a list of paths`);
    return { [key]: paths, ...(when ? { when } : {}) } as ElementCheck;
  }
  if (typeof value !== 'string' || value === '') throw new Error(`${where}: ${key} must be text`);
  if (key === 'says') new RegExp(value, 'i');
  return { [key]: value, ...(when ? { when } : {}) } as ElementCheck;
}

/**
 * `mustSay` of a template's front matter: a list of known element names (`reference`, `date`, `letterhead`,
 * `contact`, `signatory`, `organisation`, `ombudsman`) and `{ element: check }` or `{ element: [checks] }`.
 */
export function parseRequirements(raw: unknown, where: string): Requirement[] {
  if (!Array.isArray(raw) || raw.length === 0)
    throw new Error(`${where}: mustSay must list what the letter must say`);
  const requirements = raw.map((item, index): Requirement => {
    if (typeof item === 'string') {
      if (!KNOWN[item])
        throw new Error(`${where}: mustSay ${item} is not one of ${Object.keys(KNOWN).join(', ')}`);
      return { element: item, checks: KNOWN[item] };
    }
    if (!isRecord(item) || Object.keys(item).length !== 1)
      throw new Error(`${where}: mustSay item ${index + 1} must be a name or { name: check }`);
    const [[element, checks]] = Object.entries(item);
    const list = Array.isArray(checks) ? checks : [checks];
    return {
      element,
      checks: list.map((check, at) => parseCheck(check, `${where}: mustSay ${element} (${at + 1})`)),
    };
  });
  const names = requirements.map((requirement) => requirement.element);
  const twice = names.filter((name, index) => names.indexOf(name) !== index);
  if (twice.length > 0) throw new Error(`${where}: mustSay names ${twice.join(', ')} twice`);
  return requirements;
}

function valueAt(data: Record<string, unknown>, dotted: string): unknown {
  let value: unknown = data;
  for (const key of dotted.split('.')) {
    if (value === null || value === undefined) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const present = (value: unknown) => value !== null && value !== undefined && value !== '' && value !== false;

/** Text as it is compared: whitespace of any kind as one space, so wrapping does not matter. */
export const flattened = (text: string) => text.replace(/\s+/g, ' ').trim();

export function letterText(html: string): string {
  return flattened(
    convert(html, {
      wordwrap: false,
      selectors: [
        { selector: 'h2', options: { uppercase: false } },
        { selector: 'h3', options: { uppercase: false } },
      ],
    }),
  );
}

let ombudsmanContact: HandlebarsTemplateDelegate | undefined;

/** R-RESP-3: the route's contact details exactly as the standard partial prints them; no override can change them. */
export function ombudsmanDetails(route: string, templatesDir: string): string {
  if (!ombudsmanContact) {
    const handlebars = Handlebars.create();
    registerHelpers(handlebars);
    ombudsmanContact = handlebars.compile(
      fs.readFileSync(path.join(templatesDir, 'partials', 'ombudsman-contact.hbs'), 'utf8'),
      { strict: true },
    );
  }
  return letterText(ombudsmanContact({ route }));
}

/** `when: path` holds when the value is there; `when: path=value` when it is that value. */
function applies(when: string, data: Record<string, unknown>): boolean {
  const [dotted, expected] = when.split('=');
  const value = valueAt(data, dotted);
  return expected === undefined ? present(value) : String(value) === expected;
}

/** Whether one check applies to this letter's data: undefined when it does not, else whether the text shows it. */
function checkShows(
  check: ElementCheck,
  text: string,
  data: Record<string, unknown>,
  templatesDir: string,
): boolean | undefined {
  if (check.when !== undefined && !applies(check.when, data)) return undefined;
  const shows = (value: unknown) => text.includes(flattened(String(value)));
  if ('value' in check) {
    const values = check.value.map((dotted) => valueAt(data, dotted));
    return values.some((value) => !present(value)) ? undefined : values.every(shows);
  }
  if ('anyValue' in check) {
    const values = check.anyValue.map((dotted) => valueAt(data, dotted)).filter(present);
    return values.length === 0 ? undefined : values.some(shows);
  }
  if ('date' in check) {
    const value = valueAt(data, check.date);
    return present(value) ? text.includes(formatLongDate(value)) : undefined;
  }
  if ('says' in check) return new RegExp(check.says, 'i').test(text);
  const route = valueAt(data, check.ombudsman);
  return present(route) ? text.includes(ombudsmanDetails(String(route), templatesDir)) : undefined;
}

/** The elements a rendered letter (its text, flattened) does not show, for the data it was rendered from. */
export function missingElements(
  requirements: readonly Requirement[],
  text: string,
  data: Record<string, unknown>,
  templatesDir: string,
): string[] {
  return requirements
    .filter(({ checks }) => {
      const results = checks.map((check) => checkShows(check, text, data, templatesDir));
      return results.some((result) => result !== undefined) && !results.some((result) => result === true);
    })
    .map(({ element }) => element);
}

/** A sentence a person can read: five or more words of letters in a row, then on to a full stop, ? or !. */
export function hasReadableSentence(text: string): boolean {
  return /(?:\b[A-Za-z][A-Za-z'’-]*[,;:]? ){5,}[^.?!]*[.?!]/.test(text);
}
