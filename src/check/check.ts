// checkFiles(): per file, the loader/binder diagnostics, then the lint rules, then the assertions.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import { LineCounter, parseDocument } from 'yaml';
import { recogniseInput, loadInput } from '../input/input.js';
import { DEFAULT_MAX_YAML, fileKind } from '../load/load.js';
import { SourceFile } from '../load/source.js';
import { trace as realTrace } from '../trace/trace.js';
import { assertionsOf, placed, placedProblems, runAssertion, type PlacedAssertion, type TraceFn } from './assertions.js';
import { DIAGNOSTIC_RULE, RULES } from './rules.js';
import { OFF_BY_DEFAULT, resolveRule } from './catalogue.js';
import { applySuppressions, scanSuppressions, SUPPRESSION_INVALID, SUPPRESSION_UNUSED, type Suppression } from './suppress.js';
import type { CheckReport, FileReport, Finding, Severity } from './types.js';
import { hopOwnWords, type DescribeHop } from './rule-kit.js';
import type { Topology } from '../bind/model.js';

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
  /** more such files (from the config) */
  assertionsFiles?: string[];
  /** the tracer; tests pass a counting wrapper */
  traceFn?: TraceFn;
  /** the words of a rejecting hop in findings; the CLI passes render's (hopDetail, hopFix); default: the hop's own text */
  describeHop?: DescribeHop;
  /** rules switched on that are off by default (VPC021), and rules switched off, by the config */
  enable?: string[];
  disable?: string[];
  /** severities the config sets, by rule id */
  severity?: Record<string, Severity>;
  /** which rules inline comments may suppress: all (default), none, or these ids */
  inlineSuppressions?: boolean | string[];
  /** suppressions from the config, each for the absolute paths in `files` */
  suppressions?: (Suppression & { files: string[] })[];
  /** for dump folders holding several regions */
  region?: string;
  /** for standard input (-) */
  inputFormat?: 'yaml' | 'json';
  /** keep each file's bound topology in its report (the HTML report draws it) */
  keepTopologies?: boolean;
}

export class InputError extends Error {}

const TOPOLOGY_RE = /\.(ya?ml|json)$/i;
const GLOB_RE = /[*?[\]{}]/;
/** Never searched unless named: dependencies and dot-folders (.git, .terraform, …). */
export const DEFAULT_IGNORE = ['**/node_modules/**'];

export interface CollectOptions {
  /** globs of files and folders to leave out, each with the folder it is relative to */
  exclude?: { pattern: string; base: string }[];
}

/** Absolute paths the exclude globs name (a folder's files too). */
function excludedFiles(exclude: CollectOptions['exclude']): Set<string> {
  const out = new Set<string>();
  for (const { pattern, base } of exclude ?? []) {
    const p = pattern.replace(/\/+$/, '');
    for (const f of globSync([p, `${p}/**`], { cwd: base, absolute: true, dot: true })) out.add(resolve(f));
  }
  return out;
}

function expandGlob(input: string): string[] {
  // The folders before the first glob character are the root, so the default ignores apply below it.
  const parts = input.split('/');
  const first = parts.findIndex((p) => GLOB_RE.test(p));
  const base = parts.slice(0, first).join('/') || (input.startsWith('/') ? '/' : '.');
  const rest = parts.slice(first).join('/');
  const hits = globSync([rest], { cwd: base, ignore: DEFAULT_IGNORE, dot: false, expandDirectories: false })
    .filter((f) => TOPOLOGY_RE.test(f))
    .map((f) => (base === '.' && !input.startsWith('./') ? f : join(base, f)));
  if (hits.length === 0) throw new InputError(`no topology files match ${input}`);
  return hits.sort();
}

