// The verdict of the common flow shapes without a Walk: an instance's IPv4 TCP or UDP connection to another
// interface in its VPC (the local route) or in another VPC through a transit gateway, and the reply back. It follows
// the same steps as src/trace/engine.ts (security groups, route table, network ACLs, transit gateway attachment and
// route table), with the compiled indexes of compiled-filters.ts, and allocates nothing per flow. Anything else
// (NAT, gateways, peering, appliances, VPN, IPv6, ICMP, an index not built) answers BAIL and the flow is walked by
// the tracer itself. tests/compiled-equivalence.test.ts checks that both give the same verdict, blockedBy and reason.
import type * as M from '../bind/model.js';
import { PROTO } from '../bind/rules.js';
import type { TraceIndex } from './index-cache.js';
import { aclAllows, sgAllows } from './compiled-filters.js';

const BAIL = -1;
const REJECT = 0;
const ACCEPT = 1;

/** The state of the flow being decided: module-level so that a flow allocates nothing. */
let ix: TraceIndex;
let protocol = 0;
let blockedBy = '';
let reason = '';
/** the interfaces whose security groups admitted the forward packet (at most two on these paths) */
let allowedA: M.NetworkInterface | undefined;
let allowedB: M.NetworkInterface | undefined;
let delivered: M.NetworkInterface | undefined;

function reject(by: string, why: string): number {
  blockedBy = by;
  reason = why;
  return REJECT;
}

/** https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html — stateful: the reply of an admitted flow passes */
function sg(eni: M.NetworkInterface, dir: 'inbound' | 'outbound', port: number, peer: number, reply: boolean): number {
  const first = eni.securityGroups[0];
  if (!first) return ACCEPT;
  if (reply && (eni === allowedA || eni === allowedB)) return ACCEPT;
  const ok = sgAllows(eni, dir, protocol, port, peer, ix);
  if (ok === undefined) return BAIL;
  if (!ok) return reject(first.id, 'ENI_SG_RULES_MISMATCH');
  if (!reply) {
    if (allowedA === undefined) allowedA = eni;
    else if (allowedA !== eni) allowedB = eni;
  }
  return ACCEPT;
}

function nacl(subnet: M.Subnet, dir: 'inbound' | 'outbound', port: number, peer: number): number {
  const acl = subnet.networkAcl;
  const ok = aclAllows(acl, dir, protocol, port, peer);
  if (ok === undefined) return BAIL;
  return ok ? ACCEPT : reject(acl.id, 'SUBNET_ACL_RESTRICTION');
}

/** https://docs.aws.amazon.com/vpc/latest/userguide/nacl-basics.html — leaving one subnet and entering another, not within one */
function cross(from: M.Subnet, to: M.Subnet, src: number, dst: number, port: number): number {
  if (from === to) return ACCEPT;
  const out = nacl(from, 'outbound', port, dst);
  return out !== ACCEPT ? out : nacl(to, 'inbound', port, src);
}

/** The route table of `subnet` takes the packet: delivered in the VPC, or on to the transit gateway once. */
function route(subnet: M.Subnet, src: number, dst: number, port: number, reply: boolean, viaTgw: boolean): number {
  const rt = subnet.routeTable;
  const r = rt.lookup4.lookup(dst);
  if (!r) return reject(rt.id, 'NO_ROUTE_TO_DESTINATION');
  const target = r.target;
  if (target.type === 'blackhole') return reject(rt.id, 'BLACKHOLE_ROUTE');
  if (target.type === 'tgw' && !viaTgw) return toTgw(target.tgw, subnet, src, dst, port, reply);
  if (target.type !== 'local') return BAIL;
  const eni = ix.vpcAddr.get(subnet.vpc)?.get(dst);
  if (!eni) return reject(subnet.vpc.id, 'NO_INTERFACE_FOR_DESTINATION');
  const c = cross(subnet, eni.subnet, src, dst, port);
  if (c !== ACCEPT) return c;
  // only the interface's own address, and not a NAT gateway's: forwarding and translation are the tracer's
  if (eni.owner.type === 'nat-gateway' || (eni.privateIp !== dst && !eni.secondaryPrivateIps.includes(dst))) return BAIL;
  const s = sg(eni, 'inbound', port, src, reply);
  if (s !== ACCEPT) return s;
  delivered = eni;
  return ACCEPT;
}

