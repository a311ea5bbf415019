// The verdict of the common flow shapes without a Walk: an instance's IPv4 TCP or UDP connection to another
// interface in its VPC (the local route) or in another VPC through a transit gateway, and the reply back. It follows
// the same steps as src/trace/engine.ts (security groups, route table, network ACLs, transit gateway attachment and
// route table) on the integer ids and typed arrays of compiled-topology.ts and the rule indexes of
// compiled-filters.ts, and allocates nothing per flow. Anything else (NAT, gateways, peering, appliances, VPN, IPv6,
// ICMP, a route target it does not know, an index not built) answers BAIL and the flow is walked by the tracer
// itself. tests/property/compiled-equivalence.test.ts checks that both give the same verdict, blockedBy and reason.
import type * as M from '../bind/model.js';
import { PROTO } from '../bind/rules.js';
import { aclTableAllows, compileAcl, compileSgRules, sgTableAllows } from './compiled-filters.js';
import {
  aclRulesOf,
  compiledTopology,
  ENI_FORWARDS,
  ENI_STARTS,
  eniAt,
  intervalCode,
  type PortableTopology,
  RT_BLACKHOLE,
  RT_LOCAL,
  RT_NONE,
  sgRulesOf,
} from './compiled-topology.js';

export const BAIL = -1;
export const REJECT = 0;
export const ACCEPT = 1;

const INBOUND = 0;
const OUTBOUND = 2;

/** The state of the flow being decided: module-level so that a flow allocates nothing. */
let c: PortableTopology;
let tcp = true;
let blockedBy = '';
let reason = '';
/** the interfaces whose security groups admitted the forward packet (at most two on these paths), -1 none */
let allowedA = -1;
let allowedB = -1;
let delivered = -1;

function reject(by: string, why: string): number {
  blockedBy = by;
  reason = why;
  return REJECT;
}

/** https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html — stateful: the reply of an admitted flow passes */
function sg(eni: number, dir: number, port: number, peer: number, reply: boolean): number {
  const set = c.eniSgSet[eni]!;
  if (set < 0) return ACCEPT;
  if (reply && (eni === allowedA || eni === allowedB)) return ACCEPT;
  const slot = set * 4 + dir + (tcp ? 0 : 1);
  let t = c.sgTables[slot];
  if (t === undefined) t = c.sgTables[slot] = compileSgRules(sgRulesOf(c, set, dir === INBOUND), tcp ? PROTO.TCP : PROTO.UDP);
  if (t === null) return BAIL;
  if (!sgTableAllows(t, port, peer)) return reject(c.sgSetIds[set]!, 'ENI_SG_RULES_MISMATCH');
  if (!reply) {
    if (allowedA === -1) allowedA = eni;
    else if (allowedA !== eni) allowedB = eni;
  }
  return ACCEPT;
}

function nacl(subnet: number, dir: number, port: number, peer: number): number {
  const acl = c.subnetAcl[subnet]!;
  const slot = acl * 4 + dir + (tcp ? 0 : 1);
  let t = c.aclTables[slot];
  if (t === undefined) {
    t = c.aclTables[slot] = compileAcl(aclRulesOf(c, acl, dir === INBOUND), tcp ? PROTO.TCP : PROTO.UDP);
  }
  if (t === null) return BAIL;
  return aclTableAllows(t, port, peer) ? ACCEPT : reject(c.aclIds[acl]!, 'SUBNET_ACL_RESTRICTION');
}

/** https://docs.aws.amazon.com/vpc/latest/userguide/nacl-basics.html — leaving one subnet and entering another, not within one */
function cross(from: number, to: number, src: number, dst: number, port: number): number {
  if (from === to) return ACCEPT;
  const out = nacl(from, OUTBOUND, port, dst);
  return out !== ACCEPT ? out : nacl(to, INBOUND, port, src);
}

/** The route table of `subnet` takes the packet: delivered in the VPC, or on to the transit gateway once. */
function route(subnet: number, src: number, dst: number, port: number, reply: boolean, viaTgw: boolean): number {
  const rt = c.subnetRt[subnet]!;
  const code = intervalCode(c.rtFrom, c.rtStarts, c.rtCode, rt, dst);
  if (code === RT_NONE) return reject(c.rtIds[rt]!, 'NO_ROUTE_TO_DESTINATION');
  if (code === RT_BLACKHOLE) return reject(c.rtIds[rt]!, 'BLACKHOLE_ROUTE');
  if (code >= 0 && !viaTgw) return toTgw(code, subnet, src, dst, port, reply);
  if (code !== RT_LOCAL) return BAIL;
  const vpc = c.subnetVpc[subnet]!;
  const eni = eniAt(c, vpc, dst);
  if (eni < 0) return reject(c.vpcIds[vpc]!, 'NO_INTERFACE_FOR_DESTINATION');
  const into = c.eniSubnet[eni]!;
  const x = cross(subnet, into, src, dst, port);
  if (x !== ACCEPT) return x;
  // a NAT gateway's address: forwarding and translation are the tracer's
  if ((c.eniFlags[eni]! & ENI_FORWARDS) !== 0) return BAIL;
  const s = sg(eni, INBOUND, port, src, reply);
  if (s !== ACCEPT) return s;
  delivered = eni;
  return ACCEPT;
}

