// Verdict-only tracing of many flows against one topology: each distinct endpoint text and protocol is resolved once
// to a compiled interface id or protocol number, and a flow between two plain interfaces goes straight to
// compiledVerdict (no flow spec, packet, hop record or result object), and so does a flow from a plain interface to
// an internet address (an IPv4 address outside the topology, or the word `internet`). Flows it cannot take (other
// addresses, IPv6, ICMP, load balancers, a path leaving the compiled shapes) go to traceVerdict, which walks them.
import type { Topology } from '../bind/model.js';
import { PROTO, parseProtocol } from '../bind/rules.js';
import { EndpointError, internetAddress, resolveEndpoint } from './endpoints.js';
import { ACCEPT, ARGS, BAIL, compiledVerdict, INTERNET, lastBlockedBy, lastReason } from './compiled-walk.js';

export { ARGS } from './compiled-walk.js';
import { type CompiledTopology, compiledTopology } from './compiled-topology.js';
import { DEFAULT_SRC_PORT, type FlowSpec, traceVerdict } from './trace.js';

export interface BatchVerdict {
  verdict: 'ACCEPT' | 'REJECT';
  blockedBy: string | null;
  reason: string | null;
  dstPort: number;
}

export const NOT_PLAIN = -1;
/** an endpoint id below this stands for the internet address INTERNET_END - id */
const INTERNET_END = -2;

function isPort(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 65535;
}

/**
 * The ARGS compiled arguments of a flow into `out` at `at`, from its endpoint ids (VerdictBatch.endpointId),
 * protocol number (protocolNumber) and ports; false when the compiled walk does not take the flow.
 */
export function argsOf(from: number, to: number, protocol: number, dstPort: number, srcPort: number, out: Int32Array, at: number): boolean {
  if (from < 0 || to === NOT_PLAIN || from === to || protocol <= 0 || !isPort(dstPort) || !isPort(srcPort)) return false;
  out[at] = from;
  out[at + 1] = to <= INTERNET_END ? INTERNET : to;
  out[at + 2] = protocol;
  out[at + 3] = srcPort;
  out[at + 4] = dstPort;
  out[at + 5] = to <= INTERNET_END ? INTERNET_END - to : 0;
  return true;
}

export class VerdictBatch {
  private readonly topology: CompiledTopology | null;
  private readonly ends = new Map<string, number>();
  private readonly protocols = new Map<string, number>();
  /** the answer of the last verdict(), reused: callers copy its fields */
  private readonly out: BatchVerdict = { verdict: 'ACCEPT', blockedBy: null, reason: null, dstPort: 0 };
  /** flows decided on the compiled path (the rest were walked by the tracer) */
  compiled = 0;

  constructor(private readonly t: Topology) {
    // flows to and through load balancers are decided in src/trace/load-balancer.ts, from the endpoint texts
    this.topology = t.loadBalancers.length === 0 ? compiledTopology(t) : null;
  }

  /**
   * The compiled id of an endpoint that is a plain interface named without an address; for an IPv4 internet
   * address (what the tracer's `internet` endpoint is), INTERNET_END - address; else NOT_PLAIN. A batch resolves
   * each distinct text once.
   */
  endpointId(text: string): number {
    let id = this.ends.get(text);
    if (id !== undefined) return id;
    id = NOT_PLAIN;
    try {
      const e = resolveEndpoint(this.t, text);
      if (e.type === 'interface' && e.addr === undefined && !e.viaPublic) id = this.topology!.eniId.get(e.eni) ?? NOT_PLAIN;
      if (e.type === 'internet') {
        // the word `internet` stands for an IPv4 address no resource uses (an IPv4 sender: the others are not compiled)
        const a = e.addr ?? internetAddress(this.t, 4);
        if (typeof a === 'number') id = INTERNET_END - a;
      }
    } catch (e) {
      if (!(e instanceof EndpointError)) throw e;
    }
    if (this.ends.size < 1_000_000) this.ends.set(text, id);
    return id;
  }

  /** The protocol number of a flow's protocol text (absent: TCP) when the compiled walk takes it (TCP, UDP), else -1. */
  protocolNumber(text: string | undefined): number {
    if (text === undefined) return PROTO.TCP;
    let p = this.protocols.get(text);
    if (p === undefined) {
      const r = parseProtocol(text);
      p = r.ok && (r.value === PROTO.TCP || r.value === PROTO.UDP) ? r.value : -1;
      if (this.protocols.size < 1000) this.protocols.set(text, p);
    }
    return p;
  }

  /** The compiled topology flows are walked on; null when the estate is not compiled (load balancers, size). */
  get compiledForm(): CompiledTopology | null {
    return this.topology;
  }

  /**
   * The ARGS compiled arguments of a flow from a plain interface to another or to an internet address into `out` at
   * `at`, for compiledVerdict; false when the flow is not one the compiled walk takes (the tracer's).
   */
  compiledArgs(spec: FlowSpec, out: Int32Array, at: number): boolean {
    if (!this.topology || spec.via !== undefined || spec.return === false || spec.ipv6 === true) return false;
    const from = this.endpointId(spec.from);
    const to = from < 0 ? NOT_PLAIN : this.endpointId(spec.to);
    const protocol = typeof spec.protocol === 'number' ? -1 : this.protocolNumber(spec.protocol);
    return argsOf(from, to, protocol, spec.port ?? 443, spec.srcPort ?? DEFAULT_SRC_PORT, out, at);
  }

  private readonly args = new Int32Array(ARGS);

  /** The verdict of one flow; throws FlowError as traceVerdict does. The object returned is reused by the next call. */
  verdict(spec: FlowSpec): BatchVerdict {
    return this.compiledVerdict(spec) ?? traceVerdict(this.t, spec);
  }

  /**
   * verdict() of a flow given by its endpoints, protocol and ports alone (a parsed batch line, whatever else it
   * holds): the flow spec the tracer takes is built only when the compiled walk does not decide the flow.
   */
  verdictOf(f: Pick<FlowSpec, 'from' | 'to' | 'port' | 'srcPort'> & { protocol?: string }): BatchVerdict {
    return this.compiledVerdict(f) ?? traceVerdict(this.t, { from: f.from, to: f.to, protocol: f.protocol, port: f.port, srcPort: f.srcPort });
  }

  private compiledVerdict(spec: FlowSpec): BatchVerdict | undefined {
    const c = this.topology;
    const a = this.args;
    if (!c || !this.compiledArgs(spec, a, 0)) return undefined;
    const r = compiledVerdict(c, a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]! >>> 0);
    if (r === BAIL) return undefined;
    this.compiled++;
    return this.decided(r, r === ACCEPT ? null : lastBlockedBy(), r === ACCEPT ? null : lastReason(), a[4]!);
  }

  /** A verdict of the compiled walk (here or on a worker thread) as the reused answer object. */
  decided(r: number, blockedBy: string | null, reason: string | null, dstPort: number): BatchVerdict {
    const o = this.out;
    o.verdict = r === ACCEPT ? 'ACCEPT' : 'REJECT';
    o.blockedBy = blockedBy;
    o.reason = reason;
    o.dstPort = dstPort;
    return o;
  }
}
