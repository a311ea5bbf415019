// The `vpcsim check` command body: collect files, check them, render, write, and map the outcome to an exit code.
import { statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { renderCheckText } from '../render/check-text.js';
import { renderCheckGithub, renderCheckJson, renderCheckJunit, renderCheckSarif } from '../render/check-formats.js';
import { UsageError } from '../cli/exit.js';
import { checkFiles, collectFiles, exitCode, InputError } from './check.js';
import { RULES, ruleMeta } from './rules.js';
import type { RuleMeta } from './types.js';

const FORMATS = ['text', 'json', 'sarif', 'junit', 'github'] as const;
const SEVERITIES = ['error', 'warning', 'info'] as const;

function ids(v: unknown, flag: string): string[] | undefined {
  if (typeof v !== 'string') return undefined;
  const list = v.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
  for (const id of list) if (!ruleMeta(id)) throw new UsageError(`${flag}: unknown rule '${id}' (known: ${RULES.map((r) => r.id).join(', ')})`);
  return list;
}

function cannotWrite(file: string, e: unknown): UsageError {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT' ? `no such directory ${dirname(file)}` : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOTDIR' ? `${dirname(file)} is not a directory` : (code ?? (e as Error).message);
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
  const format = String(opts.format ?? 'text');
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got '${format}'`);
  const failOn = String(opts.failOn ?? 'error');
  if (!(SEVERITIES as readonly string[]).includes(failOn)) throw new UsageError(`--fail-on must be error, warning or info, got '${failOn}'`);
  if (typeof opts.output === 'string') checkOutput(opts.output);
  let files: string[];
  try {
    files = collectFiles(inputs);
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(e.message);
    throw e;
  }
  const rules = ids(opts.rules, '--rules');
  const skip = ids(opts.skip, '--skip');
  let report;
  try {
    report = checkFiles(files, { rules, skip, assertionsFile: typeof opts.assertions === 'string' ? opts.assertions : undefined });
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(e.message);
    throw e;
  }
  const metas: RuleMeta[] = RULES.filter((r) => (!rules || rules.includes(r.id)) && !skip?.includes(r.id)).map((r) => ruleMeta(r.id)!);
  let text: string;
  switch (format) {
    case 'json':
      text = renderCheckJson(report);
      break;
    case 'sarif':
      text = JSON.stringify(renderCheckSarif(report, metas), null, 2) + '\n';
      break;
    case 'junit':
      text = renderCheckJunit(report, metas);
      break;
    case 'github':
      text = renderCheckGithub(report);
      break;
    default:
      text = renderCheckText(report, { verbose: opts.verbose === true });
  }
  if (typeof opts.output === 'string') writeReport(opts.output, text);
  else process.stdout.write(text);
  return exitCode(report, failOn as (typeof SEVERITIES)[number]);
}
