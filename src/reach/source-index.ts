// An index of the interfaces that can start a connection, by address, public address and subnet, built once per
// topology. `reach --to X` from every interface then lists only the sources X's security groups can admit (and
// those whose routes leave the question open) instead of testing every interface of the estate. The index only
// narrows the list: the engine's exact test (mayPass) still runs on every candidate, so the answer is unchanged.
// https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html — inbound rules name the sources allowed
import type * as M from '../bind/model.js';
import type { Addr, Family } from '../net/ip.js';
import { routeFate } from './prune.js';
import type { RangeSet } from './sets.js';
import { canStart, isAnySide, type Side } from './sides.js';

declare module '../bind/model.js' {
  interface TopologyDerived {
    /** the reach engine's index of possible sources, built on first use */
    sourceIndex?: SourceIndex;
  }
}

export interface SourceMember {
  eni: M.NetworkInterface;
  addr: Addr;
}

/** Addresses sorted ascending (IPv4 as numbers, cheaper to sort and compare), with the member each belongs to. */
interface Sorted {
  keys: ArrayLike<number | bigint>;
  members: ArrayLike<number>;
}

interface SourceIndex {
  /** every source member, in the order resolveSide('any') lists them */
  members: SourceMember[];
  byAddr: Record<Family, Sorted>;
  /** IPv4 public addresses (what a receiver sees behind an internet gateway) */
  byPublic: Sorted;
  bySubnet: Map<M.Subnet, number[]>;
  /** the keys and values of bySubnet as arrays (walked for every receiver of a query) */
  subnets: M.Subnet[];
  subnetMembers: number[][];
  /** each member's like-group key, computed when a query first lists one of its subnet's members */
  keys: (string | undefined)[];
}

/** A public address of the interface that is not also one of its private addresses. */
export function isPublic(eni: M.NetworkInterface, a: Addr): boolean {
  return (
    typeof a === 'number' &&
    (a === eni.publicIp || (eni.secondaryPublicIps ?? []).some((p) => p.publicIp === a)) &&
    a !== eni.privateIp &&
    !eni.secondaryPrivateIps.includes(a)
  );
}

/** The public IPv4 address an internet gateway maps a private address to. */
export function publicOf(eni: M.NetworkInterface, priv: number): number | undefined {
  if (priv === eni.privateIp) return eni.publicIp;
  return eni.secondaryPublicIps?.find((x) => x.privateIp === priv)?.publicIp;
}

/** 2^21: a 32-bit address times this plus a member index below it stays an exact integer in a double. */
const SPAN = 2 ** 21;

/** IPv4 addresses and their members, by address then member (packed into doubles a typed array sorts without a comparator). */
function sortedNumbers(keys: number[], members: number[]): Sorted {
  const n = keys.length;
  if (n >= SPAN) return sorted(keys.map((k, i) => [k, members[i]!] as [number, number]));
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = keys[i]! * SPAN + members[i]!;
  packed.sort();
  const outKeys = new Float64Array(n);
  const outMembers = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const k = Math.floor(packed[i]! / SPAN);
    outKeys[i] = k;
    outMembers[i] = packed[i]! - k * SPAN;
  }
  return { keys: outKeys, members: outMembers };
}

function sorted(pairs: [number | bigint, number][]): Sorted {
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
  return { keys: pairs.map((p) => p[0]), members: pairs.map((p) => p[1]) };
}

/**
 * Members in the order allAddresses() lists each interface's addresses, public ones left out (isPublic). Indexed loops
 * and no closure per interface: this walks the estate once, on a process's first query, before the code is optimised.
 */
function build(t: M.Topology): SourceIndex {
  const b = new Builder();
  const enis = t.interfaces;
  for (let e = 0; e < enis.length; e++) {
    const eni = enis[e]!;
    if (!canStart(eni)) continue;
    if (eni.privateIp !== undefined) b.member(eni, eni.privateIp);
    const { secondaryPrivateIps: sec, ipv6Addresses: v6, secondaryPublicIps: pub } = eni;
    for (let i = 0; i < sec.length; i++) b.member(eni, sec[i]!);
    for (let i = 0; i < v6.length; i++) b.member(eni, v6[i]!);
    // a public address is a member only where it is also one of the private ones
    if (eni.publicIp !== undefined && !isPublic(eni, eni.publicIp)) b.member(eni, eni.publicIp);
    if (pub) for (let i = 0; i < pub.length; i++) if (!isPublic(eni, pub[i]!.publicIp)) b.member(eni, pub[i]!.publicIp);
  }
  return b.index();
}

class Builder {
  private readonly members: SourceMember[] = [];
  private readonly v4: number[] = [];
  private readonly v4m: number[] = [];
  private readonly v6: [bigint, number][] = [];
  private readonly pub: number[] = [];
  private readonly pubm: number[] = [];
  private readonly bySubnet = new Map<M.Subnet, number[]>();
  private subnet: M.Subnet | undefined;
  private inSubnet: number[] = [];

