import PDFDocument from 'pdfkit';
import type { PdfSection } from './blocks';
import { registerFonts } from './fonts';
import { BlockLayout } from './layout';
import { numberPages } from './page-numbers';
import { PAGE_MARGINS } from './page-geometry';

export interface PdfDocumentInput {
  /** Shown by viewers in place of the file name, and read out first. */
  title: string;
  author: string;
  /** Fixed by the caller (the item's creation time), so the same input gives the same bytes. */
  createdAt: Date;
  /** 18 pt body text instead of 12 pt (R-INT-2: large print). */
  largePrint?: boolean;
  /** Printed before the page number in each footer. */
  footerLabel?: string;
  lang?: string;
  sections: PdfSection[];
}

/** An A4 tagged PDF (structure tree, language, title shown) of the sections, each starting on a new page. */
export async function renderPdf(input: PdfDocumentInput): Promise<Buffer> {
  const size = input.largePrint ? 18 : 12;
  const doc = new PDFDocument({
    size: 'A4',
    margins: PAGE_MARGINS,
    pdfVersion: '1.7',
    tagged: true,
    lang: input.lang ?? 'en-GB',
    displayTitle: true,
    bufferPages: true,
    info: { Title: input.title, Author: input.author, CreationDate: input.createdAt },
  });
  const done = collect(doc);
  registerFonts(doc);
  const root = doc.struct('Document');
  doc.addStructure(root);
  const layout = new BlockLayout(doc, root, size);
  input.sections.forEach((section, index) => layout.section(section, index === 0));
  root.end();
  numberPages(doc, Math.round(size * 0.85), input.footerLabel);
  doc.end();
  return done;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
