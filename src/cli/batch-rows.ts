// The rows of a traced batch as text (JSON lines or CSV), from its columns: the JSON (or CSV) form of each distinct
// endpoint and protocol text is made once, per text id, and each row is a template filled with them, so that the
// output is what JSON.stringify (or csvRow) gives for the same row, without a lookup per field.
import { ABSENT, EXPECT_ACCEPT, EXPECT_NONE, type FlowTable } from './batch-flow.js';
import { CSV_COLUMNS, csvCell, JsonStrings } from './batch-io.js';
import { type BatchColumns, V_ACCEPT, V_ERROR, VERDICTS } from './batch-run.js';

export interface RowCounts {
  ACCEPT: number;
  REJECT: number;
  ERROR: number;
  mismatches: number;
}

const VERDICT_JSON = VERDICTS.map((v) => JSON.stringify(v));
const EXPECTS = [undefined, 'accept', 'reject'] as const;

/** Per text id, its form for a row (made on first use). */
function perText(texts: readonly string[], form: (s: string) => string): (id: number) => string {
  const made: (string | undefined)[] = new Array(texts.length).fill(undefined);
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

function jsonLine(f: FlowTable, c: BatchColumns, i: number, text: (id: number) => string, j: JsonStrings): string {
  const p = f.protocol[i]!;
  const v = c.verdict[i]!;
  let s = `{"line":${f.line[i]},"from":${text(f.from[i]!)},"to":${text(f.to[i]!)},"protocol":${p === ABSENT ? '"tcp"' : text(p)},"port":${c.port[i]},"verdict":${VERDICT_JSON[v]},"blockedBy":${j.get(c.blockedBy[i])},"reason":${j.get(c.reason[i])}`;
  const e = f.expect[i]!;
  if (e !== EXPECT_NONE) s += `,"expect":"${EXPECTS[e]}","match":${matchOf(e, v)}`;
  const error = c.error[i];
  if (error !== undefined) s += `,"error":${JSON.stringify(error)}`;
  return `${s}}\n`;
}

function csvLine(f: FlowTable, c: BatchColumns, i: number, text: (id: number) => string, cell: (s: string | null) => string): string {
  const p = f.protocol[i]!;
  const v = c.verdict[i]!;
  const e = f.expect[i]!;
  const error = c.error[i];
  return `${f.line[i]},${text(f.from[i]!)},${text(f.to[i]!)},${p === ABSENT ? 'tcp' : text(p)},${c.port[i]},${VERDICTS[v]},${cell(c.blockedBy[i]!)},${cell(c.reason[i]!)},${EXPECTS[e] ?? ''},${matchOf(e, v) ?? ''},${error === undefined ? '' : csvCell(error)}\n`;
}

/** Writes the rows of a batch in input order, 64 KiB at a time, through `write`; the counts of the summary. */
export function writeRows(f: FlowTable, c: BatchColumns, format: 'jsonl' | 'csv', write: (s: string) => void): RowCounts {
  const counts: RowCounts = { ACCEPT: 0, REJECT: 0, ERROR: 0, mismatches: 0 };
  const json = new JsonStrings();
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
  const text = perText(f.texts, format === 'csv' ? csvCell : (s) => JSON.stringify(s));
  let out = format === 'csv' ? `${CSV_COLUMNS.join(',')}\n` : '';
  for (let i = 0; i < f.count; i++) {
    const v = c.verdict[i]!;
    counts[VERDICTS[v]!]++;
    if (matchOf(f.expect[i]!, v) === false) counts.mismatches++;
    out += format === 'csv' ? csvLine(f, c, i, text, cell) : jsonLine(f, c, i, text, json);
    if (out.length > 65536) {
      write(out);
      out = '';
    }
  }
  if (out) write(out);
  return counts;
}
