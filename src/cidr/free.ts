// `vpcsim cidr free <cidr> --used a,b`: what is left of a block, as the fewest CIDRs.
import type { Family } from '../net/ip.js';
import {
  type Block,
  type Range,
  blockEnd,
  blockRange,
  blockSize,
  blocksOverlap,
  formatAddress,
  formatBlock,
  mergeRanges,
  rangeToBlocks,
} from '../net/block.js';
import { CidrInputError, parseBlock } from './parse.js';

export interface FreeBlock {
  cidr: string;
  first: string;
  last: string;
  total: string;
}

export interface FreeResult {
  cidr: string;
  family: Family;
  /** the used blocks that touch the block, canonical text */
  used: string[];
  /** used blocks that were left out, and why */
  ignored: Array<{ cidr: string; reason: string }>;
  free: FreeBlock[];
  /** exact address counts as decimal strings: total = used + free */
  totals: { total: string; used: string; free: string };
}

/** Ranges of `whole` not covered by any of `used` (each already clipped or not; clipping happens here). */
export function freeRanges(whole: Block, used: Block[]): Range[] {
  const lo = whole.start;
  const hi = blockEnd(whole);
  const taken = mergeRanges(
    used
      .filter((u) => blocksOverlap(u, whole))
      .map((u) => {
        const r = blockRange(u);
        return { lo: r.lo < lo ? lo : r.lo, hi: r.hi > hi ? hi : r.hi };
      }),
  );
  const out: Range[] = [];
  let next = lo;
  for (const t of taken) {
    if (t.lo > next) out.push({ lo: next, hi: t.lo - 1n });
    next = t.hi + 1n;
  }
  if (next <= hi) out.push({ lo: next, hi });
  return out;
}

export function freeBlocks(whole: Block, used: Block[]): Block[] {
  return freeRanges(whole, used).flatMap((r) => rangeToBlocks(whole.family, r.lo, r.hi));
}

export function cidrFree(cidr: string, usedInputs: string[]): FreeResult {
  const whole = parseBlock(cidr);
  if (usedInputs.length === 0) throw new CidrInputError((n) => `give the used blocks with ${n.used} (for example ${n.used} 10.0.0.0/24,10.0.1.0/24)`);
  const where = formatBlock(whole);
  const used: Block[] = [];
  const ignored: FreeResult['ignored'] = [];
  for (const u of usedInputs.map(parseBlock)) {
    if (u.family !== whole.family) ignored.push({ cidr: formatBlock(u), reason: `IPv${u.family} block, ${where} is IPv${whole.family}` });
    else if (!blocksOverlap(u, whole)) ignored.push({ cidr: formatBlock(u), reason: `outside ${where}` });
    else used.push(u);
  }
  const free = freeBlocks(whole, used);
  const freeCount = free.reduce((n, b) => n + blockSize(b), 0n);
  const total = blockSize(whole);
  return {
    cidr: where,
    family: whole.family,
    used: used.map(formatBlock),
    ignored,
    free: free.map((b) => ({
      cidr: formatBlock(b),
      first: formatAddress(b.family, b.start),
      last: formatAddress(b.family, blockEnd(b)),
      total: blockSize(b).toString(),
    })),
    totals: { total: total.toString(), used: (total - freeCount).toString(), free: freeCount.toString() },
  };
}
