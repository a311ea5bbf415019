// Batch input and output without a general JSON parser or serialiser per flow: a scanner for the flow schema's
// usual form (`{"from":"a","to":"b","port":443}`: flat, string and integer values, no escapes) and row templates.
// Anything the scanner does not recognise goes to JSON.parse, so errors and edge cases are JSON's own; the templates
// produce exactly what JSON.stringify gives for the same row (tests/cli/batch-io.test.ts checks both). Files are
// scanned as bytes into columns (scanFlowBytes), each distinct text decoded once.
import { ABSENT, EXPECT_ACCEPT, EXPECT_NONE, EXPECT_REJECT, type FlowTable } from './batch-flow.js';

/** Keys of a flow line, in the order the usage message lists them. */
export const FLOW_KEYS = ['from', 'to', 'protocol', 'port', 'srcPort', 'expect'];
const KEY_SET = new Set(FLOW_KEYS);

const QUOTE = 34;
const BACKSLASH = 92;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

/** Endpoint ids and other strings of a batch, one copy each (a batch names the same endpoints many times). */
export class Interner {
  private readonly strings = new Map<string, string>();
  /**
   * open addressing by a hash of the characters, so that a known text is found without slicing it out first. Each
   * slot is (hash, length + 1, offset) in one Int32Array (length 0: empty), the characters copied into one pool: a
   * probe reads one slot and the pool, and the string object only when it is the one (a string sliced from the input
   * keeps its characters where it first occurred, far apart in a large batch); growing hashes nothing again.
   */
  private slots = new Int32Array(3 << 12);
  private table: (string | undefined)[] = new Array<string | undefined>(1 << 12).fill(undefined);
  private pool = new Uint16Array(1 << 16);
  private used = 0;
  private count = 0;

  get(s: string): string {
    const had = this.strings.get(s);
    if (had !== undefined) return had;
    if (this.strings.size < 1_000_000) this.strings.set(s, s);
    return s;
  }

  /** `s.slice(start, end)`, the same string object for the same text. */
  at(s: string, start: number, end: number): string {
    const len = end - start;
    const mask = this.table.length - 1;
    const h = textHash(s, start, end);
    const slots = this.slots;
    for (let k = h & mask; ; k = (k + 1) & mask) {
      const n = slots[3 * k + 1]!;
      if (n === 0) return this.add(s, start, len, h, k);
      if (slots[3 * k] === h && n === len + 1 && this.same(s, start, len, slots[3 * k + 2]!)) return this.table[k]!;
    }
  }

  private add(s: string, start: number, len: number, h: number, k: number): string {
    const v = s.slice(start, start + len);
    if (this.count >= 1_000_000) return v;
    if (this.used + len > this.pool.length) {
      const bigger = new Uint16Array(Math.max(2 * this.pool.length, this.used + len));
      bigger.set(this.pool);
      this.pool = bigger;
    }
    const at = this.used;
    for (let j = 0; j < len; j++) this.pool[at + j] = s.charCodeAt(start + j);
    this.used += len;
    this.table[k] = v;
    this.slots[3 * k] = h;
    this.slots[3 * k + 1] = len + 1;
    this.slots[3 * k + 2] = at;
    if (++this.count * 2 > this.table.length) this.grow();
    return v;
  }

  private same(s: string, start: number, len: number, at: number): boolean {
    const pool = this.pool;
    for (let j = 0; j < len; j++) if (s.charCodeAt(start + j) !== pool[at + j]) return false;
    return true;
  }

  private grow(): void {
    const old = this.table;
    const oldSlots = this.slots;
    this.table = new Array<string | undefined>(old.length * 2).fill(undefined);
    this.slots = new Int32Array(3 * old.length * 2);
    const mask = this.table.length - 1;
    for (let i = 0; i < old.length; i++) {
      if (oldSlots[3 * i + 1] === 0) continue;
      let k = oldSlots[3 * i]! & mask;
      while (this.slots[3 * k + 1] !== 0) k = (k + 1) & mask;
      this.table[k] = old[i];
      this.slots.set(oldSlots.subarray(3 * i, 3 * i + 3), 3 * k);
    }
  }
}

