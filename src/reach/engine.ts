// The reach engine: divide the packets of a query into classes that every decision of the model treats alike, and
// let the tracer judge one packet per class. The division is lazy: a class is cut only by the boundaries of the
// VPCs and transit gateways its representative's round trip touches (plus a base of special ranges), and cut again
// when a piece's own trace touches more. Within a final class every component on the path sees packets that match
// exactly the same rules, so every packet takes the same path to the same verdict (see docs/reach.md).
import type * as M from '../bind/model.js';
import { type Addr, type Family, formatAddr } from '../net/ip.js';
import { PROTO, isIcmp } from '../bind/rules.js';
import { trace, FlowError, type FlowSpec } from '../trace/trace.js';
import { ownerId } from '../trace/engine.js';
import type { Hop, TraceResult } from '../trace/types.js';
import { BASE, type Cuts, CutIndex, big } from './cuts.js';
import { type Range, type RangeSet, has, intersect, normalize, split, subtract } from './sets.js';
import { type Side, canStart, allAddresses } from './sides.js';
import type { Cell, CellEnd, Classified, Network, Outcome } from './types.js';
import { natPortDependent } from './nat-port.js';
import { admittedInbound, admittedOutbound, translators } from './prune.js';

export interface EngineOptions {
  /** protocol numbers asked about; undefined = all */
  protocols?: number[];
  ports: RangeSet;
  srcPorts: RangeSet;
}

interface Pair {
  src: CellEnd;
  dst: CellEnd;
  family: Family;
}

const FULL8: RangeSet = [[0n, 255n]];
const ZERO: RangeSet = [[0n, 0n]];

/** Per topology: the cut index and the protocol classes, built once. */
const contexts = new WeakMap<M.Topology, { cuts: CutIndex; protocolClasses: RangeSet[] }>();

function context(t: M.Topology) {
  let c = contexts.get(t);
  if (!c) {
    c = { cuts: new CutIndex(t), protocolClasses: protocolClasses(t) };
    contexts.set(t, c);
  }
  return c;
}

/** Every protocol number a rule names is a class of its own (with TCP, UDP, ICMP, ICMPv6); all others form one class. */
export function namedProtocols(t: M.Topology): number[] {
  const named = new Set<number>([PROTO.ICMP, PROTO.TCP, PROTO.UDP, PROTO.ICMPV6]);
  for (const g of t.securityGroups) for (const r of [...g.inbound, ...g.outbound]) if (r.protocol >= 0) named.add(r.protocol);
  for (const a of t.networkAcls) for (const r of [...a.inbound, ...a.outbound]) if (r.protocol >= 0) named.add(r.protocol);
  return [...named].sort((a, b) => a - b);
}

function protocolClasses(t: M.Topology): RangeSet[] {
  const classes: RangeSet[] = namedProtocols(t).map((n) => [[BigInt(n), BigInt(n)]]);
  const rest = subtract(FULL8, normalize(classes.flat()));
  if (rest.length) classes.push(rest);
  return classes;
}

export class Engine {
  traces = 0;
  private readonly cuts: CutIndex;
  private readonly protocolClasses: RangeSet[];
  private readonly splitMemo = new Map<RangeSet, Map<string, RangeSet[]>>();

  constructor(readonly t: M.Topology) {
    const c = context(t);
    this.cuts = c.cuts;
    this.protocolClasses = c.protocolClasses;
  }

  /** Classifies every packet from `from` to `to` within the options. */
  run(from: Side, to: Side, opts: EngineOptions): Classified[] {
    const out: Classified[] = [];
    for (const pair of this.pairs(from, to)) {
      for (const protocols of this.protocolClasses) {
        const cell = this.initialCell(pair, protocols, opts);
        if (!cell) continue;
        for (const piece of this.splitCell(cell, [BASE])) this.solve(pair, piece, new Set([BASE]), out);
      }
    }
    return out;
  }

