// A syntax error shows the line it is on and a caret under the column, as compilers do:
//   shop.yaml:3:9 error YAML_SYNTAX: …
//      3 | vpcs: [ { id: a
//        |         ^
import { readFileSync, statSync } from 'node:fs';
import type { Diagnostic } from '../load/diagnostics.js';

const FRAMED = new Set(['YAML_SYNTAX', 'JSON_SYNTAX', 'YAML_UNDEFINED_ALIAS']);
const MAX_BYTES = 64 * 1024 * 1024;

/** The frame lines for a syntax error in a readable file, or [] (the caller prints them under the diagnostic). */
export function codeFrame(d: Diagnostic, text?: string): string[] {
  if (!FRAMED.has(d.code) || d.line < 1) return [];
  let src = text;
  if (src === undefined) {
    try {
      const st = statSync(d.file);
      if (!st.isFile() || st.size > MAX_BYTES) return [];
      src = readFileSync(d.file, 'utf8');
    } catch {
      return [];
    }
  }
  const line = src.split('\n')[d.line - 1];
  if (line === undefined) return [];
  // Long lines (minified JSON) are shown around the column, tabs as one space so the caret lines up.
  const start = Math.max(0, d.col - 60);
  const shown =
    (start > 0 ? '…' : '') +
    line
      .slice(start, start + 100)
      .replace(/\t/g, ' ')
      .replace(/\r$/, '')
      .replace(/[\u0000-\u001f\u007f]/g, ' ') +
    (line.length > start + 100 ? '…' : '');
  const num = String(d.line);
  const pad = ' '.repeat(num.length);
  const caret = ' '.repeat(Math.max(0, d.col - 1 - start + (start > 0 ? 1 : 0))) + '^';
  return [`  ${num} | ${shown}`, `  ${pad} | ${caret}`];
}
