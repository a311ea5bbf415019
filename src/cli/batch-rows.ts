// The rows of a traced batch as text (JSON lines or CSV), from its columns: the JSON (or CSV) form of each distinct
// endpoint and protocol text is made once, per text id, and each row is a template filled with them, so that the
// output is what JSON.stringify (or csvRow) gives for the same row, without a lookup per field.
import { ABSENT, EXPECT_ACCEPT, EXPECT_NONE, type FlowTable } from './batch-flow.js';
import { CSV_COLUMNS, csvCell } from './batch-io.js';
import { type BatchColumns, V_ACCEPT, V_ERROR, VERDICTS } from './batch-run.js';

export interface RowCounts {
  ACCEPT: number;
  REJECT: number;
  ERROR: number;
  mismatches: number;
}

const EXPECTS = [undefined, 'accept', 'reject'] as const;

/** Per text id, its form for a row (made on first use). */
function perText<T>(texts: readonly string[], form: (s: string) => T): (id: number) => T {
  const made: (T | undefined)[] = new Array(texts.length).fill(undefined);
  return (id) => {
    let s = made[id];
    if (s === undefined) {
      s = form(texts[id]!);
      made[id] = s;
    }
    return s;
  };
}

/** Does the verdict match the flow's expect? undefined when it has none (ERROR never matches). */
function matchOf(expect: number, verdict: number): boolean | undefined {
  if (expect === EXPECT_NONE) return undefined;
  return verdict === V_ERROR ? false : (verdict === V_ACCEPT) === (expect === EXPECT_ACCEPT);
}

const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');
const PIECE = {
  line: utf8('{"line":'),
  from: utf8(',"from":'),
  to: utf8(',"to":'),
  protocol: utf8(',"protocol":'),
  port: utf8(',"port":'),
  verdict: utf8(',"verdict":'),
  blockedBy: utf8(',"blockedBy":'),
  reason: utf8(',"reason":'),
  expect: utf8(',"expect":'),
  match: utf8(',"match":'),
  error: utf8(',"error":'),
  end: utf8('}\n'),
  tcp: utf8('"tcp"'),
  null: utf8('null'),
  true: utf8('true'),
  false: utf8('false'),
};
const VERDICT_BYTES = VERDICTS.map((v) => utf8(JSON.stringify(v)));
const EXPECT_BYTES = EXPECTS.map((e) => utf8(JSON.stringify(e ?? null)));

/** UTF-8 output written into 64 KiB buffers, each handed to `write` when full (no string per row). */
class ByteOut {
  private buf = Buffer.allocUnsafe(1 << 16);
  private n = 0;

  constructor(private readonly write: (chunk: Uint8Array) => void) {}

  put(b: Uint8Array): void {
    if (this.n + b.length > this.buf.length) {
      this.flush();
      if (b.length > this.buf.length) {
        this.write(b);
        return;
      }
    }
    const buf = this.buf;
    const n = this.n;
    for (let i = 0; i < b.length; i++) buf[n + i] = b[i]!;
    this.n = n + b.length;
  }

  /** A whole number in decimal, as String(v) writes it. */
  int(v: number): void {
    if (this.n + 12 > this.buf.length) this.flush();
    const buf = this.buf;
    if (v < 0) {
      buf[this.n++] = 45; // -
      v = -v;
    }
    let digits = 1;
    for (let x = v; x >= 10; x = Math.floor(x / 10)) digits++;
    for (let k = this.n + digits - 1; k >= this.n; k--) {
      buf[k] = 48 + (v % 10);
      v = Math.floor(v / 10);
    }
    this.n += digits;
  }

  flush(): void {
    if (this.n === 0) return;
    this.write(this.buf.subarray(0, this.n));
    this.buf = Buffer.allocUnsafe(this.buf.length);
    this.n = 0;
  }
}

/** The JSON text of ids and reasons (few distinct ones), as UTF-8. */
function jsonBytes(memo: Map<string, Buffer>, s: string | null): Buffer {
  if (s === null) return PIECE.null;
  let b = memo.get(s);
  if (b === undefined) {
    b = utf8(JSON.stringify(s));
    memo.set(s, b);
  }
  return b;
}

