// A seeded structure-aware mutator for topology files, and the invariants every input must keep.
// Shared by the fuzz test in `npm test` (a few hundred cases) and `npm run fuzz` (thousands, any seed).
import { mulberry32 } from '../../src/generate/rng.js';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { loadTopologyText, trace, FlowError, type BindResult, type Diagnostic } from '../../src/index.js';
import { checkFile, exitCode } from '../../src/check/check.js';

const ROOT = join(import.meta.dirname, '..', '..');
export const FUZZ_FIXTURES = join(ROOT, 'tests', 'fixtures', 'fuzz');

/** The generator's seeded PRNG (mulberry32): the same sequence for the same seed on every machine. */
export const rng = mulberry32;

/** The seed corpus: the shipped scenarios and the test fixtures, as data. */
export function corpus(): { name: string; data: unknown }[] {
  const dirs = [join(ROOT, 'scenarios'), join(ROOT, 'tests', 'fixtures')];
  const out: { name: string; data: unknown }[] = [];
  for (const d of dirs) {
    for (const f of readdirSync(d)
      .filter((x) => /\.ya?ml$/.test(x))
      .sort()) {
      try {
        const data = parse(readFileSync(join(d, f), 'utf8'));
        if (data && typeof data === 'object') out.push({ name: f, data });
      } catch {
        // a fixture that is broken on purpose is not a seed
      }
    }
  }
  return out;
}

type Json = unknown;
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** Every path to a value in the data, and every id it declares. */
function walk(data: Json): { paths: (string | number)[][]; ids: string[] } {
  const paths: (string | number)[][] = [];
  const ids: string[] = [];
  const go = (v: Json, p: (string | number)[], depth: number) => {
    if (depth > 12) return;
    paths.push(p);
    if (Array.isArray(v)) v.forEach((x, i) => go(x, [...p, i], depth + 1));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'id' && typeof x === 'string') ids.push(x);
        go(x, [...p, k], depth + 1);
      }
    }
  };
  go(data, [], 0);
  return { paths, ids };
}

/** A value likely to break something: another id, a near-miss CIDR, a control character, a wrong type. */
function hostileValue(r: () => number, ids: string[]): Json {
  const n = Math.floor(r() * 256);
  const values: (() => Json)[] = [
    () => pick(r, ids.length ? ids : ['x']),
    () => `${pick(r, ids.length ? ids : ['x'])}x`,
    () => `10.${n}.0.0/${Math.floor(r() * 40)}`,
    () => `${n}.${n}.${n}.${n}`,
    () => '0.0.0.0/0',
    () => '::/0',
    () => `2600:1f18:${n.toString(16)}::/56`,
    () => Math.floor(r() * 70000) - 2,
    () => -1,
    () => null,
    () => true,
    () => ({}),
    () => [],
    () => 'all',
    () => 'tcp',
    () => '1-65535',
    () => '\u001b]0;x\u0007',
    () => 'x'.repeat(Math.floor(r() * 300)),
    () => [pick(r, ids.length ? ids : ['x'])],
  ];
  return pick(r, values)();
}

function at(data: Json, path: (string | number)[]): Json {
  let v = data;
  for (const k of path) v = (v as Record<string | number, Json>)?.[k];
  return v;
}

/** One structural mutation, in place. */
function mutateOnce(r: () => number, data: Json): void {
  const { paths, ids } = walk(data);
  const p = pick(
    r,
    paths.filter((x) => x.length > 0),
  );
  if (!p) return;
  const parent = at(data, p.slice(0, -1)) as Record<string | number, Json>;
  const key = p[p.length - 1]!;
  const op = Math.floor(r() * 6);
  if (op === 0) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else if (op === 1 && Array.isArray(parent)) {
    parent.push(structuredClone(parent[key as number])); // the same id twice in one list
  } else if (op === 2) {
    // an id of one list reused in another (finding 1 of the fuzzing campaign)
    const lists = Object.entries(data as Record<string, Json>).filter(([, v]) => Array.isArray(v) && v.length) as [string, Json[]][];
    if (lists.length) {
      const [, list] = pick(r, lists);
      const item = pick(r, list);
      if (item && typeof item === 'object' && !Array.isArray(item) && ids.length) (item as Record<string, Json>).id = pick(r, ids);
    }
  } else parent[key] = hostileValue(r, ids);
}

