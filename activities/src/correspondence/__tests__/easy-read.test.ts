// The easy-read variants (R-INT-2 reasonable adjustments) for every policy profile: chosen for a person who asked
// for easy read, with the same facts as the standard letter, key facts in boxes, short sentences, large print on
// top, case data escaped; and the final response keeps every element of R-RESP-1.
import fs from 'node:fs';
import path from 'node:path';
import {
  DEMO_ORGANISATIONS,
  type Complaint,
  type ComplaintIssue,
  type FinalResponseDraft,
  type Organisation,
  type StaffUser,
} from '@complaints/db';
import {
  listProfiles,
  ombudsmanRoute,
  type FinalResponseContent,
  type OmbudsmanId,
  type PolicyProfile,
} from '@complaints/domain';
import type { CorrespondenceContext } from '../correspondence-context';
import { renderForComplaint, variantFor } from '../render-for-complaint';
import { templateContext, type TemplateRecipient } from '../template-context';
import { TEMPLATES_DIR, variantDefinition, variantsOf } from '../template-catalogue';
import { TEMPLATE_NAMES, type TemplateName } from '../template-names';
import { TemplateRenderer } from '../template-renderer';
import { EASY_READ_OUTCOME_LABELS } from '../template-wording';

const renderer = new TemplateRenderer();
const EASY_READ = TEMPLATE_NAMES.filter((name) => variantsOf(name).includes('easy-read'));
const RECEIVED = 'Tuesday 10 March 2026';
const HOSTILE = '<script>alert(1)</script>';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';

const ISSUES = [
  { id: 'issue-a', position: 1, description: 'My appointment was cancelled twice.' },
  { id: 'issue-b', position: 2, description: 'Nobody returned my calls.' },
];

const SECTIONS = {
  'issues-and-outcome-sought': 'You wanted a new appointment.',
  'how-investigated': 'We spoke to the clinic team.',
  'evidence-considered': 'We read the appointment records.',
  'what-went-wrong': 'We should have told you about the cancellation.',
  impact: 'You took two days off work.',
  apology: 'We are sorry we did not tell you.',
  'wider-learning': 'The clinic now phones every patient.',
  'staying-involved': 'We will write to you as each action is done.',
};

function draft(): FinalResponseContent {
  return {
    sections: { ...SECTIONS },
    findings: [
      { issueId: 'issue-b', outcome: 'partially-upheld', finding: 'Only one call was returned.' },
      { issueId: 'issue-a', outcome: 'upheld', finding: 'Both were cancelled without notice.' },
    ],
    remedies: [{ kind: 'apology', detail: 'This letter is our apology.' }],
    actions: [{ id: 'a1', description: 'Train the reception team', ownerId: 'manager', due: '2026-07-31' }],
    careContext: 'nhs-care',
  };
}

interface Fixture {
  profile: PolicyProfile;
  accessibilityNeeds?: string[];
  recipient?: Partial<TemplateRecipient>;
  facts?: Record<string, unknown>;
  content?: FinalResponseContent;
  coverLetter?: string;
  summary?: string;
  approverName?: string;
  issues?: { id: string; position: number; description: string }[];
}

const organisationFor = (profile: PolicyProfile) =>
  DEMO_ORGANISATIONS.find((candidate) => candidate.profileId === profile.id) as Organisation;
const referenceFor = (profile: PolicyProfile) => `${organisationFor(profile).code}-2026-000417`;
const routeFor = (profile: PolicyProfile): OmbudsmanId => ombudsmanRoute(profile, 'nhs-care')!;

