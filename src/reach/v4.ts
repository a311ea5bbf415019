// IPv4 address sets collected as numbers: per-topology sets (relays, translators, the external spaces) gather one
// range per interface or public address of the estate, and sorting and merging tens of thousands of bigint ranges
// cost more than the rest of a query. The set given back is the one normalize() gives for the same ranges.
import type { RangeSet } from './sets.js';

/** IPv4 ranges added one by one; `set()` sorts and merges them. */
export class V4Ranges {
  /** single addresses (most of what is added): sorted natively as 32-bit integers */
  readonly points: number[] = [];
  private readonly lo: number[] = [];
  private readonly hi: number[] = [];

  add(lo: number, hi: number = lo): void {
    if (lo === hi) this.points.push(lo);
    else if (lo < hi) {
      this.lo.push(lo);
      this.hi.push(hi);
    }
  }

  /** The ranges sorted, with overlapping and touching ones merged (empty ones dropped), as bigint ranges. */
  set(): RangeSet {
    const { lo, hi } = this;
    const points = Uint32Array.from(this.points).sort();
    const ranges = [...lo.keys()].sort((a, b) => lo[a]! - lo[b]!);
    const out: [bigint, bigint][] = [];
    let curLo = -1;
    let curHi = -2;
    let p = 0;
    let r = 0;
    while (p < points.length || r < ranges.length) {
      // the next range in order of its start: a single address or a range
      const fromPoint = r === ranges.length || (p < points.length && points[p]! < lo[ranges[r]!]!);
      const a = fromPoint ? points[p]! : lo[ranges[r]!]!;
      const b = fromPoint ? points[p++]! : hi[ranges[r++]!]!;
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