/** https://docs.aws.amazon.com/vpc/latest/tgw/tgw-nacls.html — the source subnet's outbound and the attachment subnet's inbound rules */
function toTgw(tgw: number, subnet: number, src: number, dst: number, port: number, reply: boolean): number {
  const att = c.vpcTgwAtt[c.subnetVpc[subnet]! * c.tgwIds.length + tgw]!;
  if (att < 0) return reject(c.tgwIds[tgw]!, 'NO_TGW_ATTACHMENT');
  const az = c.subnetAz[subnet]!;
  const attEni = c.attAzEni[att * c.azCount + az]!;
  if (attEni < 0) return reject(c.attIds[att]!, 'TGW_ROUTE_AZ_RESTRICTION');
  const attSubnet = c.eniSubnet[attEni]!;
  if (subnet === attSubnet) {
    const out = nacl(subnet, OUTBOUND, port, dst);
    if (out !== ACCEPT) return out;
    const inb = nacl(subnet, INBOUND, port, src);
    if (inb !== ACCEPT) return inb;
  } else {
    const x = cross(subnet, attSubnet, src, dst, port);
    if (x !== ACCEPT) return x;
  }
  // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html — longest prefix; static beats propagated
  const rt = c.attRt[att]!;
  if (rt < 0) return reject(c.attIds[att]!, 'TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION');
  const next = intervalCode(c.tgwRtFrom, c.tgwRtStarts, c.tgwRtCode, rt, dst);
  if (next === RT_NONE) return reject(c.tgwRtIds[rt]!, 'NO_ROUTE_TO_DESTINATION');
  if (next === RT_BLACKHOLE) return reject(c.tgwRtIds[rt]!, 'BLACKHOLE_ROUTE');
  if (next < 0 || c.attFirstEni[next] === -2) return BAIL;
  // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — TGW_ATTACH_VPC_AZ_RESTRICTION: the zone the traffic comes from
  let into = c.attAzEni[next * c.azCount + az]!;
  if (into < 0) into = c.attFirstEni[next]!;
  if (into < 0) return reject(c.attIds[next]!, 'NO_ROUTE_TO_DESTINATION');
  return route(c.eniSubnet[into]!, src, dst, port, reply, true);
}

/**
 * The verdict of a connection between interfaces `from` and `to` (compiled ids; the reply included): ACCEPT, REJECT
 * (then blockedBy() and reason() say why) or BAIL when the flow leaves the shapes this function knows.
 */
export function compiledVerdict(compiled: PortableTopology, from: number, to: number, protocol: number, srcPort: number, dstPort: number): number {
  if ((protocol !== PROTO.TCP && protocol !== PROTO.UDP) || (compiled.eniFlags[from]! & ENI_STARTS) === 0) return BAIL;
  const src = compiled.eniIp[from]!;
  const dst = compiled.eniIp[to]!;
  if (Number.isNaN(src) || Number.isNaN(dst)) return BAIL; // no IPv4 address
  c = compiled;
  tcp = protocol === PROTO.TCP;
  allowedA = allowedB = delivered = -1;
  let r = sg(from, OUTBOUND, dstPort, dst, false);
  if (r === ACCEPT) r = route(c.eniSubnet[from]!, src, dst, dstPort, false, false);
  if (r === BAIL || (r === ACCEPT && delivered !== to)) return BAIL;
  if (r === REJECT) return REJECT;
  // the reply: from the destination back to the source, its ports swapped
  const back = delivered;
  delivered = -1;
  r = sg(back, OUTBOUND, srcPort, src, true);
  if (r === ACCEPT) r = route(c.eniSubnet[back]!, dst, src, srcPort, true, false);
  if (r === BAIL || (r === ACCEPT && delivered !== from)) return BAIL;
  return r;
}

/** What blocked the last REJECT of compiledVerdict. */
export function lastBlockedBy(): string {
  return blockedBy;
}

export function lastReason(): string {
  return reason;
}

export interface FastVerdict {
  verdict: 'ACCEPT' | 'REJECT';
  blockedBy: string | null;
  reason: string | null;
}

/**
 * The verdict of a connection from interface `from` to interface `to` (the reply included), or undefined when the
 * flow leaves the shapes the compiled path knows: the caller then walks it.
 */
export function fastVerdict(
  t: M.Topology,
  from: M.NetworkInterface,
  to: M.NetworkInterface,
  pkt: { protocol: number; src: unknown; dst: unknown; srcPort: number; dstPort: number },
): FastVerdict | undefined {
  // a load balancer node is never a plain endpoint: its flows go through src/trace/load-balancer.ts
  if (from.owner.type === 'load-balancer' || to.owner.type === 'load-balancer') return undefined;
  if (pkt.src !== from.privateIp || pkt.dst !== to.privateIp) return undefined;
  const compiled = compiledTopology(t);
  if (!compiled) return undefined;
  const r = compiledVerdict(compiled, compiled.eniId.get(from)!, compiled.eniId.get(to)!, pkt.protocol, pkt.srcPort, pkt.dstPort);
  if (r === BAIL) return undefined;
  return r === ACCEPT ? { verdict: 'ACCEPT', blockedBy: null, reason: null } : { verdict: 'REJECT', blockedBy, reason };
}