  /** Source and destination pairs; at least one end is an interface (as in trace), pruned by security groups. */
  private *pairs(from: Side, to: Side): Generator<Pair> {
    const nat = translators(this.t);
    for (const s of from.enis) {
      if (!canStart(s.eni)) continue;
      const out = admittedOutbound(s.eni);
      for (const a of s.addrs) {
        if (isPublic(s.eni, a)) continue; // an interface sends from its private addresses; the gateway maps them
        const family: Family = typeof a === 'number' ? 4 : 6;
        const src: CellEnd = { kind: 'interface', eni: s.eni, addrs: [[big(a), big(a)]] };
        for (const d of to.enis) {
          if (d.eni === s.eni) continue;
          const inb = admittedInbound(d.eni, nat);
          for (const b of d.addrs) {
            if ((typeof b === 'number' ? 4 : 6) !== family) continue;
            if (out && !has(out[family], big(b))) continue;
            if (inb && !has(inb[family], big(a)) && !(family === 4 && publicOf(s.eni, a as number) !== undefined && has(inb[4], BigInt(publicOf(s.eni, a as number)!)))) continue;
            yield { src, dst: { kind: 'interface', eni: d.eni, addrs: [[big(b), big(b)]] }, family };
          }
        }
        const ext = out ? intersect(to.ext[family], out[family]) : to.ext[family];
        if (ext.length) yield { src, dst: { kind: 'external', network: 'internet', addrs: ext }, family };
      }
    }
    for (const family of [4, 6] as Family[]) {
      if (!from.ext[family].length) continue;
      for (const d of to.enis) {
        const inb = admittedInbound(d.eni, nat);
        const ext = inb ? intersect(from.ext[family], inb[family]) : from.ext[family];
        if (!ext.length) continue;
        for (const b of d.addrs) if ((typeof b === 'number' ? 4 : 6) === family) yield { src: { kind: 'external', network: 'internet', addrs: ext }, dst: { kind: 'interface', eni: d.eni, addrs: [[big(b), big(b)]] }, family };
      }
    }
  }

  private initialCell(pair: Pair, protocols: RangeSet, opts: EngineOptions): Cell | undefined {
    let protos = protocols;
    if (opts.protocols) protos = intersect(protos, normalize(opts.protocols.map((p) => [BigInt(p), BigInt(p)] as Range)));
    if (!protos.length) return undefined;
    const p = Number(protos[0]![0]);
    // trace refuses ICMP over IPv6 and ICMPv6 over IPv4: those packets do not exist
    if ((p === PROTO.ICMP && pair.family === 6) || (p === PROTO.ICMPV6 && pair.family === 4)) return undefined;
    const ports = p === PROTO.TCP || p === PROTO.UDP;
    const cell: Cell = { family: pair.family, src: pair.src.addrs, dst: pair.dst.addrs, protocols: protos, ports: ports ? opts.ports : ZERO, srcPorts: ports ? opts.srcPorts : ZERO, icmpTypes: isIcmp(p) ? FULL8 : ZERO, icmpCodes: isIcmp(p) ? FULL8 : ZERO };
    return cell.ports.length && cell.srcPorts.length ? cell : undefined;
  }

  /** Trace the representative; if its round trip touched groups whose cuts divide the class, divide and recurse. */
  private solve(pair: Pair, cell: Cell, used: Set<string>, out: Classified[]): void {
    const r = this.traceRep(pair, cell);
    if (!r) return; // not a flow trace() accepts as a question (e.g. an endpoint that starts no connections)
    const fresh = r.groups.filter((g) => !used.has(g));
    if (!fresh.length) {
      out.push(this.classified(pair, cell, r.outcome));
      return;
    }
    const next = new Set([...used, ...fresh]);
    for (const piece of this.splitCell(cell, fresh)) {
      if (isRepOf(piece, cell)) out.push(this.classified(pair, piece, r.outcome));
      else this.solve(pair, piece, next, out);
    }
  }

  private classified(pair: Pair, cell: Cell, outcome: Outcome): Classified {
    const end = (e: CellEnd, set: RangeSet, kind: Outcome['srcKind']): CellEnd => (e.kind === 'interface' ? { ...e, addrs: set } : { kind: 'external', network: kind as Network, addrs: set });
    return { cell, src: end(pair.src, cell.src, outcome.srcKind), dst: end(pair.dst, cell.dst, outcome.dstKind), outcome };
  }

  private traceRep(pair: Pair, cell: Cell): { outcome: Outcome; groups: string[] } | undefined {
    const proto = Number(cell.protocols[0]![0]);
    const src = addrOf(cell.family, cell.src[0]![0]);
    const dst = addrOf(cell.family, cell.dst[0]![0]);
    const spec: FlowSpec = {
      from: endpointText(this.t, pair.src, src),
      to: endpointText(this.t, pair.dst, dst),
      protocol: proto,
      port: Number(cell.ports[0]![0]),
      srcPort: Number(cell.srcPorts[0]![0]),
      icmpType: Number(cell.icmpTypes[0]![0]),
      icmpCode: Number(cell.icmpCodes[0]![0]),
      explain: false,
      flowLogs: false,
    };
    let res: TraceResult;
    this.traces++;
    try {
      res = trace(this.t, spec);
    } catch (e) {
      if (e instanceof FlowError) return undefined;
      throw e;
    }
    // the question asked must be the question traced (an address two overlapping VPCs share could name another interface)
    if (res.flow.srcIp !== formatAddr(src) || res.flow.dstIp !== formatAddr(dst)) return undefined;
    const hops: Hop[] = [...res.forward.hops, ...(res.return?.hops ?? [])];
    const groups = new Set<string>([BASE]);
    for (const h of hops) groups.add(this.cuts.groups(h.component));
    const path: string[] = [];
    for (const h of res.forward.hops) if (path[path.length - 1] !== h.component) path.push(h.component);
    const outcome: Outcome = {
      verdict: res.verdict === 'ACCEPT' && deliveredElsewhere(pair, res) ? 'REJECT' : res.verdict,
      path,
      blockedBy: res.blockedBy,
      reason: res.reason,
      srcKind: res.from.kind === 'interface' ? 'interface' : res.from.kind,
      dstKind: res.to.kind === 'interface' ? 'interface' : res.to.kind,
      natPortDependent: natPortDependent(this.t, res, proto),
    };
    return { outcome, groups: [...groups] };
  }

