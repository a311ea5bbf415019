// The reach engine: divide the packets of a query into classes that every decision of the model treats alike, and
// let the tracer judge one packet per class. The division is lazy: a class is cut only by the boundaries of the
// VPCs and transit gateways its representative's round trip touches (plus a base of special ranges), and cut again
// when a piece's own trace touches more. Within a final class every component on the path sees packets that match
// exactly the same rules, so every packet takes the same path to the same verdict (see docs/reach.md).
import type * as M from '../bind/model.js';
import { type Addr, type Family, NAT64_PREFIX, RFC1918, RFC6598, formatAddr } from '../net/ip.js';
import { PROTO, isIcmp } from '../bind/rules.js';
import { trace, FlowError, type FlowSpec } from '../trace/trace.js';
import { ownerId } from '../trace/engine.js';
import type { Hop, TraceResult } from '../trace/types.js';
import { BASE, CutIndex, EVERYTHING, NAT64_GROUP, REPLY, big, groupParts, isFilterKind, prefixRange, requestTypes, unwrapNat64 } from './cuts.js';
import { type RuleCut, type RuleCuts, ruleCuts } from './rule-cuts.js';
import { Partition, forgetSplits, refine } from './partition.js';
import { type Range, type RangeSet, has, intersect, meets, normalize, subtract } from './sets.js';
import { type Side, canStart, allAddresses, externalSpace } from './sides.js';
import type { Cell, CellEnd, Classified, Network, Outcome } from './types.js';
import { natPortDependent } from './nat-port.js';
import { type Ends, narrowBySecurityGroups, relays } from './admit.js';
import { admittedInbound, admittedInboundRaw, admittedOutbound, groupListKey, routeFate, translators } from './prune.js';
import { candidateGroups, isEveryInterface, isPublic, publicOf } from './source-index.js';
import { sharedComponent, subnetClass } from './alike.js';
import { type AclRole, aclAllowed, aclRoles } from './acl-decision.js';
import { AddressRefusals, refusedByAddress } from './protocol-blind.js';

declare module '../bind/model.js' {
  interface TopologyDerived {
    /** the reach engine's cut index, protocol classes and partitions, built on first use */
    reach?: ReachContext;
  }
}

export interface EngineOptions {
  /** protocol numbers asked about; undefined = all */
  protocols?: number[];
  ports: RangeSet;
  srcPorts: RangeSet;
  /**
   * Keep only the classes that get through (and those a NAT gateway's port choice decides): refused classes are
   * counted, not kept, and packets the ends' security groups cannot admit are left out before any trace.
   */
  acceptedOnly?: boolean;
  /** list sources by testing every interface instead of through the source index (the reference the tests compare with) */
  scanSources?: boolean;
  /** towards external addresses only: group senders of alike subnets, with or without public addresses (see externalSenderKey) */
  acrossSubnets?: boolean;
}

/** One end of a pair: interfaces that behave alike (by address), or external addresses. */
type End = { kind: 'interfaces'; byAddr: Map<bigint, M.NetworkInterface>; addrs: RangeSet } | { kind: 'external'; addrs: RangeSet };

interface Pair {
  src: End;
  dst: End;
  family: Family;
}

/**
 * Interfaces that no decision of the model tells apart except by their own address: same subnet, same security
 * groups, same kind of owner and forwarding flags, and no public address (the internet gateway maps each to its own).
 * Their addresses form one set the engine divides like any other; identities are restored in the rows.
 */
const likeKeys = new WeakMap<M.NetworkInterface, string>();

function likeKey(eni: M.NetworkInterface): string {
  let k = likeKeys.get(eni);
  if (k === undefined) likeKeys.set(eni, (k = computeLikeKey(eni)));
  return k;
}

function computeLikeKey(eni: M.NetworkInterface): string {
  if (eni.publicIp !== undefined || eni.secondaryPublicIps?.length || (eni.owner.type !== 'instance' && eni.owner.type !== 'none')) return `#${eni.id}`;
  return [eni.subnet.id, groupListKey(eni), eni.owner.type, eni.sourceDestCheck, eni.sourceNat].join('|');
}

/**
 * Senders towards external addresses only (no interface among the receivers): interfaces of alike subnets (alike.ts)
 * are alike too, and a public address sets a sender apart only by whether it has one. The internet gateway's one-to-one
 * translation is the last thing on the way out and the first on the way back: every component of the topology sees
 * the private address, which the cuts divide like any other
 * (https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html — one-to-one NAT to the public IPv4 address).
 */
const externalKeys = new WeakMap<M.NetworkInterface, string>();

function externalSenderKey(m: Member): string {
  let k = externalKeys.get(m.eni);
  if (k === undefined) {
    const e = m.eni;
    // a forwarding interface may be on its own class's way: it stays alone
    k = !e.sourceDestCheck ? `#${e.id}` : [subnetClass(e.subnet), groupListKey(e), e.owner.type, e.sourceDestCheck, e.sourceNat].join('|');
    externalKeys.set(e, k);
  }
  const pub = typeof m.addr === 'number' && publicOf(m.eni, m.addr) !== undefined;
  return `${typeof m.addr === 'number' ? 4 : 6}|${pub ? 'p' : ''}|${k}`;
}

