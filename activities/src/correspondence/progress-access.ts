import type { DataSource, EntityManager } from 'typeorm';
import { issueAccessCode, issueAccessLink, revokeLiveAccessLinks, type Complaint } from '@complaints/db';
import { londonDate } from '@complaints/domain';
import { formatLongDate } from './template-helpers';

/**
 * The person's way to their progress page, given with the acknowledgement (R-ACK-1, issue #18, ADR 0028): a link
 * in the email, or a short code and the site's address on the letter. The template writes this placeholder
 * where it goes, and the stored copy keeps it: the secret is put in only as the item leaves (the email handed
 * to SMTP, the letter laid out as its print copy). Its characters are none that HTML escapes, so it reads the
 * same in the stored HTML and text.
 */
export const PROGRESS_ACCESS_PLACEHOLDER =
  '[Your own link or code to follow your complaint online is here in the copy sent to you. It is not kept in this copy.]';

/** Who issues the acknowledgement's links: one working one per complaint, the one before revoked. */
export const PROGRESS_ACCESS_ISSUER = 'acknowledgement';

export interface ProgressAccessSettings {
  /** The public web service's address (PUBLIC_WEB_URL). */
  publicWebUrl: string;
  /** How long the link or code works (default 365 days: the complaint, its response and the time to reopen). */
  validDays?: number;
}

export interface Personalised {
  html: string;
  text: string;
}

const DAY_MS = 86_400_000;

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** The placeholder in the text copy, which wraps its lines. */
const PLACEHOLDER_IN_TEXT = new RegExp(
  PROGRESS_ACCESS_PLACEHOLDER.split(' ')
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+'),
  'g',
);

function fill(item: Personalised, html: string, text: string): Personalised {
  return {
    html: item.html.replaceAll(PROGRESS_ACCESS_PLACEHOLDER, html),
    text: item.text.replace(PLACEHOLDER_IN_TEXT, () => text),
  };
}

export function createProgressAccess(dataSource: DataSource, settings: ProgressAccessSettings) {
  const days = settings.validDays ?? 365;
  const progressPage = (complaint: Complaint) =>
    new URL(`/${complaint.organisationCode.toLowerCase()}/progress`, settings.publicWebUrl);

  /** Revokes the acknowledgement's earlier link (an attempt that never reached the person) and issues one. */
  function issue<T>(complaint: Complaint, make: (manager: EntityManager) => Promise<T>) {
    return dataSource.transaction(async (manager) => {
      await revokeLiveAccessLinks(
        manager,
        { complaintId: complaint.id, purpose: 'complainant-progress', issuedBy: PROGRESS_ACCESS_ISSUER },
        PROGRESS_ACCESS_ISSUER,
      );
      return make(manager);
    });
  }

  const request = (complaint: Complaint) => ({
    purpose: 'complainant-progress' as const,
    complaintId: complaint.id,
    singleUse: false,
    issuedBy: PROGRESS_ACCESS_ISSUER,
    expiresAt: new Date(Date.now() + days * DAY_MS),
  });

  return {
    /** The email as sent: a new link in place of the placeholder. */
    async forEmail(complaint: Complaint, item: Personalised): Promise<Personalised> {
      if (!item.html.includes(PROGRESS_ACCESS_PLACEHOLDER)) return item;
      const link = await issue(complaint, (manager) => issueAccessLink(manager, request(complaint)));
      const url = progressPage(complaint);
      url.searchParams.set('link', link.token);
      const until = formatLongDate(londonDate(link.expiresAt));
      const words = (anchor: string) =>
        `You can see where your complaint is, and the letters we have sent you, on your own progress page: ${anchor}. The link works until ${until}. Please keep it to yourself: anyone with it can see your complaint's progress.`;
      return fill(
        item,
        escapeHtml(words('LINK')).replace(
          'LINK',
          `<a href="${escapeHtml(url.toString())}">open your progress page</a>`,
        ),
        words(url.toString()),
      );
    },

    /**
     * The letter as printed: a new code and the site's address in place of the placeholder, or, when the person
     * has the link by email with the same acknowledgement, a word that it was emailed (one way in per person).
     */
    async forLetter(complaint: Complaint, html: string, emailed: boolean): Promise<string> {
      if (!html.includes(PROGRESS_ACCESS_PLACEHOLDER)) return html;
      if (emailed)
        return html.replaceAll(
          PROGRESS_ACCESS_PLACEHOLDER,
          'We have emailed you a link to your own progress page, where you can see where your complaint is.',
        );
      const code = await issue(complaint, (manager) =>
        issueAccessCode(manager, { ...request(complaint), reference: complaint.reference }),
      );
      const until = formatLongDate(londonDate(code.expiresAt));
      const site = escapeHtml(progressPage(complaint).toString());
      return html.replaceAll(
        PROGRESS_ACCESS_PLACEHOLDER,
        `You can see where your complaint is, and the letters we have sent you, online. Go to <strong>${site}</strong> and enter your reference <strong>${escapeHtml(complaint.reference)}</strong> and this code: <strong class="progress-code">${code.code}</strong>. The code works until ${until}. Please keep it to yourself: with your reference, it opens your complaint's progress page.`,
      );
    },
  };
}

export type ProgressAccess = ReturnType<typeof createProgressAccess>;
