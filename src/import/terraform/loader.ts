// Every command takes a Terraform plan or state where a topology file goes, recognised by content
// (the first 64 KiB). This is the one hook the input loaders call.
import type { Loaded } from '../../load/load.js';
import { formatTopology } from '../format.js';
import { SourceFile } from '../../load/source.js';
import { validateSchema } from '../../load/validate.js';
import { importTerraformForLoader } from './index.js';
import { looksLikeTerraform } from './read.js';

/** The file imported as a topology when it is a Terraform plan or state; undefined when it is not one. */
export function loadTerraformIfPlan(
  file: string,
  opts: { before?: boolean } = {},
): (Loaded & { assumptions?: Record<string, string[]>; aliases?: Record<string, string> }) | undefined {
  if (!looksLikeTerraform(file)) return undefined;
  const r = importTerraformForLoader(file, opts.before ? { before: true } : {});
  if (!r.data) return { source: new SourceFile(file, ''), data: undefined, diagnostics: r.diagnostics };
  const data = r.data;
  // Positions point into the topology as `vpcsim import terraform` writes it.
  const source = new SourceFile(`${file} (imported${opts.before ? ', before apply' : ''})`, () => formatTopology(data, 'yaml'));
  return {
    source,
    data,
    ...(r.assumptions ? { assumptions: r.assumptions } : {}),
    ...(r.aliases ? { aliases: r.aliases } : {}),
    diagnostics: [...r.diagnostics, ...validateSchema(data, source)],
  };
}
