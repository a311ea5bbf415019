// Exposure through load balancers: a node of an internet-facing load balancer is not a host — it accepts only on its
// listeners' ports and hands each connection to the targets. So instead of listing the nodes as exposed interfaces,
// exposure reports, per listener the internet reaches, who reaches it (the node rows of the reachability engine,
// restricted to the listener's port and transport) and which targets the connection gets to, traced by the tracer
// (leg 2: https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html).
import type * as M from '../bind/model.js';
import { EPHEMERAL_PORTS, PROTO } from '../net/protocol.js';
import { formatAddr, parseCidr } from '../net/ip.js';
import { listenerTransports } from '../trace/load-balancer.js';
import type { LoadBalancerTargetResult } from '../trace/load-balancer-types.js';
import { FlowError, trace } from '../trace/trace.js';
import type { Engine } from './engine.js';
import { toRows } from './merge.js';
import { allAddresses, type Side } from './sides.js';
import type { Classified, ReachRow } from './types.js';

export interface LbExposure {
  loadBalancer: string;
  type: M.LoadBalancer['type'];
  scheme: M.LoadBalancer['scheme'];
  listener: string;
  protocol: string;
  transport: 'tcp' | 'udp';
  port: number;
  /** who on the internet reaches the listener, at which node address (rows as in `inbound`) */
  inbound: ReachRow[];
  /** each target the listener forwards to, traced from a source of the first row through the load balancer */
  targets: LoadBalancerTargetResult[];
}

const transportName = (p: number) => (p === PROTO.UDP ? 'udp' : 'tcp');

/** The rows that carry `transport` to `port`, narrowed to that port. */
function rowsFor(rows: ReachRow[], transport: number, port: number): ReachRow[] {
  const name = transportName(transport);
  return rows
    .filter((r) => (r.protocol === name || r.protocol === 'all') && (r.ports === null || r.ports.some(([a, b]) => a <= port && port <= b)))
    .map((r) => ({ ...r, protocol: name, ports: [[port, port]] as [number, number][] }));
}

/** An address of a row's source to trace from: the first address of its first CIDR (the network address of a wide one is skipped). */
function sourceOf(row: ReachRow): string | undefined {
  if (row.source.kind !== 'external') return undefined;
  const p = parseCidr(row.source.cidrs[0] ?? '');
  if (!p.ok) return undefined;
  const base = p.value.base;
  const wide = p.value.len < (p.value.family === 4 ? 31 : 127);
  return formatAddr(typeof base === 'number' ? base + (wide ? 1 : 0) : base + (wide ? 1n : 0n));
}

/** The targets of a listener: its target group's, or a Classic load balancer's instances. */
function targetsOf(l: M.Listener): string[] {
  if (l.targetGroup) return l.targetGroup.targets.map((x) => x.instance?.id ?? (x.ip !== undefined ? formatAddr(x.ip) : (x.loadBalancer?.id ?? '')));
  return l.loadBalancer.instances.map((i) => i.id);
}

/**
 * Each target traced from `src` through the load balancer (`--to <target> --via <lb>`): with cross-zone load balancing
 * off the tracer uses the node of the target's zone, so every target gets the node that would serve it.
 */
function traceTargets(t: M.Topology, lb: M.LoadBalancer, l: M.Listener, transport: number, src: string): LoadBalancerTargetResult[] {
  const out: LoadBalancerTargetResult[] = [];
  for (const to of targetsOf(l)) {
    try {
      const r = trace(t, { from: src, to, via: lb.id, protocol: transportName(transport), port: l.port, explain: false, flowLogs: false });
      const got = r.loadBalancer?.targets?.[0];
      if (got) out.push(got);
    } catch (e) {
      if (!(e instanceof FlowError)) throw e;
    }
  }
  return out;
}

const SRC_PORTS = [[BigInt(EPHEMERAL_PORTS.from), BigInt(EPHEMERAL_PORTS.to)]] as [bigint, bigint][];

/**
 * Exposure through one load balancer: the engine asked, per listener port, which internet sources reach the nodes'
 * public addresses (one port per question: a node accepts nothing but its listeners' ports), then each target traced.
 */
export function lbExposure(t: M.Topology, lb: M.LoadBalancer, engine: Engine, internet: Side): LbExposure[] {
  const out: LbExposure[] = [];
  const nodes: Side = {
    input: 'any',
    enis: lb.nodes
      .map((n) => ({ eni: n.eni, addrs: allAddresses(n.eni).filter((a) => typeof a === 'bigint' || a === n.eni.publicIp) }))
      .filter((e) => e.addrs.length),
    ext: { 4: [], 6: [] },
  };
  if (!nodes.enis.length) return out;
  const accepted = (cs: Classified[]) => cs.filter((c) => c.outcome.verdict === 'ACCEPT' && !c.outcome.natPortDependent);
  for (const l of lb.listeners) {
    const p = BigInt(l.port);
    const rows = toRows(accepted(engine.run(internet, nodes, { ports: [[p, p]], srcPorts: SRC_PORTS })), SRC_PORTS, (f: 4 | 6) => internet.ext[f]);
    for (const transport of listenerTransports(l.protocol)) {
      const inbound = rowsFor(rows, transport, l.port);
      if (!inbound.length) continue;
      const src = inbound.map(sourceOf).find((s) => s !== undefined);
      const targets = src ? traceTargets(t, lb, l, transport, src) : [];
      out.push({
        loadBalancer: lb.id,
        type: lb.type,
        scheme: lb.scheme,
        listener: l.id,
        protocol: l.protocol,
        transport: transportName(transport),
        port: l.port,
        inbound,
        targets,
      });
    }
  }
  return out;
}
