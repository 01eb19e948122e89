import { ApplicationFailure, Context } from '@temporalio/activity';
import { In, type DataSource } from 'typeorm';
import {
  Complaint,
  issueAccessLink,
  JointCase,
  JointNotification,
  PartnerOrganisation,
  PartnerUser,
  revokeAccessLink,
  type PartnerContact,
} from '@complaints/db';
import { jointCaseIdOf } from '@complaints/temporal';
import { DeliveryError, type Mailer } from '../correspondence/mailer';
import type { NotifyPartnerInput, NotifyPartnerResult, PartnerNotice } from './contract';

export interface JointResponseActivityOptions {
  dataSource: DataSource;
  mailer: Mailer;
  from: string;
  messageIdDomain: string;
  /** Where partners on the system sign in (the joint-protocol service). */
  partnerServiceUrl: string;
  /** Where a single-use link for a partner not on the system points: the public web's partner pages (ADR 0027). */
  partnerLinkUrl: string;
  /** How long a single-use link for a partner not on the system stays open. */
  linkValidDays?: number;
}

/** What each notice says: process facts only (the reference, the date, the rule), never the person's details. */
const WORDING: Record<PartnerNotice, string> = {
  'joint-case-opened':
    'A complaint is being handled under the joint protocol, and your organisation is named in it. The lead organisation will agree the timescale and your contribution deadline.',
  'contribution-reminder': 'Your contribution to the joint response is due',
  'contribution-overdue':
    'Your contribution to the joint response is overdue. Please send it, or record the reasons for the delay, without delay',
  'draft-for-approval': "The lead's draft joint response is ready for your approval, by",
  'approval-reminder': 'Your approval of the draft joint response is due',
  'approval-overdue': 'Your approval of the draft joint response is overdue since',
  'partner-cannot-meet':
    'Another organisation has said it cannot meet the agreed timescale; it now expects to contribute by',
  'review-opened':
    'The person was not satisfied: the lead is reviewing with them what is and is not resolved.',
  'disagreement-referred':
    "The organisations disagree on this joint case: please take it to your organisation's responsible senior manager.",
  'lead-changed': 'The lead organisation of this joint case has changed after the review.',
};

/** The notices that ask the partner to act, so a partner not on the system gets a single-use link with them. */
const ASKS_TO_ACT: PartnerNotice[] = [
  'joint-case-opened',
  'contribution-reminder',
  'contribution-overdue',
  'draft-for-approval',
  'approval-reminder',
  'approval-overdue',
];

