import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import {
  Complaint,
  ExperienceSurveyInvitation,
  issueAccessLink,
  Organisation,
  revokeAccessLink,
} from '@complaints/db';
import type { SendCorrespondenceInput, SendCorrespondenceResult } from '../correspondence/contract';
import { DeliveryError, type Mailer } from '../correspondence/mailer';
import { messageIdFor } from '../correspondence/send-correspondence.activity';
import { requireOwnComplaint } from '../shared/own-complaint';
import type { SurveyInvitationRequest, SurveyInvitationResult } from './contract';
import { surveyRecipients, type SurveyRecipient } from './survey-recipients';

export interface ExperienceSurveyDependencies {
  dataSource: DataSource;
  mailer: Mailer;
  /** The public web service's address, where the survey pages are (PUBLIC_WEB_URL). */
  publicWebUrl: string;
  messageIdDomain: string;
  defaultFrom: string;
  /** How long a survey link stays open (default 60 days). */
  linkValidDays?: number;
  /**
   * The correspondence activity, for the letter to a complainant who replies by post: the letter's code is put
   * only into its print copy (`survey-letter-access.ts`).
   */
  sendCorrespondence: (input: SendCorrespondenceInput) => Promise<SendCorrespondenceResult>;
}

const DAY_MS = 86_400_000;

/**
 * Invites the people involved in a closed complaint to the experience survey (ADR 0023): one email each, with a
 * single-use, expiring link (an access link: only its hash is kept), or for a complainant who replies by post, a
 * letter with a single-use code in its print copy only. The email is written nowhere: its link would
 * open the survey, so only the invitation's key, status and Message-ID are kept. Idempotent: an invitation the
 * SMTP server took (or refused for good) is not sent again; one an attempt may have stopped mid-send gets a new
 * link (the old one revoked) and goes again under the same Message-ID, so at most one link works. The letter is
 * keyed as every letter is (reference and step), so a retry queues it once.
 */
export function createExperienceSurveyActivities(deps: ExperienceSurveyDependencies) {
  const { dataSource, mailer } = deps;
  const invitations = dataSource.getRepository(ExperienceSurveyInvitation);

  async function invite(
    complaint: Complaint,
    organisation: Organisation,
    recipient: SurveyRecipient,
    idempotencyKey: string,
  ): Promise<'sent' | 'refused'> {
    const recorded = await invitations.findOneBy({ idempotencyKey });
    if (recorded && recorded.status !== 'sending') return recorded.status;
    const messageId = messageIdFor(`survey.${idempotencyKey}`, deps.messageIdDomain);
    const token = await dataSource.transaction(async (manager) => {
      if (recorded) await revokeAccessLink(manager, recorded.accessLinkId, 'experience-survey');
      const link = await issueAccessLink(manager, {
        purpose: 'experience-survey',
        complaintId: complaint.id,
        singleUse: true,
        issuedBy: 'experience-survey',
        expiresAt: new Date(Date.now() + (deps.linkValidDays ?? 60) * DAY_MS),
      });
      await manager.getRepository(ExperienceSurveyInvitation).upsert(
        {
          idempotencyKey,
          accessLinkId: link.id,
          respondent: recipient.respondent,
          status: 'sending',
          messageId,
        },
        ['idempotencyKey'],
      );
      return link.token;
    });
    const url = new URL(`/${complaint.organisationCode.toLowerCase()}/survey`, deps.publicWebUrl);
    url.searchParams.set('link', token);
    const { letterhead, name } = organisation;
    let status: 'sent' | 'refused' = 'sent';
    try {
      const receipt = await mailer.send({
        messageId,
        from: letterhead.email ? `"${name}" <${letterhead.email}>` : deps.defaultFrom,
        to: [{ name: recipient.name, address: recipient.address }],
        ...surveyEmail(name, recipient, url.toString()),
      });
      if (receipt.rejectedRecipients > 0) status = 'refused';
    } catch (error) {
      if (!(error instanceof DeliveryError)) throw error;
      if (!error.permanent) throw ApplicationFailure.retryable(error.message, 'DeliveryError');
      status = 'refused';
    }
    await invitations.update({ idempotencyKey }, { status, sentAt: status === 'sent' ? new Date() : null });
    return status;
  }

  return {
    async inviteToExperienceSurvey(input: SurveyInvitationRequest): Promise<SurveyInvitationResult> {
      await requireOwnComplaint(input.reference, dataSource.manager);
      const complaint = await dataSource
        .getRepository(Complaint)
        .findOneByOrFail({ reference: input.reference });
      const organisation = await dataSource
        .getRepository(Organisation)
        .findOneByOrFail({ code: complaint.organisationCode });
      const { recipients, complainantNotByEmail } = await surveyRecipients(dataSource.manager, complaint);
      const result: SurveyInvitationResult = { sent: 0, refused: 0, complainantNotByEmail, byLetter: 0 };
      if (complainantNotByEmail) {
        // R-INT-2: by post, as they asked (or gave only an address); keyed by its step like any letter.
        const letter = await deps.sendCorrespondence({
          reference: input.reference,
          step: `${input.step}-letter`,
          template: 'experience-survey',
          audience: 'complainant',
        });
        result.byLetter = letter.items.filter(
          (item) => item.channel === 'letter' && item.status === 'sent',
        ).length;
      }
      for (const recipient of recipients) {
        const outcome = await invite(
          complaint,
          organisation,
          recipient,
          `${input.reference}:${input.step}:${recipient.key}`,
        );
        result[outcome] += 1;
      }
      return result;
    },
  };
}

export type ExperienceSurveyActivities = ReturnType<typeof createExperienceSurveyActivities>;

/** The invitation's words: who it is from and why, and that the answers are not linked to them. */
export function surveyEmail(
  organisationName: string,
  recipient: Pick<SurveyRecipient, 'name' | 'respondent'>,
  link: string,
): { subject: string; text: string; html: string } {
  const why =
    recipient.respondent === 'complainant'
      ? 'Your complaint has now closed. We would like to know how you found making it and how we handled it.'
      : 'A complaint you were involved in has now closed. We would like to know how you found the complaints process.';
  const paragraphs = [
    `Dear ${recipient.name},`,
    why,
    'The survey has 5 short questions, all optional. Your answers are kept apart from the complaint and are only counted with others, so they cannot be linked to you.',
    `Answer the survey: ${link}`,
    'The link works once and expires in 60 days.',
    `${organisationName} complaints team`,
  ];
  const escape = (text: string) =>
    text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
  return {
    subject: `${organisationName}: how was your experience of the complaints process?`,
    text: paragraphs.join('\n\n'),
    html: paragraphs
      .map((paragraph) =>
        paragraph.startsWith('Answer the survey: ')
          ? `<p><a href="${escape(link)}">Answer the survey</a></p>`
          : `<p>${escape(paragraph)}</p>`,
      )
      .join('\n'),
  };
}
