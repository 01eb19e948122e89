import { Parser } from 'htmlparser2';
import type { Block, HeadingLevel, TextRun } from './blocks';

/** Elements whose content is never printed. */
const HIDDEN = new Set(['head', 'style', 'script', 'template', 'title']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const BOLD = new Set(['strong', 'b']);

/**
 * Reads our rendered correspondence HTML (h1–h6, p, ul/ol/li, strong, br, div; `.letterhead` and `.address`)
 * into blocks, so a PDF says what the stored HTML says. Text is taken as text: markup a complainant typed
 * arrives here escaped and stays words on the page.
 */
export function htmlToBlocks(html: string): Block[] {
  const reader = new BlockReader();
  const parser = new Parser(
    {
      onopentag: (name, attributes) => reader.open(name, (attributes.class ?? '').split(/\s+/)),
      onclosetag: (name) => reader.close(name),
      ontext: (text) => reader.text(text),
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return reader.finish();
}

type Container =
  | { kind: 'text'; block: 'paragraph' | 'heading'; level: HeadingLevel; runs: TextRun[]; bold: boolean }
  /** Lines of text: each `div` or `<br>` starts one. */
  | { kind: 'letterhead' | 'address'; lines: string[][]; organisation: string[]; inOrganisation: boolean };

type Role = 'hidden' | 'bold' | 'container' | 'list' | 'item' | 'other';

class BlockReader {
  private readonly blocks: Block[] = [];
  private readonly stack: { name: string; role: Role }[] = [];
  private hidden = 0;
  private bold = 0;
  private container: Container | null = null;
  /** Nested lists are read into the outermost one. */
  private list: { ordered: boolean; items: TextRun[][]; depth: number } | null = null;
  private item: TextRun[] | null = null;

  open(name: string, classes: string[]): void {
    if (HIDDEN.has(name) || this.hidden > 0) {
      this.hidden++;
      return this.push(name, 'hidden');
    }
    if (name === 'br') return this.lineBreak();
    if (BOLD.has(name)) {
      this.bold++;
      return this.push(name, 'bold');
    }
    const lines = this.lines();
    if (lines) {
      if (name === 'div') {
        lines.inOrganisation = lines.kind === 'letterhead' && classes.includes('organisation');
        lines.lines.push([]);
      }
      return this.push(name, 'other');
    }
    if (name === 'div' && (classes.includes('letterhead') || classes.includes('address'))) {
      this.flushText();
      const kind = classes.includes('letterhead') ? 'letterhead' : 'address';
      this.container = { kind, lines: [[]], organisation: [], inOrganisation: false };
      return this.push(name, 'container');
    }
    if (name === 'ul' || name === 'ol') {
      this.flushText();
      this.endItem();
      if (this.list) this.list.depth++;
      else this.list = { ordered: name === 'ol', items: [], depth: 1 };
      return this.push(name, 'list');
    }
    if (name === 'li') {
      this.flushText();
      this.endItem();
      this.item = [];
      return this.push(name, 'item');
    }
    if (name === 'p' || HEADINGS.has(name)) {
      this.flushText();
      const heading = HEADINGS.has(name);
      this.container = {
        kind: 'text',
        block: heading ? 'heading' : 'paragraph',
        level: (heading ? Number(name[1]) : 1) as HeadingLevel,
        runs: [],
        // The letters' CSS sets the reference line in bold.
        bold: classes.includes('reference'),
      };
      return this.push(name, 'container');
    }
    // Any other block element (div, body …) only bounds a paragraph; inline ones (span, a, em) add nothing.
    if (name === 'div' || name === 'body' || name === 'section') this.flushText();
    this.push(name, 'other');
  }

  close(name: string): void {
    const index = this.stack.map((entry) => entry.name).lastIndexOf(name);
    if (index < 0) return;
    // Elements left open inside this one close with it, as a browser would.
    for (const entry of this.stack.splice(index).reverse()) this.closeEntry(entry);
  }

  text(text: string): void {
    if (this.hidden > 0) return;
    const lines = this.lines();
    if (lines) {
      (lines.inOrganisation ? lines.organisation : lines.lines.at(-1)!).push(text);
      return;
    }
    if (!this.runs()) {
      // Text straight inside a div or the body reads as a paragraph of its own.
      if (text.trim() === '') return;
      this.container = { kind: 'text', block: 'paragraph', level: 1, runs: [], bold: false };
    }
    const bold = this.bold > 0 || (this.container?.kind === 'text' && this.container.bold);
    this.runs()!.push({ text: text.replace(WHITE_SPACE, ' '), bold });
  }

  finish(): Block[] {
    for (const entry of this.stack.splice(0).reverse()) this.closeEntry(entry);
    this.flushText();
    return this.blocks;
  }

  private push(name: string, role: Role): void {
    this.stack.push({ name, role });
  }

  private closeEntry(entry: { name: string; role: Role }): void {
    switch (entry.role) {
      case 'hidden':
        this.hidden--;
        return;
      case 'bold':
        this.bold--;
        return;
      case 'container':
        if (this.container?.kind === 'letterhead' || this.container?.kind === 'address') this.flushLines();
        else this.flushText();
        return;
      case 'item':
        this.flushText();
        this.endItem();
        return;
      case 'list':
        this.flushText();
        this.endItem();
        if (this.list && --this.list.depth === 0) {
          if (this.list.items.length > 0)
            this.blocks.push({ kind: 'list', ordered: this.list.ordered, items: this.list.items });
          this.list = null;
        }
        return;
      case 'other': {
        if (entry.name !== 'div') return;
        const lines = this.lines();
        if (!lines) return this.flushText();
        lines.inOrganisation = false;
        lines.lines.push([]);
      }
    }
  }

  private lines() {
    const container = this.container;
    return container?.kind === 'letterhead' || container?.kind === 'address' ? container : null;
  }

  private runs(): TextRun[] | null {
    if (this.container?.kind === 'text') return this.container.runs;
    return this.item;
  }

  private lineBreak(): void {
    const lines = this.lines();
    if (lines) lines.lines.push([]);
    else this.runs()?.push({ text: '\n', bold: false });
  }

  /** Ends a paragraph or heading; inside a list item its text goes back to the item. */
  private flushText(): void {
    if (this.container?.kind !== 'text') return;
    const { block, level, runs } = this.container;
    this.container = null;
    const normalised = normaliseRuns(runs);
    if (normalised.length === 0) return;
    if (this.item) {
      if (this.item.length > 0) this.item.push({ text: '\n', bold: false });
      this.item.push(...normalised);
    } else if (block === 'heading') this.blocks.push({ kind: 'heading', level, runs: normalised });
    else this.blocks.push({ kind: 'paragraph', runs: normalised });
  }

  private flushLines(): void {
    const container = this.lines()!;
    this.container = null;
    const lines = container.lines.map((line) => collapse(line.join(''))).filter((line) => line !== '');
    if (container.kind === 'letterhead')
      this.blocks.push({
        kind: 'letterhead',
        organisation: collapse(container.organisation.join('')),
        lines,
      });
    else if (lines.length > 0) this.blocks.push({ kind: 'address', lines });
  }

  private endItem(): void {
    if (!this.item) return;
    const item = normaliseRuns(this.item);
    this.item = null;
    if (item.length > 0) this.list?.items.push(item);
  }
}

/** HTML white space (not the no-break space, which stays). */
const WHITE_SPACE = /[ \t\n\r\f]+/g;

const collapse = (text: string) => text.replace(WHITE_SPACE, ' ').trim();

/**
 * HTML white space: text arrives collapsed (`\n` only from `<br>`); no space at the start or end of the block
 * or next to a line break, and neighbouring runs of the same weight merge.
 */
export function normaliseRuns(runs: TextRun[]): TextRun[] {
  const chars: { char: string; bold: boolean }[] = [];
  for (const run of runs) {
    for (const char of run.text) {
      const previous = chars.at(-1)?.char;
      if (char === ' ' && (previous === undefined || previous === ' ' || previous === '\n')) continue;
      if (char === '\n') while (chars.at(-1)?.char === ' ') chars.pop();
      chars.push({ char, bold: run.bold });
    }
  }
  while (chars.at(-1)?.char === ' ' || chars.at(-1)?.char === '\n') chars.pop();
  const out: TextRun[] = [];
  for (const { char, bold } of chars) {
    const last = out.at(-1);
    if (last && last.bold === bold) last.text += char;
    else out.push({ text: char, bold });
  }
  return out;
}
