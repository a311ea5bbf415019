// The `vpcsim import terraform` command body: run the import, write the topology, report on stderr.
import { formatTopology } from '../../import/format.js';
import { writeImported } from './import-output.js';
import { importTerraform, type TerraformImportResult } from '../../import/terraform/index.js';
import { TerraformImportError } from '../../import/terraform/read.js';

export interface ImportTerraformCliOptions {
  output?: string;
  format?: string;
  before?: boolean;
  json?: boolean;
}

const byCount = (m: Record<string, number>) =>
  Object.entries(m)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');

const VALUES = { planned: 'planned values (the network after apply)', prior: 'prior state (the network before apply)', state: 'state' } as const;

/** The import report, as lines for stderr. Warnings are listed up to `maxWarnings`. */
export function terraformReportLines(r: TerraformImportResult, file: string, dest: string, maxWarnings = 50): string[] {
  const s = r.summary;
  const what =
    s.kind === 'plan' ? `plan (format ${s.formatVersion})` : s.kind === 'tfstate' ? 'terraform.tfstate (version 4)' : `state (format ${s.formatVersion})`;
  const lines = [`imported ${file}: ${what}${s.terraformVersion ? `, Terraform ${s.terraformVersion}` : ''}; ${VALUES[s.values]} → ${dest}`];
  lines.push(`  imported: ${byCount(s.imported) || 'nothing'}`);
  if (Object.keys(s.ignored).length) lines.push(`  ignored (not modelled): ${byCount(s.ignored)}`);
  if (s.placeholders.length) lines.push(`  placeholders for resources not in the file: ${s.placeholders.join(', ')}`);
  if (r.warnings.length) {
    lines.push(`${r.warnings.length} warning${r.warnings.length === 1 ? '' : 's'}:`);
    for (const w of r.warnings.slice(0, maxWarnings)) lines.push(`  ${w.message}`);
    if (r.warnings.length > maxWarnings) lines.push(`  ... and ${r.warnings.length - maxWarnings} more`);
  }
  for (const n of s.notes) lines.push(`note: ${n}`);
  return lines;
}

/** Runs the command; returns the exit code (0 imported, 2 bad input). Never throws for bad input. */
export function runImportTerraform(file: string, o: ImportTerraformCliOptions, out: (s: string) => void, err: (s: string) => void): number {
  try {
    const format = o.format ?? (o.output && /\.json$/i.test(o.output) ? 'json' : 'yaml');
    if (format !== 'yaml' && format !== 'json') throw new TerraformImportError('BAD_FORMAT', `--format must be yaml or json, not '${format}'`);
    const r = importTerraform(file, { before: o.before === true });
    const header = ` Imported by vpcsim import terraform from ${file} (${VALUES[r.summary.values]}). Ids are Terraform resource addresses.`;
    const text = formatTopology(r.topology, format, format === 'yaml' ? header : undefined);
    writeImported(text, o.output, out, (m) => new TerraformImportError('OUTPUT_UNWRITABLE', m));
    if (o.json) err(`${JSON.stringify({ file, output: o.output ?? null, summary: r.summary, warnings: r.warnings }, null, 2)}\n`);
    else for (const line of terraformReportLines(r, file, o.output ?? 'stdout')) err(`${line}\n`);
    return 0;
  } catch (e) {
    if (e instanceof TerraformImportError) {
      if (o.json) err(`${JSON.stringify({ file, error: { code: e.code, message: e.message, line: e.line ?? null, col: e.col ?? null } }, null, 2)}\n`);
      else err(`vpcsim: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
