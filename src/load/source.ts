// Source positions, resolved lazily: binding keeps document paths, and only a diagnostic or a rendered
// rule asks for line and column. JSON files are parsed with JSON.parse for speed; their YAML view
// (JSON is YAML 1.2) is built only when a position is first needed.
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Document, type Node } from 'yaml';
import type { Path } from './diagnostics.js';
import { JsonLocator } from './json-scan.js';

export interface Position {
  line: number;
  col: number;
}

export class SourceFile {
  private doc: Document | undefined;
  private lines: LineCounter | undefined;
  /** JSON text (no YAML document given) is located by scanning, never re-parsed as YAML */
  private json: JsonLocator | null | undefined;
  private lineStarts: number[] | undefined;

  private textValue: string | undefined;
  private textThunk: (() => string) | undefined;

  /** `text` may be a function: in-memory data renders its JSON only if a position is ever asked for. */
  constructor(
    readonly file: string,
    text: string | (() => string),
    doc?: Document,
    lines?: LineCounter,
  ) {
    if (typeof text === 'function') this.textThunk = text;
    else this.textValue = text;
    this.doc = doc;
    this.lines = lines;
  }

  get text(): string {
    if (this.textValue === undefined) this.textValue = this.textThunk ? this.textThunk() : '';
    return this.textValue;
  }

  private view(): { doc: Document; lines: LineCounter } {
    if (!this.doc || !this.lines) {
      this.lines = new LineCounter();
      this.doc = parseDocument(this.text, { lineCounter: this.lines, uniqueKeys: false });
    }
    return { doc: this.doc, lines: this.lines };
  }

  /** Line and column of a byte offset (1-based). */
  offsetPosition(offset: number): Position {
    if (!this.lineStarts) {
      const starts = [0];
      for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) starts.push(i + 1);
      this.lineStarts = starts;
    }
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - starts[lo]! + 1 };
  }

  /** Node at a path, or the deepest existing ancestor. `key` points at the key instead of the value. */
  position(path: Path, key = false): Position {
    if (!this.doc && this.json !== null) {
      this.json ??= /^\s*[[{]/.test(this.text.slice(0, 64)) ? new JsonLocator(this.text) : null;
      const offset = this.json?.locate(path, key);
      if (offset !== undefined) return this.offsetPosition(offset);
    }
    const { doc } = this.view();
    let node: unknown = doc.contents;
    let keyNode: Node | undefined;
    let last: Node | undefined = (doc.contents as Node) ?? undefined;
    for (const step of path) {
      keyNode = undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === step);
        if (!pair) break;
        keyNode = pair.key as Node;
        node = pair.value;
      } else if (isSeq(node) && typeof step === 'number') {
        node = node.items[step];
      } else break;
      if (node && typeof node === 'object' && 'range' in (node as object)) last = node as Node;
      else if (keyNode) last = keyNode;
    }
    const target = key && keyNode ? keyNode : last;
    const offset = target?.range?.[0] ?? 0;
    return this.offsetPosition(offset);
  }

  /**
   * The value at `path` as written, on one line, for showing a rule: flow YAML and JSON as in the file (comments
   * dropped, whitespace collapsed), a block mapping or sequence rebuilt in flow style from its parts as written.
   */
  nodeText(path: Path): string | undefined {
    if (!this.doc && this.json !== null) {
      this.json ??= /^\s*[[{]/.test(this.text.slice(0, 64)) ? new JsonLocator(this.text) : null;
      const span = this.json?.span(path);
      if (span) return oneLine(this.text.slice(span[0], span[1]));
      if (this.json) return undefined;
    }
    const node = this.view().doc.getIn(path as (string | number)[], true);
    return node === undefined || node === null ? undefined : this.flowText(node);
  }

  private flowText(node: unknown): string {
    if (isMap(node) && !node.flow) return `{ ${node.items.map((p) => `${this.flowText(p.key)}: ${this.flowText(p.value)}`).join(', ')} }`;
    if (isSeq(node) && !node.flow) return `[ ${node.items.map((i) => this.flowText(i)).join(', ')} ]`;
    const r = (node as Node | null)?.range;
    if (r) return oneLine(this.text.slice(r[0], r[1]));
    return isScalar(node) ? String(node.value) : '';
  }

  /** The text of a line (1-based), trimmed, for showing a rule as it is written. */
  lineText(line: number): string {
    this.offsetPosition(0);
    const starts = this.lineStarts!;
    const start = starts[line - 1];
    if (start === undefined) return '';
    const end = line < starts.length ? starts[line]! - 1 : this.text.length;
    return this.text.slice(start, end).trim();
  }
}

/** Source text on one line: `#` comments (outside quotes) dropped, runs of whitespace made one space. */
function oneLine(text: string): string {
  let out = '';
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote && text[i - 1] !== '\\') quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i < text.length && text[i] !== '\n') i++;
      out += ' ';
      continue;
    }
    out += ch;
  }
  return out.replace(/\s+/g, ' ').trim();
}