/** The complaint's record as the activity loads it, for a person who asked for easy read. */
function correspondenceContext(fixture: Fixture): CorrespondenceContext {
  const { profile } = fixture;
  return {
    complaint: {
      reference: referenceFor(profile),
      receivedOn: '2026-03-10',
      accessibilityNeeds: fixture.accessibilityNeeds ?? ['easy-read'],
      earlyResolutionSummary: fixture.summary ?? 'We booked you a new appointment for 2 April.',
    } as Complaint,
    organisation: organisationFor(profile),
    complainant: null,
    personAffected: null,
    profile,
    handler: { displayName: 'Sam Handler' } as StaffUser,
    issues: (fixture.issues ?? ISSUES) as ComplaintIssue[],
    finalResponseDraft: {
      version: 2,
      content: fixture.content ?? draft(),
      coverLetter: fixture.coverLetter ?? 'I have read your complaint myself.',
    } as FinalResponseDraft,
    approver: { displayName: fixture.approverName ?? 'Jo Director', roles: ['senior-manager'] } as StaffUser,
    plan: null,
    templateOverrides: { organisationCode: organisationFor(profile).code, overrides: [] },
  } as CorrespondenceContext;
}

function factsFor(name: TemplateName, profile: PolicyProfile): Record<string, unknown> {
  const facts: Partial<Record<TemplateName, Record<string, unknown>>> = {
    'final-response': {
      finalResponseVersion: 2,
      ombudsman: routeFor(profile),
      round: 'first',
      stageTwoAvailable: profile.afterResponse.stageTwo !== null,
    },
    'final-response-cover': { finalResponseVersion: 2 },
    'timescale-extended': {
      previousDue: '2026-04-14',
      newDue: '2026-05-12',
      reason: 'complexity',
      progressReport: false,
      agreedWith: 'complainant',
      agreedOn: '2026-05-11',
      agreedBy: 'telephone',
    },
    'six-month-delay': { likelyBy: '2026-10-30', approvedBy: 'senior-manager' },
    'out-of-scope': { whole: true, matter: 'employment' },
    'out-of-time': { decision: 'not-considered', ombudsman: routeFor(profile) },
  };
  return facts[name] ?? {};
}

/** Renders as the activity does: the variant is chosen from the complaint's accessibility needs. */
function render(name: TemplateName, fixture: Fixture) {
  const rendered = renderForComplaint(
    renderer,
    name,
    correspondenceContext(fixture),
    { name: 'Alex Example', address: null, ...fixture.recipient },
    { ...factsFor(name, fixture.profile), ...fixture.facts },
    '2026-03-11',
  );
  const boxes = [...rendered.html.matchAll(/<div class="box">([\s\S]*?)<\/div>/g)].map((match) =>
    squash(match[1].replace(/<[^>]+>/g, ' ')),
  );
  return { ...rendered, squashedText: squash(rendered.text), boxes };
}

const squash = (value: string) => value.replace(/\s+/g, ' ').trim();

/** Key facts each easy-read letter shows in a box (beyond the date, reference and who to contact). */
const KEY_FACTS_IN_BOXES: Record<string, string[]> = {
  acknowledgement: [`We got your complaint on: ${RECEIVED}`],
  'early-resolution-summary': [`We got your complaint on: ${RECEIVED}`, 'We booked you a new appointment'],
  'timescale-extended': [
    'We now aim to send you our full answer by: Tuesday 12 May 2026',
    'We agreed this date with you on Monday 11 May 2026.',
  ],
  'six-month-delay': ['We now think we will send you our final answer by: Friday 30 October 2026'],
  'final-response': [
    `We got your complaint on: ${RECEIVED}`,
    'Train the reception team By: Friday 31 July 2026',
    '1. My appointment was cancelled twice. We agree with you (Upheld)',
  ],
  'final-response-cover': ['Our full answer to your complaint comes with this letter.'],
  'consent-request': ['Ask the person to sign a short note to say they agree.'],
  'out-of-scope': ['Talk to our Human Resources (HR) team about our grievance procedure.'],
  'out-of-time': ['We cannot look at your complaint.'],
};

