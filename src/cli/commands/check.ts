// The `vpcsim check` command body: collect files, check them, render, write, and map the outcome to an exit code.
import { statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { renderCheckText } from '../../render/check-text.js';
import { withAssertionTraces } from '../../render/trace-assertion.js';
import { hopWords } from '../../render/trace-detail.js';
import { renderCheckGithub, renderCheckJson, renderCheckJunit, renderCheckSarif } from '../../render/check-formats.js';
import { UsageError } from '../exit.js';
import { checkFiles, collectFiles, exitCode, InputError, ruleEnabled, type CheckOptions } from '../../check/check.js';
import { listRules, resolveRule } from '../../check/catalogue.js';
import { ConfigError, findConfig, FORMATS, loadConfig, type CheckConfig } from '../../check/config.js';
import { RULES, ruleMeta } from '../../check/rules.js';
import type { RuleMeta, Severity } from '../../check/types.js';

const SEVERITIES = ['error', 'warning', 'info'] as const;

/** Rule ids from a comma-separated list of ids or names. */
function ids(v: unknown, flag: string): string[] | undefined {
  if (typeof v !== 'string') return undefined;
  const list = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return list.map((x) => resolveRule(x) ?? fail(`${flag}: unknown rule '${x}' (see vpcsim check --list-rules)`));
}

function fail(message: string): never {
  throw new UsageError(message);
}

/** The config named by --config, or the nearest .vpcsim.yaml above the working directory; none with --no-config. */
function readConfig(opts: Record<string, unknown>): CheckConfig | undefined {
  if (opts.config === false) return undefined;
  const file = typeof opts.config === 'string' ? opts.config : findConfig();
  if (!file) return undefined;
  try {
    return loadConfig(file);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/** `check --list-rules`: id, name, severity, on/off and a one-line description, after the config is applied. */
function listRulesText(opts: Record<string, unknown>, checkOpts: CheckOptions): string {
  const rules = listRules(checkOpts.severity, (id) => ruleEnabled(id, checkOpts));
  if (opts.json === true) return `${JSON.stringify(rules, null, 2)}\n`;
  // Fits 80 columns: the description goes under the name, wrapped.
  const w = Math.max(...rules.map((r) => r.name.length));
  return (
    rules
      .map(
        (r) =>
          `${r.id}  ${r.name.padEnd(w)}  ${r.severity.padEnd(7)}  ${r.enabledByDefault ? 'on' : 'off'}\n${wrap(r.description, 72)
            .map((l) => `        ${l}`)
            .join('\n')}`,
      )
      .join('\n') + '\n'
  );
}

/** Flags and the config file combined: a flag wins over the config. */
function checkOptions(opts: Record<string, unknown>, cfg: CheckConfig | undefined): CheckOptions {
  return {
    rules: ids(opts.rules, '--rules'),
    skip: ids(opts.skip, '--skip'),
    enable: cfg?.enable,
    disable: cfg?.disable,
    severity: cfg?.severity,
    inlineSuppressions: cfg?.inlineSuppressions,
    suppressions: cfg?.suppressions,
    assertionsFile: typeof opts.assertions === 'string' ? opts.assertions : undefined,
    assertionsFiles: cfg?.assertions,
    region: typeof opts.region === 'string' ? opts.region : undefined,
    inputFormat:
      opts.inputFormat === 'yaml' || opts.inputFormat === 'json'
        ? opts.inputFormat
        : opts.inputFormat === undefined
          ? undefined
          : fail(`--input-format must be yaml or json, got '${String(opts.inputFormat)}'`),
  };
}

function cannotWrite(file: string, e: unknown): UsageError {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? `no such directory ${dirname(file)}`
      : code === 'EISDIR'
        ? 'it is a directory'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'ENOTDIR'
            ? `${dirname(file)} is not a directory`
            : (code ?? (e as Error).message);
  return new UsageError(`cannot write ${file}: ${why}`);
}

/** Refuse an --output the report could not be written to before checking anything. */
function checkOutput(file: string): void {
  if (file.trim() === '') throw new UsageError("cannot write '': --output needs a file name");
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`cannot write ${file}: it is a directory`);
    return;
  } catch (e) {
    if (e instanceof UsageError) throw e;
  }
  let dir;
  try {
    dir = statSync(dirname(file));
  } catch (e) {
    throw cannotWrite(file, e);
  }
  if (!dir.isDirectory()) throw new UsageError(`cannot write ${file}: ${dirname(file)} is not a directory`);
}

function writeReport(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (e) {
    throw cannotWrite(file, e);
  }
}

export async function runCheck(inputs: string[], opts: Record<string, unknown>): Promise<number> {
  const cfg = readConfig(opts);
  const checkOpts = checkOptions(opts, cfg);
  if (opts.listRules === true) {
    if (inputs.length) throw new UsageError('--list-rules takes no inputs');
    process.stdout.write(listRulesText(opts, checkOpts));
    return 0;
  }
  if (opts.json === true) throw new UsageError('--json goes with --list-rules; for findings use --format json');
  if (!inputs.length) throw new UsageError('check needs topology files, folders or globs (or --list-rules); see vpcsim check --help');
  const format = String(opts.format ?? cfg?.format ?? 'text');
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got '${format}'`);
  const failOn = String(opts.failOn ?? cfg?.failOn ?? 'error');
  if (!(SEVERITIES as readonly string[]).includes(failOn)) throw new UsageError(`--fail-on must be error, warning or info, got '${failOn}'`);
  if (typeof opts.output === 'string') checkOutput(opts.output);
  const exclude = [
    ...(cfg?.exclude ?? []).map((pattern) => ({ pattern, base: dirname(resolve(cfg!.file)) })),
    ...((opts.exclude as string[] | undefined) ?? []).map((pattern) => ({ pattern, base: process.cwd() })),
  ];
  let report;
  try {
    report = withAssertionTraces(checkFiles(collectFiles(inputs, { exclude }), { ...checkOpts, describeHop: hopWords, keepTopologies: format === 'html' }));
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(e.message);
    throw e;
  }
  const metas: RuleMeta[] = RULES.filter((r) => ruleEnabled(r.id, checkOpts)).map((r) => ({
    ...ruleMeta(r.id)!,
    severity: checkOpts.severity?.[r.id] ?? r.severity,
  }));
  const text =
    format === 'html' ? await (await import('../../render/check-html.js')).renderCheckHtml(report) : render(report, format, metas, opts.verbose === true);
  if (typeof opts.output === 'string') writeReport(opts.output, text);
  else process.stdout.write(text);
  return exitCode(report, failOn as Severity);
}

function render(report: ReturnType<typeof checkFiles>, format: string, metas: RuleMeta[], verbose: boolean): string {
  switch (format) {
    case 'json':
      return renderCheckJson(report);
    case 'sarif':
      return JSON.stringify(renderCheckSarif(report, metas), null, 2) + '\n';
    case 'junit':
      return renderCheckJunit(report, metas);
    case 'github':
      return renderCheckGithub(report);
    default:
      return renderCheckText(report, { verbose });
  }
}