interface Member {
  eni: M.NetworkInterface;
  addr: Addr;
}

type MemberKey = (m: Member) => string;

// An interface with public addresses is a class of its own, divided by the public address each private one maps to:
// the internet gateway's public-address check passes only the private addresses that have one
// (https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html — one-to-one NAT per private address).
const memberKey: MemberKey = (m) => {
  const k = `${typeof m.addr === 'number' ? 4 : 6}|${likeKey(m.eni)}`;
  return typeof m.addr === 'number' && k.charCodeAt(2) === 35 /* # */ ? `${k}|${publicOf(m.eni, m.addr) ?? '-'}` : k;
};

function groupAlike(ms: Member[], memberKey: MemberKey): Member[][] {
  const by = new Map<string, Member[]>();
  for (const m of ms) {
    const k = memberKey(m);
    const l = by.get(k);
    if (l) l.push(m);
    else by.set(k, [m]);
  }
  return [...by.values()];
}

function interfacesEnd(ms: Member[]): End {
  const byAddr = new Map<bigint, M.NetworkInterface>();
  for (const m of ms) byAddr.set(big(m.addr), m.eni);
  return { kind: 'interfaces', byAddr, addrs: normalize([...byAddr.keys()].map((a) => [a, a] as Range)) };
}

const FULL8: RangeSet = [[0n, 255n]];
const ZERO: RangeSet = [[0n, 0n]];
/** Component groups whose cuts and partitions stay cached between runs of the engine (see trimCaches). */
const COMPONENT_CACHE = 500;
/** Private (RFC 1918) and shared (RFC 6598) IPv4 ranges: no source on the internet side of a gateway has them. */
const PRIVATE_V4: RangeSet = normalize([...RFC1918, RFC6598].map(prefixRange));

/** Per topology: the cut index and the protocol classes, built once. */
interface ReachContext {
  cuts: CutIndex;
  protocolClasses: RangeSet[];
  partitions: Map<string, Map<string | number, Partition>>;
  ruleCuts: Map<string, RuleCuts | null>;
}

function context(t: M.Topology) {
  t.derived.reach ??= { cuts: new CutIndex(t), protocolClasses: protocolClasses(t), partitions: new Map(), ruleCuts: new Map() };
  return t.derived.reach;
}

