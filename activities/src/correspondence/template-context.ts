import {
  OMBUDSMAN_FOR_CARE,
  describeMissingElements,
  missingResponseElements,
  otherOmbudsmanRoutes,
  summariseFinalResponse,
  type FindingOutcome,
  type LocalDate,
  type PlanResponseMethod,
  type RemedyKind,
  type WrittenSection,
} from '@complaints/domain';
import type { CorrespondenceContext } from './correspondence-context';
import { replyExpectedBy } from './correspondence-context';
import { SURVEY_ACCESS_PLACEHOLDER } from '../experience-survey/survey-letter-access';
import { PROGRESS_ACCESS_PLACEHOLDER } from './progress-access';

export interface TemplateRecipient {
  name: string;
  /** The postal address block, for a letter; null for email. */
  address: { lines: string[]; postcode: string } | null;
}

/** Everything a template may use: the record of one complaint, its pinned profile, the recipient and the workflow's facts. */
export function templateContext(
  context: CorrespondenceContext,
  recipient: TemplateRecipient,
  facts: Record<string, unknown>,
  today: string,
): Record<string, unknown> {
  const { complaint, organisation, profile, handler, approver } = context;
  const includes = new Set<string>(profile.acknowledgement.includes);
  const replyBy = replyExpectedBy(context);
  const joint = jointView(context, facts);
  return {
    reference: complaint.reference,
    today,
    receivedOn: complaint.receivedOn,
    organisation: { name: organisation.name, letterhead: organisation.letterhead },
    recipient,
    largePrint: complaint.accessibilityNeeds.includes('large-print'),
    accessibilityNeeds: complaint.accessibilityNeeds,
    inWriting: profile.acknowledgement.style === 'in-writing',
    includes: {
      discussionOfHandling: includes.has('discussion-of-handling'),
      whoIsHandling: includes.has('who-is-handling'),
      whenToExpectReply: includes.has('when-to-expect-reply') && replyBy !== null,
      freeReviewConsultationOffer: includes.has('free-review-consultation-offer'),
      copyOfProcedure: includes.has('copy-of-procedure'),
    },
    handlerName: handler?.displayName ?? 'a member of the complaints team',
    handlerNamed: handler !== null,
    replyExpectedBy: replyBy,
    acknowledgementWorkingDays: profile.acknowledgement.workingDays,
    responseTimescale: describeTimescale(context),
    signatory: 'Complaints Team',
    // R-RESP-2 (ADR 0034): who signed off the final response (and HPFT's cover letter), as its letter names them.
    signer: context.signer ?? { name: 'Complaints Team', title: null, onBehalfOf: null },
    // R-PERS-1: who decided a limit on contact, in which roles, and who approved it.
    contactDecision: contactDecisionView(context),
    earlyResolutionSummary: complaint.earlyResolutionSummary,
    finalResponse: finalResponseView(context),
    plan: planView(context),
    // R-INV-7: the six-month letter is written by the Responsible Person or a Senior Manager.
    approver: approver
      ? {
          name: approver.displayName,
          title: approver.roles.includes('responsible-person')
            ? 'Responsible Person'
            : approver.roles.includes('senior-manager')
              ? 'Senior Manager'
              : null,
        }
      : null,
    // R-STAGE2-1 (CWTH): what the person is told about asking for a stage-two review.
    stageTwo: profile.afterResponse.stageTwo
      ? { acknowledgementWorkingDays: profile.afterResponse.stageTwo.acknowledgement.workingDays }
      : null,
    // R-RESP-4: the promised action a letter tells the person is done.
    completedAction: context.completedAction ?? null,
    joint,
    bothOmbudsmen: bothOmbudsmenView(context, joint, facts),
    // R-JOINT-8: forwarded by the commissioner with consent, and handled as made to us.
    forwardedBy: context.forwardedBy ?? null,
    // ADR 0028: where the person's link or code to their progress page goes, put in only as the item leaves.
    progressAccess: complaint.anonymous ? null : PROGRESS_ACCESS_PLACEHOLDER,
    // ADR 0023: where the survey letter's single-use code goes, likewise.
    surveyAccess: complaint.anonymous ? null : SURVEY_ACCESS_PLACEHOLDER,
    facts,
  };
}

