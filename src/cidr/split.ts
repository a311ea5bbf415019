// `vpcsim cidr split`: equal, aligned subnets of a block.
import type { Family } from '../net/ip.js';
import { usableCount } from './aws.js';
import { type Block, bitsOf, blockEnd, blockSize, ceilLog2, formatAddress, formatBlock, rangeToBlocks } from '../net/block.js';
import { CidrInputError, parseBlock } from './parse.js';

/** The most subnets one split lists; more would be a wall of text nobody reads. */
export const SPLIT_LIMIT = 65536;

export interface SubnetRow {
  cidr: string;
  first: string;
  last: string;
  total: string;
  /** addresses left after the 5 AWS reserves in every subnet */
  usable: string;
}

export interface SplitResult {
  cidr: string;
  family: Family;
  prefix: number;
  /** how many subnets were asked for (--count), or all of them (--prefix) */
  count: number;
  subnets: SubnetRow[];
  /** with --count below a power of two: the rest of the block, as the fewest CIDRs */
  free: string[];
}

export function subnetRow(b: Block): SubnetRow {
  return {
    cidr: formatBlock(b),
    first: formatAddress(b.family, b.start),
    last: formatAddress(b.family, blockEnd(b)),
    total: blockSize(b).toString(),
    usable: usableCount(b).toString(),
  };
}

export type SplitBy = { prefix: number } | { count: number };

export function splitCidr(cidr: string, by: SplitBy): SplitResult {
  const parent = parseBlock(cidr);
  const bits = bitsOf(parent.family);
  let prefix: number;
  let count: number;
  if ('prefix' in by) {
    prefix = by.prefix;
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits)
      throw new CidrInputError((n) => `${n.prefix} ${prefix} is not a prefix length from 0 to ${bits}`);
    if (prefix < parent.len)
      throw new CidrInputError((n) => `${n.prefix} /${prefix} is larger than ${formatBlock(parent)} itself; choose /${parent.len} to /${bits}`);
    if (prefix - parent.len > 16)
      throw new CidrInputError(
        `splitting ${formatBlock(parent)} into /${prefix} gives 2^${prefix - parent.len} subnets; the limit is ${SPLIT_LIMIT} (/${parent.len + 16})`,
      );
    count = 2 ** (prefix - parent.len);
  } else {
    count = by.count;
    if (!Number.isInteger(count) || count < 1) throw new CidrInputError((n) => `${n.count} ${count} is not a whole number of at least 1`);
    if (count > SPLIT_LIMIT) throw new CidrInputError((n) => `${n.count} ${count} is above the limit of ${SPLIT_LIMIT} subnets`);
    prefix = parent.len + ceilLog2(BigInt(count));
    if (prefix > bits) throw new CidrInputError(`${formatBlock(parent)} has only ${blockSize(parent)} addresses; it can't be split into ${count} subnets`);
  }
  const size = 1n << BigInt(bits - prefix);
  const subnets: SubnetRow[] = [];
  for (let i = 0; i < count; i++) subnets.push(subnetRow({ family: parent.family, start: parent.start + BigInt(i) * size, len: prefix }));
  const usedEnd = parent.start + BigInt(count) * size;
  const free = usedEnd <= blockEnd(parent) ? rangeToBlocks(parent.family, usedEnd, blockEnd(parent)).map(formatBlock) : [];
  return { cidr: formatBlock(parent), family: parent.family, prefix, count, subnets, free };
}
