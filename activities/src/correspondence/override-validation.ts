// An organisation's override (a body, a subject line, or both) is tried before it is saved, and again before it is
// approved: each must compile in strict mode and be safe (template-safety), and the override must render every
// letter it takes part in against example data for every policy profile, each still saying all its template's
// front matter says it must (template-requirements) in a sentence a person can read.
import Handlebars from 'handlebars';
import type { Complaint, ComplaintIssue, FinalResponseDraft, Organisation, StaffUser } from '@complaints/db';
import {
  listProfiles,
  ombudsmanRoute,
  OTHER_PROCEDURES,
  type FinalResponseContent,
  type PolicyProfile,
  type WrittenSection,
} from '@complaints/domain';
import type { CorrespondenceContext } from './correspondence-context';
import { templateContext } from './template-context';
import { TEMPLATE_CATALOGUE, TEMPLATES_DIR, variantDefinition, variantsOf } from './template-catalogue';
import type { FactSpec } from './template-facts';
import { isTemplateName, TEMPLATE_NAMES, type TemplateName, type TemplateVariant } from './template-names';
import type { ActiveOverride, RenderedCorrespondence, TemplateRenderer } from './template-renderer';
import { hasReadableSentence, letterText, missingElements } from './template-requirements';
import { markupProblems, sourceSafetyProblems } from './template-safety';

/** Longer than any letter needs; keeps a mistaken upload out of the table. */
export const MAX_OVERRIDE_LENGTH = 100_000;

/** RFC 5322's limit for a line of a mail header; a subject line needs far less. */
export const MAX_SUBJECT_LENGTH = 998;

/** What an override replaces: the body, the subject line, or both (what is left out stays the standard). */
export interface OverrideCandidate {
  name: string;
  variant: TemplateVariant;
  body?: string;
  subject?: string;
}

/** Why an override cannot be saved, by the request field at fault (and the element of the letter it loses). */
export interface OverrideProblem {
  field: 'name' | 'variant' | 'body' | 'subject';
  reason: string;
  /** What the letter must say and no longer does (`mustSay` of the template's front matter). */
  element?: string;
}

/** R-RESP-3: the Ombudsman's details are the same in every organisation's letters, so these are never overridden. */
export const FIXED_PARTIALS: readonly string[] = ['ombudsman', 'ombudsman-contact', 'easy-read-ombudsman'];

/** Whether a name is a template of the catalogue, a partial, or neither. */
export function overrideTarget(renderer: TemplateRenderer, name: string): 'template' | 'partial' | null {
  if (isTemplateName(name)) return 'template';
  return renderer.partials.includes(name) ? 'partial' : null;
}

/** R-RESP-1: the written sections of the example draft, each unmistakable in a rendered letter. */
const SECTIONS: Readonly<Record<WrittenSection, string>> = {
  'issues-and-outcome-sought': 'Example issues and outcome sought.',
  'how-investigated': 'Example of how it was investigated.',
  'evidence-considered': 'Example evidence considered.',
  'what-went-wrong': 'Example of what went wrong and the standard.',
  impact: 'Example impact on the person.',
  apology: 'Example apology.',
  'wider-learning': 'Example wider learning.',
  'staying-involved': 'Example of staying involved.',
};

const ISSUES = [
  { id: 'example-issue-1', position: 1, description: 'Example issue one.' },
  { id: 'example-issue-2', position: 2, description: 'Example issue two.' },
];

const DRAFT: FinalResponseContent = {
  sections: { ...SECTIONS },
  findings: [
    { issueId: 'example-issue-1', outcome: 'upheld', finding: 'Example finding one.' },
    { issueId: 'example-issue-2', outcome: 'not-upheld', finding: 'Example finding two.' },
  ],
  remedies: [{ kind: 'apology', detail: 'Example remedy.' }],
  actions: [{ id: 'action-1', description: 'Example action.', ownerId: 'example', due: '2026-06-30' }],
  careContext: 'nhs-care',
};

/** What each R-RESP-1 element of the example draft prints, to find any an override of the response leaves out. */
const RESPONSE_CONTENT: [element: string, text: string][] = [
  ...(Object.entries(SECTIONS) as [string, string][]),
  ...ISSUES.map((issue) => ['issues-and-outcome-sought', issue.description] as [string, string]),
  ...DRAFT.findings.map((finding) => ['findings', finding.finding] as [string, string]),
  ...DRAFT.remedies.map((remedy) => ['remedy', remedy.detail] as [string, string]),
  ...DRAFT.actions.map((action) => ['staying-involved', action.description] as [string, string]),
];

