// How every command turns its <topology> argument into a bound graph: a YAML/JSON file, or a folder of
// `aws ec2 describe-*` output imported on the fly (the importer is loaded only for folders).
import { readdirSync, statSync } from 'node:fs';
import { bind, type BindResult } from '../bind/bind.js';
import { formatDiagnostic } from '../load/diagnostics.js';
import { loadFile } from '../load/load.js';
import { SourceFile } from '../load/source.js';
import { validateSchema } from '../load/validate.js';
// A Terraform plan or state (recognised by its first bytes) is imported on the fly; the importer is loaded only then.
import { looksLikeTerraform } from '../import/terraform/read.js';

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
  if (!isDirectory(path)) {
    if (!looksLikeTerraform(path)) return bind(loadFile(path));
    const [{ loadTerraformIfPlan }, { registerAssumptions }] = await Promise.all([import('../import/terraform/loader.js'), import('../import/terraform/assumptions.js')]);
    const tf = loadTerraformIfPlan(path);
    if (!tf) return bind(loadFile(path));
    const bound = bind(tf);
    if (bound.topology) registerAssumptions(bound.topology, tf.assumptions, tf.aliases);
    return bound;
  }
  if (!mayBeAwsDump(path)) {
    const message = `${path} is a directory with no aws describe-* output; expected a topology file (.yaml, .yml or .json) or a folder of describe-* JSON`;
    return { diagnostics: [{ code: 'FILE_IS_DIRECTORY', severity: 'error', message, file: path, line: 0, col: 0 }] };
  }
  const { importAwsForLoader } = await import('../import/aws.js');
  const imported = importAwsForLoader(path);
  if (!imported.data) return { diagnostics: imported.diagnostics };
  const data = imported.data;
  const source = new SourceFile(`${path.replace(/\/+$/, '')}/(imported).json`, () => JSON.stringify(data, null, 2));
  const bound = bind({ source, data, diagnostics: validateSchema(data, source) });
  return { topology: bound.topology, diagnostics: [...imported.diagnostics, ...bound.diagnostics] };
}

/** For commands that need a bound topology: print its first errors on stderr (the rest as a count). */
export function printLoadErrors(bound: BindResult, path: string, max = 20): void {
  const errs = bound.diagnostics.filter((d) => d.severity === 'error');
  for (const d of errs.slice(0, max)) process.stderr.write(`${formatDiagnostic(d)}\n`);
  if (errs.length > max) process.stderr.write(`… and ${errs.length - max} more (run vpcsim validate ${path})\n`);
}
