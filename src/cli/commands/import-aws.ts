// The `vpcsim import aws` command body: run the import, write the topology, report on stderr.
import { importAws, type ImportResult } from '../../import/aws.js';
import { AwsImportError } from '../../import/aws-types.js';
import { kindName } from '../../load/validate.js';
import { formatTopology } from '../../import/format.js';
import { writeImported } from './import-output.js';
import { printable } from '../../render/printable.js';
import { loadFile } from '../../load/load.js';
import type { SourceFile } from '../../load/source.js';

export interface ImportAwsCliOptions {
  output?: string;
  region?: string;
  format?: string;
  onPrem?: string[];
  overlay?: string;
}

const MAX_OVERLAY_BYTES = 16 * 1024 * 1024;

/** `vpn-0abc=10.1.0.0/16,10.2.0.0/16` → { 'vpn-0abc': [...] }; several flags merge. */
export function parseOnPrem(values: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const v of values) {
    const m = /^\s*([^=\s]+)\s*=\s*(.+)$/.exec(v);
    if (!m) throw new AwsImportError('ON_PREM_SYNTAX', `--on-prem '${v}' is not <vpn-connection-id>=<cidr>[,<cidr>...]`);
    const cidrs = m[2]!
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (cidrs.length === 0) throw new AwsImportError('ON_PREM_SYNTAX', `--on-prem '${v}' gives no CIDR`);
    out[m[1]!] = [...(out[m[1]!] ?? []), ...cidrs];
  }
  return out;
}

export function readOverlay(file: string): object {
  return readOverlaySource(file).data;
}

/** The overlay's data and its text (for positions of the errors the merge causes), read by the topology loader. */
export function readOverlaySource(file: string): { data: object; source: SourceFile } {
  const loaded = loadFile(file, { skipSchema: true, maxBytes: MAX_OVERLAY_BYTES });
  const err = loaded.diagnostics.find((d) => d.severity === 'error');
  if (err?.code === 'FILE_UNREADABLE' && /not found/.test(err.message)) throw new AwsImportError('BAD_OVERLAY', `overlay file not found: ${file}`);
  if (
    err?.code === 'NOT_A_TOPOLOGY' ||
    err?.code === 'EMPTY_FILE' ||
    (!err && (loaded.data === null || typeof loaded.data !== 'object' || Array.isArray(loaded.data)))
  ) {
    throw new AwsImportError(
      'BAD_OVERLAY',
      `overlay ${file} must be a mapping of topology keys (vpnConnections: ..., etc.)${err?.code === 'EMPTY_FILE' ? '; it is empty' : ''}`,
    );
  }
  if (err) throw new AwsImportError('BAD_OVERLAY', err.line ? `${file}:${err.line}:${err.col}: ${err.message}` : `overlay ${file}: ${err.message}`);
  return { data: loaded.data as object, source: loaded.source };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** How the report names a topology list's resources; the import speaks of virtual private gateways, as AWS does. */
const kindWord = (listKey: string): string => (listKey === 'vpnGateways' ? 'virtual private gateway' : kindName(listKey));

/** The import report, as lines for stderr. Warnings are listed up to `maxWarnings`. */
export function reportLines(r: ImportResult, dest: string, maxWarnings = 50): string[] {
  const s = r.summary;
  const lines: string[] = [];
  const counts = Object.entries(s.counts).map(([k, n]) => plural(n, kindWord(k)));
  lines.push(`imported ${s.region}${s.accounts.length ? ` (account ${s.accounts.join(', ')})` : ''} from ${plural(s.filesUsed.length, 'file')} → ${dest}`);
  lines.push(`  ${counts.join(', ') || 'no resources'}`);
  if (r.warnings.length) {
    lines.push(`${plural(r.warnings.length, 'warning')}:`);
    for (const w of r.warnings.slice(0, maxWarnings)) lines.push(`  ${w.file ? `${w.file} ${w.path ?? ''}: ` : ''}${w.message}`);
    if (r.warnings.length > maxWarnings) lines.push(`  ... and ${r.warnings.length - maxWarnings} more`);
  }
  if (s.vpnWithoutOnPremises.length) {
    lines.push(`VPN connections with no known on-premises prefixes: ${s.vpnWithoutOnPremises.join(', ')}`);
    lines.push(`  (BGP-learned routes are not in a describe dump; give them with --on-prem ${s.vpnWithoutOnPremises[0]}=<cidr>[,<cidr>...] or an --overlay)`);
  }
  const kinds: string[] = [];
  const fields = new Map<string, string[]>();
  for (const [k, n] of Object.entries(r.ignored)) {
    const m = /^([A-Za-z]+)\.([A-Za-z0-9]+)$/.exec(k);
    if (m) fields.set(m[1]!, [...(fields.get(m[1]!) ?? []), m[2]!]);
    else kinds.push(`${n} ${k}`);
  }
  if (kinds.length) lines.push(`ignored (not modelled): ${kinds.join(', ')}`);
  if (fields.size) lines.push(`ignored fields: ${[...fields].map(([k, fs]) => `${k} (${fs.join(', ')})`).join('; ')}`);
  if (s.filesSkipped.length) lines.push(`skipped files: ${s.filesSkipped.map((f) => `${f.file} (${f.reason})`).join('; ')}`);
  for (const n of s.notes) lines.push(`note: ${n}`);
  // Warnings quote the dump (Name tags, descriptions): escaped, never raw on the terminal.
  return lines.map(printable);
}

/** Runs the command; returns the exit code (0 imported, 2 bad input). Never throws for bad input. */
export function runImportAws(folder: string, o: ImportAwsCliOptions, out: (s: string) => void, err: (s: string) => void): number {
  try {
    const format = o.format ?? (o.output && /\.json$/i.test(o.output) ? 'json' : 'yaml');
    if (format !== 'yaml' && format !== 'json') throw new AwsImportError('BAD_FORMAT', `--format must be yaml or json, not '${format}'`);
    const onPrem = parseOnPrem(o.onPrem ?? []);
    const overlay = o.overlay !== undefined ? readOverlaySource(o.overlay) : undefined;
    const r = importAws(folder, {
      ...(o.region ? { region: o.region } : {}),
      onPrem,
      ...(overlay !== undefined ? { overlay: overlay.data, overlaySource: overlay.source } : {}),
    });
    const header =
      ` Imported by vpcsim import aws from aws ec2 describe-* output: region ${r.summary.region}` +
      `${r.summary.accounts.length ? `, account ${r.summary.accounts.join(', ')}` : ''}.`;
    const text = formatTopology(r.topology, format, format === 'yaml' ? header : undefined);
    writeImported(text, o.output, out, (m) => new AwsImportError('OUTPUT_UNWRITABLE', m));
    for (const line of reportLines(r, o.output ?? 'stdout')) err(`${line}\n`);
    return 0;
  } catch (e) {
    if (e instanceof AwsImportError) {
      err(`vpcsim: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
