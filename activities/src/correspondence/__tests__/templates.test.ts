// The Handlebars templates (activities/templates) for every policy profile, rendered with the context the
// correspondence activity builds (see `renderFor` in send-correspondence.activity.ts).
import {
  DEMO_ORGANISATIONS,
  type Complaint,
  type ComplaintIssue,
  type FinalResponseDraft,
  type Organisation,
  type StaffUser,
} from '@complaints/db';
import {
  calendarMonthsAfterReceipt,
  EXTENSION_REASONS,
  listProfiles,
  OMBUDSMAN_NAMES,
  ombudsmanRoute,
  type FinalResponseContent,
  type InvestigationPlanContent,
  type OmbudsmanId,
  type PolicyProfile,
  type StaffRole,
} from '@complaints/domain';
import type {
  ContactDecisionSigners,
  CorrespondenceContext,
  JointLetterContext,
  LetterSigner,
} from '../correspondence-context';
import { templateContext } from '../template-context';
import { TEMPLATE_CATALOGUE } from '../template-catalogue';
import { formatLongDate } from '../template-helpers';
import { isTemplateName, TEMPLATE_NAMES, type TemplateName } from '../template-names';
import { withOmittedNullables } from '../template-facts';
import { TemplateRenderer } from '../template-renderer';
import { OUTCOME_LABELS, REMEDY_LABELS } from '../template-wording';

const renderer = new TemplateRenderer();
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

/** The issues in the person's own words (R-INT-2), as the activity loads them: ordered by position. */
/** R-INV-2: a saved plan covering two of the three issues, with a complainant's `<script>` to be printed, not run. */
const PLAN: InvestigationPlanContent = {
  keyIssueIds: ['issue-a', 'issue-b'],
  howAffected: 'I lost two days of pay.\n\nI was anxious for weeks. <script>alert(1)</script>',
  outcomesSought: 'A new appointment and an apology',
  evidence: ['Appointment records', 'Call logs'],
  peopleToSpeakTo: ['The clinic manager'],
  respondentId: 'hpft-handler',
  responseMethod: 'meeting-then-letter',
  advocacySignposted: true,
};

const ISSUES = [
  { id: 'issue-a', position: 1, description: 'My appointment was cancelled twice without notice.' },
  { id: 'issue-b', position: 2, description: 'Nobody returned my calls about a new date.' },
  {
    id: 'issue-c',
    position: 3,
    description: 'The receptionist was dismissive when I complained at the desk.',
  },
] as const;

const FINDINGS = {
  'issue-a':
    'The clinic cancelled both appointments at short notice because of staff sickness, and did not tell you.',
  'issue-b': 'Your calls were logged, but only one of the three was returned, a week later.',
  'issue-c':
    'We spoke to the receptionist and reviewed the desk log, and could not find that you were treated unfairly.',
} as const;

/** R-RESP-1: a complete draft, as the handler saves it (the findings deliberately not in issue order). */
function completeDraft(): FinalResponseContent {
  return {
    sections: {
      'issues-and-outcome-sought':
        'You complained about cancelled appointments and unanswered calls. You wanted a new appointment and an assurance that it would not happen again.',
      'how-investigated': 'The investigator, who was not involved in your care, spoke to the clinic team.',
      'evidence-considered': 'The appointment system records, the telephone log and the clinic rota.',
      'what-went-wrong':
        'Patients should be told of a cancellation at least 48 hours ahead, under our outpatient standard. That did not happen.',
      impact: 'You took two days off work for appointments that did not take place.',
      apology: 'We are sorry that we cancelled your appointments without telling you.',
      'wider-learning': 'The clinic now phones every patient when an appointment is cancelled.',
      'staying-involved': 'Your complaint handler will write to you as each action is done.',
    },
    findings: [
      { issueId: 'issue-b', outcome: 'partially-upheld', finding: FINDINGS['issue-b'] },
      { issueId: 'issue-a', outcome: 'upheld', finding: FINDINGS['issue-a'] },
      { issueId: 'issue-c', outcome: 'not-upheld', finding: FINDINGS['issue-c'] },
    ],
    remedies: [
      { kind: 'apology', detail: 'This letter is our apology.' },
      { kind: 'payment-or-refund', detail: 'We will refund your travel costs of £24.' },
      { kind: 'policy-or-procedure-change', detail: 'The cancellation procedure now requires a phone call.' },
    ],
    actions: [
      {
        id: 'a2',
        description: 'Train the reception team on returning calls',
        ownerId: 'manager',
        due: '2026-07-31',
      },
      { id: 'a1', description: 'Refund your travel costs', ownerId: 'finance', due: '2026-06-15' },
    ],
    careContext: 'nhs-care',
  };
}

const COVER_LETTER =
  'I have read your complaint and our response myself.\n\nI am sorry for what happened, and I have asked to be told when every action is done.';

/** A draft where nothing went wrong: no remedy or apology is owed (R-RESP-1). */
function nothingWentWrongDraft(): FinalResponseContent {
  const draft = completeDraft();
  return {
    ...draft,
    sections: { ...draft.sections, apology: '' },
    findings: draft.findings.map((finding) => ({ ...finding, outcome: 'not-upheld' as const })),
    remedies: [],
  };
}

interface Fixture {
  profile: PolicyProfile;
  reference?: string;
  recipientName?: string;
  address?: { lines: string[]; postcode: string } | null;
  handlerName?: string | null;
  accessibilityNeeds?: string[];
  earlyResolutionSummary?: string | null;
  issues?: readonly { id: string; position: number; description: string }[];
  /** The saved final-response version the facts point at; null when none is saved. */
  draft?: { content: FinalResponseContent; coverLetter: string | null } | null;
  /** The member of staff named by facts.approvedBy; null when not in the record. */
  approver?: { displayName: string; roles: StaffRole[] } | null;
  /** R-INV-2: the saved plan the facts point at; null when none is saved. */
  plan?: InvestigationPlanContent | null;
  /** R-RESP-2: who signed off the final response, as the activity loads them; null when not known. */
  signer?: LetterSigner | null;
  /** R-PERS-1: who decided and approved the limits named by facts.restrictionId. */
  contactDecision?: ContactDecisionSigners | null;
  /** R-JOINT-2, R-JOINT-5: the joint case the complaint leads; absent when it is not joint. */
  joint?: JointLetterContext;
  facts?: Record<string, unknown>;
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
  const draft =
    fixture.draft === undefined ? { content: completeDraft(), coverLetter: COVER_LETTER } : fixture.draft;
  const approver =
    fixture.approver === undefined
      ? { displayName: 'Jo Director', roles: ['senior-manager'] }
      : fixture.approver;
  const context = {
    complaint,
    organisation,
    profile,
    complainant: null,
    personAffected: null,
    handler: fixture.handlerName ? { displayName: fixture.handlerName } : null,
    issues: (fixture.issues ?? ISSUES) as unknown as ComplaintIssue[],
    finalResponseDraft: draft
      ? ({ version: 2, content: draft.content, coverLetter: draft.coverLetter } as FinalResponseDraft)
      : null,
    approver: approver as StaffUser | null,
    plan:
      fixture.plan === null
        ? null
        : { content: fixture.plan ?? PLAN, respondent: { displayName: 'Sam Handler' } as StaffUser },
    joint: fixture.joint ?? null,
    completedAction: {
      description: 'Put the new discharge leaflet on every ward.',
      completedOn: '2026-03-20',
    },
    signer:
      fixture.signer === undefined
        ? { name: 'Pat Chief', title: 'Chief Executive', onBehalfOf: null }
        : fixture.signer,
    contactDecision:
      fixture.contactDecision === undefined
        ? {
            decidedBy: [
              { name: 'Dana Director', title: 'Managing Director of the service' },
              { name: 'Dr Lee Clinician', title: 'Clinical Team' },
              { name: 'Kim Lead', title: 'Lead Manager for Complaints' },
            ],
            approvedBy: { name: 'Robin Deputy', title: 'Deputy Chief Executive' },
          }
        : fixture.contactDecision,
  } as CorrespondenceContext;
  return templateContext(
    context,
    { name: fixture.recipientName ?? 'Alex Example', address: fixture.address ?? null },
    fixture.facts ?? { deadline: 'acknowledgement', due: DUE, rule: 'R-ACK-1' },
    TODAY,
  );
}

