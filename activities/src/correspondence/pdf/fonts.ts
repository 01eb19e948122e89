import fs from 'node:fs';

// DejaVu Sans, embedded (subset) so that any Latin, Greek or Cyrillic name prints as written; the PDF's
// built-in fonts only cover Windows-1252.
const files = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
} as const;

export type FontWeight = keyof typeof files;

let loaded: Record<FontWeight, Buffer> | undefined;

/** The font files, read once per process. */
export function fontData(): Record<FontWeight, Buffer> {
  loaded ??= {
    regular: fs.readFileSync(require.resolve(files.regular)),
    bold: fs.readFileSync(require.resolve(files.bold)),
  };
  return loaded;
}

/** Registers both weights on a document under the names `regular` and `bold`. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  const data = fontData();
  doc.registerFont('regular', data.regular);
  doc.registerFont('bold', data.bold);
}
