// Runs in a worker thread (see pdf-reader.ts): pdf.js is ES-module only, which jest's CommonJS runtime cannot
// load, while a worker has Node's own loader. Reads a PDF as a person and a screen reader would: each page
// drawn to PNG, its text with positions, and the document's tagging.
import { parentPort, workerData } from 'node:worker_threads';
import { createCanvas } from '@napi-rs/canvas';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PdfPageReading, PdfReading, PdfTextItem } from './pdf-reading.js';

const POINTS_PER_MM = 72 / 25.4;
const toMm = (points: number) => points / POINTS_PER_MM;

interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  hasEOL: boolean;
}

interface StructNode {
  role?: string;
  children?: StructNode[];
}

function roles(node: StructNode | null): string[] {
  if (!node) return [];
  return [...(node.role ? [node.role] : []), ...(node.children ?? []).flatMap(roles)];
}

async function read(data: Uint8Array, scale: number): Promise<PdfReading> {
  const pdf = await getDocument({ data, isEvalSupported: false, verbosity: 0 }).promise;
  const markInfo = await pdf.getMarkInfo();
  const info = (await pdf.getMetadata()).info as Record<string, unknown>;
  const pages: PdfPageReading[] = [];
  let hasStructTree = false;
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const [, , widthPt, heightPt] = page.view;
    const content = await page.getTextContent();
    const items: PdfTextItem[] = (content.items as TextItemLike[])
      .filter((item) => typeof item.str === 'string' && item.str.trim() !== '')
      .map((item) => {
        const [, , c, d, e, f] = item.transform;
        const fontSize = Math.hypot(c, d);
        return {
          text: item.str,
          fontSize,
          x: toMm(e),
          right: toMm(e + item.width),
          top: toMm(heightPt - f - fontSize * 0.8),
          bottom: toMm(heightPt - f + fontSize * 0.2),
        };
      });
    const text = (content.items as TextItemLike[])
      .map((item) => (item.str ?? '') + (item.hasEOL ? '\n' : ''))
      .join('');
    const structTree = (await page.getStructTree()) as StructNode | null;
    hasStructTree ||= structTree !== null;

    const viewport = page.getViewport({ scale });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let index = 0; index < pixels.length; index += 4) {
      if (pixels[index] < 200 || pixels[index + 1] < 200 || pixels[index + 2] < 200) inked++;
    }
    pages.push({
      width: toMm(widthPt),
      height: toMm(heightPt),
      text,
      items,
      structure: roles(structTree),
      png: new Uint8Array(canvas.toBuffer('image/png')),
      inkRatio: inked / (pixels.length / 4),
    });
  }
  await pdf.destroy();
  return {
    pages,
    marked: markInfo?.Marked === true,
    hasStructTree,
    title: typeof info.Title === 'string' ? info.Title : null,
    language: typeof info.Language === 'string' ? info.Language : null,
  };
}

const { pdf, scale } = workerData as { pdf: Uint8Array; scale: number };
read(pdf, scale).then(
  (reading) => parentPort!.postMessage({ reading }),
  (error: Error) => parentPort!.postMessage({ error: `${error.name}: ${error.message}` }),
);