/** One value of each declared fact, for a template without examples of its own below. */
function factsFromSpecs(name: TemplateName): Record<string, unknown> {
  const examples = { string: 'example', integer: 1, boolean: false, date: '2026-04-14' };
  const specs: Readonly<Record<string, FactSpec>> = TEMPLATE_CATALOGUE[name].facts;
  return Object.fromEntries(
    Object.entries(specs).map(([fact, spec]) => [
      fact,
      spec.type === 'one-of' ? spec.values[0] : examples[spec.type],
    ]),
  );
}

/** Example facts for each template under a profile, one set per path through the letter worth trying. */
export function exampleFacts(name: TemplateName, profile: PolicyProfile): Record<string, unknown>[] {
  const route = ombudsmanRoute(profile, 'nhs-care');
  const stageTwo = profile.afterResponse.stageTwo !== null;
  const staff = { deadline: 'acknowledgement', due: '2026-03-13', rule: 'R-ACK-1' };
  const examples: Partial<Record<TemplateName, Record<string, unknown>[]>> = {
    acknowledgement: [{}],
    'early-resolution-summary': [{}],
    'deadline-reminder': [staff],
    'deadline-breach': [staff],
    'final-response': [
      { round: 'first', stageTwoAvailable: stageTwo },
      { round: 'reopened', stageTwoAvailable: false },
      ...(stageTwo ? [{ round: 'stage-two', stageTwoAvailable: false }] : []),
    ].map((facts) => ({ ...facts, finalResponseVersion: 1, ombudsman: route })),
    'final-response-cover': [{ finalResponseVersion: 1 }],
    'timescale-extended': [
      {
        previousDue: '2026-04-14',
        newDue: '2026-05-12',
        reason: 'complexity',
        progressReport: false,
        agreedWith: 'complainant',
        agreedOn: '2026-05-11',
        agreedBy: 'telephone',
      },
      {
        previousDue: null,
        newDue: '2026-05-12',
        reason: 'complexity',
        progressReport: true,
        agreedWith: null,
        agreedOn: null,
        agreedBy: null,
      },
    ],
    'involved-handler': [{ reason: 'small-team' }],
    'other-procedure': OTHER_PROCEDURES.map((procedure) => ({ procedure })),
    'six-month-delay': [{ likelyBy: '2026-10-30', approvedBy: 'example' }],
    reopened: [{ due: '2026-06-05' }, { due: null }],
    'stage-two-acknowledgement': [{ due: '2026-05-11' }],
    'investigation-plan': [
      { planVersion: 1, due: '2026-05-29' },
      { planVersion: 1, due: null },
    ],
    'action-completed': [{ actionId: 'action-1' }],
    'actions-completed': [{}],
    'experience-survey': [{}],
    'out-of-scope': [
      { whole: true, matter: 'employment' },
      { whole: false, matter: 'information-request' },
      { whole: true, matter: 'own-staff' },
      { whole: false, matter: 'other' },
    ],
    'out-of-time': [
      { decision: 'considered', ombudsman: null },
      { decision: 'not-considered', ombudsman: route },
    ],
    'consent-request': [{}],
    'persistent-behaviour-decision': [
      {
        decision: 'limits-set',
        reviewOn: '2026-09-10',
        behaviours: 'excessive-contact,unreasonable-demands',
        limits: 'one-contact-per-week',
        ombudsman: route,
      },
      {
        decision: 'limits-lifted',
        reviewOn: null,
        behaviours: 'excessive-contact',
        limits: 'one-contact-per-week',
        ombudsman: route,
      },
    ],
    'representative-decision': [
      { decision: 'not-acting-in-best-interests', ombudsman: route },
      { decision: 'no-reasonable-grounds-for-child', ombudsman: route },
    ],
    'approval-request': [
      { document: 'final-response', step: 'sign-off', due: '2026-03-13' },
      { document: 'six-month-letter', step: 'sign-off', due: null },
    ],
    'staff-notification': [{}],
    'handler-allocated': [{}],
    'delivery-failed': [
      { outcome: 'failed', channel: 'email', letterQueued: true },
      { outcome: 'failed', channel: 'letter', letterQueued: false },
      { outcome: 'unconfirmed', channel: 'email', letterQueued: false },
    ].map((facts) => ({ ...facts, item: 'example-item', document: 'acknowledgement', error: 'SMTP 550' })),
  };
  return examples[name] ?? [factsFromSpecs(name)];
}

