// What the partner's case page shows, from joint-protocol's shared view (ADR 0019) and the problems its
// commands answer, in the NHS.UK error summary's words.
import { londonDate, WRITTEN_SECTIONS, type WrittenSection } from '@complaints/domain';
import { longDate } from '../form/dates';
import { PageErrors } from '../form/fields';
import type { Problem, SharedDraft, SharedView } from './joint-protocol.client';
import type { PartnerLinkSession } from './partner-link-sessions';

/** The case page's forms, each posting to `/partner-cases/{id}/{form}`, and the partner command each sends. */
export const FORMS = {
  contribution: 'contributions',
  variation: 'variations',
  'draft-decision': 'draft-decisions',
  disagreement: 'disagreements',
  learning: 'learning',
  withdrawal: 'withdrawal',
} as const;
export type FormName = keyof typeof FORMS;

/** Each field the API may name in a 400: the input the error summary links to, and what to do. */
const FIELDS: Record<string, { input: string; text: string }> = {
  body: { input: 'contribution', text: "Enter your organisation's contribution (up to 50,000 characters)" },
  apology: { input: 'apology', text: 'Your apology must be 5,000 characters or fewer' },
  kind: {
    input: 'kind',
    text: 'Select whether you are recording reasons for a variation or that you cannot meet the timescale',
  },
  reasons: { input: 'reasons', text: 'Enter the reasons (up to 5,000 characters)' },
  expectedOn: {
    input: 'expected-on-day',
    text: 'Enter the date you now expect to send your contribution, as a real date',
  },
  decision: { input: 'decision', text: 'Select whether you approve the draft or ask for changes' },
  comments: {
    input: 'comments',
    text: 'Enter your comments on the draft: what should change (up to 10,000 characters)',
  },
  version: { input: 'decision', text: 'The draft has changed: reload the page and decide again' },
  matter: { input: 'matter', text: 'Enter what you disagree about (up to 5,000 characters)' },
  learning: { input: 'learning', text: 'Enter what your organisation learned (up to 10,000 characters)' },
  actionPoints: {
    input: 'action-points',
    text: 'Enter at most 50 action points, one per line, each of 1,000 characters or fewer',
  },
};

/** Where a refusal of the whole form (a 409) points: the form's first input. */
const FIRST_INPUT: Record<FormName, string> = {
  contribution: 'contribution',
  variation: 'kind',
  'draft-decision': 'decision',
  disagreement: 'matter',
  learning: 'learning',
  withdrawal: 'withdraw',
};

/** The API's problem as error summary entries: each field it names (400), or the rule that refused it (409). */
export function problemErrors(form: FormName, problem: Problem): PageErrors {
  const errors = new PageErrors();
  if (problem.status === 400 && problem.errors?.length) {
    for (const { field, reason } of problem.errors) {
      const known = FIELDS[field];
      if (known) {
        if (!errors.for(field)) errors.add(field, known.text, known.input);
      } else errors.add(field, `${field}: ${reason}`, FIRST_INPUT[form]);
    }
    return errors;
  }
  const detail = problem.detail ?? problem.title ?? 'This could not be recorded';
  const sentence = `${detail.charAt(0).toUpperCase()}${detail.slice(1)}`;
  errors.add(`${form}-refused`, problem.rule ? `${sentence} (${problem.rule})` : sentence, FIRST_INPUT[form]);
  return errors;
}

/** 16 December 2026 at 09:30, London time. */
export function longDateTime(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/London',
  }).format(new Date(iso));
}

const dateOrNull = (iso: string | null | undefined) => (iso ? longDate(iso) : null);

/** The response's written sections as the partner reads them, in the order of R-RESP-1. */
const SECTION_HEADINGS: Record<WrittenSection, string> = {
  'issues-and-outcome-sought': 'What the complaint is about and the outcome hoped for',
  'how-investigated': 'How it was investigated',
  'evidence-considered': 'The evidence considered',
  'what-went-wrong': 'What went wrong',
  impact: 'The impact on the person',
  apology: 'Apology',
  'wider-learning': 'What has been learned',
  'staying-involved': 'Keeping the person involved',
};

const OUTCOME_WORDS: Record<string, string> = {
  upheld: 'Upheld',
  'partially-upheld': 'Partially upheld',
  'not-upheld': 'Not upheld',
};

/** R-JOINT-5: the draft's words, so the partner approves what it has read; each part with who contributed it. */
function draftPage(draft: SharedDraft, issues: { id: string; description: string }[]) {
  return {
    sections: WRITTEN_SECTIONS.filter((section) => draft.sections[section]).map((section) => ({
      heading: SECTION_HEADINGS[section],
      text: draft.sections[section],
      contributedBy: draft.sectionContributors[section] ?? [],
    })),
    findings: draft.findings.map((finding) => ({
      // Only this partner's own issues are described to it (R-JOINT-2); the others are numbered.
      issue: issues.find((issue) => issue.id === finding.issueId)?.description ?? null,
      outcome: OUTCOME_WORDS[finding.outcome] ?? finding.outcome,
      finding: finding.finding,
      contributedBy: finding.contributedBy,
    })),
    remedies: draft.remedies,
    coverLetter: draft.coverLetter,
  };
}

/** The page's model: the view as the API gave it, with its dates in words. */
export function casePage(view: SharedView, link: PartnerLinkSession) {
  const base = { view, leadName: link.leadName, partnerName: link.partnerName };
  if (!view.shared) return base;
  const decidedThisDraft =
    view.draft && view.myDecision?.version === view.draft.version ? view.myDecision : null;
  return {
    ...base,
    leadReceivedOn: longDate(view.leadReceivedOn),
    responseDueOn: dateOrNull(view.responseDueOn),
    contributionDueOn: dateOrNull(view.contributionDueOn),
    approvalDueOn: dateOrNull(view.draft?.approvalDueOn),
    draft: view.draft ? draftPage(view.draft, view.issues) : null,
    decidedThisDraft: decidedThisDraft && { ...decidedThisDraft, on: longDate(decidedThisDraft.on) },
    contributions: view.contributions.map((contribution) => ({
      ...contribution,
      submittedOn: longDate(londonDate(new Date(contribution.submittedAt))),
    })),
    withdrawnOn: view.withdrawnAt ? longDate(londonDate(new Date(view.withdrawnAt))) : null,
    // Copied in, or withdrawn: nothing is asked of it (R-JOINT-2, R-JOINT-7).
    acting: view.role === 'partner' && !view.withdrawnAt,
  };
}