const squash = (value: string) => value.replace(/\s+/g, ' ');

/** R-RESP-3: the route for NHS care under the profile (iTrust: the independent authority; CWTH: ICB/NHSE). */
const routeFor = (profile: PolicyProfile): OmbudsmanId => ombudsmanRoute(profile, 'nhs-care')!;

/** The facts the workflow passes to each template; typed so a new catalogue entry needs its facts here. */
function factsFor(name: TemplateName, profile: PolicyProfile): Record<string, unknown> {
  const facts: Record<TemplateName, Record<string, unknown>> = {
    acknowledgement: {},
    'early-resolution-summary': {},
    'deadline-reminder': { deadline: 'acknowledgement', due: DUE, rule: 'R-ACK-1' },
    'deadline-breach': { deadline: 'acknowledgement', due: DUE, rule: 'R-ACK-1' },
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
      reason: 'awaiting-clinical-view',
      progressReport: false,
      agreedWith: null,
      agreedOn: null,
      agreedBy: null,
    },
    'involved-handler': { reason: 'specialist-knowledge' },
    'other-procedure': { procedure: 'patient-safety' },
    'six-month-delay': { likelyBy: '2026-10-30', approvedBy: 'senior-manager' },
    reopened: { due: '2026-06-05' },
    'stage-two-acknowledgement': { due: '2026-05-11' },
    'investigation-plan': { planVersion: 1, due: '2026-05-29' },
    'action-completed': { actionId: 'action-1' },
    'actions-completed': {},
    'experience-survey': {},
    'out-of-scope': { whole: true, matter: 'employment' },
    'out-of-time': { decision: 'not-considered', ombudsman: routeFor(profile) },
    'consent-request': {},
    'representative-decision': { decision: 'not-acting-in-best-interests', ombudsman: routeFor(profile) },
    'persistent-behaviour-decision': {
      decision: 'limits-set',
      reviewOn: '2026-09-10',
      behaviours: 'excessive-contact,abusive-or-threatening',
      limits: 'one-contact-per-week,written-contact-only',
      ombudsman: routeFor(profile),
    },
    'approval-request': { document: 'final-response', step: 'sign-off', due: DUE },
    'staff-notification': {},
    'handler-allocated': {},
    'delivery-failed': {
      item: 'item-1',
      document: 'acknowledgement',
      channel: 'email',
      outcome: 'failed',
      error: 'SMTP delivery failed (EENVELOPE 550)',
      letterQueued: true,
    },
  };
  return facts[name];
}

/** Everything personal a staff email must never carry (procedure §7 staff emails: reference, dates, steps only). */
const PERSONAL = ['Alex Example', SUMMARY, ...ISSUES.map((issue) => issue.description), FINDINGS['issue-a']];

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

    describe.each(TEMPLATE_NAMES)('%s', (name) => {
      const { kind } = TEMPLATE_CATALOGUE[name];
      const prints = kind === 'letter' ? (['standard', 'large'] as const) : (['standard'] as const);

      it.each(prints)('renders with its catalogue version, subject, html and text (%s print)', (print) => {
        const rendered = renderer.render(
          name,
          contextFor({
            profile,
            facts: factsFor(name, profile),
            accessibilityNeeds: print === 'large' ? ['large-print'] : [],
          }),
        );
        expect(rendered.template).toBe(name);
        expect(rendered.templateVersion).toBe(TEMPLATE_CATALOGUE[name].variants.standard.version);
        expect(rendered.subject).toContain(reference);
        expect(rendered.html).toMatch(/^<!DOCTYPE html>/);
        expect(rendered.html).toContain(`<title>${rendered.subject}</title>`);
        for (const part of [squash(rendered.html), squash(rendered.text)]) {
          expect(part).toContain(reference);
          expect(part).toContain(organisation.name);
        }
        expect(rendered.text).not.toMatch(/<\/?(p|div|html|body|h2|h3|li|ul|ol)\b/);
        expect(rendered.text).not.toMatch(/undefined|\bnull\b|\[object Object\]/);
        expect(rendered.html).not.toMatch(/<p>\s*<\/p>/);
        if (kind === 'letter') {
          expect(squash(rendered.text)).toContain('Dear Alex Example,');
          expect(squash(rendered.text)).toContain('Yours sincerely,');
          expect(rendered.html).toContain(print === 'large' ? 'font-size: 18pt' : 'font-size: 12pt');
        } else {
          expect(squash(rendered.text)).toContain(`${organisation.name} — complaints`);
          for (const personal of PERSONAL) expect(rendered.html).not.toContain(personal);
        }
      });
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

      it('deadline-breach: the missed deadline, its rule and the due date, for whoever it is escalated to', () => {
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
          expect(part).toContain('It has been escalated to you: please make sure it is dealt with now');
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
    expect(TEMPLATE_NAMES.every((name) => isTemplateName(name))).toBe(true);
    expect(isTemplateName('toString')).toBe(false);
    expect(isTemplateName('final-response')).toBe(true);
    expect(isTemplateName('final-response-draft')).toBe(false);
    expect([...TEMPLATE_NAMES].sort()).toEqual([
      'acknowledgement',
      'action-completed',
      'actions-completed',
      'approval-request',
      'consent-request',
      'deadline-breach',
      'deadline-reminder',
      'delivery-failed',
      'early-resolution-summary',
      'experience-survey',
      'final-response',
      'final-response-cover',
      'handler-allocated',
      'investigation-plan',
      'involved-handler',
      'other-procedure',
      'out-of-scope',
      'out-of-time',
      'persistent-behaviour-decision',
      'reopened',
      'representative-decision',
      'six-month-delay',
      'staff-notification',
      'stage-two-acknowledgement',
      'timescale-extended',
    ]);
    for (const name of TEMPLATE_NAMES) {
      expect(TEMPLATE_CATALOGUE[name].variants.standard.version).toBeGreaterThanOrEqual(1);
      expect(TEMPLATE_CATALOGUE[name].variants.standard.subject).toContain('{{reference}}');
    }
    expect(isTemplateName('acknowledgement-reminder')).toBe(false);
    expect(isTemplateName('acknowledgement-breach')).toBe(false);
  });
});

