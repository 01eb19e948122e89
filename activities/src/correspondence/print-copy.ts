import type { Correspondence } from '@complaints/db';
import type { DeliveryLog } from './delivery-log';
import type { LetterPdfInput } from './pdf';

/** Lays a letter out as its print copy: `renderLetterPdf`, or a stand-in that fails, to test a failing engine. */
export type LetterLayout = (letter: LetterPdfInput) => Promise<Buffer>;

/** The error code a failed layout is recorded with. */
export const LAYOUT_FAILED = 'PdfRenderError';

/**
 * R-INT-2: a letter is printed from its PDF, laid out from the stored HTML, so it is made before the letter is
 * queued (again on a retry that finds none). A failed layout is counted on the item, with its code; returns
 * whether the item has its print copy. Emails have none and need none.
 */
export async function ensurePrintCopy(
  log: DeliveryLog,
  layout: LetterLayout,
  item: Correspondence,
  letter: {
    organisation: string;
    largePrint: boolean;
    /** The HTML as printed, when it differs from the stored copy (ADR 0028: the progress code). */
    personalise?: (html: string) => Promise<string>;
  },
): Promise<boolean> {
  if (item.channel !== 'letter' || (await log.hasPdf(item.id))) return true;
  const html = letter.personalise ? await letter.personalise(item.html) : item.html;
  let pdf: Buffer;
  try {
    pdf = await layout({
      html,
      subject: item.subject,
      reference: item.complaintReference,
      organisation: letter.organisation,
      createdAt: item.createdAt,
      largePrint: letter.largePrint,
    });
  } catch {
    await log.recordLayoutFailure(item.id, LAYOUT_FAILED);
    return false;
  }
  await log.attachPdf(item.id, pdf);
  return true;
}
