// The classes one group of cuts draws over a field, computed once per group instead of once per set: the line is cut
// into elementary segments, each tagged with the class of the cuts (or labels) covering it. Splitting a set is then a
// binary search per range, however many cuts the group holds; a set is split by several groups one after the other
// (members in one final class lie in the same class of every group, hence in exactly the same cuts).
import type { Range, RangeSet } from './sets.js';
import { normalize } from './sets.js';

export class Partition {
  /** starts of the elementary segments, ascending; the first is 0 */
  private readonly starts: bigint[] = [0n];
  /** class of each segment */
  private readonly ids: number[] = [0];

  constructor(cuts: readonly Range[], labels?: readonly string[]) {
    if (!cuts.length) return;
    const events: [bigint, number, number][] = [];
    cuts.forEach(([lo, hi], i) => events.push([lo, 1, i], [hi + 1n, -1, i]));
    events.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    const active = new Map<string, number>();
    const classes = new Map<string, number>([['', 0]]);
    let e = 0;
    while (e < events.length) {
      const p = events[e]![0];
      while (e < events.length && events[e]![0] === p) {
        const [, kind, i] = events[e]!;
        const k = labels ? labels[i]! : String(i);
        const n = (active.get(k) ?? 0) + kind;
        if (n) active.set(k, n);
        else active.delete(k);
        e++;
      }
      const key = [...active.keys()].sort().join(',');
      let id = classes.get(key);
      if (id === undefined) classes.set(key, (id = classes.size));
      if (p === 0n) this.ids[0] = id;
      else if (this.ids[this.ids.length - 1] !== id) {
        this.starts.push(p);
        this.ids.push(id);
      }
    }
  }

  get trivial(): boolean {
    return this.ids.length === 1;
  }

  /** index of the segment holding x */
  private at(x: bigint): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= x) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** splits already made, by set: the engine divides one set by one group many times (results are read only) */
  private readonly memo = new WeakMap<RangeSet, RangeSet[]>();

  /** `set` divided into the classes of this partition. */
  split(set: RangeSet): RangeSet[] {
    if (this.trivial || !set.length) return set.length ? [set] : [];
    let r = this.memo.get(set);
    if (!r) this.memo.set(set, (r = this.divide(set)));
    return r;
  }

  private divide(set: RangeSet): RangeSet[] {
    const by = new Map<number, Range[]>();
    for (const [lo, hi] of set) {
      let i = this.at(lo);
      let a = lo;
      while (a <= hi) {
        const end = i + 1 < this.starts.length ? this.starts[i + 1]! - 1n : hi;
        const b = end < hi ? end : hi;
        const id = this.ids[i]!;
        const l = by.get(id);
        if (l) l.push([a, b]);
        else by.set(id, [[a, b]]);
        a = b + 1n;
        i++;
      }
    }
    if (by.size === 1) return [set];
    return [...by.values()].map(normalize);
  }
}

/** `set` divided by every partition in turn. */
export function refine(set: RangeSet, parts: readonly Partition[]): RangeSet[] {
  let classes = [set];
  for (const p of parts) if (!p.trivial) classes = classes.flatMap((c) => p.split(c));
  return classes;
}
