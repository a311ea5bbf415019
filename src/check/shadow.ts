// Shadowing for the lint rules VPC011 (network ACL rules) and VPC015 (routes), in near-linear time.
// Comparing every rule with every earlier one made a 32,000-rule ACL or a 50,000-route table take minutes;
// here each entry is compared only with the prefixes that contain it (at most 33 for IPv4, 129 for IPv6),
// and port ranges are searched in a Fenwick tree.
import type { NetworkAclRule, Route } from '../bind/model.js';
import { PROTO, hasPorts, isIcmp } from '../bind/rules.js';
import { type Prefix, lastAddr, makePrefix } from '../net/ip.js';

const keyOf = (p: Prefix): string => `${p.family}/${p.base}/${p.len}`;

const startOf = (p: Prefix): bigint => BigInt(p.base);
const endOf = (p: Prefix): bigint => BigInt(lastAddr(p));

export type RouteShadow = { by: 'same'; winner: Route } | { by: 'specific' };

/**
 * For each route, why it can never be used: another route to the same destination wins (lower rank, or the same
 * rank written earlier; the first such route in the table is named), or strictly more specific routes of the table
 * together cover all its addresses (longest prefix match). Undefined when it can be used.
 */
// https://docs.aws.amazon.com/vpc/latest/userguide/how-route-tables-work.html#route-tables-priority
export function shadowedRoutes(routes: readonly Route[]): (RouteShadow | undefined)[] {
  const groups = new Map<string, number[]>();
  routes.forEach((r, i) => {
    const k = keyOf(r.destination);
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  });
  const covered = coveredByLonger([...groups.values()].map((g) => routes[g[0]!]!.destination));
  const out: (RouteShadow | undefined)[] = new Array(routes.length).fill(undefined);
  for (const g of groups.values()) {
    // The first index of each rank in the group: the first route beating route i is the first of a lower rank,
    // or the first of its own rank when that comes before it.
    const firstOfRank = new Map<number, number>();
    for (const i of g) if (!firstOfRank.has(routes[i]!.rank)) firstOfRank.set(routes[i]!.rank, i);
    for (const i of g) {
      const rank = routes[i]!.rank;
      let best = Infinity;
      for (const [rk, j] of firstOfRank) if (rk < rank || (rk === rank && j < i)) best = Math.min(best, j);
      if (best !== Infinity) out[i] = { by: 'same', winner: routes[best]! };
      else if (covered.has(keyOf(routes[i]!.destination))) out[i] = { by: 'specific' };
    }
  }
  return out;
}

/**
 * Keys of the distinct prefixes whose addresses are all covered by strictly longer prefixes of the set. Sorted by
 * start address (shorter first), the prefixes inside one are the run that follows it; each prefix lies in at most
 * 32 (IPv4) or 128 (IPv6) others, so the scans add up to a linear bound.
 */
function coveredByLonger(prefixes: Prefix[]): Set<string> {
  const items = prefixes.map((p) => ({ p, start: startOf(p), end: endOf(p) }));
  items.sort((a, b) => a.p.family - b.p.family || (a.start < b.start ? -1 : a.start > b.start ? 1 : a.p.len - b.p.len));
  const out = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const { p, end } = items[i]!;
    let next = items[i]!.start; // first address not yet covered
    for (let j = i + 1; j < items.length; j++) {
      const q = items[j]!;
      if (q.p.family !== p.family || q.start > end) break;
      if (q.start > next) break; // a gap
      if (q.end + 1n > next) next = q.end + 1n;
      if (next > end) break;
    }
    if (next > end) out.add(keyOf(p));
  }
  return out;
}

/**
 * For each rule of one ACL direction (in evaluation order), the first earlier rule that covers all its traffic,
 * so that it can never match; undefined when none does. Same semantics as comparing every pair: the earlier rule's
 * CIDR contains the later one's, and its protocol, ports or ICMP type/code include the later one's.
 */
// https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html — rules are evaluated in ascending number, first match wins
export function shadowedAclRules(rules: readonly NetworkAclRule[]): (NetworkAclRule | undefined)[] {
  const byCidr = new Map<string, CidrBucket>();
  rules.forEach((r, i) => {
    const k = keyOf(r.cidr);
    let b = byCidr.get(k);
    if (!b) byCidr.set(k, (b = new CidrBucket()));
    b.add(r, i);
  });
  // Only the CIDR lengths in use can hold a covering rule: usually a handful, not all 33 (or 129).
  const lengths = [...new Set(rules.map((r) => `${r.cidr.family}/${r.cidr.len}`))].map((x) => x.split('/').map(Number) as [number, number]);
  const best: number[] = new Array(rules.length).fill(Infinity);
  rules.forEach((r, j) => {
    for (const [family, len] of lengths) {
      if (family !== r.cidr.family || len > r.cidr.len) continue;
      const b = byCidr.get(keyOf(len === r.cidr.len ? r.cidr : makePrefix(r.cidr.family, r.cidr.base, len)));
      if (!b) continue;
      best[j] = Math.min(best[j]!, b.firstCovering(r));
      if (hasPorts(r.protocol) && r.ports && b.ranges.has(r.protocol)) b.queries.push(j);
    }
  });
  for (const b of byCidr.values()) b.answerPortQueries(rules, best);
  return best.map((i, j) => (i < j ? rules[i] : undefined));
}

