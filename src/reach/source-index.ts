// An index of the interfaces that can start a connection, by address, public address and subnet, built once per
// topology. `reach --to X` from every interface then lists only the sources X's security groups can admit (and
// those whose routes leave the question open) instead of testing every interface of the estate. The index only
// narrows the list: the engine's exact test (mayPass) still runs on every candidate, so the answer is unchanged.
// https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html — inbound rules name the sources allowed
import type * as M from '../bind/model.js';
import type { Addr, Family } from '../net/ip.js';
import { routeFate } from './prune.js';
import type { RangeSet } from './sets.js';
import { allAddresses, canStart, type Side } from './sides.js';

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
  keys: (number | bigint)[];
  members: number[];
}

interface SourceIndex {
  /** every source member, in the order resolveSide('any') lists them */
  members: SourceMember[];
  byAddr: Record<Family, Sorted>;
  /** IPv4 public addresses (what a receiver sees behind an internet gateway) */
  byPublic: Sorted;
  bySubnet: Map<M.Subnet, number[]>;
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

function sorted(pairs: [number | bigint, number][]): Sorted {
  const num = pairs.every((p) => typeof p[0] === 'number');
  if (num) pairs.sort((a, b) => (a[0] as number) - (b[0] as number) || a[1] - b[1]);
  else pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
  return { keys: pairs.map((p) => p[0]), members: pairs.map((p) => p[1]) };
}

function build(t: M.Topology): SourceIndex {
  const members: SourceMember[] = [];
  const v4: [number, number][] = [];
  const v6: [bigint, number][] = [];
  const pub: [number, number][] = [];
  const bySubnet = new Map<M.Subnet, number[]>();
  for (const eni of t.interfaces) {
    if (!canStart(eni)) continue;
    for (const addr of allAddresses(eni)) {
      if (isPublic(eni, addr)) continue;
      const i = members.push({ eni, addr }) - 1;
      if (typeof addr === 'number') v4.push([addr, i]);
      else v6.push([addr, i]);
      const p = typeof addr === 'number' ? publicOf(eni, addr) : undefined;
      if (p !== undefined) pub.push([p, i]);
      const l = bySubnet.get(eni.subnet);
      if (l) l.push(i);
      else bySubnet.set(eni.subnet, [i]);
    }
  }
  return { members, byAddr: { 4: sorted(v4), 6: sorted(v6) }, byPublic: sorted(pub), bySubnet, keys: new Array(members.length) };
}

/** True when the side is every interface with all its addresses, as `--from any` gives it. */
export function isEveryInterface(t: M.Topology, side: Side): boolean {
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
    for (const [subnet, l] of ix.bySubnet) if (routeFate(subnet, d.addr) === 'other') for (const i of l) marked[i] = 1;
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
