// Longest-prefix match: one hash map per prefix length, probed from the longest length down.
// Route tables have few distinct lengths, so a lookup is a handful of mask-and-probe steps.
import type { Addr, Family, Prefix } from './ip.js';
import { maskOf } from './ip.js';

interface Level<T> {
  len: number;
  mask: Addr;
  map: Map<Addr, T>;
}

export class PrefixTable<T extends { readonly destination: Prefix; readonly rank: number }> {
  private levels: Level<T>[] = [];

  constructor(readonly family: Family, entries: Iterable<T>) {
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
    this.levels = [...byLen.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([len, map]) => ({ len, mask: maskOf(family, len), map }));
  }

  lookup(a: Addr): T | undefined {
    const levels = this.levels;
    if (typeof a === 'number') {
      if (this.family !== 4) return undefined;
      for (let i = 0; i < levels.length; i++) {
        const l = levels[i]!;
        const hit = l.map.get((a & (l.mask as number)) >>> 0);
        if (hit) return hit;
      }
      return undefined;
    }
    if (this.family !== 6) return undefined;
    for (let i = 0; i < levels.length; i++) {
      const l = levels[i]!;
      const hit = l.map.get(a & (l.mask as bigint));
      if (hit) return hit;
    }
    return undefined;
  }

  get size(): number {
    let n = 0;
    for (const l of this.levels) n += l.map.size;
    return n;
  }
}
