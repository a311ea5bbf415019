// Exact narrowing of a class before it is divided: security groups only allow
// (https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html), so a packet whose protocol and port
// (or ICMP type) no outbound rule of the sender admits toward its destination, or no inbound rule of the receiver
// admits from any source it can arrive with, is refused whatever else holds. Queries that keep only the packets
// that get through (reach, exposure) drop those ports and types before any trace.
import type * as M from '../bind/model.js';
import { PROTO } from '../bind/rules.js';
import type { Family } from '../net/ip.js';
import { addressesOf, big, prefixRange } from './cuts.js';
import { deviceAddresses, groupListKey, routeFate } from './prune.js';
import { PerSet, type Range, type RangeSet, intersect, meets, normalize } from './sets.js';
import type { Cell } from './types.js';

type PerFamily = Record<Family, RangeSet>;

const FULL8: RangeSet = [[0n, 255n]];

/** Every address a packet's source can be rewritten to, or that relays it on (see deviceAddresses). */
export function relays(t: M.Topology): PerFamily {
  if (!t.derived.relays) deviceAddresses(t);
  return t.derived.relays!;
}

const peerCache = new WeakMap<M.SgPeer, PerFamily | null>();

/** The addresses a peer matches (group references: their members' addresses); null: never narrowed away. */
export function peerAddresses(peer: M.SgPeer): PerFamily | null {
  let r = peerCache.get(peer);
  if (r !== undefined) return r;
  const v4: Range[] = [];
  const v6: Range[] = [];
  const add = (rg: Range, f: Family) => (f === 4 ? v4 : v6).push(rg);
  if (peer.type === 'cidr') add(prefixRange(peer.prefix), peer.prefix.family);
  else if (peer.type === 'prefix-list') for (const p of peer.list.cidrs) add(prefixRange(p), p.family);
  else for (const m of peer.group.members) for (const a of addressesOf(m)) add([big(a), big(a)], typeof a === 'number' ? 4 : 6);
  // a load balancer's group admits what passes through it (NLB client IP preservation): never narrowed away
  const lb = peer.type === 'sg' && peer.group.members.some((m) => m.owner.type !== 'instance' && m.owner.type !== 'none');
  r = lb ? null : { 4: normalize(v4), 6: normalize(v6) };
  peerCache.set(peer, r);
  return r;
}

/** Could a rule's peer match any address of `seen`? */
function peerMeets(peer: M.SgPeer, seen: RangeSet, family: Family): boolean {
  const a = peerAddresses(peer);
  return !a || meets(a[family], seen);
}

/** Destination ports (TCP/UDP) or ICMP types the rules admit for protocol `p`; undefined: every value. */
function admittedValues(rules: M.SecurityGroupRule[], p: number): RangeSet | undefined {
  const out: Range[] = [];
  for (const r of rules) {
    if (r.protocol !== PROTO.ALL && r.protocol !== p) continue;
    if (r.protocol === PROTO.ALL) return undefined;
    if (p === PROTO.TCP || p === PROTO.UDP) {
      if (!r.ports) return undefined;
      out.push([BigInt(r.ports.from), BigInt(r.ports.to)]);
    } else if (p === PROTO.ICMP || p === PROTO.ICMPV6) {
      if (r.icmpType === -1) return undefined;
      out.push([BigInt(r.icmpType), BigInt(r.icmpType)]);
    } else return undefined;
  }
  return normalize(out);
}

/**
 * What the groups admit (admittedValues) for a peer set, per topology, by direction, relays, family, protocol and list
 * of groups (see PerSet).
 */
const admittedCache = new PerSet<M.Topology, string, RangeSet>();

function admittedFor(t: M.Topology, eni: M.NetworkInterface, dir: 'inbound' | 'outbound', seen: Seen, family: Family, p: number): RangeSet | undefined {
  const key = `${dir}|${seen.relays ? 1 : 0}|${family}|${p}|${groupListKey(eni)}`;
  return admittedCache.get(t, seen.set, key, () => admittedValues(rulesOf(t, eni, dir, seen, family, p), p));
}