/** FNV-1a over UTF-16 code units. */
function textHash(s: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** A record with every flow key, each undefined: what scanFlowObject fills (one per batch, reused line after line). */
export function flowRecord(): Record<string, unknown> {
  return { from: undefined, to: undefined, protocol: undefined, port: undefined, srcPort: undefined, expect: undefined };
}

/**
 * The object on `s[start, end)` if it is a flat JSON object of flow keys with escape-free string or plain integer
 * values, written into `o` (every flow key, those absent undefined; flowRecord()), so that a batch allocates no object
 * per line for it; `undefined` for anything else (the caller then asks JSON.parse).
 */
export function scanFlowObject(
  s: string,
  start: number,
  end: number,
  strings: Interner,
  o: Record<string, unknown> = flowRecord(),
): Record<string, unknown> | undefined {
  let i = start;
  if (s.charCodeAt(i) !== 123) return undefined; // {
  i++;
  o.from = o.to = o.protocol = o.port = o.srcPort = o.expect = undefined;
  for (;;) {
    while (i < end && isSpace(s.charCodeAt(i))) i++;
    if (s.charCodeAt(i) !== QUOTE) return s.charCodeAt(i) === 125 && i === start + 1 ? finish(s, i + 1, end, o) : undefined;
    const keyEnd = plainStringEnd(s, i + 1, end);
    if (keyEnd < 0) return undefined;
    const key = strings.at(s, i + 1, keyEnd);
    if (!KEY_SET.has(key)) return undefined;
    i = keyEnd + 1;
    while (i < end && isSpace(s.charCodeAt(i))) i++;
    if (s.charCodeAt(i) !== 58) return undefined; // :
    i++;
    while (i < end && isSpace(s.charCodeAt(i))) i++;
    const c = s.charCodeAt(i);
    if (c === QUOTE) {
      const valueEnd = plainStringEnd(s, i + 1, end);
      if (valueEnd < 0) return undefined;
      o[key] = strings.at(s, i + 1, valueEnd);
      i = valueEnd + 1;
    } else if (c >= 48 && c <= 57) {
      let j = i;
      let n = 0;
      while (j < end && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57 && j - i < 9) n = n * 10 + (s.charCodeAt(j++) - 48);
      // a leading zero, a fraction, an exponent or a long number: JSON.parse's business
      if ((c === 48 && j - i > 1) || (j < end && !isSpace(s.charCodeAt(j)) && s.charCodeAt(j) !== 44 && s.charCodeAt(j) !== 125)) return undefined;
      o[key] = n;
      i = j;
    } else return undefined;
    while (i < end && isSpace(s.charCodeAt(i))) i++;
    const sep = s.charCodeAt(i);
    if (sep === 44) i++;
    else if (sep === 125) return finish(s, i + 1, end, o);
    else return undefined;
  }
}

/** The closing quote of a string without escapes or control characters starting at `i`, or -1. */
function plainStringEnd(s: string, i: number, end: number): number {
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === QUOTE) return i;
    if (c === BACKSLASH || c < 32) return -1;
  }
  return -1;
}

function finish(s: string, i: number, end: number, o: Record<string, unknown>): Record<string, unknown> | undefined {
  while (i < end && isSpace(s.charCodeAt(i))) i++;
  return i === end ? o : undefined;
}

// ---- output ---------------------------------------------------------------------------------------------

/** JSON text of strings that recur across rows (ids, reasons), computed once each. */
export class JsonStrings {
  private readonly memo = new Map<string, string>();

  get(s: string | null | undefined): string {
    if (s === null || s === undefined) return 'null';
    let j = this.memo.get(s);
    if (j === undefined) {
      j = JSON.stringify(s);
      if (this.memo.size < 1_000_000) this.memo.set(s, j);
    }
    return j;
  }
}

export interface RowFields {
  line: number;
  from: string;
  to: string;
  protocol: string;
  port: number;
  verdict: string;
  blockedBy: string | null;
  reason: string | null;
  expect?: string;
  match?: boolean;
  error?: string;
}

/** The row as JSON.stringify writes it (fields in declaration order, absent ones left out). */
export function jsonRow(r: RowFields, j: JsonStrings): string {
  let s = `{"line":${r.line},"from":${j.get(r.from)},"to":${j.get(r.to)},"protocol":${j.get(r.protocol)},"port":${r.port},"verdict":${j.get(r.verdict)},"blockedBy":${j.get(r.blockedBy)},"reason":${j.get(r.reason)}`;
  if (r.expect !== undefined) s += `,"expect":${j.get(r.expect)}`;
  if (r.match !== undefined) s += `,"match":${r.match}`;
  if (r.error !== undefined) s += `,"error":${JSON.stringify(r.error)}`;
  return `${s}}`;
}