/** Text-level damage after serialising: truncation, a doubled line, a stray character. */
function damageText(r: () => number, text: string): string {
  const lines = text.split('\n');
  const op = Math.floor(r() * 4);
  if (op === 0) return text.slice(0, Math.floor(r() * text.length));
  if (op === 1) {
    const i = Math.floor(r() * lines.length);
    lines.splice(i, 0, lines[i] ?? '');
    return lines.join('\n');
  }
  if (op === 2) {
    const i = Math.floor(r() * text.length);
    return text.slice(0, i) + pick(r, ['{', '[', ']', ':', '"', "'", '&a', '*a', '\t', '- ', '#', '\u0000', '\\']) + text.slice(i);
  }
  return text;
}

export interface Case {
  name: string;
  text: string;
}

/** Case `i` of the campaign with this seed: a corpus file, a few mutations, YAML or JSON, maybe damaged text. */
export function makeCase(seed: number, i: number, seeds: { name: string; data: unknown }[]): Case {
  const r = rng((seed * 1_000_003 + i) >>> 0);
  const base = pick(r, seeds);
  const data = structuredClone(base.data);
  const n = 1 + Math.floor(r() * 4);
  for (let k = 0; k < n; k++) mutateOnce(r, data);
  const json = r() < 0.4;
  let text = json ? JSON.stringify(data, null, r() < 0.5 ? 2 : undefined) : stringify(data);
  if (r() < 0.25) text = damageText(r, text);
  return { name: `${basename(base.name).replace(/\.ya?ml$/, '')}-s${seed}-c${i}.${json ? 'json' : 'yaml'}`, text };
}

/** What went wrong with a case, or undefined when every invariant holds. */
export function checkInvariants(c: Case): string | undefined {
  let bound: BindResult;
  try {
    bound = loadTopologyText(c.text, c.name);
  } catch (e) {
    return `load/bind threw: ${(e as Error).stack ?? e}`;
  }
  const bad = bound.diagnostics.find((d: Diagnostic) => !(d.line >= 1 && d.col >= 1) || !/^[A-Z][A-Z0-9_]*$/.test(d.code) || !d.message);
  if (bad) return `diagnostic without a position or code: ${JSON.stringify(bad)}`;
  const errors = bound.diagnostics.filter((d) => d.severity === 'error');
  // exit-code classes: a topology is returned exactly when nothing is wrong (exit 2 otherwise)
  if ((errors.length === 0) !== (bound.topology !== undefined))
    return `topology ${bound.topology ? 'returned with' : 'missing without'} errors (${errors.length})`;
  const t = bound.topology;
  if (t) {
    const ends = [...t.instances.map((x) => x.id), 'internet'].slice(0, 6);
    for (const from of ends) {
      for (const to of ends) {
        if (from === to) continue;
        try {
          const res = trace(t, { from, to, protocol: 'tcp', port: 443 });
          if (res.verdict !== 'ACCEPT' && res.verdict !== 'REJECT') return `trace ${from} → ${to}: verdict ${String(res.verdict)}`;
        } catch (e) {
          if (!(e instanceof FlowError)) return `trace ${from} → ${to} threw: ${(e as Error).stack ?? e}`;
        }
      }
    }
  }
  // check, through a real file: lint rules and assertions; exit code 0, 1 or 2, every finding placed
  const dir = mkdtempSync(join(tmpdir(), 'vpcsim-fuzz-'));
  const file = join(dir, c.name);
  writeFileSync(file, c.text);
  try {
    const report = checkFile(file);
    const code = exitCode({ files: [report], findings: report.findings, assertions: report.assertions });
    if (![0, 1, 2].includes(code)) return `check exit code ${code}`;
    if (errors.length > 0 && code === 0) return 'check passed a file that does not load';
    const unplaced = report.findings.find((f) => !(f.line >= 1 && f.col >= 1));
    if (unplaced) return `check finding without a position: ${JSON.stringify(unplaced)}`;
  } catch (e) {
    return `check threw: ${(e as Error).stack ?? e}`;
  }
  return undefined;
}

/** Saves a failing case as a regression fixture (tests/fixtures/fuzz/), returning its path. */
export function saveFailure(c: Case): string {
  const path = join(FUZZ_FIXTURES, c.name);
  writeFileSync(path, c.text);
  return path;
}
