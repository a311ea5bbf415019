// Stage 1: read a topology file (YAML or JSON) into plain data with source positions, and check it
// against the schema. Every way a file can be unreadable ends in a diagnostic, never an exception.
import { readFileSync, statSync, type Stats } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { getHeapStatistics } from 'node:v8';
import { LineCounter, parseAllDocuments, parseDocument, visit, isMap, isSeq, isScalar, type Document, type Node } from 'yaml';
import type { Diagnostic, Path } from './diagnostics.js';
import { countJson, findDuplicateKeys, scanJson, type JsonCounts } from './json-scan.js';
import { SourceFile } from './source.js';
import { validateSchema } from './validate.js';

export interface LoadOptions {
  /** refuse files larger than this many bytes (YAML default 8 MiB, JSON a sixteenth of the heap: jsonByteLimit) */
  maxBytes?: number;
  /** refuse texts holding more values than this, estimated before parsing (YAML default 250,000, JSON 5 million) */
  maxValues?: number;
  /** JSON: refuse texts holding more objects and lists than this, counted before parsing (default 1 million) */
  maxCollections?: number;
  /** aliases allowed in one YAML document, against alias bombs */
  maxAliasCount?: number;
  /** skip schema validation (callers that generate data they trust) */
  skipSchema?: boolean;
}

export interface Loaded {
  source: SourceFile;
  /** the parsed document, undefined when it could not be read or parsed */
  data: unknown;
  diagnostics: Diagnostic[];
}

const MiB = 1024 * 1024;
// 250,000 values of 60-character strings make 16 MiB of YAML and 760 MB in the parser; 8 MiB keeps it near 400 MB.
export const DEFAULT_MAX_YAML = 8 * MiB;
/**
 * JSON files are bounded by memory, not by a fixed size: parsed and bound, an estate takes about 16 times its JSON
 * text (621 MB peak for the 38 MiB of a 3,000-VPC estate), so a file may take up to a sixteenth of the heap Node
 * runs with (259 MiB under the default 4 GiB heap), between 64 and 512 MiB. The value limits below bind first for
 * real estates; this one bounds files of a few huge strings.
 */
export function jsonByteLimit(heapBytes: number): number {
  const sixteenth = Math.floor(heapBytes / 16 / MiB) * MiB;
  return Math.min(512 * MiB, Math.max(64 * MiB, sixteenth));
}
export const DEFAULT_MAX_JSON = jsonByteLimit(getHeapStatistics().heap_size_limit);
// The YAML parser holds about 1 KB per value and spends 10-15 µs of CPU on each, and ajv keeps one error object per
// mistake: a file of millions of tiny values (`[1,1,1,…]`, `- {}` lines) would exhaust memory well inside the byte
// limits. At 250,000 values the worst shapes measured (`- {}` lines) load in about 4 s and 600 MB (docs/limits.md);
// 1.45 million took 20-50 s and 1.8 GB. JSON is parsed natively, about 20 times leaner: large estates belong in JSON.
// Values are estimated by counting separators, which costs milliseconds.
export const DEFAULT_MAX_YAML_VALUES = 250_000;
// JSON: 5 million values hold about 4,000 VPCs of the generator's large preset (3,000 VPCs: 3.7 million values,
// 640,000 objects and lists). The worst shapes are tiny values that are each a schema error needing a position:
// `[1,1,…]` and `[{},{},…]`. Objects cost more than scalars (every empty object misses several keys), so they have
// their own, lower limit; both worst shapes at their limit load in about 5-6 s of CPU (docs/limits.md).
export const DEFAULT_MAX_JSON_VALUES = 5_000_000;
export const DEFAULT_MAX_JSON_COLLECTIONS = 1_000_000;
const MAX_DEPTH = 64;

// Whole-file problems (too large, unreadable, a directory) are placed at 1:1, as everywhere else: every diagnostic has a position.
function fileError(file: string, code: string, message: string, line = 1, col = 1, hint?: string): Diagnostic {
  return { code, severity: 'error', message, file, line, col, ...(hint ? { hint } : {}) };
}

/** What a non-regular file is, for the NOT_A_FILE message. */
export function fileKind(st: Stats): string {
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  return 'a special file';
}

