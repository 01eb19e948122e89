import type { DataSource } from 'typeorm';
import {
  ExperienceSurveyInvitation,
  issueAccessCode,
  revokeLiveAccessLinks,
  type Complaint,
  type Correspondence,
} from '@complaints/db';
import { londonDate } from '@complaints/domain';
import { formatLongDate } from '../correspondence/template-helpers';

/**
 * Where the survey letter's code goes (ADR 0023): written by the template, kept in the stored copy, and replaced
 * by a working code only in the print copy, as the acknowledgement's progress code is (ADR 0028). Its characters
 * are none that HTML escapes.
 */
export const SURVEY_ACCESS_PLACEHOLDER =
  '[Your own code to answer the survey online is here in the copy sent to you. It is not kept in this copy.]';

/** Who issues the letter's codes: one working code per complaint, any earlier one revoked. */
export const SURVEY_LETTER_ISSUER = 'experience-survey-letter';

const DAY_MS = 86_400_000;

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

export function createSurveyLetterAccess(
  dataSource: DataSource,
  settings: { publicWebUrl: string; validDays?: number },
) {
  return {
    /**
     * The letter as printed: a single-use code, with the reference and the survey's address, in place of the
     * placeholder, recorded as the complainant's invitation (so the answer counts as the complainant's). A new
     * print copy (a retried layout, a resend) revokes the code before it, so one code works.
     */
    async forLetter(complaint: Complaint, item: Correspondence, html: string): Promise<string> {
      if (!html.includes(SURVEY_ACCESS_PLACEHOLDER)) return html;
      const code = await dataSource.transaction(async (manager) => {
        await revokeLiveAccessLinks(
          manager,
          { complaintId: complaint.id, purpose: 'experience-survey', issuedBy: SURVEY_LETTER_ISSUER },
          SURVEY_LETTER_ISSUER,
        );
        const issued = await issueAccessCode(manager, {
          purpose: 'experience-survey',
          complaintId: complaint.id,
          reference: complaint.reference,
          singleUse: true,
          issuedBy: SURVEY_LETTER_ISSUER,
          expiresAt: new Date(Date.now() + (settings.validDays ?? 60) * DAY_MS),
        });
        await manager.getRepository(ExperienceSurveyInvitation).upsert(
          {
            idempotencyKey: item.idempotencyKey,
            accessLinkId: issued.id,
            respondent: 'complainant',
            status: 'sent',
            messageId: item.messageId,
            sentAt: new Date(),
          },
          ['idempotencyKey'],
        );
        return issued;
      });
      const site = new URL(`/${complaint.organisationCode.toLowerCase()}/survey`, settings.publicWebUrl);
      return html.replaceAll(
        SURVEY_ACCESS_PLACEHOLDER,
        `Go to <strong>${escapeHtml(site.toString())}</strong> and enter your reference <strong>${escapeHtml(complaint.reference)}</strong> and this code: <strong class="survey-code">${code.code}</strong>. The code works once, until ${formatLongDate(londonDate(code.expiresAt))}.`,
      );
    },
  };
}

export type SurveyLetterAccess = ReturnType<typeof createSurveyLetterAccess>;