const byId = (id: string) => listProfiles().find((candidate) => candidate.id === id)!;
const PHSO_MODEL = byId('phso-model');
const HPFT = byId('hpft');
const ITRUST = byId('itrust');
const CWTH = byId('cwth');
const HOSTILE = '<script>alert(1)</script>';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';

function render(name: TemplateName, fixture: Partial<Fixture> & { profile?: PolicyProfile } = {}) {
  const profile = fixture.profile ?? HPFT;
  const rendered = renderer.render(
    name,
    contextFor({ ...fixture, profile, facts: { ...factsFor(name, profile), ...fixture.facts } }),
  );
  return { ...rendered, squashedHtml: squash(rendered.html), squashedText: squash(rendered.text) };
}

/** Each element of R-RESP-1, by the heading that shows it (the procedure-ended heading depends on the round). */
const RESP_1_HEADINGS = [
  ['issues-and-outcome-sought', 'Your complaint and the outcome you were looking for'],
  ['how-investigated', 'How we investigated your complaint'],
  ['evidence-considered', 'The evidence we considered'],
  ['findings', 'What we found'],
  ['what-went-wrong', 'What went wrong'],
  ['impact', 'The impact on you'],
  ['remedy', 'Putting things right'],
  ['apology', 'Our apology'],
  ['wider-learning', 'What we have learned'],
  ['staying-involved', 'Staying involved until every action is done'],
  ['procedure-ended', 'Our complaints procedure has now ended'],
  ['contact', 'Questions about this letter'],
  ['ombudsman', 'If you are still not satisfied'],
  ['advice-and-advocacy', 'Help with your complaint'],
] as const;

/** R-RESP-3: what identifies each route's block, and what only that block says. */
const OMBUDSMAN_BLOCKS: Record<OmbudsmanId, string[]> = {
  phso: [
    'Parliamentary and Health Service Ombudsman',
    'Millbank Tower',
    'London SW1P 4QP',
    '0345 015 4033',
    'www.ombudsman.org.uk',
  ],
  lgsco: [
    'Local Government and Social Care Ombudsman',
    'PO Box 4771',
    'Coventry CV4 0EH',
    '0300 061 0614',
    'www.lgo.org.uk',
  ],
  cqc: [
    'Care Quality Commission',
    'Citygate',
    'Newcastle upon Tyne NE1 4PA',
    '03000 616161',
    'www.cqc.org.uk',
  ],
  'independent-authority': [
    'the independent authority that governs the clinic',
    'Independent Sector Complaints Adjudication Service (ISCAS)',
    'www.iscas.org.uk',
  ],
  'icb-nhse': [
    'Integrated Care Board (ICB) or NHS England',
    'PO Box 16738',
    'Redditch B97 9PT',
    '0300 311 22 33',
    'england.contactus@nhs.net',
  ],
};

function expectOmbudsmanBlock(text: string, route: OmbudsmanId) {
  for (const marker of OMBUDSMAN_BLOCKS[route]) expect(text).toContain(marker);
  for (const [other, markers] of Object.entries(OMBUDSMAN_BLOCKS)) {
    if (other !== route) expect(text).not.toContain(markers[markers.length - 1]);
  }
}

