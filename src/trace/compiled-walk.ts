// The verdict of the common flow shapes without a Walk: an instance's IPv4 TCP or UDP connection to another
// interface in its VPC (the local route) or in another VPC through a transit gateway, or to an internet address
// through its VPC's internet gateway (its own public IP) or through a NAT gateway of its VPC and the internet
// gateway, and the reply back. It follows the same steps as src/trace/engine.ts (security groups, route table,
// network ACLs, transit gateway attachment and route table, NAT gateway translation and its subnet's route table and
// ACL, the internet gateway's public address check) on the integer ids and typed arrays of compiled-topology.ts and
// the rule indexes of compiled-filters.ts, and allocates nothing per flow. Anything else (NAT instances, peering,
// appliances, VPN, egress-only gateways, gateway route tables, IPv6, ICMP, internet traffic that arrived through a
// transit gateway, a route target it does not know, an index not built) answers BAIL and the flow is walked by the
// tracer itself. tests/property/compiled-equivalence.test.ts checks that both give the same verdict, blockedBy and reason.
import type * as M from '../bind/model.js';
import { PROTO } from '../bind/rules.js';
import { contains, isRfc1918, RFC6598 } from '../net/ip.js';
import { aclTableAllows, compileAcl, compileSgRules, sgTableAllows } from './compiled-filters.js';
import {
  aclRulesOf,
  compiledTopology,
  ENI_FORWARDS,
  ENI_OWNS_PUBLIC,
  ENI_STARTS,
  eniAt,
  intervalCode,
  type PortableTopology,
  RT_BLACKHOLE,
  RT_IGW,
  RT_LOCAL,
  RT_NAT,
  RT_NONE,
  sgRulesOf,
} from './compiled-topology.js';

export const BAIL = -1;
export const REJECT = 0;
export const ACCEPT = 1;
/** `to` of compiledVerdict for an internet address (given as `dstAddr`) */
export const INTERNET = -1;
/** Compiled arguments per flow in batches: [from, to, protocol, srcPort, dstPort, the internet address as int32 when to is INTERNET]. */
export const ARGS = 6;

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
  if (t === undefined) {
    const rules = sgRulesOf(c, set, dir === INBOUND);
    t = c.sgTables[slot] = rules && compileSgRules(rules, tcp ? PROTO.TCP : PROTO.UDP);
  }
  if (t === null) return BAIL;
  const allows = sgTableAllows(t, port, peer);
  if (allows === undefined) return BAIL;
  if (!allows) return reject(c.sgSetIds[set]!, 'ENI_SG_RULES_MISMATCH');
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

// ---- to the internet ---------------------------------------------------------------------------------------

/** igwEgress: the packet was refused (REJECT), or leaves the shapes of the compiled walk (BAIL). */
const EGRESS_REFUSED = -1;
const EGRESS_BAIL = -2;

function refused(by: string, why: string): number {
  reject(by, why);
  return EGRESS_REFUSED;
}

/**
 * The interface behind `addr` in VPC `vpc` when it is its primary address (-1: none), -2 for a secondary address
 * (the tracer's). The internet gateway maps it to the interface's public IPv4.
 */
function primaryAt(vpc: number, addr: number): number {
  const e = eniAt(c, vpc, addr);
  return e >= 0 && c.eniIp[e] !== addr ? -2 : e;
}

/**
 * https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html — an IPv4 packet from `src` in `subnet`
 * leaves through the VPC's internet gateway: the subnet's outbound rules, then the gateway's one-to-one NAT to the
 * sender's public address. The public address's interface, else EGRESS_REFUSED or EGRESS_BAIL.
 */
function igwEgress(subnet: number, src: number, dst: number, port: number): number {
  const out = nacl(subnet, OUTBOUND, port, dst);
  if (out !== ACCEPT) return out === BAIL ? EGRESS_BAIL : EGRESS_REFUSED;
  const vpc = c.subnetVpc[subnet]!;
  const e = primaryAt(vpc, src);
  if (e === -2) return EGRESS_BAIL;
  // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS
  if (e < 0 || Number.isNaN(c.eniPublicIp[e]!)) return refused(c.vpcIgwIds[vpc]!, 'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS');
  // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS / _RFC6598_EGRESS
  if (isRfc1918(dst)) return refused(c.vpcIgwIds[vpc]!, 'IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS');
  if (contains(RFC6598, dst)) return refused(c.vpcIgwIds[vpc]!, 'IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS');
  // the reply comes back to the public address: the interface the internet reaches there
  return (c.eniFlags[e]! & ENI_OWNS_PUBLIC) !== 0 ? e : EGRESS_BAIL;
}

/**
 * The reply from the internet (source `peer`, to the public address of `e`) through the internet gateway, which
 * translates it back to the private address: the subnet's inbound rules on the reply's destination `port`.
 */
