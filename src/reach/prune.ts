// Exact shortcuts: a packet that no security-group rule of the sender (outbound) or of the receiver (inbound)
// admits is rejected there, whatever else holds, so such sources and destinations need no trace.
// https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html — allow rules only
import type * as M from '../bind/model.js';
import type { Family } from '../net/ip.js';
import { addressesOf, big, prefixRange } from './cuts.js';
import { type Range, type RangeSet, meets, normalize } from './sets.js';
import { V4Ranges } from './v4.js';

declare module '../bind/model.js' {
  interface TopologyDerived {
    /** addresses a source can be translated to (NAT gateways, forwarding interfaces), per family */
    translators?: Record<Family, RangeSet>;
    /** addresses a source can be rewritten to or relayed from, per family (see deviceAddresses) */
    relays?: Record<Family, RangeSet>;
  }
}

type PerFamily = Record<Family, RangeSet>;

/** Addresses a packet's source can be rewritten to on its way: NAT gateways and interfaces that forward (NAT instances). */
export function translators(t: M.Topology): PerFamily {
  if (!t.derived.translators) deviceAddresses(t);
  return t.derived.translators!;
}

/**
 * Builds translators() and relays() (admit.ts) together: a query needs both, and each walks every interface of the
 * estate. Relays: every address a packet's source can be rewritten to or that relays it on: public addresses (the
 * internet gateway), NAT gateways, interfaces that forward (NAT instances, appliances), load balancer nodes, endpoints
 * and attachments.
 */
export function deviceAddresses(t: M.Topology): void {
  // an instance forwards (and may translate, sourceNat) only with its source/destination check off (trace: forwardAsRouteTarget)
  const forwards = (eni: M.NetworkInterface) => !eni.sourceDestCheck || (eni.owner.type !== 'instance' && eni.owner.type !== 'none');
  const [nat, relay] = natAndInterfaceAddresses(t, [{ pick: (eni) => !eni.sourceDestCheck }, { pick: forwards, extra: t.interfaceByPublicIp.keys() }]);
  t.derived.translators = nat;
  t.derived.relays = relay;
}

interface AddressPick {
  pick: (eni: M.NetworkInterface) => boolean;
  extra?: Iterable<number | bigint>;
}

/** Per pick: the NAT gateways' addresses, its extra ones, and every address of the interfaces it keeps, per family. */
function natAndInterfaceAddresses(t: M.Topology, picks: AddressPick[]): PerFamily[] {
  // IPv4 as numbers (V4Ranges): the estate's interfaces and public addresses are tens of thousands of them
  const sets = picks.map(() => new Collect());
  for (let k = 0; k < picks.length; k++) {
    for (const nat of t.natGateways) {
      sets[k]!.add(nat.privateIp);
      if (nat.publicIp !== undefined) sets[k]!.add(nat.publicIp);
    }
    for (const a of picks[k]!.extra ?? []) sets[k]!.add(a);
  }
  // one walk for every pick
  const enis = t.interfaces;
  for (let i = 0; i < enis.length; i++) for (let k = 0; k < picks.length; k++) if (picks[k]!.pick(enis[i]!)) sets[k]!.addInterface(enis[i]!);
  return sets.map((c) => c.set());
}

class Collect {
  private readonly v4 = new V4Ranges();
  private readonly v6: Range[] = [];

  add(a: number | bigint): void {
    if (typeof a === 'number') this.v4.points.push(a);
    else this.v6.push([a, a]);
  }

  /**
   * Every address allAddresses() lists, without building its array. Indexed loops: this runs once per interface of
   * the estate, on the first query, before the code is optimised, where iterating an (often empty) array is dear.
   */
  addInterface(eni: M.NetworkInterface): void {
    if (eni.privateIp !== undefined) this.add(eni.privateIp);
    const { secondaryPrivateIps: sec, ipv6Addresses: v6, secondaryPublicIps: pub } = eni;
    for (let i = 0; i < sec.length; i++) this.add(sec[i]!);
    for (let i = 0; i < v6.length; i++) this.add(v6[i]!);
    if (eni.publicIp !== undefined) this.add(eni.publicIp);
    if (pub) for (let i = 0; i < pub.length; i++) this.add(pub[i]!.publicIp);
  }

  set(): PerFamily {
    return { 4: this.v4.set(), 6: normalize(this.v6) };
  }
}

function peers(rules: readonly M.SecurityGroupRule[], v4: Range[], v6: Range[]): void {
  for (const r of rules) {
    const add = (rg: Range, family: Family) => (family === 4 ? v4 : v6).push(rg);
    if (r.peer.type === 'cidr') add(prefixRange(r.peer.prefix), r.peer.prefix.family);
    else if (r.peer.type === 'prefix-list') for (const p of r.peer.list.cidrs) add(prefixRange(p), p.family);
    else for (const m of r.peer.group.members) for (const a of addressesOf(m)) add([big(a), big(a)], typeof a === 'number' ? 4 : 6);
  }
}

const inCache = new WeakMap<M.NetworkInterface, PerFamily | null>();
const outCache = new WeakMap<M.NetworkInterface, PerFamily | null>();

const groupLists = new WeakMap<M.NetworkInterface, string>();

/** The interface's security groups as one key (their ids, in order): interfaces with the same groups share it. */
export function groupListKey(eni: M.NetworkInterface): string {
  let k = groupLists.get(eni);
  if (k === undefined) {
    k = eni.securityGroups.map((g) => g.id).join(',');
    groupLists.set(eni, k);
  }
  return k;
}