describe('the easy-read variants', () => {
  it('are the letters people most receive, each with its own file and version', () => {
    expect([...EASY_READ].sort()).toEqual([
      'acknowledgement',
      'consent-request',
      'early-resolution-summary',
      'final-response',
      'final-response-cover',
      'out-of-scope',
      'out-of-time',
      'six-month-delay',
      'timescale-extended',
    ]);
    const files = fs
      .readdirSync(path.join(TEMPLATES_DIR, 'easy-read'))
      .map((file) => path.basename(file, '.hbs'));
    expect(files.sort()).toEqual([...EASY_READ].sort());
    for (const name of EASY_READ) {
      expect(variantDefinition(name, 'easy-read')!.version).toBeGreaterThanOrEqual(1);
      expect(variantDefinition(name, 'easy-read')!.subject).toContain('{{reference}}');
    }
  });

  it('are chosen when the person asked for easy read and the letter has one, else the standard letter is', () => {
    expect(variantFor('acknowledgement', ['easy-read'])).toBe('easy-read');
    expect(variantFor('acknowledgement', ['large-print', 'easy-read'])).toBe('easy-read');
    expect(variantFor('acknowledgement', ['large-print'])).toBe('standard');
    expect(variantFor('reopened', ['easy-read'])).toBe('standard');
    expect(variantFor('deadline-reminder', ['easy-read'])).toBe('standard');
  });

  it('falls back to the standard letter, in large print when asked, where there is no easy-read variant', () => {
    const profile = listProfiles()[0];
    const rendered = render('reopened', {
      profile,
      accessibilityNeeds: ['easy-read', 'large-print'],
      facts: { due: null },
    });
    expect(rendered).toMatchObject({ template: 'reopened', variant: 'standard', templateVersion: 1 });
    expect(rendered.html).toContain('font-size: 18pt');
  });
});

