// How every command turns its <topology> argument into a bound graph: a YAML/JSON file, or a folder of
// `aws ec2 describe-*` output imported on the fly (the importer is loaded only for folders).
import { readdirSync, statSync } from 'node:fs';
import { bind, type BindResult } from '../bind/bind.js';
import { formatDiagnostic } from '../load/diagnostics.js';
import { loadFile } from '../load/load.js';
import { SourceFile } from '../load/source.js';
import { validateSchema } from '../load/validate.js';

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A folder that may hold `aws ec2 describe-*` output: JSON files, or subfolders (<region>/, <account>/<region>/). */
function mayBeAwsDump(path: string): boolean {
  try {
    return readdirSync(path, { withFileTypes: true }).some((e) => !e.name.startsWith('.') && (/\.json$/i.test(e.name) || e.isDirectory() || e.isSymbolicLink()));
  } catch {
    // unreadable: the importer says why
    return true;
  }
}

/** A topology file, or a folder of describe-* output. */
export async function loadTopologySource(path: string): Promise<BindResult> {
  if (!isDirectory(path)) return bind(loadFile(path));
  if (!mayBeAwsDump(path)) {
    const message = `${path} is a directory with no aws describe-* output; expected a topology file (.yaml, .yml or .json) or a folder of describe-* JSON`;
    return { diagnostics: [{ code: 'FILE_IS_DIRECTORY', severity: 'error', message, file: path, line: 1, col: 1 }] };
  }
  const { importAwsForLoader } = await import('../import/aws.js');
  const { toDumpDiagnostic } = await import('../import/import-check.js');
  const imported = importAwsForLoader(path);
  if (!imported.data) return { diagnostics: imported.diagnostics };
  const data = imported.data;
  const folder = path.replace(/\/+$/, '');
  // The topology exists only in memory: what the binder says about it is placed in the dump file it came from.
  const source = new SourceFile(`${folder}/(imported).json`, () => JSON.stringify(data, null, 2));
  const bound = bind({ source, data, diagnostics: validateSchema(data, source) });
  const diagnostics = bound.diagnostics.map((d) => toDumpDiagnostic(d, data, imported.origins ?? new Map(), folder));
  return { topology: bound.topology, diagnostics: [...imported.diagnostics, ...diagnostics] };
}

/** For commands that need a bound topology: print its first errors on stderr (the rest as a count). */
export function printLoadErrors(bound: BindResult, path: string, max = 20): void {
  const errs = bound.diagnostics.filter((d) => d.severity === 'error');
  for (const d of errs.slice(0, max)) process.stderr.write(`${formatDiagnostic(d)}\n`);
  if (errs.length > max) process.stderr.write(`… and ${errs.length - max} more (run vpcsim validate ${path})\n`);
}
