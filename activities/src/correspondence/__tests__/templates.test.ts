// The Handlebars templates (activities/templates) for every policy profile, rendered with the context the
// correspondence activity builds (see `renderFor` in send-correspondence.activity.ts).
import { DEMO_ORGANISATIONS, type Complaint, type Organisation } from '@complaints/db';
import { calendarMonthsAfterReceipt, listProfiles, type PolicyProfile } from '@complaints/domain';
import type { CorrespondenceContext } from '../correspondence-context';
import { templateContext } from '../template-context';
import { formatLongDate, TEMPLATE_CATALOGUE, TemplateRenderer, type TemplateName } from '../templates';

const renderer = new TemplateRenderer();
const TEMPLATE_NAMES = Object.keys(TEMPLATE_CATALOGUE) as TemplateName[];
const RECEIVED_ON = '2026-03-10';
const TODAY = '2026-03-11';
const DUE = '2026-03-13';
const SUMMARY =
  'You told us your appointment was cancelled twice without notice. We apologised, booked you a new appointment for 2 April and reminded the clinic team to tell patients of any change.';

/** The deadlines the complaint lifecycle keeps, each with the label the workflow passes and its rule. */
const DEADLINES = [
  { deadline: 'acknowledgement', rule: 'R-ACK-1' },
  { deadline: 'early-resolution aim', rule: 'R-ER-1' },
  { deadline: 'final response', rule: 'R-INV-4' },
] as const;

interface Fixture {
  profile: PolicyProfile;
  reference?: string;
  recipientName?: string;
  address?: { lines: string[]; postcode: string } | null;
  handlerName?: string | null;
  accessibilityNeeds?: string[];
  earlyResolutionSummary?: string | null;
  facts?: { deadline: string; due: string; rule: string };
}

function organisationFor(profile: PolicyProfile): Organisation {
  const organisation = DEMO_ORGANISATIONS.find((candidate) => candidate.profileId === profile.id);
  if (!organisation) throw new Error(`no demo organisation for profile ${profile.id}`);
  return organisation as Organisation;
}

function referenceFor(profile: PolicyProfile): string {
  return `${organisationFor(profile).code}-2026-000417`;
}

/** The context the activity builds (`templateContext`), from a complaint, its organisation and its pinned profile. */
function contextFor(fixture: Fixture): Record<string, unknown> {
  const { profile } = fixture;
  const organisation = organisationFor(profile);
  const accessibilityNeeds = fixture.accessibilityNeeds ?? [];
  const complaint = {
    reference: fixture.reference ?? referenceFor(profile),
    receivedOn: RECEIVED_ON,
    accessibilityNeeds,
    earlyResolutionSummary:
      fixture.earlyResolutionSummary === undefined ? SUMMARY : fixture.earlyResolutionSummary,
  } as unknown as Complaint;
  const context = {
    complaint,
    organisation,
    profile,
    complainant: null,
    handler: fixture.handlerName ? { displayName: fixture.handlerName } : null,
  } as CorrespondenceContext;
  return templateContext(
    context,
    { name: fixture.recipientName ?? 'Alex Example', address: fixture.address ?? null },
    fixture.facts ?? { deadline: 'acknowledgement', due: DUE, rule: 'R-ACK-1' },
    TODAY,
  );
}

const squash = (value: string) => value.replace(/\s+/g, ' ');

/** A phrase that shows each optional acknowledgement section (R-ACK-1), keyed by the profile setting. */
const SECTION_MARKERS = {
  'discussion-of-handling': 'We would like to talk with you about how we will look into your complaint',
  'copy-of-procedure': 'Our complaints procedure',
  'who-is-handling': 'Your complaint is being handled by',
  'when-to-expect-reply': 'We aim to send you a full reply by',
  'free-review-consultation-offer': 'free review consultation',
} as const;

describe('formatLongDate', () => {
  it('formats an ISO date as a long British date', () => {
    expect(formatLongDate('2026-12-31')).toBe('Thursday 31 December 2026');
    expect(formatLongDate('2028-02-29')).toBe('Tuesday 29 February 2028');
    expect(formatLongDate('2026-03-29')).toBe('Sunday 29 March 2026');
  });

  it('refuses anything that is not an ISO date, so no letter goes out with a blank date', () => {
    expect(() => formatLongDate('31/12/2026')).toThrow(/ISO date/);
    expect(() => formatLongDate(undefined)).toThrow(/ISO date/);
    expect(() => formatLongDate(20261231)).toThrow(/ISO date/);
  });
});

