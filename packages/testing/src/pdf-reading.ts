import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** One piece of text on a page, its box in millimetres from the page's top-left corner. */
export interface PdfTextItem {
  text: string;
  /** Points. */
  fontSize: number;
  x: number;
  right: number;
  top: number;
  bottom: number;
}

export interface PdfPageReading {
  /** Millimetres. */
  width: number;
  height: number;
  /** The page's text as pdf.js extracts it (what copy-and-paste and a screen reader get). */
  text: string;
  items: PdfTextItem[];
  /** Roles of the page's structure tree, depth first (`Document`, `Sect`, `H2`, `P`, `L`, `LI` …). */
  structure: string[];
  /** The page drawn at the reading's scale. */
  png: Uint8Array;
  /** Share of pixels that are not white: 0 is a blank page. */
  inkRatio: number;
}

export interface PdfReading {
  pages: PdfPageReading[];
  /** The catalog's MarkInfo says the content is marked (a tagged PDF). */
  marked: boolean;
  /** The document has a structure tree (StructTreeRoot). */
  hasStructTree: boolean;
  title: string | null;
  language: string | null;
}

/**
 * Reads a PDF with pdf.js, drawing each page with @napi-rs/canvas (both from npm; no system packages): the
 * text and where it is, the tags, and how much of each page is ink. Scale 1 is 72 dpi.
 */
export function readPdf(pdf: Uint8Array, options: { scale?: number } = {}): Promise<PdfReading> {
  const worker = new Worker(path.join(__dirname, 'pdf-inspector.mjs'), {
    workerData: { pdf: new Uint8Array(pdf), scale: options.scale ?? 1.5 },
  });
  return new Promise<PdfReading>((resolve, reject) => {
    worker.once('message', (message: { reading?: PdfReading; error?: string }) => {
      void worker.terminate();
      if (message.reading) resolve(message.reading);
      else reject(new Error(`reading the PDF failed: ${message.error}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the PDF reader stopped (exit code ${code})`)));
  });
}