export function isJsonPath(file: string): boolean {
  return /\.json$/i.test(file);
}

export function loadFile(file: string, opts: LoadOptions = {}): Loaded {
  const empty = new SourceFile(file, '');
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory())
      return {
        source: empty,
        data: undefined,
        diagnostics: [fileError(file, 'FILE_IS_DIRECTORY', `${file} is a directory, expected a topology file (.yaml, .yml or .json)`)],
      };
    // A device or a pipe reports size 0 and may never end (/dev/zero, /dev/urandom): only regular files are read.
    if (!st.isFile())
      return {
        source: empty,
        data: undefined,
        diagnostics: [fileError(file, 'NOT_A_FILE', `${file} is ${fileKind(st)}, not a regular file; expected a topology file (.yaml, .yml or .json)`)],
      };
    size = st.size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT' ? `file not found: ${file}` : code === 'EACCES' ? `permission denied: ${file}` : `cannot read ${file}: ${(e as Error).message}`;
    return { source: empty, data: undefined, diagnostics: [fileError(file, 'FILE_UNREADABLE', message)] };
  }
  const max = opts.maxBytes ?? (isJsonPath(file) ? DEFAULT_MAX_JSON : DEFAULT_MAX_YAML);
  if (size > max) {
    return {
      source: empty,
      data: undefined,
      diagnostics: [
        fileError(
          file,
          'FILE_TOO_LARGE',
          `${file} is ${(size / MiB).toFixed(1)} MiB, above the ${(max / MiB).toFixed(0)} MiB limit for ${isJsonPath(file) ? 'JSON' : 'YAML'} topologies`,
          1,
          1,
          isJsonPath(file) ? undefined : 'large machine-generated estates load much faster as .json',
        ),
      ],
    };
  }
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (e) {
    return { source: empty, data: undefined, diagnostics: [fileError(file, 'FILE_UNREADABLE', `cannot read ${file}: ${(e as Error).message}`)] };
  }
  // A NUL byte never appears in YAML or JSON text: this is a binary file.
  const nul = buf.indexOf(0);
  if (nul >= 0) {
    // The line and column of the first NUL byte (columns counted in bytes: the text may not be UTF-8).
    const before = buf.subarray(0, nul);
    const nl = before.lastIndexOf(10);
    let line = 1;
    for (let i = before.indexOf(10); i >= 0; i = before.indexOf(10, i + 1)) line++;
    return {
      source: empty,
      data: undefined,
      diagnostics: [fileError(file, 'NOT_TEXT', `${file} is a binary file (a NUL byte at line ${line}), not a YAML or JSON topology`, line, nul - nl)],
    };
  }
  const text = buf.toString('utf8');
  // Invalid UTF-8 (a Latin-1 export, an image without NUL bytes) would parse into mojibake errors. isUtf8 checks the
  // bytes in place (a second decode would copy the whole text once more).
  if (!isUtf8(buf)) {
    const pos = new SourceFile(file, text).offsetPosition(Math.max(0, text.indexOf('\ufffd')));
    return {
      source: empty,
      data: undefined,
      diagnostics: [
        fileError(file, 'NOT_TEXT', `${file} is not UTF-8 text (invalid bytes at line ${pos.line}); YAML and JSON topologies are UTF-8`, pos.line, pos.col),
      ],
    };
  }
  return loadDecoded(text, file, opts, buf);
}

export function loadText(text: string, file = '<input>', opts: LoadOptions = {}): Loaded {
  return loadDecoded(text, file, opts, undefined);
}

