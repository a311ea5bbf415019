// Longest-prefix match. IPv4: the prefixes flattened into disjoint address intervals, each labelled with its longest
// covering prefix, found by binary search in one typed array (a transit gateway's table of a thousand VPC routes is
// a dozen compares in a few cache lines). IPv6: one hash map per prefix length, probed from the longest length down.
import type { Addr, Family, Prefix } from './ip.js';
import { maskOf } from './ip.js';

interface Level<T> {
  len: number;
  mask: Addr;
  map: Map<Addr, T>;
}

export class PrefixTable<T extends { readonly destination: Prefix; readonly rank: number }> {
  private levels: Level<T>[] = [];
  /** IPv4: interval k covers starts[k] .. starts[k+1]-1 and resolves to values[k] */
  private starts = new Uint32Array(0);
  private values: (T | undefined)[] = [];

  constructor(
    readonly family: Family,
    entries: Iterable<T>,
  ) {
    const byLen = new Map<number, Map<Addr, T>>();
    for (const e of entries) {
      const p = e.destination;
      if (p.family !== family) continue;
      let m = byLen.get(p.len);
      if (!m) byLen.set(p.len, (m = new Map()));
      const cur = m.get(p.base);
      // Equal prefixes: the lower rank wins (AWS route priority); first written wins a full tie.
      if (!cur || e.rank < cur.rank) m.set(p.base, e);
    }
    this.levels = [...byLen.entries()].sort((a, b) => b[0] - a[0]).map(([len, map]) => ({ len, mask: maskOf(family, len), map }));
    if (family === 4) this.flatten();
  }

  /** Disjoint intervals from nested prefixes: sorted by start then length, a stack holds the prefixes still open. */
  private flatten(): void {
    const all: T[] = [];
    for (const l of this.levels) for (const e of l.map.values()) all.push(e);
    all.sort((a, b) => (a.destination.base as number) - (b.destination.base as number) || a.destination.len - b.destination.len);
    const starts: number[] = [0];
    const values: (T | undefined)[] = [undefined];
    const mark = (at: number, v: T | undefined) => {
      if (starts[starts.length - 1] === at) values[values.length - 1] = v;
      else {
        starts.push(at);
        values.push(v);
      }
    };
    const open: { end: number; v: T }[] = [];
    const closeBefore = (at: number) => {
      while (open.length && open[open.length - 1]!.end < at) {
        const done = open.pop()!;
        if (done.end < 0xffffffff) mark(done.end + 1, open.length ? open[open.length - 1]!.v : undefined);
      }
    };
    for (const e of all) {
      const base = e.destination.base as number;
      closeBefore(base);
      mark(base, e);
      open.push({ end: base + 2 ** (32 - e.destination.len) - 1, v: e });
    }
    closeBefore(2 ** 32);
    this.starts = Uint32Array.from(starts);
    this.values = values;
  }

  lookup(a: Addr): T | undefined {
    const levels = this.levels;
    if (typeof a === 'number') {
      if (this.family !== 4) return undefined;
      const starts = this.starts;
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= a) lo = mid;
        else hi = mid - 1;
      }
      return this.values[lo];
    }
    if (this.family !== 6) return undefined;
    for (let i = 0; i < levels.length; i++) {
      const l = levels[i]!;
      const hit = l.map.get(a & (l.mask as bigint));
      if (hit) return hit;
    }
    return undefined;
  }

  /** IPv4: interval k covers starts[k] .. starts[k+1]-1 and resolves to values[k] (copied into compiled route tables). */
  intervals4(): { starts: Uint32Array; values: readonly (T | undefined)[] } {
    return { starts: this.starts, values: this.values };
  }

  get size(): number {
    let n = 0;
    for (const l of this.levels) n += l.map.size;
    return n;
  }
}
