// R-INV-2: clarify and plan. The key issues, how the person was affected, the outcomes sought, the evidence,
// who will be spoken to, who responds and how, advocacy signposted, and the timescale (R-INV-4) are agreed
// with the person at the start of the closer look, and the plan is sent to them.
import { setHandler } from '@temporalio/workflow';
import { isLocalDate, PLAN_RESPONSE_METHODS } from '@complaints/domain';
import { staff, type ComplaintCase } from './complaint-case';
import { agreePlanUpdate, type AgreePlanCommand, type PlanState } from './plan.messages';
import { refuse } from '../shared/refusal';
import { refuseSilentChange } from './closer-look';

export function registerPlanHandlers(c: ComplaintCase): void {
  setHandler(
    agreePlanUpdate,
    async ({ plan, by }: AgreePlanCommand) => {
      const agreed: PlanState = { ...plan, agreedOn: c.today(), by };
      c.state.plan = agreed;
      const closer = plan.agreedDue ? c.agreeFinalResponseDate(plan.agreedDue) : c.state.closerLook!;
      await c.record('plan-agreed', 'R-INV-2', staff(by), {
        version: plan.version,
        keyIssues: plan.keyIssueIds.length,
        responseMethod: plan.responseMethod,
        advocacySignposted: plan.advocacySignposted,
        due: closer.due,
        agreedDue: plan.agreedDue,
      });
      c.post({
        step: `investigation-plan-${c.state.round!.number}-${plan.version}`,
        template: 'investigation-plan',
        audience: 'complainant',
        rule: 'R-INV-2',
        facts: { planVersion: plan.version, due: closer.due },
      });
      return agreed;
    },
    {
      validator: ({ plan }: AgreePlanCommand) => {
        c.requireStage('closer-look', 'R-INV-2', 'the plan is agreed during the closer look');
        if (!Number.isInteger(plan?.version) || plan.version < 1)
          refuse('R-INV-2', 'plan.version must be a saved version');
        if (!Array.isArray(plan.keyIssueIds) || plan.keyIssueIds.length === 0)
          refuse('R-INV-2', 'the plan names at least one key issue');
        if (!PLAN_RESPONSE_METHODS.includes(plan.responseMethod))
          refuse('R-INV-2', `responseMethod must be one of ${PLAN_RESPONSE_METHODS.join(', ')}`);
        const previous = c.state.plan;
        if (previous && plan.version <= previous.version)
          refuse('R-INV-2', `plan version ${previous.version} is already agreed; agree a newer version`);
        if (plan.agreedDue === null) {
          if (c.state.closerLook!.basis === 'to-be-agreed')
            refuse(
              'R-INV-4',
              `${c.profile.name} agrees the timescale per case: the plan needs an agreed date`,
            );
          return;
        }
        if (!isLocalDate(plan.agreedDue)) refuse('R-INV-4', 'agreedDue must be an ISO date');
        if (plan.agreedDue < c.today())
          refuse('R-INV-4', `the agreed date ${plan.agreedDue} is in the past (today is ${c.today()})`);
        refuseSilentChange(c, plan.agreedDue);
      },
    },
  );
}
