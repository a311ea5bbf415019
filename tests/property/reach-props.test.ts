// The tracer is the oracle for reach: a flow drawn inside a row traces ACCEPT (to the interface the row names), a
// flow of the query drawn outside every row traces REJECT. Flows are drawn at the edges of every row (first and last
// port, first and last address of every CIDR) and at random, over the shipped scenarios and generated estates.
// An interface end is an identity, not just an address: overlapping VPCs can give two interfaces one address, so each
// flow names the interface it starts or ends at, and a row holds it only if the row names that interface.
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateTopology, loadTopology, loadTopologyFromData, type GenerateOptions, type Topology } from '../../src/index.js';
import { trace, FlowError } from '../../src/trace/trace.js';
import { ownerId } from '../../src/trace/engine.js';
import { type Addr, formatAddr, mustCidr, parseIp } from '../../src/net/ip.js';
import { reach } from '../../src/reach/reach.js';
import { namedProtocols } from '../../src/reach/engine.js';
import { allAddresses, externalSpace } from '../../src/reach/sides.js';
import type { ReachResult, ReachRow } from '../../src/reach/types.js';

interface Flow {
  src: Addr;
  dst: Addr;
  /** the interface (row id, as ownerId names it) the flow starts or ends at; unset: whatever trace resolves the address to */
  srcId?: string;
  dstId?: string;
  protocol: number;
  port: number;
  srcPort: number;
  icmpType: number;
  icmpCode: number;
}

const PROTOS: Record<string, number> = { tcp: 6, udp: 17, icmp: 1, icmpv6: 58 };

function big(a: Addr): bigint {
  return typeof a === 'number' ? BigInt(a) : a;
}

function inRanges(r: [number, number][] | null | undefined, v: number): boolean {
  return !r || r.some(([a, b]) => v >= a && v <= b);
}

const parsed = new Map<string, ReturnType<typeof mustCidr>>();
const cidr = (c: string) => parsed.get(c) ?? parsed.set(c, mustCidr(c)).get(c)!;

function endHas(e: ReachRow['source'], a: Addr, id: string | undefined): boolean {
  if (e.kind === 'interface') return e.id === id && e.addresses.includes(formatAddr(a));
  return e.cidrs.some((c) => {
    const p = cidr(c);
    if ((p.family === 4) !== (typeof a === 'number')) return false;
    const lo = big(p.base);
    const hi = lo + (1n << BigInt((p.family === 4 ? 32 : 128) - p.len)) - 1n;
    return big(a) >= lo && big(a) <= hi;
  });
}

/** Does a row of the contract hold this flow? Read from the JSON form only, as a script would. */
function rowHas(row: ReachRow, f: Flow, named: Set<number>): boolean {
  if (!endHas(row.source, f.src, f.srcId) || !endHas(row.destination, f.dst, f.dstId)) return false;
  const p = row.protocol;
  if (p === 'other' ? named.has(f.protocol) : p !== 'all' && (typeof p === 'number' ? p : PROTOS[p]) !== f.protocol) return false;
  if (f.protocol === 6 || f.protocol === 17) return inRanges(row.ports, f.port) && inRanges(row.srcPorts, f.srcPort);
  if (f.protocol === 1 || f.protocol === 58) return inRanges(row.icmpTypes, f.icmpType) && inRanges(row.icmpCodes, f.icmpCode);
  return true;
}

function pick<T>(xs: readonly T[], n: number): T {
  return xs[n % xs.length]!;
}

/** Flows at the edges of every row: first/last address of each CIDR, first/last port, and one more in the middle. */
function edgeFlows(r: ReachResult, named: Set<number>, n: number): Flow[] {
  const out: Flow[] = [];
  const addrs = (e: ReachRow['source']): Addr[] => {
    if (e.kind === 'interface') return e.addresses.map((a) => (parseIp(a) as { value: Addr }).value);
    return e.cidrs.flatMap((c) => {
      const p = mustCidr(c);
      const last = big(p.base) + (1n << BigInt((p.family === 4 ? 32 : 128) - p.len)) - 1n;
      return p.family === 4 ? [p.base as number, Number(last)] : [p.base as bigint, last];
    });
  };
  const edges = (r: [number, number][] | null | undefined, dflt: number[]) => (r ? r.flatMap(([a, b]) => [a, b, (a + b) >> 1]) : dflt);
  for (const row of r.rows) {
    const srcs = addrs(row.source);
    const dsts = addrs(row.destination);
    const srcId = row.source.kind === 'interface' ? row.source.id : undefined;
    const dstId = row.destination.kind === 'interface' ? row.destination.id : undefined;
    const v4 = typeof srcs[0] === 'number';
    const protos =
      row.protocol === 'all'
        ? [6, 17, v4 ? 1 : 58, 47, 253]
        : row.protocol === 'other'
          ? [0, 47, 253, 132].filter((x) => !named.has(x))
          : [typeof row.protocol === 'number' ? row.protocol : PROTOS[row.protocol]!];
    const ports = edges(row.ports, [0, 443, 65535]);
    const srcPorts = edges(row.srcPorts, [1024, 49152, 65535]);
    const types = edges(row.icmpTypes, [0, 8, 255]);
    for (let i = 0; i < n; i++) {
      out.push({
        src: pick(srcs, i * 7 + 1),
        dst: pick(dsts, i * 3),
        srcId,
        dstId,
        protocol: pick(protos, i),
        port: pick(ports, i * 5 + 2),
        srcPort: pick(srcPorts, i * 11),
        icmpType: pick(types, i * 13),
        icmpCode: row.icmpCodes ? pick(edges(row.icmpCodes, [0]), i) : pick([0, 255, 3], i),
      });
    }
  }
  return out;
}

