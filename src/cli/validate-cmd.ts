import { loadTopologySource } from './load-input.js';
import { codeFrame } from './code-frame.js';
import type { InputOptions } from '../input/input.js';
import { formatDiagnostic, type Diagnostic } from '../load/diagnostics.js';
import { c } from '../render/color.js';
import { EXIT, UsageError } from './exit.js';

export interface ValidateOutcome {
  file: string;
  ok: boolean;
  errors: number;
  warnings: number;
  diagnostics: Diagnostic[];
}

export async function runValidate(files: string[], opts: { json: boolean; maxErrors: number; input?: InputOptions }): Promise<number> {
  if (!Number.isSafeInteger(opts.maxErrors) || opts.maxErrors < 1)
    throw new UsageError(`--max-errors must be a positive whole number, got '${opts.maxErrors}'`);
  if (files.filter((f) => f === '-').length > 1) throw new UsageError('standard input (-) can be read only once');
  const loaded = await Promise.all(files.map((file) => loadTopologySource(file, opts.input)));
  const results: ValidateOutcome[] = files.map((file, i) => {
    const r = loaded[i]!;
    const errors = r.diagnostics.filter((d) => d.severity === 'error').length;
    return { file, ok: errors === 0, errors, warnings: r.diagnostics.filter((d) => d.severity === 'warning').length, diagnostics: r.diagnostics };
  });
  if (opts.json) {
    // `column` is `col` under the name every other command's JSON errors use (docs/cli.md); `col` stays for existing readers.
    const withColumn = results.map((r) => ({ ...r, diagnostics: r.diagnostics.map((d) => ({ ...d, column: d.col })) }));
    process.stdout.write(`${JSON.stringify(withColumn, null, 2)}\n`);
  } else {
    for (const r of results) {
      const shown = r.diagnostics.slice(0, opts.maxErrors);
      for (const d of shown) {
        const line = formatDiagnostic(d);
        process.stdout.write(`${d.severity === 'error' ? c().red(line) : d.severity === 'warning' ? c().yellow(line) : line}\n`);
        for (const f of codeFrame(d)) process.stdout.write(`${c().dim(f)}\n`);
      }
      if (r.diagnostics.length > shown.length) process.stdout.write(`… and ${r.diagnostics.length - shown.length} more in ${r.file} (use --json for all)\n`);
      if (r.ok) process.stdout.write(`${c().green('OK')} ${r.file}${r.warnings ? ` (${r.warnings} warning${r.warnings === 1 ? '' : 's'})` : ''}\n`);
      else process.stdout.write(`${c().red('FAILED')} ${r.file}: ${r.errors} error${r.errors === 1 ? '' : 's'}\n`);
    }
  }
  return results.every((r) => r.ok) ? EXIT.OK : EXIT.USAGE;
}
