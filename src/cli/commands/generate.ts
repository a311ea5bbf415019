// The `vpcsim generate` command: flags in, file text out. Bad flags raise UsageError (one line, exit 2).
import { writeFileSync } from 'node:fs';
import { UsageError, EXIT } from '../exit.js';
import { DEFAULT_MAX_JSON, DEFAULT_MAX_JSON_VALUES, DEFAULT_MAX_YAML, DEFAULT_MAX_YAML_VALUES, isJsonPath } from '../../load/load.js';
import { formatGeneratedTopology } from '../../generate/emit.js';
import { countValueSeparators, estimateGenerated, type SizeEstimate } from '../../generate/estimate.js';
import {
  countGenerated,
  generateTopology,
  GenerateOptionsError,
  GENERATE_LIMITS,
  GENERATE_PRESETS,
  type GenerateHub,
  type GenerateOptions,
} from '../../generate/generate.js';

/** The options of `vpcsim generate` as commander parses them (src/cli/generate.ts declares them). */
export interface GenerateFlags {
  size?: string;
  vpcs?: string;
  subnetsPerVpc?: string;
  instancesPerSubnet?: string;
  sgRules?: string;
  naclRules?: string;
  hub?: string;
  seed?: string;
  format?: string;
  output?: string;
  alb?: boolean;
}

const DEFAULTS: GenerateOptions = { vpcs: 3, subnetsPerVpc: 6, instancesPerSubnet: 2, hub: 'tgw' };
const HUBS: readonly GenerateHub[] = ['tgw', 'peering-mesh', 'none'];

function count(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`${flag} expects a whole number from ${min} to ${max}, got '${text}'`);
  }
  return Number(text);
}

export function optionsFromFlags(f: GenerateFlags): { options: GenerateOptions; format: 'yaml' | 'json' } {
  let base: GenerateOptions = DEFAULTS;
  if (f.size !== undefined) {
    if (!Object.hasOwn(GENERATE_PRESETS, f.size)) throw new UsageError(`--size expects small, medium or large, got '${f.size}'`);
    base = GENERATE_PRESETS[f.size as keyof typeof GENERATE_PRESETS];
  }
  if (f.hub !== undefined && !HUBS.includes(f.hub as GenerateHub)) {
    throw new UsageError(`--hub expects tgw, peering-mesh or none, got '${f.hub}'`);
  }
  let format: 'yaml' | 'json';
  if (f.format !== undefined) {
    if (f.format !== 'yaml' && f.format !== 'json') throw new UsageError(`--format expects yaml or json, got '${f.format}'`);
    format = f.format;
  } else format = f.output && /\.json$/i.test(f.output) ? 'json' : 'yaml';
  const L = GENERATE_LIMITS;
  const options: GenerateOptions = {
    vpcs: count('--vpcs', f.vpcs, L.vpcs.min, L.vpcs.max) ?? base.vpcs,
    subnetsPerVpc: count('--subnets-per-vpc', f.subnetsPerVpc, L.subnetsPerVpc.min, L.subnetsPerVpc.max) ?? base.subnetsPerVpc,
    instancesPerSubnet: count('--instances-per-subnet', f.instancesPerSubnet, L.instancesPerSubnet.min, L.instancesPerSubnet.max) ?? base.instancesPerSubnet,
    hub: (f.hub as GenerateHub | undefined) ?? base.hub,
  };
  const sgRules = count('--sg-rules', f.sgRules, 0, Number.MAX_SAFE_INTEGER) ?? base.sgRules;
  const naclRules = count('--nacl-rules', f.naclRules, 0, Number.MAX_SAFE_INTEGER) ?? base.naclRules;
  const seed = count('--seed', f.seed, L.seed.min, L.seed.max);
  if (sgRules !== undefined) options.sgRules = sgRules;
  if (naclRules !== undefined) options.naclRules = naclRules;
  if (seed !== undefined) options.seed = seed;
  if (f.alb) options.alb = true;
  return { options, format };
}

type Kind = 'json' | 'yaml';