function folderFiles(input: string): string[] {
  let entries;
  try {
    entries = readdirSync(input, { withFileTypes: true });
  } catch (e) {
    throw new InputError(`cannot read directory ${input}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const found = entries.filter((e) => !e.isDirectory() && !e.name.startsWith('.') && TOPOLOGY_RE.test(e.name)).map((e) => join(input, e.name));
  // A CI gate must not pass with nothing checked.
  if (found.length === 0)
    throw new InputError(`no topology files in ${input} (.yaml, .yml or .json; subfolders are not searched: use '${input.replace(/\/+$/, '')}/**' for them)`);
  return found.sort();
}

/**
 * Inputs to check: a file as given; a folder of `aws ec2 describe-*` output as one input; any other folder's own
 * topology files (.yaml, .yml, .json), not its subfolders, so `scenarios/` leaves `scenarios/broken/` alone; a glob
 * (`*`, `?`, `**`, `{a,b}`, `[ab]`, expanded here so quoting it from the shell works too): `'scenarios/**'` walks
 * every level. Globs skip node_modules and dot-folders; `exclude` leaves out more.
 */
export function collectFiles(inputs: string[], opts: CollectOptions = {}): string[] {
  const out: string[] = [];
  const excluded = excludedFiles(opts.exclude);
  const keep = (files: string[]) => files.filter((f) => !excluded.has(resolve(f)));
  for (const input of inputs) {
    if (GLOB_RE.test(input) && !existsSync(input)) {
      const hits = keep(expandGlob(input));
      if (hits.length === 0) throw new InputError(`every file matching ${input} is excluded`);
      out.push(...hits);
      continue;
    }
    const kind = recogniseInput(input);
    if (kind || !isDirectory(input)) out.push(input);
    else {
      const hits = keep(folderFiles(input));
      if (hits.length === 0) throw new InputError(`every topology file in ${input} is excluded`);
      out.push(...hits);
    }
  }
  return [...new Set(out)];
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
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
  else if (data && typeof data === 'object' && Array.isArray((data as Record<string, unknown>).assertions))
    [list, base] = [(data as Record<string, unknown>).assertions, ['assertions']];
  else throw new InputError(`${file}: expected a list of assertions or a map with 'assertions:'`);
  // Bad assertions are bad input (exit 2), reported with the field and its position, before any topology is checked.
  const problems = placedProblems(list, source, base);
  if (problems.length) {
    const p = problems[0]!;
    throw new InputError(`${file}:${p.line}:${p.col}: ${p.text}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`);
  }
  return placed(list, source, base);
}

/** Is a rule on? --rules wins; then --skip and the config; rules off by default run only when asked for. */
export function ruleEnabled(id: string, opts: CheckOptions): boolean {
  if (opts.rules?.length) return opts.rules.includes(id);
  if (opts.skip?.includes(id) || opts.disable?.includes(id)) return false;
  if (OFF_BY_DEFAULT.has(id)) return opts.enable?.includes(id) === true;
  return true;
}

type Loaded = ReturnType<typeof loadInput>;

/** Loader and binder diagnostics as findings; marks assertions the loader already refused. */
function diagnosticFindings(report: FileReport, loaded: Loaded, opts: CheckOptions, reported: Set<number>): void {
  for (const d of loaded.diagnostics) {
    const ruleId = DIAGNOSTIC_RULE[d.code] ?? d.code;
    if (d.severity === 'error' && d.path?.[0] === 'assertions') {
      report.invalidAssertions = true;
      if (typeof d.path[1] === 'number') reported.add(d.path[1]);
    }
    if (!ruleEnabled(ruleId, opts) && ruleId !== d.code) continue;
    const severity = (ruleId !== d.code && opts.severity?.[ruleId]) || d.severity;
    report.findings.push({
      file: d.file,
      line: d.line,
      col: d.col,
      ruleId,
      severity,
      message: ruleId !== d.code ? `${d.message} [${d.code}]` : d.message,
      ...(d.hint ? { hint: d.hint } : {}),
    });
  }
}

/** The lint rules that are on, then the file's own assertions and the extra ones. */
function analyse(report: FileReport, t: Topology, opts: CheckOptions, extra: PlacedAssertion[], invalid: Set<number>): void {
  const traceFn = opts.traceFn ?? realTrace;
  const describeHop = opts.describeHop ?? hopOwnWords;
  for (const rule of RULES) {
    if (!ruleEnabled(rule.id, opts)) continue;
    report.rulesRun.push(rule.id);
    const override = opts.severity?.[rule.id];
    for (const f of rule.run({ t, traceFn, describeHop })) report.findings.push(override ? { ...f, severity: override } : f);
  }
  const own = assertionsOf(t).filter((_, i) => !invalid.has(i));
  for (const a of [...own, ...extra]) {
    const res = runAssertion(t, a, traceFn);
    report.assertions.push(res);
    if (!res.passed) {
      const [why, ...rest] = (res.failure ?? '').split('\n');
      report.findings.push({
        file: res.file,
        line: res.line,
        col: res.col,
        ruleId: ASSERTION_RULE,
        severity: 'error',
        message: `assertion '${res.name}' failed: ${why}`,
        ...(rest.length ? { evidence: rest.join('\n') } : {}),
      });
    }
  }
}

/** Inline comments (YAML only) the config allows, and the config's entries for this file. */
function suppress(report: FileReport, loaded: Loaded, opts: CheckOptions): void {
  const sups: Suppression[] = [];
  const allow = opts.inlineSuppressions ?? true;
  if (loaded.kind === 'topology' && loaded.source) {
    const scanned = scanSuppressions(loaded.source.text, report.file, resolveRule);
    report.findings.push(...scanned.problems);
    for (const s of scanned.suppressions) {
      const refused = allow === true ? [] : s.rules.filter((r) => allow === false || !allow.includes(r));
      if (refused.length)
        report.findings.push({
          file: s.file,
          line: s.line,
          col: s.col,
          ruleId: SUPPRESSION_INVALID,
          severity: 'error',
          message: `suppressing ${refused.join(', ')} in a comment is not allowed by the config (inlineSuppressions)`,
          hint: 'fix the finding, or ask for the rule to be allowed in .vpcsim.yaml',
        });
      else sups.push(s);
    }
  }
  const abs = resolve(report.file);
  for (const s of opts.suppressions ?? []) if (s.files.includes(abs)) sups.push({ ...s, used: false });
  const ran = (id: string) => report.rulesRun.includes(id) || !resolveRule(id);
  report.findings.push(...applySuppressions(report.findings, sups, ran, opts.severity?.[SUPPRESSION_UNUSED] ?? 'warning'));
}

export function checkFile(file: string, opts: CheckOptions = {}, extra: PlacedAssertion[] = []): FileReport {
  const loaded = loadInput(file, { region: opts.region, inputFormat: opts.inputFormat });
  const report: FileReport = { file, unreadable: loaded.data === undefined, invalidAssertions: false, findings: [], assertions: [], rulesRun: [] };
  // Which assertions the loader already reports (schema errors under `assertions:`): they count as bad input.
  const reported = new Set<number>();
  diagnosticFindings(report, loaded, opts, reported);
  // Assertions the tracer would refuse (port 70000, ports "100-1") are bad input too, reported at the field.
  const invalid = new Set<number>(reported);
  const written = (loaded.data as Record<string, unknown> | undefined)?.assertions;
  if (loaded.source) {
    for (const p of placedProblems(written, loaded.source, ['assertions'])) {
      const i = p.path[1] as number;
      invalid.add(i);
      report.invalidAssertions = true;
      if (!reported.has(i)) report.findings.push({ file, line: p.line, col: p.col, ruleId: INVALID_ASSERTION, severity: 'error', message: p.text });
    }
  }
  if (loaded.topology) analyse(report, loaded.topology, opts, extra, invalid);
  if (loaded.topology && opts.keepTopologies) report.topology = loaded.topology;
  // Positions are 1-based; a finding about the whole file (unreadable, too large) is at line 1, column 1.
  for (const f of report.findings) {
    f.line = Math.max(1, f.line);
    f.col = Math.max(1, f.col);
  }
  if (!report.unreadable) suppress(report, loaded, opts);
  report.findings.sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.col - b.col || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
  return report;
}

export function checkFiles(paths: string[], opts: CheckOptions = {}): CheckReport {
  const files_ = [...(opts.assertionsFile ? [opts.assertionsFile] : []), ...(opts.assertionsFiles ?? [])];
  const extra = files_.flatMap((f) => loadAssertionsFile(f));
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