/** https://docs.aws.amazon.com/vpc/latest/tgw/tgw-nacls.html — the source subnet's outbound and the attachment subnet's inbound rules */
function toTgw(tgw: M.TransitGateway, subnet: M.Subnet, src: number, dst: number, port: number, reply: boolean): number {
  let att: M.TransitGatewayAttachment | undefined;
  for (const a of subnet.vpc.tgwAttachments) {
    if (a.transitGateway === tgw) {
      att = a;
      break;
    }
  }
  if (!att) return reject(tgw.id, 'NO_TGW_ATTACHMENT');
  const attEni = att.interfacesByAz.get(subnet.az);
  if (!attEni) return reject(att.id, 'TGW_ROUTE_AZ_RESTRICTION');
  if (subnet === attEni.subnet) {
    const out = nacl(subnet, 'outbound', port, dst);
    if (out !== ACCEPT) return out;
    const inb = nacl(subnet, 'inbound', port, src);
    if (inb !== ACCEPT) return inb;
  } else {
    const c = cross(subnet, attEni.subnet, src, dst, port);
    if (c !== ACCEPT) return c;
  }
  // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html — longest prefix; static beats propagated
  const rt = att.routeTable;
  if (!rt) return reject(att.id, 'TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION');
  const r = rt.lookup4.lookup(dst);
  if (!r) return reject(rt.id, 'NO_ROUTE_TO_DESTINATION');
  if (r.blackhole || !r.attachment) return reject(rt.id, 'BLACKHOLE_ROUTE');
  const next = r.attachment;
  if (next.type !== 'vpc') return BAIL;
  // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — TGW_ATTACH_VPC_AZ_RESTRICTION: the zone the traffic comes from
  const into = next.interfacesByAz.get(subnet.az) ?? next.interfacesByAz.values().next().value;
  if (!into) return reject(next.id, 'NO_ROUTE_TO_DESTINATION');
  return route(into.subnet, src, dst, port, reply, true);
}

export interface FastVerdict {
  verdict: 'ACCEPT' | 'REJECT';
  blockedBy: string | null;
  reason: string | null;
}

/**
 * The verdict of a connection from interface `from` to interface `to` (the reply included), or undefined when the
 * flow leaves the shapes this function knows: the caller then walks it.
 */
export function fastVerdict(index: TraceIndex, from: M.NetworkInterface, to: M.NetworkInterface, pkt: { protocol: number; src: unknown; dst: unknown; srcPort: number; dstPort: number }): FastVerdict | undefined {
  // a load balancer node is never a plain endpoint: its flows go through src/trace/load-balancer.ts
  if (from.owner.type === 'load-balancer' || to.owner.type === 'load-balancer') return undefined;
  const { src, dst } = pkt;
  if (typeof src !== 'number' || typeof dst !== 'number' || (pkt.protocol !== PROTO.TCP && pkt.protocol !== PROTO.UDP)) return undefined;
  if (from.owner.type !== 'instance' && from.owner.type !== 'none') return undefined;
  ix = index;
  protocol = pkt.protocol;
  allowedA = allowedB = delivered = undefined;
  let r = sg(from, 'outbound', pkt.dstPort, dst, false);
  if (r === ACCEPT) r = route(from.subnet, src, dst, pkt.dstPort, false, false);
  if (r === BAIL || (r === ACCEPT && delivered !== to)) return undefined;
  if (r === REJECT) return { verdict: 'REJECT', blockedBy, reason };
  // the reply: from the destination back to the source, its ports swapped
  const back = delivered!;
  delivered = undefined;
  r = sg(back, 'outbound', pkt.srcPort, src, true);
  if (r === ACCEPT) r = route(back.subnet, dst, src, pkt.srcPort, true, false);
  if (r === BAIL || (r === ACCEPT && delivered !== from)) return undefined;
  if (r === REJECT) return { verdict: 'REJECT', blockedBy, reason };
  return { verdict: 'ACCEPT', blockedBy: null, reason: null };
}
