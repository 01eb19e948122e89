// R-INV-8, R-RESP-1…3: from the investigation's outcome to the signed final response in the person's hands.
import { condition, setHandler } from '@temporalio/workflow';
import {
  describeMissingElements,
  metTimescaleAgreedAtStart,
  missingResponseElements,
  overallOutcome,
  type ApprovalStep,
  type FinalResponseSummary,
} from '@complaints/domain';
import { SYSTEM, staff, type ComplaintCase } from './complaint-case';
import type { CloserLookState } from './closer-look.messages';
import {
  approveFinalResponseUpdate,
  returnFinalResponseUpdate,
  shareOutcomeUpdate,
  submitFinalResponseUpdate,
  type ApproveFinalResponseCommand,
  type FinalResponseState,
  type ShareOutcomeCommand,
  type SubmitFinalResponseCommand,
} from './final-response.messages';
import type { RoleCommand } from './lifecycle.messages';
import { refuse } from '../shared/refusal';
import { requirePartnersApproved, shareDraftWithPartners, tellPartnersResponseSent } from './joint-case';

export function registerFinalResponseHandlers(c: ComplaintCase): void {
  const chain = c.profile.finalResponseApproval;
  const current = () => c.state.finalResponse!;
  const nextStep = (): ApprovalStep | undefined => {
    const response = current();
    const version = response.submitted?.summary.version;
    return chain.find(
      (step) => !response.approvals.some((a) => a.step === step.step && a.version === version),
    );
  };
  /** R-RESP-2: the last step is approved; the response is being sent and nothing more can be signed or returned. */
  const requireNextStep = (): ApprovalStep =>
    nextStep() ?? refuse('R-RESP-2', 'the final response is signed off and on its way to the person');
  /** The latest version sent back for changes: resubmitting it unchanged would go unnoticed by its approvers. */
  let returnedVersion = 0;

  setHandler(
    shareOutcomeUpdate,
    async (command: ShareOutcomeCommand) => {
      const response = current();
      response.outcomeShared = { on: c.today(), by: command.by, commentsRecorded: command.commentsRecorded };
      await c.record('outcome-shared', 'R-INV-8', staff(command.by), {
        commentsRecorded: command.commentsRecorded,
      });
      return response;
    },
    {
      validator: (command: ShareOutcomeCommand) => {
        c.requireStage(
          'closer-look',
          'R-INV-8',
          'the outcome is shared with the parties during the closer look, before the response is submitted',
        );
        if (typeof command.commentsRecorded !== 'boolean')
          refuse('R-INV-8', 'commentsRecorded must be true or false');
      },
    },
  );

  setHandler(
    submitFinalResponseUpdate,
    async (command: SubmitFinalResponseCommand) => {
      const response = current();
      response.submitted = { summary: command.summary, by: command.by, on: c.today() };
      c.moveTo('awaiting-sign-off');
      await c.record('final-response-submitted', 'R-RESP-2', staff(command.by), {
        version: command.summary.version,
        findings: command.summary.findings.map((finding) => finding.outcome),
        remedies: command.summary.remedies,
        actions: command.summary.actions.length,
        ombudsman: command.summary.ombudsman,
      });
      requestApproval(chain[0], command.summary.version);
      // R-JOINT-5: every partner approves the version the lead will sign.
      if (c.state.joint) await shareDraftWithPartners(c, command.summary.version);
      return response;
    },
    {
      validator: (command: SubmitFinalResponseCommand) => {
        c.requireStage('closer-look', 'R-RESP-1', 'a final response is submitted during the closer look');
        if (!current().outcomeShared) {
          refuse(
            'R-INV-8',
            'share the outcome and intended actions with the parties, and record their comments, before submitting the final response',
          );
        }
        // R-INV-6: the response ends the round; a pause left open would hold the next round's clock.
        const pause = c.openPause();
        if (pause) refuse('R-INV-6', `the clock is paused since ${pause.start}; resume it first`);
        // R-INV-4 (PHSO model): the timescale is agreed with the person at the start; the response keeps to it.
        if (c.state.closerLook?.basis === 'to-be-agreed')
          refuse(
            'R-INV-4',
            'no final-response date has been agreed with the person: agree one first (POST …/timescale or the plan’s agreedDue)',
          );
        requireComplete(command.summary);
        if (command.summary.version <= returnedVersion) {
          refuse(
            'R-RESP-2',
            `version ${command.summary.version} was returned for changes; submit the changed draft (a later version)`,
          );
        }
      },
    },
  );

  setHandler(
    approveFinalResponseUpdate,
    async (command: ApproveFinalResponseCommand) => {
      const response = current();
      response.approvals.push({
        step: command.step,
        role: command.role,
        by: command.by,
        on: c.today(),
        version: command.version,
      });
      await c.record('final-response-approved', 'R-RESP-2', staff(command.by), {
        step: command.step,
        role: command.role,
        version: command.version,
        // R-RESP-2 / §7: a senior manager signs as the Responsible Person's delegate, and that is recorded.
        asDelegate: command.role === 'senior-manager',
      });
      const next = nextStep();
      if (next) requestApproval(next, command.version);
      return response;
    },
    {
      validator: (command: ApproveFinalResponseCommand) => {
        c.requireStage('awaiting-sign-off', 'R-RESP-2', 'no final response is awaiting sign-off');
        const submitted = current().submitted!;
        const step = requireNextStep();
        if (command.step !== step.step) refuse('R-RESP-2', `the next sign-off step is ${step.step}`);
        if (!step.roles.includes(command.role))
          refuse('R-RESP-2', `${step.step} is signed off by: ${step.roles.join(' or ')}`);
        if (command.version !== submitted.summary.version) {
          refuse(
            'R-RESP-2',
            `version ${submitted.summary.version} was submitted for sign-off, not version ${command.version}`,
          );
        }
        if (command.by === submitted.by)
          refuse('R-RESP-2', 'the person who submitted the response cannot also sign it off');
        requireComplete(submitted.summary);
        // R-JOINT-5: the last step signs the one response, so it waits for every partner's approval.
        if (step === chain.at(-1)) requirePartnersApproved(c, command.version);
      },
    },
  );

  setHandler(
    returnFinalResponseUpdate,
    async (command: RoleCommand) => {
      const response = current();
      const version = response.submitted!.summary.version;
      returnedVersion = Math.max(returnedVersion, version);
      response.submitted = undefined;
      response.approvals = [];
      c.moveTo('closer-look');
      await c.record('final-response-returned', 'R-RESP-2', staff(command.by), {
        version,
        role: command.role,
      });
      return response;
    },
    {
      validator: (command: RoleCommand) => {
        c.requireStage('awaiting-sign-off', 'R-RESP-2', 'no final response is awaiting sign-off');
        const step = requireNextStep();
        if (!step.roles.includes(command.role))
          refuse('R-RESP-2', `only ${step.roles.join(' or ')} can return it at ${step.step}`);
      },
    },
  );

  /** R-RESP-1: a response missing any element can be neither submitted nor approved; the refusal names each. */
  function requireComplete(summary: FinalResponseSummary): void {
    if (!isSummary(summary)) refuse('R-RESP-1', 'the final-response summary is malformed');
    const missing = missingResponseElements(summary);
    if (missing.length > 0)
      refuse('R-RESP-1', `the final response is incomplete: ${describeMissingElements(missing)}`);
    if (chain.some((step) => step.documents.includes('cover-letter')) && !summary.coverLetter)
      refuse('R-RESP-2', `${c.profile.name} sends a cover letter from the Chief Executive; draft it first`);
    const routes = c.profile.afterResponse.externalRoutes.map((route) => route.ombudsman);
    if (summary.ombudsman && !routes.includes(summary.ombudsman))
      refuse(
        'R-RESP-3',
        `${c.profile.name} names ${routes.join(' or ')} as where to go next, not ${summary.ombudsman}`,
      );
  }

  function requestApproval(step: ApprovalStep, version: number): void {
    c.post({
      step: `final-response-${c.state.round!.number}-v${version}-${step.step}`,
      template: 'approval-request',
      audience: step.roles[0],
      rule: 'R-RESP-2',
      facts: { document: 'final-response', step: step.step, due: c.state.closerLook?.due ?? null },
      stale: () => {
        const response = c.state.finalResponse;
        return (
          c.state.stage !== 'awaiting-sign-off' ||
          response?.submitted?.summary.version !== version ||
          (response?.approvals ?? []).some(
            (approval) => approval.step === step.step && approval.version === version,
          )
        );
      },
    });
  }
}

