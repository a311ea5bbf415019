// Reading a Terraform JSON document: a plan (`terraform show -json plan.out`), a state as `terraform show
// -json` prints it (`values.root_module`), or a raw terraform.tfstate (version 4). Bad input becomes a
// TerraformImportError with the file and, where the text tells, the line and column.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { SourceFile } from '../../load/source.js';
import { fileKind } from '../../load/load.js';
import type { Path } from '../../load/diagnostics.js';

/** Bad input that stops the import: printed as one line, exit code 2. */
export class TerraformImportError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly col?: number,
  ) {
    super(message);
    this.name = 'TerraformImportError';
  }
}

/** A plan of tens of thousands of resources is well under this; larger is not a plan of one configuration. */
export const MAX_TERRAFORM_BYTES = 512 * 1024 * 1024;

export type DocKind = 'plan' | 'state-json' | 'tfstate';

export interface TerraformDoc {
  file: string;
  kind: DocKind;
  /** format_version of a plan or show-json state; `4` for a tfstate */
  version: string;
  terraformVersion?: string;
  data: Record<string, unknown>;
  source: SourceFile;
}

const EXPECTED = 'expected the output of `terraform show -json` (a plan or a state) or a terraform.tfstate file (version 4)';

/** Raised for a value of the wrong type: names the JSON path and where it is. */
export function wrongType(doc: { file: string; source: SourceFile }, path: Path, what: string): TerraformImportError {
  const { line, col } = doc.source.position(path);
  const at = path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
  return new TerraformImportError('TF_WRONG_TYPE', `${doc.file}:${line}:${col}: $${at} must be ${what}`, doc.file, line, col);
}

function readBytes(file: string): Buffer {
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new TerraformImportError(
      'TF_UNREADABLE',
      code === 'ENOENT' ? `file not found: ${file}` : `cannot read ${file}: ${code ?? (e as Error).message}`,
      file,
    );
  }
  if (!st.isFile()) throw new TerraformImportError('TF_NOT_A_FILE', `${file} is ${fileKind(st)}, not a regular file; ${EXPECTED}`, file);
  if (st.size > MAX_TERRAFORM_BYTES) {
    const mib = (n: number) => (n / 1024 / 1024).toFixed(0);
    throw new TerraformImportError(
      'TF_TOO_LARGE',
      `${file} is ${mib(st.size)} MiB, above the ${mib(MAX_TERRAFORM_BYTES)} MiB limit for a Terraform plan or state`,
      file,
    );
  }
  try {
    return readFileSync(file);
  } catch (e) {
    throw new TerraformImportError('TF_UNREADABLE', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, file);
  }
}

/** UTF-16 (what PowerShell's `>` writes) and other binary content are refused before parsing. */
function decode(buf: Buffer, file: string): string {
  const utf16 =
    (buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff) || (buf.length >= 4 && (buf[0] === 0 || buf[1] === 0) && buf.indexOf(0) < 4);
  if (utf16) {
    throw new TerraformImportError(
      'TF_NOT_UTF8',
      `${file} is UTF-16 text; Terraform writes UTF-8 JSON. In PowerShell, write it with \`terraform show -json plan.out | Out-File -Encoding utf8 plan.json\``,
      file,
    );
  }
  if (buf.indexOf(0) >= 0)
    throw new TerraformImportError(
      'TF_NOT_TEXT',
      `${file} is a binary file (a saved plan file?); run \`terraform show -json ${file} > plan.json\` and give plan.json`,
      file,
    );
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function parse(text: string, file: string): unknown {
  if (text.trim() === '') throw new TerraformImportError('TF_EMPTY', `${file} is empty; ${EXPECTED}`, file);
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const m = /position (\d+)/.exec(msg);
    const truncated = /end of (JSON )?input|Unterminated/i.test(msg) || (m !== null && Number(m[1]) >= text.trimEnd().length);
    const offset = m ? Number(m[1]) : text.trimEnd().length;
    const { line, col } = new SourceFile(file, text).offsetPosition(offset);
    const why = msg
      .replace(/^JSON\.parse: /, '')
      .replace(/\s*\(line \d+ column \d+\)$/, '')
      .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '');
    const hint = truncated ? ' — the file looks truncated; write it again with `terraform show -json`' : '';
    throw new TerraformImportError('TF_BAD_JSON', `${file}:${line}:${col}: invalid JSON (${why})${hint}`, file, line, col);
  }
}

