// R-JOINT-1 … 5 from the lead's side: the complaint becomes joint, and its sign-off waits for the partners.
import { defineUpdate } from '@temporalio/workflow';
import type { JointRole, LocalDate } from '@complaints/domain';
import type { StaffCommand } from './lifecycle.messages';

/** The joint case as the lead's workflow keeps it: organisation codes, dates and versions only. */
export interface JointCaseState {
  jointCaseId: string;
  protocolCode: string;
  leadCode: string;
  members: { code: string; role: JointRole }[];
  /** The lead's clocks run from the day it received the complaint (R-JOINT-2). */
  leadReceivedOn: LocalDate;
  complex: boolean;
  /** Versions of the final response shared with the partners, each with its approval deadline (R-JOINT-5). */
  shared: { version: number; approvalDueOn: LocalDate }[];
  /** Versions every partner still taking part approved (R-JOINT-5): only these may be signed off. */
  approvedVersions: number[];
}

export interface MakeJointCommand extends StaffCommand {
  jointCaseId: string;
  protocolCode: string;
  leadCode: string;
  members: { code: string; role: JointRole }[];
  leadReceivedOn: LocalDate;
  complex: boolean;
}

/** R-JOINT-1: the complaint is handled under a joint protocol, led by this complaint's organisation. */
export const makeJointUpdate = defineUpdate<JointCaseState, [MakeJointCommand]>('makeJoint');