/** Every protocol number a rule names is a class of its own (with TCP, UDP, ICMP, ICMPv6); all others form one class. */
export function namedProtocols(t: M.Topology): number[] {
  const named = new Set<number>([PROTO.ICMP, PROTO.TCP, PROTO.UDP, PROTO.ICMPV6]);
  const add = (rules: readonly { protocol: number }[]) => {
    for (const r of rules) if (r.protocol >= 0) named.add(r.protocol);
  };
  for (const g of t.securityGroups) {
    add(g.inbound);
    add(g.outbound);
  }
  for (const a of t.networkAcls) {
    add(a.inbound);
    add(a.outbound);
  }
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
  /** refused classes counted but not kept (acceptedOnly) */
  refused = 0;
  private acceptedOnly = false;
  private scanSources = false;
  private acrossSubnets = false;
  private readonly cuts: CutIndex;
  private readonly protocolClasses: RangeSet[];
  private readonly partitions: Map<string, Map<string | number, Partition>>;
  private readonly ruleCuts: Map<string, RuleCuts | null>;
  private readonly filters = new Map<string, boolean>();
  /** the current pair's refusals by address (queries that keep only what gets through) */
  private refusals: AddressRefusals | undefined;

  constructor(readonly t: M.Topology) {
    const c = context(t);
    this.cuts = c.cuts;
    this.protocolClasses = c.protocolClasses;
    this.partitions = c.partitions;
    this.ruleCuts = c.ruleCuts;
  }

  /** Classifies every packet from `from` to `to` within the options. */
  run(from: Side, to: Side, opts: EngineOptions): Classified[] {
    const out: Classified[] = [];
    forgetSplits();
    this.trimCaches();
    this.acceptedOnly = opts.acceptedOnly === true;
    this.scanSources = opts.scanSources === true;
    this.acrossSubnets = opts.acrossSubnets === true;
    for (const pair of this.pairs(from, to)) {
      this.refusals = this.acceptedOnly ? new AddressRefusals() : undefined;
      for (const protocols of this.protocolClasses) {
        const whole = this.initialCell(pair, protocols, opts);
        const narrowed = whole && this.acceptedOnly ? narrowBySecurityGroups(this.t, whole, this.endsOf(pair, whole)) : whole;
        const cell = narrowed && this.withoutRefused(narrowed);
        if (!cell) continue;
        for (const piece of this.splitCell(cell, [BASE], pair)) this.solve(pair, piece, [BASE], out);
      }
    }
    return out;
  }

  /**
   * The cuts, partitions and rule cuts of components are cached per topology. A query over the whole estate (exposure
   * runs the engine once per subnet) meets every component once and moves on, and the caches of 1,000 VPCs held more
   * than the estate itself: past COMPONENT_CACHE groups, the entries of components inside VPCs are dropped (the base,
   * reply and everything groups and the components that connect VPCs, which queries from every VPC meet, stay:
   * CutIndex.kept).
   */
  private trimCaches(): void {
    if (this.partitions.size <= COMPONENT_CACHE) return;
    for (const k of this.partitions.keys()) if (!this.cuts.kept(k)) this.partitions.delete(k);
    // an estate with that many of the shared components keeps none of them
    const all = this.partitions.size > COMPONENT_CACHE / 2;
    if (all) for (const k of this.partitions.keys()) if (!this.cuts.kept(k, false)) this.partitions.delete(k);
    this.ruleCuts.clear();
    this.cuts.forgetComponents(all);
  }

  /** The class without the destinations refused by address from all its sources, for an earlier protocol (protocol-blind.ts). */
  private withoutRefused(cell: Cell): Cell | undefined {
    const refused = this.refusals?.refusedFrom(cell.src);
    if (!refused?.length) return cell;
    const dst = subtract(cell.dst, refused);
    return dst.length ? { ...cell, dst } : undefined;
  }

  /** Source and destination pairs; at least one end is an interface (as in trace), pruned where the result is sure. */
  private *pairs(from: Side, to: Side): Generator<Pair> {
    // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html — a NAT gateway accepts no connection at
    // its own address (trace: NGW_NO_INBOUND), so when only what gets through is kept it is no destination at all
    const receives = (d: { eni: M.NetworkInterface }) => !(this.acceptedOnly && d.eni.owner.type === 'nat-gateway');
    const dsts = groupAlike(
      to.enis.filter(receives).flatMap((d) => d.addrs.map((addr) => ({ eni: d.eni, addr }))),
      memberKey,
    );
    const srcs = this.sourceGroups(from, to, dsts);
    for (const sg of srcs) {
      const family: Family = typeof sg[0]!.addr === 'number' ? 4 : 6;
      for (const dg of dsts) {
        if ((typeof dg[0]!.addr === 'number' ? 4 : 6) !== family) continue;
        const ok = (s: Member, d: Member) => s.eni !== d.eni && this.mayPass(s, d);
        const keptSrc = sg.filter((s) => dg.some((d) => ok(s, d)));
        const keptDst = dg.filter((d) => keptSrc.some((s) => ok(s, d)));
        if (!keptSrc.length || !keptDst.length) continue;
        // an interface never sends to itself: where the groups share interfaces, pair each sender with the others
        const shared = keptSrc.some((x) => keptDst.some((y) => y.eni === x.eni));
        if (!shared) yield { src: interfacesEnd(keptSrc), dst: interfacesEnd(keptDst), family };
        else
          for (const x of keptSrc) {
            const others = keptDst.filter((y) => y.eni !== x.eni);
            if (others.length) yield { src: interfacesEnd([x]), dst: interfacesEnd(others), family };
          }
      }
      const out = admittedOutbound(sg[0]!.eni);
      const ext = out ? intersect(to.ext[family], out[family]) : to.ext[family];
      if (ext.length) yield { src: interfacesEnd(sg), dst: { kind: 'external', addrs: ext }, family };
    }
    yield* this.externalPairs(from, dsts);
  }

  /**
   * The like-groups of senders. From every interface to interfaces only, the source index lists just those the
   * receivers' groups can admit; each group keeps the members and order a full listing gives (the rest pass no test).
   */
  private sourceGroups(from: Side, to: Side, dsts: Member[][]): Member[][] {
    const toInterfacesOnly = !to.ext[4].length && !to.ext[6].length;
    if (!this.scanSources && toInterfacesOnly && isEveryInterface(this.t, from)) {
      const c = candidateGroups(this.t, memberKey, dsts.flat(), admittedInboundRaw);
      if (c) return c;
    }
    return groupAlike(
      from.enis.filter((s) => canStart(s.eni)).flatMap((s) => s.addrs.filter((a) => !isPublic(s.eni, a)).map((addr) => ({ eni: s.eni, addr }))),
      this.acrossSubnets && !to.enis.length ? externalSenderKey : memberKey,
    );
  }

  private *externalPairs(from: Side, dsts: Member[][]): Generator<Pair> {
    const nat = translators(this.t);
    for (const family of [4, 6] as Family[]) {
      if (!from.ext[family].length) continue;
      const onPremises = externalSpace(this.t, family, 'on-premises');
      // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS
      // / _RFC6598_INGRESS: the internet gateway drops them (trace: fromInternetIpv4), so they never get through
      const dropped = this.acceptedOnly && family === 4 ? PRIVATE_V4 : [];
      const internet = subtract(subtract(from.ext[family], onPremises), dropped);
      const fromOnPrem = intersect(from.ext[family], onPremises);
      for (const dg of dsts) {
        if ((typeof dg[0]!.addr === 'number' ? 4 : 6) !== family) continue;
        // from the internet a packet arrives at the interface's own address; from on-premises it may be routed on
        const d = dg[0]!.eni;
        const inb = admittedInbound(d, nat);
        const raw = admittedInboundRaw(d);
        const ext = normalize([...(raw ? intersect(internet, raw[family]) : internet), ...(inb ? intersect(fromOnPrem, inb[family]) : fromOnPrem)]);
        if (ext.length) yield { src: { kind: 'external', addrs: ext }, dst: interfacesEnd(dg), family };
      }
    }
  }

  /** The sender's groups admit the destination, and the packet may be delivered (see mayArrive). */
  private mayPass(s: Member, d: Member): boolean {
    const out = admittedOutbound(s.eni);
    if (out && !has(out[typeof d.addr === 'number' ? 4 : 6], big(d.addr))) return false;
    return this.mayArrive(s.eni, s.addr, d.eni, d.addr);
  }

  /**
   * False when no packet from address `a` of `s` can be delivered to address `b` of `d`: the routes drop it, or the
   * receiver's groups admit none of the source addresses it can arrive with.
   */
  private mayArrive(s: M.NetworkInterface, a: Addr, d: M.NetworkInterface, b: Addr): boolean {
    const fate = routeFate(s.subnet, b);
    if (fate === 'dead') return false;
    const inb = admittedInboundRaw(d);
    if (!inb || fate === 'other') return true;
    const family: Family = typeof a === 'number' ? 4 : 6;
    if (fate === 'direct') return has(inb[family], big(a));
    const pub = family === 4 ? publicOf(s, a as number) : a;
    return pub !== undefined && has(inb[family], big(pub));
  }

  private initialCell(pair: Pair, protocols: RangeSet, opts: EngineOptions): Cell | undefined {
    let protos = protocols;
    if (opts.protocols) protos = intersect(protos, normalize(opts.protocols.map((p) => [BigInt(p), BigInt(p)] as Range)));
    if (!protos.length) return undefined;
    const p = Number(protos[0]![0]);
    // trace refuses ICMP over IPv6 and ICMPv6 over IPv4: those packets do not exist
    if ((p === PROTO.ICMP && pair.family === 6) || (p === PROTO.ICMPV6 && pair.family === 4)) return undefined;
    const ports = p === PROTO.TCP || p === PROTO.UDP;
    const cell: Cell = {
      family: pair.family,
      src: pair.src.addrs,
      dst: pair.dst.addrs,
      protocols: protos,
      ports: ports ? opts.ports : ZERO,
      srcPorts: ports ? opts.srcPorts : ZERO,
      icmpTypes: isIcmp(p) ? FULL8 : ZERO,
      icmpCodes: isIcmp(p) ? FULL8 : ZERO,
    };
    return cell.ports.length && cell.srcPorts.length ? cell : undefined;
  }

  /** Trace the representative; if its round trip touched groups whose cuts divide the class, divide and recurse. */
  /** `used`: the cut groups that have divided the class (a few dozen at most: an array reads them faster than a set). */
  private solve(pair: Pair, cell: Cell, used: readonly string[], out: Classified[], known?: Traced): void {
    const r = known ?? this.traceRep(pair, cell);
    if (!r) return; // not a flow trace() accepts as a question (e.g. an endpoint that starts no connections)
    if (r.components && pair.src.kind === 'interfaces') {
      const pieces = this.splitBySubnet(pair.src, cell, r.components);
      if (pieces) {
        // the representative is the lowest address of the class, so also of its own subnet's piece
        const kept = { ...r, components: undefined };
        for (let i = 0; i < pieces.length; i++) this.solve(pair, pieces[i]!, used, out, i === 0 ? kept : undefined);
        return;
      }
    }
    const fresh = r.groups.filter((g) => !used.includes(g));
    if (!fresh.length) {
      this.classified(pair, cell, r.outcome, out);
      return;
    }
    // What decides the path (routes, gateways, translations) divides the class first; then the filters, one at a time
    // in the order the packet meets them: a piece the first one refuses is final there, without the cuts of the filters
    // behind it (refusalHops). The piece holding the representative keeps its trace.
    const routing = fresh.filter((g) => !this.isFilter(g));
    const step = routing.length ? routing : fresh.slice(0, 1);
    const next = used.concat(step);
    const kept = r.components ? { ...r, components: undefined } : r;
    const role = routing.length ? undefined : r.roles.get(step[0]!);
    for (const piece of this.splitCell(cell, step, pair, role)) this.solve(pair, piece, next, out, isRepOf(piece, cell) ? kept : undefined);
  }

  /** Is the cut group that of a security group or network ACL hop (which only allows or denies)? */
  private isFilter(group: string): boolean {
    let f = this.filters.get(group);
    if (f === undefined) {
      const g = groupParts(unwrapNat64(group));
      this.filters.set(group, (f = isFilterKind(g && this.t.byId.get(g.component)?.kind)));
    }
    return f;
  }

  /**
   * A class of senders in several subnets (acrossSubnets) whose representative's round trip passed a component that
   * decides by the sender's zone or has a device in one of those subnets: the class divided by subnet, the
   * representative's subnet first; undefined when the class may stay whole (see alike.ts).
   */
  private splitBySubnet(src: End & { kind: 'interfaces' }, cell: Cell, components: string[]): Cell[] | undefined {
    const by = new Map<M.Subnet, Range[]>();
    for (const [lo, hi] of cell.src)
      for (let a = lo; a <= hi; a++) {
        const subnet = src.byAddr.get(a)!.subnet;
        const l = by.get(subnet);
        if (l) l.push([a, a]);
        else by.set(subnet, [[a, a]]);
      }
    if (by.size < 2) return undefined;
    const rep = ownerId(src.byAddr.get(cell.src[0]![0])!);
    const decides = components.some((c) => {
      if (c === rep) return false;
      const k = sharedComponent(this.t, c);
      return k === 'zone' || (k !== 'same' && [...k].some((x) => by.has(x)));
    });
    return decides ? [...by.values()].map((rs) => ({ ...cell, src: normalize(rs) })) : undefined;
  }

  /** The two ends of a pair as narrowBySecurityGroups() reads them. */
  private endsOf(pair: Pair, cell: Cell): Ends {
    const first = (e: End) => (e.kind === 'interfaces' ? e.byAddr.values().next().value : undefined);
    const dstAddrs = pair.dst.kind === 'interfaces' ? [...pair.dst.byAddr.keys()] : [];
    // an external source keeps its address up to the receiver unless it comes from on-premises or through an appliance
    const viaRelays = pair.src.kind === 'external' && (hasForwarders(this.t) || meets(cell.src, externalSpace(this.t, cell.family, 'on-premises')));
    return { src: first(pair.src), dst: first(pair.dst), dstAddrs, viaRelays };
  }

  /** The class, with interface groups split back into their interfaces (each with the path through itself). */
  private classified(pair: Pair, cell: Cell, outcome: Outcome, out: Classified[]): void {
    if (this.acceptedOnly && outcome.verdict === 'REJECT' && !outcome.natPortDependent) {
      this.refused++;
      if (outcome.byAddress) this.refusals?.add(cell.src, cell.dst);
      return;
    }
    const repSrc = pair.src.kind === 'interfaces' ? pair.src.byAddr.get(cell.src[0]![0]) : undefined;
    const repDst = pair.dst.kind === 'interfaces' ? pair.dst.byAddr.get(cell.dst[0]![0]) : undefined;
    const ends = (e: End, set: RangeSet, kind: Outcome['srcKind']): { end: CellEnd; eni?: M.NetworkInterface }[] => {
      if (e.kind === 'external') return [{ end: { kind: 'external', network: kind as Network, addrs: set } }];
      const by = new Map<M.NetworkInterface, Range[]>();
      for (const [lo, hi] of set)
        for (let a = lo; a <= hi; a++) {
          const eni = e.byAddr.get(a)!;
          const l = by.get(eni);
          if (l) l.push([a, a]);
          else by.set(eni, [[a, a]]);
        }
      return [...by].map(([eni, rs]) => ({ end: { kind: 'interface', eni, addrs: normalize(rs) }, eni }));
    };
    for (const s of ends(pair.src, cell.src, outcome.srcKind)) {
      for (const d of ends(pair.dst, cell.dst, outcome.dstKind)) {
        if (s.eni && s.eni === d.eni) continue;
        const path = outcome.path.map((c) =>
          repSrc && s.eni && c === ownerId(repSrc) ? ownerId(s.eni) : repDst && d.eni && c === ownerId(repDst) ? ownerId(d.eni) : c,
        );
        out.push({ cell: { ...cell, src: s.end.addrs, dst: d.end.addrs }, src: s.end, dst: d.end, outcome: { ...outcome, path } });
      }
    }
  }

  private traceRep(pair: Pair, cell: Cell): Traced | undefined {
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
      packets: true,
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
    // Security groups are stateful: on the way back they pass the reply of a flow they let out or in without reading
    // a rule. Only an interface the request did not cross (an appliance on an asymmetric path) reads its rules then.
    const appliance = hops.some((h) => (h.kind === 'instance' || h.kind === 'network-interface') && (h.decision === 'FORWARD' || h.decision === 'NAT'));
    const decisive = this.acceptedOnly ? refusalHops(res) : undefined;
    for (const h of hops)
      if ((appliance || h.direction === 'forward' || h.kind !== 'security-group') && (!decisive || decisive(h)))
        groups.add(viaNat64(cell, h) + this.cuts.groups(h.component, h.flow, h.direction));
    if (res.forward.verdict === 'ACCEPT' && isIcmp(proto)) groups.add(REPLY);
    const rep = { src: res.flow.srcIp, dst: res.flow.dstIp, port: spec.port!, srcPort: spec.srcPort! };
    const roles = aclRoles(res, rep, (h) => viaNat64(cell, h) + this.cuts.groups(h.component, h.flow, h.direction));
    const path: string[] = [];
    for (const h of res.forward.hops) if (path[path.length - 1] !== h.component) path.push(h.component);
    const outcome: Outcome = {
      verdict:
        res.verdict === 'ACCEPT' && deliveredElsewhere(pair.dst.kind === 'interfaces' ? pair.dst.byAddr.get(cell.dst[0]![0]) : undefined, res)
          ? 'REJECT'
          : res.verdict,
      path,
      blockedBy: res.blockedBy,
      reason: res.reason,
      srcKind: res.from.kind === 'interface' ? 'interface' : res.from.kind,
      dstKind: res.to.kind === 'interface' ? 'interface' : res.to.kind,
      natPortDependent: natPortDependent(this.t, res, proto),
      ...(res.verdict === 'REJECT' && refusedByAddress(this.t, res) ? { byAddress: true } : {}),
    };
    // senders of several subnets in one class: what the round trip passed, to tell whether their subnets decided
    const components = this.acrossSubnets && pair.src.kind === 'interfaces' ? [...new Set(hops.map((h) => h.component))] : undefined;
    return { outcome, groups: [...groups], components, roles };
  }

  /**
   * The product of each field's classes under the cuts of `groups`. Addresses are divided first; each pair of
   * address classes is then divided at the ports and ICMP types of only those ACL and security-group rules whose
   * peers it can meet (see rule-cuts.ts). When only what gets through is kept, each pair of address classes first
   * loses the ports and ICMP types the ends' security groups cannot admit for those addresses (admit.ts).
   */
  private splitCell(cell: Cell, groups: string[], pair?: Pair, role?: AclRole): Cell[] {
    const proto = Number(cell.protocols[0]![0]);
    const single = (set: RangeSet) => set.length === 1 && set[0]![0] === set[0]![1];
    const by = (set: RangeSet, parts: (g: string) => Partition) => (single(set) ? [set] : refine(set, groups.map(parts)));
    // a network ACL hop reads one address (its peer): the other is not divided by its CIDRs
    const addrs = (field: 'src' | 'dst') =>
      role && role.peer !== field ? [cell[field]] : by(cell[field], (g) => this.addressPartition(g, cell.family, proto));
    const srcs = addrs('src');
    const dsts = addrs('dst');
    const codes = by(cell.icmpCodes, (g) => this.partition(unwrapNat64(g), 'c', proto));
    const out: Cell[] = [];
    const narrow = pair && this.acceptedOnly && srcs.length + dsts.length > 2;
    for (const src of srcs) {
      for (const dst of dsts) {
        const sub = narrow ? narrowBySecurityGroups(this.t, { ...cell, src, dst }, this.endsOf(pair, cell)) : cell;
        if (!sub) continue;
        const seen = cell.family === 4 ? [src, dst, relays(this.t)[4]] : undefined;
        const part = (field: '>' | '<' | 't') => (g: string) =>
          this.rulePartition(unwrapNat64(g), field, proto, seen) ?? this.partition(unwrapNat64(g), field, proto);
        // the request's ports meet the forward path, the source ports come back as the reply's destination ports
        const decided = role && this.aclDecides(groups[0]!, proto, cell.family, role.peer === 'src' ? src : dst);
        const transport = proto === PROTO.TCP || proto === PROTO.UDP;
        const ports = decided && transport && role.port === 'ports' ? decided(sub.ports) : by(sub.ports, part('>'));
        const srcPorts = decided && transport && role.port === 'srcPorts' ? decided(sub.srcPorts) : by(sub.srcPorts, part('<'));
        // the reply's ICMP type is not the request's: only a hop on the way there divides the types by its decision
        const types = decided && role.port === 'ports' && isIcmp(proto) ? decided(sub.icmpTypes) : by(sub.icmpTypes, part('t'));
        for (const p of ports)
          for (const sp of srcPorts) for (const ty of types) for (const co of codes) out.push(makeCell(cell.family, src, dst, cell.protocols, p, sp, ty, co));
      }
    }
    return out;
  }

  /**
   * The division of a port set by what one network ACL hop decides for every packet from or to `peers`: the ports it
   * allows and those it denies; undefined when the hop does not treat the peers alike (see acl-decision.ts).
   */
  private aclDecides(group: string, proto: number, family: Family, peers: RangeSet): ((set: RangeSet) => RangeSet[]) | undefined {
    const g = this.cuts.parts(group);
    const acl = g && this.t.byId.get(g.component);
    if (acl?.kind !== 'network-acl') return undefined;
    const allowed = aclAllowed(g!.flow === 'ingress' ? acl.inbound : acl.outbound, proto, family, peers);
    return allowed && ((set) => [intersect(set, allowed), subtract(set, allowed)].filter((x) => x.length > 0));
  }

  /**
   * The port or ICMP-type partition of an ACL or security-group hop, from the rules whose peers meet one of the
   * address sets `seen` (every rule when undefined); undefined for other components.
   */
  private rulePartition(group: string, field: '>' | '<' | 't', proto: number, seen: RangeSet[] | undefined): Partition | undefined {
    if (group === BASE || group === EVERYTHING || group === REPLY) return undefined;
    let rc = this.ruleCuts.get(group);
    if (rc === undefined) {
      const g = groupParts(group);
      this.ruleCuts.set(group, (rc = (g && ruleCuts(this.t.byId.get(g.component), g.flow)) ?? null));
    }
    if (!rc) return undefined;
    if ((field === '>' && group.startsWith('R@')) || (field === '<' && group.startsWith('F@'))) return this.partition(group, field, proto);
    const all = (field === 't' ? rc.icmpTypes : rc.ports).get(proto) ?? [];
    // `seen` is [source, destination, relays]: whether a rule's peer meets the relays is asked once per rule
    const kept = seen ? all.map((c) => !c.peer || meets(c.peer[4], seen[0]!) || meets(c.peer[4], seen[1]!) || this.meetsRelays(c)) : all.map(() => true);
    const key = `${proto}${field}#${kept.map((k) => (k ? 1 : 0)).join('')}`;
    const m = this.partitionsOf(group);
    let p = m.get(key);
    if (!p) {
      let cuts = all.filter((_, i) => kept[i]);
      // a hop on the way back reads the reply's ICMP type: its cuts fall on the requests whose reply has that type
      if (field === 't' && group.startsWith('R@')) cuts = cuts.flatMap((c) => requestTypes(proto, c.range).map((range) => ({ ...c, range })));
      m.set(
        key,
        (p = Partition.of(
          cuts.map((c) => c.range),
          cuts.map((c) => c.label),
        )),
      );
    }
    return p;
  }

  private meetsRelays(c: RuleCut): boolean {
    let r = relayMeets.get(c);
    if (r === undefined) relayMeets.set(c, (r = meets(c.peer![4], relays(this.t)[4])));
    return r;
  }

  /** The partitions of one group of cuts, by field (and protocol). */
  private partitionsOf(group: string): Map<string | number, Partition> {
    let m = this.partitions.get(group);
    if (!m) this.partitions.set(group, (m = new Map()));
    return m;
  }

  /**
   * The address classes of a group. A hop that saw the packet as IPv4 after NAT64 draws its IPv4 cuts (as well as its
   * IPv6 ones) over the IPv6 addresses of 64:ff9b::/96 that carry them (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-nat64-dns64.html).
   */
  private addressPartition(group: string, family: Family, proto: number): Partition {
    const nat64 = group.startsWith(NAT64_GROUP);
    const c = this.cuts.cuts(unwrapNat64(group));
    // NAT64 turns ICMPv6 into ICMP: a translated class meets the rules of every protocol
    const own = nat64 ? [...c.protoAddr.values()] : c.protoAddr.has(proto) ? [c.protoAddr.get(proto)!] : [];
    if (!nat64 && !own.length) return this.partition(group, `a${family}`, 0);
    // keys of the address partitions kept with a group's other partitions (see partition()): negative, apart by kind
    const key = nat64 ? -64 : -(100 + proto * 10 + family);
    const m = this.partitionsOf(nat64 ? group : this.cuts.canonical(group));
    let p = m.get(key);
    if (!p) {
      const addr4 = [...c.addr4, ...own.flatMap((x) => x.addr4)];
      const addr6 = [...c.addr6, ...own.flatMap((x) => x.addr6)];
      if (!nat64) p = Partition.of(family === 4 ? addr4 : addr6);
      else {
        const base = NAT64_PREFIX.base as bigint;
        const v4 = [...addr4, ...this.interfaceAddresses4(unwrapNat64(group))];
        p = Partition.of([...addr6, ...v4.map(([lo, hi]) => [base + lo, base + hi] as Range)]);
      }
      m.set(key, p);
    }
    return p;
  }

  /**
   * The IPv4 addresses of the interfaces in a component's VPC. An IPv4 class's destinations are interfaces, each its
   * own identity (cuts.ts); an IPv6 class translated by NAT64 reaches them from an external range, which the VPC's
   * delivery (an interface owns the address, or NO_INTERFACE_FOR_DESTINATION) divides at each of them.
   */
  private interfaceAddresses4(group: string): Range[] {
    const g = groupParts(group);
    const r = g && this.t.byId.get(g.component);
    const vpc = r?.kind === 'vpc' ? r : r && 'vpc' in r ? (r.vpc as M.Vpc | undefined) : undefined;
    if (!vpc) return [];
    const out: Range[] = [];
    for (const eni of this.t.interfaces)
      if (eni.vpc === vpc) for (const a of [eni.privateIp, ...eni.secondaryPrivateIps]) if (typeof a === 'number') out.push([BigInt(a), BigInt(a)]);
    return out;
  }

  /** The classes one group of cuts draws over one field (built once per topology). */
  private partition(group: string, field: string, proto: number): Partition {
    // address classes depend on the cuts alone, which the request's and the reply's hops of a component share
    const m = this.partitionsOf(field === 'a4' || field === 'a6' ? this.cuts.canonical(group) : group);
    const key = field === 'a4' ? -4 : field === 'a6' ? -6 : proto * 4 + FIELD_INDEX[field as '>' | '<' | 't' | 'c'];
    let p = m.get(key);
    if (p) return p;
    const c = this.cuts.cuts(group);
    if (field === 'a4' || field === 'a6') p = Partition.of(field === 'a4' ? c.addr4 : c.addr6);
    else if ((field === '>' && group.startsWith('R@')) || (field === '<' && group.startsWith('F@'))) p = Partition.of([]);
    else if (field === '>' || field === '<') p = Partition.of(c.ports.get(proto) ?? [], c.portLabels.get(proto) ?? []);
    else if (field === 't') {
      const cuts = c.icmpTypes.get(proto) ?? [];
      // the types with a reply are one class; a hop on the way back sees the reply's type
      if (group === REPLY)
        p = Partition.of(
          cuts,
          cuts.map(() => REPLY),
        );
      else p = Partition.of(group.startsWith('R@') ? cuts.flatMap((r) => requestTypes(proto, r)) : cuts);
    } else p = Partition.of(c.icmpCodes.get(proto) ?? []);
    m.set(key, p);
    return p;
  }
}

