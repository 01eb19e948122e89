import type { Block, PdfSection, TextRun } from './blocks';
import { drawBarChart, drawTable } from './figures';
import { ENVELOPE_WINDOW, LETTERHEAD_COLUMN, mm } from './page-geometry';

const TEXT_COLOUR = '#212b32';
const ORGANISATION_COLOUR = '#005eb8';
/** Heading sizes relative to the body text, as the letters' own CSS has them. */
const HEADING_SCALE = [1.4, 1.15, 1.05, 1, 1, 1] as const;
/**
 * Beside the window the letterhead keeps its standard size, large print or not, so it fits beside the window;
 * every letter repeats the contact details in its closing paragraph, in the letter's own size.
 */
const LETTERHEAD_BESIDE_WINDOW = { organisation: 14, details: 10 };
/** The address is set for the envelope window, whatever the letter's size. */
const ADDRESS_SIZE = 12;
const ADDRESS_MIN_SIZE = 7;
const ADDRESS_LINE_GAP = 0.1;

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

/**
 * Lays blocks out on pages, each block a tagged structure element (H1–H6, P, L/LI/Lbl/LBody, Table, Figure) in reading
 * order, so a screen reader reads the PDF as the HTML reads.
 */
export class BlockLayout {
  private readonly lineGap: number;

  constructor(
    private readonly doc: Doc,
    private readonly root: Struct,
    /** Body text size in points: 12, or 18 for large print. */
    private readonly size: number,
  ) {
    this.lineGap = size * 0.3;
  }

  /** Starts a new page unless this is the document's first section. */
  section(section: PdfSection, first: boolean): void {
    if (!first) this.doc.addPage();
    const sect = this.doc.struct('Sect');
    this.root.add(sect);
    const rest = section.envelope ? this.envelopeHead(sect, section.blocks) : section.blocks;
    for (const block of rest) this.block(sect, block);
    sect.end();
  }

  /**
   * A letter's first page: the letterhead top right and the recipient's address in the envelope window; the
   * letter goes on below both. Returns the blocks still to lay out.
   */
  private envelopeHead(sect: Struct, blocks: Block[]): Block[] {
    const doc = this.doc;
    let rest = blocks;
    let bottom = doc.page.margins.top;
    if (rest[0]?.kind === 'letterhead') {
      const letterhead = rest[0];
      rest = rest.slice(1);
      const { left, top, width } = LETTERHEAD_COLUMN;
      this.letterhead(sect, letterhead, left, top, width, LETTERHEAD_BESIDE_WINDOW);
      bottom = Math.max(bottom, doc.y);
    }
    if (rest[0]?.kind === 'address') {
      const address = rest[0];
      rest = rest.slice(1);
      this.windowAddress(sect, address.lines);
      bottom = Math.max(bottom, ENVELOPE_WINDOW.top + ENVELOPE_WINDOW.height);
    }
    doc.x = doc.page.margins.left;
    doc.y = bottom + mm(8);
    return rest;
  }

  private block(sect: Struct, block: Block): void {
    const doc = this.doc;
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    switch (block.kind) {
      case 'letterhead':
        this.letterhead(sect, block, left, doc.y, width, { organisation: this.size + 2, details: this.size });
        doc.y += this.size;
        break;
      case 'address':
        this.paragraph(sect, 'P', [{ text: block.lines.join('\n'), bold: false }], this.size);
        break;
      case 'heading': {
        const size = this.size * HEADING_SCALE[block.level - 1];
        doc.y += this.size * 0.4;
        this.keepSpace(size * 1.3 + this.size * 2.6);
        this.paragraph(
          sect,
          `H${block.level}`,
          block.runs.map((run) => ({ ...run, bold: true })),
          size,
        );
        break;
      }
      case 'paragraph':
        this.keepSpace(this.size * 1.3);
        this.paragraph(sect, 'P', block.runs, this.size);
        break;
      case 'list':
        this.list(sect, block.ordered, block.items);
        break;
      case 'table':
        drawTable(doc, sect, block.header, block.rows, this.size * 0.85);
        break;
      case 'bar-chart':
        drawBarChart(doc, sect, block, this.size);
        break;
    }
    doc.x = left;
  }

