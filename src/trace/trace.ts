// trace(): resolve the endpoints, walk the packet forward, then walk its reply back, and collect the
// flow-log records of every interface both packets crossed.
import { intoTgwFromOnPremises, replyIntoTgw } from './direct-connect.js';
import type { Topology } from '../bind/model.js';
import { type Addr, formatAddr } from '../net/ip.js';
import { DEFAULT_SRC_PORT, isIcmp, MAX_PORT, parseProtocol, PROTO, protocolName } from '../net/protocol.js';
import { type Endpoint, EndpointError, internetAddress, resolveEndpoint } from './endpoints.js';
import { Walk, nameOf, newConnTrack, ownerId, type Exit } from './engine.js';
import { blockingOf } from './walk.js';
import type { EndpointSummary, Packet, TraceResult } from './types.js';
import { checkForward, checkReply, expectForward, expectReply, reachedId } from './identity.js';
import { fastVerdict } from './compiled-walk.js';
import { checkSymmetry } from './inspection.js';
import { FlowError } from './flow-error.js';
import { LbFlowError, type LbRequest, loadBalancerRequest, traceLoadBalancer } from './load-balancer.js';
import { type HealthCheckResult, type HealthCheckSpec, healthCheckFailures, runHealthChecks } from './load-balancer-health.js';

export interface FlowSpec {
  from: string;
  to: string;
  protocol?: string | number;
  port?: number;
  srcPort?: number;
  icmpType?: number;
  icmpCode?: number;
  /** evaluate the reply too (default true) */
  return?: boolean;
  /** prefer IPv6 addresses when both endpoints are ids */
  ipv6?: boolean;
  /** resolve rule positions for display (default true; batch turns it off) */
  explain?: boolean;
  /** record the interface events flow-log records are written from (default true; batch turns it off):
   *  render/flow-logs.ts withFlowLogs() writes the records */
  flowLogs?: boolean;
  /** keep the packet each hop saw (`Hop.packet`) even without explanations (the reach engine reads them) */
  packets?: boolean;
  /** a load balancer the flow goes through to the target named in `to` (docs/load-balancers.md) */
  via?: string;
}

export { FlowError } from './flow-error.js';

/** The protocol number a `--protocol all` packet carries. */
export const ALL_PROBE = PROTO.ALL_PROBE;

export { DEFAULT_SRC_PORT } from '../net/protocol.js';

export function trace(t: Topology, spec: FlowSpec): TraceResult {
  const lb = lbRequest(t, spec);
  if (!lb) return traceDirect(t, spec).result;
  try {
    return traceLoadBalancer(t, spec, lb, traceDirect, startReply);
  } catch (e) {
    if (e instanceof LbFlowError) throw new FlowError(e.template, e.literal);
    throw e;
  }
}

/** The health checks of a target group's targets from every node (src/trace/load-balancer-health.ts). */
export function healthChecks(t: Topology, targetGroup: string, spec: HealthCheckSpec = {}): { results: HealthCheckResult[]; traces: TraceResult[] } {
  return runHealthChecks(t, targetGroup, spec, startReply);
}

/** For lint rules: the health checks that fail, in every target group a listener uses. */
export function failingHealthChecks(t: Topology): HealthCheckResult[] {
  return healthCheckFailures(t, startReply);
}

/** A flow to or through a load balancer (src/trace/load-balancer.ts), or undefined. */
function lbRequest(t: Topology, spec: FlowSpec): LbRequest | undefined {
  try {
    return loadBalancerRequest(t, spec);
  } catch (e) {
    if (e instanceof LbFlowError) throw new FlowError(e.template, e.literal);
    throw e;
  }
}

