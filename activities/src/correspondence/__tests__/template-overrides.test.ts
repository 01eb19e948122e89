// Organisations' overrides of templates and partials (issue #5): used for that organisation only, recorded with
// their version, and tried before they are saved (strict compile, no unescaped output, every profile renders).
import fs from 'node:fs';
import path from 'node:path';
import {
  DEMO_ORGANISATIONS,
  type Complaint,
  type FinalResponseDraft,
  type Organisation,
  type StaffUser,
} from '@complaints/db';
import { listProfiles } from '@complaints/domain';
import type { CorrespondenceContext } from '../correspondence-context';
import { FIXED_PARTIALS, validateOverride } from '../override-validation';
import { templateContext } from '../template-context';
import { TEMPLATES_DIR, variantDefinition, variantsOf } from '../template-catalogue';
import { TEMPLATE_NAMES, type TemplateName, type TemplateVariant } from '../template-names';
import { TemplateRenderer, type ActiveOverride, type OrganisationOverrides } from '../template-renderer';

const renderer = new TemplateRenderer();
const HPFT = DEMO_ORGANISATIONS.find((organisation) => organisation.code === 'HPFT') as Organisation;
const NCT = DEMO_ORGANISATIONS.find((organisation) => organisation.code === 'NCT') as Organisation;
const profileOf = (organisation: Organisation) =>
  listProfiles().find((profile) => profile.id === organisation.profileId)!;

function contextFor(organisation: Organisation, facts: Record<string, unknown> = {}) {
  const context = {
    complaint: {
      reference: `${organisation.code}-2026-000001`,
      receivedOn: '2026-03-10',
      accessibilityNeeds: [],
      earlyResolutionSummary: null,
    } as unknown as Complaint,
    organisation,
    complainant: null,
    personAffected: null,
    profile: profileOf(organisation),
    handler: null,
    issues: [],
    finalResponseDraft: null as FinalResponseDraft | null,
    approver: null as StaffUser | null,
    plan: null,
    templateOverrides: { organisationCode: organisation.code, overrides: [] },
  } as CorrespondenceContext;
  return templateContext(context, { name: 'Alex <b>Example</b>', address: null }, facts, '2026-03-11');
}

const OWN_ACKNOWLEDGEMENT = '{{#> letter}}<p>Our own words about {{reference}}.</p>{{/letter}}';
/** Says all an acknowledgement must (issue #14), for every profile. */
const COMPLETE_ACKNOWLEDGEMENT =
  '{{#> letter}}<p>We acknowledge your complaint {{reference}}. We will look into your complaint and aim to send you our full response within {{responseTimescale}}{{#if includes.whenToExpectReply}}, by {{formatDate replyExpectedBy}}{{/if}}.</p>{{/letter}}';
const OWN_LETTERHEAD = '<div class="letterhead">{{organisation.name}}, our own letterhead</div>';

function overridesOf(organisation: Organisation, ...overrides: ActiveOverride[]): OrganisationOverrides {
  return { organisationCode: organisation.code, overrides };
}

