// checkFiles(): per file, the loader/binder diagnostics, then the lint rules, then the assertions.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { bind } from '../bind/bind.js';
import { DEFAULT_MAX_YAML, fileKind, loadFile } from '../load/load.js';
import { SourceFile } from '../load/source.js';
import { loadTerraformIfPlan } from '../import/terraform/loader.js';
import { trace as realTrace } from '../trace/trace.js';
import { assertionsOf, placed, placedProblems, runAssertion, type PlacedAssertion, type TraceFn } from './assertions.js';
import { DIAGNOSTIC_RULE, RULES } from './rules.js';
import { applySuppressions, scanSuppressions } from './suppress.js';
import type { CheckReport, FileReport, Finding } from './types.js';

/** The rule id under which a failed assertion is reported. */
export const ASSERTION_RULE = 'ASSERTION';
/** The code of an assertion that cannot run as written (a port above 65535, an unknown protocol...): bad input, exit 2. */
export const INVALID_ASSERTION = 'INVALID_ASSERTION';

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
      let entries;
      try {
        entries = readdirSync(input, { withFileTypes: true });
      } catch (e) {
        throw new InputError(`cannot read directory ${input}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      const found = entries.filter((e) => !e.isDirectory() && TOPOLOGY_RE.test(e.name)).map((e) => join(input, e.name));
      // A CI gate must not pass with nothing checked.
      if (found.length === 0) throw new InputError(`no topology files in ${input} (.yaml, .yml or .json; subfolders are not searched: use '${input.replace(/\/+$/, '')}/**' for them)`);
      out.push(...found.sort());
    } else out.push(input);
  }
  return [...new Set(out)];
}

/** Assertions from a separate file: a YAML/JSON list, or a map with `assertions:`. */
export function loadAssertionsFile(file: string): PlacedAssertion[] {
  let text: string;
  try {
    // A device or pipe would be read forever; an assertions file is a small regular file.
    const st = statSync(file);
    if (!st.isFile()) throw new InputError(`${file} is ${st.isDirectory() ? 'a directory' : fileKind(st)}, expected an assertions file`);
    if (st.size > DEFAULT_MAX_YAML) throw new InputError(`${file} is larger than an assertions file can be (${DEFAULT_MAX_YAML / 1024 / 1024} MiB)`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read ${file}: ${(e as Error).message}`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length) {
    const err = doc.errors[0]!;
    const pos = lines.linePos(err.pos[0]);
    throw new InputError(`${file}:${pos.line}:${pos.col}: ${err.message.split('\n')[0]}`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new InputError(`${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  const source = new SourceFile(file, text, doc, lines);
  let list: unknown;
  let base: string[];
  if (Array.isArray(data)) [list, base] = [data, []];
  else if (data && typeof data === 'object' && Array.isArray((data as Record<string, unknown>).assertions)) [list, base] = [(data as Record<string, unknown>).assertions, ['assertions']];
  else throw new InputError(`${file}: expected a list of assertions or a map with 'assertions:'`);
  // Bad assertions are bad input (exit 2), reported with the field and its position, before any topology is checked.
  const problems = placedProblems(list, source, base);
  if (problems.length) {
    const p = problems[0]!;
    throw new InputError(`${file}:${p.line}:${p.col}: ${p.text}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`);
  }
  return placed(list, source, base);
}

function enabled(id: string, opts: CheckOptions): boolean {
  if (opts.rules?.length && !opts.rules.includes(id)) return false;
  if (opts.skip?.includes(id)) return false;
  return true;
}

export function checkFile(file: string, opts: CheckOptions = {}, extra: PlacedAssertion[] = []): FileReport {
  const traceFn = opts.traceFn ?? realTrace;
  const loaded = loadTerraformIfPlan(file) ?? loadFile(file);
  const report: FileReport = { file, unreadable: loaded.data === undefined, invalidAssertions: false, findings: [], assertions: [], rulesRun: [] };
  const bound = bind(loaded);
  // Which assertions the loader already reports (schema errors under `assertions:`): they count as bad input.
  const reported = new Set<number>();
  for (const d of bound.diagnostics) {
    const ruleId = DIAGNOSTIC_RULE[d.code] ?? d.code;
    if (d.severity === 'error' && d.path?.[0] === 'assertions') {
      report.invalidAssertions = true;
      if (typeof d.path[1] === 'number') reported.add(d.path[1]);
    }
    if (!enabled(ruleId, opts) && ruleId !== d.code) continue;
    report.findings.push({ file: d.file, line: d.line, col: d.col, ruleId, severity: d.severity, message: ruleId !== d.code ? `${d.message} [${d.code}]` : d.message, ...(d.hint ? { hint: d.hint } : {}) });
  }
  // Assertions the tracer would refuse (port 70000, ports "100-1") are bad input too, reported at the field.
  const invalid = new Set<number>(reported);
  const written = (loaded.data as Record<string, unknown> | undefined)?.assertions;
  for (const p of placedProblems(written, loaded.source, ['assertions'])) {
    const i = p.path[1] as number;
    invalid.add(i);
    report.invalidAssertions = true;
    if (!reported.has(i)) report.findings.push({ file, line: p.line, col: p.col, ruleId: INVALID_ASSERTION, severity: 'error', message: p.text });
  }
  const t = bound.topology;
  if (t) {
    for (const rule of RULES) {
      if (!enabled(rule.id, opts)) continue;
      report.rulesRun.push(rule.id);
      report.findings.push(...rule.run({ t, traceFn }));
    }
    const own = assertionsOf(t).filter((_, i) => !invalid.has(i));
    for (const a of [...own, ...extra]) {
      const res = runAssertion(t, a, traceFn);
      report.assertions.push(res);
      if (!res.passed) {
        const [why, ...rest] = (res.failure ?? '').split('\n');
        report.findings.push({ file: res.file, line: res.line, col: res.col, ruleId: ASSERTION_RULE, severity: 'error', message: `assertion '${res.name}' failed: ${why}`, ...(rest.length ? { evidence: rest.join('\n') } : {}) });
      }
    }
  }
  // Positions are 1-based; a finding about the whole file (unreadable, too large) is at line 1, column 1.
  for (const f of report.findings) {
    f.line = Math.max(1, f.line);
    f.col = Math.max(1, f.col);
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

/** 0 when nothing unsuppressed is at or above `failOn` and every assertion holds; 2 when a file is unreadable or has a malformed assertion; else 1. */
export function exitCode(r: CheckReport, failOn: 'error' | 'warning' | 'info' = 'error'): 0 | 1 | 2 {
  if (r.files.some((f) => f.unreadable || f.invalidAssertions)) return 2;
  if (r.findings.some((f) => !f.suppressed && RANK[f.severity] >= RANK[failOn])) return 1;
  return 0;
}

export { RULES };
