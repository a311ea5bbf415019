// `vpcsim cidr summarize <cidr>...`: the fewest CIDRs that cover exactly the same addresses.
import type { Family } from '../net/ip.js';
import { type Block, blockRange, compareBlocks, formatBlock, mergeRanges, rangeToBlocks } from '../net/block.js';
import { CidrInputError, parseBlock } from './parse.js';

export interface SummarizeResult {
  input: string[];
  summary: string[];
  /** exact address counts per family, as decimal strings */
  addresses: { ipv4: string; ipv6: string };
}

/** The minimal exact cover of a set of blocks: merge the ranges, then cut each into maximal aligned blocks. */
export function summarizeBlocks(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const family of [4, 6] as Family[]) {
    const merged = mergeRanges(blocks.filter((b) => b.family === family).map(blockRange));
    for (const r of merged) out.push(...rangeToBlocks(family, r.lo, r.hi));
  }
  return out.sort(compareBlocks);
}

export function cidrSummarize(inputs: string[]): SummarizeResult {
  if (inputs.length === 0) throw new CidrInputError('give at least one CIDR to summarize');
  const blocks = inputs.map(parseBlock);
  const summary = summarizeBlocks(blocks);
  const count = (f: Family) =>
    mergeRanges(blocks.filter((b) => b.family === f).map(blockRange))
      .reduce((n, r) => n + (r.hi - r.lo + 1n), 0n)
      .toString();
  return { input: blocks.map(formatBlock), summary: summary.map(formatBlock), addresses: { ipv4: count(4), ipv6: count(6) } };
}