function isSummary(summary: FinalResponseSummary): boolean {
  return (
    typeof summary === 'object' &&
    summary !== null &&
    Number.isInteger(summary.version) &&
    summary.version > 0 &&
    [summary.sectionsPresent, summary.issueIds, summary.findings, summary.remedies, summary.actions].every(
      Array.isArray,
    )
  );
}

/**
 * Waits for the last sign-off (R-RESP-2), then sends the response (and HPFT's cover letter) to the person
 * with the Ombudsman route the case calls for (R-RESP-3). Returns when sent, or when the complaint closes.
 */
export async function signOffAndSend(c: ComplaintCase, closer: CloserLookState): Promise<void> {
  const response: FinalResponseState = c.state.finalResponse!;
  const chain = c.profile.finalResponseApproval;
  const signedOff = () => {
    const version = response.submitted?.summary.version;
    return (
      version !== undefined &&
      chain.every((step) => response.approvals.some((a) => a.step === step.step && a.version === version))
    );
  };
  await condition(() => c.isClosed() || signedOff());
  if (c.isClosed()) return;
  const round = c.state.round!;
  const summary = response.submitted!.summary;
  // Who signed each document off: the last step of the chain for the response, the cover letter's own step.
  const approverOf = (document: 'response' | 'cover-letter') => {
    const steps = new Set<string>(
      chain.filter((step) => step.documents.includes(document)).map((step) => step.step),
    );
    return response.approvals.filter((a) => a.version === summary.version && steps.has(a.step)).at(-1)?.by;
  };
  await c.send({
    step: `final-response-${round.number}`,
    template: 'final-response',
    audience: 'complainant',
    rule: 'R-RESP-1',
    facts: {
      finalResponseVersion: summary.version,
      ombudsman: summary.ombudsman,
      round: round.kind,
      stageTwoAvailable: round.kind === 'first' && c.profile.afterResponse.stageTwo !== null,
    },
    approvedBy: approverOf('response'),
  });
  if (chain.some((step) => step.documents.includes('cover-letter'))) {
    await c.send({
      step: `final-response-cover-${round.number}`,
      template: 'final-response-cover',
      audience: 'complainant',
      rule: 'R-RESP-2',
      facts: { finalResponseVersion: summary.version },
      approvedBy: approverOf('cover-letter'),
    });
  }
  const sentOn = c.today();
  response.sent = {
    on: sentOn,
    version: summary.version,
    onTime: closer.due === null ? null : sentOn <= closer.due,
    ombudsman: summary.ombudsman!,
  };
  // A later round's actions keep their draft ids behind the round, so they never clash with earlier ones.
  const promised = summary.actions.map(({ id, ownerId, due }) => ({
    id: round.number === 1 ? id : `r${round.number}-${id}`,
    ownerId,
    due,
  }));
  c.state.actions = [...(c.state.actions ?? []), ...promised];
  c.endOversight();
  if (c.state.joint) await tellPartnersResponseSent(c, summary.version);
  // Withdrawn while the response was on its way: it went, and is recorded, but the complaint stays closed.
  if (!c.isClosed()) c.moveTo('responded');
  // R-MON-1: for reporting, the outcome and whether the date agreed at the start (before extensions) was met.
  const outcome = overallOutcome(summary.findings);
  const metAgreedTimescale = metTimescaleAgreedAtStart(sentOn, closer.extensions?.[0]?.from ?? closer.due);
  await c.record(
    'final-response-sent',
    'R-RESP-1',
    SYSTEM,
    {
      version: summary.version,
      due: closer.due,
      onTime: response.sent.onTime,
      ombudsman: summary.ombudsman,
      actions: promised.map(({ id, due }) => ({ id, due })),
      outcome,
      metAgreedTimescale,
    },
    { outcome, metAgreedTimescale },
  );
}
