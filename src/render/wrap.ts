// Word wrapping for text output: lines fit a terminal's width (80 columns unless the CLI says otherwise), with a
// hanging indent. No word is ever cut or dropped; a word longer than a line stands on a line of its own.

/** The default width when output is not a terminal (or the caller gives none). */
export const DEFAULT_WIDTH = 80;

/** A piece of a line: `text` may carry colour; `sep` goes before it when it follows on the same line. */
export interface Word {
  text: string;
  sep?: string;
}

// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;

/** Columns a string takes on screen (colour sequences take none). */
export function visibleLength(s: string): number {
  return s.replace(SGR, '').length;
}

/** The words of `text` split at spaces, each styled by `style`; the first gets `sep` before it. */
export function words(text: string, style: (s: string) => string = (s) => s, sep = ' '): Word[] {
  return text
    .split(' ')
    .filter((w) => w !== '')
    .map((w, i) => ({ text: style(w), sep: i === 0 ? sep : ' ' }));
}

/** `ws` laid out in lines of at most `width` columns: the first line starts with `first`, the others with `indent`. */
export function wrapWords(ws: readonly Word[], width: number, first: string, indent: string): string[] {
  const lines: string[] = [];
  let line = first;
  let len = visibleLength(first);
  let empty = true;
  for (const w of ws) {
    const n = visibleLength(w.text);
    const sep = empty ? '' : (w.sep ?? ' ');
    if (!empty && len + sep.length + n > width) {
      lines.push(line);
      line = indent + w.text;
      len = indent.length + n;
    } else {
      line += sep + w.text;
      len += sep.length + n;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}
