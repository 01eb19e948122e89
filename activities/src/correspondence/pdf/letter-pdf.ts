import { htmlToBlocks } from './html-to-blocks';
import { renderPdf } from './render-pdf';

export interface LetterPdfInput {
  /** The letter's rendered HTML, as stored: the PDF is laid out from it and says nothing else. */
  html: string;
  subject: string;
  reference: string;
  organisation: string;
  createdAt: Date;
  largePrint: boolean;
}

/** R-INT-2: a letter's print copy, its address placed for a DL/C5 window envelope, in large print if asked for. */
export async function renderLetterPdf(letter: LetterPdfInput): Promise<Buffer> {
  return renderPdf({
    title: letter.subject,
    author: letter.organisation,
    createdAt: letter.createdAt,
    largePrint: letter.largePrint,
    footerLabel: letter.reference,
    sections: [{ blocks: htmlToBlocks(letter.html), envelope: true }],
  });
}
