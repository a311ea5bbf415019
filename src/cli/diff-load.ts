// The two sides of `vpcsim diff`: two topology sources, or one file and its text at a git revision.
import type { DiffInput } from '../diff/types.js';
import type { InputOptions, InputResult } from '../input/input.js';
import { UsageError } from './exit.js';
import { statSync } from 'node:fs';
import { loadTopologySource, printLoadErrors } from './load-input.js';

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}

/** Each side's bound topology with the document it was bound from (diff compares resources as written). */
export interface Sides {
  before: DiffInput;
  after: DiffInput;
  names: { before: string; after: string };
}

async function atRevision(ref: string, path: string) {
  const { readAtRevision, GitInputError } = await import('../diff/git.js');
  const { loadText, DEFAULT_MAX_JSON, DEFAULT_MAX_YAML, isJsonPath } = await import('../load/load.js');
  const { bind } = await import('../bind/bind.js');
  if (isDirectory(path)) throw new UsageError(`--git: ${path} is a folder; --git reads one topology file (.yaml, .yml or .json) at a revision`);
  let text: string;
  try {
    text = readAtRevision(ref, path);
  } catch (e) {
    if (e instanceof GitInputError) throw new UsageError(e.message);
    throw e;
  }
  const name = `${ref}:${path}`;
  const max = isJsonPath(path) ? DEFAULT_MAX_JSON : DEFAULT_MAX_YAML;
  if (Buffer.byteLength(text) > max)
    throw new UsageError(`${name} is ${(Buffer.byteLength(text) / 2 ** 20).toFixed(1)} MiB, above the ${max / 2 ** 20} MiB limit`);
  const loaded = loadText(text, name);
  return { name, bound: { ...bind(loaded), data: loaded.data } };
}

/** Both sides of one Terraform plan: its prior state (before apply) and its planned values (after). */
async function planSides(plan: string) {
  const { looksLikeTerraform } = await import('../import/terraform/read.js');
  if (isDirectory(plan) || !looksLikeTerraform(plan)) throw new UsageError(`--plan: ${plan} is not a Terraform plan (terraform show -json plan.out)`);
  const { loadTerraformIfPlan } = await import('../import/terraform/loader.js');
  const { bind } = await import('../bind/bind.js');
  const side = (before: boolean) => {
    const loaded = loadTerraformIfPlan(plan, { before })!;
    return { name: `${plan} (${before ? 'before' : 'after'} apply)`, bound: { ...bind(loaded), data: loaded.data } };
  };
  return [side(true), side(false)] as const;
}

/** Loads both sides; prints load errors and returns undefined when either does not bind. */
export async function loadSides(
  first: string,
  second: string | undefined,
  ref: string | undefined,
  plan = false,
  input: InputOptions = {},
): Promise<Sides | undefined> {
  if (plan && (ref !== undefined || second !== undefined))
    throw new UsageError('with --plan, give one Terraform plan: its prior state is the before side, its planned values the after side');
  if (plan) return settle(...(await planSides(first)));
  if (ref !== undefined && second !== undefined)
    throw new UsageError(`with --git, give one file (its ${ref} revision is the before side): got ${first} and ${second}`);
  if (ref === undefined && second === undefined) throw new UsageError('diff needs two topologies (<before> <after>), or --git <ref> and one file');
  const b = ref !== undefined ? await atRevision(ref, first) : { name: first, bound: await loadTopologySource(first, input) };
  const afterPath = second ?? first;
  return settle(b, { name: afterPath, bound: await loadTopologySource(afterPath, input) });
}

type Side = { name: string; bound: InputResult };

function settle(b: Side, a: Side): Sides | undefined {
  let ok = true;
  for (const s of [b, a]) {
    if (!s.bound.topology) {
      printLoadErrors(s.bound, s.name);
      ok = false;
    }
  }
  if (!ok || !b.bound.topology || !a.bound.topology) return undefined;
  return {
    before: { topology: b.bound.topology, data: b.bound.data },
    after: { topology: a.bound.topology, data: a.bound.data },
    names: { before: b.name, after: a.name },
  };
}