/** R-PERS-1: "A (Managing Director of the service), B (Clinical Team) and C (Lead Manager for Complaints)". */
function contactDecisionView(context: CorrespondenceContext) {
  const decision = context.contactDecision;
  if (!decision) return null;
  return {
    decidedBy: listInWords(decision.decidedBy.map((person) => `${person.name} (${person.title})`)),
    approvedBy: decision.approvedBy ? `${decision.approvedBy.name}, ${decision.approvedBy.title}` : null,
  };
}

/** R-JOINT-2, R-JOINT-5: what a joint complaint's letters say of the organisations handling it together. */
function jointView(context: CorrespondenceContext, facts: Record<string, unknown>) {
  const joint = context.joint;
  if (!joint) return null;
  const names = (members: readonly { name: string }[]) => listInWords(members.map((member) => member.name));
  const lead = joint.members.find((member) => member.role === 'lead') ?? joint.members[0];
  const partners = joint.members.filter((member) => member.role === 'partner');
  const health = joint.members.filter((member) => member.care === 'health');
  const socialCare = joint.members.filter((member) => member.care === 'social-care');
  // PHSO for NHS care, LGSCO for social care: a mixed complaint names both, as they work on it jointly.
  const ombudsmen = [
    ...(health.length > 0 ? [OMBUDSMAN_FOR_CARE.health.toLowerCase()] : []),
    ...(socialCare.length > 0 ? [OMBUDSMAN_FOR_CARE['social-care'].toLowerCase()] : []),
  ];
  return {
    protocolName: joint.protocolName,
    leadName: lead.name,
    partnerNames: names(partners),
    organisationNames: names(joint.members),
    mixedCare: health.length > 0 && socialCare.length > 0,
    healthNames: names(health),
    socialCareNames: names(socialCare),
    otherOmbudsmen: ombudsmen.filter((route) => route !== facts.ombudsman),
    leftOutNames: names(partners.filter((member) => member.leftOutOfResponse)),
  };
}

/**
 * R-RESP-3: a complaint about NHS care and social care names both Ombudsmen, who work on it jointly: by the
 * organisations' care in a joint response (R-JOINT-2), else by the care the response says it covered.
 */
function bothOmbudsmenView(
  context: CorrespondenceContext,
  joint: ReturnType<typeof jointView>,
  facts: Record<string, unknown>,
) {
  if (joint?.otherOmbudsmen.length)
    return {
      healthNames: joint.healthNames,
      socialCareNames: joint.socialCareNames,
      others: joint.otherOmbudsmen,
    };
  const careContext = context.finalResponseDraft?.content.careContext;
  const others = careContext
    ? otherOmbudsmanRoutes(context.profile, careContext).filter((route) => route !== facts.ombudsman)
    : [];
  return others.length > 0 ? { healthNames: null, socialCareNames: null, others } : null;
}

/** "A", "A and B", "A, B and C". */
function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** R-RESP-1: the written sections, keyed for templates; a blank section is null. */
const SECTION_KEYS: Readonly<Record<WrittenSection, string>> = {
  'issues-and-outcome-sought': 'issuesAndOutcomeSought',
  'how-investigated': 'howInvestigated',
  'evidence-considered': 'evidenceConsidered',
  'what-went-wrong': 'whatWentWrong',
  impact: 'impact',
  apology: 'apology',
  'wider-learning': 'widerLearning',
  'staying-involved': 'stayingInvolved',
};

export interface FinalResponseView {
  version: number;
  sections: Record<string, string | null>;
  /** Every issue of the complaint, in the person's own words, in the order they raised them. */
  issues: string[];
  /** One per finding, in the order of the complaint's issues, under the issue's own words. */
  findings: {
    position: number;
    issue: string;
    outcome: FindingOutcome;
    finding: string;
    /** R-JOINT-5: in a joint response, the organisations that contributed it (the lead when none is named). */
    contributors: string | null;
  }[];
  /** R-JOINT-5: per written section (keyed like `sections`), the organisations that contributed it; null when not joint. */
  contributors: Record<string, string> | null;
  remedies: { kind: RemedyKind; detail: string }[];
  /** R-RESP-4: what is still to be done, soonest first. */
  actions: { description: string; due: LocalDate }[];
  /** True when every issue is not upheld: then no remedy or apology is owed (and the letter says so). */
  nothingWentWrong: boolean;
  coverLetter: string | null;
  /** R-RESP-1: a response missing any element must not be sent; `missing` names what is missing. */
  complete: boolean;
  missing: string;
}

