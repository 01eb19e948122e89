import { defineSignal } from '@temporalio/workflow';
import type { JointRole } from '@complaints/domain';

// The contract between the lead's complaint workflow and a joint case's `jointResponse` workflow (ADR 0017).
// Organisation codes only: no personal data crosses it.

export interface JointResponseInput {
  jointCaseId: string;
  /** The lead's complaint (its workflow is the parent). */
  complaintReference: string;
  protocolCode: string;
  leadCode: string;
  members: { code: string; role: JointRole }[];
  /** ISO date the lead received the complaint; the lead's clocks run from it (R-JOINT-2). */
  leadReceivedOn: string;
  /** Complex cases get a co-ordination meeting or call (R-JOINT-3). */
  complex: boolean;
}

/** Lead → joint workflow: version N of the lead's collated draft goes to every partner for approval (R-JOINT-5). */
export const draftSharedForApprovalSignal =
  defineSignal<[{ version: number; approvalDueOn: string }]>('draftSharedForApproval');

/** Joint workflow → lead's workflow: every partner still taking part approved version N (R-JOINT-5). */
export const jointDraftApprovedSignal = defineSignal<[{ version: number }]>('jointDraftApproved');

/** Lead → joint workflow: the response (version N) was sent to the person. */
export const jointResponseSentSignal =
  defineSignal<[{ version: number; partial: boolean }]>('jointResponseSent');
