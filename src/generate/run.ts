// The `vpcsim generate` command: flags in, file text out. Bad flags raise UsageError (one line, exit 2).
import { writeFileSync } from 'node:fs';
import { UsageError, EXIT } from '../cli/exit.js';
import type { GenerateFlags } from '../cli/generate.js';
import { formatGeneratedTopology } from './emit.js';
import {
  countGenerated,
  generateTopology,
  GenerateOptionsError,
  GENERATE_LIMITS,
  GENERATE_PRESETS,
  type GenerateHub,
  type GenerateOptions,
} from './generate.js';

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
  return { options, format };
}

export function runGenerate(f: GenerateFlags): number {
  const { options, format } = optionsFromFlags(f);
  let topology;
  try {
    topology = generateTopology(options);
  } catch (e) {
    if (e instanceof GenerateOptionsError) throw new UsageError(e.message);
    throw e;
  }
  const text = formatGeneratedTopology(topology, format);
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
