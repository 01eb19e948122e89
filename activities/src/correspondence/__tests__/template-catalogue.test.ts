// The catalogue is read from the templates themselves: each file's front matter declares its version, kind,
// subject line and facts, and the compiler knows the catalogue's names.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import type { CorrespondenceRequest } from '../contract';
import { OMBUDSMAN_IDS } from '../template-wording';
import {
  loadCatalogue,
  TEMPLATE_CATALOGUE,
  TEMPLATES_DIR,
  templateFile,
  variantDefinition,
  variantsOf,
} from '../template-catalogue';
import { splitFrontMatter } from '../template-front-matter';
import { TEMPLATE_NAMES, type TemplateName } from '../template-names';
import { TemplateRenderer } from '../template-renderer';

const frontMatterOf = (file: string) =>
  splitFrontMatter(fs.readFileSync(path.join(TEMPLATES_DIR, `${file}.hbs`), 'utf8'), file)
    .frontMatter as Record<string, unknown>;

describe('the front matter of each template', () => {
  it.each(TEMPLATE_NAMES)('%s declares its version, kind, subject, facts and what it must say', (name) => {
    const declared = frontMatterOf(name);
    expect(declared).toEqual(
      expect.objectContaining({
        version: expect.any(Number),
        kind: expect.stringMatching(/^(letter|staff)$/),
        subject: expect.stringContaining('{{reference}}'),
        facts: expect.any(Object),
        mustSay: expect.arrayContaining(['reference']),
      }),
    );
    // A variant may say it in its own words (its own mustSay), or has the standard's.
    for (const variant of variantsOf(name).filter((other) => other !== 'standard'))
      expect(['subject', 'version', 'mustSay']).toEqual(
        expect.arrayContaining(Object.keys(frontMatterOf(templateFile(name, variant)))),
      );
  });

  it('is what the catalogue knows, and the body after it is what is compiled', () => {
    const source = fs.readFileSync(path.join(TEMPLATES_DIR, 'deadline-breach.hbs'), 'utf8');
    const [, yaml, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(source)!;
    const declared = parse(yaml);
    expect(TEMPLATE_CATALOGUE['deadline-breach']).toEqual({
      kind: declared.kind,
      personalInformation: false,
      facts: declared.facts,
      variants: {
        standard: {
          version: 2,
          subject: declared.subject,
          body,
          mustSay: [
            { element: 'reference', checks: [{ value: ['reference'] }] },
            { element: 'organisation', checks: [{ value: ['organisation.name'] }] },
            { element: 'deadline', checks: [{ value: ['facts.deadline'] }] },
            { element: 'due', checks: [{ date: 'facts.due' }] },
            { element: 'missed', checks: [{ says: 'missed' }] },
          ],
        },
      },
    });
    expect(declared.mustSay).toEqual([
      'reference',
      'organisation',
      { deadline: { value: 'facts.deadline' } },
      { due: { date: 'facts.due' } },
      { missed: { says: 'missed' } },
    ]);
    expect(body.startsWith('---')).toBe(false);
    // A one-of fact may name a list of the procedure's vocabulary instead of repeating it.
    expect(frontMatterOf('final-response').facts).toMatchObject({
      ombudsman: { type: 'one-of', values: 'ombudsman-routes' },
    });
    expect(TEMPLATE_CATALOGUE['final-response'].facts.ombudsman).toEqual({
      type: 'one-of',
      values: OMBUDSMAN_IDS,
    });
    expect(TEMPLATE_CATALOGUE['final-response'].personalInformation).toBe(true);
    expect(variantDefinition('final-response', 'easy-read')!.subject).toBe(
      frontMatterOf('easy-read/final-response').subject,
    );
  });
});

describe('loadCatalogue', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'templates-'));
    fs.cpSync(TEMPLATES_DIR, dir, { recursive: true });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const rewrite = (file: string, change: (source: string) => string) => {
    const where = path.join(dir, `${file}.hbs`);
    fs.writeFileSync(where, change(fs.readFileSync(where, 'utf8')));
  };

  it('reads the same catalogue from a copy of the templates', () => {
    expect(loadCatalogue(dir)).toEqual(TEMPLATE_CATALOGUE);
  });

  it('refuses a template file that is not in TEMPLATE_NAMES, and a name without its file', () => {
    fs.copyFileSync(path.join(dir, 'reopened.hbs'), path.join(dir, 'reopened-again.hbs'));
    expect(() => loadCatalogue(dir)).toThrow('templates not in TEMPLATE_NAMES: reopened-again');
    fs.rmSync(path.join(dir, 'reopened-again.hbs'));
    fs.rmSync(path.join(dir, 'reopened.hbs'));
    expect(() => loadCatalogue(dir)).toThrow(/reopened\.hbs/);
  });

  it.each([
    [
      'no front matter',
      (source: string) => source.replace(/^---\n[\s\S]*?\n---\n/, ''),
      /does not start with front matter/,
    ],
    ['no version', (source: string) => source.replace('version: 1\n', ''), /has no version/],
    [
      'an unknown key',
      (source: string) => source.replace('version: 1\n', 'version: 1\nsubjet: x\n'),
      /unknown keys: subjet/,
    ],
    [
      'a kind of no such kind',
      (source: string) => source.replace('kind: letter', 'kind: fax'),
      /kind must be one of letter, staff/,
    ],
    [
      'a fact of no such type',
      (source: string) => source.replace('{ type: date, nullable: true }', '{ type: time }'),
      /fact due: type must be one of/,
    ],
    [
      'nothing it must say',
      (source: string) => source.replace(/mustSay:\n( {2}- .*\n)+/, ''),
      /has no mustSay/,
    ],
    [
      'an element it must say of no known kind',
      (source: string) => source.replace('  - signatory\n', '  - signature\n'),
      /mustSay signature is not one of reference, date/,
    ],
    [
      'a way of showing an element of no such kind',
      (source: string) =>
        source.replace("reopened: { says: 'reopened' }", "reopened: { shouts: 'reopened' }"),
      /mustSay reopened \(1\) must have one of value, anyValue, date, says, ombudsman/,
    ],
    [
      'a list of no such name',
      (source: string) =>
        source.replace('{ type: date, nullable: true }', '{ type: one-of, values: due-dates }'),
      /fact due: values must be a list/,
    ],
  ])('refuses a template with %s', (_why, change, error) => {
    rewrite('reopened', change);
    expect(() => loadCatalogue(dir)).toThrow(error);
  });
});

describe('template names', () => {
  it('are checked by the compiler', () => {
    const renderer = new TemplateRenderer();
    // Never called: the compiler is the test (`tsc` fails if a line below compiled).
    const typeChecks = () => {
      // @ts-expect-error: not a template of the catalogue
      renderer.render('acknowledgement-letter', {});
      // @ts-expect-error: not a template of the catalogue
      const name: TemplateName = 'no-such-template';
      const request: CorrespondenceRequest = {
        reference: 'HPFT-2026-000001',
        step: 'acknowledgement',
        // @ts-expect-error: not a template of the catalogue
        template: 'acknowledgment',
        audience: 'complainant',
      };
      return [name, request];
    };
    expect(typeof typeChecks).toBe('function');
    expect(Object.keys(TEMPLATE_CATALOGUE)).toEqual([...TEMPLATE_NAMES]);
  });
});
