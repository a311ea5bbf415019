// exposure(): what the internet can reach (IPv4 and IPv6), and what can reach the internet, grouped by interface:
// the offline counterpart of Network Access Analyzer's internet-gateway ingress and egress scopes.
import type { Topology, NetworkInterface } from '../bind/model.js';
import { EPHEMERAL_PORTS, MAX_PORT } from '../net/protocol.js';
import { ownerId } from '../trace/engine.js';
import { Engine } from './engine.js';
import { subnetClass } from './alike.js';
import { toRows } from './merge.js';
import { type FlaggedPort, flaggedIn } from './ports.js';
import { allAddresses, canStart, externalSpace, type Side } from './sides.js';
import type { Classified, ReachRow } from './types.js';
import { type LbExposure, lbExposure } from './exposure-lb.js';

export interface ExposedInterface {
  id: string;
  addresses: string[];
  /** flows the internet can open to it */
  inbound: ReachRow[];
  /** flows it can open to the internet */
  outbound: ReachRow[];
  /** admin and database ports open to the internet */
  flagged: FlaggedPort[];
}

export interface ExposureResult {
  interfaces: ExposedInterface[];
  /** listeners of load balancers the internet reaches, with the targets behind them (their nodes are not in `interfaces`) */
  loadBalancers: LbExposure[];
  findings: number;
  stats: { traces: number; classes: number };
}

const SRC_PORTS = [[BigInt(EPHEMERAL_PORTS.from), BigInt(EPHEMERAL_PORTS.to)]] as [bigint, bigint][];

export function exposure(t: Topology, which: 'in' | 'out' | 'both' = 'both'): ExposureResult {
  const engine = new Engine(t);
  const internet: Side = { input: 'internet', enis: [], ext: { 4: externalSpace(t, 4, 'internet'), 6: externalSpace(t, 6, 'internet') } };
  const none = { 4: [], 6: [] };
  const opts = { ports: [[0n, BigInt(MAX_PORT)]] as [bigint, bigint][], srcPorts: SRC_PORTS, acceptedOnly: true };
  // From the internet an interface is addressed at its public IPv4 or its IPv6 addresses (a private one is dropped
  // at the internet gateway, see trace's start()).
  const reachable = t.interfaces
    .map((eni) => ({
      eni,
      addrs: allAddresses(eni).filter((a) => typeof a === 'bigint' || a === eni.publicIp || eni.secondaryPublicIps?.some((p) => p.publicIp === a)),
    }))
    .filter((e) => e.addrs.length);
  const senders = t.interfaces.filter(canStart).map((eni) => ({ eni, addrs: allAddresses(eni) }));
  const whole = (family: 4 | 6) => internet.ext[family];
  const byEni = new Map<NetworkInterface, { in: ReachRow[]; out: ReachRow[] }>();
  const slot = (eni: NetworkInterface) => byEni.get(eni) ?? byEni.set(eni, { in: [], out: [] }).get(eni)!;
  let classes = 0;
  // One subnet at a time towards an interface, one class of alike subnets (alike.ts) from them, merged into rows at
  // once: memory holds one subnet's or class's classes, not the estate's.
  const collect = (cs: Classified[], end: 'src' | 'dst') => {
    classes += cs.length;
    const mine = new Map<NetworkInterface, Classified[]>();
    for (const c of cs) {
      const e = c[end];
      if (c.outcome.verdict !== 'ACCEPT' || c.outcome.natPortDependent || e.kind !== 'interface') continue;
      (mine.get(e.eni) ?? mine.set(e.eni, []).get(e.eni)!).push(c);
    }
    for (const [eni, list] of mine) slot(eni)[end === 'dst' ? 'in' : 'out'] = toRows(list, SRC_PORTS, whole);
  };
  for (const enis of groupBy(which === 'out' ? [] : reachable, (e) => e.subnet)) collect(engine.run(internet, { input: 'any', enis, ext: none }, opts), 'dst');
  const across = { ...opts, acrossSubnets: true };
  for (const enis of groupBy(which === 'in' ? [] : senders, (e) => subnetClass(e.subnet)))
    collect(engine.run({ input: 'any', enis, ext: none }, internet, across), 'src');
  const interfaces: ExposedInterface[] = [];
  for (const [eni, rows] of byEni) {
    // load balancer nodes are reported per listener below
    if (eni.owner.type === 'load-balancer') continue;
    const inRows = rows.in;
    const outRows = rows.out;
    const flagged = [...new Map(inRows.flatMap((r) => flaggedIn(r.protocol, r.ports)).map((f) => [f.port, f])).values()].sort((a, b) => a.port - b.port);
    const addresses = [...inRows.map((r) => r.destination), ...outRows.map((r) => r.source)].flatMap((e) => (e.kind === 'interface' ? e.addresses : []));
    interfaces.push({ id: ownerId(eni), addresses: [...new Set(addresses)], inbound: inRows, outbound: outRows, flagged });
  }
  interfaces.sort((a, b) => b.flagged.length - a.flagged.length || b.inbound.length - a.inbound.length || (a.id < b.id ? -1 : 1));
  const loadBalancers = which === 'out' ? [] : t.loadBalancers.flatMap((lb) => lbExposure(t, lb, engine, internet));
  const findings = interfaces.reduce((n, i) => n + i.inbound.length + i.outbound.length, 0) + loadBalancers.length;
  return { interfaces, loadBalancers, findings, stats: { traces: engine.traces, classes: classes + engine.refused } };
}

function groupBy<T extends { eni: NetworkInterface }>(ends: T[], key: (eni: NetworkInterface) => unknown): T[][] {
  const m = new Map<unknown, T[]>();
  for (const e of ends) {
    const k = key(e.eni);
    (m.get(k) ?? m.set(k, []).get(k)!).push(e);
  }
  return [...m.values()];
}
