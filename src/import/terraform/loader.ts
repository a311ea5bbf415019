// Every command takes a Terraform plan or state where a topology file goes, recognised by content
// (the first 64 KiB). This is the one hook the input loaders call.
import type { Loaded } from '../../load/load.js';
import { SourceFile } from '../../load/source.js';
import { validateSchema } from '../../load/validate.js';
import { importTerraformForLoader } from './index.js';
import { looksLikeTerraform } from './read.js';

/** The file imported as a topology when it is a Terraform plan or state; undefined when it is not one. */
export function loadTerraformIfPlan(file: string): Loaded | undefined {
  if (!looksLikeTerraform(file)) return undefined;
  const r = importTerraformForLoader(file);
  if (!r.data) return { source: new SourceFile(file, ''), data: undefined, diagnostics: r.diagnostics };
  const data = r.data;
  const source = new SourceFile(`${file} (imported)`, () => JSON.stringify(data, null, 2));
  return { source, data, diagnostics: [...r.diagnostics, ...validateSchema(data, source)] };
}
