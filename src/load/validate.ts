// Schema validation with ajv (draft-07), turned into diagnostics a person can act on:
// unknown keys with a "did you mean", wrong types with what was found, each at its line and column.
import type AjvModule from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { createRequire } from 'node:module';
import { suggest, type Diagnostic, type Path } from './diagnostics.js';
import { KIND_LABEL, LIST_KIND } from './kinds.js';
import type { SourceFile } from './source.js';
import { topologySchema } from './schema.js';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    // The build writes a precompiled validator beside this file; compiling the schema costs ~50 ms per start.
    try {
      compiled = createRequire(import.meta.url)('./schema-validator.cjs') as ValidateFunction;
      return compiled;
    } catch {
      /* not built (running from source): compile below */
    }
    // ajv itself (~17 ms to load) is needed only then.
    const Ajv = (createRequire(import.meta.url)('ajv') as { default: typeof AjvModule.default }).default;
    const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
    compiled = ajv.compile(topologySchema);
  }
  return compiled;
}

/** How a message names the items of a top-level list: 'subnets' → 'subnet'. */
export function kindName(listKey: string): string {
  if (listKey === 'assertions') return 'assertion';
  const kind = LIST_KIND[listKey];
  return kind ? KIND_LABEL[kind] : listKey;
}

function toPath(pointer: string): Path {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** "subnet 'app-a'" or "subnets[3]" — how a message names the object at a path. */
export function describeOwner(data: unknown, path: Path): string {
  if (path.length >= 2 && typeof path[1] === 'number') {
    const list = (data as Record<string, unknown>)[path[0] as string];
    const item = Array.isArray(list) ? list[path[1]] : undefined;
    const kind = kindName(String(path[0]));
    const id = item && typeof item === 'object' ? (item as Record<string, unknown>).id : undefined;
    let owner = typeof id === 'string' ? `${kind} '${id}'` : `${kind} #${path[1] + 1}`;
    if (path.length >= 4 && typeof path[3] === 'number') owner = `${path[2] === 'routes' ? 'route' : `${String(path[2])} rule`} #${path[3] + 1} of ${owner}`;
    return owner;
  }
  return path.length ? `'${path.join('.')}'` : 'the topology';
}

function show(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `string '${v.length > 40 ? v.slice(0, 40) + '…' : v}'`;
  return `${typeof v} ${String(v)}`;
}

/** The allowed key a misspelt one most likely meant, if any is close enough. */
const suggestKey = suggest;

const allowedKeys = (err: ErrorObject): string[] => Object.keys(((err.parentSchema as Record<string, unknown>)?.properties as object) ?? {});

export function validateSchema(data: unknown, source: SourceFile): Diagnostic[] {
  const state: Pass = { out: [], seen: new Set(), left: 0, at: undefined };
  for (const { view, rebase, key } of views(data)) validatePart(view, rebase, data, source, state, key);
  if (state.left > 0) {
    const message = `${state.left.toLocaleString('en-US')} more schema errors from here on are not shown; fix the first ones and run again`;
    state.out.push({ code: 'TOO_MANY_ERRORS', severity: 'error', message, file: source.file, ...state.at! });
  }
  return state.out;
}

interface Pass {
  out: Diagnostic[];
  seen: Set<string>;
  /** errors past the cap, counted */
  left: number;
  /** where the first of them is */
  at: { line: number; col: number } | undefined;
}

/** Items of the top-level lists validated at once: ajv keeps one error object per mistake, and a file of two
 *  million empty objects made four million of them (1.3 GB). Validated a slice at a time, memory stays flat. */
const SLICE = 20_000;

/**
 * The parts to validate: the whole topology when it is small, else the topology with its lists emptied, then each
 * slice of each list on its own (the schema has no constraint between items of a list, so nothing is lost).
 */
function* views(data: unknown): Generator<{ view: unknown; rebase: (pointer: string) => string; key?: string }> {
  const same = (p: string) => p;
  const lists =
    data && typeof data === 'object' && !Array.isArray(data) ? Object.entries(data as Record<string, unknown>).filter(([, v]) => Array.isArray(v)) : [];
  if (lists.reduce((n, [, v]) => n + (v as unknown[]).length, 0) <= SLICE) {
    yield { view: data, rebase: same };
    return;
  }
  const skeleton: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const [k] of lists) skeleton[k] = [];
  yield { view: skeleton, rebase: same };
  for (const [k, v] of lists) {
    const list = v as unknown[];
    const key = `/${k.replace(/~/g, '~0').replace(/\//g, '~1')}/`;
    for (let from = 0; from < list.length; from += SLICE) {
      // only the list's own items are validated here; errors about the rest were reported with the skeleton
      const view = { version: 1, [k]: list.slice(from, from + SLICE) };
      yield {
        view,
        key,
        rebase: (p) => (p.startsWith(key) ? key + String(Number(p.slice(key.length).split('/')[0]) + from) + p.slice(key.length).replace(/^\d+/, '') : ''),
      };
    }
  }
}

