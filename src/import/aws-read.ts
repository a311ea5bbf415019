// Reading a dump folder: find the JSON files (flat, `<region>/`, or `<account>/<region>/`), parse each
// with a clear error for malformed ones, and tell which region and account each file belongs to.
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { DUMP_HEAD_RE } from './aws-kinds.js';
import { AwsImportError, type AwsFile } from './aws-types.js';
import { scanJson } from '../load/json-scan.js';
import { SourceFile } from '../load/source.js';

/** AWS region names: us-east-1, eu-central-2, us-gov-west-1, cn-north-1, ap-southeast-4 ... */
export const REGION_RE = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
/** AWS account ids are 12 digits. */
export const ACCOUNT_RE = /^\d{12}$/;

const MAX_DEPTH = 3;
const MAX_FILES = 20000;
const MAX_FILE_BYTES = 1024 * 1024 * 1024;

export interface ReadResult {
  files: AwsFile[];
  /** files that are not JSON, or hidden, with the reason */
  skipped: { file: string; reason: string }[];
}

interface Found {
  abs: string;
  rel: string;
  segments: string[];
}

function walk(root: string): { found: Found[]; skipped: { file: string; reason: string }[] } {
  const found: Found[] = [];
  const skipped: { file: string; reason: string }[] = [];
  const visit = (dir: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      throw new AwsImportError('DUMP_UNREADABLE', `cannot read folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const ent of entries) {
      const abs = join(dir, ent.name);
      const rel = relative(root, abs);
      if (ent.name.startsWith('.')) continue;
      // Symbolic links are followed only to files, so a link loop cannot make the walk endless.
      let isDir = ent.isDirectory();
      let isFile = ent.isFile();
      if (ent.isSymbolicLink()) {
        try {
          const st = statSync(abs);
          isFile = st.isFile();
          isDir = false;
          if (st.isDirectory()) skipped.push({ file: rel, reason: 'symbolic link to a folder, not followed' });
        } catch {
          skipped.push({ file: rel, reason: 'broken symbolic link' });
          continue;
        }
      }
      if (isDir) {
        if (depth >= MAX_DEPTH) skipped.push({ file: rel + sep, reason: `folder nested deeper than ${MAX_DEPTH} levels, not read` });
        else visit(abs, depth + 1);
        continue;
      }
      if (!isFile) continue;
      if (!/\.json$/i.test(ent.name)) {
        skipped.push({ file: rel, reason: 'not a .json file' });
        continue;
      }
      if (found.length >= MAX_FILES)
        throw new AwsImportError('DUMP_TOO_LARGE', `${root} holds more than ${MAX_FILES} JSON files; point at one account or region folder`);
      found.push({ abs, rel, segments: rel.split(sep).slice(0, -1) });
    }
  };
  visit(root, 0);
  return { found, skipped };
}

/** A file of the dump that cannot be read (no permission, gone since the folder was listed...): one line naming it. */
function unreadable(path: string, rel: string, e: unknown): AwsImportError {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : code === 'ENOENT'
        ? 'the file is gone'
        : code === 'EISDIR'
          ? 'it is a folder'
          : (code ?? (e as Error).message);
  return new AwsImportError('FILE_UNREADABLE', `cannot read ${path}: ${why}`, rel);
}

/** Parses one file's text; malformed JSON becomes an AwsImportError naming the file and position. */
export function parseDumpJson(text: string, file: string): unknown {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const m = /position (\d+)/.exec(msg);
    // V8 gives a position for some errors only (not for a bad literal such as `tru` or `NaN`): the scanner finds it.
    const offset = m ? Number(m[1]) : (scanJson(text)?.offset ?? text.length);
    const truncated = /end of (JSON )?input|Unterminated/i.test(msg) || offset >= text.trimEnd().length;
    const { line, col } = new SourceFile(file, text).offsetPosition(offset);
    // V8 quotes the text around the error, which may span lines: keep one line, the reason only.
    const why = msg
      .replace(/^JSON\.parse: /, '')
      .replace(/\s*\(line \d+ column \d+\)$/, '')
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '')
      .replace(/\s+/g, ' ');
    const hint = truncated ? ' — the file looks truncated; run its aws command again' : '';
    throw new AwsImportError('DUMP_BAD_JSON', `${file}:${line}:${col}: invalid JSON (${why})${hint}`, file, line, col);
  }
}

/** Account and region named by a file's folders (`<account>/<region>/`), or by the dump folder itself. */
function placeOf(folder: string, segments: string[]): { account?: string; region?: string } {
  let account: string | undefined;
  let region: string | undefined;
  for (const s of segments) {
    if (ACCOUNT_RE.test(s)) account = s;
    else if (REGION_RE.test(s)) region = s;
  }
  if (region === undefined && REGION_RE.test(basename(folder))) region = basename(folder);
  if (account === undefined && ACCOUNT_RE.test(basename(folder))) account = basename(folder);
  return { ...(account ? { account } : {}), ...(region ? { region } : {}) };
}

/**
 * Reads and parses the JSON files of a dump. Files under a folder named after a region other than
 * `opts.region` are not parsed (nor, when no region is chosen and folders name several, any of those):
 * a broken file of one region never stops the import of another.
 */
export function readDumpFolder(folder: string, opts: { region?: string } = {}): ReadResult {
  let st;
  try {
    st = statSync(folder);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AwsImportError('DUMP_NOT_FOUND', code === 'ENOENT' ? `folder not found: ${folder}` : `cannot read ${folder}: ${code ?? (e as Error).message}`);
  }
  if (!st.isDirectory()) throw new AwsImportError('DUMP_NOT_FOLDER', `${folder} is not a folder; expected a folder of aws ec2 describe-* JSON files`);
  const { found, skipped } = walk(folder);
  const files: AwsFile[] = [];
  const pathRegions = new Set(found.map((f) => placeOf(folder, f.segments).region).filter((r) => r !== undefined));
  for (const f of found) {
    const place = placeOf(folder, f.segments);
    if (place.region && (opts.region ? place.region !== opts.region : pathRegions.size > 1)) {
      files.push({ file: f.rel, dir: f.segments.join('/'), data: undefined, unparsed: true, ...place });
      continue;
    }
    let buf: Buffer;
    try {
      const size = statSync(f.abs).size;
      if (size > MAX_FILE_BYTES)
        throw new AwsImportError('DUMP_FILE_TOO_LARGE', `${f.rel} is larger than 1 GiB; not an EC2 describe output this importer can read`);
      buf = readFileSync(f.abs);
    } catch (e) {
      if (e instanceof AwsImportError) throw e;
      throw unreadable(join(folder, f.rel), f.rel, e);
    }
    if (buf.indexOf(0) >= 0) {
      skipped.push({ file: f.rel, reason: 'binary file' });
      continue;
    }
    const text = buf.toString('utf8');
    if (text.trim() === '') {
      skipped.push({ file: f.rel, reason: 'empty file (did its aws command fail?)' });
      continue;
    }
    const data = parseDumpJson(text, f.rel);
    files.push({ file: f.rel, dir: f.segments.join('/'), data, ...place });
  }
  return { files, skipped };
}

/** True when `path` is a folder holding at least one aws ec2 describe-* JSON file (checked on the first bytes only). */
export function isAwsDumpFolder(path: string): boolean {
  try {
    if (!statSync(path).isDirectory()) return false;
  } catch {
    return false;
  }
  let checked = 0;
  const look = (dir: string, depth: number): boolean => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return false;
    }
    for (const ent of entries) {
      if (ent.name.startsWith('.')) continue;
      const abs = join(dir, ent.name);
      if (ent.isFile() && /\.json$/i.test(ent.name)) {
        if (++checked > 200) return false;
        let fd: number | undefined;
        try {
          fd = openSync(abs, 'r');
          const buf = Buffer.alloc(512);
          const n = readSync(fd, buf, 0, 512, 0);
          let head = buf.subarray(0, n).toString('utf8');
          if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
          if (DUMP_HEAD_RE.test(head)) return true;
        } catch {
          // unreadable files do not make a dump
        } finally {
          if (fd !== undefined) closeSync(fd);
        }
      } else if (ent.isDirectory() && depth < 2) {
        if (look(abs, depth + 1)) return true;
      }
    }
    return false;
  };
  return look(path, 0);
}