/** A trace that ends where --to says, with no load balancer in between, and the packet it sent (a load balancer's leg 1 reads it). */
function traceDirect(t: Topology, spec: FlowSpec, bound?: Endpoint): { result: TraceResult; packet: Packet } {
  const { from, to, pkt, protocol } = prepareFlow(t, spec, bound);
  const { protocol: pnum, src: srcIp, dst: dstIp, srcPort, dstPort, icmpType, icmpCode } = pkt;
  const ct = newConnTrack();
  const opts = { explain: spec.explain !== false, events: spec.flowLogs !== false, packets: spec.packets === true };
  const fwd = new Walk(t, 'forward', ct, opts);
  expectForward(fwd, to);
  start(fwd, from, to, pkt);
  checkForward(fwd, to);
  let ret: Walk | null = null;
  // Only queries have replies: an ICMP error or other message type travels one way.
  const answered = !isIcmp(pnum) || replyIcmpType(pnum, icmpType) !== undefined;
  if (spec.return !== false && answered && fwd.verdict === 'ACCEPT' && fwd.exit) {
    ret = new Walk(t, 'return', ct, opts);
    expectReply(ret, from);
    startReply(ret, fwd.exit);
    checkReply(ret, from);
    checkSymmetry(ret);
  }
  const verdict = fwd.verdict === 'ACCEPT' && (!ret || ret.verdict === 'ACCEPT') ? 'ACCEPT' : 'REJECT';
  const blocker = fwd.verdict !== 'ACCEPT' ? fwd : ret && ret.verdict !== 'ACCEPT' ? ret : undefined;
  const events = [...fwd.events, ...(ret?.events ?? [])];
  const blockedHop = blocker && blocker.blockedAt !== undefined ? blocker.hops[blocker.blockedAt] : undefined;
  const result: TraceResult = {
    verdict,
    flow: {
      protocol: protocol === -1 ? 'all' : protocolName(pnum),
      protocolNumber: pnum,
      srcIp: formatAddr(srcIp),
      srcPort,
      dstIp: formatAddr(dstIp),
      dstPort,
      ...(isIcmp(pnum) ? { icmpType, icmpCode } : {}),
    },
    from: named(t, summary(from, srcIp)),
    to: named(t, summary(to, dstIp, reachedId(to, fwd.exit))),
    forward: fwd.result(),
    return: ret ? ret.result() : null,
    blockedBy: blocker?.blockedBy ?? null,
    reason: blocker?.reason ?? null,
    explanation: null,
    ...(blocker && blockedHop ? { blocking: blockingOf(blocker === ret) } : {}),
    flowLogs: [],
    events,
  };
  return { result, packet: pkt };
}

/** What batch runs keep of a trace. */
export interface Verdict {
  verdict: 'ACCEPT' | 'REJECT';
  blockedBy: string | null;
  reason: string | null;
  dstPort: number;
}

const VERDICT_ONLY = { explain: false, events: false, verdictOnly: true };

/** The verdict of trace(), and what blocked, without hop records, text or flow logs (the same walk, compiled filters). */
export function traceVerdict(t: Topology, spec: FlowSpec): Verdict {
  if (lbRequest(t, spec)) {
    const r = trace(t, { ...spec, explain: false, flowLogs: false });
    return { verdict: r.verdict, blockedBy: r.blockedBy, reason: r.reason, dstPort: r.flow.dstPort };
  }
  const { from, to, pkt } = prepareFlow(t, spec);
  if (spec.return !== false && from.type === 'interface' && to.type === 'interface') {
    const fast = fastVerdict(t, from.eni, to.eni, pkt);
    if (fast) return { verdict: fast.verdict, blockedBy: fast.blockedBy, reason: fast.reason, dstPort: pkt.dstPort };
  }
  const ct = newConnTrack();
  const fwd = new Walk(t, 'forward', ct, VERDICT_ONLY);
  expectForward(fwd, to);
  start(fwd, from, to, pkt);
  checkForward(fwd, to);
  let ret: Walk | null = null;
  const answered = !isIcmp(pkt.protocol) || replyIcmpType(pkt.protocol, pkt.icmpType) !== undefined;
  if (spec.return !== false && answered && fwd.verdict === 'ACCEPT' && fwd.exit) {
    ret = new Walk(t, 'return', ct, VERDICT_ONLY);
    expectReply(ret, from);
    startReply(ret, fwd.exit);
    checkReply(ret, from);
    checkSymmetry(ret);
  }
  const blocker = fwd.verdict !== 'ACCEPT' ? fwd : ret && ret.verdict !== 'ACCEPT' ? ret : undefined;
  return { verdict: blocker ? 'REJECT' : 'ACCEPT', blockedBy: blocker?.blockedBy ?? null, reason: blocker?.reason ?? null, dstPort: pkt.dstPort };
}