/** A representative's trace: its outcome, the cut groups its round trip touched and (acrossSubnets) the components it passed. */
interface Traced {
  outcome: Outcome;
  groups: string[];
  components?: string[];
  /** the network ACL hops that read the class's own peer address and port (acl-decision.ts), by cut group */
  roles: Map<string, AclRole>;
}

function viaNat64(cell: Cell, h: Hop): string {
  return cell.family === 6 && (!h.packet.dst.includes(':') || !h.packet.src.includes(':')) ? NAT64_GROUP : '';
}

const FIELD_INDEX = { '>': 0, '<': 1, t: 2, c: 3 } as const;

/** Per rule cut: does its peer meet the addresses that relay or rewrite a packet's source? */
const relayMeets = new WeakMap<RuleCut, boolean>();

const forwarders = new WeakMap<M.Topology, boolean>();

/**
 * Interfaces of instances that forward or translate (appliances, NAT instances) can rewrite a packet's source: only
 * with the source/destination check off (https://docs.aws.amazon.com/vpc/latest/userguide/VPC_NAT_Instance.html#EIP_Disable_SrcDestCheck).
 */
function hasForwarders(t: M.Topology): boolean {
  let r = forwarders.get(t);
  if (r === undefined) forwarders.set(t, (r = t.interfaces.some((e) => (e.owner.type === 'instance' || e.owner.type === 'none') && !e.sourceDestCheck)));
  return r;
}

