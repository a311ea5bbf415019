// Exact shortcuts: a packet that no security-group rule of the sender (outbound) or of the receiver (inbound)
// admits is rejected there, whatever else holds, so such sources and destinations need no trace.
// https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html — allow rules only
import type * as M from '../bind/model.js';
import type { Family } from '../net/ip.js';
import { addressesOf, big, prefixRange } from './cuts.js';
import { type Range, type RangeSet, intersect, normalize } from './sets.js';
import { allAddresses } from './sides.js';

declare module '../bind/model.js' {
  interface TopologyDerived {
    /** addresses a source can be translated to (NAT gateways, forwarding interfaces), per family */
    translators?: Record<Family, RangeSet>;
  }
}

type PerFamily = Record<Family, RangeSet>;

/** Addresses a packet's source can be rewritten to on its way: NAT gateways and interfaces that forward (NAT instances). */
export function translators(t: M.Topology): PerFamily {
  t.derived.translators ??= natAndInterfaceAddresses(t, (eni) => !eni.sourceDestCheck);
  return t.derived.translators;
}

/** The NAT gateways' addresses, the extra ones, and every address of the interfaces `pick` keeps, per family. */
export function natAndInterfaceAddresses(t: M.Topology, pick: (eni: M.NetworkInterface) => boolean, extra: Iterable<number | bigint> = []): PerFamily {
  const v4: Range[] = [];
  const v6: Range[] = [];
  const add = (a: number | bigint) => (typeof a === 'number' ? v4 : v6).push([big(a), big(a)]);
  for (const nat of t.natGateways) {
    add(nat.privateIp);
    if (nat.publicIp !== undefined) add(nat.publicIp);
  }
  for (const a of extra) add(a);
  for (const eni of t.interfaces) if (pick(eni)) for (const a of allAddresses(eni)) add(a);
  return { 4: normalize(v4), 6: normalize(v6) };
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

function admitted(eni: M.NetworkInterface, dir: 'inbound' | 'outbound'): PerFamily | null {
  if (!eni.securityGroups.length) return null; // no groups: nothing filters here
  const v4: Range[] = [];
  const v6: Range[] = [];
  for (const g of eni.securityGroups) peers(dir === 'inbound' ? g.inbound : g.outbound, v4, v6);
  return { 4: normalize(v4), 6: normalize(v6) };
}

/**
 * Source addresses the receiver's groups admit, or undefined when that bound is not exact: no groups, or a
 * translating device's address is admitted (then the source it sees is not the sender's).
 */
export function admittedInbound(eni: M.NetworkInterface, nat: PerFamily): PerFamily | undefined {
  let r = inCache.get(eni);
  if (r === undefined) {
    r = admitted(eni, 'inbound');
    if (r && (intersect(r[4], nat[4]).length || intersect(r[6], nat[6]).length)) r = null;
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

const fateCache = new WeakMap<M.Subnet, Map<bigint | number, RouteFate>>();

export function routeFate(subnet: M.Subnet, dst: number | bigint): RouteFate {
  let m = fateCache.get(subnet);
  if (!m) fateCache.set(subnet, (m = new Map()));
  let f = m.get(dst);
  if (!f) m.set(dst, (f = walkRoutes(subnet, dst)));
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
