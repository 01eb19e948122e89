// R-INT-4 (issue #12 point 8) on the time-skipping server: an anonymous complaint is looked into for learning,
// without correspondence, and its learning review's outcome closes it.
import { processStateQuery, reviewForLearningUpdate } from '../messages';
import {
  createLifecycleHarness,
  eventTypes,
  lifecycleInput,
  recordHistory,
  refusal,
  startInCloserLook,
  type LifecycleHarness,
  startLifecycle,
} from './lifecycle-harness';

jest.setTimeout(60_000);

let harness: LifecycleHarness;
afterEach(async () => harness?.teardown());

it('R-INT-4: an anonymous complaint closes with its learning review outcome, and its run ends; nothing is sent', async () => {
  harness = await createLifecycleHarness('2036-03-03T10:00:00Z');
  await harness.run(async () => {
    const handle = await startLifecycle(
      harness,
      lifecycleInput({
        reference: 'HPFT-2036-000700',
        receivedOn: '2036-03-03',
        profile: { id: 'hpft', version: 1 },
        anonymous: true,
      }),
    );
    expect((await handle.query(processStateQuery)).stage).toBe('reviewing-for-learning');
    expect(
      await refusal(
        handle.executeUpdate(reviewForLearningUpdate, {
          args: [{ by: 'handler-1', outcome: 'sort-of' as never }],
        }),
      ),
    ).toEqual({ rule: 'R-INT-4', message: 'outcome must be one of upheld, partially-upheld, not-upheld' });
    await harness.env.sleep('10 days');
    const reviewed = await handle.executeUpdate(reviewForLearningUpdate, {
      args: [{ by: 'handler-1', outcome: 'partially-upheld' }],
    });
    expect(reviewed.stage).toBe('closed');
    expect(reviewed.closed?.reason).toBe('learning-reviewed');
    // Closed, its run ends: there is nothing more to follow (a second review is refused by the API, 409).
    expect((await handle.result()).closed?.reason).toBe('learning-reviewed');
    await recordHistory(handle, 'anonymous-learning-reviewed');
  });
  expect(eventTypes(harness)).toEqual(['anonymous-complaint-recorded', 'learning-review-completed']);
  const review = harness.events.find((event) => event.type === 'learning-review-completed')!;
  expect(review).toMatchObject({
    rule: 'R-INT-4',
    actor: { type: 'staff', id: 'handler-1' },
    data: { outcome: 'partially-upheld' },
    projection: { stage: 'closed', outcome: 'partially-upheld' },
  });
  expect(harness.letters).toEqual([]);
  expect(harness.surveys).toEqual([]);
});

it('R-INT-4: a complaint with someone to answer is not closed by a learning review', async () => {
  harness = await createLifecycleHarness('2036-03-03T10:00:00Z');
  await harness.run(async () => {
    const handle = await startInCloserLook(
      harness,
      lifecycleInput({
        reference: 'HPFT-2036-000701',
        receivedOn: '2036-03-03',
        profile: { id: 'hpft', version: 1 },
      }),
    );
    expect(
      await refusal(
        handle.executeUpdate(reviewForLearningUpdate, { args: [{ by: 'handler-1', outcome: 'upheld' }] }),
      ),
    ).toEqual({
      rule: 'R-INT-4',
      message:
        'only an anonymous complaint closes with a learning review; this one is answered by the procedure',
    });
    expect((await handle.query(processStateQuery)).stage).toBe('closer-look');
  });
});
