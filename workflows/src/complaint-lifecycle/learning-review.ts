// R-INT-4 (issue #12 point 8): an anonymous complaint is looked into for learning, with no correspondence; its
// review's outcome closes it.
import { setHandler } from '@temporalio/workflow';
import { FINDING_OUTCOMES } from '@complaints/domain';
import { refuse } from '../shared/refusal';
import type { ComplaintCase } from './complaint-case';
import { reviewForLearningUpdate, type LearningReviewCommand } from './lifecycle.messages';

export function registerLearningReviewHandler(c: ComplaintCase): void {
  setHandler(
    reviewForLearningUpdate,
    async (command: LearningReviewCommand) => {
      await c.close(
        'learning-reviewed',
        command.by,
        { type: 'learning-review-completed', rule: 'R-INT-4', data: { outcome: command.outcome } },
        { outcome: command.outcome },
      );
      return c.view();
    },
    {
      validator: (command: LearningReviewCommand) => {
        if (!c.input.anonymous || c.input.kind === 'feedback')
          refuse(
            'R-INT-4',
            'only an anonymous complaint closes with a learning review; this one is answered by the procedure',
          );
        if (c.isClosed()) refuse('R-INT-4', `the complaint is already closed (${c.state.closed!.reason})`);
        if (!FINDING_OUTCOMES.includes(command.outcome))
          refuse('R-INT-4', `outcome must be one of ${FINDING_OUTCOMES.join(', ')}`);
      },
    },
  );
}