/** Example contexts: by email with nobody allocated, and by letter in large print with a handler named. */
export function exampleContexts(
  organisation: Organisation,
  profile: PolicyProfile,
  variant: TemplateVariant,
  facts: Record<string, unknown>,
): Record<string, unknown>[] {
  return [false, true].map((letter) => {
    const context = {
      complaint: {
        reference: `${organisation.code}-2026-000001`,
        receivedOn: '2026-03-10',
        accessibilityNeeds: [
          ...(variant === 'easy-read' ? ['easy-read'] : []),
          ...(letter ? ['large-print'] : []),
        ],
        earlyResolutionSummary: letter ? 'Example summary.' : null,
      } as Complaint,
      organisation,
      complainant: null,
      personAffected: null,
      profile,
      handler: letter ? ({ displayName: 'Example Handler' } as StaffUser) : null,
      issues: ISSUES as ComplaintIssue[],
      finalResponseDraft: {
        version: 1,
        content: DRAFT,
        coverLetter: 'Example cover letter.',
      } as FinalResponseDraft,
      approver: { displayName: 'Example Manager', roles: ['senior-manager'] } as StaffUser,
      // R-RESP-2 (ADR 0034): the letter example is signed by a delegate, so an override must keep whom for.
      signer: letter
        ? { name: 'Sam Example', title: 'Director of Example Services', onBehalfOf: 'the Chief Executive' }
        : { name: 'Jo Example', title: 'Chief Executive', onBehalfOf: null },
      // R-PERS-1: who decided and approved the limits on contact.
      contactDecision: {
        decidedBy: [
          { name: 'Example Director', title: 'Managing Director of the service' },
          { name: 'Example Clinician', title: 'Clinical Team' },
          { name: 'Example Lead', title: 'Lead Manager for Complaints' },
        ],
        approvedBy: { name: 'Example Deputy', title: 'Deputy Chief Executive' },
      },
      plan: {
        content: {
          keyIssueIds: ISSUES.map((issue) => issue.id),
          howAffected: 'Example effect.',
          outcomesSought: 'Example outcome.',
          evidence: ['Example records'],
          peopleToSpeakTo: ['Example colleague'],
          respondentId: 'example',
          responseMethod: 'letter',
          advocacySignposted: true,
        },
        respondent: { displayName: 'Example Handler' } as StaffUser,
      },
      completedAction: { description: 'Example action.', completedOn: '2026-03-09' },
      templateOverrides: { organisationCode: organisation.code, overrides: [] },
      // The letter example is of a joint complaint about health and social care (R-JOINT-2, R-JOINT-5), so an
      // override must keep what a joint letter says.
      joint: letter
        ? {
            protocolName: 'Example Joint Protocol',
            members: [
              { code: 'LEAD', name: organisation.name, role: 'lead', care: 'health' },
              {
                code: 'COUNCIL',
                name: 'Example Council Adult Care Services',
                role: 'partner',
                care: 'social-care',
              },
            ],
          }
        : null,
      // …and forwarded by the commissioner (R-JOINT-8).
      forwardedBy: letter ? { name: 'Example Integrated Care Board', receivedOn: '2026-03-05' } : null,
    } as CorrespondenceContext;
    const recipient = {
      name: 'Example Person',
      address: letter ? { lines: ['1 Example Street', 'Exampletown'], postcode: 'EX1 1AA' } : null,
    };
    return templateContext(context, recipient, facts, '2026-03-11');
  });
}

const describeError = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Why a Handlebars source given as `field` cannot be used, before it is tried on any letter. */
function sourceProblems(
  field: 'body' | 'subject',
  source: string,
  maxLength: number,
  partials: readonly string[],
): OverrideProblem[] {
  if (source.trim() === '') return [{ field, reason: 'is empty' }];
  if (source.length > maxLength) return [{ field, reason: `is longer than ${maxLength} characters` }];
  if (field === 'subject' && /[\r\n]/.test(source)) return [{ field, reason: 'must be one line' }];
  try {
    Handlebars.precompile(source, { strict: true });
  } catch (error) {
    return [{ field, reason: `does not compile: ${describeError(error)}` }];
  }
  return sourceSafetyProblems(source, partials).map((reason) => ({ field, reason }));
}

/** Every letter an override takes part in: its own template's, or (a partial) every letter. */
function lettersOf(target: 'template' | 'partial', candidate: OverrideCandidate) {
  return target === 'template'
    ? [[candidate.name as TemplateName, candidate.variant] as [TemplateName, TemplateVariant]]
    : TEMPLATE_NAMES.flatMap((name) =>
        variantsOf(name).map((variant) => [name, variant] as [TemplateName, TemplateVariant]),
      );
}

/**
 * What a rendered letter does not say that it must (issue #14), and anything in it no letter may have: the
 * problems of the body, for a letter rendered from `context` (the template's data).
 */