  /** The product of each field's classes under the cuts of `groups`. */
  private splitCell(cell: Cell, groups: string[]): Cell[] {
    const cuts = groups.map((g) => this.cuts.cuts(g));
    const proto = Number(cell.protocols[0]![0]);
    const addr = (c: Cuts) => (cell.family === 4 ? c.addr4 : c.addr6);
    const key = groups.join('|');
    const srcs = this.splitMemoised(cell.src, key, cuts.flatMap(addr));
    const dsts = this.splitMemoised(cell.dst, key, cuts.flatMap(addr));
    const portCuts = cuts.flatMap((c) => c.ports.get(proto) ?? []);
    const ports = this.splitMemoised(cell.ports, `${key}#${proto}`, portCuts);
    const srcPorts = this.splitMemoised(cell.srcPorts, `${key}#${proto}`, portCuts);
    const types = this.splitMemoised(cell.icmpTypes, `${key}#${proto}`, cuts.flatMap((c) => c.icmpTypes.get(proto) ?? []));
    const codes = this.splitMemoised(cell.icmpCodes, `${key}#${proto}`, cuts.flatMap((c) => c.icmpCodes.get(proto) ?? []));
    const out: Cell[] = [];
    for (const src of srcs) for (const dst of dsts) for (const p of ports) for (const sp of srcPorts) for (const ty of types) for (const co of codes) out.push({ ...cell, src, dst, ports: p, srcPorts: sp, icmpTypes: ty, icmpCodes: co });
    return out;
  }

  private splitMemoised(set: RangeSet, key: string, cuts: Range[]): RangeSet[] {
    if (set.length === 1 && set[0]![0] === set[0]![1]) return [set];
    let m = this.splitMemo.get(set);
    if (!m) this.splitMemo.set(set, (m = new Map()));
    let r = m.get(key);
    if (!r) m.set(key, (r = split(set, cuts)));
    return r;
  }
}

/** An ACCEPT counts only when the packet reached the interface asked about, not another one with the same address. */
function deliveredElsewhere(pair: Pair, res: TraceResult): boolean {
  if (pair.dst.kind !== 'interface') return false;
  const last = res.forward.hops[res.forward.hops.length - 1];
  return !last || last.decision !== 'DELIVER' || last.component !== ownerId(pair.dst.eni);
}

function isRepOf(piece: Cell, cell: Cell): boolean {
  return piece.src[0]![0] === cell.src[0]![0] && piece.dst[0]![0] === cell.dst[0]![0] && piece.ports[0]![0] === cell.ports[0]![0] && piece.srcPorts[0]![0] === cell.srcPorts[0]![0] && piece.icmpTypes[0]![0] === cell.icmpTypes[0]![0] && piece.icmpCodes[0]![0] === cell.icmpCodes[0]![0];
}

export function addrOf(family: Family, v: bigint): Addr {
  return family === 4 ? Number(v) : v;
}

function isPublic(eni: M.NetworkInterface, a: Addr): boolean {
  return typeof a === 'number' && (a === eni.publicIp || (eni.secondaryPublicIps ?? []).some((p) => p.publicIp === a)) && a !== eni.privateIp && !eni.secondaryPrivateIps.includes(a);
}

function publicOf(eni: M.NetworkInterface, priv: number): number | undefined {
  if (priv === eni.privateIp) return eni.publicIp;
  return eni.secondaryPublicIps?.find((x) => x.privateIp === priv)?.publicIp;
}

/**
 * How to name an interface's address to trace(): the address itself when it resolves back to this interface, else an
 * id that resolves to it (overlapping VPCs can give two interfaces one address).
 */
function endpointText(t: M.Topology, end: CellEnd, a: Addr): string {
  if (end.kind === 'external') return formatAddr(a);
  const eni = end.eni;
  const owner = t.interfaceByIp.get(a) ?? (typeof a === 'number' ? t.interfaceByPublicIp.get(a) : undefined);
  if (owner === eni) return formatAddr(a);
  if (a === eni.privateIp || a === eni.ipv6Addresses[0]) {
    const byId = t.byId.get(eni.id);
    if (byId === eni) return eni.id;
    if (eni.owner.type === 'instance' && eni.owner.instance.primary === eni) return eni.owner.instance.id;
  }
  return formatAddr(a);
}

export { allAddresses };