export function createJointResponseActivities(options: JointResponseActivityOptions) {
  const { dataSource, mailer } = options;
  return {
    /**
     * Tells a partner's complaints manager (R-JOINT-3), or the deputy when the manager is absent (no active
     * complaints-manager user while the organisation has some) or the manager's address refuses the email.
     * One row per step: a step already sent answers what was recorded and sends nothing again.
     */
    async notifyPartner(input: NotifyPartnerInput): Promise<NotifyPartnerResult> {
      const jointCase = await requireOwnJointCase(dataSource, input.jointCaseId);
      const notifications = dataSource.getRepository(JointNotification);
      const recorded = await notifications.findOneBy({ jointCaseId: jointCase.id, step: input.step });
      if (recorded && recorded.status !== 'sending') return resultOf(recorded);

      const member = await dataSource
        .getRepository(PartnerOrganisation)
        .findOneByOrFail({ code: input.partnerCode });
      const managers = await dataSource
        .getRepository(PartnerUser)
        .findBy({ partnerCode: member.code, role: In(['complaints-manager']) });
      const managerAbsent =
        managers.length > 0 && managers.every((user) => !user.active) && member.deputy !== null;
      const { reference } = await dataSource
        .getRepository(Complaint)
        .findOneOrFail({ where: { id: jointCase.complaintId }, select: { reference: true } });

      let linkId: string | null = recorded?.accessLinkId ?? null;
      let link: string | null = null;
      if (!member.onSystem && ASKS_TO_ACT.includes(input.notice)) {
        // An attempt stopped before the notice was recorded as sent: the link it made (perhaps already in an
        // inbox) is revoked, and the retry's is sent under the same Message-ID, so at most one link works.
        if (linkId) await revokeAccessLink(dataSource.manager, linkId, 'joint-response');
        const issued = await issueAccessLink(dataSource.manager, {
          purpose: 'partner-case',
          complaintId: jointCase.complaintId,
          partnerCode: member.code,
          singleUse: true,
          issuedBy: 'joint-response',
          expiresAt: new Date(Date.now() + (options.linkValidDays ?? 14) * 86_400_000),
        });
        linkId = issued.id;
        link = `${options.partnerLinkUrl.replace(/\/$/, '')}/partner-links/${issued.token}`;
      }
      const first: 'complaints-manager' | 'deputy' = managerAbsent ? 'deputy' : 'complaints-manager';
      if (!recorded)
        await notifications
          .createQueryBuilder()
          .insert()
          .values({
            jointCaseId: jointCase.id,
            partnerCode: member.code,
            step: input.step,
            notice: input.notice,
            sentTo: first,
            status: 'sending',
            accessLinkId: linkId,
          })
          .orIgnore()
          .execute();
      else await notifications.update({ id: recorded.id }, { accessLinkId: linkId });

      const send = (contact: PartnerContact, to: 'complaints-manager' | 'deputy') =>
        mailer.send({
          messageId: `<joint-${jointCase.id}-${input.step}-${to}@${options.messageIdDomain}>`,
          from: options.from,
          to: [{ name: contact.name, address: contact.email }],
          subject: `Joint complaint ${reference}: ${input.notice.replaceAll('-', ' ')}`,
          text: body(reference, member.name, input, link, options.partnerServiceUrl),
          html: `<p>${escapeHtml(body(reference, member.name, input, link, options.partnerServiceUrl)).replaceAll('\n', '<br>')}</p>`,
        });

      let sentTo = first;
      let managerBounced = false;
      let delivered = true;
      const contact = first === 'deputy' ? member.deputy! : member.complaintsManager;
      if (await refused(() => send(contact, first))) {
        managerBounced = first === 'complaints-manager';
        if (managerBounced && member.deputy) {
          sentTo = 'deputy';
          delivered = !(await refused(() => send(member.deputy!, 'deputy')));
        } else delivered = false;
      }
      await notifications.update(
        { jointCaseId: jointCase.id, step: input.step },
        { sentTo, managerBounced, status: delivered ? 'sent' : 'bounced' },
      );
      return { to: sentTo, bounced: managerBounced || !delivered, delivered };
    },
  };
}

/** True for a permanent refusal (a 5xx, or the recipient rejected); a temporary failure is thrown to be retried. */
async function refused(send: () => Promise<{ rejectedRecipients: number }>): Promise<boolean> {
  try {
    return (await send()).rejectedRecipients > 0;
  } catch (error) {
    if (error instanceof DeliveryError && error.permanent) return true;
    throw error;
  }
}

function resultOf(row: JointNotification): NotifyPartnerResult {
  return {
    to: row.sentTo,
    bounced: row.managerBounced || row.status === 'bounced',
    delivered: row.status === 'sent',
  };
}

function body(
  reference: string,
  memberName: string,
  input: NotifyPartnerInput,
  link: string | null,
  serviceUrl: string,
): string {
  const due = input.due ? ` ${input.due}` : '';
  const where = link
    ? `Open your part of this case with this link (it works once, and expires): ${link}`
    : `Sign in to the joint-protocol service to see your part of this case: ${serviceUrl}`;
  const sentence = `${WORDING[input.notice]}${due}`.replace(/\.?$/, '.');
  return `Dear complaints manager, ${memberName},\n\nComplaint ${reference} (${input.rule}): ${sentence}\n\n${where}\n\nThis is an automated message from the lead organisation's complaints system.`;
}

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** An activity of a jointResponse workflow acts only on that workflow's joint case (like requireOwnComplaint). */
async function requireOwnJointCase(dataSource: DataSource, jointCaseId: string): Promise<JointCase> {
  const workflowId = Context.current().info.workflowExecution?.workflowId;
  const own = workflowId === undefined ? undefined : jointCaseIdOf(workflowId);
  const jointCase =
    own === jointCaseId && /^[0-9a-f-]{36}$/i.test(jointCaseId)
      ? await dataSource.getRepository(JointCase).findOneBy({ id: jointCaseId })
      : null;
  if (!jointCase)
    throw ApplicationFailure.nonRetryable(
      `workflow ${workflowId ?? '(none)'} acts only on its own joint case, not on ${jointCaseId}`,
      'NotThisWorkflowsJointCase',
    );
  return jointCase;
}
