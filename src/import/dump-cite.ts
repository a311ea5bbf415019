// Citations into an AWS dump: a part of the imported topology is cited at the describe-* file and JSONPath of the
// resource it was converted from, with the line and column of that resource in the real file.
import { readFileSync } from 'node:fs';
import type { Citation, Citer } from '../load/cite.js';
import type { Path } from '../load/diagnostics.js';
import { SourceFile } from '../load/source.js';
import type { Origin } from './import-check.js';

/** `$.Reservations[0].Instances[1]` → ['Reservations', 0, 'Instances', 1] */
export function parseJsonPath(p: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of p.matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)) out.push(m[1] !== undefined ? m[1] : Number(m[2]));
  return out;
}

/** A citer for a topology imported from `folder`: `data` is the imported topology, `origins` resource id → dump place. */
export function dumpCiter(folder: string, data: unknown, origins: ReadonlyMap<string, Origin>): Citer {
  const sources = new Map<string, SourceFile | null>();
  const source = (file: string): SourceFile | null => {
    let s = sources.get(file);
    if (s === undefined) {
      try {
        s = new SourceFile(file, readFileSync(file, 'utf8'));
      } catch {
        s = null; // gone since the import: cited without a line
      }
      sources.set(file, s);
    }
    return s;
  };
  return (path: Path): Citation => {
    const [list, i] = path;
    const item = typeof list === 'string' && typeof i === 'number' ? (data as Record<string, unknown[]>)[list]?.[i] : undefined;
    const id = item && typeof item === 'object' ? (item as Record<string, unknown>).id : undefined;
    const origin = typeof id === 'string' ? origins.get(id) : undefined;
    if (!origin) return { file: folder, line: 0, col: 0 };
    const file = `${folder}/${origin.file}`;
    const pos = source(file)?.position(parseJsonPath(origin.path));
    return { file, line: pos?.line ?? 0, col: pos?.col ?? 0, at: origin.path };
  };
}
