// The classes one group of cuts draws over a field, computed once per group instead of once per set: the line is cut
// into elementary segments, each tagged with the class of the cuts (or labels) covering it. Splitting a set is then a
// binary search per range, however many cuts the group holds; a set is split by several groups one after the other
// (members in one final class lie in the same class of every group, hence in exactly the same cuts).
import type { Range, RangeSet } from './sets.js';
import { normalize } from './sets.js';

export class Partition {
  /**
   * starts of the elementary segments, ascending; the first is 0. Numbers when every bound is exact as one (IPv4
   * addresses, ports, ICMP types: eight bytes each, no object per start), bigints otherwise (IPv6).
   */
  private readonly starts: number[] | bigint[];
  private readonly small: boolean;
  /** class of each segment */
  private readonly ids: number[] = [0];

  constructor(cuts: readonly Range[], labels?: readonly string[]) {
    this.small = cuts.every(([, hi]) => hi < MAX_SAFE);
    this.starts = this.small ? [0] : [0n];
    if (!cuts.length) return;
    const [points, order] = events(cuts, this.small);
    const active = new Map<string, number>();
    const classes = new Map<string, number>([['', 0]]);
    let e = 0;
    while (e < order.length) {
      const p = points[order[e]!]!;
      // every event at one point is applied before the class is read: their order does not matter
      while (e < order.length && points[order[e]!] === p) {
        const ev = order[e]!;
        const i = ev >> 1;
        const k = labels ? labels[i]! : String(i);
        const n = (active.get(k) ?? 0) + (ev & 1 ? -1 : 1);
        if (n) active.set(k, n);
        else active.delete(k);
        e++;
      }
      const key = [...active.keys()].sort().join(',');
      let id = classes.get(key);
      if (id === undefined) classes.set(key, (id = classes.size));
      if (p === 0 || p === 0n) this.ids[0] = id;
      else if (this.ids[this.ids.length - 1] !== id) {
        if (this.small) (this.starts as number[]).push(p as number);
        else (this.starts as bigint[]).push(p as bigint);
        this.ids.push(id);
      }
    }
  }

  /** The partition of `cuts`; one shared partition for no cuts (most hops draw none over most fields). */
  static of(cuts: readonly Range[], labels?: readonly string[]): Partition {
    if (cuts.length) return new Partition(cuts, labels);
    NONE ??= new Partition([]);
    return NONE;
  }

  get trivial(): boolean {
    return this.ids.length === 1;
  }

  /** index of the segment holding x */
  private at(x: bigint): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    if (this.small) {
      // exact below 2^53; above it, past every start (all are below 2^53)
      const v = Number(x);
      const starts = this.starts as number[];
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= v) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    }
    const starts = this.starts as bigint[];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= x) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The last value of segment i (undefined for the last segment). */
  private endOf(i: number): bigint | undefined {
    if (i + 1 >= this.starts.length) return undefined;
    const next = this.starts[i + 1]!;
    return (typeof next === 'number' ? BigInt(next) : next) - 1n;
  }

  /**
   * Splits already made, by set: the engine divides one set by one group many times within a run (results are read
   * only). Kept for one run only (forgetSplits): the pieces of a set that lives on (the internet, all ports) are split
   * again by other groups, and over every run of an exposure those chains held more than the estate itself.
   */
  private memo: WeakMap<RangeSet, RangeSet[]> | undefined;

  /** `set` divided into the classes of this partition. */
  split(set: RangeSet): RangeSet[] {
    if (this.trivial || !set.length) return set.length ? [set] : [];
    if (!this.memo) {
      this.memo = new WeakMap();
      remembering.push(this);
    }
    let r = this.memo.get(set);
    if (!r) {
      r = this.divide(set);
      this.memo.set(set, r);
    }
    return r;
  }

  forget(): void {
    this.memo = undefined;
  }

  private divide(set: RangeSet): RangeSet[] {
    const by = new Map<number, Range[]>();
    for (const [lo, hi] of set) {
      let i = this.at(lo);
      let a = lo;
      while (a <= hi) {
        const end = this.endOf(i);
        const b = end !== undefined && end < hi ? end : hi;
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

/**
 * The cuts' bounds as events, in order of their point: event 2i opens cut i at its low end, 2i+1 closes it after its
 * high end. Points are numbers when every bound is exact as one (IPv4 addresses, ports, ICMP types: cheap to sort),
 * bigints otherwise (IPv6).
 */
function events(cuts: readonly Range[], small: boolean): [readonly (number | bigint)[], Uint32Array] {
  const points: (number | bigint)[] = new Array(cuts.length * 2);
  cuts.forEach(([lo, hi], i) => {
    points[2 * i] = small ? Number(lo) : lo;
    points[2 * i + 1] = small ? Number(hi) + 1 : hi + 1n;
  });
  const order = new Uint32Array(points.length).map((_, i) => i);
  if (small) {
    const n = points as number[];
    order.sort((a, b) => n[a]! - n[b]!);
  } else {
    const b = points as bigint[];
    order.sort((x, y) => (b[x]! < b[y]! ? -1 : b[x]! > b[y]! ? 1 : 0));
  }
  return [points, order];
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The partition without cuts (see Partition.of). */
let NONE: Partition | undefined;

/** Partitions that remember splits made since the last forgetSplits(). */
const remembering: Partition[] = [];

/** Drops every partition's remembered splits: called when a run starts. */
export function forgetSplits(): void {
  for (const p of remembering) p.forget();
  remembering.length = 0;
}

/** `set` divided by every partition in turn. */
export function refine(set: RangeSet, parts: readonly Partition[]): RangeSet[] {
  let classes = [set];
  for (const p of parts) {
    if (p.trivial) continue;
    if (classes.length === 1) {
      classes = p.split(classes[0]!);
      continue;
    }
    const next: RangeSet[] = [];
    for (const c of classes) for (const x of p.split(c)) next.push(x);
    classes = next;
  }
  return classes;
}
