// R-JOINT-1 … 5 from the lead's side. Becoming joint starts the joint case's `jointResponse` workflow on the
// joint-protocol task queue (the partners' side, ADR 0017); the final response's draft versions are shared
// with it, its sign-off waits for the partners' approval of the version being signed, and it is told when the
// response went. Only organisation codes, dates and version numbers cross (ADR 0018).
import {
  getExternalWorkflowHandle,
  ParentClosePolicy,
  patched,
  setHandler,
  startChild,
} from '@temporalio/workflow';
import { JOINT_ROLES } from '@complaints/domain';
import { jointResponseWorkflowId, TASK_QUEUES } from '@complaints/temporal';
import {
  draftSharedForApprovalSignal,
  jointDraftApprovedSignal,
  jointResponseSentSignal,
  type JointResponseInput,
} from '../joint-response/messages';
import { SYSTEM, staff, type ComplaintCase } from './complaint-case';
import { makeJointUpdate, type JointCaseState, type MakeJointCommand } from './joint-case.messages';
import { refuse } from '../shared/refusal';

/** The partners' workflow type, registered by the joint-protocol service's worker (not in this bundle). */
export const JOINT_RESPONSE_WORKFLOW = 'jointResponse';

/** R-JOINT-5: the partners' approval deadline, in working days from the day a draft is shared with them. */
export const PARTNER_APPROVAL_WORKING_DAYS = 5;

/** Stages at which a complaint may still become joint: from receipt until its response is signed. */
const BEFORE_SIGN_OFF = [
  'awaiting-acknowledgement',
  'acknowledged',
  'early-resolution',
  'closer-look',
] as const;

export function registerJointCaseHandlers(c: ComplaintCase): void {
  setHandler(
    makeJointUpdate,
    async (command: MakeJointCommand) => {
      patched('joint-protocol');
      const joint: JointCaseState = {
        jointCaseId: command.jointCaseId,
        protocolCode: command.protocolCode,
        leadCode: command.leadCode,
        members: command.members.map(({ code, role }) => ({ code, role })),
        leadReceivedOn: command.leadReceivedOn,
        complex: command.complex,
        shared: [],
        approvedVersions: [],
      };
      c.makeJoint(joint);
      const input: JointResponseInput = {
        jointCaseId: joint.jointCaseId,
        complaintReference: c.input.reference,
        protocolCode: joint.protocolCode,
        leadCode: joint.leadCode,
        members: joint.members,
        leadReceivedOn: joint.leadReceivedOn,
        complex: joint.complex,
      };
      // Abandoned, not terminated, when this run ends: a complaint continues-as-new after its response while
      // the joint case may still be reviewed with the partners (R-JOINT-7).
      await startChild(JOINT_RESPONSE_WORKFLOW, {
        workflowId: jointResponseWorkflowId(joint.jointCaseId),
        taskQueue: TASK_QUEUES.jointProtocol,
        args: [input],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
      await c.record('became-joint', 'R-JOINT-1', staff(command.by), {
        protocol: joint.protocolCode,
        lead: joint.leadCode,
        members: joint.members,
        leadReceivedOn: joint.leadReceivedOn,
        complex: joint.complex,
      });
      return joint;
    },
    {
      validator: (command: MakeJointCommand) => {
        c.requireStage(
          BEFORE_SIGN_OFF,
          'R-JOINT-1',
          'a complaint becomes joint before its final response goes for sign-off',
        );
        if (c.state.joint)
          refuse('R-JOINT-1', `the complaint is already joint (led by ${c.state.joint.leadCode})`);
        if (!Array.isArray(command.members) || !command.members.every((m) => JOINT_ROLES.includes(m.role)))
          refuse('R-JOINT-1', 'every member needs a role: lead, partner or copied');
        const leads = command.members.filter((m) => m.role === 'lead');
        if (leads.length !== 1 || leads[0].code !== command.leadCode)
          refuse('R-JOINT-1', 'exactly one member leads, and it is the lead named');
        if (!command.members.some((m) => m.role === 'partner'))
          refuse('R-JOINT-1', 'a joint response needs at least one partner besides the lead');
      },
    },
  );

  // From the jointResponse workflow: every partner still taking part approved this version (R-JOINT-5).
  setHandler(jointDraftApprovedSignal, async ({ version }) => {
    const joint = c.state.joint;
    if (!joint || joint.approvedVersions.includes(version)) return;
    joint.approvedVersions.push(version);
    await c.record('joint-draft-approved', 'R-JOINT-5', SYSTEM, { version });
  });
}

/** R-JOINT-5: version N of the lead's draft goes to every partner for approval, with its deadline. */
export async function shareDraftWithPartners(c: ComplaintCase, version: number): Promise<void> {
  const joint = c.state.joint!;
  const approvalDueOn = c.calendar.addWorkingDays(c.today(), PARTNER_APPROVAL_WORKING_DAYS);
  joint.shared.push({ version, approvalDueOn });
  await getExternalWorkflowHandle(jointResponseWorkflowId(joint.jointCaseId)).signal(
    draftSharedForApprovalSignal,
    { version, approvalDueOn },
  );
  await c.record('joint-draft-shared', 'R-JOINT-5', SYSTEM, { version, approvalDueOn });
}

/** R-JOINT-5: the lead signs only a version every partner approved; the refusal names the rule. */
export function requirePartnersApproved(c: ComplaintCase, version: number): void {
  const joint = c.state.joint;
  if (!joint || joint.approvedVersions.includes(version)) return;
  const shared = joint.shared.find((s) => s.version === version);
  refuse(
    'R-JOINT-5',
    shared
      ? `version ${version} is with the partners for approval (due ${shared.approvalDueOn}); it is signed off once every partner approved it`
      : `version ${version} was not shared with the partners; every partner approves the version signed off`,
  );
}

/** Tells the jointResponse workflow that the one response went to the person. */
export async function tellPartnersResponseSent(c: ComplaintCase, version: number): Promise<void> {
  const joint = c.state.joint!;
  await getExternalWorkflowHandle(jointResponseWorkflowId(joint.jointCaseId)).signal(
    jointResponseSentSignal,
    { version, partial: false },
  );
}
