// Sets of integers as sorted, disjoint, non-touching ranges [lo, hi] (bigint, so one code path serves IPv4, IPv6,
// ports, ICMP types and protocol numbers). The engine's packet classes are products of one such set per header field.

export type Range = readonly [bigint, bigint];
export type RangeSet = Range[];

export function normalize(rs: readonly Range[]): RangeSet {
  // most callers pass ranges already in order (merged sets, sorted cuts): sort only when needed
  let inOrder = true;
  for (let i = 1; i < rs.length && inOrder; i++) inOrder = rs[i - 1]![0] <= rs[i]![0];
  const sorted = inOrder ? rs : [...rs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  // ranges are never written to once made: a range that merges with none is kept as it is, a merged one is new
  const out: Range[] = [];
  for (const r of sorted) {
    if (r[1] < r[0]) continue;
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1n) {
      if (r[1] > last[1]) out[out.length - 1] = [last[0], r[1]];
    } else out.push(r);
  }
  return out;
}

export function union(a: RangeSet, b: RangeSet): RangeSet {
  return normalize([...a, ...b]);
}

export function intersect(a: RangeSet, b: RangeSet): RangeSet {
  const out: Range[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [alo, ahi] = a[i]!;
    const [blo, bhi] = b[j]!;
    const lo = alo > blo ? alo : blo;
    const hi = ahi < bhi ? ahi : bhi;
    if (lo <= hi) out.push([lo, hi]);
    if (ahi < bhi) i++;
    else j++;
  }
  return out;
}

export function subtract(a: RangeSet, b: RangeSet): RangeSet {
  const out: Range[] = [];
  let j = 0;
  for (const [lo0, hi] of a) {
    let lo = lo0;
    while (j < b.length && b[j]![1] < lo) j++;
    let k = j;
    while (k < b.length && b[k]![0] <= hi && lo <= hi) {
      const [blo, bhi] = b[k]!;
      if (blo > lo) out.push([lo, blo - 1n]);
      lo = bhi + 1n;
      k++;
    }
    if (lo <= hi) out.push([lo, hi]);
  }
  return out;
}

export function has(s: RangeSet, x: bigint): boolean {
  let lo = 0;
  let hi = s.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = s[mid]!;
    if (x < r[0]) hi = mid - 1;
    else if (x > r[1]) lo = mid + 1;
    else return true;
  }
  return false;
}

export function isEmpty(s: RangeSet): boolean {
  return s.length === 0;
}

export function sameSet(a: RangeSet, b: RangeSet): boolean {
  return a.length === b.length && a.every((r, i) => r[0] === b[i]![0] && r[1] === b[i]![1]);
}

export function setKey(s: RangeSet): string {
  return s.map(([lo, hi]) => (lo === hi ? `${lo}` : `${lo}-${hi}`)).join(',');
}

/**
 * Splits `set` into the classes of members that lie in exactly the same `cuts`: every member of one class is inside
 * or outside each cut alike. This is the atomic-predicate step: a rule is a product of one cut per field, so packets
 * in one product of classes match every rule alike.
 */
export function split(set: RangeSet, cuts: readonly Range[], labels?: readonly string[]): RangeSet[] {
  if (set.length === 0) return [];
  const first = set[0]![0];
  const last = set[set.length - 1]![1];
  const events: [bigint, number, number][] = []; // [point, +1 open / -1 close, cut index]
  cuts.forEach(([lo, hi], i) => {
    if (hi < first || lo > last) return;
    events.push([lo, 1, i], [hi + 1n, -1, i]);
  });
  if (events.length === 0) return [set];
  events.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
  const active = new Set<number>();
  const groups = new Map<string, Range[]>();
  let at = first;
  let e = 0;
  let si = 0;
  const emit = (lo: bigint, hi: bigint) => {
    if (hi < lo) return;
    while (si < set.length && set[si]![1] < lo) si++;
    const piece: Range[] = [];
    for (let k = si; k < set.length && set[k]![0] <= hi; k++) piece.push([set[k]![0] > lo ? set[k]![0] : lo, set[k]![1] < hi ? set[k]![1] : hi]);
    if (piece.length === 0) return;
    const key = labels ? [...new Set([...active].map((i) => labels[i]!))].sort().join(',') : [...active].sort((x, y) => x - y).join(',');
    const g = groups.get(key);
    if (g) g.push(...piece);
    else groups.set(key, [...piece]);
  };
  while (e < events.length) {
    const p = events[e]![0];
    emit(at, p - 1n);
    while (e < events.length && events[e]![0] === p) {
      const [, kind, i] = events[e]!;
      if (kind === 1) active.add(i);
      else active.delete(i);
      e++;
    }
    at = p;
  }
  emit(at, last);
  return [...groups.values()].map(normalize);
}

/** Do two sets share a member? Each range of the smaller set is looked up in the larger one (binary search). */
export function meets(a: RangeSet, b: RangeSet): boolean {
  const small = a.length <= b.length ? a : b;
  const large = small === a ? b : a;
  let from = 0;
  for (const [lo, hi] of small) {
    // the first range of `large` that ends at or after lo
    let l = from;
    let h = large.length;
    while (l < h) {
      const m = (l + h) >> 1;
      if (large[m]![1] < lo) l = m + 1;
      else h = m;
    }
    if (l === large.length) return false;
    if (large[l]![0] <= hi) return true;
    from = l;
  }
  return false;
}

/**
 * Answers about a set, remembered per owner (a topology, a rule list), per set object and per key. The engine divides
 * one class into many pieces that share their set objects, and asks the same of each: each is computed once, and
 * forgotten with the set or the owner. `undefined` answers are remembered too.
 */
export class PerSet<O extends object, K, V> {
  private readonly byOwner = new WeakMap<O, WeakMap<RangeSet, Map<K, V | null>>>();

  get(owner: O, set: RangeSet, key: K, compute: () => V | undefined): V | undefined {
    let bySet = this.byOwner.get(owner);
    if (!bySet) {
      bySet = new WeakMap();
      this.byOwner.set(owner, bySet);
    }
    let m = bySet.get(set);
    if (!m) {
      m = new Map();
      bySet.set(set, m);
    }
    let v = m.get(key);
    if (v === undefined) {
      v = compute() ?? null;
      m.set(key, v);
    }
    return v ?? undefined;
  }
}
