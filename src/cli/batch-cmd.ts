// `vpcsim trace <topology> --batch flows.csv|flows.jsonl|-`: many flows against one loaded topology.
import { readFileSync, statSync } from 'node:fs';
import { fileKind } from '../load/load.js';
import type { Topology } from '../bind/model.js';
import { EXIT, UsageError } from './exit.js';
import { FLOW_KEYS, Interner, flowRecord, scanFlowBytes, scanFlowObject, TextIds } from './batch-io.js';
import { type BatchColumns, traceColumns, VERDICTS } from './batch-run.js';
import { writeRows } from './batch-rows.js';
import { jobsOption, traceColumnsJobs } from './batch-jobs.js';
import { ABSENT, type BatchFlow, EXPECT_ACCEPT, EXPECT_NONE, EXPECT_REJECT, type FlowTable, flowTableOf, newFlowTable } from './batch-flow.js';

export type { BatchFlow } from './batch-flow.js';

export interface BatchRow {
  line: number;
  from: string;
  to: string;
  protocol: string;
  port: number;
  verdict: 'ACCEPT' | 'REJECT' | 'ERROR';
  blockedBy: string | null;
  reason: string | null;
  expect?: string;
  match?: boolean;
  error?: string;
}

function splitCsv(line: string): string[] {
  // without quotes a cell is the text between commas, trimmed: no character-by-character copy
  if (!line.includes('"')) {
    const cells = line.split(',');
    for (let i = 0; i < cells.length; i++) cells[i] = cells[i]!.trim();
    return cells;
  }
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (q) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') q = false;
      else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

const KEYS = FLOW_KEYS;

const STRING_KEYS = ['from', 'to', 'protocol', 'expect'];

/** A port field of a flow line: absent, or a whole number 0-65535 (a number, or a string of digits). */
function portField(o: Record<string, unknown>, k: string, line: number, where: string): number | undefined {
  const v = o[k];
  if (v === undefined || v === '') return undefined;
  const n = typeof v === 'number' ? v : /^\d+$/.test(String(v)) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`${where}:${line}: '${k}' must be a port 0-65535, got '${String(v)}'`);
  return n;
}

/** The flow of one input line, checked; no array or closure per line (a batch has many). */
function toFlow(o: Record<string, unknown>, line: number, where: string): BatchFlow {
  for (const k in o) if (!KEYS.includes(k)) throw new UsageError(`${where}:${line}: unknown key '${k}' (expected ${KEYS.join(', ')})`);
  for (let i = 0; i < STRING_KEYS.length; i++) {
    const k = STRING_KEYS[i]!;
    const v = o[k];
    if (v !== undefined && typeof v !== 'string' && !(k === 'protocol' && typeof v === 'number'))
      throw new UsageError(`${where}:${line}: '${k}' must be a string, got ${JSON.stringify(v)}`);
  }
  if (typeof o.from !== 'string' || typeof o.to !== 'string' || !o.from || !o.to) throw new UsageError(`${where}:${line}: 'from' and 'to' are required`);
  const expect = o.expect === undefined || o.expect === '' ? undefined : String(o.expect).toLowerCase();
  if (expect !== undefined && expect !== 'accept' && expect !== 'reject')
    throw new UsageError(`${where}:${line}: 'expect' must be accept or reject, got '${String(o.expect)}'`);
  const port = portField(o, 'port', line, where);
  const srcPort = portField(o, 'srcPort', line, where);
  return {
    from: o.from,
    to: o.to,
    protocol: o.protocol === undefined || o.protocol === '' ? undefined : String(o.protocol),
    port,
    srcPort,
    expect: expect as BatchFlow['expect'],
    line,
  };
}