/** `bytes`: the text's UTF-8 encoding when the caller has it (a file just read), for counting without a copy. */
function loadDecoded(text: string, file: string, opts: LoadOptions, bytes: Uint8Array | undefined): Loaded {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') {
    return {
      source: new SourceFile(file, text),
      data: undefined,
      diagnostics: [fileError(file, 'EMPTY_FILE', `${file} is empty; expected a topology starting with 'version: 1'`)],
    };
  }
  const json = isJsonPath(file);
  const maxValues = opts.maxValues ?? (json ? DEFAULT_MAX_JSON_VALUES : DEFAULT_MAX_YAML_VALUES);
  const maxCollections = json ? (opts.maxCollections ?? DEFAULT_MAX_JSON_COLLECTIONS) : Number.POSITIVE_INFINITY;
  // JSON: one pass counts what the limits, the depth check and the duplicate-key check need
  const counts = json ? countJson(bytes ?? Buffer.from(text, 'utf8'), maxValues, maxCollections) : undefined;
  const { values, collections } = counts ?? { values: estimateYamlValues(text, maxValues), collections: 0 };
  if (values > maxValues || collections > maxCollections) {
    const n = (x: number) => x.toLocaleString('en-US');
    const what = values > maxValues ? `more than ${n(maxValues)} values` : `more than ${n(maxCollections)} objects and lists`;
    return {
      source: new SourceFile(file, text),
      data: undefined,
      diagnostics: [
        fileError(
          file,
          'FILE_TOO_LARGE',
          `${file} holds ${what}, above the limit for ${json ? 'JSON' : 'YAML'} topologies`,
          1,
          1,
          json ? undefined : 'large machine-generated estates load much faster as .json',
        ),
      ],
    };
  }
  return counts ? loadJson(text, file, opts, counts) : loadYaml(text, file, opts);
}

/** An upper bound, in one pass, on the values in a YAML text: every value after the first in a collection follows
 *  ',', ':' or a line break. Stops counting past the limit. */
function estimateYamlValues(text: string, stop: number): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 44 || c === 58 || c === 10) && ++n > stop) break;
  }
  return n;
}

function loadJson(text: string, file: string, opts: LoadOptions, counts: JsonCounts): Loaded {
  const source = new SourceFile(file, text);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    // V8 gives a position for some errors only; the scanner finds it for the rest.
    const m = /position (\d+)/.exec(msg);
    const scan = scanJson(text, MAX_DEPTH + 1);
    if (scan?.tooDeep) return { source, data: undefined, diagnostics: [tooDeep(source, scan.offset)] };
    const pos = source.offsetPosition(m ? Number(m[1]) : (scan?.offset ?? 0));
    const what = msg
      .replace(/^JSON\.parse: /, '')
      .replace(/ in JSON at position \d+.*$/, '')
      .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '');
    return { source, data: undefined, diagnostics: [fileError(file, 'JSON_SYNTAX', `invalid JSON: ${what}`, pos.line, pos.col)] };
  }
  return finish(source, data, [], opts, counts);
}

function loadYaml(text: string, file: string, opts: LoadOptions): Loaded {
  const lineCounter = new LineCounter();
  let doc;
  try {
    // logLevel 'error': yaml's warnings (e.g. a collection used as a key) would print to stderr; the schema reports those keys.
    // uniqueKeys off: the parser compares each key with every earlier one of its mapping (quadratic: a mapping of
    // 150,000 keys took minutes); duplicateYamlKeys below finds them with a set per mapping.
    doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, keepSourceTokens: false, logLevel: 'error' });
  } catch (e) {
    // The parser recurses on nesting; absurd depth overflows the stack.
    const source = new SourceFile(file, text);
    if (e instanceof RangeError) return { source, data: undefined, diagnostics: [tooDeep(source, flowDepthOffset(text) ?? 0)] };
    return { source, data: undefined, diagnostics: [fileError(file, 'YAML_SYNTAX', `cannot parse ${file}: ${(e as Error).message}`)] };
  }
  const source = new SourceFile(file, text, doc, lineCounter);
  // A stack overflow inside the parser surfaces as a cascade of errors: report the one cause.
  const overflow = doc.errors.find((err) => /call stack/i.test(err.message));
  if (overflow) return { source, data: undefined, diagnostics: [tooDeep(source, flowDepthOffset(text) ?? overflow.pos[0])] };
  const diagnostics = parserErrors(doc, source, text, file);
  if (diagnostics.length) return { source, data: undefined, diagnostics };
  const depthError = checkDepth(doc.contents as Node | null, source);
  if (depthError) return { source, data: undefined, diagnostics: [depthError] };
  const dups = duplicateYamlKeys(doc.contents as Node | null, source);
  if (dups.length) return { source, data: undefined, diagnostics: dups };
  let data: unknown;
  try {
    // The alias limit only fires here, inside toJS(): a billion-laughs document stops at maxAliasCount.
    data = doc.toJS({ maxAliasCount: opts.maxAliasCount ?? 100 });
  } catch (e) {
    return { source, data: undefined, diagnostics: [toJsError(e as Error, doc, source, file)] };
  }
  return finish(source, data, diagnostics, opts);
}

