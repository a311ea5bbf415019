// trace(): resolve the endpoints, walk the packet forward, then walk its reply back, and collect the
// flow-log records of every interface both packets crossed.
import type { Topology } from '../bind/model.js';
import { type Addr, formatAddr, parseIp } from '../net/ip.js';
import { parseProtocol, protocolName, PROTO, isIcmp } from '../bind/rules.js';
import { type Endpoint, EndpointError, internetAddress, resolveEndpoint } from './endpoints.js';
import { Walk, newConnTrack, type Exit } from './engine.js';
import type { EndpointSummary, Packet, TraceResult } from './types.js';
import { flowLogRecords, DEFAULT_START } from './flowlogs.js';

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
  /** flow-log custom format (AWS syntax: `${field} ${field}` or plain field names) */
  flowLogFormat?: string;
  /** flow-log start time, unix seconds */
  time?: number;
  /** resolve rule positions for display (default true; batch turns it off) */
  explain?: boolean;
  /** render flow-log records (default true; batch turns it off) */
  flowLogs?: boolean;
}

export class FlowError extends Error {}

/** The protocol number a `--protocol all` packet carries. */
export const ALL_PROBE = 253;

/** Linux's default ephemeral range is 32768-60999 (AWS quotes 32768-61000); a fixed member keeps runs reproducible. */
export const DEFAULT_SRC_PORT = 49152;

export function trace(t: Topology, spec: FlowSpec): TraceResult {
  let from: Endpoint;
  let to: Endpoint;
  try {
    from = resolveEndpoint(t, spec.from);
    to = resolveEndpoint(t, spec.to);
  } catch (e) {
    if (e instanceof EndpointError) throw new FlowError(e.message);
    throw e;
  }
  const proto = parseProtocol(spec.protocol ?? 'tcp');
  if (!proto.ok) throw new FlowError(proto.error);
  const protocol = proto.value;
  // `all` asks whether every protocol passes: the packet carries protocol 253 (RFC 3692, for experiments), which only
  // rules for all protocols admit, so ACCEPT means no filter on the path restricts the protocol.
  const pnum = protocol === -1 ? ALL_PROBE : protocol;
  const hasPort = pnum === PROTO.TCP || pnum === PROTO.UDP;
  const dstPort = hasPort ? (spec.port ?? 443) : 0;
  const srcPort = hasPort ? (spec.srcPort ?? DEFAULT_SRC_PORT) : 0;
  for (const [name, v, max] of [['--port', dstPort, 65535], ['--src-port', srcPort, 65535]] as const) {
    if (!Number.isInteger(v) || v < 0 || v > max) throw new FlowError(`${name} must be 0-${max}, got ${v}`);
  }
  const icmpType = isIcmp(pnum) ? (spec.icmpType ?? (pnum === PROTO.ICMP ? 8 : 128)) : 0;
  const icmpCode = isIcmp(pnum) ? (spec.icmpCode ?? 0) : 0;

  const family = chooseFamily(from, to, spec.ipv6 === true, pnum);
  if (pnum === PROTO.ICMP && family === 6) throw new FlowError('icmp is IPv4; use --protocol icmpv6 for IPv6');
  if (pnum === PROTO.ICMPV6 && family === 4) throw new FlowError('icmpv6 is IPv6; use --protocol icmp for IPv4');
  const srcIp = addressOf(t, from, family, 'from');
  const dstIp = addressOf(t, to, family, 'to');
  if (from.type !== 'interface' && to.type !== 'interface') throw new FlowError(`one end must be inside the topology (an instance, interface, NAT gateway or endpoint): got ${from.type} → ${to.type}`);
  if (from.type === 'service') throw new FlowError(`${from.input} does not start connections into a VPC; trace from the instance to ${from.input} instead (the reply is checked too)`);

  const pkt: Packet = { protocol: pnum, src: srcIp, dst: dstIp, srcPort, dstPort, icmpType, icmpCode };
  const ct = newConnTrack();
  const opts = { explain: spec.explain !== false, events: spec.flowLogs !== false };
  const fwd = new Walk(t, 'forward', ct, opts);
  start(fwd, from, to, pkt);
  let ret: Walk | null = null;
  if (spec.return !== false && fwd.verdict === 'ACCEPT' && fwd.exit) {
    ret = new Walk(t, 'return', ct, opts);
    startReply(ret, fwd.exit);
  }
  const verdict = fwd.verdict === 'ACCEPT' && (!ret || ret.verdict === 'ACCEPT') ? 'ACCEPT' : 'REJECT';
  const blocker = fwd.verdict !== 'ACCEPT' ? fwd : ret && ret.verdict !== 'ACCEPT' ? ret : undefined;
  const events = [...fwd.events, ...(ret?.events ?? [])];
  const blockedHop = blocker && blocker.blockedAt !== undefined ? blocker.hops[blocker.blockedAt] : undefined;
  return {
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
    from: summary(from, srcIp),
    to: summary(to, dstIp),
    forward: fwd.result(),
    return: ret ? ret.result() : null,
    blockedBy: blocker?.blockedBy ?? null,
    reason: blocker?.reason ?? null,
    explanation: !blockedHop ? null : blockedHop.detail ? `${blocker === ret ? 'The reply is blocked: ' : ''}${blockedHop.detail}.${blockedHop.fix ? ` To let it pass: ${blockedHop.fix}.` : ''}` : `${blocker === ret ? 'The reply is' : 'Blocked'} by ${blockedHop.component} (${blockedHop.reason}).`,
    flowLogs: spec.flowLogs === false ? [] : flowLogRecords(t, events, { format: spec.flowLogFormat, start: spec.time ?? DEFAULT_START }),
    events,
  };
}