describe('final-response (R-RESP-1)', () => {
  it('R-RESP-2: is signed by the Responsible Person who signed it off, by name and title, not "Complaints Team"', () => {
    const { squashedText } = render('final-response', { profile: PHSO_MODEL });
    expect(squashedText).toContain(
      'Yours sincerely, Pat Chief Chief Executive Northfield Community NHS Trust',
    );
    expect(squashedText).not.toContain('Complaints Team');
    expect(squashedText).not.toContain('on behalf of');
  });

  it('R-RESP-2: a recorded delegate signs in their own name and title, on behalf of the Responsible Person', () => {
    const { squashedText } = render('final-response', {
      profile: PHSO_MODEL,
      signer: { name: 'Jo Director', title: 'Director of Nursing', onBehalfOf: 'the Chief Executive' },
    });
    expect(squashedText).toContain(
      'Yours sincerely, Jo Director Director of Nursing on behalf of the Chief Executive Northfield Community NHS Trust',
    );
  });

  it('has every element of R-RESP-1 as a heading, in the order of the rule', () => {
    const { html, squashedText } = render('final-response', { profile: PHSO_MODEL });
    let previous = -1;
    for (const [element, heading] of RESP_1_HEADINGS) {
      expect(html).toContain(`<h2>${heading}</h2>`);
      const at = squashedText.indexOf(heading);
      expect({ element, after: at > previous }).toEqual({ element, after: true });
      previous = at;
    }
  });

  it('shows the written sections, and each finding with its outcome label under the issue in the person’s own words', () => {
    const { squashedText, subject } = render('final-response', { profile: PHSO_MODEL });
    const reference = referenceFor(PHSO_MODEL);
    expect(subject).toBe(`Your complaint ${reference}: our final response`);
    const sections = completeDraft().sections;
    for (const text of Object.values(sections)) expect(squashedText).toContain(text);
    expect(squashedText).toContain(
      `These are the issues we investigated, in your own words: 1. ${ISSUES[0].description} 2. ${ISSUES[1].description} 3. ${ISSUES[2].description}`,
    );
    // In the order of the issues, not of the draft's findings.
    expect(squashedText).toContain(
      `What we found Issue 1: ${ISSUES[0].description} Outcome: Upheld ${FINDINGS['issue-a']} ` +
        `Issue 2: ${ISSUES[1].description} Outcome: Partially upheld ${FINDINGS['issue-b']} ` +
        `Issue 3: ${ISSUES[2].description} Outcome: Not upheld ${FINDINGS['issue-c']} What went wrong`,
    );
    expect(OUTCOME_LABELS).toEqual({
      upheld: 'Upheld',
      'partially-upheld': 'Partially upheld',
      'not-upheld': 'Not upheld',
    });
  });

  it('names each remedy kind in words with its detail (R-REM-1), and lists the actions with their due dates', () => {
    const { squashedText } = render('final-response', { profile: PHSO_MODEL });
    expect(squashedText).toContain(`${REMEDY_LABELS.apology}: This letter is our apology.`);
    expect(squashedText).toContain('A payment or refund: We will refund your travel costs of £24.');
    expect(squashedText).toContain(
      'Changing our policies or procedures: The cancellation procedure now requires a phone call.',
    );
    // Soonest first.
    expect(squashedText).toContain(
      'Refund your travel costs (by Monday 15 June 2026) * Train the reception team on returning calls (by Friday 31 July 2026)',
    );
    expect(squashedText).toContain('until every one of them has been carried out');
    expect(Object.keys(REMEDY_LABELS)).toHaveLength(6);
  });

  it('where nothing went wrong: no apology section, and says there is nothing to put right', () => {
    const { html, squashedText } = render('final-response', {
      profile: PHSO_MODEL,
      draft: { content: nothingWentWrongDraft(), coverLetter: null },
    });
    expect(html).not.toContain('<h2>Our apology</h2>');
    expect(squashedText).toContain(
      'As we did not find that anything went wrong, there is nothing we need to put right.',
    );
    expect(squashedText).toContain('Outcome: Not upheld');
    expect(squashedText).not.toContain('Outcome: Upheld');
  });

  it('keeps paragraphs and line breaks of the written text, escaped', () => {
    const content = completeDraft();
    content.sections.impact = `First paragraph ${HOSTILE}.\nSecond line.\n\nSecond paragraph.`;
    const { html } = render('final-response', { draft: { content, coverLetter: null } });
    expect(squash(html)).toContain(
      `<h2>The impact on you</h2> <p>First paragraph ${ESCAPED}.<br>Second line.</p> <p>Second paragraph.</p>`,
    );
  });

  it('who to contact: the named handler, and the contact line is not repeated under the signature', () => {
    const { squashedText } = render('final-response', { profile: HPFT, handlerName: 'Sam Handler' });
    expect(squashedText).toContain(
      'please contact Sam Handler in our complaints team on 01707 253916 or at hpft.complaints@nhs.example',
    );
    expect(squashedText).not.toContain(
      'If you have any questions about this letter, please contact the complaints team',
    );
    const unnamed = render('final-response', { profile: HPFT }).squashedText;
    expect(unnamed).toContain('please contact our complaints team on 01707 253916');
  });

  describe.each([
    [PHSO_MODEL, 'phso'],
    [HPFT, 'phso'],
    [HPFT, 'lgsco'],
    [HPFT, 'cqc'],
    [ITRUST, 'independent-authority'],
    [CWTH, 'icb-nhse'],
  ] as const)('%#: the Ombudsman block for the route (R-RESP-3)', (profile, route) => {
    it(`${profile.id} → ${route}: that route's details only`, () => {
      const { squashedText } = render('final-response', {
        profile,
        facts: { ombudsman: route, round: 'reopened' },
      });
      expectOmbudsmanBlock(squashedText, route);
    });
  });

  it('CQC is for the Mental Health Act; LGSCO is for social care', () => {
    expect(render('final-response', { facts: { ombudsman: 'cqc' } }).squashedText).toContain(
      'detention, a Community Treatment Order or Guardianship',
    );
    expect(render('final-response', { facts: { ombudsman: 'lgsco' } }).squashedText).toContain(
      'Because your complaint is about social care',
    );
  });

  it('NHS care and social care together (not joint): the PHSO first and the LGSCO beside it, who work jointly (R-RESP-3, issue #12 point 7)', () => {
    const both = render('final-response', {
      draft: { content: { ...completeDraft(), careContext: 'health-and-social-care' }, coverLetter: null },
      facts: { ombudsman: 'phso' },
    }).squashedText;
    expect(both).toContain('Your complaint is about NHS care and social care.');
    expect(both).toContain('They work together on complaints about both');
    expect(both).toContain('Parliamentary and Health Service Ombudsman');
    expect(both).toContain('Local Government and Social Care Ombudsman');
    const nhsOnly = render('final-response', { facts: { ombudsman: 'phso' } }).squashedText;
    expect(nhsOnly).not.toContain('Local Government and Social Care Ombudsman');
  });

  it('a response round that ends the procedure says so (PHSO model, HPFT, iTrust; reopened too)', () => {
    for (const profile of [PHSO_MODEL, HPFT, ITRUST]) {
      for (const round of ['first', 'reopened'] as const) {
        const { squashedText } = render('final-response', {
          profile,
          facts: { round, stageTwoAvailable: false },
        });
        expect(squashedText).toContain('Our complaints procedure has now ended');
        expect(squashedText).toContain('our complaints procedure for this complaint has now ended');
        expect(squashedText).not.toContain('stage two');
      }
    }
    expect(render('final-response', { facts: { round: 'reopened' } }).squashedText).toContain(
      'You told us you were not satisfied with our earlier response',
    );
  });

  it('CWTH stage one: offers the stage-two review by the Senior Leadership Team/Board instead of saying the procedure ended (R-STAGE2-1)', () => {
    const { squashedText, html } = render('final-response', {
      profile: CWTH,
      facts: { round: 'first', stageTwoAvailable: true },
    });
    expect(html).toContain('<h2>If you are not satisfied: asking for a review</h2>');
    expect(html).not.toContain('<h2>Our complaints procedure has now ended</h2>');
    expect(squashedText).toContain('this letter is our stage-one response');
    expect(squashedText).toContain(
      'you can ask for your complaint to be reviewed by our Senior Leadership Team/Board (stage two)',
    );
    expect(squashedText).toContain('We will acknowledge your request within 5 working days');
    expect(squashedText).toContain('reply within a calendar month');
    expectOmbudsmanBlock(squashedText, 'icb-nhse');
  });

  it('CWTH stage two: the decision is final, and next is the ICB or NHS England', () => {
    const { squashedText, subject, html } = render('final-response', {
      profile: CWTH,
      facts: { round: 'stage-two', stageTwoAvailable: false },
    });
    expect(subject).toBe(`Your complaint ${referenceFor(CWTH)}: the outcome of your stage-two review`);
    expect(squashedText).toContain(
      'to be reviewed by our Senior Leadership Team/Board. They have now reviewed it',
    );
    expect(html).toContain('<h2>Our complaints procedure has now ended</h2>');
    expect(squashedText).toContain('The decision of our Senior Leadership Team/Board is final');
    expect(squashedText).toContain('your next step is your local Integrated Care Board (ICB) or NHS England');
    expect(squashedText).not.toContain('asking for a review');
    expectOmbudsmanBlock(squashedText, 'icb-nhse');
  });

  it('refuses a stage-two offer where the profile has no stage two', () => {
    expect(() => render('final-response', { profile: HPFT, facts: { stageTwoAvailable: true } })).toThrow(
      /stage-two review is not part of this organisation's procedure/,
    );
  });

  it('fails to render without the saved draft of that version, rather than sending an empty letter', () => {
    expect(() => render('final-response', { draft: null })).toThrow(
      /no saved final-response draft of the version asked for/,
    );
  });

  it('R-JOINT-6: a partial joint response answers every issue but the late partner’s, and says its part follows with an apology', () => {
    const joint: JointLetterContext = {
      protocolName: 'Hertfordshire Joint Protocol',
      members: [
        { code: 'HPFT', name: 'The Lead Trust', role: 'lead', care: 'health' },
        { code: 'HCCACS', name: 'The Council', role: 'partner', care: 'social-care' },
        { code: 'ENHT', name: 'The Late Trust', role: 'partner', care: 'health', leftOutOfResponse: true },
      ],
      issuesToFollow: ['issue-c'],
    };
    const withoutLatePart = completeDraft();
    withoutLatePart.findings = withoutLatePart.findings.filter((finding) => finding.issueId !== 'issue-c');
    const draft = { content: withoutLatePart, coverLetter: null };
    const { squashedText } = render('final-response', { profile: PHSO_MODEL, joint, draft });
    expect(squashedText).toContain(
      'This response does not yet include the part of The Late Trust, which could not send us its findings in time.',
    );
    expect(squashedText).toContain(
      'The Late Trust will write to you about its part, with an apology for the delay.',
    );
    expect(squashedText).toContain(`Issue 2: ${ISSUES[1].description}`);
    expect(squashedText).not.toContain(`Issue 3: ${ISSUES[2].description}`);
    // Without the lead's decision to go ahead without it, the same draft lacks a finding.
    const together = {
      ...joint,
      members: joint.members.map((member) => ({ ...member, leftOutOfResponse: false })),
      issuesToFollow: [],
    };
    expect(() => render('final-response', { profile: PHSO_MODEL, joint: together, draft })).toThrow(
      /no finding for issue issue-c/,
    );
    expect(squash(render('final-response', { profile: PHSO_MODEL, joint: together }).text)).not.toContain(
      'does not yet include',
    );
  });

  it('fails to render an incomplete draft (R-RESP-1: a response missing an element must not be sendable)', () => {
    const noImpact = completeDraft();
    noImpact.sections.impact = '  ';
    expect(() => render('final-response', { draft: { content: noImpact, coverLetter: null } })).toThrow(
      /incomplete \(R-RESP-1\): impact: the "impact" section is empty/,
    );
    const unanswered = completeDraft();
    unanswered.findings = unanswered.findings.filter((finding) => finding.issueId !== 'issue-c');
    expect(() => render('final-response', { draft: { content: unanswered, coverLetter: null } })).toThrow(
      /no finding for issue issue-c/,
    );
    const stranger = completeDraft();
    stranger.findings.push({ issueId: 'issue-z', outcome: 'upheld', finding: 'Elsewhere.' });
    expect(() => render('final-response', { draft: { content: stranger, coverLetter: null } })).toThrow(
      /issue issue-z is not an issue of this complaint/,
    );
    const noApology = completeDraft();
    noApology.sections.apology = '';
    expect(() => render('final-response', { draft: { content: noApology, coverLetter: null } })).toThrow(
      /apology/,
    );
  });

  it('refuses facts that are not what the template takes', () => {
    expect(() => render('final-response', { facts: { ombudsman: 'pals' } })).toThrow(
      /fact "ombudsman" of final-response must be one of phso, lgsco, cqc, independent-authority, icb-nhse/,
    );
    expect(() => render('final-response', { facts: { round: 'second' } })).toThrow(/fact "round"/);
    expect(() => render('final-response', { facts: { finalResponseVersion: '2' } })).toThrow(
      /fact "finalResponseVersion" of final-response must be a non-empty integer/,
    );
    const { stageTwoAvailable: _omitted, ...withoutStageTwo } = factsFor('final-response', HPFT);
    expect(() =>
      renderer.render('final-response', contextFor({ profile: HPFT, facts: withoutStageTwo })),
    ).toThrow(/"stageTwoAvailable" not defined in the facts of final-response/);
  });

  it('a letter scheduled before a release added a nullable fact still renders: the fact reads as null (R-INV-5 agreement)', () => {
    const { agreedWith: _w, agreedOn: _o, agreedBy: _b, ...before } = factsFor('timescale-extended', HPFT);
    expect(() => renderer.render('timescale-extended', contextFor({ profile: HPFT, facts: before }))).toThrow(
      /"agreedWith" not defined/,
    );
    const specs = TEMPLATE_CATALOGUE['timescale-extended'].facts;
    const filled = withOmittedNullables(specs, before);
    expect(filled).toEqual({ ...before, agreedWith: null, agreedOn: null, agreedBy: null });
    const { text } = renderer.render('timescale-extended', contextFor({ profile: HPFT, facts: filled }));
    expect(text.replace(/\s+/g, ' ')).toContain('We now expect to send you our full response by');
    // A fact that may not be null is still required.
    const { newDue: _due, ...withoutDue } = filled;
    expect(withOmittedNullables(specs, withoutDue)).not.toHaveProperty('newDue');
  });

  it('HTML-escapes the issues and every part of the draft, and keeps them literal in the text part', () => {
    const content = completeDraft();
    content.sections['how-investigated'] = `We read ${HOSTILE} & more.`;
    content.findings[0].finding = `Finding ${HOSTILE}`;
    content.remedies[0].detail = `Detail ${HOSTILE}`;
    content.actions[0].description = `Action ${HOSTILE}`;
    const issues = [{ ...ISSUES[0], description: `Issue ${HOSTILE}` }, ISSUES[1], ISSUES[2]];
    const { html, text } = render('final-response', {
      recipientName: HOSTILE,
      issues,
      draft: { content, coverLetter: null },
    });
    expect(html).not.toContain('<script>');
    for (const escaped of [
      `We read ${ESCAPED} &amp; more.`,
      `Finding ${ESCAPED}`,
      `Detail ${ESCAPED}`,
      `Action ${ESCAPED}`,
      `Issue 1: Issue ${ESCAPED}`,
      `Dear ${ESCAPED},`,
    ])
      expect(html).toContain(escaped);
    expect(squash(text)).toContain(`We read ${HOSTILE} & more.`);
    expect(squash(text)).toContain(`Issue 1: Issue ${HOSTILE}`);
  });
});