  private paragraph(sect: Struct, tag: string, runs: TextRun[], size: number): void {
    const doc = this.doc;
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    const y = doc.y;
    sect.add(doc.struct(tag, {}, () => this.runs(runs, left, y, width, size)));
    doc.y += this.size * 0.6;
  }

  private list(sect: Struct, ordered: boolean, items: TextRun[][]): void {
    const doc = this.doc;
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    const indent = this.size * 2;
    const list = doc.struct('L');
    sect.add(list);
    items.forEach((runs, index) => {
      this.keepSpace(this.size * 1.3);
      const y = doc.y;
      const item = doc.struct('LI');
      list.add(item);
      item.add(
        doc.struct('Lbl', {}, () => {
          doc.font('regular').fontSize(this.size).fillColor(TEXT_COLOUR);
          doc.text(ordered ? `${index + 1}.` : '•', left, y, { width: indent, lineBreak: false });
        }),
      );
      item.add(doc.struct('LBody', {}, () => this.runs(runs, left + indent, y, width - indent, this.size)));
      item.end();
      doc.y += this.size * 0.3;
    });
    list.end();
    doc.y += this.size * 0.3;
  }

  private letterhead(
    sect: Struct,
    letterhead: Extract<Block, { kind: 'letterhead' }>,
    left: number,
    top: number,
    width: number,
    sizes: { organisation: number; details: number },
  ): void {
    const doc = this.doc;
    const div = doc.struct('Div');
    sect.add(div);
    div.add(
      doc.struct('P', {}, () => {
        doc.font('bold').fontSize(sizes.organisation).fillColor(ORGANISATION_COLOUR);
        doc.text(letterhead.organisation, left, top, { width, lineGap: sizes.organisation * 0.15 });
      }),
    );
    for (const line of letterhead.lines) {
      div.add(
        doc.struct('P', {}, () => {
          doc.font('regular').fontSize(sizes.details).fillColor(TEXT_COLOUR);
          doc.text(line, left, doc.y + sizes.details * 0.3, { width, lineGap: sizes.details * 0.15 });
        }),
      );
    }
    div.end();
    doc.fillColor(TEXT_COLOUR);
  }

  /** The address as the postal service reads it: one line each, smaller only if needed to stay inside the window. */
  private windowAddress(sect: Struct, lines: string[]): void {
    const doc = this.doc;
    const { left, top, width, height, padding } = ENVELOPE_WINDOW;
    const room = { width: width - 2 * padding, height: height - 2 * padding };
    doc.font('regular');
    const widest = Math.max(...lines.map((line) => doc.fontSize(ADDRESS_SIZE).widthOfString(line)));
    const lineHeightPerPoint = doc.fontSize(1).currentLineHeight() + ADDRESS_LINE_GAP;
    const size = Math.max(
      ADDRESS_MIN_SIZE,
      Math.min(
        ADDRESS_SIZE,
        (ADDRESS_SIZE * room.width) / widest,
        room.height / (lines.length * lineHeightPerPoint),
      ),
    );
    sect.add(
      doc.struct('P', {}, () => {
        doc.font('regular').fontSize(size).fillColor(TEXT_COLOUR);
        const lineHeight = size * lineHeightPerPoint;
        lines.forEach((line, index) => {
          doc.text(line, left + padding, top + padding + index * lineHeight, { lineBreak: false });
        });
      }),
    );
  }

  /** Text in runs of regular and bold, wrapped to the width and onto new pages as needed. */
  private runs(runs: TextRun[], x: number, y: number, width: number, size: number): void {
    const doc = this.doc;
    doc.fillColor(TEXT_COLOUR);
    runs.forEach((run, index) => {
      doc.font(run.bold ? 'bold' : 'regular').fontSize(size);
      const options = { width, lineGap: this.lineGap, continued: index < runs.length - 1 };
      if (index === 0) doc.text(run.text, x, y, options);
      else doc.text(run.text, options);
    });
  }

  /** Starts a new page when less than `height` is left on this one, so a heading is not left alone at the foot. */
  private keepSpace(height: number): void {
    if (this.doc.y + height > this.doc.page.maxY()) this.doc.addPage();
  }
}
