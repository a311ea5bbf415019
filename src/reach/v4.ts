// IPv4 address sets collected as numbers: per-topology sets (relays, translators, the external spaces) gather one
// range per interface or public address of the estate, and sorting and merging tens of thousands of bigint ranges
// cost more than the rest of a query. The set given back is the one normalize() gives for the same ranges.
import type { RangeSet } from './sets.js';

/** IPv4 ranges added one by one; `set()` sorts and merges them. */
export class V4Ranges {
  private readonly lo: number[] = [];
  private readonly hi: number[] = [];

  add(lo: number, hi: number = lo): void {
    this.lo.push(lo);
    this.hi.push(hi);
  }

  /** The ranges sorted, with overlapping and touching ones merged (empty ones dropped), as bigint ranges. */
  set(): RangeSet {
    const { lo, hi } = this;
    const out: [bigint, bigint][] = [];
    let curLo = -1;
    let curHi = -2;
    for (const i of order(lo)) {
      const a = lo[i]!;
      const b = hi[i]!;
      if (b < a) continue;
      if (curLo >= 0 && a <= curHi + 1) {
        if (b > curHi) curHi = b;
        continue;
      }
      if (curLo >= 0) out.push([BigInt(curLo), BigInt(curHi)]);
      curLo = a;
      curHi = b;
    }
    if (curLo >= 0) out.push([BigInt(curLo), BigInt(curHi)]);
    return out;
  }
}

/** Indices of `keys` (IPv4 addresses) in ascending order of key. */
function order(keys: number[]): Iterable<number> {
  const n = keys.length;
  if (n <= INDEX_SPAN) {
    // key and index packed into one number below 2^53: a typed array sorts them without a comparator
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) packed[i] = keys[i]! * INDEX_SPAN + i;
    packed.sort();
    const idx = new Uint32Array(n);
    for (let i = 0; i < n; i++) idx[i] = packed[i]! % INDEX_SPAN;
    return idx;
  }
  return [...keys.keys()].sort((a, b) => keys[a]! - keys[b]!);
}

/** 2^21: a 32-bit address times this plus an index below it stays an exact integer in a double. */
const INDEX_SPAN = 2 ** 21;
