// `vpcsim cidr overlap <cidr> <cidr>...`: every pair of blocks that share addresses.
import { type Block, blockEnd, blockSize, compareBlocks, formatBlock } from '../net/block.js';
import { CidrInputError, parseBlock } from './parse.js';

export interface OverlapPair {
  a: string;
  b: string;
  /** positions of a and b in the input, from 0 */
  indexes: [number, number];
  relation: 'identical' | 'a contains b' | 'b contains a';
  /** the shared addresses: for CIDR blocks that is always the smaller block */
  shared: string;
  addresses: string;
}

export interface OverlapResult {
  cidrs: string[];
  pairs: OverlapPair[];
  /** the answer to "do any of these overlap?"; the CLI exits 1 when it is false */
  overlapping: boolean;
}

export function cidrOverlap(inputs: string[]): OverlapResult {
  if (inputs.length < 2) throw new CidrInputError(`give at least two CIDRs to compare (got ${inputs.length})`);
  const blocks = inputs.map(parseBlock);
  // Two CIDR blocks overlap only if one contains the other, so a sweep over blocks sorted by start finds every pair.
  const order = blocks.map((_, i) => i).sort((x, y) => compareBlocks(blocks[x]!, blocks[y]!) || x - y);
  const found: Array<[number, number]> = [];
  for (let s = 0; s < order.length; s++) {
    const i = order[s]!;
    const bi = blocks[i]!;
    const end = blockEnd(bi);
    for (let t = s + 1; t < order.length; t++) {
      const j = order[t]!;
      const bj = blocks[j]!;
      if (bj.family !== bi.family || bj.start > end) break;
      found.push(i < j ? [i, j] : [j, i]);
    }
  }
  found.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const pairs = found.map(([i, j]): OverlapPair => {
    const a = blocks[i]!;
    const b = blocks[j]!;
    const relation = a.len === b.len ? 'identical' : a.len < b.len ? 'a contains b' : 'b contains a';
    const smaller: Block = a.len >= b.len ? a : b;
    return { a: formatBlock(a), b: formatBlock(b), indexes: [i, j], relation, shared: formatBlock(smaller), addresses: blockSize(smaller).toString() };
  });
  return { cidrs: blocks.map(formatBlock), pairs, overlapping: pairs.length > 0 };
}
