// The catalogue of templates, read from the files themselves: each `activities/templates/<name>.hbs` (and each
// variant, `templates/<variant>/<name>.hbs`) declares in its front matter what the catalogue knows of it.
import fs from 'node:fs';
import path from 'node:path';
import { parseFactSpecs, type FactSpec } from './template-facts';
import { splitFrontMatter } from './template-front-matter';
import { parseRequirements, type Requirement } from './template-requirements';
import {
  TEMPLATE_KINDS,
  TEMPLATE_NAMES,
  TEMPLATE_VARIANTS,
  isTemplateName,
  type TemplateKind,
  type TemplateName,
  type TemplateVariant,
} from './template-names';

export const TEMPLATES_DIR = path.resolve(__dirname, '..', '..', 'templates');

/**
 * One variant of a template: its version (a sent item records it; bump it when the wording changes), its subject
 * line and its body (both Handlebars).
 */
export interface VariantDefinition {
  version: number;
  subject: string;
  body: string;
  /** Issue #14: what the letter must say; a variant without its own list has the standard's. */
  mustSay: readonly Requirement[];
}

export interface TemplateDefinition {
  kind: TemplateKind;
  /** R-INT-5: the letter carries the person's information, so a representative gets it only with their consent. */
  personalInformation: boolean;
  /** What the workflow must pass; the same for every variant. */
  facts: Readonly<Record<string, FactSpec>>;
  /** `standard` always; another variant where the template has its file. */
  variants: { readonly standard: VariantDefinition } & Readonly<
    Partial<Record<Exclude<TemplateVariant, 'standard'>, VariantDefinition>>
  >;
}

/** The variant's source file under the templates folder, without `.hbs`: `acknowledgement`, `easy-read/acknowledgement`. */
export function templateFile(name: TemplateName, variant: TemplateVariant): string {
  return variant === 'standard' ? name : `${variant}/${name}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The front matter as a mapping with exactly the keys allowed (the optional ones may be left out). */
function fieldsOf(
  frontMatter: unknown,
  file: string,
  required: readonly string[],
  optional: readonly string[] = [],
): Record<string, unknown> {
  if (!isRecord(frontMatter)) throw new Error(`${file}: the front matter must be a mapping`);
  const missing = required.filter((key) => !(key in frontMatter));
  if (missing.length > 0) throw new Error(`${file}: the front matter has no ${missing.join(', ')}`);
  const unknown = Object.keys(frontMatter).filter((key) => ![...required, ...optional].includes(key));
  if (unknown.length > 0)
    throw new Error(`${file}: the front matter has unknown keys: ${unknown.join(', ')}`);
  return frontMatter;
}

function readVariant(
  dir: string,
  file: string,
  fields: readonly string[],
  optional: readonly string[],
  inherited?: readonly Requirement[],
) {
  const { frontMatter, body } = splitFrontMatter(
    fs.readFileSync(path.join(dir, `${file}.hbs`), 'utf8'),
    file,
  );
  const declared = fieldsOf(frontMatter, file, ['version', 'subject', ...fields], optional);
  const { version, subject, mustSay } = declared;
  if (!Number.isInteger(version) || (version as number) < 1)
    throw new Error(`${file}: version must be a whole number from 1`);
  if (typeof subject !== 'string' || subject.trim() === '')
    throw new Error(`${file}: subject must be a line of text`);
  const requirements = mustSay === undefined && inherited ? inherited : parseRequirements(mustSay, file);
  return { declared, variant: { version: version as number, subject, body, mustSay: requirements } };
}

function readTemplate(dir: string, name: TemplateName): TemplateDefinition {
  const { declared, variant: standard } = readVariant(
    dir,
    name,
    ['kind', 'facts', 'mustSay'],
    ['personalInformation'],
  );
  const { kind, personalInformation = false, facts } = declared;
  if (!(TEMPLATE_KINDS as readonly unknown[]).includes(kind))
    throw new Error(`${name}: kind must be one of ${TEMPLATE_KINDS.join(', ')}`);
  if (typeof personalInformation !== 'boolean')
    throw new Error(`${name}: personalInformation must be true or false`);
  // R-JOINT-2: every letter of a joint complaint says the joint protocol is being used.
  if (kind === 'letter') standard.mustSay = withJointProtocol(standard.mustSay);
  const variants: Partial<Record<TemplateVariant, VariantDefinition>> = { standard };
  for (const other of TEMPLATE_VARIANTS.filter((variant) => variant !== 'standard')) {
    const file = templateFile(name, other);
    if (fs.existsSync(path.join(dir, `${file}.hbs`))) {
      const variant = readVariant(dir, file, [], ['mustSay'], standard.mustSay).variant;
      variants[other] =
        kind === 'letter' ? { ...variant, mustSay: withJointProtocol(variant.mustSay) } : variant;
    }
  }
  return {
    kind: kind as TemplateKind,
    personalInformation,
    facts: parseFactSpecs(facts, name),
    variants: variants as TemplateDefinition['variants'],
  };
}

const JOINT_PROTOCOL: Requirement = {
  element: 'joint-protocol',
  checks: [{ says: 'joint protocol', when: 'joint' }],
};

const withJointProtocol = (requirements: readonly Requirement[]): Requirement[] =>
  requirements.some((requirement) => requirement.element === JOINT_PROTOCOL.element)
    ? [...requirements]
    : [...requirements, JOINT_PROTOCOL];

/** Every template of TEMPLATE_NAMES from its files; a file of no such template is an error, not ignored. */
export function loadCatalogue(dir: string): Readonly<Record<TemplateName, TemplateDefinition>> {
  for (const folder of TEMPLATE_VARIANTS.map((variant) => (variant === 'standard' ? '' : variant))) {
    const files = fs.readdirSync(path.join(dir, folder)).filter((file) => file.endsWith('.hbs'));
    const stray = files.map((file) => path.basename(file, '.hbs')).filter((name) => !isTemplateName(name));
    if (stray.length > 0)
      throw new Error(
        `templates not in TEMPLATE_NAMES: ${stray.map((name) => path.join(folder, name)).join(', ')}`,
      );
  }
  return Object.fromEntries(TEMPLATE_NAMES.map((name) => [name, readTemplate(dir, name)])) as Record<
    TemplateName,
    TemplateDefinition
  >;
}

export const TEMPLATE_CATALOGUE = loadCatalogue(TEMPLATES_DIR);

/** R-INT-5: whether the template carries the person's information (not only how their complaint is handled). */
export function carriesPersonalInformation(name: TemplateName): boolean {
  return TEMPLATE_CATALOGUE[name].personalInformation;
}

/** The variants a template has, `standard` first. */
export function variantsOf(name: TemplateName): TemplateVariant[] {
  return TEMPLATE_VARIANTS.filter((variant) => variant in TEMPLATE_CATALOGUE[name].variants);
}

/** One variant of a template; undefined when it has no such variant. */
export function variantDefinition(
  name: TemplateName,
  variant: TemplateVariant,
): VariantDefinition | undefined {
  return TEMPLATE_CATALOGUE[name].variants[variant];
}
