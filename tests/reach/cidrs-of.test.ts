// Rows write external address sets as the fewest CIDRs (merge.ts cidrsOf), one range at a time: the ranges of a set
// neither overlap nor touch, so no block of one merges with a block of another. The CIDR calculator's summarize is
// the oracle, over random sets of both families (shared ranges come from the per-range memo the second time).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarizeBlocks } from '../../src/cidr/summarize.js';
import { formatBlock, rangeToBlocks } from '../../src/net/block.js';
import { cidrsOf } from '../../src/reach/merge.js';
import { type Range, normalize } from '../../src/reach/sets.js';

const oracle = (set: Range[], family: 4 | 6) => summarizeBlocks(set.flatMap(([lo, hi]) => rangeToBlocks(family, lo, hi))).map(formatBlock);

const ranges = (max: bigint) =>
  fc.array(
    fc.tuple(fc.bigInt({ min: 0n, max }), fc.bigInt({ min: 0n, max })).map(([a, b]) => (a <= b ? [a, b] : [b, a]) as Range),
    { minLength: 1, maxLength: 12 },
  );

describe('cidrsOf', () => {
  it('gives what summarize gives, for IPv4 and IPv6 sets', () => {
    for (const [family, max] of [
      [4, 2n ** 32n - 1n],
      [6, 2n ** 128n - 1n],
    ] as const)
      fc.assert(
        fc.property(ranges(max), (rs) => {
          const set = normalize(rs);
          expect(cidrsOf(set, family)).toEqual(oracle(set, family));
          expect(cidrsOf([...set], family)).toEqual(oracle(set, family));
        }),
        { numRuns: 300, seed: 12 },
      );
  });

  it('writes the whole IPv4 space as one block and a single address as a /32', () => {
    expect(cidrsOf([[0n, 2n ** 32n - 1n]], 4)).toEqual(['0.0.0.0/0']);
    expect(cidrsOf([[167772161n, 167772161n]], 4)).toEqual(['10.0.0.1/32']);
  });
});