describe.each(listProfiles().map((profile) => [`${profile.id} v${profile.version}`, profile] as const))(
  'easy read for the %s profile',
  (_label, profile) => {
    const organisation = organisationFor(profile);
    const reference = referenceFor(profile);

    describe.each(EASY_READ)('%s', (name) => {
      it.each(['standard', 'large'] as const)('renders in easy read (%s print)', (print) => {
        const rendered = render(name, {
          profile,
          accessibilityNeeds: print === 'large' ? ['large-print', 'easy-read'] : ['easy-read'],
        });
        expect(rendered).toMatchObject({
          template: name,
          variant: 'easy-read',
          templateSource: 'standard',
          templateVersion: variantDefinition(name, 'easy-read')!.version,
          partialOverrides: [],
        });
        expect(rendered.subject).toContain(reference);
        expect(rendered.html).toMatch(/^<!DOCTYPE html>/);
        expect(rendered.html).toContain(`<title>${rendered.subject}</title>`);
        // Bigger text than the standard letter, and bigger still in large print.
        expect(rendered.html).toContain(print === 'large' ? 'font-size: 20pt' : 'font-size: 16pt');
        expect(rendered.squashedText).toContain('Dear Alex Example,');
        expect(rendered.squashedText).toContain(organisation.name);
        expect(rendered.text).not.toMatch(/undefined|\bnull\b|\[object Object\]/);
        expect(rendered.html).not.toMatch(/<p>\s*<\/p>/);

        // Key facts in boxes: the date, the reference and who to contact, then the letter's own.
        expect(rendered.boxes[0]).toBe(`Date: Wednesday 11 March 2026 Your complaint number: ${reference}`);
        const contact = rendered.boxes.find((box) => box.startsWith('Who to contact:'));
        expect(contact).toContain(`Tell them your complaint number: ${reference}`);
        if (organisation.letterhead.telephone)
          expect(contact).toContain(`Phone: ${organisation.letterhead.telephone}`);
        if (organisation.letterhead.email)
          expect(contact).toContain(`Email: ${organisation.letterhead.email}`);
        for (const fact of KEY_FACTS_IN_BOXES[name])
          expect(rendered.boxes.some((box) => box.includes(fact))).toBe(true);

        // Short sentences: none of the letter's own words run past 25 in a sentence.
        const sentences = rendered.text
          .split(/\n\s*\n|(?<=[.?!:])\s+/)
          .map((sentence) => squash(sentence))
          .filter((sentence) => sentence !== '');
        const long = sentences.filter((sentence) => sentence.split(' ').length > 25);
        expect(long).toEqual([]);
      });

      it('HTML-escapes case data and keeps it literal in the text', () => {
        const rendered = render(name, {
          profile,
          recipient: { name: HOSTILE, address: { lines: [`1 ${HOSTILE} Road`], postcode: 'AL1 1AA' } },
          summary: `Summary ${HOSTILE}`,
          coverLetter: `Cover ${HOSTILE}`,
          approverName: HOSTILE,
          issues: [{ ...ISSUES[0], description: `Issue ${HOSTILE}` }, ISSUES[1]],
        });
        expect(rendered.html).not.toContain('<script>');
        expect(rendered.html).toContain(`Dear ${ESCAPED},`);
        expect(rendered.html).toContain(`1 ${ESCAPED} Road`);
        expect(rendered.text).toContain(`Dear ${HOSTILE},`);
      });
    });

    it('early-resolution-summary: what was agreed, escaped, in a box', () => {
      const { html, boxes } = render('early-resolution-summary', {
        profile,
        summary: `We agreed ${HOSTILE} & more.`,
      });
      expect(html).toContain(`We agreed ${ESCAPED} &amp; more.`);
      expect(boxes).toContain(`We agreed ${ESCAPED} &amp; more.`);
    });

    it('final-response: every R-RESP-1 element, in the order of the rule', () => {
      const { html, squashedText } = render('final-response', { profile });
      let previous = -1;
      const headings = EASY_READ_RESP_1_HEADINGS(profile.afterResponse.stageTwo !== null);
      for (const [element, heading] of headings) {
        expect({ element, shown: html.includes(`<h2>${heading}</h2>`) }).toEqual({ element, shown: true });
        const at = squashedText.indexOf(heading);
        expect({ element, inOrder: at > previous }).toEqual({ element, inOrder: true });
        previous = at;
      }
      for (const text of Object.values(SECTIONS)) expect(squashedText).toContain(text);
      // The issues in the person's own words, each finding under its issue with the outcome in plain words.
      expect(squashedText).toContain(`1. ${ISSUES[0].description} 2. ${ISSUES[1].description}`);
      expect(squashedText).toContain(
        `1. ${ISSUES[0].description} ${EASY_READ_OUTCOME_LABELS.upheld} (Upheld) Both were cancelled without notice.`,
      );
      expect(squashedText).toContain(
        `2. ${ISSUES[1].description} ${EASY_READ_OUTCOME_LABELS['partially-upheld']} (Partially upheld) Only one call was returned.`,
      );
      expect(squashedText).toContain('An apology: This letter is our apology.');
      expect(squashedText).toContain('Who to contact: Sam Handler in our complaints team');
      expectOmbudsman(squashedText, routeFor(profile));
    });

    it('final-response escapes the draft', () => {
      const content = draft();
      content.sections.impact = `Impact ${HOSTILE}`;
      content.findings[0].finding = `Finding ${HOSTILE}`;
      content.remedies[0].detail = `Remedy ${HOSTILE}`;
      content.actions[0].description = `Action ${HOSTILE}`;
      const { html, squashedText } = render('final-response', { profile, content });
      expect(html).not.toContain('<script>');
      for (const part of ['Impact', 'Finding', 'Remedy', 'Action']) {
        expect(html).toContain(`${part} ${ESCAPED}`);
        expect(squashedText).toContain(`${part} ${HOSTILE}`);
      }
    });
  },
);