describe.each(listProfiles().map((profile) => [`${profile.id} v${profile.version}`, profile] as const))(
  'templates for the %s profile',
  (_label, profile) => {
    const organisation = organisationFor(profile);
    const reference = referenceFor(profile);

    it.each(TEMPLATE_NAMES)('renders %s with its catalogue version, subject, html and text', (name) => {
      const rendered = renderer.render(name, contextFor({ profile }));
      expect(rendered.template).toBe(name);
      expect(rendered.templateVersion).toBe(TEMPLATE_CATALOGUE[name].version);
      expect(rendered.subject).toContain(reference);
      expect(rendered.html).toMatch(/^<!DOCTYPE html>/);
      expect(rendered.html).toContain(`<title>${rendered.subject}</title>`);
      for (const part of [squash(rendered.html), squash(rendered.text)]) {
        expect(part).toContain(reference);
        expect(part).toContain(organisation.name);
      }
      expect(rendered.text).not.toMatch(/<\/?(p|div|html|body)\b/);
    });

    it('acknowledgement: addressed to the recipient, with the receipt date and the sections the profile requires', () => {
      const rendered = renderer.render(
        'acknowledgement',
        contextFor({ profile, recipientName: 'Alex Example' }),
      );
      expect(rendered.subject).toBe(`Your complaint ${reference}: acknowledgement`);
      const html = squash(rendered.html);
      const text = squash(rendered.text);
      for (const part of [html, text]) {
        expect(part).toContain('Dear Alex Example,');
        expect(part).toContain('We received your complaint on Tuesday 10 March 2026');
        expect(part).toContain(formatLongDate(TODAY));
        expect(part).toContain('Complaints Team');
      }
      const required = new Set<string>(profile.acknowledgement.includes);
      const shown = Object.fromEntries(
        Object.entries(SECTION_MARKERS).map(([section, marker]) => [section, text.includes(marker)]),
      );
      const expected = Object.fromEntries(
        Object.keys(SECTION_MARKERS).map((section) => [section, required.has(section)]),
      );
      expect(shown).toEqual(expected);
      expect(text.includes('formal acknowledgement')).toBe(profile.acknowledgement.style === 'in-writing');
    });

    it('acknowledgement by letter: the postal address block, HTML-escaped', () => {
      const address = { lines: ['Flat 2 & 3', '12 Acacia Avenue'], postcode: 'AL10 9AB' };
      const rendered = renderer.render('acknowledgement', contextFor({ profile, address }));
      expect(squash(rendered.html)).toContain(
        '<div class="address"> Alex Example<br> Flat 2 &amp; 3<br>12 Acacia Avenue<br> AL10 9AB </div>',
      );
      expect(squash(rendered.text)).toContain('Flat 2 & 3');
    });

    describe.each(DEADLINES)('staff templates for the $deadline deadline ($rule)', ({ deadline, rule }) => {
      const facts = { deadline, due: DUE, rule };

      it('deadline-reminder: the deadline, its rule and the due date, and no personal data', () => {
        const rendered = renderer.render(
          'deadline-reminder',
          contextFor({ profile, recipientName: 'Alex Example', facts }),
        );
        expect(rendered.subject).toBe(
          `Reminder: ${deadline} for complaint ${reference} due Friday 13 March 2026`,
        );
        for (const part of [squash(rendered.html), squash(rendered.text)]) {
          expect(part).toContain(
            `The ${deadline} for complaint ${reference} is due by the end of Friday 13 March 2026 (rule ${rule}), and it has not been met yet.`,
          );
          expect(part).toContain(`${organisation.name} — complaints`);
        }
        expect(rendered.html).toContain(`<title>${rendered.subject}</title>`);
        expect(rendered.html).not.toContain('Alex Example');
        expect(rendered.html).not.toContain(SUMMARY);
      });

      it('deadline-breach: the missed deadline, its rule and the due date, for the complaints manager', () => {
        const rendered = renderer.render(
          'deadline-breach',
          contextFor({ profile, recipientName: 'Alex Example', facts }),
        );
        expect(rendered.subject).toBe(
          `Escalation: ${deadline} for complaint ${reference} missed (Friday 13 March 2026)`,
        );
        for (const part of [squash(rendered.html), squash(rendered.text)]) {
          expect(part).toContain(
            `The ${deadline} for complaint ${reference} was due by the end of Friday 13 March 2026 (rule ${rule}) and has been missed.`,
          );
          expect(part).toContain('As complaints manager, please make sure it is dealt with now');
        }
        expect(rendered.html).toContain(`<title>${rendered.subject}</title>`);
        expect(rendered.html).not.toContain('Alex Example');
        expect(rendered.html).not.toContain(SUMMARY);
      });
    });

    it('early-resolution-summary: addressed to the recipient, with the summary of how the complaint was resolved (R-ER-1)', () => {
      const rendered = renderer.render(
        'early-resolution-summary',
        contextFor({ profile, recipientName: 'Alex Example' }),
      );
      expect(rendered.subject).toBe(`Your complaint ${reference}: how it was resolved`);
      for (const part of [squash(rendered.html), squash(rendered.text)]) {
        expect(part).toContain('Dear Alex Example,');
        expect(part).toContain('which we received on Tuesday 10 March 2026');
        expect(part).toContain('Your complaint and how it was resolved');
        expect(part).toContain(SUMMARY);
        expect(part).toContain(formatLongDate(TODAY));
        expect(part).toContain('Complaints Team');
        expect(part).toContain('Help with your complaint');
      }
    });

    it('early-resolution-summary by letter: the postal address block', () => {
      const address = { lines: ['12 Acacia Avenue', 'Hatfield'], postcode: 'AL10 9AB' };
      const rendered = renderer.render('early-resolution-summary', contextFor({ profile, address }));
      expect(squash(rendered.html)).toContain(
        '<div class="address"> Alex Example<br> 12 Acacia Avenue<br>Hatfield<br> AL10 9AB </div>',
      );
    });

    it('early-resolution-summary without a summary recorded still renders the letter', () => {
      const rendered = renderer.render(
        'early-resolution-summary',
        contextFor({ profile, earlyResolutionSummary: null }),
      );
      expect(rendered.subject).toBe(`Your complaint ${reference}: how it was resolved`);
      const text = squash(rendered.text);
      expect(text).toContain('We are glad that we have been able to resolve it with you');
      expect(text).toContain('our complaints procedure has now ended for this complaint');
      expect(text).not.toContain(SUMMARY);
      expect(rendered.html).not.toMatch(/<p>\s*<\/p>/);
      expect(text).not.toMatch(/null|undefined/);
    });
  },
);

