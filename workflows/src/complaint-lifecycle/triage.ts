// R-INT-5/6/7: deciding whether and how the procedure applies: scope, the time limit and consent.
import { setHandler } from '@temporalio/workflow';
import {
  ombudsmanRoute,
  OUT_OF_SCOPE_MATTERS,
  REPRESENTATIVE_DECISIONS,
  type RepresentativeDecision,
  type Stage,
} from '@complaints/domain';
import { staff, type ComplaintCase } from './complaint-case';
import type { StaffCommand } from './lifecycle.messages';
import {
  decideRepresentativeUpdate,
  decideScopeUpdate,
  decideTimeLimitUpdate,
  recordConsentUpdate,
  seekConsentUpdate,
  type DecideRepresentativeCommand,
  type DecideScopeCommand,
  type DecideTimeLimitCommand,
  type RecordConsentCommand,
  type TriageState,
} from './triage.messages';
import { refuse } from '../shared/refusal';

const CONSENT_OUTCOMES: readonly RecordConsentCommand['outcome'][] = ['given', 'not-needed', 'refused'];

/** Stages before a final response, where the procedure can still decide it does not apply. */
const BEFORE_RESPONSE: readonly Stage[] = [
  'awaiting-acknowledgement',
  'acknowledged',
  'early-resolution',
  'closer-look',
];

export function registerTriageHandlers(c: ComplaintCase): void {
  const triage = (): TriageState => (c.state.triage ??= {});

  setHandler(
    decideScopeUpdate,
    async (command: DecideScopeCommand) => {
      triage().scope = { whole: command.whole, matter: command.matter, on: c.today(), by: command.by };
      c.post({
        step: 'out-of-scope',
        template: 'out-of-scope',
        audience: 'complainant',
        rule: 'R-INT-7',
        facts: { whole: command.whole, matter: command.matter },
      });
      await endProcedureIf(command.whole, 'out-of-scope', 'R-INT-7', command.by, { matter: command.matter });
      return triage();
    },
    {
      validator: (command: DecideScopeCommand) => {
        c.requireStage(BEFORE_RESPONSE, 'R-INT-7', 'scope is decided before the final response');
        if (typeof command.whole !== 'boolean') refuse('R-INT-7', 'whole must be true or false');
        if (!OUT_OF_SCOPE_MATTERS.includes(command.matter))
          refuse('R-INT-7', `matter must be one of ${OUT_OF_SCOPE_MATTERS.join(', ')}`);
        if (c.state.triage?.scope)
          refuse('R-INT-7', `scope was already decided on ${c.state.triage.scope.on}`);
      },
    },
  );

  setHandler(
    decideTimeLimitUpdate,
    async (command: DecideTimeLimitCommand) => {
      triage().timeLimit = { decision: command.decision, on: c.today(), by: command.by };
      const notConsidered = command.decision === 'not-considered';
      if (notConsidered) {
        c.post({
          step: 'out-of-time',
          template: 'out-of-time',
          audience: 'complainant',
          rule: 'R-INT-6',
          facts: { decision: command.decision, ombudsman: ombudsmanRoute(c.profile, 'nhs-care') },
        });
      }
      await endProcedureIf(notConsidered, 'out-of-time', 'R-INT-6', command.by, {
        decision: command.decision,
      });
      return triage();
    },
    {
      validator: (command: DecideTimeLimitCommand) => {
        c.requireStage(BEFORE_RESPONSE, 'R-INT-6', 'the time limit is decided before the final response');
        if (command.decision !== 'considered' && command.decision !== 'not-considered')
          refuse('R-INT-6', 'decision must be considered or not-considered');
        if (c.state.triage?.timeLimit)
          refuse('R-INT-6', `the time limit was already decided on ${c.state.triage.timeLimit.on}`);
      },
    },
  );

  setHandler(
    seekConsentUpdate,
    async (command: StaffCommand) => {
      triage().consent = { status: 'sought', soughtOn: c.today() };
      await c.record('consent-sought', 'R-INT-5', staff(command.by));
      c.post({
        step: `consent-request-${c.today()}`,
        template: 'consent-request',
        audience: 'complainant',
        rule: 'R-INT-5',
      });
      if (c.state.stage === 'closer-look' && !c.openPause())
        await c.pauseFinalResponseClock('seeking-consent', command.by, c.today());
      return triage();
    },
    {
      validator: (_command: StaffCommand) => {
        c.requireStage(BEFORE_RESPONSE, 'R-INT-5', 'consent is sought before the final response');
        if (c.state.triage?.consent?.status === 'sought')
          refuse('R-INT-5', `consent is already being sought since ${c.state.triage.consent.soughtOn}`);
      },
    },
  );

  setHandler(
    recordConsentUpdate,
    async (command: RecordConsentCommand) => {
      const consent = triage().consent;
      triage().consent = { ...consent, status: command.outcome, decidedOn: c.today() };
      await c.record('consent-recorded', 'R-INT-5', staff(command.by), { outcome: command.outcome });
      if (c.openPause()?.reason === 'seeking-consent')
        await c.resumeFinalResponseClock(command.by, c.today(), 'consent-recorded');
      // R-INT-5: without the person's consent the representative cannot act for them; they are told why in writing.
      if (command.outcome === 'refused') await stopRepresentative('consent-refused', command.by);
      return triage();
    },
    {
      validator: (command: RecordConsentCommand) => {
        c.requireStage(BEFORE_RESPONSE, 'R-INT-5', 'consent is recorded before the final response');
        if (!CONSENT_OUTCOMES.includes(command.outcome))
          refuse('R-INT-5', `outcome must be one of ${CONSENT_OUTCOMES.join(', ')}`);
        if (command.outcome === 'refused' && c.state.triage?.consent?.status !== 'sought')
          refuse('R-INT-5', 'consent can be recorded as refused only once it has been sought');
      },
    },
  );

  setHandler(
    decideRepresentativeUpdate,
    async (command: DecideRepresentativeCommand) => {
      triage().representative = { decision: command.decision, on: c.today(), by: command.by };
      await stopRepresentative(command.decision, command.by);
      return triage();
    },
    {
      validator: (command: DecideRepresentativeCommand) => {
        c.requireStage(
          BEFORE_RESPONSE,
          'R-INT-5',
          'a representative is decided on before the final response',
        );
        if (!REPRESENTATIVE_DECISIONS.includes(command.decision))
          refuse('R-INT-5', `decision must be one of ${REPRESENTATIVE_DECISIONS.join(', ')}`);
      },
    },
  );

  /** R-INT-5: consideration with the representative stops: written reasons with the Ombudsman's details, and it closes. */
  async function stopRepresentative(
    decision: RepresentativeDecision | 'consent-refused',
    by: string,
  ): Promise<void> {
    c.post({
      step: 'representative-decision',
      template: 'representative-decision',
      audience: 'complainant',
      rule: 'R-INT-5',
      facts: { decision, ombudsman: ombudsmanRoute(c.profile, 'nhs-care') },
    });
    await endProcedureIf(true, 'representative-stopped', 'R-INT-5', by, { decision });
  }

  /** A decision that the procedure does not apply closes the complaint; its letter is already on its way. */
  async function endProcedureIf(
    ends: boolean,
    reason: 'out-of-scope' | 'out-of-time' | 'representative-stopped',
    rule: string,
    by: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    if (!ends) {
      await c.record(`${reason}-decided`, rule, staff(by), { ...data, closes: false });
      return;
    }
    await c.close(reason, by, { type: `${reason}-decided`, rule, data: { ...data, closes: true } });
  }
}