/** R-RESP-1, element by element, as the easy-read final response heads it. */
function EASY_READ_RESP_1_HEADINGS(stageTwoAvailable: boolean): [string, string][] {
  return [
    ['issues-and-outcome-sought', 'What you told us'],
    ['how-investigated', 'How we looked into your complaint'],
    ['evidence-considered', 'What we looked at'],
    ['findings', 'What we found'],
    ['what-went-wrong', 'What went wrong'],
    ['impact', 'How this affected you'],
    ['remedy', 'Putting things right'],
    ['apology', 'We are sorry'],
    ['wider-learning', 'What we have learned'],
    ['staying-involved', 'Keeping you involved'],
    [
      'procedure-ended',
      stageTwoAvailable
        ? 'Not happy with this answer? Asking for a review'
        : 'Your complaint is now finished',
    ],
    ['contact', 'Questions about this letter?'],
    ['ombudsman', 'If you are still not happy'],
    ['advice-and-advocacy', 'Help with your complaint'],
  ];
}

/** R-RESP-3: the route's name and contact details, and no other route's. */
const OMBUDSMAN_CONTACTS: Record<OmbudsmanId, string[]> = {
  phso: ['Parliamentary and Health Service Ombudsman', 'London SW1P 4QP', 'www.ombudsman.org.uk'],
  lgsco: ['Local Government and Social Care Ombudsman', 'Coventry CV4 0EH', 'www.lgo.org.uk'],
  cqc: ['Care Quality Commission', 'Newcastle upon Tyne NE1 4PA', 'www.cqc.org.uk'],
  'independent-authority': ['the independent authority that governs the clinic', 'www.iscas.org.uk'],
  'icb-nhse': ['Integrated Care Board (ICB) or NHS England', 'Redditch B97 9PT', 'england.contactus@nhs.net'],
};

function expectOmbudsman(text: string, route: OmbudsmanId) {
  for (const marker of OMBUDSMAN_CONTACTS[route]) expect(text).toContain(marker);
  for (const [other, markers] of Object.entries(OMBUDSMAN_CONTACTS))
    if (other !== route) expect(text).not.toContain(markers[markers.length - 1]);
}

describe('easy-read final response (R-RESP-1)', () => {
  const profile = listProfiles().find((candidate) => candidate.id === 'hpft')!;

  it('refuses to render a draft missing an element, as the standard letter does', () => {
    const content = draft();
    content.sections.impact = '';
    expect(() => render('final-response', { profile, content })).toThrow(/incomplete \(R-RESP-1\).*impact/);
    expect(() => render('final-response', { profile, content: { ...draft(), remedies: [] } })).toThrow(
      /R-RESP-1|R-REM-1/,
    );
  });

  it('when nothing went wrong: nothing to put right, and no apology owed', () => {
    const content = draft();
    content.sections.apology = '';
    content.remedies = [];
    content.findings = content.findings.map((finding) => ({ ...finding, outcome: 'not-upheld' as const }));
    const { squashedText } = render('final-response', { profile, content });
    expect(squashedText).toContain(
      'We did not find that anything went wrong. So there is nothing we need to put right.',
    );
    expect(squashedText).not.toContain('We are sorry we did not tell you.');
  });

  it('stage two (CWTH): the review decision is final, then the ICB or NHS England', () => {
    const cwth = listProfiles().find((candidate) => candidate.id === 'cwth')!;
    const { subject, squashedText } = render('final-response', {
      profile: cwth,
      facts: { round: 'stage-two', stageTwoAvailable: false },
    });
    expect(subject).toBe(`Your complaint ${referenceFor(cwth)}: what the review decided`);
    expect(squashedText).toContain('The decision of our Senior Leadership Team/Board is final.');
    expect(squashedText).toContain('Your complaint is now finished');
    expectOmbudsman(squashedText, 'icb-nhse');
  });
});

