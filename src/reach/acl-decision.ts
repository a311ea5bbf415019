// A network ACL hop decides by its peer address, the protocol and the port it reads
// (https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html — lowest number first, first match wins, then `*`
// deny). Once a class's peer addresses lie wholly inside or outside each rule's CIDR, the hop divides its ports in two:
// those it allows and those it denies. Dividing at every rule's port range instead makes classes that end alike.
import type * as M from '../bind/model.js';
import type { Family } from '../net/ip.js';
import { PROTO } from '../net/protocol.js';
import type { Hop, TraceResult } from '../trace/types.js';
import { prefixRange } from './cuts.js';
import { PerSet, type Range, type RangeSet, intersect, normalize, sameSet, subtract } from './sets.js';

/** Which fields of a class a network ACL hop reads, when nothing on the way before it rewrote them. */
export interface AclRole {
  /** the field holding the address the rules' CIDRs are matched against */
  peer: 'src' | 'dst';
  /** the field holding the port the rules' port ranges are matched against */
  port: 'ports' | 'srcPorts';
}

/** The representative's own header, as the trace names it. */
export interface RepHeader {
  src: string;
  dst: string;
  port: number;
  srcPort: number;
}

const ALL_PORTS: RangeSet = [[0n, 65535n]];
const ALL_TYPES: RangeSet = [[0n, 255n]];

/**
 * The roles of the network ACL hops of a round trip, by cut group (`groupOf`). A hop qualifies only when no hop
 * before it rewrote addresses or ports other than the internet gateway's one-to-one address translation (a NAT
 * gateway remaps source ports; a load balancer opens a new connection), and it saw the representative's own peer
 * address and port; a group qualifies when every hop of it does, in the same role.
 */
export function aclRoles(res: TraceResult, rep: RepHeader, groupOf: (h: Hop) => string): Map<string, AclRole> {
  const roles = new Map<string, AclRole>();
  const clash = new Set<string>();
  let rewritten = false;
  for (const [hops, reply] of [
    [res.forward.hops, false],
    [res.return?.hops ?? [], true],
  ] as const) {
    for (const h of hops) {
      if ((h.decision === 'NAT' && h.kind !== 'internet-gateway') || h.kind.includes('load-balancer')) rewritten = true;
      if (h.kind !== 'network-acl') continue;
      // one cut group may be met twice (a packet leaving through a NAT gateway and coming back): every hop must agree
      const role = rewritten ? undefined : roleOf(h, rep, reply);
      const g = groupOf(h);
      const have = roles.get(g);
      if (!role || (have && (have.peer !== role.peer || have.port !== role.port))) clash.add(g);
      else roles.set(g, role);
    }
  }
  for (const g of clash) roles.delete(g);
  return roles;
}

function roleOf(h: Hop, rep: RepHeader, reply: boolean): AclRole | undefined {
  const inbound = h.flow === 'ingress';
  const seenPeer = inbound ? h.packet.src : h.packet.dst;
  // the reply travels from the request's destination to its source, to the request's source port
  const peer = inbound !== reply ? 'src' : 'dst';
  const port = reply ? 'srcPorts' : 'ports';
  if (seenPeer !== rep[peer] || h.packet.dstPort !== rep[port === 'ports' ? 'port' : 'srcPort']) return undefined;
  return { peer, port };
}

/**
 * The ports (TCP, UDP), or the ICMP types, the rules allow for packets of protocol `proto` from or to every address
 * of `peers`; undefined when a rule's CIDR holds only some of them (the hop does not treat them alike), or when a
 * rule names an ICMP code (the code would divide the types).
 */
export function aclAllowed(rules: readonly M.NetworkAclRule[], proto: number, family: Family, peers: RangeSet): RangeSet | undefined {
  // asked once per rule list, peer set, protocol and family (see PerSet)
  return allowedCache.get(rules, peers, proto * 8 + family, () => allowedFor(rules, proto, family, peers));
}

const allowedCache = new PerSet<readonly M.NetworkAclRule[], number, RangeSet>();

function allowedFor(rules: readonly M.NetworkAclRule[], proto: number, family: Family, peers: RangeSet): RangeSet | undefined {
  const icmp = proto === PROTO.ICMP || proto === PROTO.ICMPV6;
  if (proto !== PROTO.TCP && proto !== PROTO.UDP && !icmp) return undefined;
  const all = icmp ? ALL_TYPES : ALL_PORTS;
  let left = all;
  const allowed: Range[] = [];
  for (const r of rules) {
    if ((r.protocol !== -1 && r.protocol !== proto) || r.cidr.family !== family) continue;
    const inside = intersect(peers, [prefixRange(r.cidr)]);
    if (!inside.length) continue;
    if (!sameSet(inside, peers)) return undefined;
    const range = icmp ? typesOf(r) : r.ports ? ([[BigInt(r.ports.from), BigInt(r.ports.to)]] as RangeSet) : all;
    if (!range) return undefined;
    if (r.action === 'allow') allowed.push(...intersect(left, range));
    left = subtract(left, range);
    if (!left.length) break;
  }
  return normalize(allowed);
}

/** The ICMP types a rule matches (walk.ts matches(): type and code count only on a rule for ICMP itself). */
function typesOf(r: M.NetworkAclRule): RangeSet | undefined {
  if (r.protocol === -1 || r.icmpType === -1) return r.protocol === -1 || r.icmpCode === -1 ? ALL_TYPES : undefined;
  return r.icmpCode === -1 ? [[BigInt(r.icmpType), BigInt(r.icmpType)]] : undefined;
}