describe('profile-specific acknowledgements (R-ACK-1)', () => {
  const profile = (id: string) => listProfiles().find((candidate) => candidate.id === id)!;
  const textOf = (id: string, fixture: Partial<Fixture> = {}) =>
    squash(renderer.render('acknowledgement', contextFor({ profile: profile(id), ...fixture })).text);

  it('CWTH: the complaints procedure, who is handling it and the reply-by date a calendar month after receipt', () => {
    const text = textOf('cwth', { handlerName: 'Sam Handler' });
    const replyBy = calendarMonthsAfterReceipt(RECEIVED_ON, 1);
    expect(replyBy).toBe('2026-04-10');
    expect(text).toContain('We aim to send you a full reply by Friday 10 April 2026');
    expect(text).toContain('Our complaints procedure');
    expect(text).toContain('We acknowledge your complaint within 5 working days of receiving it.');
    expect(text).toContain('a definitive reply within a calendar month');
    expect(text).toContain('Your complaint is being handled by Sam Handler.');
  });

  it('CWTH without a handler yet: says the complaints team is handling it', () => {
    expect(textOf('cwth')).toMatch(/Your complaint is being handled by a member of the complaints team/);
  });

  it('iTrust: offers a free review consultation, and nothing about the procedure', () => {
    const text = textOf('itrust');
    expect(text).toContain(
      'We would also like to offer you a free review consultation with a clinician who was not involved in your care',
    );
    expect(text).not.toContain('Our complaints procedure');
  });

  it('PHSO model: discusses how the complaint will be handled', () => {
    const text = textOf('phso-model');
    expect(text).toContain('We would like to talk with you about how we will look into your complaint');
    expect(text).not.toContain('free review consultation');
  });

  it('HPFT: a formal written acknowledgement that also discusses handling', () => {
    const text = textOf('hpft');
    expect(text).toContain('this letter is our formal acknowledgement of it');
    expect(text).toContain('We would like to talk with you about how we will look into your complaint');
  });

  it('large print and accessibility needs are reflected in the letter', () => {
    const rendered = renderer.render(
      'acknowledgement',
      contextFor({ profile: profile('hpft'), accessibilityNeeds: ['large-print', 'interpreter'] }),
    );
    expect(rendered.html).toContain('font-size: 18pt');
    expect(squash(rendered.text)).toContain(
      'we will make these adjustments in how we communicate with you: large-print, interpreter.',
    );
    const plain = renderer.render('acknowledgement', contextFor({ profile: profile('hpft') }));
    expect(plain.html).toContain('font-size: 12pt');
    expect(plain.text).not.toContain('adjustments');
  });
});