/** Endpoints resolved and the first packet built, or a FlowError saying what is wrong with the flow. */
function prepareFlow(t: Topology, spec: FlowSpec, bound?: Endpoint): { from: Endpoint; to: Endpoint; pkt: Packet; protocol: number } {
  const { from, to } = endpoints(t, spec, bound);
  const proto = parseProtocol(spec.protocol ?? 'tcp');
  if (!proto.ok) throw new FlowError(proto.error, true);
  const protocol = proto.value;
  // `all` asks whether every protocol passes: the packet carries protocol 253 (RFC 3692, for experiments), which only
  // rules for all protocols admit, so ACCEPT means no filter on the path restricts the protocol.
  const pnum = protocol === -1 ? ALL_PROBE : protocol;
  const hasPort = pnum === PROTO.TCP || pnum === PROTO.UDP;
  const dstPort = hasPort ? (spec.port ?? 443) : 0;
  const srcPort = hasPort ? (spec.srcPort ?? DEFAULT_SRC_PORT) : 0;
  for (const [name, v, max] of [
    ['{port}', dstPort, MAX_PORT],
    ['{srcPort}', srcPort, MAX_PORT],
  ] as const) {
    if (!Number.isInteger(v) || v < 0 || v > max) throw new FlowError(`${name} must be 0-${max}, got ${v}`);
  }
  const icmpType = isIcmp(pnum) ? (spec.icmpType ?? (pnum === PROTO.ICMP ? 8 : 128)) : 0;
  const icmpCode = isIcmp(pnum) ? (spec.icmpCode ?? 0) : 0;
  for (const [name, v] of [
    ['{icmpType}', icmpType],
    ['{icmpCode}', icmpCode],
  ] as const) {
    if (!Number.isInteger(v) || v < 0 || v > 255) throw new FlowError(`${name} must be 0-255, got ${v}`);
  }

  const family = chooseFamily(from, to, spec.ipv6 === true, pnum);
  if (pnum === PROTO.ICMP && family === 6) throw new FlowError('icmp is IPv4; use {protocol} icmpv6 for IPv6');
  if (pnum === PROTO.ICMPV6 && family === 4) throw new FlowError('icmpv6 is IPv6; use {protocol} icmp for IPv4');
  const srcIp = addressOf(t, from, family, 'from');
  let dstIp = addressOf(t, to, family, 'to');
  // From the internet an instance named by id is reached at its public IPv4 address (an address given explicitly is
  // taken as written: a private one is refused at the internet gateway).
  if (
    from.type === 'internet' &&
    to.type === 'interface' &&
    typeof dstIp === 'number' &&
    !to.viaPublic &&
    to.addr === undefined &&
    to.eni.publicIp !== undefined
  )
    dstIp = to.eni.publicIp;
  if (from.type === 'link-local') throw new FlowError(`${from.input} is a link-local service; trace from an instance to it instead`);
  // On-premises → an AWS service is a question with an answer (a gateway endpoint does not serve it), so it is allowed.
  if (from.type !== 'interface' && to.type !== 'interface' && !(from.type === 'on-premises' && to.type === 'service'))
    throw new FlowError(`one end must be inside the topology (an instance, interface, NAT gateway or endpoint): got ${from.type} → ${to.type}`);
  if (from.type === 'service')
    throw new FlowError(`${from.input} does not start connections into a VPC; trace from the instance to ${from.input} instead (the reply is checked too)`);
  if (from.type === 'interface' && to.type === 'interface' && from.eni === to.eni)
    throw new FlowError(`{from} and {to} are the same interface (${from.input}); traffic to its own address never leaves it`);
  if (from.type === 'interface' && (from.eni.owner.type === 'nat-gateway' || from.eni.owner.type === 'tgw-attachment')) {
    const what = from.eni.owner.type === 'nat-gateway' ? 'a NAT gateway' : 'a transit gateway attachment';
    throw new FlowError(`${from.input} is ${what}, which forwards traffic but does not start connections; trace from the instance behind it`);
  }
  return { from, to, protocol, pkt: { protocol: pnum, src: srcIp, dst: dstIp, srcPort, dstPort, icmpType, icmpCode } };
}

/** The flow's ends: `bound`, when given, is the destination already resolved (a load balancer node). */
function endpoints(t: Topology, spec: FlowSpec, bound?: Endpoint): { from: Endpoint; to: Endpoint } {
  try {
    const from = resolveEndpoint(t, spec.from);
    return { from, to: peerDns(from, bound ?? resolveEndpoint(t, spec.to)) };
  } catch (e) {
    if (e instanceof EndpointError) throw new FlowError(e.message, true);
    throw e;
  }
}

