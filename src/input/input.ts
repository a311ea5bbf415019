// What an input path is, decided in one place for every command (validate, trace, show, check…): a list of
// recognisers, tried in order; the first that recognises the path loads it. A new kind of input (a Terraform plan
// or state) is one more entry in INPUT_KINDS.
import { closeSync, openSync, readdirSync, readSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { bind, type BindResult } from '../bind/bind.js';
import { importAwsForLoader } from '../import/aws.js';
import { DUMP_HEAD_RE } from '../import/aws-kinds.js';
import { looksLikeTerraform } from '../import/terraform/read.js';
import { loadTerraformIfPlan } from '../import/terraform/loader.js';
import { registerAssumptions } from '../import/terraform/assumptions.js';
import { toDumpDiagnostic } from '../import/import-check.js';
import { dumpCiter } from '../import/dump-cite.js';
import { registerCiter } from '../load/cite.js';
import type { Diagnostic } from '../load/diagnostics.js';
import { DEFAULT_MAX_JSON, loadFile, loadText } from '../load/load.js';
import { SourceFile } from '../load/source.js';
import { spellingHints } from '../load/spellings.js';
import { validateSchema } from '../load/validate.js';

export interface InputOptions {
  /** for inputs that hold several regions: the one to read */
  region?: string;
  /** for standard input (`-`): its format; by default guessed from the first character */
  inputFormat?: 'yaml' | 'json';
  /** for tests: the text standard input would give */
  stdinText?: string;
}

export interface InputKind {
  /** stable name: 'aws-dump', 'topology' */
  kind: string;
  /** for messages: "a folder of aws ec2 describe-* output" */
  label: string;
  /** cheap: looks at the path and at most the first bytes of a few files */
  recognise(path: string, st: Stats | undefined): boolean;
  load(path: string, opts: InputOptions): InputResult;
}

/** A bound topology, with the data and text it came from (undefined when it could not be read or parsed). */
export interface InputResult extends BindResult {
  data?: unknown;
  source?: SourceFile;
}

export interface LoadedInput extends InputResult {
  path: string;
  kind: string;
}

function stat(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function head(file: string, bytes = 256): string {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n).toString('utf8');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Does a folder (or its <region>/ and <account>/<region>/ subfolders) hold a file whose first bytes are describe-* output? */
export function holdsAwsDump(dir: string, depth = 0, budget = { files: 200 }): boolean {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  for (const e of entries) {
    if (e.name.startsWith('.') || budget.files <= 0) continue;
    const p = join(dir, e.name);
    if (/\.json$/i.test(e.name) && !e.isDirectory()) {
      budget.files--;
      if (DUMP_HEAD_RE.test(head(p))) return true;
    } else if (e.isDirectory() && depth < 2 && holdsAwsDump(p, depth + 1, budget)) return true;
  }
  return false;
}

/** A folder with no topology files of its own but JSON or subfolders: the importer says what is wrong with it. */
function mayBeAwsDump(dir: string): boolean {
  try {
    const entries = readdirSync(dir, { withFileTypes: true }).filter((e) => !e.name.startsWith('.'));
    if (entries.some((e) => /\.ya?ml$/i.test(e.name))) return false;
    return entries.some((e) => /\.json$/i.test(e.name) || e.isDirectory() || e.isSymbolicLink());
  } catch {
    return true; // unreadable: the importer says why
  }
}

export const AWS_DUMP: InputKind = {
  kind: 'aws-dump',
  label: 'a folder of aws ec2 describe-* output',
  recognise: (path, st) => st?.isDirectory() === true && holdsAwsDump(path),
  load(path, opts) {
    const imported = importAwsForLoader(path, opts.region ? { region: opts.region } : {});
    if (!imported.data) return { diagnostics: imported.diagnostics };
    const data = imported.data;
    const folder = path.replace(/\/+$/, '');
    // The topology exists only in memory: it is named by its folder, and what the binder says about it, or a
    // trace, show or check cites in it, is placed in the dump file and resource it came from.
    const source = new SourceFile(folder, () => JSON.stringify(data, null, 2));
    const bound = bind({ source, data, diagnostics: validateSchema(data, source) });
    const origins = imported.origins ?? new Map();
    if (bound.topology) registerCiter(bound.topology, dumpCiter(folder, data, origins));
    const diagnostics = bound.diagnostics.map((d) => toDumpDiagnostic(d, data, origins, folder));
    return { topology: bound.topology, diagnostics: [...imported.diagnostics, ...diagnostics], data, source };
  },
};

export const TOPOLOGY_FILE: InputKind = {
  kind: 'topology',
  label: 'a topology file (.yaml, .yml or .json)',
  recognise: (_path, st) => st === undefined || !st.isDirectory(),
  load(path) {
    const loaded = loadFile(path);
    return { ...bind(loaded), data: loaded.data, source: loaded.source };
  },
};

/** A Terraform plan or state (`terraform show -json`, terraform.tfstate v4), recognised by its first bytes (docs/terraform.md). */
export const TERRAFORM: InputKind = {
  kind: 'terraform',
  label: 'a Terraform plan or state (terraform show -json, terraform.tfstate)',
  recognise: (path, st) => st?.isFile() === true && looksLikeTerraform(path),
  load(path) {
    const tf = loadTerraformIfPlan(path);
    if (!tf) return TOPOLOGY_FILE.load(path, {});
    const bound = bind(tf);
    // values unknown until apply that a trace may depend on: reported under the trace (src/import/terraform/assumptions.ts)
    if (bound.topology) registerAssumptions(bound.topology, tf.assumptions, tf.aliases);
    return { ...bound, data: tf.data, source: tf.source };
  },
};

/** Standard input is bounded like a JSON topology file: `< /dev/zero` must not fill memory. */
const MAX_STDIN = DEFAULT_MAX_JSON;

/** Reads standard input synchronously, up to `max` bytes; undefined when there is more. */
function readStdin(max: number): string | undefined {
  const chunks: Buffer[] = [];
  let size = 0;
  const buf = Buffer.alloc(1 << 16);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, buf, 0, buf.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    size += n;
    if (size > max) return undefined;
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return Buffer.concat(chunks).toString('utf8');
}

export const STDIN: InputKind = {
  kind: 'stdin',
  label: "'-' for a topology on standard input",
  recognise: (path) => path === '-',
  load(_path, opts) {
    let text: string | undefined;
    try {
      text = opts.stdinText ?? readStdin(MAX_STDIN);
    } catch (e) {
      return {
        diagnostics: [
          { code: 'FILE_UNREADABLE', severity: 'error', message: `cannot read standard input: ${(e as Error).message}`, file: '-', line: 1, col: 1 },
        ],
      };
    }
    if (text === undefined)
      return {
        diagnostics: [
          {
            code: 'FILE_TOO_LARGE',
            severity: 'error',
            message: `standard input holds more than ${MAX_STDIN / 1024 / 1024} MiB, above the limit for a topology`,
            file: '-',
            line: 1,
            col: 1,
          },
        ],
      };
    const json = opts.inputFormat ? opts.inputFormat === 'json' : /^\s*[[{]/.test(text.slice(0, 256).replace(/^\ufeff/, ''));
    // The loader picks the parser by the name's extension.
    const loaded = loadText(text, json ? '(stdin).json' : '(stdin).yaml');
    return { ...bind(loaded), data: loaded.data, source: loaded.source };
  },
};

/** Tried in order; the first that recognises a path loads it. */
export const INPUT_KINDS: InputKind[] = [STDIN, AWS_DUMP, TERRAFORM, TOPOLOGY_FILE];

/** The kind of input a path is, or undefined for a folder that is none of them (a folder of topology files). */
export function recogniseInput(path: string): InputKind | undefined {
  const st = stat(path);
  return INPUT_KINDS.find((k) => k.recognise(path, st));
}

/** Whole-file errors sit at line 1, column 1, in every command and output format. */
function placeWholeFile(ds: Diagnostic[]): Diagnostic[] {
  for (const d of ds) {
    if (d.line < 1) d.line = 1;
    if (d.col < 1) d.col = 1;
  }
  return ds;
}

/** Loads and binds one input: a topology file or a dump folder. Every problem is a diagnostic, never an exception. */
export function loadInput(path: string, opts: InputOptions = {}): LoadedInput {
  let kind = recogniseInput(path);
  if (!kind && stat(path)?.isDirectory() && mayBeAwsDump(path)) kind = AWS_DUMP;
  if (!kind) {
    const message = `${path} is a directory with no aws describe-* output; expected ${[...INPUT_KINDS]
      .reverse()
      .map((k) => k.label)
      .join(' or ')}`;
    return { path, kind: 'none', diagnostics: [{ code: 'FILE_IS_DIRECTORY', severity: 'error', message, file: path, line: 1, col: 1 }] };
  }
  const r = kind.load(path, opts);
  return { ...r, path, kind: kind.kind, diagnostics: spellingHints(placeWholeFile(r.diagnostics)) };
}
