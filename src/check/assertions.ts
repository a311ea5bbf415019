// Reachability assertions: each one is run through the tracer, expanded over subnet:/sg: members and over
// port ranges. A port range is not looped port by port: network ACL and security group rules decide on
// the destination port only through membership in their `ports` ranges, so every port between two
// consecutive range boundaries gets the same decisions. We cut the asserted range at every boundary of
// every port range written in the topology's NACL and SG rules (and the range's own ends), and trace one
// representative port per class: a full 0-65535 assertion costs one trace per class and member.
import type { BoundMembers, NetworkInterface, PortRange, Topology } from '../bind/model.js';
import { boundMembers } from '../bind/assertions.js';
import { primaryAddress } from '../bind/model.js';
import { DEFAULT_SRC_PORT, parsePorts, parseProtocol, PROTO } from '../net/protocol.js';
import { formatAddr, formatIpv6, parseIp } from '../net/ip.js';
import type { SourceFile } from '../load/source.js';
import type { TopologyData } from '../load/topology-data.js';
import { trace as realTrace, FlowError, type FlowSpec } from '../trace/trace.js';
import { FLOW_FLAGS, type FlowFieldNames } from '../trace/flow-error.js';
import type { TraceResult } from '../trace/types.js';
import type { AssertionResult } from './types.js';
import { reach, ReachInputError } from '../reach/reach.js';
import type { ReachRow } from '../reach/types.js';

export type TraceFn = (t: Topology, spec: FlowSpec) => TraceResult;

/** One assertion as the topology format writes it: the `assertions` item of the type written from the schema. */
export type RawAssertion = NonNullable<TopologyData['assertions']>[number];

export interface PlacedAssertion {
  raw: RawAssertion;
  file: string;
  line: number;
  col: number;
  /** the `subnet:ID` / `sg:ID` sides as the binder resolved them (the topology's own assertions) */
  from?: BoundMembers;
  to?: BoundMembers;
}

// Every key of an assertion, in the order messages list them; the type makes the list the schema's keys, no more, no less.
const ASSERTION_KEY_SET: { readonly [K in keyof Required<RawAssertion>]: true } = {
  name: true,
  from: true,
  to: true,
  protocol: true,
  port: true,
  ports: true,
  srcPort: true,
  icmpType: true,
  icmpCode: true,
  expect: true,
  via: true,
  notVia: true,
  blockedBy: true,
};
const ASSERTION_KEYS = Object.keys(ASSERTION_KEY_SET);

/** One mistake in an assertion: the field (undefined for the assertion as a whole) and what is wrong with it. */
export interface AssertionProblem {
  field?: string;
  message: string;
}

const show = (v: unknown): string =>
  typeof v === 'string' ? `'${v}'` : v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : String(v);

/**
 * What is wrong with an assertion as written, before anything is traced: the fields the tracer would refuse
 * (ports, protocol, ICMP numbers), the required ones, unknown keys. Empty when it can run.
 */