/** The parser's errors, one per position and message; duplicate keys and extra documents get their own message. */
function parserErrors(doc: Document, source: SourceFile, text: string, file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const err of doc.errors) {
    const pos = source.offsetPosition(err.pos[0]);
    const code = err.code === 'DUPLICATE_KEY' ? 'DUPLICATE_KEY' : 'YAML_SYNTAX';
    const firstLine = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
    const key = code === 'DUPLICATE_KEY' ? keyText(text, err.pos[0]) : '';
    const message =
      code === 'DUPLICATE_KEY'
        ? `duplicate key${key ? ` '${key}'` : ''}: a key may appear only once in a mapping`
        : err.code === 'MULTIPLE_DOCS'
          ? `a topology file holds one YAML document; this one has ${countDocuments(text)} (separated by ---)`
          : firstLine;
    const dedupe = `${pos.line}:${pos.col}:${message}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    diagnostics.push(fileError(file, code, message, pos.line, pos.col));
  }
  return diagnostics;
}

/** What toJS() threw, positioned: an alias with no anchor, the alias limit, or another failure. */
function toJsError(e: Error, doc: Document, source: SourceFile, file: string): Diagnostic {
  const msg = e.message;
  const unresolved = /^Unresolved alias/i.test(msg) ? unresolvedAlias(doc) : undefined;
  if (unresolved) {
    const pos = source.offsetPosition(unresolved.offset);
    const message = `alias *${unresolved.name} refers to no anchor: define &${unresolved.name} before it is used`;
    return fileError(file, 'YAML_UNDEFINED_ALIAS', message, pos.line, pos.col);
  }
  const isAlias = /alias/i.test(msg);
  // The limit trips somewhere in the expansion: the first alias is where the document starts to use them.
  const pos = source.offsetPosition(isAlias ? firstAlias(doc) : 0);
  return fileError(
    file,
    isAlias ? 'YAML_ALIAS_LIMIT' : 'YAML_SYNTAX',
    isAlias ? `too many YAML aliases (${msg}); anchors and aliases may not expand into a huge document` : `cannot read ${file}: ${msg}`,
    pos.line,
    pos.col,
  );
}

/** Documents in a YAML stream, for the message about a second one; counted only when there is more than one. */
function countDocuments(text: string): number {
  try {
    return parseAllDocuments(text, { logLevel: 'silent' }).length;
  } catch {
    return 2;
  }
}

/** Offset of the first alias in the document (0 when there is none). */
function firstAlias(doc: Document): number {
  let offset = 0;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

/** The first alias whose anchor is not defined before it. */
function unresolvedAlias(doc: Document): { name: string; offset: number } | undefined {
  let found: { name: string; offset: number } | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (node.resolve(doc) === undefined) {
        found = { name: node.source, offset: node.range?.[0] ?? 0 };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function tooDeep(source: SourceFile, offset: number): Diagnostic {
  const pos = source.offsetPosition(offset);
  return fileError(source.file, 'TOO_DEEP', `nesting deeper than ${MAX_DEPTH} levels; a topology is a few levels deep`, pos.line, pos.col);
}

/** Offset of the first '[' or '{' nested deeper than MAX_DEPTH, skipping quoted text and comments; a position for TOO_DEEP. */
function flowDepthOffset(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close < 0) return undefined;
      i = close;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) return undefined;
      i = nl;
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/** The key written at an offset, for naming a duplicate key. */
function keyText(text: string, offset: number): string {
  const m = /^\s*("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^:,{}[\]\n]*)/.exec(text.slice(offset, offset + 200));
  const k = (m?.[1] ?? '').trim().replace(/^["']|["']$/g, '');
  return k.length > 60 ? `${k.slice(0, 60)}…` : k;
}

/** Keys written twice in one mapping, at the second; scalar keys compared by value, as the parser's own check does. */
function duplicateYamlKeys(root: Node | null, source: SourceFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const p of node.items) {
        const key = isScalar(p.key) ? p.key.value : p.key;
        if (seen.has(key)) {
          const off = (p.key as Node | null)?.range?.[0] ?? 0;
          const pos = source.offsetPosition(off);
          const k = keyText(source.text, off);
          out.push(fileError(source.file, 'DUPLICATE_KEY', `duplicate key${k ? ` '${k}'` : ''}: a key may appear only once in a mapping`, pos.line, pos.col));
        }
        seen.add(key);
        stack.push(p.value);
      }
    } else if (isSeq(node)) for (const it of node.items) stack.push(it);
  }
  return out.sort((a, b) => a.line - b.line || a.col - b.col);
}

/** Topologies are a few levels deep; anything far deeper is hostile and would overflow later stages. */
function checkDepth(root: Node | null, source: SourceFile): Diagnostic | undefined {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_DEPTH) {
      const off = (node as Node)?.range?.[0] ?? 0;
      const pos = source.offsetPosition(off);
      return fileError(source.file, 'TOO_DEEP', `nesting deeper than ${MAX_DEPTH} levels; a topology is a few levels deep`, pos.line, pos.col);
    }
    if (isMap(node)) for (const p of node.items) stack.push([p.value, depth + 1]);
    else if (isSeq(node)) for (const it of node.items) stack.push([it, depth + 1]);
  }
  return undefined;
}

/** Members in all objects of parsed JSON. for-in, not Object.keys: no array per object (a plain parsed object has
 *  no enumerable inherited keys). Iterative: depth is bounded before this runs, but a stack is cheaper anyway. */
function jsonMembers(v: unknown): number {
  const stack: unknown[] = [v];
  let members = 0;
  while (stack.length) {
    const x = stack.pop() as Record<string, unknown>;
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) {
        const y: unknown = x[i];
        if (typeof y === 'object' && y !== null) stack.push(y);
      }
    } else {
      for (const k in x) {
        members++;
        const y = x[k];
        if (typeof y === 'object' && y !== null) stack.push(y);
      }
    }
  }
  return members;
}

/** JSON.parse keeps the last of two equal keys; a topology file must not say two things at once. */
function duplicateKeys(source: SourceFile): Diagnostic[] {
  return findDuplicateKeys(source.text).map(({ key, offset }) => {
    const pos = source.offsetPosition(offset);
    const shown = key.length > 60 ? `${key.slice(0, 60)}…` : key;
    return fileError(source.file, 'DUPLICATE_KEY', `duplicate key '${shown}': a key may appear only once in an object`, pos.line, pos.col);
  });
}

/** `counts` of a JSON text (undefined for YAML, whose parser checks depth and duplicates on its document). */
function finish(source: SourceFile, data: unknown, diagnostics: Diagnostic[], opts: LoadOptions, counts?: JsonCounts): Loaded {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const what = data === null ? 'nothing' : Array.isArray(data) ? 'a list' : `a ${typeof data}`;
    return {
      source,
      data: undefined,
      diagnostics: [fileError(source.file, 'NOT_A_TOPOLOGY', `${source.file} holds ${what}, expected a mapping starting with 'version: 1'`, 1, 1)],
    };
  }
  if (counts) {
    // counts.depth counts the root as 1: nesting past MAX_DEPTH below the root is refused
    if (counts.depth > MAX_DEPTH + 1) {
      const scan = scanJson(source.text, MAX_DEPTH + 1);
      return { source, data: undefined, diagnostics: [tooDeep(source, scan?.tooDeep ? scan.offset : 0)] };
    }
    // Every ':' outside strings introduces one member as written; fewer members parsed means a key was repeated.
    // The scan that names the keys runs only then.
    if (counts.keys !== jsonMembers(data)) {
      const dups = duplicateKeys(source);
      if (dups.length) return { source, data: undefined, diagnostics: dups };
    }
  }
  // concat, not push(...): a file with a million mistakes must not overflow the call stack
  if (!opts.skipSchema) diagnostics = diagnostics.concat(validateSchema(data, source));
  return { source, data, diagnostics };
}

export function pathText(path: Path): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
}
