export * from './blocks';
export { htmlToBlocks } from './html-to-blocks';
export { renderPdf, type PdfDocumentInput } from './render-pdf';
export { renderLetterPdf, type LetterPdfInput } from './letter-pdf';
export { ENVELOPE_WINDOW, mm } from './page-geometry';