function chooseFamily(from: Endpoint, to: Endpoint, preferV6: boolean, proto: number): 4 | 6 {
  for (const e of [from, to]) if ('addr' in e && e.addr !== undefined) return typeof e.addr === 'number' ? 4 : 6;
  return preferV6 || proto === PROTO.ICMPV6 ? 6 : 4;
}

function addressOf(t: Topology, e: Endpoint, family: 4 | 6, side: string): Addr {
  if ('addr' in e && e.addr !== undefined) {
    if ((typeof e.addr === 'number') !== (family === 4)) throw new FlowError(`--from and --to are of different IP versions`);
    // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html — an instance sends from its private address; the IGW maps it to the public one
    if (side === 'from' && e.type === 'interface' && e.viaPublic) return e.eni.privateIp;
    return e.addr;
  }
  switch (e.type) {
    case 'interface': {
      if (family === 4) return e.eni.privateIp;
      const v6 = e.eni.ipv6Addresses[0];
      if (v6 === undefined) throw new FlowError(`--${side} ${e.input} has no IPv6 address`);
      return v6;
    }
    case 'internet':
      return internetAddress(t, family);
    default:
      return e.addr;
  }
}

function summary(e: Endpoint, ip: Addr): EndpointSummary {
  const kind = e.type === 'interface' ? 'interface' : e.type;
  const id = e.type === 'interface' ? e.input : e.type === 'on-premises' ? e.conn.id : e.type === 'service' ? e.service : undefined;
  return { input: e.input, kind, ...(id ? { id } : {}), ip: formatAddr(ip) };
}

function start(w: Walk, from: Endpoint, to: Endpoint, pkt: Packet): void {
  switch (from.type) {
    case 'interface':
      w.fromInterface(from.eni, pkt, 'vpc');
      return;
    case 'internet': {
      if (to.type !== 'interface') return;
      // From the internet, an instance is reached at its public address (IPv4) or its IPv6 address.
      if (typeof pkt.dst === 'number' && !to.viaPublic) {
        const eni = to.eni;
        if (eni.publicIp === undefined) {
          const igw = eni.vpc.internetGateway;
          w.reject(igw?.id ?? eni.vpc.id, igw ? 'internet-gateway' : 'vpc', 'ingress', 'DROP', 'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS', `${to.input} has no public IP, so the internet cannot address it (${formatAddr(pkt.dst)} is private)`, pkt, {
            fix: `give ${to.input} a public IP or Elastic IP in a subnet that routes to an internet gateway, if it should be reachable`,
          });
          return;
        }
        pkt.dst = eni.publicIp;
      }
      w.hop('internet', 'internet', '-', 'FORWARD', `from the internet (${formatAddr(pkt.src)})`, pkt);
      w.fromInternet(to.eni, pkt);
      return;
    }
    case 'on-premises':
      w.fromOnPremises(from.conn, pkt);
      return;
    case 'service':
      return;
  }
}

function reply(p: Packet): Packet {
  let icmpType = p.icmpType;
  // An echo request's reply is an echo reply (ICMP 8 → 0, ICMPv6 128 → 129).
  if (p.protocol === PROTO.ICMP && p.icmpType === 8) icmpType = 0;
  if (p.protocol === PROTO.ICMPV6 && p.icmpType === 128) icmpType = 129;
  return { protocol: p.protocol, src: p.dst, dst: p.src, srcPort: p.dstPort, dstPort: p.srcPort, icmpType, icmpCode: p.icmpCode };
}

function startReply(w: Walk, exit: Exit): void {
  const p = reply(exit.packet);
  switch (exit.type) {
    case 'delivered':
      w.fromInterface(exit.eni, p, 'vpc');
      return;
    case 'internet': {
      w.hop('internet', 'internet', '-', 'FORWARD', `reply from the internet (${formatAddr(p.src)})`, p);
      const target = typeof p.dst === 'number' ? w.t.interfaceByPublicIp.get(p.dst) : w.ix.ipv6Owner.get(p.dst);
      if (!target) {
        w.reject('internet', 'internet', '-', 'DROP', 'UNKNOWN_DESTINATION', `no interface owns ${formatAddr(p.dst)}`, p);
        return;
      }
      w.fromInternet(target, p);
      return;
    }
    case 'on-premises-vgw':
      w.fromOnPremises(exit.conn, p);
      return;
    case 'on-premises-tgw':
    case 'peer-tgw':
      w.hop(exit.attachment.id, 'tgw-attachment', 'ingress', 'FORWARD', `reply into ${exit.attachment.transitGateway.id}`, p);
      w.tgwRoute(exit.attachment, p, undefined);
      return;
    case 'service':
      w.fromGatewayEndpoint(exit.endpoint, p);
      return;
  }
}

export function parseAddrOrThrow(text: string): Addr {
  const r = parseIp(text);
  if (!r.ok) throw new FlowError(r.error);
  return r.value;
}
