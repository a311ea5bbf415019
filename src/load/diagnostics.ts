// A diagnostic is one mistake in a file: a stable code, a sentence a person understands, and where it is.
import { closest, distance } from 'fastest-levenshtein';
export type Severity = 'error' | 'warning' | 'info';
export type Path = readonly (string | number)[];

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  col: number;
  /** what would fix it, when there is one obvious answer */
  hint?: string;
  /** where in the document: ['subnets', 2, 'cidr'] */
  path?: Path;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.col}` : d.file;
  return `${where} ${d.severity} ${d.code}: ${d.message}${d.hint ? ` (${d.hint})` : ''}`;
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/** Stable order: by file, then position, then code. */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return ds.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)));
}

/** The candidate close enough to `word` to suggest ("did you mean …?"), compared without case; undefined when none is. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const guess = closest(word, candidates as string[]);
  return distance(word.toLowerCase(), guess.toLowerCase()) <= Math.max(2, Math.floor(word.length / 3)) ? guess : undefined;
}
