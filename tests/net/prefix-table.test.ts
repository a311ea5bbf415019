// Longest-prefix match against a linear oracle: the longest covering prefix, the lowest rank among equal ones,
// the first written among full ties; IPv4 through the flattened interval table, IPv6 through the per-length maps.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PrefixTable } from '../../src/net/prefix-table.js';
import { contains, makePrefix, type Prefix } from '../../src/net/ip.js';

interface Entry {
  destination: Prefix;
  rank: number;
  n: number;
}

function oracle(entries: Entry[], a: number | bigint): Entry | undefined {
  let best: Entry | undefined;
  for (const e of entries) {
    if (!contains(e.destination, a)) continue;
    if (!best || e.destination.len > best.destination.len || (e.destination.len === best.destination.len && e.rank < best.rank)) best = e;
  }
  return best;
}

// Prefixes clustered in a few regions so that they nest and touch, plus the default route at times.
const v4Prefix = fc
  .record({ region: fc.constantFrom(0x0a000000, 0xac100000, 0xffffff00, 0), off: fc.integer({ min: 0, max: 0xffff }), len: fc.integer({ min: 0, max: 32 }) })
  .map(({ region, off, len }) => makePrefix(4, (region + off * 16) >>> 0, len));
const v4Addr = fc.oneof(
  fc.integer({ min: 0, max: 0xffffffff }),
  fc
    .record({ region: fc.constantFrom(0x0a000000, 0xac100000, 0xffffff00, 0), off: fc.integer({ min: 0, max: 0xfffff }) })
    .map(({ region, off }) => (region + off) >>> 0),
  fc.constantFrom(0, 0xffffffff),
);

describe('PrefixTable', () => {
  it('IPv4: the interval table finds what a linear scan finds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ destination: v4Prefix, rank: fc.integer({ min: 0, max: 3 }) }), { maxLength: 40 }),
        fc.array(v4Addr, { minLength: 1, maxLength: 40 }),
        (raw, addrs) => {
          const entries = raw.map((e, n) => ({ ...e, n }));
          const table = new PrefixTable(4, entries);
          for (const e of entries) expect(table.lookup(e.destination.base)?.n).toBe(oracle(entries, e.destination.base)?.n);
          for (const a of addrs) expect(table.lookup(a)?.n).toBe(oracle(entries, a)?.n);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('IPv6 and mixed families', () => {
    const entries: Entry[] = [
      { destination: makePrefix(6, 0n, 0), rank: 0, n: 0 },
      { destination: makePrefix(6, 0x20010db8n << 96n, 32), rank: 0, n: 1 },
      { destination: makePrefix(4, 0x0a000000, 8), rank: 0, n: 2 },
    ];
    const v6 = new PrefixTable(6, entries);
    const v4 = new PrefixTable(4, entries);
    expect(v6.lookup((0x20010db8n << 96n) + 5n)?.n).toBe(1);
    expect(v6.lookup(1n)?.n).toBe(0);
    expect(v6.lookup(0x0a000001)).toBeUndefined();
    expect(v4.lookup(0x0a000001)?.n).toBe(2);
    expect(v4.lookup(0x0b000001)).toBeUndefined();
    expect(v4.lookup(1n)).toBeUndefined();
  });
});
