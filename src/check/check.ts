// checkFiles(): per file, the loader/binder diagnostics, then the lint rules, then the assertions.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { bind } from '../bind/bind.js';
import { loadFile } from '../load/load.js';
import { SourceFile } from '../load/source.js';
import { trace as realTrace } from '../trace/trace.js';
import { assertionsOf, placed, runAssertion, type PlacedAssertion, type TraceFn } from './assertions.js';
import { DIAGNOSTIC_RULE, RULES } from './rules.js';
import { applySuppressions, scanSuppressions } from './suppress.js';
import type { CheckReport, FileReport, Finding } from './types.js';

/** The rule id under which a failed assertion is reported. */
export const ASSERTION_RULE = 'ASSERTION';

export interface CheckOptions {
  /** only these rule ids */
  rules?: string[];
  /** not these rule ids */
  skip?: string[];
  /** a file of extra assertions (a list, or `assertions:` in a map), run against every topology */
  assertionsFile?: string;
  /** the tracer; tests pass a counting wrapper */
  traceFn?: TraceFn;
}

export class InputError extends Error {}

const TOPOLOGY_RE = /\.(ya?ml|json)$/i;

function globToRegExp(glob: string): RegExp {
  const re = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\/?/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]').replace(/\u0000/g, '.*');
  return new RegExp(`^${re}$`);
}

function walk(dir: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (TOPOLOGY_RE.test(e.name)) out.push(p);
  }
}

/**
 * Files to check: a file as given; a directory's own topology files (.yaml, .yml, .json), not its subfolders, so
 * `scenarios/` leaves `scenarios/broken/` alone; a glob with `*`, `?` or `**` (expanded here, so quoting it from the
 * shell works too): `'scenarios/**'` walks every level.
 */
export function collectFiles(inputs: string[]): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    if (/[*?]/.test(input)) {
      const parts = input.split('/');
      const firstGlob = parts.findIndex((p) => /[*?]/.test(p));
      const root = parts.slice(0, firstGlob).join('/') || '.';
      const all: string[] = [];
      try {
        walk(root, all);
      } catch {
        throw new InputError(`no such directory: ${root}`);
      }
      const re = globToRegExp(input.replace(/^\.\//, ''));
      const hits = all.filter((f) => re.test(f.replace(/^\.\//, '')));
      if (hits.length === 0) throw new InputError(`no topology files match ${input}`);
      out.push(...hits);
      continue;
    }
    let isDir = false;
    try {
      isDir = statSync(input).isDirectory();
    } catch {
      /* loadFile reports it */
    }
    if (isDir) {
      for (const e of readdirSync(input, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1)))
        if (!e.isDirectory() && TOPOLOGY_RE.test(e.name)) out.push(join(input, e.name));
    } else out.push(input);
  }
  return [...new Set(out)];
}

/** Assertions from a separate file: a YAML/JSON list, or a map with `assertions:`. */
export function loadAssertionsFile(file: string): PlacedAssertion[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${(e as Error).message}`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length) throw new InputError(`${file}: ${doc.errors[0]!.message}`);
  const data = doc.toJS() as unknown;
  const source = new SourceFile(file, text, doc, lines);
  if (Array.isArray(data)) return placed(data, source, []);
  if (data && typeof data === 'object' && Array.isArray((data as Record<string, unknown>).assertions)) return placed((data as Record<string, unknown>).assertions, source, ['assertions']);
  throw new InputError(`${file}: expected a list of assertions or a map with 'assertions:'`);
}

function enabled(id: string, opts: CheckOptions): boolean {
  if (opts.rules?.length && !opts.rules.includes(id)) return false;
  if (opts.skip?.includes(id)) return false;
  return true;
}

export function checkFile(file: string, opts: CheckOptions = {}, extra: PlacedAssertion[] = []): FileReport {
  const traceFn = opts.traceFn ?? realTrace;
  const loaded = loadFile(file);
  const report: FileReport = { file, unreadable: loaded.data === undefined, findings: [], assertions: [], rulesRun: [] };
  const bound = bind(loaded);
  for (const d of bound.diagnostics) {
    const ruleId = DIAGNOSTIC_RULE[d.code] ?? d.code;
    if (!enabled(ruleId, opts) && ruleId !== d.code) continue;
    report.findings.push({ file: d.file, line: d.line, col: d.col, ruleId, severity: d.severity, message: ruleId !== d.code ? `${d.message} [${d.code}]` : d.message, ...(d.hint ? { hint: d.hint } : {}) });
  }
  const t = bound.topology;
  if (t) {
    for (const rule of RULES) {
      if (!enabled(rule.id, opts)) continue;
      report.rulesRun.push(rule.id);
      report.findings.push(...rule.run({ t, traceFn }));
    }
    for (const a of [...assertionsOf(t), ...extra]) {
      const res = runAssertion(t, a, traceFn);
      report.assertions.push(res);
      if (!res.passed) {
        const [why, ...rest] = (res.failure ?? '').split('\n');
        report.findings.push({ file: res.file, line: res.line, col: res.col, ruleId: ASSERTION_RULE, severity: 'error', message: `assertion '${res.name}' failed: ${why}`, ...(rest.length ? { evidence: rest.join('\n') } : {}) });
      }
    }
  }
  if (!report.unreadable) applySuppressions(report.findings, scanSuppressions(loaded.source.text));
  report.findings.sort((a, b) => a.line - b.line || a.col - b.col || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  return report;
}

export function checkFiles(paths: string[], opts: CheckOptions = {}): CheckReport {
  const extra = opts.assertionsFile ? loadAssertionsFile(opts.assertionsFile) : [];
  const files = paths.map((p) => checkFile(p, opts, extra));
  const findings: Finding[] = files.flatMap((f) => f.findings);
  return { files, findings, assertions: files.flatMap((f) => f.assertions) };
}

const RANK = { info: 0, warning: 1, error: 2 } as const;

/** 0 when nothing unsuppressed is at or above `failOn` and every assertion holds; 2 when a file is unreadable; else 1. */
export function exitCode(r: CheckReport, failOn: 'error' | 'warning' | 'info' = 'error'): 0 | 1 | 2 {
  if (r.files.some((f) => f.unreadable)) return 2;
  if (r.findings.some((f) => !f.suppressed && RANK[f.severity] >= RANK[failOn])) return 1;
  return 0;
}

export { RULES };