describe("an organisation's overrides when rendering", () => {
  it('are used for that organisation only, and the item records the override and its version', () => {
    const own = renderer.render('acknowledgement', contextFor(HPFT), {
      overrides: overridesOf(HPFT, {
        name: 'acknowledgement',
        variant: 'standard',
        version: 3,
        body: OWN_ACKNOWLEDGEMENT,
      }),
    });
    expect(own).toMatchObject({
      template: 'acknowledgement',
      variant: 'standard',
      templateSource: 'organisation',
      templateVersion: 3,
      partialOverrides: [],
    });
    expect(own.html).toContain('<p>Our own words about HPFT-2026-000001.</p>');
    // Still in the standard letter layout, with its data escaped.
    expect(own.html).toContain('Dear Alex &lt;b&gt;Example&lt;/b&gt;,');

    const other = renderer.render('acknowledgement', contextFor(NCT), { overrides: overridesOf(NCT) });
    expect(other).toMatchObject({ templateSource: 'standard', templateVersion: 4 });
    expect(other.html).not.toContain('Our own words');

    const untouched = renderer.render('consent-request', contextFor(HPFT), {
      overrides: overridesOf(HPFT, {
        name: 'acknowledgement',
        variant: 'standard',
        version: 3,
        body: OWN_ACKNOWLEDGEMENT,
      }),
    });
    expect(untouched).toMatchObject({ templateSource: 'standard', templateVersion: 1 });
  });

  it('an overridden partial is used in every letter of that organisation that calls it, and recorded', () => {
    const letterhead = { name: 'letterhead', variant: 'standard', version: 2, body: OWN_LETTERHEAD } as const;
    for (let round = 0; round < 2; round++) {
      const own = renderer.render('acknowledgement', contextFor(HPFT), {
        overrides: overridesOf(HPFT, letterhead),
      });
      expect(own).toMatchObject({
        templateSource: 'standard',
        partialOverrides: [{ name: 'letterhead', version: 2 }],
      });
      expect(own.html).toContain(`${HPFT.name}, our own letterhead`);
      // Interleaved: the other organisation's letters keep the standard letterhead.
      const other = renderer.render('acknowledgement', contextFor(NCT), { overrides: overridesOf(NCT) });
      expect(other.html).not.toContain('our own letterhead');
      expect(other.partialOverrides).toEqual([]);
    }
    // A staff email does not use the letterhead, so it records none.
    const email = renderer.render(
      'deadline-reminder',
      contextFor(HPFT, { deadline: 'acknowledgement', due: '2026-03-13', rule: 'R-ACK-1' }),
      { overrides: overridesOf(HPFT, letterhead) },
    );
    expect(email.partialOverrides).toEqual([]);
  });

  it('an override of the easy-read variant leaves the standard letter alone', () => {
    const overrides = overridesOf(HPFT, {
      name: 'acknowledgement',
      variant: 'easy-read',
      version: 1,
      body: '{{#> easy-read-letter}}<p>Our easy words.</p>{{/easy-read-letter}}',
    });
    const easy = renderer.render('acknowledgement', contextFor(HPFT), { variant: 'easy-read', overrides });
    expect(easy).toMatchObject({ variant: 'easy-read', templateSource: 'organisation', templateVersion: 1 });
    expect(easy.html).toContain('Our easy words.');
    const standard = renderer.render('acknowledgement', contextFor(HPFT), { overrides });
    expect(standard).toMatchObject({ variant: 'standard', templateSource: 'standard' });
  });

  it('a new version is used as soon as it is in use, and none means the standard again', () => {
    const version = (n: number, words: string): OrganisationOverrides =>
      overridesOf(HPFT, {
        name: 'acknowledgement',
        variant: 'standard',
        version: n,
        body: `{{#> letter}}<p>${words}</p>{{/letter}}`,
      });
    expect(
      renderer.render('acknowledgement', contextFor(HPFT), { overrides: version(1, 'First.') }).html,
    ).toContain('First.');
    const second = renderer.render('acknowledgement', contextFor(HPFT), { overrides: version(2, 'Second.') });
    expect(second.html).toContain('Second.');
    expect(second.templateVersion).toBe(2);
    const reverted = renderer.render('acknowledgement', contextFor(HPFT), { overrides: overridesOf(HPFT) });
    expect(reverted).toMatchObject({ templateSource: 'standard', templateVersion: 4 });
    expect(reverted.html).not.toContain('Second.');
  });
});

describe('validateOverride', () => {
  const validate = (
    name: string,
    body: string,
    variant: 'standard' | 'easy-read' = 'standard',
    current: ActiveOverride[] = [],
  ) => validateOverride(renderer, HPFT, current, { name, variant, body });
  const read = (file: string) => fs.readFileSync(path.join(TEMPLATES_DIR, `${file}.hbs`), 'utf8');
  /** A template's body as its file has it, after the front matter. */
  const bodyOf = (name: TemplateName, variant: TemplateVariant) => variantDefinition(name, variant)!.body;

  it('accepts every standard template, variant and partial as it is (the example data covers them all)', () => {
    for (const name of TEMPLATE_NAMES) {
      for (const variant of variantsOf(name))
        expect({
          name,
          variant,
          problems: validate(name, bodyOf(name, variant), variant),
        }).toEqual({
          name,
          variant,
          problems: [],
        });
    }
    for (const partial of renderer.partials.filter((name) => !FIXED_PARTIALS.includes(name)))
      expect({ partial, problems: validate(partial, read(`partials/${partial}`)) }).toEqual({
        partial,
        problems: [],
      });
    // R-RESP-3: the Ombudsman's details are not any organisation's to change, even to the same words.
    for (const partial of FIXED_PARTIALS)
      expect(validate(partial, read(`partials/${partial}`))).toEqual([
        { field: 'name', reason: expect.stringContaining("holds the Ombudsman's details") },
      ]);
  });

  it('refuses unescaped output: triple-stash and {{& }}', () => {
    for (const body of [
      '{{#> letter}}<p>{{{recipient.name}}}</p>{{/letter}}',
      '{{#> letter}}<p>{{& recipient.name}}</p>{{/letter}}',
    ]) {
      expect(validate('acknowledgement', body)).toEqual([
        { field: 'body', reason: expect.stringContaining('unescaped') },
      ]);
    }
    expect(validate('letterhead', '<div>{{{organisation.name}}}</div>')).toEqual([
      { field: 'body', reason: expect.stringContaining('unescaped') },
    ]);
  });

  it('refuses what does not compile, or does not render for every profile in strict mode', () => {
    expect(validate('acknowledgement', '{{#> letter}}<p>{{#if reference}}</p>{{/letter}}')).toEqual([
      { field: 'body', reason: expect.stringMatching(/^does not compile: /) },
    ]);
    expect(validate('acknowledgement', '{{#> letter}}<p>{{recipient.nmae}}</p>{{/letter}}')).toEqual([
      {
        field: 'body',
        reason: expect.stringMatching(
          /^does not render acknowledgement for the \S+ profile \(v1\): "nmae" not defined/,
        ),
      },
    ]);
    expect(validate('acknowledgement', '{{#> letter}}<p>{{shout reference}}</p>{{/letter}}')).toEqual([
      { field: 'body', reason: 'calls shout, which is not a helper letters may use' },
    ]);
    // A partial is tried in every letter that calls it.
    expect(validate('signature', '<p>{{signatory.name.first}}</p>')).toEqual([
      { field: 'body', reason: expect.stringMatching(/^does not render acknowledgement for the/) },
    ]);
    expect(validate('acknowledgement', '   ')).toEqual([{ field: 'body', reason: 'is empty' }]);
  });

  it('refuses a variant the template does not have, and a variant of a partial', () => {
    expect(validate('reopened', '{{#> letter}}<p>Hi</p>{{/letter}}', 'easy-read')).toEqual([
      { field: 'variant', reason: 'reopened has no easy-read variant' },
    ]);
    expect(validate('letterhead', OWN_LETTERHEAD, 'easy-read')).toEqual([
      { field: 'variant', reason: expect.stringContaining('a partial is shared by every variant') },
    ]);
  });

  it('refuses a final response (standard or easy read) that leaves out an element of R-RESP-1', () => {
    for (const variant of ['standard', 'easy-read'] as const) {
      const body = bodyOf('final-response', variant).replace(
        /\{\{> text-block text=finalResponse\.sections\.impact\}\}/,
        '',
      );
      expect(validate('final-response', body, variant)).toEqual([
        {
          field: 'body',
          element: 'impact',
          reason: expect.stringMatching(/^leaves out the R-RESP-1 element impact \(final-response/),
        },
      ]);
    }
    // A letter layout that drops the letter's body leaves out everything.
    expect(validate('letter', read('partials/letter').replace('{{> @partial-block}}', ''))).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'body', element: 'acknowledges' }),
        expect.objectContaining({ field: 'body', element: 'impact' }),
      ]),
    );
  });
});

