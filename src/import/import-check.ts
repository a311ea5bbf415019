// An import must never write a topology that does not load. After conversion the topology is bound like any
// file; an error left is reported against the dump: the describe-* file and JSONPath of the resource it came from.
import { bind } from '../bind/bind.js';
import type { Diagnostic } from '../load/diagnostics.js';
import { SourceFile } from '../load/source.js';
import { kindName, validateSchema } from '../load/validate.js';
import { AwsImportError, type TopologyData, type TopologyDraft } from './aws-types.js';
import { isListKey, type Rec } from './aws-util.js';

/** Where a resource of the topology came from in the dump. */
export interface Origin {
  file: string;
  /** JSONPath of the resource in that file, e.g. $.VpnConnections[0] */
  path: string;
}

export interface ImportedError {
  /** the dump file, when the resource's origin is known */
  file?: string;
  message: string;
}

const MAX_LISTED = 20;

/** The imported topology once it loads; ImportInvalidError, naming the dump files, when it does not. */
export function checkedImport(topology: TopologyDraft, origins: ReadonlyMap<string, Origin>): TopologyData {
  const errors = importedTopologyErrors(topology, origins);
  if (!loads(topology, errors.length)) throw new ImportInvalidError(errors);
  return topology;
}

/**
 * Whether a document an importer built is the format's TopologyData: it is when the schema check and the binder find
 * no error in it (`errorCount`), as that type is written from the same schema (scripts/write-schema.mjs; the test
 * tests/load/load-schema.test.ts holds the two together).
 */
export function loads(doc: Rec, errorCount: number): doc is TopologyData {
  return errorCount === 0;
}

/** The errors of an imported topology, each naming the dump file and resource it comes from (empty when it loads). */
export function importedTopologyErrors(topology: TopologyDraft, origins: ReadonlyMap<string, Origin>): ImportedError[] {
  const source = new SourceFile('(imported topology).json', () => JSON.stringify(topology, null, 2));
  const schema = validateSchema(topology, source);
  const diagnostics: Diagnostic[] = schema.some((d) => d.severity === 'error') ? schema : bind({ source, data: topology, diagnostics: schema }).diagnostics;
  return diagnostics.filter((d) => d.severity === 'error').map((d) => located(d, topology, origins));
}

function located(d: Diagnostic, topology: TopologyDraft, origins: ReadonlyMap<string, Origin>): ImportedError {
  const [list, i] = d.path ?? [];
  const item = isListKey(list) && typeof i === 'number' ? topology[list]?.[i] : undefined;
  const id = item?.id;
  const origin = typeof id === 'string' ? origins.get(id) : undefined;
  const what = typeof id === 'string' && typeof list === 'string' ? `${kindName(list)} ${id}` : 'the imported topology';
  if (!origin) return { message: `${what}: ${d.code} ${d.message}` };
  return { file: origin.file, message: `${origin.path} (${what}): ${d.code} ${d.message}` };
}

/** The errors as the lines of one message: `file $.Path (kind id): CODE message`. */
export function importedErrorLines(errors: readonly ImportedError[]): string[] {
  const lines = errors.slice(0, MAX_LISTED).map((e) => `${e.file ? `${e.file} ` : ''}${e.message}`);
  if (errors.length > MAX_LISTED) lines.push(`... and ${errors.length - MAX_LISTED} more`);
  return lines;
}

/** The import stopped because its topology would not load; `errors` name the dump files. */
export class ImportInvalidError extends AwsImportError {
  constructor(readonly errors: ImportedError[]) {
    const n = errors.length === 1 ? '1 error' : `${errors.length} errors`;
    super(
      'IMPORT_INVALID',
      `the imported topology would not load (${n}); nothing written:${importedErrorLines(errors)
        .map((l) => `\n  ${l}`)
        .join('')}`,
      errors[0]!.file,
    );
  }
}

/**
 * A diagnostic about imported data, moved from the in-memory topology (a file that does not exist) to the dump:
 * the describe-* file the resource came from, with its JSONPath and id in the message.
 */
export function toDumpDiagnostic(d: Diagnostic, topology: TopologyDraft, origins: ReadonlyMap<string, Origin>, folder: string): Diagnostic {
  const e = located(d, topology, origins);
  const { path: _path, ...rest } = d;
  void _path;
  return { ...rest, file: e.file ? `${folder}/${e.file}` : folder, line: 1, col: 1, message: e.message.replace(`${d.code} `, '') };
}