export function letterProblems(
  name: TemplateName,
  variant: TemplateVariant,
  rendered: Pick<RenderedCorrespondence, 'html' | 'subject'>,
  context: Record<string, unknown>,
): { body: OverrideProblem[]; subject: OverrideProblem[] } {
  const text = letterText(rendered.html);
  const requirements = variantDefinition(name, variant)!.mustSay;
  const body: OverrideProblem[] = [
    ...markupProblems(rendered.html).map((reason) => ({ field: 'body' as const, reason })),
    ...missingElements(requirements, text, context, TEMPLATES_DIR).map((element) => ({
      field: 'body' as const,
      element,
      reason: `leaves out ${element}, which the letter must say`,
    })),
  ];
  if (!hasReadableSentence(text))
    body.push({
      field: 'body',
      element: 'readable-sentence',
      reason: 'has no sentence a person can read',
    });
  if (name === 'final-response') {
    const missing = [
      ...new Set(RESPONSE_CONTENT.filter(([, shown]) => !text.includes(shown)).map(([element]) => element)),
    ];
    for (const element of missing)
      body.push({ field: 'body', element, reason: `leaves out the R-RESP-1 element ${element}` });
  }
  const subject: OverrideProblem[] = rendered.subject.includes(String(context.reference))
    ? []
    : [
        {
          field: 'subject',
          element: 'reference',
          reason: 'leaves out the reference, which the subject must say',
        },
      ];
  return { body, subject };
}

/**
 * The problems that keep an override from being saved or approved (none: it may be). It is tried together with
 * the organisation's other overrides in use, on every letter it takes part in (a partial: every letter), for
 * every profile and example; each problem is given once, with the first letter it was found in.
 */
export function validateOverride(
  renderer: TemplateRenderer,
  organisation: Organisation,
  current: readonly ActiveOverride[],
  candidate: OverrideCandidate,
): OverrideProblem[] {
  const target = overrideTarget(renderer, candidate.name);
  if (target === 'partial' && FIXED_PARTIALS.includes(candidate.name))
    return [
      {
        field: 'name',
        reason: `${candidate.name} holds the Ombudsman's details, which are the same in every letter and cannot be overridden (R-RESP-3)`,
      },
    ];
  if (target === 'partial' && candidate.variant !== 'standard')
    return [{ field: 'variant', reason: 'a partial is shared by every variant: override it as standard' }];
  if (target === 'partial' && candidate.subject !== undefined)
    return [{ field: 'subject', reason: "a partial has no subject line: override a template's subject" }];
  if (target === 'template' && !variantDefinition(candidate.name as TemplateName, candidate.variant))
    return [{ field: 'variant', reason: `${candidate.name} has no ${candidate.variant} variant` }];
  if (candidate.body === undefined && candidate.subject === undefined)
    return [{ field: 'body', reason: 'give a body, a subject line, or both' }];
  const problems = [
    ...(candidate.body === undefined
      ? []
      : sourceProblems('body', candidate.body, MAX_OVERRIDE_LENGTH, renderer.partials)),
    ...(candidate.subject === undefined
      ? []
      : sourceProblems('subject', candidate.subject, MAX_SUBJECT_LENGTH, renderer.partials)),
  ];
  if (problems.length > 0) return problems;
  const trial = renderer.trial([
    ...current.filter(
      (override) => override.name !== candidate.name || override.variant !== candidate.variant,
    ),
    { ...candidate, version: 0 },
  ]);
  const found = new Map<string, OverrideProblem>();
  const add = (problem: OverrideProblem, where: string) => {
    const key = `${problem.field}:${problem.element ?? problem.reason}`;
    if (!found.has(key)) found.set(key, { ...problem, reason: `${problem.reason} (${where})` });
  };
  for (const profile of listProfiles()) {
    for (const [name, variant] of lettersOf(target!, candidate)) {
      const where = `${name}${variant === 'standard' ? '' : ` (${variant})`} for the ${profile.id} profile (v${profile.version})`;
      for (const facts of exampleFacts(name, profile)) {
        for (const context of exampleContexts(organisation, profile, variant, facts)) {
          // The subject alone first, so that a subject that fails is named as such, not as the body.
          if (candidate.subject !== undefined) {
            try {
              trial.subject(name, variant, context);
            } catch (error) {
              return [{ field: 'subject', reason: `does not render ${where}: ${describeError(error)}` }];
            }
          }
          let rendered: RenderedCorrespondence;
          try {
            rendered = trial.render(name, variant, context);
          } catch (error) {
            return [{ field: 'body', reason: `does not render ${where}: ${describeError(error)}` }];
          }
          const { body, subject } = letterProblems(name, variant, rendered, context);
          for (const problem of [...body, ...subject]) add(problem, where);
        }
      }
    }
  }
  return [...found.values()];
}