function validatePart(view: unknown, rebase: (pointer: string) => string, data: unknown, source: SourceFile, state: Pass, key?: string): void {
  const validate = validator();
  if (validate(view)) return;
  if (key !== undefined && state.at !== undefined) {
    // Past the cap, with its position known, only the count matters: no rebased copy of each error (a file of
    // millions of wrong values spent most of its load there).
    for (const e of validate.errors ?? []) if (e.instancePath.startsWith(key)) state.left++;
    return;
  }
  // Pointers into the whole topology; errors outside this part's list (rebase gives '') were reported elsewhere.
  const errors = (validate.errors ?? []).map((e) => ({ ...e, instancePath: rebase(e.instancePath) })).filter((e) => view === data || e.instancePath !== '');
  // A misspelt required key is one mistake: report the unknown key with its suggestion, not also the missing one.
  const misspelt = new Set<string>();
  for (const err of errors) {
    if (err.keyword !== 'additionalProperties') continue;
    const guess = suggestKey((err.params as { additionalProperty: string }).additionalProperty, allowedKeys(err));
    if (guess) misspelt.add(`${err.instancePath}\u0000${guess}`);
  }
  for (let i = 0; i < errors.length; i++) {
    const err = errors[i]!;
    // Past this many, more of the same helps nobody and costs memory: count how many are left out.
    if (state.out.length >= MAX_SCHEMA_DIAGNOSTICS) {
      state.at ??= source.position(toPath(err.instancePath));
      state.left += errors.length - i;
      return;
    }
    if (err.keyword === 'required' && misspelt.has(`${err.instancePath}\u0000${(err.params as { missingProperty: string }).missingProperty}`)) continue;
    const d = toDiagnostic(err, data, source);
    if (!d) continue;
    const key = `${d.line}:${d.col}:${d.code}:${d.message}`;
    if (state.seen.has(key)) continue;
    state.seen.add(key);
    state.out.push(d);
  }
}

export const MAX_SCHEMA_DIAGNOSTICS = 10_000;

function toDiagnostic(err: ErrorObject, data: unknown, source: SourceFile): Diagnostic | undefined {
  const path = toPath(err.instancePath);
  const file = source.file;
  const owner = describeOwner(data, path);
  const field = path.length ? String(path[path.length - 1]) : '';
  const mk = (code: string, message: string, at: Path, key = false, hint?: string): Diagnostic => {
    const pos = source.position(at, key);
    return { code, severity: 'error', message, file, line: pos.line, col: pos.col, path: at, ...(hint ? { hint } : {}) };
  };
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = (err.params as { additionalProperty: string }).additionalProperty;
      const allowed = allowedKeys(err);
      const guess = suggestKey(key, allowed);
      const near = guess !== undefined;
      const where = path.length === 0 ? 'at the top level' : `in ${owner}`;
      return mk(
        'UNKNOWN_KEY',
        `unknown key '${key}' ${where}${near ? ` (did you mean '${guess}'?)` : ''}`,
        [...path, key],
        true,
        near ? undefined : `expected one of: ${allowed.join(', ')}`,
      );
    }
    case 'required': {
      const missing = (err.params as { missingProperty: string }).missingProperty;
      if (path.length === 0 && missing === 'version') return mk('MISSING_KEY', "missing 'version: 1' at the top level", path, false);
      return mk('MISSING_KEY', `${owner} is missing required key '${missing}'`, path);
    }
    case 'type': {
      const want = (err.params as { type: string | string[] }).type;
      const wants = (Array.isArray(want) ? want : String(want).split(',')).map((t) =>
        t === 'object' ? 'a mapping' : t === 'array' ? 'a list' : t === 'integer' ? 'an integer' : `a ${t}`,
      );
      const what = path.length >= 3 ? `'${field}' of ${owner}` : path.length === 1 ? `'${field}'` : owner;
      // Free-text fields: YAML reads 123456789012 or 5 as a number; quoting it is the fix.
      const quote =
        wants.includes('a string') &&
        (typeof err.data === 'number' || typeof err.data === 'boolean') &&
        ['id', 'name', 'description', 'account', 'az', 'azId'].includes(field);
      return mk(
        'WRONG_TYPE',
        `${what} must be ${wants.join(' or ')}, got ${show(err.data)}`,
        path,
        false,
        quote ? `write it in quotes: ${field}: "${String(err.data)}"` : undefined,
      );
    }
    case 'enum': {
      const allowed = (err.params as { allowedValues: unknown[] }).allowedValues;
      return mk('INVALID_VALUE', `'${field}' of ${owner} must be one of ${allowed.map((a) => String(a)).join(', ')}, got ${show(err.data)}`, path);
    }
    case 'const':
      if (path.length === 1 && path[0] === 'version')
        return mk('UNSUPPORTED_VERSION', `unsupported format version ${show(err.data)}; this vpcsim reads version 1`, path);
      return mk('INVALID_VALUE', `'${field}' must be ${JSON.stringify((err.params as { allowedValue: unknown }).allowedValue)}`, path);
    case 'pattern':
      if (field === 'account') return mk('INVALID_VALUE', `account must be a 12-digit AWS account id, got ${show(err.data)}`, path);
      if (field === 'region') return mk('INVALID_VALUE', `region must be an AWS region name like us-east-1, got ${show(err.data)}`, path);
      return mk('INVALID_VALUE', `'${field}' of ${owner} does not match ${(err.params as { pattern: string }).pattern}`, path);
    case 'minLength':
      return mk('INVALID_VALUE', `'${field}' of ${owner} must not be empty`, path);
    default:
      return mk('INVALID_VALUE', `${owner}: ${err.message ?? 'invalid value'}`, path);
  }
}