/**
 * https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html — "You cannot connect to or query the Amazon DNS
 * server in a peer VPC." Only the sender's own VPC answers at its base + 2 address; from elsewhere the address is routed
 * like any other, and nothing answers there.
 */
function peerDns(from: Endpoint, to: Endpoint): Endpoint {
  if (to.type !== 'link-local' || !to.dnsVpc) return to;
  if (from.type === 'interface' && from.eni.vpc === to.dnsVpc) return to;
  if (from.type !== 'interface') return to;
  return { type: 'address', vpc: to.dnsVpc, addr: to.addr, input: to.input };
}

function chooseFamily(from: Endpoint, to: Endpoint, preferV6: boolean, proto: number): 4 | 6 {
  for (const e of [from, to]) if ('addr' in e && e.addr !== undefined) return typeof e.addr === 'number' ? 4 : 6;
  // an interface in an IPv6-only subnet has no IPv4 address to send from or to
  for (const e of [from, to]) if (e.type === 'interface' && e.eni.privateIp === undefined) return 6;
  return preferV6 || proto === PROTO.ICMPV6 ? 6 : 4;
}

function addressOf(t: Topology, e: Endpoint, family: 4 | 6, side: string): Addr {
  if ('addr' in e && e.addr !== undefined) {
    if ((typeof e.addr === 'number') !== (family === 4)) throw new FlowError(`{from} and {to} are of different IP versions`);
    // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html — an instance sends from its private address; the IGW maps it to the public one
    if (side === 'from' && e.type === 'interface' && e.viaPublic && e.eni.privateIp !== undefined) return e.eni.privateIp;
    return e.addr;
  }
  switch (e.type) {
    case 'interface': {
      if (family === 4) {
        if (e.eni.privateIp === undefined)
          throw new FlowError(
            `{${side}} ${e.input} has no IPv4 address (subnet '${e.eni.subnet.id}' is IPv6-only); trace IPv6, e.g. {to} 64:ff9b::<IPv4> through NAT64`,
          );
        return e.eni.privateIp;
      }
      const v6 = e.eni.ipv6Addresses[0];
      if (v6 === undefined) throw new FlowError(`{${side}} ${e.input} has no IPv6 address`);
      return v6;
    }
    case 'internet':
      return internetAddress(t, family);
    default:
      return e.addr;
  }
}

function named(t: Topology, s: EndpointSummary): EndpointSummary {
  const name = nameOf(t, s.input);
  return name !== undefined && name !== s.input ? { ...s, name } : s;
}

function summary(e: Endpoint, ip: Addr, reached?: string): EndpointSummary {
  const kind = e.type === 'interface' ? 'interface' : e.type;
  const id = e.type === 'interface' ? (reached ?? e.input) : e.type === 'on-premises' ? e.conn.id : e.type === 'service' ? e.service : undefined;
  return { input: e.input, kind, ...(id ? { id } : {}), ip: formatAddr(ip) };
}

function start(w: Walk, from: Endpoint, to: Endpoint, pkt: Packet): void {
  switch (from.type) {
    case 'interface':
      // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — VPCE_INTRA_VPC_TRAFFIC: an endpoint does not initiate connections
      if (from.eni.owner.type === 'vpc-endpoint') {
        const endpoint = from.eni.owner.endpoint.id;
        w.rejectStep(
          endpoint,
          'vpc-endpoint',
          'egress',
          'DROP',
          'VPCE_INTRA_VPC_TRAFFIC',
          () => ({ type: 'vpc-endpoint', endpoint, action: 'no-initiate', from: from.input }),
          pkt,
        );
        return;
      }
      if (to.type === 'link-local') {
        linkLocal(w, to, pkt);
        return;
      }
      w.fromInterface(from.eni, pkt, 'vpc');
      return;
    case 'internet': {
      if (to.type !== 'interface') return;
      // From the internet, an instance is reached at its public address (IPv4) or its IPv6 address.
      if (typeof pkt.dst === 'number' && !to.viaPublic && pkt.dst !== to.eni.publicIp) {
        // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS
        const eni = to.eni;
        const igw = eni.vpc.internetGateway;
        w.rejectStep(
          igw?.id ?? eni.vpc.id,
          igw ? 'internet-gateway' : 'vpc',
          'ingress',
          'DROP',
          'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS',
          () => ({
            type: 'internet-gateway',
            action: 'private-address',
            ...(igw ? { gateway: igw.id } : {}),
            vpc: eni.vpc.id,
            target: to.input,
            owner: ownerId(eni),
            address: formatAddr(pkt.dst),
            ...(eni.publicIp !== undefined ? { publicIp: formatAddr(eni.publicIp) } : {}),
          }),
          pkt,
        );
        return;
      }
      w.step('internet', 'internet', '-', 'FORWARD', () => ({ type: 'internet', action: 'enter', address: formatAddr(pkt.src), reply: false }), pkt);
      w.fromInternet(to.eni, pkt);
      return;
    }
    case 'on-premises':
      w.fromOnPremises(from.conn, pkt);
      return;
    case 'service':
    case 'link-local':
    case 'address':
      return;
  }
}

