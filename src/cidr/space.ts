// Which part of the address space a block is in: RFC 1918 private, RFC 6598 shared, public, or special-purpose.
import { type Block, blockCovers, blockEnd, blockRange, blockSize, blocksOverlap, formatBlock, mergeRanges } from '../net/block.js';
import { parseBlock } from './parse.js';
import { SPECIAL_V4, SPECIAL_V6 } from '../net/ranges.js';

export type SpaceKind = 'private' | 'shared' | 'public' | 'special' | 'mixed';

export interface SpaceRange {
  cidr: string;
  name: string;
  kind: Exclude<SpaceKind, 'mixed' | 'public'>;
}

export interface Space {
  kind: SpaceKind;
  label: string;
  /** the named ranges the block touches (empty for public space) */
  ranges: SpaceRange[];
}

interface Named {
  block: Block;
  name: string;
  kind: SpaceRange['kind'];
}

function named(cidr: string, name: string, kind: SpaceRange['kind']): Named {
  return { block: parseBlock(cidr), name, kind };
}

// The ranges and their RFCs live in src/net/ranges.ts.
const V4: Named[] = SPECIAL_V4.map((r) => named(r.cidr, r.name, r.kind));
const V6: Named[] = SPECIAL_V6.map((r) => named(r.cidr, r.name, r.kind));

function label(n: Named): string {
  const where = `${n.name} (${formatBlock(n.block)})`;
  return n.kind === 'special' ? `special-purpose: ${where}` : where;
}

export function classify(b: Block): Space {
  const table = b.family === 4 ? V4 : V6;
  const publicLabel = b.family === 4 ? 'public (outside RFC 1918, RFC 6598 and special-purpose ranges)' : 'public (global unicast 2000::/3)';
  const covering = table.filter((n) => blockCovers(n.block, b)).sort((x, y) => y.block.len - x.block.len)[0];
  if (covering) {
    return {
      kind: covering.kind,
      label: label(covering),
      ranges: [{ cidr: formatBlock(covering.block), name: covering.name, kind: covering.kind }],
    };
  }
  // Not inside one named range: list the outermost named ranges it touches, and whether public space is left over.
  const touched = table.filter((n) => blocksOverlap(n.block, b));
  const outer = touched.filter((n) => !touched.some((m) => m !== n && blockCovers(m.block, n.block) && m.block.len < n.block.len));
  if (outer.length === 0) return { kind: 'public', label: publicLabel, ranges: [] };
  const lo = b.start;
  const hi = blockEnd(b);
  const clipped = mergeRanges(
    outer.map((n) => {
      const r = blockRange(n.block);
      return { lo: r.lo < lo ? lo : r.lo, hi: r.hi > hi ? hi : r.hi };
    }),
  );
  const covered = clipped.reduce((sum, r) => sum + (r.hi - r.lo + 1n), 0n);
  const hasPublic = covered < blockSize(b);
  const ranges = outer.map((n) => ({ cidr: formatBlock(n.block), name: n.name, kind: n.kind }));
  const parts = ranges.map((r) => `${r.cidr} ${r.name}`);
  if (hasPublic) parts.push('and public space');
  return { kind: 'mixed', label: `mixed: ${parts.join('; ')}`, ranges };
}
