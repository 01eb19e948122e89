// Issue #12 point 8: a complaint may also be handled under another procedure (a patient safety incident,
// safeguarding, a coroner's inquest, a regulator, a legal claim). Each is flagged on the case and told to the
// person in writing; none pauses the complaint, which goes on unless the police, a coroner or a judge formally
// asks for it to wait (R-INV-6: a pause with that reason).
import { setHandler } from '@temporalio/workflow';
import { OTHER_PROCEDURES } from '@complaints/domain';
import { refuse } from '../shared/refusal';
import { staff, type ComplaintCase } from './complaint-case';
import { flagOtherProcedureUpdate, type FlagOtherProcedureCommand } from './lifecycle.messages';

export function registerOtherProcedureHandler(c: ComplaintCase): void {
  setHandler(
    flagOtherProcedureUpdate,
    async (command: FlagOtherProcedureCommand) => {
      const flags = (c.state.otherProcedures ??= []);
      flags.push({ procedure: command.procedure, on: c.today(), by: command.by });
      await c.record('other-procedure-flagged', 'R-INV-6', staff(command.by), {
        procedure: command.procedure,
      });
      // R-INT-4: an anonymous complaint has nobody to write to.
      if (!c.input.anonymous)
        c.post({
          step: `other-procedure-${command.procedure}`,
          template: 'other-procedure',
          audience: 'complainant',
          rule: 'R-INV-6',
          facts: { procedure: command.procedure },
        });
      return flags;
    },
    {
      validator: (command: FlagOtherProcedureCommand) => {
        if (!OTHER_PROCEDURES.includes(command.procedure))
          refuse('R-INV-6', `procedure must be one of ${OTHER_PROCEDURES.join(', ')}`);
        if (c.input.kind === 'feedback')
          refuse('R-INT-3', 'feedback is recorded for learning; it is not handled under other procedures');
        if (c.isClosed()) refuse('R-INV-6', `the complaint is closed (${c.state.closed!.reason})`);
        const earlier = c.state.otherProcedures?.find((flag) => flag.procedure === command.procedure);
        if (earlier) refuse('R-INV-6', `${command.procedure} was flagged on ${earlier.on}`);
      },
    },
  );
}