describe('easy-read letters with their facts', () => {
  const hpft = listProfiles().find((candidate) => candidate.id === 'hpft')!;

  it('acknowledgement: the adjustments the person asked for, in words', () => {
    const { squashedText, subject } = render('acknowledgement', {
      profile: hpft,
      accessibilityNeeds: ['easy-read', 'bsl'],
    });
    expect(subject).toBe(`Your complaint ${referenceFor(hpft)}: we have got your complaint`);
    expect(squashedText).toContain('You told us you need: * easy read * British Sign Language (BSL)');
    expect(squashedText).toContain('This letter is to say that we have got it.');
  });

  it('timescale-extended: a CWTH progress report, the reason in words and the new date', () => {
    const cwth = listProfiles().find((candidate) => candidate.id === 'cwth')!;
    const { subject, squashedText, boxes } = render('timescale-extended', {
      profile: cwth,
      facts: {
        previousDue: null,
        progressReport: true,
        reason: 'awaiting-information',
        agreedWith: null,
        agreedOn: null,
        agreedBy: null,
      },
    });
    expect(subject).toBe(`Your complaint ${referenceFor(cwth)}: how your complaint is going`);
    expect(squashedText).toContain('Progress report on your complaint');
    expect(squashedText).toContain('We cannot send you our full answer in the time we told you.');
    expect(squashedText).toContain('This is because we are still waiting for information');
    expect(boxes).toContain('We now aim to send you our full answer by: Tuesday 12 May 2026');
  });

  it('six-month-delay: signed by the approving senior manager, with the likely date', () => {
    const { squashedText } = render('six-month-delay', { profile: hpft });
    expect(squashedText).toContain('From Jo Director Senior Manager Hertfordshire Partnership');
    expect(() =>
      renderer.render(
        'six-month-delay',
        {
          ...templateContext(
            { ...correspondenceContext({ profile: hpft }), approver: null },
            { name: 'A', address: null },
            factsFor('six-month-delay', hpft),
            '2026-03-11',
          ),
        },
        { variant: 'easy-read' },
      ),
    ).toThrow(/facts.approvedBy\) is not in the record/);
  });

  it('out-of-time considered: no Ombudsman details; not considered: the route', () => {
    const considered = render('out-of-time', {
      profile: hpft,
      facts: { decision: 'considered', ombudsman: null },
    });
    expect(considered.boxes).toContain('We will look at your complaint.');
    expect(considered.squashedText).not.toContain('If you are still not happy');
    expectOmbudsman(render('out-of-time', { profile: hpft }).squashedText, 'phso');
  });

  it('out-of-scope for part of a complaint: the rest goes on', () => {
    const { subject, squashedText } = render('out-of-scope', {
      profile: hpft,
      facts: { whole: false, matter: 'information-request' },
    });
    expect(subject).toBe(`Your complaint ${referenceFor(hpft)}: we cannot look at part of your complaint`);
    expect(squashedText).toContain('subject access request');
    expect(squashedText).toContain('We are still looking at the rest of your complaint.');
  });

  it('final-response about NHS care and social care together: both Ombudsmen, who work together (R-RESP-3)', () => {
    const hpft = listProfiles().find((candidate) => candidate.id === 'hpft')!;
    const { squashedText } = render('final-response', {
      profile: hpft,
      content: { ...draft(), careContext: 'health-and-social-care' },
    });
    expect(squashedText).toContain('Your complaint is about NHS care and social care.');
    expect(squashedText).toContain('Two Ombudsmen work together on complaints like yours.');
    expect(squashedText).toContain('Local Government and Social Care Ombudsman');
    expect(render('final-response', { profile: hpft }).squashedText).not.toContain(
      'Local Government and Social Care Ombudsman',
    );
  });

  it('the same facts as the standard letter are checked', () => {
    expect(() => render('timescale-extended', { profile: hpft, facts: { newDue: 'soon' } })).toThrow(
      /fact "newDue" of timescale-extended must be an ISO date/,
    );
  });
});
