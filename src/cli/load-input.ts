// How every command turns its <topology> argument into a bound graph: src/input/input.ts decides what the path is
// (a topology file, a folder of `aws ec2 describe-*` output, …); this file adds the CLI's printing.
import type { BindResult } from '../bind/bind.js';
import { formatDiagnostic } from '../load/diagnostics.js';
import { loadInput, type InputOptions, type InputResult } from '../input/input.js';
import { diagnosticError, jsonErrorsText } from './json-errors.js';
import { UsageError } from './exit.js';
import { codeFrame } from './code-frame.js';

/** --region and --input-format, checked. */
export function inputOptions(opts: Record<string, unknown>): InputOptions {
  const fmt = opts.inputFormat;
  if (fmt !== undefined && fmt !== 'yaml' && fmt !== 'json') throw new UsageError(`--input-format must be yaml or json, got '${String(fmt)}'`);
  return { ...(typeof opts.region === 'string' ? { region: opts.region } : {}), ...(fmt ? { inputFormat: fmt } : {}) };
}

/** A topology file, a folder of describe-* output, or - for standard input: bound, with the document it was bound from. */
export async function loadTopologySource(path: string, opts: InputOptions = {}): Promise<InputResult> {
  return loadInput(path, opts);
}

/** For commands that need a bound topology: print its first errors on stderr (the rest as a count), or all of them as JSON on stdout. */
export function printLoadErrors(bound: BindResult, path: string, max = 20, json = false): void {
  const errs = bound.diagnostics.filter((d) => d.severity === 'error');
  if (json) {
    process.stdout.write(jsonErrorsText(errs.map(diagnosticError)));
    return;
  }
  for (const d of errs.slice(0, max)) process.stderr.write(`${[formatDiagnostic(d), ...codeFrame(d)].join('\n')}\n`);
  if (errs.length > max) process.stderr.write(`… and ${errs.length - max} more (run vpcsim validate ${path})\n`);
}
