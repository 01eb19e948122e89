// R-PERS-1 on the time-skipping server: approved limits on contact are sent to the person, reviewed on their
// date (the complaints managers are reminded), continued to a new date within six months, then lifted.
import { TASK_QUEUES } from '@complaints/temporal';
import { contactRestriction } from '../index';
import {
  contactRestrictionStateQuery,
  contactRestrictionWorkflowId,
  reviewContactRestrictionUpdate,
  type ContactRestrictionInput,
} from '../messages';
import {
  createLifecycleHarness,
  eventTypes,
  recordHistory,
  refusal,
  type LifecycleHarness,
} from './lifecycle-harness';

jest.setTimeout(60_000);

let harness: LifecycleHarness;
afterEach(async () => harness?.teardown());

const INPUT: ContactRestrictionInput = {
  restrictionId: 'r-1',
  reference: 'HPFT-2036-000900',
  behaviours: ['excessive-contact'],
  limits: ['one-contact-per-week', 'written-contact-only'],
  reviewOn: '2036-06-02',
  ombudsman: 'phso',
};

it('R-PERS-1 HPFT: the person is told, managers are reminded on each review date, and lifting tells the person again', async () => {
  harness = await createLifecycleHarness('2036-03-03T10:00:00Z');
  await harness.run(async () => {
    const handle = await harness.env.client.workflow.start(contactRestriction, {
      workflowId: contactRestrictionWorkflowId(INPUT.restrictionId),
      taskQueue: TASK_QUEUES.complaints,
      args: [INPUT],
    });
    await harness.env.sleep('92 days'); // Tue 3 Jun 2036: reminded on Mon 2 Jun at 09:00 BST
    expect((await handle.query(contactRestrictionStateQuery)).reminderSentFor).toBe('2036-06-02');
    const review = (outcome: 'continue' | 'lift', nextReviewOn?: string) =>
      handle.executeUpdate(reviewContactRestrictionUpdate, {
        args: [{ by: 'cm-1', outcome, ...(nextReviewOn ? { nextReviewOn } : {}) }],
      });
    expect(await refusal(review('continue', '2036-12-31'))).toEqual({
      rule: 'R-PERS-1',
      message: 'nextReviewOn must be a date after today and no later than 2036-12-03',
    });
    const continued = await review('continue', '2036-09-01');
    expect(continued.reviewOn).toBe('2036-09-01');
    await harness.env.sleep('91 days'); // Tue 2 Sep 2036
    expect((await handle.query(contactRestrictionStateQuery)).reminderSentFor).toBe('2036-09-01');
    const lifted = await review('lift');
    expect(lifted.lifted).toEqual({ on: '2036-09-02', by: 'cm-1' });
    await handle.result();
    await recordHistory(handle, 'hpft-contact-limits-reviewed-then-lifted');
  });
  expect(harness.letters.map((l) => [l.template, l.audience, l.facts?.decision ?? l.facts?.due])).toEqual([
    ['persistent-behaviour-decision', 'complainant', 'limits-set'],
    ['deadline-reminder', 'complaints-manager', '2036-06-02'],
    ['deadline-reminder', 'complaints-manager', '2036-09-01'],
    ['persistent-behaviour-decision', 'complainant', 'limits-lifted'],
  ]);
  // R-PERS-1 (ADR 0034): the letter is pointed at the decision, so it names who decided and who approved.
  expect(harness.letters[0].facts).toEqual({
    decision: 'limits-set',
    reviewOn: '2036-06-02',
    restrictionId: 'r-1',
    behaviours: 'excessive-contact',
    limits: 'one-contact-per-week,written-contact-only',
    ombudsman: 'phso',
  });
  expect(eventTypes(harness)).toEqual([
    'contact-limits-set',
    'contact-limits-reviewed',
    'contact-limits-reviewed',
  ]);
  expect(
    harness.events.every((event) => event.reference === INPUT.reference && event.rule === 'R-PERS-1'),
  ).toBe(true);
});