export const CSV_COLUMNS = ['line', 'from', 'to', 'protocol', 'port', 'verdict', 'blockedBy', 'reason', 'expect', 'match', 'error'] as const;

export function csvCell(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV row in CSV_COLUMNS order; recurring strings are quoted once each. */
export function csvRow(r: RowFields, memo: Map<string, string>): string {
  const cell = (s: string | null | undefined): string => {
    if (s === null || s === undefined) return '';
    let c = memo.get(s);
    if (c === undefined) {
      c = csvCell(s);
      if (memo.size < 1_000_000) memo.set(s, c);
    }
    return c;
  };
  return `${r.line},${cell(r.from)},${cell(r.to)},${cell(r.protocol)},${r.port},${r.verdict},${cell(r.blockedBy)},${cell(r.reason)},${cell(r.expect)},${r.match === undefined ? '' : r.match},${r.error === undefined ? '' : csvCell(r.error)}`;
}

// ---- input as bytes, into columns -------------------------------------------------------------------------

/**
 * The texts of a batch read as bytes: each distinct byte string is decoded and given an id once (FlowTable.texts).
 * Open addressing by a hash of the bytes, each slot (hash, length + 1, offset of the bytes copied into one pool);
 * texts given as strings (lines the scanner declines) share the ids through a Map.
 */
export class TextIds {
  readonly texts: string[] = [];
  private readonly byText = new Map<string, number>();
  private slots = new Int32Array(3 << 12);
  private ids = new Int32Array(1 << 12);
  private pool = new Uint8Array(1 << 16);
  private used = 0;
  private count = 0;

  /** The id of a text given as a string. */
  of(s: string): number {
    let id = this.byText.get(s);
    if (id === undefined) {
      id = this.texts.length;
      this.texts.push(s);
      this.byText.set(s, id);
    }
    return id;
  }

  /** The id of the UTF-8 text `b[start, end)`. */
  ofBytes(b: Buffer, start: number, end: number): number {
    const len = end - start;
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
    const mask = this.ids.length - 1;
    const slots = this.slots;
    for (let k = h & mask; ; k = (k + 1) & mask) {
      const n = slots[3 * k + 1]!;
      if (n === 0) return this.add(b, start, len, h, k);
      if (slots[3 * k] === h && n === len + 1 && this.same(b, start, len, slots[3 * k + 2]!)) return this.ids[k]!;
    }
  }

  private same(b: Buffer, start: number, len: number, at: number): boolean {
    const pool = this.pool;
    for (let j = 0; j < len; j++) if (b[start + j] !== pool[at + j]) return false;
    return true;
  }

  private add(b: Buffer, start: number, len: number, h: number, k: number): number {
    const id = this.of(b.toString('utf8', start, start + len));
    if (this.used + len > this.pool.length) {
      const bigger = new Uint8Array(Math.max(2 * this.pool.length, this.used + len));
      bigger.set(this.pool);
      this.pool = bigger;
    }
    this.pool.set(b.subarray(start, start + len), this.used);
    this.slots[3 * k] = h;
    this.slots[3 * k + 1] = len + 1;
    this.slots[3 * k + 2] = this.used;
    this.ids[k] = id;
    this.used += len;
    if (++this.count * 2 > this.ids.length) this.grow();
    return id;
  }

  private grow(): void {
    const oldSlots = this.slots;
    const oldIds = this.ids;
    this.ids = new Int32Array(oldIds.length * 2);
    this.slots = new Int32Array(3 * this.ids.length);
    const mask = this.ids.length - 1;
    for (let i = 0; i < oldIds.length; i++) {
      if (oldSlots[3 * i + 1] === 0) continue;
      let k = oldSlots[3 * i]! & mask;
      while (this.slots[3 * k + 1] !== 0) k = (k + 1) & mask;
      this.slots.set(oldSlots.subarray(3 * i, 3 * i + 3), 3 * k);
      this.ids[k] = oldIds[i]!;
    }
  }
}

const K_FROM = 1;
const K_TO = 2;
const K_PROTOCOL = 4;
const K_PORT = 8;
const K_SRC_PORT = 16;
const K_EXPECT = 32;

/** Do the bytes `b[start, end)` spell the ASCII text `word`? */
function spells(b: Buffer, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (b[start + i] !== word.charCodeAt(i)) return false;
  return true;
}

function keyCode(b: Buffer, start: number, end: number): number {
  switch (end - start) {
    case 2:
      return spells(b, start, end, 'to') ? K_TO : 0;
    case 4:
      return spells(b, start, end, 'from') ? K_FROM : spells(b, start, end, 'port') ? K_PORT : 0;
    case 6:
      return spells(b, start, end, 'expect') ? K_EXPECT : 0;
    case 7:
      return spells(b, start, end, 'srcPort') ? K_SRC_PORT : 0;
    case 8:
      return spells(b, start, end, 'protocol') ? K_PROTOCOL : 0;
    default:
      return 0;
  }
}

function skipSpace(b: Buffer, i: number, end: number): number {
  while (i < end && isSpace(b[i]!)) i++;
  return i;
}

/** The closing quote of a string without escapes or control characters starting at byte `i`, or -1. */
function byteStringEnd(b: Buffer, i: number, end: number): number {
  for (; i < end; i++) {
    const c = b[i]!;
    if (c === QUOTE) return i;
    if (c === BACKSLASH || c < 32) return -1;
  }
  return -1;
}

/** A plain integer port 0-65535 at byte `i`: its value × 8 + its digit count, or -1. */
function portAt(b: Buffer, i: number, end: number): number {
  let j = i;
  let n = 0;
  while (j < end && j - i < 6 && b[j]! >= 48 && b[j]! <= 57) n = n * 10 + (b[j++]! - 48);
  const digits = j - i;
  if (digits === 0 || digits > 5 || (b[i] === 48 && digits > 1) || n > 65535) return -1;
  return n * 8 + digits;
}

/**
 * The usual flow line `b[start, end)` (`{"from":"a","to":"b","port":443}`: a flat object of flow keys, each once,
 * non-empty escape-free strings, ports as plain integers 0-65535, `expect` as accept or reject) written into row
 * `row` of `t` (its line number aside); false for anything else, which the caller reads as text (JSON.parse and
 * the checks of every line), so that errors and unusual values are read as before.
 */
export function scanFlowBytes(b: Buffer, start: number, end: number, texts: TextIds, t: FlowTable, row: number): boolean {
  if (b[start] !== 123) return false; // {
  let i = start + 1;
  let seen = 0;
  let from = -1;
  let to = -1;
  let protocol = ABSENT;
  let port = ABSENT;
  let srcPort = ABSENT;
  let expect = EXPECT_NONE;
  for (;;) {
    i = skipSpace(b, i, end);
    if (b[i] !== QUOTE) return false;
    const keyEnd = byteStringEnd(b, i + 1, end);
    const k = keyEnd < 0 ? 0 : keyCode(b, i + 1, keyEnd);
    if (k === 0 || (seen & k) !== 0) return false;
    seen |= k;
    i = skipSpace(b, keyEnd + 1, end);
    if (b[i] !== 58) return false; // :
    i = skipSpace(b, i + 1, end);
    if (k === K_PORT || k === K_SRC_PORT) {
      const p = portAt(b, i, end);
      if (p < 0) return false;
      if (k === K_PORT) port = p >> 3;
      else srcPort = p >> 3;
      i += p & 7;
    } else {
      if (b[i] !== QUOTE) return false;
      const valueEnd = byteStringEnd(b, i + 1, end);
      if (valueEnd <= i + 1) return false; // not a plain string, or empty
      if (k === K_EXPECT) {
        expect = spells(b, i + 1, valueEnd, 'accept') ? EXPECT_ACCEPT : spells(b, i + 1, valueEnd, 'reject') ? EXPECT_REJECT : EXPECT_NONE;
        if (expect === EXPECT_NONE) return false;
      } else {
        const id = texts.ofBytes(b, i + 1, valueEnd);
        if (k === K_FROM) from = id;
        else if (k === K_TO) to = id;
        else protocol = id;
      }
      i = valueEnd + 1;
    }
    i = skipSpace(b, i, end);
    if (b[i] === 44) i++;
    else if (b[i] === 125 && skipSpace(b, i + 1, end) === end && from >= 0 && to >= 0) break;
    else return false;
  }
  t.from[row] = from;
  t.to[row] = to;
  t.protocol[row] = protocol;
  t.port[row] = port;
  t.srcPort[row] = srcPort;
  t.expect[row] = expect;
  return true;
}