/** Per first group: the sets computed for each list of groups starting with it (interfaces with the same groups share them). */
const byGroups = new WeakMap<M.SecurityGroup, Map<string, PerFamily | null>>();

/** What `compute` gives for the interface's groups, computed once per list of groups and purpose (`tag`). */
function forGroups(eni: M.NetworkInterface, tag: string, compute: () => PerFamily | null): PerFamily | null {
  const first = eni.securityGroups[0];
  if (!first) return compute();
  let m = byGroups.get(first);
  if (!m) {
    m = new Map();
    byGroups.set(first, m);
  }
  const key = eni.securityGroups.length === 1 ? tag : `${tag}|${groupListKey(eni)}`;
  let r = m.get(key);
  if (r === undefined) {
    r = compute();
    m.set(key, r);
  }
  return r;
}

function admitted(eni: M.NetworkInterface, dir: 'inbound' | 'outbound'): PerFamily | null {
  if (!eni.securityGroups.length) return null; // no groups: nothing filters here
  return forGroups(eni, dir, () => admittedBy(eni.securityGroups, dir));
}

function admittedBy(groups: readonly M.SecurityGroup[], dir: 'inbound' | 'outbound'): PerFamily {
  const v4: Range[] = [];
  const v6: Range[] = [];
  for (const g of groups) peers(dir === 'inbound' ? g.inbound : g.outbound, v4, v6);
  return { 4: normalize(v4), 6: normalize(v6) };
}

/**
 * Source addresses the receiver's groups admit, or undefined when that bound is not exact: no groups, or a
 * translating device's address is admitted (then the source it sees is not the sender's).
 */
export function admittedInbound(eni: M.NetworkInterface, nat: PerFamily): PerFamily | undefined {
  let r = inCache.get(eni);
  if (r === undefined) {
    // meets(): a group admitting 0.0.0.0/0 would otherwise copy every NAT address of the estate, per interface
    r = forGroups(eni, 'nat', () => {
      const a = admitted(eni, 'inbound');
      return a && (meets(a[4], nat[4]) || meets(a[6], nat[6])) ? null : a;
    });
    inCache.set(eni, r);
  }
  return r ?? undefined;
}

/** Destination addresses the sender's groups admit (undefined: no groups). */
export function admittedOutbound(eni: M.NetworkInterface): PerFamily | undefined {
  let r = outCache.get(eni);
  if (r === undefined) {
    r = admitted(eni, 'outbound');
    outCache.set(eni, r);
  }
  return r ?? undefined;
}

/** Source addresses the receiver's groups admit, ignoring translation (undefined: no groups). */
export function admittedInboundRaw(eni: M.NetworkInterface): PerFamily | undefined {
  let r = rawInCache.get(eni);
  if (r === undefined) {
    r = admitted(eni, 'inbound');
    rawInCache.set(eni, r);
  }
  return r ?? undefined;
}
const rawInCache = new WeakMap<M.NetworkInterface, PerFamily | null>();

/**
 * Where the routes alone take a packet from `subnet` to `dst` (they depend on the destination only):
 * `dead` — no route or a blackhole on the way, so every such packet is dropped;
 * `direct` — delivered by local, peering or transit-gateway routes, no device on the way rewrites the source;
 * `public` — out through an internet gateway (the source becomes its public address);
 * `other` — a NAT gateway, an appliance, a VPN or anything else: no shortcut.
 * Mirrors route(), toTgw() and tgwRoute() of src/trace/engine.ts; the property test checks the shortcut against trace.
 */
export type RouteFate = 'dead' | 'direct' | 'public' | 'other';

/** Per subnet: the fate of the first destination asked, and of the others in a map (most subnets see one). */
interface FateCache {
  dst: bigint | number;
  fate: RouteFate;
  more?: Map<bigint | number, RouteFate>;
}

const fateCache = new WeakMap<M.Subnet, FateCache>();

export function routeFate(subnet: M.Subnet, dst: number | bigint): RouteFate {
  const c = fateCache.get(subnet);
  if (!c) {
    const fate = walkRoutes(subnet, dst);
    fateCache.set(subnet, { dst, fate });
    return fate;
  }
  if (c.dst === dst) return c.fate;
  c.more ??= new Map();
  let f = c.more.get(dst);
  if (!f) c.more.set(dst, (f = walkRoutes(subnet, dst)));
  return f;
}

function walkRoutes(start: M.Subnet, dst: number | bigint): RouteFate {
  let subnet = start;
  for (let hops = 0; hops < 8; hops++) {
    const rt = subnet.routeTable;
    const r = typeof dst === 'number' ? rt.lookup4.lookup(dst) : rt.lookup6.lookup(dst);
    if (!r || r.target.type === 'blackhole') return 'dead';
    const target = r.target;
    if (target.type === 'local' || target.type === 'peering') return 'direct';
    if (target.type === 'gateway') return 'public';
    if (target.type !== 'tgw') return 'other';
    const att = subnet.vpc.tgwAttachments.find((a) => a.transitGateway === target.tgw);
    const attEni = att?.interfacesByAz.get(subnet.az);
    if (!att || !attEni || !att.routeTable) return 'dead';
    const tr = typeof dst === 'number' ? att.routeTable.lookup4.lookup(dst) : att.routeTable.lookup6.lookup(dst);
    if (!tr || tr.blackhole || !tr.attachment) return 'dead';
    const next = tr.attachment;
    if (next.type !== 'vpc') return 'other';
    const nextEni = next.interfacesByAz.get(subnet.az) ?? next.interfacesByAz.values().next().value;
    if (!nextEni) return 'dead';
    subnet = nextEni.subnet;
  }
  return 'other';
}