describe("an organisation's subject line", () => {
  const OWN_SUBJECT = 'Complaint {{reference}}: we have it';
  const validate = (name: string, candidate: { body?: string; subject?: string }) =>
    validateOverride(renderer, HPFT, [], { name, variant: 'standard', ...candidate });

  it('is used in place of the standard subject, in the letter too, and recorded as the override', () => {
    const own = renderer.render('acknowledgement', contextFor(HPFT), {
      overrides: overridesOf(HPFT, {
        name: 'acknowledgement',
        variant: 'standard',
        version: 4,
        subject: OWN_SUBJECT,
      }),
    });
    expect(own).toMatchObject({
      subject: 'Complaint HPFT-2026-000001: we have it',
      templateSource: 'organisation',
      templateVersion: 4,
    });
    expect(own.html).toContain('<title>Complaint HPFT-2026-000001: we have it</title>');
    // The standard body, as it is without the override.
    const standard = renderer.render('acknowledgement', contextFor(HPFT));
    expect(own.html.replaceAll(own.subject, standard.subject)).toBe(standard.html);
    // Another organisation keeps the standard subject.
    expect(renderer.render('acknowledgement', contextFor(NCT), { overrides: overridesOf(NCT) }).subject).toBe(
      'Your complaint NCT-2026-000001: acknowledgement',
    );
  });

  it('is accepted alone or with a body', () => {
    expect(validate('acknowledgement', { subject: OWN_SUBJECT })).toEqual([]);
    expect(validate('acknowledgement', { subject: OWN_SUBJECT, body: COMPLETE_ACKNOWLEDGEMENT })).toEqual([]);
    expect(validate('acknowledgement', {})).toEqual([
      { field: 'body', reason: 'give a body, a subject line, or both' },
    ]);
  });

  it.each([
    ['is empty', ' ', 'is empty'],
    ['is more than one line', 'Complaint {{reference}}\nBcc: someone@example.test', 'must be one line'],
    ['does not compile', 'Complaint {{#if reference}}', /^does not compile: /],
    ['prints a value unescaped', 'Complaint {{{reference}}}', /unescaped/],
    [
      'does not render for every profile',
      'Complaint {{reference}} for {{recipient.nmae}}',
      /^does not render acknowledgement for the \S+ profile \(v1\): "nmae" not defined/,
    ],
  ])('is refused when it %s, naming the subject', (_why, subject, reason) => {
    expect(validate('acknowledgement', { subject })).toEqual([
      { field: 'subject', reason: typeof reason === 'string' ? reason : expect.stringMatching(reason) },
    ]);
  });

  it('is refused for a partial, which has none', () => {
    expect(validate('letterhead', { body: OWN_LETTERHEAD, subject: OWN_SUBJECT })).toEqual([
      { field: 'subject', reason: expect.stringContaining('a partial has no subject line') },
    ]);
  });
});