/** An address of the query space, with the interface it belongs to when it is an interface's. */
interface Point {
  addr: Addr;
  id?: string;
}

/** Random flows of the whole query space, with ports and addresses near every boundary of the rows. */
function randomFlows(t: Topology, r: ReachResult, srcs: Point[], dsts: Point[], count: number, seed: number): Flow[] {
  const portEdges = new Set<number>([0, 1, 22, 443, 1023, 1024, 65535]);
  for (const row of r.rows)
    for (const [a, b] of [...(row.ports ?? []), ...(row.srcPorts ?? [])]) for (const v of [a - 1, a, b, b + 1]) if (v >= 0 && v <= 65535) portEdges.add(v);
  const ports = [...portEdges];
  return fc
    .sample(
      fc.record({
        s: fc.nat(),
        d: fc.nat(),
        p: fc.constantFrom(6, 6, 17, 1, 58, 47, 253),
        port: fc.oneof(fc.constantFrom(...ports), fc.integer({ min: 0, max: 65535 })),
        sp: fc.oneof(fc.constantFrom(...ports), fc.integer({ min: 1024, max: 65535 })),
        ty: fc.constantFrom(0, 3, 8, 11, 13, 128, 129, 255),
        co: fc.constantFrom(0, 1, 255),
      }),
      { numRuns: count, seed },
    )
    .map((x) => ({
      src: pick(srcs, x.s).addr,
      dst: pick(dsts, x.d).addr,
      srcId: pick(srcs, x.s).id,
      dstId: pick(dsts, x.d).id,
      protocol: x.p,
      port: x.port,
      srcPort: x.sp,
      icmpType: x.ty,
      icmpCode: x.co,
    }));
}

/** Check flows against trace; returns the disagreements as printable lines. */
function disagreements(t: Topology, r: ReachResult, flows: Flow[], named: Set<number>): { checked: number; accepted: number; wrong: string[] } {
  let checked = 0;
  let accepted = 0;
  const wrong: string[] = [];
  for (const f of flows) {
    if ((typeof f.src === 'number') !== (typeof f.dst === 'number')) continue;
    if (typeof f.src === 'number' ? f.protocol === 58 : f.protocol === 1) continue;
    if (r.undetermined.some((row) => rowHas(row, { ...f, srcId: f.srcId ?? resolvesTo(t, f.src), dstId: f.dstId ?? resolvesTo(t, f.dst) }, named))) continue;
    if (typeof f.src === 'number' && t.interfaceByPublicIp.has(f.src)) continue; // a public IP is not a source address
    const srcOwner = resolvesTo(t, f.src);
    const dstOwner = resolvesTo(t, f.dst);
    const srcId = f.srcId ?? srcOwner;
    const dstId = f.dstId ?? dstOwner;
    if (srcId && dstId === srcId) continue;
    let res;
    try {
      // an address another interface shares is named by the interface's id (trace then starts at its primary address)
      const from = srcId && srcOwner !== srcId ? srcId : formatAddr(f.src);
      const to = dstId && dstOwner !== dstId ? dstId : formatAddr(f.dst);
      res = trace(t, {
        from,
        to,
        protocol: f.protocol,
        port: f.port,
        srcPort: f.srcPort,
        icmpType: f.icmpType,
        icmpCode: f.icmpCode,
        explain: false,
        flowLogs: false,
      });
    } catch (e) {
      if (e instanceof FlowError) continue;
      throw e;
    }
    // a secondary address another interface shares cannot be named to trace: not a question it can be asked
    if (res.flow.srcIp !== formatAddr(f.src) || res.flow.dstIp !== formatAddr(f.dst)) continue;
    checked++;
    const g = { ...f, srcId, dstId };
    const expectAccept = r.rows.some((row) => rowHas(row, g, named));
    if (expectAccept) accepted++;
    const last = res.forward.hops[res.forward.hops.length - 1];
    const delivered = res.verdict === 'ACCEPT' && (!dstId || (last?.decision === 'DELIVER' && last.component === dstId));
    if (delivered !== expectAccept)
      wrong.push(
        `${formatAddr(f.src)}${srcId ? ` (${srcId})` : ''} → ${formatAddr(f.dst)}${dstId ? ` (${dstId})` : ''} proto ${f.protocol} port ${f.port} srcPort ${f.srcPort} icmp ${f.icmpType}/${f.icmpCode}: reach says ${expectAccept ? 'ACCEPT' : 'REJECT'}, trace says ${res.verdict}${res.reason ? ` (${res.blockedBy}: ${res.reason})` : ''}${res.verdict === 'ACCEPT' && !delivered ? ` at ${last?.component}, not ${dstId}` : ''}`,
      );
  }
  return { checked, accepted, wrong };
}

