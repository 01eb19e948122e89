// One complaint, one workflow: the NHS complaints procedure with every deadline kept by durable timers.
// Rule IDs refer to shared/docs/procedure.md. The state and its only mutators are in complaint-case.ts;
// each phase (its updates, validators and clocks) has its own module.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { acknowledge, registerAcknowledgementHandlers } from './acknowledgement';
import { acknowledgeNewRound, createAfterResponse, type AfterResponse } from './after-response';
import { requireCommandSignatureCheck } from '../shared/command-signature.interceptor';
import { registerAllocationHandlers } from './allocation';
import { ComplaintCase, SYSTEM } from './complaint-case';
import { lookCloser, registerCloserLookHandlers, startCloserLook } from './closer-look';
import { registerEarlyResolutionHandlers, resolveEarly } from './early-resolution';
import { registerFinalResponseHandlers } from './final-response';
import { registerJointCaseHandlers } from './joint-case';
import {
  processStateQuery,
  type ComplaintLifecycleInput,
  type ComplaintProcessState,
} from './lifecycle.messages';
import { registerOtherProcedureHandler } from './other-procedures';
import { registerPlanHandlers } from './plan';
import { followPalsEnquiry, registerQuickRouteHandlers } from './quick-route';
import { registerLearningReviewHandler } from './learning-review';
import { keepSixMonthRule, registerSixMonthHandlers } from './six-month-rule';
import { registerTriageHandlers } from './triage';
import { registerWithdrawalHandler } from './withdrawal';

/** Well under Temporal's limits; the server usually suggests continuing-as-new before this. */
const CONTINUE_AS_NEW_AFTER_EVENTS = 10_000;

/**
 * The procedure, top to bottom. At any point before it closes, a command may end it: the person withdraws,
 * it is resolved on the quick route (R-QUICK-1), or triage decides the procedure does not apply (R-INT-5
 * representative, R-INT-6 out of time, R-INT-7 out of scope); each phase then returns and the run finishes.
 */
export async function complaintLifecycle(input: ComplaintLifecycleInput): Promise<ComplaintProcessState> {
  requireCommandSignatureCheck();
  const c = new ComplaintCase(input);
  const afterResponse = registerHandlers(c);
  c.identify();

  // A long-lived complaint carries on after its response in a fresh run (see followUpResponses).
  if (input.resume) {
    await followUpResponses(c, afterResponse, true);
    return finishWhenClosed(c);
  }

  // R-INT-3: feedback is recorded for learning; only a complaint starts the procedure.
  if (input.kind === 'feedback') {
    await c.record('feedback-recorded', 'R-INT-3', SYSTEM);
    return c.view();
  }

  // R-INT-4: an anonymous complaint is looked into for learning, without correspondence.
  if (input.anonymous) {
    await c.record('anonymous-complaint-recorded', 'R-INT-4', SYSTEM);
    await condition(() => c.isClosed());
    // A command that closed the complaint finishes (and answers) before the workflow completes.
    await condition(allHandlersFinished);
    return c.view();
  }

  // R-QUICK-1 (HPFT 8.10): a PALS enquiry resolved in time ends there; one that is not becomes a complaint
  // received today, in a new run.
  if (input.kind === 'pals-enquiry') {
    if (await followPalsEnquiry(c)) {
      await c.finish();
      await continueAsNew<typeof complaintLifecycle>({
        ...input,
        kind: 'complaint',
        receivedOn: c.today(),
        enquiryReceivedOn: input.receivedOn,
      });
    }
    await c.finish();
    return c.view();
  }

  // R-ACK-1 (a verbal complaint may meanwhile end on the quick route, R-QUICK-1).
  await acknowledge(c);
  // Complaints acknowledged before early resolution and the closer look existed stay on their old path.
  if (patched('early-resolution-and-closer-look') && !c.isClosed()) {
    c.startFirstRound();
    // R-INV-7: from six months without a response, alongside the rest.
    const sixMonthRule = patched('final-response-and-six-months') ? keepSixMonthRule(c) : undefined;
    // R-ER-1 / R-ER-2: resolve early, or look closer towards the final response (R-INV-*, R-RESP-*).
    if ((await resolveEarly(c)) === 'closer-look') await startCloserLook(c);
    // §5: after the response, the promised actions, reopening and stage two.
    if (c.state.finalResponse?.sent)
      await followUpResponses(c, afterResponse, patched('continue-as-new-after-response'));
    await sixMonthRule;
  }
  return finishWhenClosed(c);
}

/** Every phase's updates and validators, and the state query. */
function registerHandlers(c: ComplaintCase): AfterResponse {
  setHandler(processStateQuery, () => c.view());
  registerWithdrawalHandler(c);
  registerLearningReviewHandler(c);
  registerOtherProcedureHandler(c);
  registerQuickRouteHandlers(c);
  registerAcknowledgementHandlers(c);
  registerTriageHandlers(c);
  registerEarlyResolutionHandlers(c);
  registerCloserLookHandlers(c);
  registerAllocationHandlers(c);
  registerPlanHandlers(c);
  registerFinalResponseHandlers(c);
  registerSixMonthHandlers(c);
  registerJointCaseHandlers(c);
  return createAfterResponse(c, c.input.resume?.reportedActionIds);
}

async function finishWhenClosed(c: ComplaintCase): Promise<ComplaintProcessState> {
  await condition(() => c.isClosed());
  await c.finish();
  return c.view();
}

/**
 * After each response: the promised actions, then twelve months in which it may be reopened (or go to stage
 * two), each new round ending in its own response. Months of waiting and rounds of commands make a long
 * history, so when Temporal suggests it (or the history reaches `continueAsNewAfterEvents`) and every
 * command has finished, the complaint carries on in a new run from its state.
 */
async function followUpResponses(
  c: ComplaintCase,
  afterResponse: AfterResponse,
  mayContinueAsNew: boolean,
): Promise<void> {
  const historyLimit = c.input.continueAsNewAfterEvents ?? CONTINUE_AS_NEW_AFTER_EVENTS;
  const longEnough = () =>
    mayContinueAsNew &&
    (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= historyLimit);
  const continueInNewRun = async (): Promise<never> => {
    await c.finish();
    return continueAsNew<typeof complaintLifecycle>({
      ...c.input,
      resume: { state: c.view(), reportedActionIds: afterResponse.reportedActionIds() },
    });
  };
  for (;;) {
    if (longEnough()) return continueInNewRun();
    const next = await afterResponse.keepInvolved(longEnough);
    if (next === 'closed') return;
    if (next === 'continue-as-new') return continueInNewRun();
    await acknowledgeNewRound(c);
    await lookCloser(c);
    if (!c.state.finalResponse?.sent) return;
  }
}
