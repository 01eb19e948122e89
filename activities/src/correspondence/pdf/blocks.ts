/** A stretch of text in one weight; `\n` is a line break (`<br>`). */
export interface TextRun {
  text: string;
  bold: boolean;
}

/** What a PDF page says, in reading order: the letter's HTML read into blocks, or blocks made directly. */
export type Block =
  /** The organisation's name and its address and contact lines (`.letterhead`). */
  | { kind: 'letterhead'; organisation: string; lines: string[] }
  /** The recipient's name and postal address (`.address`): in the envelope window on a letter's first page. */
  | { kind: 'address'; lines: string[] }
  | { kind: 'heading'; level: HeadingLevel; runs: TextRun[] }
  | { kind: 'paragraph'; runs: TextRun[] }
  | { kind: 'list'; ordered: boolean; items: TextRun[][] }
  /** Figures in rows and columns (tagged Table, TR, TH, TD); the first column names each row. */
  | { kind: 'table'; header: string[]; rows: string[][] }
  /** A bar chart drawn as vectors, tagged a Figure whose alternative text says what it shows. */
  | { kind: 'bar-chart'; alt: string; bars: ChartBar[]; max: number; unit?: string };

/** One bar: its value (null where a count is withheld), and any target drawn across it. */
export interface ChartBar {
  label: string;
  value: number | null;
  target?: number;
}

export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

export const plain = (text: string): TextRun => ({ text, bold: false });
export const bold = (text: string): TextRun => ({ text, bold: true });

/** Each page section of a document starts on a new page. `envelope` lays out a letter's first page for a window envelope. */
export interface PdfSection {
  blocks: Block[];
  envelope?: boolean;
}
