// Errors under --json: one JSON document on stdout, `{ "errors": [ { code, severity, message, file, line, column,
// hint } ] }`, with the same exit codes as the text form. A usage error has no file (file, line, column null);
// an error about a whole file is at line 1, column 1. Contract: docs/cli.md.
import type { Diagnostic } from '../load/diagnostics.js';

export interface JsonError {
  code: string;
  severity: 'error';
  message: string;
  file: string | null;
  line: number | null;
  column: number | null;
  hint: string | null;
}

export function diagnosticError(d: Diagnostic): JsonError {
  return { code: d.code, severity: 'error', message: d.message, file: d.file, line: Math.max(1, d.line), column: Math.max(1, d.col), hint: d.hint ?? null };
}

export function usageError(code: string, message: string): JsonError {
  return { code, severity: 'error', message, file: null, line: null, column: null, hint: null };
}

export function jsonErrorsText(errors: JsonError[]): string {
  return `${JSON.stringify({ errors }, null, 2)}\n`;
}

/** Does the command line ask for JSON output (`--json` before any `--`)? */
export function wantsJson(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).includes('--json');
}
