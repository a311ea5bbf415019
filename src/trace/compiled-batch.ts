// Verdict-only tracing of many flows against one topology: each distinct endpoint text and protocol is resolved once
// to a compiled interface id or protocol number, and a flow between two plain interfaces goes straight to
// compiledVerdict (no flow spec, packet, hop record or result object). Flows it cannot take (an address, the
// internet, IPv6, ICMP, load balancers, a path leaving the compiled shapes) go to traceVerdict, which walks them.
import type { Topology } from '../bind/model.js';
import { PROTO, parseProtocol } from '../bind/rules.js';
import { EndpointError, resolveEndpoint } from './endpoints.js';
import { ACCEPT, BAIL, compiledVerdict, lastBlockedBy, lastReason } from './compiled-walk.js';
import { type CompiledTopology, compiledTopology } from './compiled-topology.js';
import { DEFAULT_SRC_PORT, type FlowSpec, traceVerdict } from './trace.js';

export interface BatchVerdict {
  verdict: 'ACCEPT' | 'REJECT';
  blockedBy: string | null;
  reason: string | null;
  dstPort: number;
}

const NOT_PLAIN = -1;

function isPort(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 65535;
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

  /** The compiled id of an endpoint that is a plain interface named without an address, else NOT_PLAIN. */
  private end(text: string): number {
    let id = this.ends.get(text);
    if (id !== undefined) return id;
    id = NOT_PLAIN;
    try {
      const e = resolveEndpoint(this.t, text);
      if (e.type === 'interface' && e.addr === undefined && !e.viaPublic) id = this.topology!.eniId.get(e.eni) ?? NOT_PLAIN;
    } catch (e) {
      if (!(e instanceof EndpointError)) throw e;
    }
    if (this.ends.size < 1_000_000) this.ends.set(text, id);
    return id;
  }

  private protocol(text: string | undefined): number {
    if (text === undefined) return PROTO.TCP;
    let p = this.protocols.get(text);
    if (p === undefined) {
      const r = parseProtocol(text);
      p = r.ok && (r.value === PROTO.TCP || r.value === PROTO.UDP) ? r.value : -1;
      if (this.protocols.size < 1000) this.protocols.set(text, p);
    }
    return p;
  }

  /** The verdict of one flow; throws FlowError as traceVerdict does. The object returned is reused by the next call. */
  verdict(spec: FlowSpec): BatchVerdict {
    const c = this.topology;
    if (c && spec.via === undefined && spec.return !== false && spec.ipv6 !== true) {
      const from = this.end(spec.from);
      const to = from === NOT_PLAIN ? NOT_PLAIN : this.end(spec.to);
      const protocol = typeof spec.protocol === 'number' ? -1 : this.protocol(spec.protocol);
      if (to !== NOT_PLAIN && from !== to && protocol > 0) {
        const dstPort = spec.port ?? 443;
        const srcPort = spec.srcPort ?? DEFAULT_SRC_PORT;
        const r = isPort(dstPort) && isPort(srcPort) ? compiledVerdict(c, from, to, protocol, srcPort, dstPort) : BAIL;
        if (r !== BAIL) {
          this.compiled++;
          const o = this.out;
          o.verdict = r === ACCEPT ? 'ACCEPT' : 'REJECT';
          o.blockedBy = r === ACCEPT ? null : lastBlockedBy();
          o.reason = r === ACCEPT ? null : lastReason();
          o.dstPort = dstPort;
          return o;
        }
      }
    }
    return traceVerdict(this.t, spec);
  }
}