/** What the loader allows a file of each kind: generate writes nothing `vpcsim validate` would refuse. */
export const LOADER_LIMITS: Readonly<Record<Kind, { bytes: number; values: number }>> = {
  json: { bytes: DEFAULT_MAX_JSON, values: DEFAULT_MAX_JSON_VALUES },
  yaml: { bytes: DEFAULT_MAX_YAML, values: DEFAULT_MAX_YAML_VALUES },
};
/**
 * The estimate is within a few percent of the written text; an estate it puts this far above a limit is refused
 * before it is built, one nearer the limit is built and its exact text measured.
 */
const ESTIMATE_MARGIN = 1.1;

const MiB = 1024 * 1024;
const mib = (bytes: number) => `${Number.isInteger(bytes / MiB) ? bytes / MiB : (bytes / MiB).toFixed(1)} MiB`;
const thousands = (n: number) => n.toLocaleString('en-US');

/** The loader reads a file by its extension (.json as JSON, anything else as YAML); standard output by the format. */
function loaderKind(format: Kind, output: string | undefined): Kind {
  return output === undefined || output === '-' ? format : isJsonPath(output) ? 'json' : 'yaml';
}

function tooLarge(what: string, size: SizeEstimate, format: Kind, kind: Kind, other?: SizeEstimate): UsageError {
  const lim = LOADER_LIMITS[kind];
  const fitsJson = kind === 'yaml' && other !== undefined && other.bytes <= LOADER_LIMITS.json.bytes && other.values <= LOADER_LIMITS.json.values;
  return new UsageError(
    `${what} ${mib(size.bytes)} of ${format.toUpperCase()} holding ${thousands(size.values)} values, above the limit of ` +
      `${mib(lim.bytes)} and ${thousands(lim.values)} values for ${kind.toUpperCase()} topologies; ask for fewer VPCs, subnets, instances or rules` +
      (fitsJson ? `, or write JSON (-o <file>.json), which allows ${mib(LOADER_LIMITS.json.bytes)} and ${thousands(LOADER_LIMITS.json.values)} values` : ''),
  );
}

export function runGenerate(f: GenerateFlags): number {
  const { options, format } = optionsFromFlags(f);
  const kind = loaderKind(format, f.output);
  const lim = LOADER_LIMITS[kind];
  let topology;
  try {
    // Refuse what the loader would refuse before building it: a 100,000-VPC estate takes gigabytes to build.
    const est = estimateGenerated(options);
    const size = { bytes: est[format].bytes, values: Math.max(est[format].values, est[kind].values) };
    if (size.bytes > lim.bytes * ESTIMATE_MARGIN || size.values > lim.values * ESTIMATE_MARGIN) {
      throw tooLarge('this estate would be about', size, format, kind, est.json);
    }
    topology = generateTopology(options);
  } catch (e) {
    if (e instanceof GenerateOptionsError) throw new UsageError(e.message);
    throw e;
  }
  const text = formatGeneratedTopology(topology, format);
  const written = { bytes: Buffer.byteLength(text), values: countValueSeparators(text, kind === 'yaml') };
  if (written.bytes > lim.bytes || written.values > lim.values) {
    const json = format === 'json' ? text : formatGeneratedTopology(topology, 'json');
    throw tooLarge('this estate is', written, format, kind, { bytes: Buffer.byteLength(json), values: countValueSeparators(json, false) });
  }
  if (f.output === undefined || f.output === '-') {
    process.stdout.write(text);
    return EXIT.OK;
  }
  try {
    writeFileSync(f.output, text);
  } catch (e) {
    throw new UsageError(`cannot write ${f.output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const n = countGenerated(topology);
  const bytes = Buffer.byteLength(text);
  const size = bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} kB`;
  const many = (k: number, one: string, more = `${one}s`) => `${k} ${k === 1 ? one : more}`;
  process.stdout.write(
    `wrote ${f.output} (${format}, ${size}): ${many(n.vpcs, 'VPC')}, ${many(n.subnets, 'subnet')}, ${many(n.instances, 'instance')}, ` +
      `${many(n.sgRules, 'SG rule')}, ${many(n.naclRules, 'NACL rule')}, hub ${options.hub}, seed ${options.seed ?? 1}\n`,
  );
  return EXIT.OK;
}