export function assertionProblems(raw: unknown): AssertionProblem[] {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return [{ message: `must be a mapping with from, to and expect, got ${show(raw)}` }];
  const a = raw as Record<string, unknown>;
  const out: AssertionProblem[] = [];
  const intIn = (field: string, max: number) => {
    const v = a[field];
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max))
      out.push({ field, message: `${field} must be a whole number from 0 to ${max}, got ${show(v)}` });
  };
  for (const k of Object.keys(a))
    if (!ASSERTION_KEYS.includes(k)) out.push({ field: k, message: `unknown key '${k}' (expected ${ASSERTION_KEYS.join(', ')})` });
  for (const field of ['from', 'to']) {
    const v = a[field];
    if (v === undefined) out.push({ message: `is missing required key '${field}'` });
    else if (typeof v !== 'string' || v.trim() === '')
      out.push({
        field,
        message: `${field} must be an endpoint (an instance or interface id, an IP address, internet, s3, dynamodb, subnet:ID or sg:ID), got ${show(v)}`,
      });
  }
  if (a.expect === undefined) out.push({ message: "is missing required key 'expect' (accept or reject)" });
  else if (a.expect !== 'accept' && a.expect !== 'reject') out.push({ field: 'expect', message: `expect must be accept or reject, got ${show(a.expect)}` });
  if (a.name !== undefined && typeof a.name !== 'string') out.push({ field: 'name', message: `name must be text, got ${show(a.name)}` });
  if (a.protocol !== undefined) {
    const p = parseProtocol(a.protocol);
    if (!p.ok) out.push({ field: 'protocol', message: p.error });
  }
  intIn('port', 65535);
  intIn('srcPort', 65535);
  intIn('icmpType', 255);
  intIn('icmpCode', 255);
  if (a.ports !== undefined) {
    const p = parsePorts(a.ports);
    if (!p.ok) out.push({ field: 'ports', message: p.error });
  }
  if (a.port !== undefined && a.ports !== undefined) out.push({ field: 'ports', message: 'give port or ports, not both' });
  for (const field of ['via', 'notVia']) {
    const v = a[field];
    if (v !== undefined && (!Array.isArray(v) || v.some((x) => typeof x !== 'string')))
      out.push({ field, message: `${field} must be a list of component ids, got ${show(v)}` });
  }
  if (a.blockedBy !== undefined && typeof a.blockedBy !== 'string')
    out.push({ field: 'blockedBy', message: `blockedBy must be a component id, got ${show(a.blockedBy)}` });
  return out;
}

/** An assertion's problems placed in its file: `file:line:col: assertion 'name' (#n): message`. */
export function placedProblems(
  list: unknown,
  source: SourceFile,
  base: (string | number)[],
): { path: (string | number)[]; line: number; col: number; text: string }[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((raw, i) =>
    assertionProblems(raw).map((p) => {
      const path = p.field ? [...base, i, p.field] : [...base, i];
      // an unknown key is placed at the key, any other mistake at the value (or the assertion when the key is missing)
      const pos = source.position(path, p.field !== undefined && !ASSERTION_KEYS.includes(p.field));
      const name =
        raw && typeof raw === 'object' && typeof (raw as RawAssertion).name === 'string' ? `'${(raw as RawAssertion).name}' (#${i + 1})` : `#${i + 1}`;
      return { path, line: pos.line, col: pos.col, text: `assertion ${name}: ${p.message}` };
    }),
  );
}

/** The assertions written in a topology file (top-level `assertions:`), with their positions. */
export function assertionsOf(t: Topology): PlacedAssertion[] {
  return t.boundAssertions.map((a) => ({ raw: a.raw as RawAssertion, file: t.source.file, line: a.line, col: a.col, from: a.from, to: a.to }));
}

export function placed(list: unknown, source: SourceFile, base: (string | number)[]): PlacedAssertion[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((raw, i) => {
    if (!raw || typeof raw !== 'object') return [];
    const pos = source.position([...base, i]);
    return [{ raw: raw as RawAssertion, file: source.file, line: pos.line, col: pos.col }];
  });
}

/** Interfaces a `subnet:ID` / `sg:ID` endpoint stands for: as bound when given, else resolved now (assertions from another file). */
export function members(t: Topology, text: string, bound?: BoundMembers): NetworkInterface[] | undefined {
  const m = bound ?? boundMembers(t.byId, text);
  if (m && 'error' in m) throw new FlowError(m.error, true);
  return m?.interfaces;
}

/** How to name an interface to the tracer: its id when that resolves to it, else its private address. */
function endpointName(t: Topology, eni: NetworkInterface): string {
  const r = t.byId.get(eni.id);
  if (r && ((r.kind === 'instance' && r.primary === eni) || r === eni || (r.kind === 'nat-gateway' && r.eni === eni))) return eni.id;
  return formatAddr(primaryAddress(eni));
}

/** Is this endpoint outside every VPC (the internet or an outside address)? */
function isOutside(t: Topology, text: string): boolean {
  const s = text.trim().toLowerCase();
  if (s === 'internet') return true;
  const ip = parseIp(text.trim());
  if (!ip.ok) return false;
  return !t.interfaceByIp.has(ip.value) && (typeof ip.value !== 'number' || !t.interfaceByPublicIp.has(ip.value));
}