/**
 * Link-local services answer on the instance's host: https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Security.html —
 * "security groups and network ACLs don't filter traffic to or from link-local addresses (169.254.0.0/16) or
 * AWS-reserved IPv4 addresses"; flow logs do not record it either.
 */
function linkLocal(w: Walk, to: Extract<Endpoint, { type: 'link-local' }>, pkt: Packet): void {
  if (!to.service) {
    w.rejectStep(
      'link-local',
      'link-local',
      '-',
      'DROP',
      'UNKNOWN_DESTINATION',
      () => ({ type: 'link-local', action: 'no-service', address: formatAddr(pkt.dst) }),
      pkt,
    );
    return;
  }
  const service = to.service;
  w.step('link-local', 'link-local', '-', 'DELIVER', () => ({ type: 'link-local', service, address: formatAddr(pkt.dst), reply: false }), pkt);
  w.accept({ type: 'link-local', service: to.service, packet: pkt });
}

/** The reply type of an ICMP query (echo 8→0, timestamp 13→14, information 15→16, address mask 17→18, ICMPv6 echo 128→129). */
export function replyIcmpType(protocol: number, type: number): number | undefined {
  const map: Record<number, number> = protocol === PROTO.ICMP ? { 8: 0, 13: 14, 15: 16, 17: 18 } : { 128: 129 };
  return map[type];
}

function reply(p: Packet): Packet {
  const icmpType = isIcmp(p.protocol) ? (replyIcmpType(p.protocol, p.icmpType) ?? p.icmpType) : p.icmpType;
  return { protocol: p.protocol, src: p.dst, dst: p.src, srcPort: p.dstPort, dstPort: p.srcPort, icmpType, icmpCode: p.icmpCode };
}

function startReply(w: Walk, exit: Exit): void {
  const p = reply(exit.packet);
  switch (exit.type) {
    case 'delivered':
      w.fromInterface(exit.eni, p, 'vpc');
      return;
    case 'internet': {
      w.step('internet', 'internet', '-', 'FORWARD', () => ({ type: 'internet', action: 'enter', address: formatAddr(p.src), reply: true }), p);
      const target = typeof p.dst === 'number' ? w.t.interfaceByPublicIp.get(p.dst) : w.ix.ipv6Owner.get(p.dst);
      if (!target) {
        w.rejectStep(
          'internet',
          'internet',
          '-',
          'DROP',
          'UNKNOWN_DESTINATION',
          () => ({ type: 'internet', action: 'no-owner', address: formatAddr(p.dst) }),
          p,
        );
        return;
      }
      w.fromInternet(target, p);
      return;
    }
    case 'on-premises-vgw':
      w.fromOnPremises(exit.conn, p);
      return;
    case 'on-premises-dx':
      w.fromOnPremises(exit.vif, p);
      return;
    case 'on-premises-tgw':
      intoTgwFromOnPremises(w, exit.attachment, p);
      return;
    case 'peer-tgw':
      w.step(exit.attachment.id, 'tgw-attachment', 'ingress', 'FORWARD', () => replyIntoTgw(exit.attachment), p);
      w.tgwRoute(exit.attachment, p, undefined);
      return;
    case 'service':
      w.fromGatewayEndpoint(exit.endpoint, p);
      return;
    case 'link-local':
      w.step('link-local', 'link-local', '-', 'DELIVER', () => ({ type: 'link-local', service: exit.service, reply: true }), p);
      w.accept({ type: 'link-local', service: exit.service, packet: p });
      return;
  }
}