/**
 * The rules for protocol `p` (or every protocol) whose peer may match. `seen`: the sources as a set, and whether the
 * relay addresses may be sources too (asked once per rule's peer).
 */
function rulesOf(t: M.Topology, eni: M.NetworkInterface, dir: 'inbound' | 'outbound', seen: Seen, family: Family, p: number): M.SecurityGroupRule[] {
  const out: M.SecurityGroupRule[] = [];
  for (const g of eni.securityGroups)
    for (const r of g[dir])
      if ((r.protocol === PROTO.ALL || r.protocol === p) && (peerMeets(r.peer, seen.set, family) || (seen.relays && peerMeetsRelays(t, r.peer, family))))
        out.push(r);
  return out;
}

interface Seen {
  set: RangeSet;
  relays: boolean;
}

const relayPeers = new WeakMap<M.SgPeer, Record<Family, boolean | undefined>>();

/** Could a rule's peer match an address that relays or rewrites a packet's source? (relays() of the topology, once per peer) */
function peerMeetsRelays(t: M.Topology, peer: M.SgPeer, family: Family): boolean {
  let m = relayPeers.get(peer);
  if (!m) relayPeers.set(peer, (m = { 4: undefined, 6: undefined }));
  let r = m[family];
  if (r === undefined) m[family] = r = peerMeets(peer, relays(t)[family], family);
  return r;
}

/**
 * Sources the receiver can see packets of the class arrive with (see routeFate: exact when no device rewrites them):
 * the class's sources, and with them the relay addresses where a device may rewrite them. A rule's peer meets their
 * union when it meets either, so the union is never built (the relays are every forwarding interface of the estate).
 */
function seenSources(cell: Cell, src: M.NetworkInterface | undefined, dsts: bigint[], viaRelays: boolean): Seen {
  if (!src) return { set: cell.src, relays: viaRelays };
  const fates = new Set(dsts.map((d) => routeFate(src.subnet, cell.family === 4 ? Number(d) : d)));
  return { set: cell.src, relays: fates.has('other') || fates.has('public') };
}

export interface Ends {
  /** the sending interface (a representative of interfaces alike), undefined for external sources */
  src?: M.NetworkInterface;
  /** the receiving interface (a representative), undefined for external destinations */
  dst?: M.NetworkInterface;
  /** destination addresses of the class, for route fates */
  dstAddrs: bigint[];
  /** external sources that may pass a device rewriting their address (on-premises routes, appliances) */
  viaRelays: boolean;
}

/**
 * The class with its ports (TCP/UDP) or ICMP types cut down to what both ends' security groups can admit; undefined
 * when nothing is left. Only interfaces of instances (or unattached ones) are narrowed: other owners relay or
 * rewrite what they receive.
 */
export function narrowBySecurityGroups(t: M.Topology, cell: Cell, e: Ends): Cell | undefined {
  const p = Number(cell.protocols[0]![0]);
  const ports = p === PROTO.TCP || p === PROTO.UDP;
  const icmp = p === PROTO.ICMP || p === PROTO.ICMPV6;
  let values: RangeSet = ports ? cell.ports : icmp ? cell.icmpTypes : FULL8;
  const narrowable = (x: M.NetworkInterface | undefined): x is M.NetworkInterface =>
    !!x && x.securityGroups.length > 0 && (x.owner.type === 'instance' || x.owner.type === 'none');
  if (narrowable(e.src)) {
    const a = admittedFor(t, e.src, 'outbound', { set: cell.dst, relays: false }, cell.family, p);
    if (a) values = intersect(values, a);
  }
  if (narrowable(e.dst) && values.length) {
    const a = admittedFor(t, e.dst, 'inbound', seenSources(cell, e.src, e.dstAddrs, e.viaRelays), cell.family, p);
    if (a) values = intersect(values, a);
  }
  if (!values.length) return undefined;
  if (ports) return { ...cell, ports: values };
  if (icmp) return { ...cell, icmpTypes: values };
  return cell;
}