const isObj = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/** Which Terraform document a parsed JSON value is, or an error naming what was expected. */
export function classify(data: unknown, file: string, source: SourceFile): TerraformDoc {
  if (!isObj(data))
    throw new TerraformImportError(
      'TF_NOT_TERRAFORM',
      `${file} is JSON but not a Terraform document (it is ${Array.isArray(data) ? 'a list' : 'a scalar'}); ${EXPECTED}`,
      file,
    );
  const doc = { file, data, source, ...(typeof data.terraform_version === 'string' ? { terraformVersion: data.terraform_version } : {}) };
  if ('version' in data && !('format_version' in data)) {
    const v = data.version;
    if (v === 4) {
      if (!Array.isArray(data.resources)) throw wrongType(doc, ['resources'], 'a list of resources (terraform.tfstate version 4)');
      return { ...doc, kind: 'tfstate', version: '4' };
    }
    if (typeof v === 'number' && v <= 3 && ('modules' in data || 'terraform_version' in data)) {
      throw new TerraformImportError(
        'TF_STATE_TOO_OLD',
        `${file} is a version ${v} state (Terraform 0.11 or older); vpcsim reads version 4. Upgrade it: with Terraform 0.12 or later run \`terraform init\` then \`terraform apply -refresh-only\` (\`terraform refresh\` before 0.15.4), which rewrites the state as version 4`,
        file,
      );
    }
    if (typeof v === 'number' && 'terraform_version' in data)
      throw new TerraformImportError('TF_UNSUPPORTED_VERSION', `${file} is a version ${v} state; vpcsim reads version 4 (Terraform 0.12 to 1.x)`, file);
  }
  if ('format_version' in data) {
    const fv = data.format_version;
    if (typeof fv !== 'string' || !/^\d+\.\d+$/.test(fv)) throw wrongType(doc, ['format_version'], 'a version string such as "1.2"');
    // https://developer.hashicorp.com/terraform/internals/json-format: "Reject any input which reports an unsupported major version."
    if (!/^[01]\./.test(fv))
      throw new TerraformImportError('TF_UNSUPPORTED_VERSION', `${file} has format_version ${fv}; vpcsim reads format versions 0.1 to 1.x`, file);
    if ('planned_values' in data || 'resource_changes' in data) {
      for (const k of ['planned_values', 'prior_state', 'configuration']) if (k in data && !isObj(data[k])) throw wrongType(doc, [k], 'an object');
      if ('resource_changes' in data && !Array.isArray(data.resource_changes)) throw wrongType(doc, ['resource_changes'], 'a list');
      return { ...doc, kind: 'plan', version: fv };
    }
    if ('values' in data) {
      if (!isObj(data.values)) throw wrongType(doc, ['values'], 'an object with root_module');
      return { ...doc, kind: 'state-json', version: fv };
    }
    if ('configuration' in data || 'prior_state' in data) {
      throw new TerraformImportError(
        'TF_NO_CHANGES',
        `${file} is a Terraform plan without planned_values or resource_changes; it does not say what the network will be. Write it again with \`terraform show -json plan.out\``,
        file,
      );
    }
    // `terraform show -json` of an empty state prints only the version keys.
    return { ...doc, kind: 'state-json', version: fv };
  }
  const keys = Object.keys(data).slice(0, 5).join(', ');
  throw new TerraformImportError('TF_NOT_TERRAFORM', `${file} is JSON but not a Terraform document (top-level keys: ${keys || 'none'}); ${EXPECTED}`, file);
}

export function readTerraformFile(file: string): TerraformDoc {
  const text = decode(readBytes(file), file);
  const data = parse(text, file);
  return classify(data, file, new SourceFile(file, text));
}

/**
 * True when the first bytes of a JSON file look like a Terraform document: a plan or show-json state
 * (`format_version` with `planned_values`, `resource_changes` or `values`), or a tfstate (`version` and
 * `terraform_version`). Cheap: reads at most 64 KiB.
 */
export function looksLikeTerraform(file: string): boolean {
  let fd: number | undefined;
  try {
    // Only regular files: opening a FIFO blocks, and a device may never end; the topology loader reports those.
    if (!statSync(file).isFile()) return false;
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const head = buf.subarray(0, n);
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
      const t = head.toString('utf16le');
      return /"format_version"|"terraform_version"/.test(t);
    }
    const t = head.toString('utf8');
    if (!/^\s*(?:\ufeff)?\s*\{/.test(t)) return false;
    if (/"format_version"\s*:/.test(t) && /"(?:planned_values|resource_changes|values|prior_state|configuration|terraform_version)"\s*:/.test(t)) return true;
    return /"terraform_version"\s*:/.test(t) && /"version"\s*:\s*\d/.test(t) && /"(?:resources|modules|lineage)"\s*:/.test(t);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
