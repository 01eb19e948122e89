// R-PERS-1: an approved decision to limit a person's contact — the person is told in writing, and the
// complaints managers are reminded on each review date until the limits are lifted.
import { condition, patched, setHandler } from '@temporalio/workflow';
import type { CaseEventInput } from '@complaints/activities/case-record';
import {
  calendarMonthsAfterReceipt,
  CONTACT_LIMITS_REVIEW_WITHIN_MONTHS,
  isLocalDate,
  londonDate,
  type LocalDate,
} from '@complaints/domain';
import { requireCommandSignatureCheck } from '../shared/command-signature.interceptor';
import { atLondonHour, REMINDER_HOUR, waitUntil } from '../shared/london-time';
import { refuse } from '../shared/refusal';
import {
  contactRestrictionStateQuery,
  reviewContactRestrictionUpdate,
  type ContactRestrictionInput,
  type ContactRestrictionState,
  type ReviewContactRestrictionCommand,
} from './messages';
import { recordCaseEvent, sendCorrespondence } from '../shared/activity-proxies';

export async function contactRestriction(input: ContactRestrictionInput): Promise<ContactRestrictionState> {
  requireCommandSignatureCheck();
  const state: ContactRestrictionState = { reviewOn: input.reviewOn, reviews: [] };
  const today = () => londonDate(new Date());
  const actor = (id: string) => ({ type: 'staff' as const, id });
  let reviewed = 0;

  setHandler(contactRestrictionStateQuery, () => state);
  setHandler(
    reviewContactRestrictionUpdate,
    async (command: ReviewContactRestrictionCommand) => {
      const on = today();
      state.reviews.push({
        on,
        by: command.by,
        outcome: command.outcome,
        nextReviewOn: command.nextReviewOn,
      });
      if (command.outcome === 'lift') {
        state.lifted = { on, by: command.by };
        state.reviewOn = null;
      } else {
        state.reviewOn = command.nextReviewOn!;
      }
      reviewed++;
      await record('contact-limits-reviewed', actor(command.by), {
        outcome: command.outcome,
        nextReviewOn: command.nextReviewOn ?? null,
      });
      return state;
    },
    {
      validator: (command: ReviewContactRestrictionCommand) => {
        if (state.lifted) refuse('R-PERS-1', `the limits were lifted on ${state.lifted.on}`);
        if (command.outcome !== 'continue' && command.outcome !== 'lift')
          refuse('R-PERS-1', 'outcome must be continue or lift');
        if (command.outcome === 'continue') {
          const latest = calendarMonthsAfterReceipt(today(), CONTACT_LIMITS_REVIEW_WITHIN_MONTHS);
          if (
            !isLocalDate(command.nextReviewOn) ||
            command.nextReviewOn <= today() ||
            command.nextReviewOn > latest
          )
            refuse('R-PERS-1', `nextReviewOn must be a date after today and no later than ${latest}`);
        }
      },
    },
  );

  // ADR 0034: the letter names who took the decision and who approved it, read from the decision by its id.
  const namesDeciders = patched('contact-limits-letter-names-deciders');
  await send('contact-limits-set', {
    decision: 'limits-set',
    reviewOn: input.reviewOn,
    ...(namesDeciders ? { restrictionId: input.restrictionId } : {}),
  });
  await record(
    'contact-limits-set',
    { type: 'system', id: 'workflow' },
    {
      restrictionId: input.restrictionId,
      limits: input.limits,
      reviewOn: input.reviewOn,
    },
  );

  while (!state.lifted) {
    const reviewOn = state.reviewOn!;
    const reviewsSoFar = reviewed;
    const reviewedSince = () => reviewed !== reviewsSoFar;
    // The complaints managers are reminded on the review date; the limits stay until someone reviews them.
    if (!(await waitUntil(reviewedSince, atLondonHour(reviewOn, REMINDER_HOUR)))) {
      state.reminderSentFor = reviewOn;
      await sendCorrespondence({
        reference: input.reference,
        step: `contact-limits-review-${input.restrictionId}-${reviewOn}`,
        template: 'deadline-reminder',
        audience: 'complaints-manager',
        facts: { deadline: 'review of the limits on contact', due: reviewOn, rule: 'R-PERS-1' },
      });
      await condition(reviewedSince);
    }
  }
  await send('contact-limits-lifted', { decision: 'limits-lifted', reviewOn: null });
  return state;

  async function send(
    step: string,
    facts: { decision: string; reviewOn: LocalDate | null; restrictionId?: string },
  ) {
    await sendCorrespondence({
      reference: input.reference,
      step: `${step}-${input.restrictionId}`,
      template: 'persistent-behaviour-decision',
      audience: 'complainant',
      facts: {
        ...facts,
        behaviours: input.behaviours.join(','),
        limits: input.limits.join(','),
        ombudsman: input.ombudsman,
      },
    });
  }

  async function record(type: string, by: CaseEventInput['actor'], data: Record<string, unknown>) {
    await recordCaseEvent({
      reference: input.reference,
      occurredAt: new Date().toISOString(),
      type,
      rule: 'R-PERS-1',
      actor: by,
      data,
    });
  }
}
