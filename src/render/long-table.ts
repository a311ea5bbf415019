// Compact cli-table3 tables of any length. cli-table3 lays a table out in time quadratic in its rows (its layout
// compares each cell with the cells before it: https://github.com/cli-table/cli-table3/issues/68), and measures each
// cell several times with regular expressions built per call: the 45,000 rows of a large estate's exposure took
// minutes. Here rows without colour codes are drawn directly, at the column widths of the whole table, as cli-table3
// draws them; the head and rows with colour codes are drawn by cli-table3 itself at those widths, a block of rows at
// a time, and the pieces are joined where their borders meet. tests/render/long-table.test.ts holds the result to
// one cli-table3 table.
import Table from 'cli-table3';
import stringWidth from 'string-width';

/** Rows per block: small enough that the quadratic layout stays cheap, large enough that per-table costs do not show. */
export const BLOCK_ROWS = 100;

export interface CompactTableOptions {
  /** Fixed widths, padding included, for the columns that have one (null: as wide as the column's widest line). */
  colWidths?: readonly (number | null)[];
  wordWrap?: boolean;
  /** Rows per block (tests make it small). */
  block?: number;
}

// the colour codes cli-table3 leaves out when it measures a cell (its utils.strlen)
const SGR = /\u001b\[(?:\d*;){0,5}\d*m/g;
// printable ASCII, the path arrow and the ellipsis: one column each in string-width (→ U+2192 and … U+2026 are
// neither wide nor emoji)
const ONE_COLUMN = /^[\x20-\x7e→…]*$/;

/** A line's width as cli-table3 measures it (string-width), without its emoji pattern for the common characters. */
function lineWidth(line: string): number {
  return ONE_COLUMN.test(line) ? line.length : stringWidth(line);
}

/** A cell's width as cli-table3 measures it: its widest line, colour codes left out. */
function cellWidth(s: string): number {
  let w = 0;
  for (const line of (s.includes('\u001b') ? s.replace(SGR, '') : s).split('\n')) w = Math.max(w, lineWidth(line));
  return w;
}

/**
 * A table's rows. Iterated twice, once to measure the columns and once to draw them, so a long table's cells can be
 * made while drawing instead of all held at once: an array, or an object whose iterator starts again each time.
 */
export type TableRows = Iterable<readonly string[]>;

/** Each column's width (padding of 1 each side included): the fixed one, else the widest of head and rows. */
function widthsOf(head: readonly string[], rows: TableRows, fixed: readonly (number | null)[] = []): number[] {
  const widths = head.map((h) => cellWidth(h) + 2);
  for (const r of rows)
    for (let k = 0; k < r.length; k++) {
      const w = cellWidth(r[k]!) + 2;
      if (!(w <= (widths[k] ?? 0))) widths[k] = w;
    }
  return widths.map((w, k) => fixed[k] ?? w);
}

/**
 * cli-table3's own drawing of `head` and `rows` at the given widths, as lines. Under word wrap, only the columns
 * whose width was fixed wrap (`wraps`), as in one cli-table3 table, where the others have no width to wrap at.
 */
function draw(head: readonly string[], rows: readonly (readonly string[])[], colWidths: number[], wraps?: readonly boolean[]): string[] {
  const cells = (r: readonly string[]) => (wraps ? r.map((content, k) => ({ content, wordWrap: wraps[k] ?? false })) : [...r]);
  // head cells take the same options as body cells at run time; the typings list strings only
  const t = new Table({ head: cells(head) as string[], style: { head: [], border: [], compact: true }, colWidths, wordWrap: !!wraps });
  for (const r of rows) t.push(cells(r));
  return t.toString().split('\n');
}

function border(widths: readonly number[], left: string, mid: string, right: string): string {
  return left + widths.map((w) => '─'.repeat(w)).join(mid) + right;
}

/** A row without colour codes, drawn as cli-table3 draws it: lines aligned top, text left, padding of one. */
function plainRow(row: readonly string[], widths: readonly number[]): string[] {
  const cells = widths.map((_, k) => (row[k] ?? '').split('\n'));
  const height = Math.max(...cells.map((c) => c.length));
  const out: string[] = [];
  for (let j = 0; j < height; j++) {
    let line = '│';
    for (let k = 0; k < widths.length; k++) {
      const text = cells[k]![j] ?? '';
      line += ` ${text}${' '.repeat(widths[k]! - 2 - lineWidth(text))} │`;
    }
    out.push(line);
  }
  return out;
}

const isEmpty = (rows: TableRows) => rows[Symbol.iterator]().next().done === true;

const plain = (row: readonly string[]) => row.every((cell) => !cell.includes('\u001b'));

/** Rows drawn by cli-table3 at the given widths, without the borders above and below them. */
const drawnRows = (rows: readonly (readonly string[])[], widths: number[]) => draw([], rows, widths).slice(1, -1);

/** The text of a compact cli-table3 table with `head` (already styled) and `rows`. */
export function compactTable(head: readonly string[], rows: TableRows, o: CompactTableOptions = {}): string {
  return Array.from(compactTableLines(head, rows, o)).join('\n');
}

/** The lines of compactTable(), one at a time (a long table's text need not be one string). */
export function* compactTableLines(head: readonly string[], given: TableRows, o: CompactTableOptions = {}): Generator<string> {
  // an iterator (a generator object) is read once: held as an array so that both passes see every row
  const rows = (given[Symbol.iterator]() as unknown) === given ? [...given] : given;
  const widths = widthsOf(head, rows, o.colWidths);
  if (o.wordWrap || isEmpty(rows) || !head.length) {
    yield* blocks(head, Array.isArray(rows) ? rows : [...rows], widths, o);
    return;
  }
  yield border(widths, '┌', '┬', '┐');
  yield* plain(head) ? plainRow(head, widths) : draw(head, [], widths).slice(1, -1);
  yield border(widths, '├', '┼', '┤');
  const block = o.block ?? BLOCK_ROWS;
  let run: (readonly string[])[] = [];
  for (const r of rows) {
    if (plain(r)) {
      if (run.length) yield* drawnRows(run, widths);
      run = [];
      yield* plainRow(r, widths);
      continue;
    }
    run.push(r);
    if (run.length < block) continue;
    yield* drawnRows(run, widths);
    run = [];
  }
  if (run.length) yield* drawnRows(run, widths);
  yield border(widths, '└', '┴', '┘');
}

/** cli-table3 drawing the table a block of rows at a time (word wrapping is left to it), as lines. */
function* blocks(head: readonly string[], rows: readonly (readonly string[])[], colWidths: number[], o: CompactTableOptions): Generator<string> {
  const block = o.block ?? BLOCK_ROWS;
  const wraps = o.wordWrap ? colWidths.map((_, k) => o.colWidths?.[k] != null) : undefined;
  if (rows.length <= block) {
    yield* draw(head, rows, colWidths, wraps);
    return;
  }
  for (let at = 0; at < rows.length; at += block) {
    const part = draw(at === 0 ? head : [], rows.slice(at, at + block), colWidths, wraps);
    // the first block keeps the top border and the head, the last the bottom border; inner borders are dropped
    yield* part.slice(at === 0 ? 0 : 1, at + block >= rows.length ? part.length : -1);
  }
}
