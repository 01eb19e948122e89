// Issue #14: the built-in templates are held to the rules overrides are: each says everything its front matter says
// it must, for every profile and example, and none loads anything from elsewhere, links off the list of hosts,
// logs, or prints unescaped.
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_ORGANISATIONS, type Organisation } from '@complaints/db';
import { listProfiles } from '@complaints/domain';
import { exampleContexts, exampleFacts, letterProblems } from '../override-validation';
import { TEMPLATES_DIR, templateFile, variantDefinition, variantsOf } from '../template-catalogue';
import { TEMPLATE_NAMES } from '../template-names';
import { TemplateRenderer } from '../template-renderer';
import { sourceSafetyProblems } from '../template-safety';

const renderer = new TemplateRenderer();
const letters = TEMPLATE_NAMES.flatMap((name) => variantsOf(name).map((variant) => [name, variant] as const));

describe.each(DEMO_ORGANISATIONS.map((organisation) => [organisation.code, organisation as Organisation]))(
  'for %s',
  (_code, organisation) => {
    it.each(letters)('%s (%s) says all it must, for every profile and example', (name, variant) => {
      const problems: string[] = [];
      for (const profile of listProfiles())
        for (const facts of exampleFacts(name, profile))
          for (const context of exampleContexts(organisation, profile, variant, facts)) {
            const rendered = renderer.render(name, context, { variant });
            const { body, subject } = letterProblems(name, variant, rendered, context);
            problems.push(...[...body, ...subject].map((problem) => `${profile.id}: ${problem.reason}`));
          }
      expect([...new Set(problems)]).toEqual([]);
    });
  },
);

it('every letter declares the reference; a letter to the person also the date, letterhead, contact and signatory', () => {
  for (const [name, variant] of letters) {
    const elements = variantDefinition(name, variant)!.mustSay.map((requirement) => requirement.element);
    expect(elements).toContain('reference');
    const source = fs.readFileSync(path.join(TEMPLATES_DIR, `${templateFile(name, variant)}.hbs`), 'utf8');
    if (/kind: letter/.test(source) || variant !== 'standard')
      expect(elements).toEqual(expect.arrayContaining(['date', 'letterhead', 'contact', 'signatory']));
  }
});

describe('no built-in template or partial is unsafe', () => {
  it.each(letters)('%s (%s): body and subject', (name, variant) => {
    const { body, subject } = variantDefinition(name, variant)!;
    expect(sourceSafetyProblems(body, renderer.partials)).toEqual([]);
    expect(sourceSafetyProblems(subject, renderer.partials)).toEqual([]);
  });

  it.each(renderer.partials)('partial %s', (name) => {
    const source = fs.readFileSync(path.join(TEMPLATES_DIR, 'partials', `${name}.hbs`), 'utf8');
    expect(sourceSafetyProblems(source, renderer.partials)).toEqual([]);
  });
});
