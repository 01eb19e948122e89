// A STAND-IN for the partners' `jointResponse` workflow (joint-partner builds the real one in
// src/joint-response/), registered on the joint-protocol task queue in the lead's workflow tests only. It answers
// the contract of ../joint-response/messages.ts and nothing more: it keeps what the lead told it, and a test
// decides when "every partner approved" a version. The lead engineer swaps in the real workflow after the merge.
import {
  condition,
  defineQuery,
  defineSignal,
  getExternalWorkflowHandle,
  setHandler,
} from '@temporalio/workflow';
import {
  draftSharedForApprovalSignal,
  jointDraftApprovedSignal,
  jointResponseSentSignal,
  type JointResponseInput,
} from '../joint-response/messages';

export interface StandInState {
  input: JointResponseInput;
  shared: { version: number; approvalDueOn: string }[];
  sent?: { version: number; partial: boolean };
}

/** Test only: the stand-in answers as if every partner approved this version. */
export const standInPartnersApproveSignal = defineSignal<[{ version: number }]>('standInPartnersApprove');
export const standInStateQuery = defineQuery<StandInState>('standInState');

export async function jointResponse(input: JointResponseInput): Promise<StandInState> {
  const state: StandInState = { input, shared: [] };
  setHandler(standInStateQuery, () => state);
  setHandler(draftSharedForApprovalSignal, (shared) => void state.shared.push(shared));
  setHandler(standInPartnersApproveSignal, async ({ version }) => {
    await getExternalWorkflowHandle(input.complaintReference).signal(jointDraftApprovedSignal, { version });
  });
  setHandler(jointResponseSentSignal, (sent) => {
    state.sent = sent;
  });
  await condition(() => state.sent !== undefined);
  return state;
}
