// The facts a template declares in its front matter, and the check of the facts a workflow passes against them
// (Handlebars helpers do not check their arguments). A fact that is not as declared is an error, never a blank
// in a letter.
import {
  EXTENSION_AGREED_BY,
  EXTENSION_AGREED_WITH,
  EXTENSION_REASONS,
  INVOLVED_HANDLER_REASONS,
  isLocalDate,
  OTHER_PROCEDURES,
} from '@complaints/domain';
import { OMBUDSMAN_IDS } from './template-wording';

/** What one fact of a template must be. */
export type FactSpec =
  | { type: 'string' | 'integer' | 'boolean' | 'date'; nullable?: boolean }
  | { type: 'one-of'; values: readonly string[]; nullable?: boolean };

const SCALAR_TYPES = ['string', 'integer', 'boolean', 'date'] as const;

/** The procedure's lists a `one-of` fact may name instead of listing its values, so they stay in one place. */
export const FACT_VOCABULARIES: Readonly<Record<string, readonly string[]>> = {
  'ombudsman-routes': OMBUDSMAN_IDS,
  'extension-reasons': Object.keys(EXTENSION_REASONS),
  'extension-agreed-with': EXTENSION_AGREED_WITH,
  'extension-agreed-by': EXTENSION_AGREED_BY,
  'involved-handler-reasons': Object.keys(INVOLVED_HANDLER_REASONS),
  'other-procedures': OTHER_PROCEDURES,
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * One declared fact, from front matter: `{ type: date }`, `{ type: date, nullable: true }`,
 * `{ type: one-of, values: [first, reopened] }` or `{ type: one-of, values: ombudsman-routes }`.
 */
function parseFactSpec(raw: unknown, where: string): FactSpec {
  if (!isRecord(raw)) throw new Error(`${where} must be a mapping with a type`);
  const { type, values, nullable, ...unknown } = raw;
  const extra = Object.keys(unknown);
  if (extra.length > 0) throw new Error(`${where} has unknown keys: ${extra.join(', ')}`);
  if (nullable !== undefined && typeof nullable !== 'boolean')
    throw new Error(`${where}: nullable must be true or false`);
  const orNull = nullable === undefined ? {} : { nullable };
  if (type === 'one-of') {
    const list = typeof values === 'string' ? FACT_VOCABULARIES[values] : values;
    if (!Array.isArray(list) || list.length === 0 || !list.every((value) => typeof value === 'string'))
      throw new Error(
        `${where}: values must be a list of strings or one of ${Object.keys(FACT_VOCABULARIES).join(', ')}`,
      );
    return { type, values: list, ...orNull };
  }
  if (!(SCALAR_TYPES as readonly unknown[]).includes(type))
    throw new Error(`${where}: type must be one of ${[...SCALAR_TYPES, 'one-of'].join(', ')}`);
  if (values !== undefined) throw new Error(`${where}: only a one-of fact has values`);
  return { type: type as (typeof SCALAR_TYPES)[number], ...orNull };
}

/** The `facts` of a template's front matter, each by name. */
export function parseFactSpecs(raw: unknown, where: string): Record<string, FactSpec> {
  if (!isRecord(raw)) throw new Error(`${where}: facts must be a mapping (\`{}\` for none)`);
  return Object.fromEntries(
    Object.entries(raw).map(([fact, spec]) => [fact, parseFactSpec(spec, `${where}: fact ${fact}`)]),
  );
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

/**
 * The facts with those a template declares nullable but the caller left out read as null: a letter a workflow
 * scheduled before a release added such a fact retries with the facts it was scheduled with, and still renders.
 */
export function withOmittedNullables(
  specs: Readonly<Record<string, FactSpec>>,
  facts: Record<string, unknown>,
): Record<string, unknown> {
  const omitted = Object.entries(specs).filter(
    ([key, spec]) => spec.nullable && !Object.prototype.hasOwnProperty.call(facts, key),
  );
  return { ...facts, ...Object.fromEntries(omitted.map(([key]) => [key, null])) };
}

/** What is wrong with the facts given for a template, one entry per declared fact that is missing or not as declared. */
export function factProblems(
  template: string,
  specs: Readonly<Record<string, FactSpec>>,
  facts: unknown,
): { fact: string; message: string }[] {
  const given = (facts ?? {}) as Record<string, unknown>;
  const problems: { fact: string; message: string }[] = [];
  for (const [key, spec] of Object.entries(specs)) {
    if (!Object.prototype.hasOwnProperty.call(given, key)) {
      problems.push({ fact: key, message: `"${key}" not defined in the facts of ${template}` });
      continue;
    }
    const value = given[key];
    if (value === null) {
      if (!spec.nullable)
        problems.push({ fact: key, message: `fact "${key}" of ${template} must not be null` });
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
        message: `fact "${key}" of ${template} must be ${expected}, got ${describeValue(value)}`,
      });
    }
  }
  return problems;
}

/** Throws the first problem of the facts given for a template. */
export function checkFacts(
  template: string,
  specs: Readonly<Record<string, FactSpec>>,
  facts: unknown,
): void {
  const [first] = factProblems(template, specs, facts);
  if (first) throw new Error(first.message);
}
