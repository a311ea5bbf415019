// AWS rules for VPC and subnet CIDR blocks. The AWS documentation is the specification; each rule cites its page.
import type { Family } from '../net/ip.js';
import { type Block, blockEnd, blockSize, blocksOverlap, formatAddress, formatBlock } from '../net/block.js';
import { parseBlock } from './parse.js';
import {
  DOCKER_BRIDGE_CIDR,
  FORBIDDEN_VPC_V4 as FORBIDDEN_RANGES,
  IPV4_SUBNET,
  IPV4_VPC,
  IPV6_AMAZON_PROVIDED,
  IPV6_SUBNET,
  IPV6_VPC,
  RESERVED_FIRST,
  RESERVED_PER_SUBNET,
  type SizeRule,
  sizeAllowed,
} from '../aws/limits.js';

export const AWS_DOCS = {
  vpcCidrBlocks: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html',
  subnetSizing: 'https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html',
  createVpc: 'https://docs.aws.amazon.com/vpc/latest/userguide/create-vpc.html',
} as const;

export interface AwsCheck {
  valid: boolean;
  reason: string;
}

// The sizes and ranges are AWS facts kept in src/aws/limits.ts.
export { IPV4_SUBNET, IPV4_VPC, IPV6_AMAZON_PROVIDED, IPV6_SUBNET, IPV6_VPC, type SizeRule } from '../aws/limits.js';
const FORBIDDEN_VPC_V4: ReadonlyArray<{ block: Block; name: string }> = FORBIDDEN_RANGES.map((r) => ({ block: parseBlock(r.cidr), name: r.name }));
const DOCKER_BRIDGE = parseBlock(DOCKER_BRIDGE_CIDR);

export function vpcRule(family: Family): SizeRule {
  return family === 4 ? IPV4_VPC : IPV6_VPC;
}

export function subnetRule(family: Family): SizeRule {
  return family === 4 ? IPV4_SUBNET : IPV6_SUBNET;
}

export function ruleText(r: SizeRule): string {
  return r.step === 1 ? `/${r.largest} to /${r.smallest}` : `/${r.largest} to /${r.smallest} in steps of /${r.step}`;
}

export { sizeAllowed };

function sizeCheck(r: SizeRule, len: number, what: string): AwsCheck {
  if (sizeAllowed(r, len)) return { valid: true, reason: `/${len} is within ${ruleText(r)}` };
  if (len < r.largest) return { valid: false, reason: `/${len} is larger than AWS allows for a ${what} (largest /${r.largest})` };
  if (len > r.smallest) return { valid: false, reason: `/${len} is smaller than AWS allows for a ${what} (smallest /${r.smallest})` };
  return { valid: false, reason: `/${len} is not a multiple of /${r.step}; AWS allows ${ruleText(r)} for a ${what}` };
}

function forbiddenV4(b: Block): string | null {
  const hit = FORBIDDEN_VPC_V4.find((f) => blocksOverlap(f.block, b));
  return hit ? `it overlaps ${formatBlock(hit.block)} (${hit.name}), which AWS does not allow in a VPC` : null;
}

export function vpcCheck(b: Block): AwsCheck {
  const size = sizeCheck(vpcRule(b.family), b.len, 'VPC');
  if (!size.valid) return size;
  if (b.family === 4) {
    const bad = forbiddenV4(b);
    if (bad) return { valid: false, reason: bad };
    return size;
  }
  if (b.len === IPV6_AMAZON_PROVIDED) return { valid: true, reason: `/56 is the size of an Amazon-provided IPv6 block` };
  return { valid: true, reason: `${size.reason}, from IPAM or your own (BYOIP) addresses; Amazon-provided blocks are /56` };
}

export function subnetCheck(b: Block): AwsCheck {
  const size = sizeCheck(subnetRule(b.family), b.len, 'subnet');
  if (!size.valid || b.family === 6) return size;
  const bad = forbiddenV4(b);
  return bad ? { valid: false, reason: `${bad} (a subnet must lie in its VPC's block)` } : size;
}

/** Advice that does not make a block invalid. */
export function awsNotes(b: Block): string[] {
  const notes: string[] = [];
  if (b.family === 4 && blocksOverlap(b, DOCKER_BRIDGE)) {
    notes.push('overlaps 172.17.0.0/16, which some AWS services (for example AWS Cloud9, Amazon SageMaker AI) use; AWS advises not to use it for a VPC');
  }
  return notes;
}

export interface ReservedAddress {
  address: string;
  /** '+0'…'+3' from the network address, or 'last' */
  offset: string;
  purpose: string;
}

// The first four and the last address of every subnet are reserved, IPv4 and IPv6 alike.
// https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html
const V4_PURPOSES = ['network address', 'VPC router', 'reserved by AWS; the Amazon DNS server is at the VPC base + 2', 'reserved by AWS for future use'];
const V4_LAST = 'network broadcast address (broadcast is not supported in a VPC)';
// IPv6: AWS names only the router (+1); the other four are reserved without a stated use.
// https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html#subnet-sizing-ipv6
const V6_PURPOSES = ['subnet base address, reserved by AWS', 'VPC router', 'reserved by AWS', 'reserved by AWS'];
const V6_LAST = 'last address, reserved by AWS';

/** The addresses AWS would reserve if this block were a subnet: the first four and the last. */
export function reservedAddresses(b: Block): ReservedAddress[] {
  const size = blockSize(b);
  const purposes = b.family === 4 ? V4_PURPOSES : V6_PURPOSES;
  const lastPurpose = b.family === 4 ? V4_LAST : V6_LAST;
  const out: ReservedAddress[] = [];
  const firstCount = size < BigInt(RESERVED_FIRST) ? Number(size) : RESERVED_FIRST;
  for (let i = 0; i < firstCount; i++) {
    const isLast = BigInt(i) === size - 1n;
    out.push({
      address: formatAddress(b.family, b.start + BigInt(i)),
      offset: `+${i}`,
      purpose: isLast ? `${purposes[i]}; also the last address` : purposes[i]!,
    });
  }
  if (size > BigInt(RESERVED_FIRST)) out.push({ address: formatAddress(b.family, blockEnd(b)), offset: 'last', purpose: lastPurpose });
  return out;
}

/** Addresses AWS leaves for your resources in a subnet of this size (total − 5 for every allowed size). */
export function usableCount(b: Block): bigint {
  const size = blockSize(b);
  const reserved = size <= BigInt(RESERVED_FIRST) ? size : BigInt(RESERVED_PER_SUBNET);
  return size - reserved;
}