/** The interface trace resolves an address to, by the id rows name it with. */
function resolvesTo(t: Topology, a: Addr): string | undefined {
  const eni = t.interfaceByIp.get(a) ?? (typeof a === 'number' ? t.interfaceByPublicIp.get(a) : undefined);
  return eni && ownerId(eni);
}

function externalSamples(t: Topology, seed: number): Addr[] {
  const out: Addr[] = [];
  for (const family of [4, 6] as const) {
    const space = externalSpace(t, family, 'both');
    const rnd = fc.sample(fc.nat(), { numRuns: 12, seed });
    space.forEach(([lo, hi], i) => {
      if (i % Math.max(1, Math.floor(space.length / 24)) !== 0) return;
      const mid = lo + (hi - lo) / BigInt(2 + (rnd[i % rnd.length]! % 5));
      for (const v of [lo, hi, mid]) out.push(family === 4 ? Number(v) : v);
    });
  }
  return out;
}

/** The two-way check for one topology: ≥ 2,000 flows over several queries. */
function checkTopology(t: Topology, seed: number): { checked: number; accepted: number; wrong: string[] } {
  const named = new Set(namedProtocols(t));
  const enis = t.interfaces.filter((e) => e.owner.type === 'instance' || e.owner.type === 'none');
  const targets = enis.filter((_, i) => i % Math.max(1, Math.floor(enis.length / 6)) === 0);
  const ext = externalSamples(t, seed);
  const v4 = (e: { privateIp?: number }) => (e.privateIp !== undefined ? [e.privateIp] : []);
  const internal = t.interfaces.flatMap((e) => [...v4(e), ...e.secondaryPrivateIps, ...e.ipv6Addresses].map((addr) => ({ addr, id: ownerId(e) })));
  const outside = ext.map((addr) => ({ addr }));
  let checked = 0;
  let accepted = 0;
  const wrong: string[] = [];
  // round after round over the interfaces, until the flows checked reach the target
  for (let round = 0; round < 24 && checked < 2200; round++) {
    const eni = targets[round % targets.length]!;
    const mine = allAddresses(eni).map((addr) => ({ addr, id: ownerId(eni) }));
    const q = round % 2 === 0 ? { to: eni.id, srcPorts: '0-65535' } : { from: eni.id };
    const [srcs, dsts] =
      'to' in q
        ? [[...internal, ...outside], mine]
        : [[...v4(eni), ...eni.ipv6Addresses].map((addr) => ({ addr, id: ownerId(eni) })), [...allAddressesOf(t), ...outside]];
    const r = reach(t, q);
    const flows = [...edgeFlows(r, named, 6), ...randomFlows(t, r, srcs, dsts, 400, seed + round)].filter((f) => ('to' in q ? true : f.srcPort >= 1024));
    const d = disagreements(t, r, flows, named);
    checked += d.checked;
    accepted += d.accepted;
    wrong.push(...d.wrong.map((w) => `${JSON.stringify(q)}: ${w}`));
  }
  return { checked, accepted, wrong };
}

function allAddressesOf(t: Topology): Point[] {
  return t.interfaces.flatMap((e) => allAddresses(e).map((addr) => ({ addr, id: ownerId(e) })));
}

const scenarios = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));

describe('reach agrees with trace both ways', () => {
  it.each(scenarios)('scenario %s', (file) => {
    const t = loadTopology(`scenarios/${file}`).topology!;
    const { checked, accepted, wrong } = checkTopology(t, 7);
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(2000);
    expect(accepted).toBeGreaterThan(20);
  });

  it.each<GenerateOptions>([
    { vpcs: 2, subnetsPerVpc: 4, instancesPerSubnet: 1, hub: 'tgw', sgRules: 60, naclRules: 40, seed: 3 },
    { vpcs: 3, subnetsPerVpc: 3, instancesPerSubnet: 3, hub: 'peering-mesh', seed: 11 },
    { vpcs: 2, subnetsPerVpc: 5, instancesPerSubnet: 1, hub: 'none', sgRules: 40, naclRules: 60, seed: 5 },
  ])('generated %o', (opts) => {
    const t = loadTopologyFromData(generateTopology(opts)).topology!;
    const { checked, accepted, wrong } = checkTopology(t, opts.seed ?? 1);
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(2000);
    expect(accepted).toBeGreaterThan(20);
  });
});