/**
 * For a refused representative when only what gets through is kept: the hops whose cuts can change the outcome.
 * Security groups and network ACLs only allow or deny; they never change where a packet goes or what it becomes. So
 * a packet of the class that one of them (other than the hop that refused) treats differently is denied there, or
 * takes the same path to the same refusal: the class is refused whole once the routing and translating hops and the
 * refusing hop see it alike, and their cuts alone divide it. Undefined (every hop counts) for an accepted round trip,
 * and when the reply crossed a NAT gateway's translation (which ports it picks depends on the filters: nat-port.ts).
 */
function refusalHops(res: TraceResult): ((h: Hop) => boolean) | undefined {
  if (res.verdict !== 'REJECT') return undefined;
  const walk = res.forward.verdict === 'REJECT' ? res.forward : res.return;
  if (!walk || walk.blockedAt === undefined) return undefined;
  if (walk === res.return && res.forward.hops.some((h) => h.kind === 'nat-gateway')) return undefined;
  const refusing = new Set([walk.hops[walk.blockedAt], walk.hops[walk.hops.length - 1]]);
  return (h) => !isFilterKind(h.kind) || refusing.has(h);
}

/** An ACCEPT counts only when the packet reached the interface asked about, not another one with the same address. */
function deliveredElsewhere(dst: M.NetworkInterface | undefined, res: TraceResult): boolean {
  if (!dst) return false;
  const last = res.forward.hops[res.forward.hops.length - 1];
  return !last || last.decision !== 'DELIVER' || last.component !== ownerId(dst);
}