/** Parses CSV (with a header row) or JSON lines, chosen by content (a first line starting with `{` or `[`) or a .jsonl name. */
export function parseFlows(text: string, where: string): BatchFlow[] {
  // The first line that is neither blank nor a comment, found without splitting the whole text.
  let firstLine = '';
  for (let at = 0; at <= text.length && !firstLine; ) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const l = text.slice(at, end).trim();
    if (l !== '' && !l.startsWith('#')) firstLine = l;
    at = end + 1;
  }
  if (!firstLine) throw new UsageError(`${where} has no flows`);
  // JSON lines: a first line that opens an object (or, by mistake, an array), or a .jsonl/.ndjson file
  if (/^[[{]/.test(firstLine) || /\.(?:jsonl|ndjson)$/i.test(where)) return parseJsonLines(text, where);
  const lines = text.split(/\r?\n/);
  const firstIdx = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  const flows: BatchFlow[] = [];
  const header = splitCsv(lines[firstIdx]!);
  for (const h of header)
    if (!KEYS.includes(h)) throw new UsageError(`${where}:${firstIdx + 1}: unknown column '${h}' (expected a header row with ${KEYS.join(', ')})`);
  for (let i = firstIdx + 1; i < lines.length; i++) {
    const s = lines[i]!.trim();
    if (!s || s.startsWith('#')) continue;
    const cells = splitCsv(s);
    if (cells.length !== header.length) throw new UsageError(`${where}:${i + 1}: ${cells.length} columns, the header has ${header.length}`);
    const o: Record<string, unknown> = {};
    for (let j = 0; j < header.length; j++) o[header[j]!] = cells[j];
    flows.push(toFlow(o, i + 1, where));
  }
  if (!flows.length) throw new UsageError(`${where} has no flows (only the header row ${lines[firstIdx]!.trim()})`);
  return flows;
}

/** Tab, line feed, vertical tab, form feed, carriage return, space: whitespace that String.trim removes too. */
function isBlank(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * The flow of JSON line `text[a, b)` (blanks trimmed), or undefined for a blank line or a `#` comment: the usual form
 * read by the scanner, anything else by JSON.parse; then checked.
 */
function lineFlow(
  text: string,
  a: number,
  b: number,
  lineNo: number,
  where: string,
  strings: Interner,
  record: Record<string, unknown>,
): BatchFlow | undefined {
  let o: unknown = text.charCodeAt(a) === 123 && text.charCodeAt(b - 1) === 125 ? scanFlowObject(text, a, b, strings, record) : undefined;
  if (o === undefined) {
    const line = text.slice(a, b).trim();
    if (!line || line.startsWith('#')) return undefined; // blank, or a # comment
    try {
      o = JSON.parse(line);
    } catch (e) {
      throw new UsageError(`${where}:${lineNo}: invalid JSON: ${(e as Error).message}`);
    }
  }
  if (!o || typeof o !== 'object' || Array.isArray(o)) throw new UsageError(`${where}:${lineNo}: expected a JSON object per line`);
  return toFlow(o as Record<string, unknown>, lineNo, where);
}

/** JSON lines, one flow object per line; blank lines and `#` comments skipped. Lines are not split into an array first. */
function parseJsonLines(text: string, where: string): BatchFlow[] {
  const flows: BatchFlow[] = [];
  const strings = new Interner();
  const record = flowRecord();
  let lineNo = 0;
  for (let at = 0; at < text.length || lineNo === 0; ) {
    lineNo++;
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    let a = at;
    let b = end;
    while (a < b && isBlank(text.charCodeAt(a))) a++;
    while (b > a && isBlank(text.charCodeAt(b - 1))) b--;
    at = end + 1;
    const f = lineFlow(text, a, b, lineNo, where, strings, record);
    if (f) flows.push(f);
  }
  if (!flows.length) throw new UsageError(`${where} has no flows`);
  return flows;
}

/** Row `i` of `t` from a parsed flow (a line the byte scanner declined). */
function putFlow(t: FlowTable, i: number, f: BatchFlow, texts: TextIds): void {
  t.from[i] = texts.of(f.from);
  t.to[i] = texts.of(f.to);
  t.protocol[i] = f.protocol === undefined ? ABSENT : texts.of(f.protocol);
  t.port[i] = f.port ?? ABSENT;
  t.srcPort[i] = f.srcPort ?? ABSENT;
  t.expect[i] = f.expect === 'accept' ? EXPECT_ACCEPT : f.expect === 'reject' ? EXPECT_REJECT : EXPECT_NONE;
  t.line[i] = f.line;
}

/**
 * JSON lines read as bytes into columns: the usual line by scanFlowBytes, each distinct text decoded once; any other
 * line is decoded and read as parseJsonLines reads it (the same flows, the same errors).
 */
function parseJsonLinesBytes(b: Buffer, where: string): FlowTable {
  let lines = 1;
  for (let i = 0; i < b.length; i++) if (b[i] === 10) lines++;
  const t = newFlowTable(lines);
  const texts = new TextIds();
  const strings = new Interner();
  const record = flowRecord();
  let n = 0;
  let lineNo = 0;
  for (let start = 0; start < b.length || lineNo === 0; ) {
    lineNo++;
    let end = b.indexOf(10, start);
    if (end < 0) end = b.length;
    let lo = start;
    let hi = end;
    while (lo < hi && isBlank(b[lo]!)) lo++;
    while (hi > lo && isBlank(b[hi - 1]!)) hi--;
    if (hi > lo && b[hi - 1] === 125 && scanFlowBytes(b, lo, hi, texts, t, n)) t.line[n++] = lineNo;
    else {
      // any other line as text, read as parseJsonLines reads it
      const text = b.toString('utf8', start, end);
      let a = 0;
      let z = text.length;
      while (a < z && isBlank(text.charCodeAt(a))) a++;
      while (z > a && isBlank(text.charCodeAt(z - 1))) z--;
      const f = lineFlow(text, a, z, lineNo, where, strings, record);
      if (f) putFlow(t, n++, f, texts);
    }
    start = end + 1;
  }
  if (!n) throw new UsageError(`${where} has no flows`);
  t.count = n;
  t.texts = texts.texts;
  return t;
}

/** parseFlows of a batch read as bytes, in columns (JSON lines scanned as bytes; CSV as parseFlows reads it). */
export function parseFlowTable(b: Buffer, where: string): FlowTable {
  // the first line that is neither blank nor a comment decides, as in parseFlows
  let firstLine = '';
  for (let at = 0; at <= b.length && !firstLine; ) {
    let end = b.indexOf(10, at);
    if (end < 0) end = b.length;
    const l = b.toString('utf8', at, end).trim();
    if (l !== '' && !l.startsWith('#')) firstLine = l;
    at = end + 1;
  }
  if (firstLine && (/^[[{]/.test(firstLine) || /\.(?:jsonl|ndjson)$/i.test(where))) return parseJsonLinesBytes(b, where);
  return flowTableOf(parseFlows(b.toString('utf8'), where));
}

/** The rows of a batch in input order (what `--format jsonl` writes, as objects). */
export function runFlows(t: Topology, flows: BatchFlow[], onProgress?: (done: number) => void): BatchRow[] {
  const c = traceColumns(t, flowTableOf(flows), onProgress);
  const rows = new Array<BatchRow>(flows.length);
  for (let i = 0; i < flows.length; i++) rows[i] = rowAt(flows[i]!, c, i);
  return rows;
}

/** Row `i`: the fields in the order JSON rows list them. */
function rowAt(f: BatchFlow, c: BatchColumns, i: number): BatchRow {
  const verdict = VERDICTS[c.verdict[i]!]!;
  return {
    line: f.line,
    from: f.from,
    to: f.to,
    protocol: f.protocol ?? 'tcp',
    port: c.port[i]!,
    verdict,
    blockedBy: c.blockedBy[i]!,
    reason: c.reason[i]!,
    expect: f.expect,
    match: f.expect ? verdict.toLowerCase() === f.expect : undefined,
    error: c.error[i],
  };
}

/** 32 MiB of batch input is about half a million flows; more belong in several runs. */
export const MAX_BATCH_BYTES = 32 * 1024 * 1024;

const mib = (n: number) => `${Math.round(n / (1024 * 1024))} MiB`;

/** A regular file only: a device or a pipe (/dev/zero) could be read forever. */
function readBatchFile(file: string, max: number): Buffer {
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new UsageError(`--batch ${file} is a directory, expected a .csv or .jsonl file of flows`);
    if (!st.isFile()) throw new UsageError(`--batch ${file} is ${fileKind(st)}, not a regular file; give a .csv or .jsonl file, or - for stdin`);
    if (st.size > max)
      throw new UsageError(
        `--batch ${file} is ${(st.size / (1024 * 1024)).toFixed(1)} MiB, above the ${mib(max)} limit for a batch; split it into several files`,
      );
    return readFileSync(file);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'permission denied' : (e as Error).message}`);
  }
}

/** Standard input, refused once it passes `max` bytes (`< /dev/zero` must not fill memory). */
async function readStdin(max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of process.stdin) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += b.length;
      if (size > max) {
        process.stdin.destroy();
        throw new UsageError(`--batch - read more than ${mib(max)} from stdin, above the limit for a batch; split the flows into several runs`);
      }
      chunks.push(b);
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read stdin: ${(e as Error).message}`);
  }
  return Buffer.concat(chunks);
}

export async function runBatch(t: Topology, file: string, opts: Record<string, unknown>): Promise<number> {
  const format = String(opts.format ?? 'jsonl');
  if (format !== 'jsonl' && format !== 'csv') throw new UsageError(`--format must be jsonl or csv, got '${format}'`);
  const jobs = jobsOption(opts.jobs);
  const data = file === '-' ? await readStdin(MAX_BATCH_BYTES) : readBatchFile(file, MAX_BATCH_BYTES);
  const flows = parseFlowTable(data, file === '-' ? '<stdin>' : file);
  const started = Date.now();
  const tty = process.stderr.isTTY === true;
  const progress = tty
    ? (done: number) => {
        if (Date.now() - started > 1000) process.stderr.write(`\r${done}/${flows.count} flows…`);
      }
    : undefined;
  const columns = jobs > 1 ? await traceColumnsJobs(t, flows, jobs) : traceColumns(t, flows, progress);
  if (tty && Date.now() - started > 1000) process.stderr.write('\r\x1b[K');
  const counts = writeRows(flows, columns, format, (s) => process.stdout.write(s));
  const n = flows.count;
  const { ACCEPT: accept, REJECT: reject, ERROR: errors, mismatches } = counts;
  const secs = (Date.now() - started) / 1000;
  process.stderr.write(
    `${n} flow${n === 1 ? '' : 's'}: ${accept} ACCEPT, ${reject} REJECT${errors ? `, ${errors} ERROR` : ''}; ${mismatches} mismatch${mismatches === 1 ? '' : 'es'} with expect (${secs.toFixed(2)} s)\n`,
  );
  if (errors) return EXIT.USAGE;
  return mismatches ? EXIT.FAIL : EXIT.OK;
}
