// Fitting cli-table3 tables into a terminal width: columns shrink (the widest first) and their text wraps at
// spaces, then after punctuation (`-`, `/`, `:`, `.`, `,`), then anywhere. The renderers take the width as an
// option; only src/cli/ knows the terminal (80 columns when stdout is not a TTY).

/** The width text output fits when nobody says otherwise: a classic terminal. */
export const DEFAULT_WIDTH = 80;

/** Below this a column is not shrunk further (padding included): narrower columns wrap into tall rows. */
const MIN_COLUMN = 8;

// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;

export function visibleLength(s: string): number {
  return [...s.replace(SGR, '')].length;
}

function cellWidth(s: string): number {
  return Math.max(0, ...s.split('\n').map(visibleLength));
}

/** Where to cut `plain` (code points) into lines of at most `w`: [start, end) pairs, spaces at cuts dropped. */
function cuts(plain: string[], w: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let pos = 0;
  while (plain.length - pos > w) {
    let end = -1;
    let next = -1;
    for (let i = pos + w; i > pos; i--) {
      if (plain[i] === ' ') {
        end = i;
        next = i + 1;
        break;
      }
    }
    if (end < 0) {
      for (let i = pos + w - 1; i > pos; i--) {
        if ('-/:.,=([{'.includes(plain[i]!)) {
          end = next = i + 1;
          break;
        }
      }
    }
    if (end < 0) end = next = pos + w;
    out.push([pos, end]);
    pos = next;
    while (plain[pos] === ' ' && plain.length - pos > 0) pos++;
  }
  out.push([pos, plain.length]);
  return out;
}

/** One line of text wrapped to `w` visible characters; colour codes stay with the characters they precede. */
function wrapLine(line: string, w: number): string {
  if (visibleLength(line) <= w) return line;
  // visible code points, each with the escape sequences written just before it
  const chars: string[] = [];
  const lead: string[] = [];
  let pending = '';
  for (const part of line.split(/(\u001b\[[0-9;]*m)/)) {
    if (part.startsWith('\u001b[')) pending += part;
    else
      for (const ch of part) {
        chars.push(ch);
        lead.push(pending);
        pending = '';
      }
  }
  const lines = cuts(chars, w).map(([a, b]) =>
    chars
      .slice(a, b)
      .map((ch, i) => lead[a + i] + ch)
      .join(''),
  );
  lines[lines.length - 1] += pending;
  // cli-table3 carries colour across the lines of a wrapped cell (colorizeLines)
  return lines.join('\n');
}

export function wrapCell(s: string, w: number): string {
  return s
    .split('\n')
    .map((l) => wrapLine(l, Math.max(1, w)))
    .join('\n');
}

function longestWord(s: string): number {
  return Math.max(
    0,
    ...s
      .replace(SGR, '')
      .split(/\s+/)
      .map((x) => [...x].length),
  );
}

/** Shrink the widest column above its floor, one column at a time, until the total fits or nothing can give. */
function shrink(widths: number[], floor: readonly number[], excess: number): number {
  while (excess > 0) {
    let k = -1;
    for (let i = 0; i < widths.length; i++) if (widths[i]! > floor[i]! && (k < 0 || widths[i]! > widths[k]!)) k = i;
    if (k < 0) break;
    widths[k]!--;
    excess--;
  }
  return excess;
}

/**
 * Column widths (padding of 1 each side included) that fit `width` with the table's borders, or null when the table
 * fits as it is. Columns first wrap between words only (the widest gives way first); when that is not enough,
 * words break too, down to a minimum width.
 */
export function fitWidths(head: readonly string[], rows: readonly (readonly string[])[], width: number): number[] | null {
  const cols = Math.max(head.length, ...rows.map((r) => r.length));
  const column = (k: number) => [head[k] ?? '', ...rows.map((r) => r[k] ?? '')];
  const widths: number[] = [];
  for (let k = 0; k < cols; k++) widths.push(Math.max(...column(k).map(cellWidth)) + 2);
  const excess = widths.reduce((a, b) => a + b, 0) - (width - (cols + 1));
  if (excess <= 0) return null;
  const words = widths.map((w, k) => Math.min(w, Math.max(...column(k).map(longestWord)) + 2));
  const left = shrink(widths, words, excess);
  if (left > 0)
    shrink(
      widths,
      words.map((w) => Math.min(w, MIN_COLUMN)),
      left,
    );
  return widths;
}

/** The cells wrapped to `widths` (as fitWidths returned them), ready for a cli-table3 table with those colWidths. */
export function wrapRows(rows: readonly (readonly string[])[], widths: readonly number[]): string[][] {
  return rows.map((r) => r.map((cell, k) => wrapCell(cell, (widths[k] ?? MIN_COLUMN) - 2)));
}

/** Lines of prose (not table rows) longer than `width` wrapped at spaces; a table's own lines are left as they are. */
export function fitProse(text: string, width: number): string {
  return text
    .split('\n')
    .map((l) => (/^[┌│├└]/.test(l) || visibleLength(l) <= width ? l : wrapCell(l, width)))
    .join('\n');
}

/**
 * When a table cannot fit `width` without breaking words, the groups of columns to print as separate tables, each
 * repeating the first (key) column and fitting by wrapping between words only; null when one table will do (or
 * when even the key and one column need words broken, where splitting would not help).
 */
export function splitColumns(head: readonly string[], rows: readonly (readonly string[])[], width: number): number[][] | null {
  const cols = Math.max(head.length, ...rows.map((r) => r.length));
  const floor: number[] = [];
  for (let k = 0; k < cols; k++) floor.push(Math.max(...[head[k] ?? '', ...rows.map((r) => r[k] ?? '')].map(longestWord)) + 2);
  const need = (group: number[]) => group.reduce((a, k) => a + floor[k]!, 0) + group.length + 1;
  if (cols <= 2 || need([...floor.keys()]) <= width) return null;
  const groups: number[][] = [[0]];
  for (let k = 1; k < cols; k++) {
    const last = groups[groups.length - 1]!;
    if (last.length > 1 && need([...last, k]) > width) groups.push([0, k]);
    else last.push(k);
  }
  return groups.every((g) => need(g) <= width) ? groups : null;
}
