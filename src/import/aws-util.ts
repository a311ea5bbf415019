// Small, total accessors over untyped describe-* JSON: a malformed value reads as absent, never throws.
import { type AwsListKey, LIST_KEYS } from '../aws/kinds.js';
import type { ImportWarning } from './aws-types.js';

export type Rec = Record<string, unknown>;

/** One resource in the dump, with where it came from. */
export interface Item {
  v: Rec;
  file: string;
  /** JSONPath of the resource, e.g. $.Reservations[0].Instances[1] */
  path: string;
  account?: string;
  /** for per-table outputs (TGW routes and propagations): the table they belong to */
  tableId?: string;
}

export function isRec(x: unknown): x is Rec {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** Whether a top-level key of the format holds a list of resources (src/aws/kinds.ts). */
export function isListKey(k: unknown): k is AwsListKey {
  return (LIST_KEYS as readonly unknown[]).includes(k);
}

export function str(v: Rec | undefined, k: string): string | undefined {
  const x = v?.[k];
  return typeof x === 'string' && x !== '' ? x : undefined;
}

export function num(v: Rec | undefined, k: string): number | undefined {
  const x = v?.[k];
  if (typeof x === 'number' && Number.isFinite(x)) return x;
  if (typeof x === 'string' && /^-?\d+$/.test(x)) return Number(x);
  return undefined;
}

export function bool(v: Rec | undefined, k: string): boolean | undefined {
  const x = v?.[k];
  return typeof x === 'boolean' ? x : undefined;
}

export function rec(v: Rec | undefined, k: string): Rec | undefined {
  const x = v?.[k];
  return isRec(x) ? x : undefined;
}

/** The objects of a list with their index in the original array (so JSON paths stay exact). */
export function list(v: Rec | undefined, k: string): [Rec, number][] {
  const x = v?.[k];
  if (!Array.isArray(x)) return [];
  const out: [Rec, number][] = [];
  x.forEach((e, i) => {
    if (isRec(e)) out.push([e, i]);
  });
  return out;
}

export function strings(v: Rec | undefined, k: string): string[] {
  const x = v?.[k];
  if (!Array.isArray(x)) return [];
  return x.filter((e): e is string => typeof e === 'string' && e !== '');
}

/** The `Name` tag (Tags or TagSet), which the topology keeps as `name:`. */
export function nameTag(v: Rec): string | undefined {
  for (const key of ['Tags', 'TagSet']) {
    for (const [t] of list(v, key)) if (t.Key === 'Name' && typeof t.Value === 'string' && t.Value.trim() !== '') return t.Value;
  }
  return undefined;
}

/** Lower-cased state of a resource: State may be a string or {Name}/{Code}/{State} depending on the API. */
export function stateOf(v: Rec, k = 'State'): string | undefined {
  const x = v[k];
  if (typeof x === 'string') return x.toLowerCase();
  if (isRec(x)) {
    for (const kk of ['Name', 'Code', 'State']) if (typeof x[kk] === 'string') return (x[kk] as string).toLowerCase();
  }
  return undefined;
}

/** Sets `o[k] = v` unless v is undefined or an empty list. */
export function put(o: Rec, k: string, v: unknown): void {
  if (v === undefined) return;
  if (Array.isArray(v) && v.length === 0) return;
  o[k] = v;
}

export function uniq<T>(xs: Iterable<T>): T[] {
  return [...new Set(xs)];
}

/** Collects warnings, ignored counts and notes while converting. */
export class Collector {
  readonly warnings: ImportWarning[] = [];
  readonly ignored: Record<string, number> = {};
  readonly notes: string[] = [];

  warn(code: string, message: string, at?: { file: string; path: string }, sub = ''): void {
    const w: ImportWarning = { code, message };
    if (at) {
      w.file = at.file;
      w.path = at.path + sub;
    }
    this.warnings.push(w);
  }

  ignore(label: string, n = 1): void {
    if (n <= 0) return;
    this.ignored[label] = (this.ignored[label] ?? 0) + n;
  }

  /** Counts every top-level field of `v` that the importer does not use, as `<Kind>.<Field>`. */
  fields(kind: string, v: Rec, used: ReadonlySet<string>): void {
    for (const k of Object.keys(v)) if (!used.has(k)) this.ignore(`${kind}.${k}`);
  }

  note(text: string): void {
    this.notes.push(text);
  }
}

export function where(it: { file: string; path: string }, sub = ''): string {
  return `${it.file} ${it.path}${sub}`;
}
