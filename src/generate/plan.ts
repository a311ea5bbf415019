// The parts of generation that need no estate: the address plan, count and rule-budget checks. Shared by the
// generator and by the size estimate that refuses an estate before it is built.
import { MAX_SG_RULES as AWS_MAX_SG_RULES } from '../aws/limits.js';

/** Options that cannot describe a valid estate; the message says which and why. */
export class GenerateOptionsError extends Error {}

/** VPC address pools, filled in order: RFC 1918 10/8, then 172.16/12, then RFC 6598 100.64/10. */
/** Rules per security group (the AWS ceiling). */
export const MAX_SG_RULES = AWS_MAX_SG_RULES;
/** NACL filler rules per direction, leaving room for the core rules after them (rule numbers end at 32766). */
export const MAX_NACL_FILLERS = 32_400;

export const POOLS: readonly { base: number; len: number; text: string }[] = [
  { base: 0x0a000000, len: 8, text: '10.0.0.0/8' },
  { base: 0xac100000, len: 12, text: '172.16.0.0/12' },
  { base: 0x64400000, len: 10, text: '100.64.0.0/10' },
];

export interface Plan {
  vpcLen: number;
  subnetLen: number;
  /** the pools that hold at least one VPC, as CIDR text: summary routes and estate-wide rules use them */
  estate: string[];
  vpcBase: (i: number) => number;
}

function ceilLog2(n: number): number {
  let b = 0;
  while (2 ** b < n) b++;
  return b;
}

export function planAddresses(vpcs: number, subnetsPerVpc: number, instancesPerSubnet: number): Plan {
  const slotBits = ceilLog2(subnetsPerVpc);
  // Hosts: the instances, the 5 reserved addresses and a NAT gateway; AWS's smallest subnet is a /28.
  const hostBits = Math.max(4, ceilLog2(instancesPerSubnet + 5 + 1));
  const maxSubnetLen = 32 - hostBits;
  for (let vpcLen = 16; vpcLen <= 28; vpcLen++) {
    let capacity = 0;
    for (const p of POOLS) capacity += 2 ** (vpcLen - p.len);
    if (capacity < vpcs) continue;
    const minSubnetLen = vpcLen + slotBits;
    if (minSubnetLen > maxSubnetLen) break;
    const subnetLen = Math.max(minSubnetLen, Math.min(24, maxSubnetLen));
    const estate: string[] = [];
    const starts: number[] = [];
    let start = 0;
    for (const p of POOLS) {
      starts.push(start);
      if (start < vpcs) estate.push(p.text);
      start += 2 ** (vpcLen - p.len);
    }
    const vpcSize = 2 ** (32 - vpcLen);
    const vpcBase = (i: number): number => {
      for (let k = POOLS.length - 1; k >= 0; k--) {
        if (i >= starts[k]!) return (POOLS[k]!.base + (i - starts[k]!) * vpcSize) >>> 0;
      }
      throw new Error('unreachable');
    };
    return { vpcLen, subnetLen, estate, vpcBase };
  }
  throw new GenerateOptionsError(
    `${vpcs} VPCs of ${subnetsPerVpc} subnets with ${instancesPerSubnet} instances each do not fit in ` +
      `${POOLS.map((p) => p.text).join(', ')} with VPCs of /16-/28 and subnets of at least /28; use fewer of them`,
  );
}

export function checkCount(name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new GenerateOptionsError(`${name} must be an integer from ${min} to ${max}, got ${String(v)}`);
  }
  return v;
}

export function budget(name: string, v: unknown, holders: number, what: string, each: number): number {
  checkCount(name, v, 0, Number.MAX_SAFE_INTEGER);
  if ((v as number) > holders * each) {
    throw new GenerateOptionsError(`${v} ${name} do not fit in the ${holders} ${what} of this estate (at most ${each} each); ask for fewer or for more VPCs`);
  }
  return v as number;
}
