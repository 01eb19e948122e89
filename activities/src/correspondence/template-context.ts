import type { CorrespondenceContext } from './correspondence-context';
import { replyExpectedBy } from './correspondence-context';

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
  const { complaint, organisation, profile, handler } = context;
  const includes = new Set<string>(profile.acknowledgement.includes);
  const replyBy = replyExpectedBy(context);
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
    earlyResolutionSummary: complaint.earlyResolutionSummary,
    facts,
  };
}

function describeTimescale(context: CorrespondenceContext): string {
  const timescale = context.profile.responseTimescale;
  if (timescale.kind === 'calendar-months')
    return timescale.months === 1 ? 'a calendar month' : `${timescale.months} calendar months`;
  if (timescale.kind === 'working-days') return `${timescale.newComplaint} working days`;
  return 'the timescale we agree with you';
}
