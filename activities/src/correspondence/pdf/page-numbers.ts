import { FOOTER_BASELINE } from './page-geometry';

/**
 * "Page n of m" at the foot of every page, marked as a pagination artifact so a screen reader skips it.
 * Needs a document created with `bufferPages: true`.
 */
export function numberPages(doc: PDFKit.PDFDocument, size: number, label?: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let index = 0; index < count; index++) {
    doc.switchToPage(start + index);
    const page = doc.page;
    const bottom = page.margins.bottom;
    // Below the bottom margin pdfkit would start a new page; the footer belongs on this one.
    page.margins.bottom = 0;
    const text = `${label ? `${label} · ` : ''}Page ${index + 1} of ${count}`;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.font('regular').fontSize(size).fillColor('#4c6272');
    const x = (page.width - doc.widthOfString(text)) / 2;
    doc.text(text, x, page.height - FOOTER_BASELINE - size, { lineBreak: false });
    doc.endMarkedContent();
    page.margins.bottom = bottom;
  }
}