function igwIngress(e: number, peer: number, port: number): number {
  // the source of an accepted egress packet is never private (checked on the way out)
  return nacl(c.eniSubnet[e]!, INBOUND, port, peer);
}

/** An instance's packet to the internet through its own public address, and the reply back to it. */
function directToInternet(from: number, src: number, dst: number, srcPort: number, dstPort: number): number {
  const e = igwEgress(c.eniSubnet[from]!, src, dst, dstPort);
  if (e < 0) return e === EGRESS_BAIL ? BAIL : REJECT;
  // the reply reaches the host that opened the connection, or the tracer says where it went
  if (e !== from) return BAIL;
  const r = igwIngress(e, dst, srcPort);
  return r !== ACCEPT ? r : sg(from, INBOUND, srcPort, dst, true);
}

/**
 * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html — NAT gateway `n` of the sender's VPC takes the
 * packet (the sender's subnet's outbound and its own subnet's inbound rules), replaces the source with its private
 * address and an ephemeral port, and its own subnet's route table takes it on to the internet gateway, which maps the
 * source to the NAT gateway's Elastic IP. The reply comes back the same way, is translated back and routed to the
 * sender by the NAT gateway's subnet's route table.
 */
function natToInternet(n: number, subnet: number, from: number, src: number, dst: number, srcPort: number, dstPort: number): number {
  const natSubnet = c.natSubnet[n]!;
  const x = cross(subnet, natSubnet, src, dst, dstPort);
  if (x !== ACCEPT) return x;
  // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — REMAP_EPHEMERAL_PORT: the source port is remapped into 1024–65535
  const port = 1024 + (((srcPort * 7919 + src) >>> 0) % 64512);
  const natIp = c.natIp[n]!;
  const rt = c.subnetRt[natSubnet]!;
  const code = intervalCode(c.rtFrom, c.rtStarts, c.rtCode, rt, dst);
  // the NAT gateway's subnet sending its translated traffic back to it
  if (code === RT_NAT - n) return reject(c.rtIds[rt]!, 'ROUTING_LOOP');
  if (code === RT_NONE) return reject(c.rtIds[rt]!, 'NO_ROUTE_TO_DESTINATION');
  if (code === RT_BLACKHOLE) return reject(c.rtIds[rt]!, 'BLACKHOLE_ROUTE');
  if (code !== RT_IGW) return BAIL;
  const e = igwEgress(natSubnet, natIp, dst, dstPort);
  if (e < 0) return e === EGRESS_BAIL ? BAIL : REJECT;
  // the reply to the Elastic IP is the NAT gateway's to translate back
  if (e !== c.natEni[n]) return BAIL;
  const r = igwIngress(e, dst, port);
  if (r !== ACCEPT) return r;
  delivered = -1;
  const back = route(natSubnet, dst, src, srcPort, true, false);
  return back === BAIL || (back === ACCEPT && delivered !== from) ? BAIL : back;
}

/** An instance's connection to internet address `dst` (the reply included). */
function toInternet(from: number, src: number, dst: number, srcPort: number, dstPort: number): number {
  const s = sg(from, OUTBOUND, dstPort, dst, false);
  if (s !== ACCEPT) return s;
  const subnet = c.eniSubnet[from]!;
  const rt = c.subnetRt[subnet]!;
  const code = intervalCode(c.rtFrom, c.rtStarts, c.rtCode, rt, dst);
  if (code === RT_NONE) return reject(c.rtIds[rt]!, 'NO_ROUTE_TO_DESTINATION');
  if (code === RT_BLACKHOLE) return reject(c.rtIds[rt]!, 'BLACKHOLE_ROUTE');
  if (code === RT_IGW) return directToInternet(from, src, dst, srcPort, dstPort);
  if (code <= RT_NAT) return natToInternet(RT_NAT - code, subnet, from, src, dst, srcPort, dstPort);
  return BAIL;
}

/**
 * The verdict of a connection from interface `from` to interface `to` (compiled ids), or to the internet address
 * `dstAddr` when `to` is INTERNET (the reply included): ACCEPT, REJECT (then lastBlockedBy() and lastReason() say
 * why) or BAIL when the flow leaves the shapes this function knows.
 */
export function compiledVerdict(
  compiled: PortableTopology,
  from: number,
  to: number,
  protocol: number,
  srcPort: number,
  dstPort: number,
  dstAddr = Number.NaN,
): number {
  if ((protocol !== PROTO.TCP && protocol !== PROTO.UDP) || (compiled.eniFlags[from]! & ENI_STARTS) === 0) return BAIL;
  const src = compiled.eniIp[from]!;
  const dst = to === INTERNET ? dstAddr : compiled.eniIp[to]!;
  if (Number.isNaN(src) || Number.isNaN(dst)) return BAIL; // no IPv4 address
  c = compiled;
  tcp = protocol === PROTO.TCP;
  allowedA = allowedB = delivered = -1;
  if (to === INTERNET) return toInternet(from, src, dst, srcPort, dstPort);
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
