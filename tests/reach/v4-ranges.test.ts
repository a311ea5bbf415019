import { describe, expect, it } from 'vitest';
import { normalize, type Range } from '../../src/reach/sets.js';
import { V4Ranges } from '../../src/reach/v4.js';

// V4Ranges gives the set normalize() gives for the same ranges, whatever their order, overlaps and touching ends.
describe('V4Ranges', () => {
  it('sorts and merges as normalize() does', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const v = new V4Ranges();
      const rs: Range[] = [];
      const span = [16, 1000, 2 ** 32][round % 3]!;
      for (let i = rnd(60); i > 0; i--) {
        const lo = rnd(span);
        const hi = rnd(4) === 0 ? lo - 1 - rnd(3) : Math.min(span - 1, lo + rnd(span / 8 + 1));
        v.add(lo, hi);
        rs.push([BigInt(lo), BigInt(hi)]);
      }
      expect(v.set()).toEqual(normalize(rs));
    }
  });

  it('keeps address 0 and the last address', () => {
    const v = new V4Ranges();
    v.add(2 ** 32 - 1);
    v.add(0);
    v.add(1, 5);
    expect(v.set()).toEqual([
      [0n, 5n],
      [2n ** 32n - 1n, 2n ** 32n - 1n],
    ]);
  });
});