  member(eni: M.NetworkInterface, addr: Addr): void {
    const i = this.members.push({ eni, addr }) - 1;
    if (eni.subnet !== this.subnet) {
      this.subnet = eni.subnet;
      this.inSubnet = this.bySubnet.get(eni.subnet) ?? this.bySubnet.set(eni.subnet, []).get(eni.subnet)!;
    }
    this.inSubnet.push(i);
    if (typeof addr !== 'number') {
      this.v6.push([addr, i]);
      return;
    }
    this.v4.push(addr);
    this.v4m.push(i);
    const p = publicOf(eni, addr);
    if (p !== undefined) {
      this.pub.push(p);
      this.pubm.push(i);
    }
  }

  index(): SourceIndex {
    return {
      members: this.members,
      byAddr: { 4: sortedNumbers(this.v4, this.v4m), 6: sorted(this.v6) },
      byPublic: sortedNumbers(this.pub, this.pubm),
      bySubnet: this.bySubnet,
      subnets: [...this.bySubnet.keys()],
      subnetMembers: [...this.bySubnet.values()],
      keys: new Array(this.members.length),
    };
  }
}

/** True when the side is every interface with all its addresses, as `--from any` gives it. */
export function isEveryInterface(t: M.Topology, side: Side): boolean {
  if (isAnySide(t, side)) return true;
  if (side.enis.length !== t.interfaces.length) return false;
  const count = (e: M.NetworkInterface) =>
    (e.privateIp !== undefined ? 1 : 0) +
    e.secondaryPrivateIps.length +
    e.ipv6Addresses.length +
    (e.publicIp !== undefined ? 1 : 0) +
    (e.secondaryPublicIps?.length ?? 0);
  return side.enis.every((s, i) => s.eni === t.interfaces[i] && s.addrs.length === count(s.eni));
}

/** Marks the members whose address lies in `set` (binary search for the first, then walk). */
function markRange(s: Sorted, set: RangeSet, mark: (i: number) => void): void {
  const num = typeof s.keys[0] === 'number';
  for (const [blo, bhi] of set) {
    const lo = num ? Number(blo) : blo;
    const hi = num ? Number(bhi) : bhi;
    let a = 0;
    let b = s.keys.length;
    while (a < b) {
      const m = (a + b) >> 1;
      if (s.keys[m]! < lo) a = m + 1;
      else b = m;
    }
    for (let i = a; i < s.keys.length && s.keys[i]! <= hi; i++) mark(s.members[i]!);
  }
}

/**
 * The like-groups of source members that may deliver a packet to one of `dsts` (a superset of those mayPass keeps),
 * in the order and with the members groupAlike() gives over every interface; undefined when some receiver has no
 * security group (then nothing bounds its sources).
 */
export function candidateGroups(
  t: M.Topology,
  keyOf: (m: { eni: M.NetworkInterface; addr: Addr }) => string,
  dsts: { eni: M.NetworkInterface; addr: Addr }[],
  admitted: (eni: M.NetworkInterface) => Record<Family, RangeSet> | undefined,
): SourceMember[][] | undefined {
  const ix = (t.derived.sourceIndex ??= build(t));
  const { members } = ix;
  const marked = new Uint8Array(members.length);
  for (const d of dsts) {
    const inb = admitted(d.eni);
    if (!inb) return undefined;
    const family: Family = typeof d.addr === 'number' ? 4 : 6;
    // routes that reach a NAT gateway, an appliance or a VPN may change the source: every sender there stays
    for (let k = 0; k < ix.subnets.length; k++) {
      if (routeFate(ix.subnets[k]!, d.addr) !== 'other') continue;
      const l = ix.subnetMembers[k]!;
      for (let i = 0; i < l.length; i++) marked[l[i]!] = 1;
    }
    // delivered unchanged: the receiver sees the sender's own address; through an internet gateway, its public one
    markRange(ix.byAddr[family], inb[family], (i) => {
      if (routeFate(members[i]!.eni.subnet, d.addr) === 'direct') marked[i] = 1;
    });
    if (family === 4)
      markRange(ix.byPublic, inb[4], (i) => {
        if (routeFate(members[i]!.eni.subnet, d.addr) === 'public') marked[i] = 1;
      });
  }
  return groupsOf(ix, marked, keyOf);
}

/**
 * The marked members by like-group, groups in order of their first member over every source (marked or not). A
 * like-group lies in one subnet (the key names it, or the interface), so only the subnets of marked members are keyed.
 */
function groupsOf(ix: SourceIndex, marked: Uint8Array, keyOf: (m: SourceMember) => string): SourceMember[][] {
  const { members, keys } = ix;
  const key = (i: number) => keys[i] ?? (keys[i] = keyOf(members[i]!));
  const firstOf = new Map<string, number>();
  const seen = new Set<M.Subnet>();
  const byGroup = new Map<string, SourceMember[]>();
  for (let i = 0; i < members.length; i++) {
    if (!marked[i]) continue;
    const m = members[i]!;
    if (!seen.has(m.eni.subnet)) {
      seen.add(m.eni.subnet);
      for (const j of ix.bySubnet.get(m.eni.subnet)!) if (!firstOf.has(key(j))) firstOf.set(key(j), j);
    }
    const l = byGroup.get(key(i));
    if (l) l.push(m);
    else byGroup.set(key(i), [m]);
  }
  return [...byGroup].sort((a, b) => firstOf.get(a[0])! - firstOf.get(b[0])!).map(([, l]) => l);
}
