// Where a part of a topology was written, for citations (a trace's rule, show's positions, check's findings).
// For a topology file that is the file, line and column. A topology that exists only in memory (imported from an
// AWS dump folder) registers a citer that names the dump file and the resource's JSONPath instead.
import type { Path } from './diagnostics.js';
import type { SourceFile } from './source.js';

export interface Citation {
  file: string;
  /** 1-based; 0 when no line is known (then only `file` and `at` are shown) */
  line: number;
  col: number;
  /** for imported data: the JSONPath of the resource in `file`, e.g. $.SecurityGroups[3] */
  at?: string;
}

export type Citer = (path: Path) => Citation;

const citers = new WeakMap<object, Citer>();

/** Makes `cite(topology, …)` answer with `citer` (the topology was built from other files than its source). */
export function registerCiter(topology: object, citer: Citer): void {
  citers.set(topology, citer);
}

/** Where `path` of the topology was written. */
export function cite(t: { file: string; source: SourceFile }, path: Path): Citation {
  const citer = citers.get(t);
  if (citer) return citer(path);
  const pos = t.source.position(path);
  return { file: t.file, line: pos.line, col: pos.col };
}

/** `file:line`, with ` $.Path` for imported data. */
export function citationText(c: Citation): string {
  return `${c.file}${c.line > 0 ? `:${c.line}` : ''}${c.at ? ` ${c.at}` : ''}`;
}