/** Rules sharing one CIDR, indexed by what they match. */
class CidrBucket {
  firstAll = Infinity;
  /** TCP/UDP without ports, and protocols other than TCP, UDP and ICMP: the first index per protocol */
  readonly firstWhole = new Map<number, number>();
  /** ICMP/ICMPv6 of any type: the first index per protocol */
  readonly firstAnyType = new Map<number, number>();
  /** ICMP/ICMPv6 of one type: the first index per 'protocol/type/code', code -1 for any */
  readonly firstIcmp = new Map<string, number>();
  /** TCP/UDP with ports, per protocol: [from, to, index] */
  readonly ranges = new Map<number, [number, number, number][]>();
  /** rules (indexes) with ports whose CIDR lies in this one, to compare with `ranges` */
  readonly queries: number[] = [];

  add(r: NetworkAclRule, i: number): void {
    const first = <K>(m: Map<K, number>, k: K) => {
      if (!m.has(k)) m.set(k, i);
    };
    if (r.protocol === PROTO.ALL) this.firstAll = Math.min(this.firstAll, i);
    else if (hasPorts(r.protocol) && r.ports) {
      const list = this.ranges.get(r.protocol);
      if (list) list.push([r.ports.from, r.ports.to, i]);
      else this.ranges.set(r.protocol, [[r.ports.from, r.ports.to, i]]);
    } else if (isIcmp(r.protocol)) {
      if (r.icmpType === -1) first(this.firstAnyType, r.protocol);
      else first(this.firstIcmp, `${r.protocol}/${r.icmpType}/${r.icmpCode}`);
    } else first(this.firstWhole, r.protocol);
  }

  /** The first rule of this bucket covering `r`, port ranges aside (answered by answerPortQueries); Infinity if none. */
  firstCovering(r: NetworkAclRule): number {
    let best = this.firstAll;
    if (r.protocol === PROTO.ALL) return best;
    if (isIcmp(r.protocol)) {
      best = Math.min(best, this.firstAnyType.get(r.protocol) ?? Infinity);
      if (r.icmpType !== -1) {
        best = Math.min(best, this.firstIcmp.get(`${r.protocol}/${r.icmpType}/-1`) ?? Infinity);
        best = Math.min(best, this.firstIcmp.get(`${r.protocol}/${r.icmpType}/${r.icmpCode}`) ?? Infinity);
      }
      return best;
    }
    return Math.min(best, this.firstWhole.get(r.protocol) ?? Infinity);
  }

  /**
   * For each queued rule, the first range of its protocol here that contains its ports: a sweep by range start,
   * with a Fenwick tree of the smallest index per range end (ends compressed to the ranges present).
   */
  answerPortQueries(rules: readonly NetworkAclRule[], best: number[]): void {
    if (this.queries.length === 0) return;
    for (const [proto, list] of this.ranges) {
      const qs = this.queries.filter((j) => rules[j]!.protocol === proto);
      if (qs.length === 0) continue;
      const ranges = [...list].sort((a, b) => a[0] - b[0]);
      const ends = [...new Set(list.map((x) => x[1]))].sort((a, b) => a - b);
      qs.sort((a, b) => rules[a]!.ports!.from - rules[b]!.ports!.from);
      const tree = new MinSuffixTree(ends.length);
      let k = 0;
      for (const j of qs) {
        const { from, to } = rules[j]!.ports!;
        for (; k < ranges.length && ranges[k]![0] <= from; k++) tree.set(lowerBound(ends, ranges[k]![1]), ranges[k]![2]);
        best[j] = Math.min(best[j]!, tree.minFrom(lowerBound(ends, to)));
      }
    }
  }
}

/** First index in sorted `xs` whose value is ≥ x (xs.length when none is). */
function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Smallest value stored at any position ≥ x (positions 0..size-1): a Fenwick tree over reversed positions. */
class MinSuffixTree {
  private readonly t: Float64Array;
  constructor(private readonly size: number) {
    this.t = new Float64Array(size + 1).fill(Infinity);
  }
  set(pos: number, v: number): void {
    for (let i = this.size - pos; i <= this.size; i += i & -i) if (v < this.t[i]!) this.t[i] = v;
  }
  minFrom(pos: number): number {
    let m = Infinity;
    for (let i = this.size - pos; i > 0; i -= i & -i) if (this.t[i]! < m) m = this.t[i]!;
    return m;
  }
}