/** Row `i` as JSON.stringify writes it (fields in BatchRow's order, absent ones left out), and a line feed. */
function jsonLine(o: ByteOut, f: FlowTable, c: BatchColumns, i: number, text: (id: number) => Buffer, memo: Map<string, Buffer>): void {
  const p = f.protocol[i]!;
  const v = c.verdict[i]!;
  o.put(PIECE.line);
  o.int(f.line[i]!);
  o.put(PIECE.from);
  o.put(text(f.from[i]!));
  o.put(PIECE.to);
  o.put(text(f.to[i]!));
  o.put(PIECE.protocol);
  o.put(p === ABSENT ? PIECE.tcp : text(p));
  o.put(PIECE.port);
  o.int(c.port[i]!);
  o.put(PIECE.verdict);
  o.put(VERDICT_BYTES[v]!);
  o.put(PIECE.blockedBy);
  o.put(jsonBytes(memo, c.blockedBy[i]!));
  o.put(PIECE.reason);
  o.put(jsonBytes(memo, c.reason[i]!));
  const e = f.expect[i]!;
  if (e !== EXPECT_NONE) {
    o.put(PIECE.expect);
    o.put(EXPECT_BYTES[e]!);
    o.put(PIECE.match);
    o.put(matchOf(e, v) ? PIECE.true : PIECE.false);
  }
  const error = c.error[i];
  if (error !== undefined) {
    o.put(PIECE.error);
    o.put(utf8(JSON.stringify(error)));
  }
  o.put(PIECE.end);
}

function csvLine(f: FlowTable, c: BatchColumns, i: number, text: (id: number) => string, cell: (s: string | null) => string): string {
  const p = f.protocol[i]!;
  const v = c.verdict[i]!;
  const e = f.expect[i]!;
  const error = c.error[i];
  return `${f.line[i]},${text(f.from[i]!)},${text(f.to[i]!)},${p === ABSENT ? 'tcp' : text(p)},${c.port[i]},${VERDICTS[v]},${cell(c.blockedBy[i]!)},${cell(c.reason[i]!)},${EXPECTS[e] ?? ''},${matchOf(e, v) ?? ''},${error === undefined ? '' : csvCell(error)}\n`;
}

/** Writes the rows of a batch in input order, 64 KiB at a time, through `write`; the counts of the summary. */
export function writeRows(f: FlowTable, c: BatchColumns, format: 'jsonl' | 'csv', write: (chunk: string | Uint8Array) => void): RowCounts {
  const counts: RowCounts = { ACCEPT: 0, REJECT: 0, ERROR: 0, mismatches: 0 };
  for (let i = 0; i < f.count; i++) {
    const v = c.verdict[i]!;
    counts[VERDICTS[v]!]++;
    if (matchOf(f.expect[i]!, v) === false) counts.mismatches++;
  }
  if (format === 'csv') writeCsv(f, c, write);
  else {
    const o = new ByteOut(write);
    const text = perText(f.texts, (s) => utf8(JSON.stringify(s)));
    const memo = new Map<string, Buffer>();
    for (let i = 0; i < f.count; i++) jsonLine(o, f, c, i, text, memo);
    o.flush();
  }
  return counts;
}

function writeCsv(f: FlowTable, c: BatchColumns, write: (chunk: string) => void): void {
  const cells = new Map<string, string>();
  const cell = (s: string | null): string => {
    if (s === null) return '';
    let x = cells.get(s);
    if (x === undefined) {
      x = csvCell(s);
      cells.set(s, x);
    }
    return x;
  };
  const text = perText(f.texts, csvCell);
  let out = `${CSV_COLUMNS.join(',')}\n`;
  for (let i = 0; i < f.count; i++) {
    out += csvLine(f, c, i, text, cell);
    if (out.length > 65536) {
      write(out);
      out = '';
    }
  }
  if (out) write(out);
}
