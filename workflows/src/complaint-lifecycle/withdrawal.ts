// The person withdraws the complaint: at any point before it closes, the procedure stops and every clock with it.
import { setHandler } from '@temporalio/workflow';
import { refuse } from '../shared/refusal';
import type { ComplaintCase } from './complaint-case';
import { withdrawUpdate, type WithdrawCommand } from './lifecycle.messages';

export function registerWithdrawalHandler(c: ComplaintCase): void {
  setHandler(
    withdrawUpdate,
    async (command: WithdrawCommand) => {
      await c.close('withdrawn', command.by, { type: 'withdrawn' });
      return c.view();
    },
    {
      validator: (_command: WithdrawCommand) => {
        if (c.input.kind === 'feedback')
          refuse('R-INT-3', 'feedback is recorded for learning and cannot be withdrawn');
        if (c.isClosed()) refuse(null, `the complaint is already closed (${c.state.closed!.reason})`);
      },
    },
  );
}