describe('final-response-cover (R-RESP-2, HPFT)', () => {
  it("is the Chief Executive's cover letter, signed by the Chief Executive", () => {
    const { subject, squashedText, html } = render('final-response-cover');
    expect(subject).toBe(`Your complaint ${referenceFor(HPFT)}: a letter from our Chief Executive`);
    expect(squash(html)).toContain(
      '<p>I have read your complaint and our response myself.</p> <p>I am sorry for what happened, and I have asked to be told when every action is done.</p>',
    );
    expect(squashedText).toContain('Our full response to your complaint comes with this letter.');
    expect(squashedText).toContain(
      'Yours sincerely, Pat Chief Chief Executive Hertfordshire Partnership University NHS Foundation Trust',
    );
    expect(squashedText).not.toContain('Complaints Team');
  });

  it("R-RESP-2: a delegate signs in their own name and title, on the Chief Executive's behalf", () => {
    const { squashedText } = render('final-response-cover', {
      signer: { name: 'Robin Deputy', title: 'Deputy Chief Executive', onBehalfOf: 'the Chief Executive' },
    });
    expect(squashedText).toContain(
      'Yours sincerely, Robin Deputy Deputy Chief Executive on behalf of the Chief Executive Hertfordshire',
    );
  });

  it('escapes the cover letter text', () => {
    const { html, text } = render('final-response-cover', {
      draft: { content: completeDraft(), coverLetter: `Dear all ${HOSTILE}` },
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain(`Dear all ${ESCAPED}`);
    expect(text).toContain(`Dear all ${HOSTILE}`);
  });

  it('fails to render without a cover letter, or without the draft', () => {
    expect(() =>
      render('final-response-cover', { draft: { content: completeDraft(), coverLetter: null } }),
    ).toThrow(/cover letter of this final-response version is missing/);
    expect(() => render('final-response-cover', { draft: null })).toThrow(/no saved final-response draft/);
  });
});

describe('timescale-extended (R-INV-5, R-INV-4)', () => {
  it.each(Object.entries(EXTENSION_REASONS))('explains the reason %s in words', (reason, sentence) => {
    const { squashedText, subject } = render('timescale-extended', { facts: { reason } });
    expect(subject).toBe(`Your complaint ${referenceFor(HPFT)}: a new date for our response`);
    expect(squashedText).toContain(
      `We are sorry, but we cannot send you our full response by Tuesday 14 April 2026, as we told you we would. This is because ${sentence}.`,
    );
    expect(squashedText).toContain('We now expect to send you our full response by Tuesday 12 May 2026.');
    expect(squashedText).toContain('We apologise for the delay');
    expect(squashedText).toContain('we will agree a date with you');
    expect(squashedText).not.toContain('Progress report');
  });

  it.each([
    ['complainant', 'telephone', 'As we agreed with you by telephone on Monday 11 May 2026'],
    ['advocate', 'meeting', 'As we agreed with your advocate when we met on Monday 11 May 2026'],
    [
      'person-affected',
      'letter',
      'As we agreed with the person your complaint is about in writing on Monday 11 May 2026',
    ],
  ])('says with whom (%s), how (%s) and when the new date was agreed', (agreedWith, agreedBy, words) => {
    const { squashedText } = render('timescale-extended', {
      facts: { agreedWith, agreedBy, agreedOn: '2026-05-11' },
    });
    expect(squashedText).toContain(
      `${words}, we will now send you our full response by Tuesday 12 May 2026.`,
    );
    expect(squashedText).not.toContain('We now expect');
  });

  it('CWTH: a progress report with a new date', () => {
    const { squashedText, subject, html } = render('timescale-extended', {
      profile: CWTH,
      facts: { progressReport: true, previousDue: null },
    });
    expect(subject).toBe(`Your complaint ${referenceFor(CWTH)}: progress report`);
    expect(html).toContain('<h2>Progress report on your complaint</h2>');
    expect(squashedText).toContain('cannot send you our full response within the timescale we gave you');
    expect(squashedText).toContain('by Tuesday 12 May 2026');
  });

  it('refuses an unknown reason or a missing new date', () => {
    expect(() => render('timescale-extended', { facts: { reason: 'busy' } })).toThrow(/fact "reason"/);
    expect(() => render('timescale-extended', { facts: { newDue: null } })).toThrow(
      /"newDue" of timescale-extended must not be null/,
    );
  });
});

describe('six-month-delay (R-INV-7)', () => {
  it('is written and signed by the approving senior manager, with the likely timescale and their oversight', () => {
    const { squashedText, subject } = render('six-month-delay', {
      approver: { displayName: 'Jo Director', roles: ['senior-manager'] },
    });
    expect(subject).toBe(`Your complaint ${referenceFor(HPFT)}: why our response is taking longer`);
    expect(squashedText).toContain('which we received on Tuesday 10 March 2026. Six months have now passed');
    expect(squashedText).toContain('I am sorry that it is taking so long.');
    expect(squashedText).toContain('We now expect to send you our final response by Friday 30 October 2026.');
    expect(squashedText).toContain(
      'I will personally keep oversight of your complaint until our final response has been sent',
    );
    expect(squashedText).toContain(
      'Yours sincerely, Jo Director Senior Manager Hertfordshire Partnership University NHS Foundation Trust',
    );
    expect(squashedText).not.toContain('Complaints Team');
  });

  it('names the Responsible Person as such', () => {
    const { squashedText } = render('six-month-delay', {
      approver: { displayName: 'Chief Executive (HPFT)', roles: ['responsible-person', 'senior-manager'] },
    });
    expect(squashedText).toContain(
      'Yours sincerely, Chief Executive (HPFT) Responsible Person Hertfordshire',
    );
  });

  it('escapes the approver name', () => {
    const { html } = render('six-month-delay', {
      approver: { displayName: HOSTILE, roles: ['senior-manager'] },
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain(ESCAPED);
  });

  it('fails to render without an approver, or with one who is neither the Responsible Person nor a Senior Manager', () => {
    expect(() => render('six-month-delay', { approver: null })).toThrow(
      /facts.approvedBy\) is not in the record/,
    );
    expect(() => render('six-month-delay', { approver: { displayName: 'Sam', roles: ['handler'] } })).toThrow(
      /Responsible Person or a Senior Manager \(R-INV-7\)/,
    );
  });
});

describe('after the response', () => {
  it('reopened (R-REOPEN-1): we will look again, and reply by the date or the timescale agreed', () => {
    const dated = render('reopened').squashedText;
    expect(dated).toContain('We have reopened your complaint, and we will look again at the issues');
    expect(dated).toContain('We aim to send you our response by Friday 5 June 2026.');
    const agreed = render('reopened', { facts: { due: null } }).squashedText;
    expect(agreed).toContain('We will reply within the timescale we agree with you.');
    expect(agreed).not.toContain('We aim to send you our response by');
  });

  it('stage-two-acknowledgement (R-STAGE2-1): the SLT/Board is dealing, reply within a calendar month, final decision, then ICB/NHSE', () => {
    const { squashedText, subject } = render('stage-two-acknowledgement', { profile: CWTH });
    expect(subject).toBe(`Your complaint ${referenceFor(CWTH)}: your request for a review`);
    expect(squashedText).toContain('Who is dealing with your review');
    expect(squashedText).toContain(
      'Your complaint has been passed to our Senior Leadership Team/Board, who are dealing with your review.',
    );
    expect(squashedText).toContain('will reply to you within a calendar month, by Monday 11 May 2026');
    expect(squashedText).toContain('we will send you a progress report');
    expect(squashedText).toContain('The decision of the Senior Leadership Team/Board is final.');
    expect(squashedText).toContain('your local Integrated Care Board (ICB) or to NHS England');
  });

  it('action-completed (R-RESP-4, issue #12 point 7): the one action done and when, that others are still to come, how to contact us', () => {
    const { squashedText } = render('action-completed', { profile: HPFT });
    expect(squashedText).toContain('this one was carried out on Friday 20 March 2026');
    expect(squashedText).toContain('Put the new discharge leaflet on every ward.');
    expect(squashedText).toContain('Some of the actions we promised are still to be done.');
    expect(squashedText).toContain('quoting');
    expect(squashedText).not.toContain('procedure for your complaint has now ended');
    const context = contextFor({ profile: HPFT, facts: factsFor('action-completed', HPFT) });
    expect(() => renderer.render('action-completed', { ...context, completedAction: null })).toThrow(
      /not done in the record/,
    );
  });

  it('actions-completed (R-RESP-4): every action done, the procedure ended, how to contact us, no Ombudsman reminder', () => {
    const { squashedText } = render('actions-completed', { profile: HPFT });
    expect(squashedText).toContain('every one of those actions has now been carried out');
    expect(squashedText).toContain('Our complaints procedure for your complaint has now ended.');
    expect(squashedText).toContain(
      'please contact the complaints team on 01707 253916 or at hpft.complaints@nhs.example, or write to us at The Colonnades, Beaconsfield Close, Hatfield AL10 8YE, quoting',
    );
    expect(squashedText).not.toContain('If you are still not satisfied');
    expect(squashedText).not.toContain('Ombudsman');
  });
});

describe('triage letters', () => {
  it.each([
    [
      'employment',
      ['about your employment with us', 'Human Resources (HR) team under our grievance procedure'],
    ],
    [
      'information-request',
      ['Freedom of Information Act 2000', 'subject access request', 'information governance team'],
    ],
    ['own-staff', ['raised by a member of our own staff', 'grievance procedure']],
    ['other', ['not a matter that our complaints procedure covers', 'Citizens Advice']],
  ] as const)('out-of-scope (R-INT-7) for %s: why, and where to take it', (matter, markers) => {
    const whole = render('out-of-scope', { facts: { whole: true, matter } });
    expect(whole.subject).toBe(
      `Your complaint ${referenceFor(HPFT)}: why we cannot consider it under our complaints procedure`,
    );
    expect(whole.squashedText).toContain(
      'we are sorry that we cannot consider it under our complaints procedure',
    );
    expect(whole.squashedText).toContain('Where to take it');
    for (const marker of markers) expect(whole.squashedText).toContain(marker);
    expect(whole.squashedText).not.toContain('We are looking into the rest of your complaint');
    const part = render('out-of-scope', { facts: { whole: false, matter } });
    expect(part.subject).toContain('a part we cannot consider');
    expect(part.squashedText).toContain('we are sorry that we cannot consider part of it');
    expect(part.squashedText).toContain('We are looking into the rest of your complaint as usual');
  });

  it('out-of-time (R-INT-6), considered: the 12-month limit and the exception, no Ombudsman details needed', () => {
    const { squashedText } = render('out-of-time', { facts: { decision: 'considered', ombudsman: null } });
    expect(squashedText).toContain(
      'within 12 months of the events complained about, or within 12 months of when you found out',
    );
    expect(squashedText).toContain('so we will consider it under our complaints procedure as usual');
    expect(squashedText).not.toContain('If you are still not satisfied');
  });

  it.each([
    [HPFT, 'phso'],
    [ITRUST, 'independent-authority'],
    [CWTH, 'icb-nhse'],
  ] as const)(
    'out-of-time, not considered (%#): why, in writing, with the Ombudsman details',
    (profile, route) => {
      const { squashedText } = render('out-of-time', {
        profile,
        facts: { decision: 'not-considered', ombudsman: route },
      });
      expect(squashedText).toContain('we have decided that we cannot consider it');
      expect(squashedText).toContain(
        'either there was not a good reason for the delay or it is no longer possible to investigate the complaint properly',
      );
      expectOmbudsmanBlock(squashedText, route);
    },
  );

  it('out-of-time, not considered, without an Ombudsman route fails to render', () => {
    expect(() => render('out-of-time', { facts: { decision: 'not-considered', ombudsman: null } })).toThrow(
      /an Ombudsman route \(facts.ombudsman\) is needed/,
    );
  });

  it('consent-request (R-INT-5, R-INV-6): asks for signed consent; the clock is paused until it arrives', () => {
    const { squashedText, subject } = render('consent-request');
    expect(subject).toBe(`Your complaint ${referenceFor(HPFT)}: we need consent to go ahead`);
    expect(squashedText).toContain('we need the written consent of the person it is about');
    expect(squashedText).toContain('Please ask them to sign a short note');
    expect(squashedText).toContain(
      'We have paused the timescale for your complaint until the signed consent arrives.',
    );
    expect(squashedText).toContain('has died, is a child, or does not have the capacity to consent');
  });
});

describe('staff emails', () => {
  it.each([
    ['final-response', 'final response', 'R-RESP-2'],
    ['six-month-letter', 'six-month letter', 'R-INV-7'],
  ] as const)(
    'approval-request for the %s: review and approve in the complaints system',
    (document, label, rule) => {
      const reference = referenceFor(HPFT);
      const { subject, squashedText, html } = render('approval-request', {
        facts: { document, step: 'chief-executive-approval', due: DUE },
      });
      expect(subject).toBe(`Approval needed: ${label} for complaint ${reference}`);
      expect(squashedText).toContain(
        `The ${label} (${rule}) for complaint ${reference} is ready for your review and approval at the step "chief-executive-approval", by the end of Friday 13 March 2026.`,
      );
      expect(squashedText).toContain('Please open it in the complaints system');
      for (const personal of PERSONAL) expect(html).not.toContain(personal);
      expect(html).not.toContain(COVER_LETTER.slice(0, 20));
    },
  );

  it('approval-request without a due date', () => {
    const { squashedText } = render('approval-request', { facts: { due: null } });
    expect(squashedText).toContain('at the step "sign-off".');
  });

  it('staff-notification (R-STAFF-1): told early, support, their views, kept updated, how their comments are used', () => {
    const { subject, squashedText, html } = render('staff-notification');
    expect(subject).toBe(`Complaint ${referenceFor(HPFT)}: a complaint that involves you`);
    for (const marker of [
      'as early as we can',
      'occupational health',
      'staff support service',
      'We would like to hear your account and your views',
      'We will keep you updated',
      'we will show you how your comments have been used',
    ])
      expect(squashedText).toContain(marker);
    for (const personal of PERSONAL) expect(html).not.toContain(personal);
  });
});

describe('delivery-failed (ADR 0007)', () => {
  const reference = () => referenceFor(HPFT);

  it('an email refused for good: the code, the letter queued instead, and how to resend; no personal data', () => {
    const { subject, squashedText, html } = render('delivery-failed');
    expect(subject).toBe(`Delivery failed: acknowledgement email for complaint ${reference()}`);
    expect(squashedText).toContain(
      `The email "acknowledgement" for complaint ${reference()} could not be delivered (SMTP delivery failed (EENVELOPE 550)), and will not be tried again automatically.`,
    );
    expect(squashedText).toContain(
      'A printed copy has been queued to post to the address on record instead.',
    );
    expect(squashedText).toContain('Please check the contact details on the complaint, and resend it');
    expect(squashedText).toContain('(item item-1)');
    for (const personal of PERSONAL) expect(html).not.toContain(personal);
  });

  it('a letter that cannot be laid out, with nothing in its place', () => {
    const { squashedText } = render('delivery-failed', {
      facts: { channel: 'letter', error: 'PdfRenderError', letterQueued: false },
    });
    expect(squashedText).toContain('could not be prepared for printing (PdfRenderError)');
    expect(squashedText).toContain('Nothing has been sent in its place.');
    expect(squashedText).toContain('which lays it out again');
  });

  it('an unconfirmed email: not sent again by itself, check with the person', () => {
    const { subject, squashedText } = render('delivery-failed', {
      facts: { outcome: 'unconfirmed', error: 'InterruptedDuringSend', letterQueued: false },
    });
    expect(subject).toBe(`Delivery not confirmed: acknowledgement email for complaint ${reference()}`);
    expect(squashedText).toContain(
      'It has not been sent again automatically, so that the person is not sent it twice.',
    );
    expect(squashedText).toContain('Please check with the person whether it arrived.');
    expect(squashedText).not.toContain('could not be delivered');
  });
});

describe('involved-handler (R-INV-1)', () => {
  it('explains in words why the handler was involved, and that someone uninvolved checks the findings', () => {
    for (const profile of listProfiles()) {
      const text = squash(
        renderer.render('involved-handler', {
          ...contextFor({ profile, handlerName: 'Sam Jones' }),
          facts: { reason: 'small-team' },
        }).text,
      );
      expect(text).toContain(
        'our team is small, and everyone in it had some part in the events you describe',
      );
      expect(text).toContain('Sam Jones will look into your complaint');
    }
    expect(() =>
      renderer.render('involved-handler', {
        ...contextFor({ profile: listProfiles()[0] }),
        facts: { reason: 'busy' },
      }),
    ).toThrow();
  });
});

describe('other-procedure (issue #12 point 8, R-INV-6)', () => {
  it.each([
    ['patient-safety', 'is being looked at as a patient safety incident'],
    ['safeguarding', 'has been raised as a safeguarding concern'],
    ['coroner', 'a coroner is looking into the death'],
    ['regulator', 'shared with a regulator'],
    ['legal', 'legal action'],
  ] as const)(
    '%s: says which process, and that the complaint goes on unless formally asked to wait',
    (procedure, says) => {
      const { squashedText, subject } = render('other-procedure', { profile: HPFT, facts: { procedure } });
      expect(subject).toContain('another process');
      expect(squashedText).toContain(`Alongside your complaint`);
      expect(squashedText).toContain(says);
      expect(squashedText).toContain('We will carry on looking into your complaint at the same time.');
      expect(squashedText).toContain('if the police, a coroner or a judge formally asks us to');
      for (const other of OTHER_PROCEDURE_PHRASES.filter((phrase) => phrase !== says))
        expect(squashedText).not.toContain(other);
    },
  );

  it('refuses a procedure it does not know', () => {
    expect(() => render('other-procedure', { facts: { procedure: 'ombudsman' } })).toThrow(
      /fact "procedure"/,
    );
  });
});

const OTHER_PROCEDURE_PHRASES = [
  'is being looked at as a patient safety incident',
  'has been raised as a safeguarding concern',
  'a coroner is looking into the death',
  'shared with a regulator',
  'legal action',
];

describe('investigation plan (R-INV-2)', () => {
  it.each(listProfiles().map((p) => [p.id, p] as const))(
    '%s: the plan letter names the key issues, the person’s own words, who replies, how and by when',
    (_id, profile) => {
      const { html, text, subject } = render('investigation-plan', { profile });
      expect(subject).toBe(`Your complaint ${referenceFor(profile)}: how we will look into it`);
      const words = squash(text);
      expect(words).toContain(ISSUES[0].description);
      expect(words).toContain(ISSUES[1].description);
      expect(words).not.toContain(ISSUES[2].description);
      expect(words).toContain('I lost two days of pay.');
      expect(words).toContain('Appointment records');
      expect(words).toContain('The clinic manager');
      expect(words).toContain(
        'Sam Handler will reply to you at a meeting with you, followed by a letter, by Friday 29 May 2026',
      );
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).not.toContain('<script>');
    },
  );

  it('without an agreed date the letter promises to agree one; a missing plan is a render error', () => {
    const undated = squash(render('investigation-plan', { facts: { due: null } }).text);
    expect(undated).toContain('We will agree the date with you and confirm it in writing.');
    expect(() => render('investigation-plan', { facts: { planVersion: 7 }, plan: null })).toThrow(
      'the plan named by facts.planVersion is not in the record (R-INV-2)',
    );
  });
});

describe('persistent behaviour (R-PERS-1)', () => {
  it.each(listProfiles().map((p) => [p.id, p] as const))(
    '%s: the letter gives the behaviour, the limits, the review date, that a new complaint is still handled, and the Ombudsman',
    (_id, profile) => {
      const words = squash(render('persistent-behaviour-decision', { profile }).text);
      expect(words).toContain('contacting us far more often than we need to look into your concerns');
      expect(words).toContain('using language or behaviour towards our staff that is abusive or threatening');
      expect(words).toContain('you may contact us once a week, by one phone call or one email');
      expect(words).toContain('you should contact us in writing only (letter or email), not by phone');
      expect(words).toContain('it does not stop you making a new complaint');
      expect(words).toContain('We will review this decision by Thursday 10 September 2026');
      expect(words).toContain(
        routeFor(profile) === 'independent-authority'
          ? 'the independent authority that governs the clinic'
          : OMBUDSMAN_NAMES[routeFor(profile)],
      );
    },
  );

  it('R-PERS-1: names who took the decision, in their roles, and who approved it, with their title', () => {
    const words = render('persistent-behaviour-decision').squashedText;
    expect(words).toContain(
      'This decision was taken by Dana Director (Managing Director of the service), Dr Lee Clinician (Clinical Team) and Kim Lead (Lead Manager for Complaints), and approved by Robin Deputy, Deputy Chief Executive.',
    );
    // An older release's request names no decision: the letter claims no one's title it cannot know.
    const older = render('persistent-behaviour-decision', { contactDecision: null }).squashedText;
    expect(older).toContain('the managing director of the service, the clinical team and the lead manager');
    expect(older).not.toContain('Deputy Chief Executive');
  });

  it('an unknown code is a render error, never a blank line', () => {
    expect(() => render('persistent-behaviour-decision', { facts: { limits: 'no-contact-ever' } })).toThrow(
      'unknown contact limit "no-contact-ever"',
    );
    const lifted = render('persistent-behaviour-decision', {
      facts: { decision: 'limits-lifted', reviewOn: null },
    });
    expect(lifted.subject).toContain('The limits on contacting us have ended');
  });
});
