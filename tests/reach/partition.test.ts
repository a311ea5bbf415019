// A partition divides a set into the classes of its cuts: two values share a piece exactly when the same cuts (or, with
// labels, the same labels) cover both. Checked value by value against that definition over small domains, with bounds
// kept as numbers (below 2^53: IPv4, ports) and as bigints (IPv6), where the partition stores its segments apart.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Partition, refine } from '../../src/reach/partition.js';
import { type Range, normalize } from '../../src/reach/sets.js';

const WIDTH = 200n;

function byDefinition(set: Range[], cuts: Range[], labels: string[] | undefined): string[] {
  const groups = new Map<string, bigint[]>();
  for (const [lo, hi] of set)
    for (let x = lo; x <= hi; x++) {
      const covering = new Set<string>();
      cuts.forEach(([a, b], i) => {
        if (x >= a && x <= b) covering.add(labels ? labels[i]! : String(i));
      });
      const k = [...covering].sort().join(',');
      (groups.get(k) ?? groups.set(k, []).get(k)!).push(x);
    }
  return [...groups.values()].map((xs) => xs.join(' ')).sort();
}

function pieces(p: Partition, set: Range[]): string[] {
  return p
    .split(set)
    .map((piece) => {
      const xs: bigint[] = [];
      for (const [lo, hi] of piece) for (let x = lo; x <= hi; x++) xs.push(x);
      return xs.join(' ');
    })
    .sort();
}

const range = (base: bigint) =>
  fc
    .tuple(fc.bigInt({ min: 0n, max: WIDTH }), fc.bigInt({ min: 0n, max: WIDTH }))
    .map(([a, b]) => (a <= b ? [base + a, base + b] : [base + b, base + a]) as Range);

describe('Partition', () => {
  for (const [name, base] of [
    ['numbers (bounds below 2^53)', 0n],
    ['bigints (bounds above 2^53)', 2n ** 64n],
  ] as const)
    it(`splits a set into exactly the classes of its cuts: ${name}`, () => {
      fc.assert(
        fc.property(fc.array(range(base), { maxLength: 8 }), fc.array(range(base), { minLength: 1, maxLength: 4 }), fc.boolean(), (cuts, set, labelled) => {
          const labels = labelled ? cuts.map((_, i) => `L${i % 3}`) : undefined;
          const s = normalize(set);
          expect(pieces(new Partition(cuts, labels), s)).toEqual(byDefinition(s, cuts, labels));
        }),
        { numRuns: 150, seed: 5 },
      );
    });

  it('reads a value beyond 2^53 against number bounds as past every bound', () => {
    const p = new Partition([[10n, 20n]]);
    expect(p.split([[2n ** 60n, 2n ** 60n + 5n]])).toEqual([[[2n ** 60n, 2n ** 60n + 5n]]]);
    expect(pieces(p, [[5n, 25n]])).toEqual(byDefinition([[5n, 25n]], [[10n, 20n]], undefined));
  });

  it('refines by several partitions in turn', () => {
    const a = new Partition([[0n, 9n]]);
    const b = new Partition([[5n, 14n]]);
    expect(refine([[0n, 19n]], [a, b]).map((x) => x.map(([l, h]) => `${l}-${h}`).join(','))).toEqual(['0-4', '5-9', '10-14', '15-19']);
  });
});