/** The saved draft named by the facts, shaped for the letter; null when none was asked for or none is saved. */
function finalResponseView(context: CorrespondenceContext): FinalResponseView | null {
  const draft = context.finalResponseDraft;
  if (!draft) return null;
  const { content } = draft;
  // R-JOINT-5: the organisations behind one part, by name; a part nobody is named for is the lead's.
  const contributorsOf = (codes: readonly string[] | undefined): string | null => {
    const joint = context.joint;
    if (!joint) return null;
    const named = joint.members.filter((member) => codes?.includes(member.code));
    const lead = joint.members.filter((member) => member.role === 'lead');
    return listInWords((named.length > 0 ? named : lead).map((member) => member.name));
  };
  const sections = Object.fromEntries(
    (Object.entries(SECTION_KEYS) as [WrittenSection, string][]).map(([section, key]) => {
      const text = content.sections[section];
      return [key, typeof text === 'string' && text.trim() !== '' ? text : null];
    }),
  );
  const issues = context.issues;
  const position = new Map(issues.map((issue, index) => [issue.id, index]));
  const unknown = content.findings.filter((finding) => !position.has(finding.issueId));
  const missing = missingResponseElements(
    summariseFinalResponse(
      draft.version,
      content,
      issues.map((issue) => issue.id).filter((id) => !context.joint?.issuesToFollow?.includes(id)),
      context.profile,
    ),
  );
  const problems = [
    describeMissingElements(missing),
    ...unknown.map((finding) => `findings: issue ${finding.issueId} is not an issue of this complaint`),
  ].filter((problem) => problem !== '');
  const findings = content.findings
    .filter((finding) => position.has(finding.issueId))
    .map((finding) => ({ finding, index: position.get(finding.issueId)! }))
    .sort((a, b) => a.index - b.index)
    .map(({ finding, index }) => ({
      position: index + 1,
      issue: issues[index].description,
      outcome: finding.outcome,
      finding: finding.finding,
      contributors: contributorsOf(finding.contributedBy),
    }));
  return {
    version: draft.version,
    sections,
    contributors: context.joint
      ? Object.fromEntries(
          (Object.entries(SECTION_KEYS) as [WrittenSection, string][]).map(([section, key]) => [
            key,
            contributorsOf(content.sectionContributors?.[section])!,
          ]),
        )
      : null,
    issues: issues.map((issue) => issue.description),
    findings,
    remedies: content.remedies.map(({ kind, detail }) => ({ kind, detail })),
    actions: [...content.actions]
      .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0))
      .map(({ description, due }) => ({ description, due })),
    nothingWentWrong: content.findings.every((finding) => finding.outcome === 'not-upheld'),
    coverLetter: draft.coverLetter !== null && draft.coverLetter.trim() !== '' ? draft.coverLetter : null,
    complete: problems.length === 0,
    missing: `the final response (version ${draft.version}) is incomplete (R-RESP-1): ${problems.join('; ')}`,
  };
}

function describeTimescale(context: CorrespondenceContext): string {
  const timescale = context.profile.responseTimescale;
  if (timescale.kind === 'calendar-months')
    return timescale.months === 1 ? 'a calendar month' : `${timescale.months} calendar months`;
  if (timescale.kind === 'working-days') return `${timescale.newComplaint} working days`;
  return 'the timescale we agree with you';
}

/** R-INV-2 "who responds and how", as the letter says it. */
const RESPONSE_METHOD_WORDS: Readonly<Record<PlanResponseMethod, string>> = {
  letter: 'in a letter',
  email: 'by email',
  'meeting-then-letter': 'at a meeting with you, followed by a letter',
  'phone-call-then-letter': 'in a phone call, followed by a letter',
};

/** The saved plan named by the facts, shaped for the letter; null when none was asked for or none is saved. */
function planView(context: CorrespondenceContext) {
  if (!context.plan) return null;
  const { content, respondent } = context.plan;
  const keyIssues = context.issues
    .filter((issue) => content.keyIssueIds.includes(issue.id))
    .map((issue) => issue.description);
  return {
    keyIssues,
    howAffected: content.howAffected,
    outcomesSought: content.outcomesSought,
    evidence: content.evidence,
    peopleToSpeakTo: content.peopleToSpeakTo,
    respondentName: respondent?.displayName ?? 'Your complaint handler',
    responseMethod: RESPONSE_METHOD_WORDS[content.responseMethod],
  };
}