/** A class written field by field: one shape for every cell (spreading a cell into a new one is dear in the hot loop). */
function makeCell(
  family: Family,
  src: RangeSet,
  dst: RangeSet,
  protocols: RangeSet,
  ports: RangeSet,
  srcPorts: RangeSet,
  icmpTypes: RangeSet,
  icmpCodes: RangeSet,
): Cell {
  return { family, src, dst, protocols, ports, srcPorts, icmpTypes, icmpCodes };
}

function isRepOf(piece: Cell, cell: Cell): boolean {
  return (
    piece.src[0]![0] === cell.src[0]![0] &&
    piece.dst[0]![0] === cell.dst[0]![0] &&
    piece.ports[0]![0] === cell.ports[0]![0] &&
    piece.srcPorts[0]![0] === cell.srcPorts[0]![0] &&
    piece.icmpTypes[0]![0] === cell.icmpTypes[0]![0] &&
    piece.icmpCodes[0]![0] === cell.icmpCodes[0]![0]
  );
}

export function addrOf(family: Family, v: bigint): Addr {
  return family === 4 ? Number(v) : v;
}

/**
 * How to name an interface's address to trace(): the address itself when it resolves back to this interface, else an
 * id that resolves to it (overlapping VPCs can give two interfaces one address).
 */
function endpointText(t: M.Topology, end: End, a: Addr): string {
  if (end.kind === 'external') return formatAddr(a);
  const eni = end.byAddr.get(big(a))!;
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