/** Endpoints one side expands to. From outside, an interface is reached at its public IPv4 and IPv6 addresses. */
export function expand(t: Topology, text: string, other: string, bound?: BoundMembers): string[] {
  const m = members(t, text, bound);
  if (!m) return [text];
  const outside = isOutside(t, other);
  const out: string[] = [];
  for (const eni of m) {
    if (outside) {
      if (eni.publicIp !== undefined) out.push(formatAddr(eni.publicIp));
      for (const a of eni.ipv6Addresses) out.push(formatIpv6(a));
      if (eni.publicIp === undefined && eni.ipv6Addresses.length === 0) out.push(endpointName(t, eni));
    } else out.push(endpointName(t, eni));
  }
  return out;
}

/** Representative destination ports: the start of each equivalence class of `range` under the topology's rules. */
export function portClasses(t: Topology, range: PortRange, protocol: number): number[] {
  const cuts = new Set<number>([range.from]);
  const add = (r: { protocol: number; ports?: PortRange }) => {
    if (r.protocol !== protocol && r.protocol !== PROTO.ALL) return;
    if (!r.ports) return;
    for (const b of [r.ports.from, r.ports.to + 1]) if (b > range.from && b <= range.to) cuts.add(b);
  };
  for (const acl of t.networkAcls) for (const r of [...acl.inbound, ...acl.outbound]) add(r);
  for (const sg of t.securityGroups) for (const r of [...sg.inbound, ...sg.outbound]) add(r);
  return [...cuts].sort((a, b) => a - b);
}

function components(r: TraceResult): Set<string> {
  const s = new Set<string>();
  for (const h of r.forward.hops) s.add(h.component);
  if (r.return) for (const h of r.return.hops) s.add(h.component);
  return s;
}

/** Why one trace breaks the assertion, or undefined when it holds. */
function judge(a: RawAssertion, r: TraceResult): string | undefined {
  const want = a.expect === 'reject' ? 'REJECT' : 'ACCEPT';
  if (r.verdict !== want) return `expected ${want}, got ${r.verdict}${r.blockedBy ? ` (blocked by ${r.blockedBy}, ${r.reason})` : ''}`;
  const comps = components(r);
  for (const v of a.via ?? []) if (!comps.has(v)) return `the path does not pass ${v}`;
  for (const v of a.notVia ?? []) if (comps.has(v)) return `the path passes ${v}`;
  if (a.blockedBy !== undefined && r.blockedBy !== a.blockedBy)
    return `expected the flow to be blocked by ${a.blockedBy}, but it was blocked by ${r.blockedBy ?? 'nothing'}`;
  return undefined;
}

function label(a: RawAssertion): string {
  return a.name ?? `${a.from} -> ${a.to} ${a.protocol ?? 'tcp'}${a.port !== undefined ? `/${a.port}` : a.ports !== undefined ? `/${a.ports}` : ''} ${a.expect}`;
}

/**
 * `expect: reject` over TCP/UDP ports: the representatives above hold, now prove it for every source address and
 * every source port with the reach engine (docs/reach.md). A row means some flow gets through: trace one concrete
 * flow of it, the counterexample, and fail with that trace. Undefined when the proof holds or does not apply.
 */
