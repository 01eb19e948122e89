import type { ChartBar } from './blocks';

// Tables and charts of a report's figures. Each draws from `top` at the page's left margin and answers the y below
// it; the caller tags what they draw (a table's cells, a chart's Figure with its alternative text).

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

const TEXT_COLOUR = '#212b32';
const RULE_COLOUR = '#d8dde0';
const BAR_COLOUR = '#005eb8';
const TARGET_COLOUR = '#d5281b';
const WITHHELD_COLOUR = '#aeb7bd';

/** A table: a header row of TH and rows of TD, the first column wider; a row never splits across pages. */
export function drawTable(doc: Doc, sect: Struct, header: string[], rows: string[][], size: number): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const first = header.length > 1 ? width * 0.5 : width;
  const rest = header.length > 1 ? (width - first) / (header.length - 1) : 0;
  const columnX = (index: number) => (index === 0 ? left : left + first + (index - 1) * rest);
  const columnWidth = (index: number) => (index === 0 ? first : rest) - size * 0.5;
  const table = doc.struct('Table');
  sect.add(table);
  const row = (cells: string[], tag: 'TH' | 'TD', bold: boolean) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(size);
    const height =
      Math.max(...cells.map((cell, index) => doc.heightOfString(cell, { width: columnWidth(index) }))) +
      size * 0.5;
    if (doc.y + height > doc.page.maxY()) doc.addPage();
    const y = doc.y;
    const tr = doc.struct('TR');
    table.add(tr);
    cells.forEach((cell, index) =>
      tr.add(
        doc.struct(tag, {}, () => {
          doc
            .font(bold ? 'bold' : 'regular')
            .fontSize(size)
            .fillColor(TEXT_COLOUR);
          doc.text(cell, columnX(index), y + size * 0.25, {
            width: columnWidth(index),
            align: index === 0 ? 'left' : 'right',
          });
        }),
      ),
    );
    tr.end();
    doc.markContent('Artifact', { type: 'Layout' });
    doc
      .moveTo(left, y + height)
      .lineTo(left + width, y + height)
      .lineWidth(0.5)
      .strokeColor(RULE_COLOUR)
      .stroke();
    doc.endMarkedContent();
    doc.y = y + height;
  };
  row(header, 'TH', true);
  for (const cells of rows) row(cells, 'TD', false);
  table.end();
  doc.x = left;
  doc.y += size * 0.8;
}

/**
 * Horizontal bars, one a row, scaled to `max`, each with its label and value; a target is a red line across its
 * bar, a withheld value a grey outline with "withheld". Drawn inside one Figure element with the alternative text.
 */
export function drawBarChart(
  doc: Doc,
  sect: Struct,
  chart: { alt: string; bars: ChartBar[]; max: number; unit?: string },
  size: number,
): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const labelWidth = width * 0.38;
  const valueWidth = width * 0.14;
  const barLeft = left + labelWidth;
  const barRoom = width - labelWidth - valueWidth;
  const rowHeight = size * 1.8;
  const height = chart.bars.length * rowHeight + size;
  if (doc.y + height > doc.page.maxY()) doc.addPage();
  const top = doc.y;
  const unit = chart.unit ?? '';
  sect.add(
    doc.struct('Figure', { alt: chart.alt }, () => {
      chart.bars.forEach((bar, index) => {
        const y = top + index * rowHeight;
        doc
          .font('regular')
          .fontSize(size * 0.85)
          .fillColor(TEXT_COLOUR);
        doc.text(bar.label, left, y + size * 0.25, {
          width: labelWidth - size * 0.5,
          lineBreak: false,
          ellipsis: true,
        });
        const scaled = (value: number) =>
          chart.max > 0 ? (Math.min(value, chart.max) / chart.max) * barRoom : 0;
        if (bar.value === null) {
          doc
            .rect(barLeft, y, barRoom * 0.15, rowHeight * 0.7)
            .lineWidth(0.75)
            .strokeColor(WITHHELD_COLOUR)
            .stroke();
        } else if (bar.value > 0) {
          doc
            .rect(barLeft, y, scaled(bar.value), rowHeight * 0.7)
            .fillColor(BAR_COLOUR)
            .fill();
        }
        if (bar.target !== undefined) {
          const x = barLeft + scaled(bar.target);
          doc
            .moveTo(x, y - size * 0.15)
            .lineTo(x, y + rowHeight * 0.85)
            .lineWidth(1.5)
            .strokeColor(TARGET_COLOUR)
            .stroke();
        }
        doc
          .font('regular')
          .fontSize(size * 0.85)
          .fillColor(TEXT_COLOUR);
        doc.text(
          bar.value === null ? 'withheld' : `${bar.value}${unit}`,
          barLeft + barRoom + size * 0.3,
          y + size * 0.25,
          {
            width: valueWidth - size * 0.3,
            lineBreak: false,
          },
        );
      });
      doc
        .moveTo(barLeft, top - size * 0.2)
        .lineTo(barLeft, top + chart.bars.length * rowHeight)
        .lineWidth(0.75)
        .strokeColor(TEXT_COLOUR)
        .stroke();
    }),
  );
  doc.x = left;
  doc.y = top + height;
}