describe('escaping and strictness', () => {
  const hpft = listProfiles().find((candidate) => candidate.id === 'hpft')!;
  const hostile = '<script>alert(1)</script>';

  it('HTML-escapes case data in the html part and keeps it literal in the text part', () => {
    const rendered = renderer.render(
      'acknowledgement',
      contextFor({
        profile: hpft,
        recipientName: hostile,
        address: { lines: ['<b>1 Evil Road</b>'], postcode: 'EV1 1IL' },
      }),
    );
    expect(rendered.html).not.toContain('<script>');
    expect(rendered.html).not.toContain('<b>1 Evil Road');
    expect(rendered.html).toContain('Dear &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(rendered.html).toContain('&lt;b&gt;1 Evil Road&lt;/b&gt;');
    expect(rendered.text).toContain(`Dear ${hostile},`);
  });

  it('does not let the reference smuggle markup into the html title or body', () => {
    const rendered = renderer.render(
      'deadline-reminder',
      contextFor({ profile: hpft, reference: '<i>REF</i>' }),
    );
    expect(rendered.subject).toContain('<i>REF</i>');
    expect(rendered.html).not.toContain('<i>');
    expect(rendered.html).toContain('<title>Reminder: acknowledgement for complaint &lt;i&gt;REF&lt;/i&gt;');
  });

  it('HTML-escapes the deadline label from the facts in the staff email', () => {
    const rendered = renderer.render(
      'deadline-breach',
      contextFor({ profile: hpft, facts: { deadline: '<b>final</b> response', due: DUE, rule: 'R-INV-4' } }),
    );
    expect(rendered.subject).toContain('Escalation: <b>final</b> response for complaint');
    expect(rendered.html).not.toContain('<b>');
    expect(rendered.html).toContain('The &lt;b&gt;final&lt;/b&gt; response for complaint');
    expect(squash(rendered.text)).toContain('The <b>final</b> response for complaint');
  });

  it('HTML-escapes the early-resolution summary in the html part and keeps it literal in the text part', () => {
    const summary = `We agreed ${hostile} & apologised for the "delay".`;
    const rendered = renderer.render(
      'early-resolution-summary',
      contextFor({ profile: hpft, earlyResolutionSummary: summary }),
    );
    expect(rendered.html).not.toContain('<script>');
    expect(rendered.html).toContain(
      'We agreed &lt;script&gt;alert(1)&lt;/script&gt; &amp; apologised for the &quot;delay&quot;.',
    );
    expect(squash(rendered.text)).toContain(summary);
  });

  it('throws on a missing variable instead of rendering a blank', () => {
    const { reference: _reference, ...withoutReference } = contextFor({ profile: hpft });
    expect(() => renderer.render('acknowledgement', withoutReference)).toThrow(/"reference" not defined/);
    const { organisation: _organisation, ...withoutOrganisation } = contextFor({ profile: hpft });
    expect(() => renderer.render('deadline-breach', withoutOrganisation)).toThrow(
      /"name" not defined in undefined/,
    );
    for (const name of ['deadline-reminder', 'deadline-breach'] as const) {
      expect(() =>
        renderer.render(name, {
          ...contextFor({ profile: hpft }),
          facts: { deadline: 'acknowledgement', due: DUE },
        }),
      ).toThrow(/"rule" not defined/);
      expect(() =>
        renderer.render(name, { ...contextFor({ profile: hpft }), facts: { due: DUE, rule: 'R-ACK-1' } }),
      ).toThrow(/"deadline" not defined/);
      expect(() =>
        renderer.render(name, {
          ...contextFor({ profile: hpft }),
          facts: { deadline: 'acknowledgement', due: '13/03/2026', rule: 'R-ACK-1' },
        }),
      ).toThrow(/ISO date/);
    }
    const { signatory: _signatory, ...withoutSignatory } = contextFor({ profile: hpft });
    expect(() => renderer.render('acknowledgement', withoutSignatory)).toThrow(/"signatory" not defined/);
  });

  it('knows its templates by name only', () => {
    expect(TEMPLATE_NAMES.every((name) => TemplateRenderer.isTemplate(name))).toBe(true);
    expect(TemplateRenderer.isTemplate('toString')).toBe(false);
    expect(TemplateRenderer.isTemplate('final-response')).toBe(false);
    expect([...TEMPLATE_NAMES].sort()).toEqual([
      'acknowledgement',
      'deadline-breach',
      'deadline-reminder',
      'early-resolution-summary',
    ]);
    expect(TemplateRenderer.isTemplate('acknowledgement-reminder')).toBe(false);
    expect(TemplateRenderer.isTemplate('acknowledgement-breach')).toBe(false);
  });
});