function proveReject(t: Topology, a: RawAssertion, traceFn: TraceFn): { failure: string; trace: TraceResult } | undefined {
  if (a.expect !== 'reject' || a.via || a.notVia || a.blockedBy !== undefined) return undefined;
  const protocol = String(a.protocol ?? 'tcp').toLowerCase();
  if (!['tcp', 'udp', '6', '17', 'all', '-1'].includes(protocol)) return undefined;
  const ports = a.ports !== undefined ? String(a.ports) : a.port !== undefined ? String(a.port) : '0-65535';
  let rows: ReachRow[];
  try {
    rows = reach(t, {
      from: a.from,
      to: a.to,
      protocol,
      ports: ports.replace(/\s+/g, ''),
      srcPorts: a.srcPort !== undefined ? String(a.srcPort) : '0-65535',
    }).rows;
  } catch (e) {
    if (e instanceof ReachInputError) return undefined; // an endpoint the engine does not take (s3, dynamodb): the traces above decide
    throw e;
  }
  const row = rows[0];
  if (!row) return undefined;
  const end = (e: ReachRow['source']) => (e.kind === 'interface' ? e.addresses[0]! : e.cidrs[0]!.replace(/\/\d+$/, ''));
  const from = end(row.source);
  const to = end(row.destination);
  const proto = row.protocol === 'all' || row.protocol === 'other' ? 'tcp' : row.protocol;
  const port = row.ports?.[0]?.[0] ?? 443;
  const srcPort = row.srcPorts ? row.srcPorts[0]![0] : DEFAULT_SRC_PORT;
  const r = traceFn(t, { from, to, protocol: proto, port, srcPort, flowLogs: false });
  const more = rows.length > 1 ? ` (one of ${rows.length} classes of flows that get through; vpcsim reach lists them all)` : '';
  return {
    failure: `expected REJECT, got ${r.verdict} for ${from} -> ${to} ${proto}/${port} from source port ${srcPort}, found by proving the assertion over every source address and port${more}`,
    trace: r,
  };
}

/** An assertion names a flow's fields by its keys (`port`); time, via and health checks are not keys, so they keep their flags. */
const ASSERTION_FIELDS: FlowFieldNames = {
  ...FLOW_FLAGS,
  from: 'from',
  to: 'to',
  port: 'port',
  srcPort: 'srcPort',
  icmpType: 'icmpType',
  icmpCode: 'icmpCode',
  protocol: 'protocol',
};

export function runAssertion(t: Topology, p: PlacedAssertion, traceFn: TraceFn = realTrace): AssertionResult {
  const a = p.raw;
  const base = { file: p.file, line: p.line, col: p.col, name: label(a) };
  let traces = 0;
  try {
    if (typeof a.from !== 'string' || typeof a.to !== 'string') throw new FlowError('an assertion needs from and to');
    if (a.expect !== 'accept' && a.expect !== 'reject') throw new FlowError(`expect must be accept or reject`);
    const proto = parseProtocol(a.protocol ?? 'tcp');
    if (!proto.ok) throw new FlowError(proto.error, true);
    const pnum = proto.value === PROTO.ALL ? PROTO.TCP : proto.value;
    let ports: (number | undefined)[] = [a.port];
    if (a.ports !== undefined && a.port === undefined && (pnum === PROTO.TCP || pnum === PROTO.UDP)) {
      const pr = parsePorts(a.ports);
      if (!pr.ok) throw new FlowError(pr.error, true);
      ports = portClasses(t, pr.value ?? { from: 0, to: 65535 }, pnum);
    }
    const froms = expand(t, a.from, a.to, p.from);
    const tos = expand(t, a.to, a.from, p.to);
    if (froms.length === 0 || tos.length === 0) throw new FlowError(`${froms.length === 0 ? a.from : a.to} has no interfaces`, true);
    for (const from of froms)
      for (const to of tos)
        for (const port of ports) {
          if (from === to) continue;
          traces++;
          const via = a.via?.find((v) => t.byId.get(v)?.kind === 'load-balancer');
          const r = traceFn(t, {
            from,
            to,
            protocol: a.protocol ?? 'tcp',
            port,
            srcPort: a.srcPort,
            icmpType: a.icmpType,
            icmpCode: a.icmpCode,
            flowLogs: false,
            ...(via ? { via } : {}),
          });
          const why = judge(a, r);
          if (why) {
            const which = froms.length > 1 || tos.length > 1 || ports.length > 1 ? ` for ${from} -> ${to}${port !== undefined ? ` port ${port}` : ''}` : '';
            return { ...base, passed: false, traces, failure: `${why}${which}`, trace: r };
          }
        }
    const counter = proveReject(t, a, traceFn);
    if (counter) return { ...base, passed: false, traces: traces + 1, ...counter };
    return { ...base, passed: true, traces };
  } catch (e) {
    if (e instanceof FlowError) return { ...base, passed: false, traces, failure: `cannot run the assertion: ${e.describe(ASSERTION_FIELDS)}` };
    throw e;
  }
}
