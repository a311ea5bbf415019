// VPC flow-log records for the interfaces a traced packet crossed: a rendering of the trace's interface events
// (TraceResult.events), in the default format or a custom one, with the account, region and start time of the records.
// https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html — fields, versions and the default format;
// srcaddr/dstaddr are the interface's own address on its side, pkt-srcaddr/pkt-dstaddr the packet's.
import type { Topology } from '../bind/model.js';
import { contains, formatAddr, type Addr } from '../net/ip.js';
import { PROTO } from '../bind/rules.js';
import type { InterfaceEvent, TraceResult } from '../trace/types.js';

/** 2026-01-01T00:00:00Z: a fixed start so records are reproducible unless --time is given. */
export const DEFAULT_START = 1767225600;
/** The default aggregation interval is 10 minutes; records span one interval. */
const INTERVAL = 600;

export const DEFAULT_FORMAT = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';

const FIELD_VERSION: Record<string, number> = {
  version: 2,
  'account-id': 2,
  'interface-id': 2,
  srcaddr: 2,
  dstaddr: 2,
  srcport: 2,
  dstport: 2,
  protocol: 2,
  packets: 2,
  bytes: 2,
  start: 2,
  end: 2,
  action: 2,
  'log-status': 2,
  'vpc-id': 3,
  'subnet-id': 3,
  'instance-id': 3,
  'tcp-flags': 3,
  type: 3,
  'pkt-srcaddr': 3,
  'pkt-dstaddr': 3,
  region: 4,
  'az-id': 4,
  'sublocation-type': 4,
  'sublocation-id': 4,
  'pkt-src-aws-service': 5,
  'pkt-dst-aws-service': 5,
  'flow-direction': 5,
  'traffic-path': 5,
};

export class FlowLogFormatError extends Error {}

/** The AWS service whose published ranges hold `a` (flow-log v5 pkt-src/dst-aws-service), for the services vpcsim ships. */
function awsService(t: Topology, a: Addr): string {
  for (const service of ['s3', 'dynamodb']) {
    const own = t.prefixLists.find((pl) => pl.service === service);
    const cidrs = own?.cidrs.length ? own.cidrs : (t.serviceRanges.get(service) ?? []);
    if (cidrs.some((c) => contains(c, a))) return service.toUpperCase();
  }
  return '-';
}

/** Parses `${a} ${b}` (the AWS syntax) or `a b`; unknown fields are an error naming the known ones. */
const parsedFormats = new Map<string, string[]>();

export function parseFlowLogFormat(format: string): string[] {
  const hit = parsedFormats.get(format);
  if (hit) return hit;
  const fields = format
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((f) => f.replace(/^\$\{(.*)\}$/, '$1'));
  if (fields.length === 0) throw new FlowLogFormatError('empty flow-log format');
  for (const f of fields) {
    if (!(f in FIELD_VERSION)) throw new FlowLogFormatError(`unknown flow-log field '${f}'; known fields: ${Object.keys(FIELD_VERSION).join(' ')}`);
  }
  if (parsedFormats.size < 64) parsedFormats.set(format, fields);
  return fields;
}

function ifaceAddr(ev: InterfaceEvent, side: Addr): Addr {
  const eni = ev.eni;
  if (typeof side === 'number') {
    if (side === eni.privateIp || eni.secondaryPrivateIps.includes(side)) return side;
    return eni.privateIp ?? side;
  }
  if (eni.ipv6Addresses.includes(side)) return side;
  return eni.ipv6Addresses[0] ?? side;
}

export function flowLogRecords(t: Topology, events: InterfaceEvent[], opts: { format?: string; start: number }): string[] {
  const fields = parseFlowLogFormat(opts.format ?? DEFAULT_FORMAT);
  const custom = opts.format !== undefined;
  const version = custom ? Math.max(...fields.map((f) => FIELD_VERSION[f]!)) : 2;
  return events.map((ev) => {
    const p = ev.packet;
    const ingress = ev.flowDirection === 'ingress';
    const srcaddr = ingress ? p.src : ifaceAddr(ev, p.src);
    const dstaddr = ingress ? ifaceAddr(ev, p.dst) : p.dst;
    const isTcp = p.protocol === PROTO.TCP;
    const bytes = (p.protocol === PROTO.TCP ? 60 : p.protocol === PROTO.UDP ? 64 : 84) + (typeof p.src === 'bigint' ? 20 : 0);
    const start = opts.start;
    const owner = ev.eni.owner;
    const value = (f: string): string => {
      switch (f) {
        case 'version':
          return String(version);
        case 'account-id':
          return t.account;
        case 'interface-id':
          return ev.eni.id;
        case 'srcaddr':
          return formatAddr(srcaddr);
        case 'dstaddr':
          return formatAddr(dstaddr);
        case 'srcport':
          return String(p.srcPort);
        case 'dstport':
          return String(p.dstPort);
        case 'protocol':
          return String(p.protocol);
        case 'packets':
          return '1';
        case 'bytes':
          return String(bytes);
        case 'start':
          return String(start);
        case 'end':
          return String(start + INTERVAL);
        case 'action':
          return ev.action;
        case 'log-status':
          return 'OK';
        case 'vpc-id':
          return ev.eni.vpc.id;
        case 'subnet-id':
          return ev.eni.subnet.id;
        case 'instance-id':
          // "Returns a '-' symbol for a requester-managed network interface; for example, the network interface for a NAT gateway."
          return owner.type === 'instance' ? owner.instance.id : '-';
        case 'tcp-flags':
          // SYN on the request, SYN-ACK (18) on the reply.
          return isTcp ? (ev.direction === 'forward' ? '2' : '18') : '0';
        case 'type':
          return typeof p.src === 'number' ? 'IPv4' : 'IPv6';
        case 'pkt-srcaddr':
          return formatAddr(p.src);
        case 'pkt-dstaddr':
          return formatAddr(p.dst);
        case 'region':
          return ev.eni.vpc.region ?? t.region;
        case 'az-id':
          return ev.eni.subnet.azId ?? '-';
        case 'pkt-src-aws-service':
          return awsService(t, p.src);
        case 'pkt-dst-aws-service':
          return awsService(t, p.dst);
        case 'flow-direction':
          return ev.flowDirection;
        case 'traffic-path':
          return !ingress && ev.trafficPath ? String(ev.trafficPath) : '-';
        default:
          return '-';
      }
    };
    return fields.map(value).join(' ');
  });
}

/** How the records are written: a custom format (AWS syntax `${field} ${field}`, or plain names) and the start time. */
export interface FlowLogOptions {
  /** flow-log custom format; absent: the default (version 2) format */
  format?: string;
  /** the records' start time, unix seconds; absent: 2026-01-01T00:00:00Z */
  time?: number;
}

/**
 * The trace with its `flowLogs` written from its interface events. trace() records the events and leaves `flowLogs`
 * empty; throws FlowLogFormatError for an unknown field or a bad time.
 */
export function withFlowLogs(t: Topology, r: TraceResult, opts: FlowLogOptions = {}): TraceResult {
  if (opts.time !== undefined && (!Number.isInteger(opts.time) || opts.time < 0))
    throw new FlowLogFormatError(`time must be a unix time in seconds (0 or more), got ${opts.time}`);
  return { ...r, flowLogs: flowLogRecords(t, r.events, { format: opts.format, start: opts.time ?? DEFAULT_START }) };
}
