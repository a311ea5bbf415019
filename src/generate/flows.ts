// A realistic mix of flows over a topology (normally a generated one), for the benchmark and batch tests.
// Each flow is built for its purpose and checked against the network ACLs and security groups it crosses
// (a small first-match evaluator, not the tracer), so `expect` is the outcome the estate is designed to give.
import type { GeneratedTopology, GenNaclRule, GenSgRule } from './types.js';
import { mulberry32, type Rng } from './rng.js';
import { contains, formatIpv4, lastAddr, parseCidrLoose, parseIpv4, type Prefix } from '../net/ip.js';
import { DEFAULT_SRC_PORT, parsePorts } from '../net/protocol.js';

export type SampleFlowKind = 'same-subnet' | 'cross-subnet' | 'internet' | 'cross-vpc' | 'nacl-reject' | 'sg-reject' | 'no-route';

export interface SampleFlow {
  /** an instance id */
  from: string;
  /** an instance id, or an IPv4 address on the internet or in unassigned estate space */
  to: string;
  protocol: 'tcp';
  port: number;
  kind: SampleFlowKind;
  expect: 'ACCEPT' | 'REJECT';
}

const KINDS: readonly SampleFlowKind[] = ['same-subnet', 'cross-subnet', 'internet', 'cross-vpc', 'nacl-reject', 'sg-reject', 'no-route'];
const EXPECT: Record<SampleFlowKind, 'ACCEPT' | 'REJECT'> = {
  'same-subnet': 'ACCEPT',
  'cross-subnet': 'ACCEPT',
  internet: 'ACCEPT',
  'cross-vpc': 'ACCEPT',
  'nacl-reject': 'REJECT',
  'sg-reject': 'REJECT',
  'no-route': 'REJECT',
};
/**
 * The mix of a large enterprise estate: most flows go between VPCs through the transit gateway, a few stay in a
 * VPC or go to the internet, and a few are refused. Weights, normalised over the kinds the estate can produce.
 */
export const TRANSIT_MIX: Readonly<Record<SampleFlowKind, number>> = {
  'cross-vpc': 80,
  'cross-subnet': 5,
  'same-subnet': 3,
  internet: 5,
  'nacl-reject': 3,
  'sg-reject': 3,
  'no-route': 1,
};

export interface SampleOptions {
  /** relative weight of each kind; default: every kind the estate can produce equally often */
  mix?: Partial<Record<SampleFlowKind, number>>;
}

/** Well-known public addresses, outside every AWS service prefix a gateway endpoint routes. */
const INTERNET_HOSTS = ['93.184.216.34', '151.101.1.69', '140.82.112.3', '104.16.132.229'];
/** The source port a return packet is addressed to, for the ephemeral-port checks. */
const EPHEMERAL = DEFAULT_SRC_PORT;

type Cidr = Prefix;
type SubnetClass = 'public' | 'private' | 'isolated';
interface Inst {
  id: string;
  ip: number;
  subnet: string;
  vpc: string;
  cls: SubnetClass;
  acl: string | undefined;
  sgs: string[];
  publicIp: boolean;
}

// Addresses and ports are parsed by the same helpers as the loader (src/net/ip.ts, src/bind/rules.ts); only the
// per-text cache is this file's own, since the same rule CIDRs recur across thousands of flows.
const cidrCache = new Map<string, Cidr | null>();
function parseV4(text: string): number | null {
  const r = parseIpv4(text);
  return r.ok ? r.value : null;
}
function cidrOf(text: string): Cidr | null {
  let c = cidrCache.get(text);
  if (c !== undefined) return c;
  const r = parseCidrLoose(text);
  c = r.ok && r.value.prefix.family === 4 ? r.value.prefix : null;
  if (cidrCache.size > 100_000) cidrCache.clear();
  cidrCache.set(text, c);
  return c;
}
const inCidr = (c: Cidr, ip: number) => contains(c, ip);

function portMatches(ports: number | string | undefined, port: number): boolean {
  const r = parsePorts(ports);
  return !r.ok ? false : !r.value || (r.value.from <= port && port <= r.value.to);
}
function firstPort(ports: number | string | undefined): number | undefined {
  if (ports === undefined) return undefined;
  return typeof ports === 'number' ? ports : Number(String(ports).split('-')[0]);
}

interface SubnetInfo {
  vpc: string;
  az: string;
  cls: SubnetClass;
  acl: string | undefined;
  rt: string;
}

/** The topology indexed for sampling, with the small first-match evaluator of its NACLs and security groups. */
class Estate {
  readonly rts: Map<string, GeneratedTopology['routeTables'][number]>;
  readonly subnetInfo = new Map<string, SubnetInfo>();
  readonly natAcl: Map<string, string | undefined>;
  readonly acls = new Map<string, { inbound: GenNaclRule[]; outbound: GenNaclRule[] }>();
  readonly sgs: Map<string, GenSgRule[]>;
  readonly prefixLists: Map<string, Cidr[]>;
  readonly insts: Inst[] = [];
  readonly bySubnet = new Map<string, Inst[]>();
  readonly byVpc = new Map<string, Inst[]>();
  readonly bySg = new Map<string, Inst[]>();
  /** VPCs attached to the transit gateway */
  readonly tgwVpcs: string[];
  readonly tgwSet: Set<string>;
  /** per VPC, AZ -> NACL id of the attachment's subnet there ('' for the default NACL) */
  readonly attachmentAcl = new Map<string, Map<string, string>>();
  readonly peers = new Map<string, string[]>();
  /** an estate address no VPC holds, behind a transit-gateway route: the hub has no route for it */
  readonly unassigned: string | undefined;

  constructor(readonly t: GeneratedTopology) {
    const igws = new Set((t.internetGateways ?? []).map((g) => g.id));
    const nats = new Set((t.natGateways ?? []).map((g) => g.id));
    this.rts = new Map((t.routeTables ?? []).map((r) => [r.id, r]));
    for (const s of t.subnets ?? []) {
      const routes = this.rts.get(s.routeTable)?.routes ?? [];
      const def = routes.find((r) => r.destination === '0.0.0.0/0');
      const cls: SubnetClass = !def ? 'isolated' : igws.has(def.target) ? 'public' : nats.has(def.target) ? 'private' : 'private';
      this.subnetInfo.set(s.id, { vpc: s.vpc, az: s.az, cls, acl: s.networkAcl, rt: s.routeTable });
    }
    this.natAcl = new Map<string, string | undefined>((t.natGateways ?? []).map((g) => [g.id, this.subnetInfo.get(g.subnet)?.acl]));
    for (const a of t.networkAcls ?? []) {
      this.acls.set(a.id, { inbound: [...a.inbound].sort((x, y) => x.rule - y.rule), outbound: [...a.outbound].sort((x, y) => x.rule - y.rule) });
    }
    this.sgs = new Map<string, GenSgRule[]>((t.securityGroups ?? []).map((g) => [g.id, g.inbound ?? []]));
    this.prefixLists = new Map<string, Cidr[]>((t.prefixLists ?? []).map((p) => [p.id, p.cidrs.map(cidrOf).filter((c): c is Cidr => c !== null)]));
    this.indexInstances();
    // Reachability between VPCs: every attached VPC via the transit gateway, or direct peers.
    this.tgwVpcs = (t.transitGatewayAttachments ?? []).map((a) => a.vpc).filter((v) => this.byVpc.has(v));
    this.tgwSet = new Set(this.tgwVpcs);
    this.indexAttachmentAcls();
    for (const p of t.peeringConnections ?? []) {
      push(this.peers, p.requesterVpc, p.accepterVpc);
      push(this.peers, p.accepterVpc, p.requesterVpc);
    }
    this.unassigned = unassignedAddress(t);
  }

  private indexInstances(): void {
    for (const i of this.t.instances ?? []) {
      const s = this.subnetInfo.get(i.subnet);
      const ip = parseV4(i.privateIp);
      if (!s || ip === null) continue;
      const inst: Inst = { id: i.id, ip, subnet: i.subnet, vpc: s.vpc, cls: s.cls, acl: s.acl, sgs: i.securityGroups ?? [], publicIp: !!i.publicIp };
      this.insts.push(inst);
      push(this.bySubnet, inst.subnet, inst);
      push(this.byVpc, inst.vpc, inst);
      for (const g of inst.sgs) push(this.bySg, g, inst);
    }
  }

  /** Traffic between VPCs over the transit gateway also crosses the NACL of the attachment's subnet in the
   *  instance's AZ (or its first subnet). */
  private indexAttachmentAcls(): void {
    for (const a of this.t.transitGatewayAttachments ?? []) {
      if (!a.vpc) continue;
      const byAz = new Map<string, string>();
      for (const sid of a.subnets ?? []) {
        const s = this.subnetInfo.get(sid);
        if (s && !byAz.has(s.az)) byAz.set(s.az, s.acl ?? '');
      }
      if (byAz.size > 0) this.attachmentAcl.set(a.vpc, byAz);
    }
  }

  attAcl(i: Inst): string | undefined {
    const byAz = this.attachmentAcl.get(i.vpc);
    if (!byAz) return undefined;
    const acl = byAz.get(this.subnetInfo.get(i.subnet)!.az) ?? byAz.values().next().value!;
    return acl === '' ? undefined : acl;
  }

  /** The attachment subnets' NACLs on both sides pass the request and its reply. */
  transitPasses(src: Inst, dst: Inst, port: number): boolean {
    const s = this.attAcl(src);
    const d = this.attAcl(dst);
    return (
      this.naclAllows(s, 'inbound', port, src.ip) &&
      this.naclAllows(s, 'outbound', port, dst.ip) &&
      this.naclAllows(d, 'inbound', port, src.ip) &&
      this.naclAllows(d, 'outbound', port, dst.ip) &&
      this.naclAllows(d, 'inbound', EPHEMERAL, dst.ip) &&
      this.naclAllows(d, 'outbound', EPHEMERAL, src.ip) &&
      this.naclAllows(s, 'inbound', EPHEMERAL, dst.ip) &&
      this.naclAllows(s, 'outbound', EPHEMERAL, src.ip)
    );
  }

  naclAllows(acl: string | undefined, dir: 'inbound' | 'outbound', port: number, peer: number): boolean {
    if (!acl) return true;
    const a = this.acls.get(acl);
    if (!a) return true;
    for (const r of a[dir]) {
      if (r.protocol !== 'all' && r.protocol !== 'tcp' && r.protocol !== '6') continue;
      if (r.protocol !== 'all' && !portMatches(r.ports, port)) continue;
      const c = cidrOf(r.cidr);
      if (c && inCidr(c, peer)) return r.action === 'allow';
    }
    return false;
  }

  sourceMatches(source: string, src: Inst): boolean {
    if (src.sgs.includes(source)) return true;
    const pl = this.prefixLists.get(source);
    if (pl) return pl.some((c) => inCidr(c, src.ip));
    const c = cidrOf(source);
    return !!c && inCidr(c, src.ip);
  }

  /** Ports on which dst's security groups admit src over TCP, as the first port of each matching rule. */
  allowedPorts(dst: Inst, src: Inst): number[] {
    const out: number[] = [];
    for (const g of dst.sgs) {
      for (const r of this.sgs.get(g) ?? []) {
        if (r.protocol !== 'tcp' && r.protocol !== 'all') continue;
        const p = firstPort(r.ports);
        if (p !== undefined && this.sourceMatches(r.source, src)) out.push(p);
      }
    }
    return out;
  }

  sgAllows(dst: Inst, src: Inst, port: number): boolean {
    for (const g of dst.sgs) {
      for (const r of this.sgs.get(g) ?? []) {
        if ((r.protocol === 'tcp' || r.protocol === 'all') && portMatches(r.ports, port) && this.sourceMatches(r.source, src)) return true;
      }
    }
    return false;
  }

  /** Both subnets' NACLs pass the request and its reply (same subnet: no NACL is crossed). */
  naclsPass(src: Inst, dst: Inst, port: number): boolean {
    if (src.subnet === dst.subnet) return true;
    return (
      this.naclAllows(src.acl, 'outbound', port, dst.ip) &&
      this.naclAllows(dst.acl, 'inbound', port, src.ip) &&
      this.naclAllows(dst.acl, 'outbound', EPHEMERAL, src.ip) &&
      this.naclAllows(src.acl, 'inbound', EPHEMERAL, dst.ip)
    );
  }

  acceptable(src: Inst, dst: Inst, port: number): boolean {
    return this.sgAllows(dst, src, port) && this.naclsPass(src, dst, port);
  }
}

/** An estate address no VPC holds, behind a transit-gateway route (near the end of the route's block). */
function unassignedAddress(t: GeneratedTopology): string | undefined {
  let unassigned: string | undefined;
  const vpcCidrs = (t.vpcs ?? []).map((v) => cidrOf(v.cidr)).filter((c): c is Cidr => c !== null);
  const tgwIds = new Set((t.transitGateways ?? []).map((g) => g.id));
  for (const r of t.routeTables ?? []) {
    for (const route of r.routes ?? []) {
      if (unassigned || !tgwIds.has(route.target)) continue;
      const c = cidrOf(route.destination);
      if (!c) continue;
      const probe = ((lastAddr(c) as number) - 9) >>> 0;
      if (!vpcCidrs.some((v) => inCidr(v, probe))) unassigned = fmt(probe);
    }
  }
  return unassigned;
}

/** The instance groups the makers draw from. */
interface Pools {
  crowdedSubnets: Inst[][];
  natted: Inst[];
  isolated: Inst[];
  routed: Inst[];
}

type Made = { from: string; to: string; port: number } | undefined;
type Maker = (e: Estate, p: Pools, rng: Rng) => Made;

/** One maker per kind: a flow of that kind, or undefined when this draw found none. */
const MAKERS: Record<SampleFlowKind, Maker> = {
  'same-subnet': (e, p, rng) => {
    if (p.crowdedSubnets.length === 0) return undefined;
    const xs = pick(rng, p.crowdedSubnets);
    const a = pick(rng, xs);
    const b = pick(rng, xs);
    if (a === b) return undefined;
    const ports = e.allowedPorts(b, a);
    return ports.length > 0 ? { from: a.id, to: b.id, port: pick(rng, ports) } : undefined;
  },
  'cross-subnet': (e, _p, rng) => {
    const b = pick(rng, e.insts);
    // Prefer a peer the destination admits by security-group reference (web -> app -> db).
    for (const g of b.sgs) {
      const refs = (e.sgs.get(g) ?? []).filter((r) => r.protocol === 'tcp' && e.bySg.has(r.source));
      if (refs.length === 0) continue;
      const r = pick(rng, refs);
      const a = pick(rng, e.bySg.get(r.source)!);
      const port = firstPort(r.ports)!;
      if (a.subnet !== b.subnet && a.vpc === b.vpc && e.acceptable(a, b, port)) return { from: a.id, to: b.id, port };
    }
    return undefined;
  },
  internet: (e, p, rng) => {
    if (p.natted.length === 0) return undefined;
    const a = pick(rng, p.natted);
    const host = pick(rng, INTERNET_HOSTS);
    const ip = parseV4(host)!;
    if (!e.naclAllows(a.acl, 'outbound', 443, ip) || !e.naclAllows(a.acl, 'inbound', EPHEMERAL, ip)) return undefined;
    // Through a NAT gateway the packet also crosses the NACL of the NAT's subnet, both ways.
    const def = (e.rts.get(e.subnetInfo.get(a.subnet)!.rt)?.routes ?? []).find((r) => r.destination === '0.0.0.0/0');
    if (def && e.natAcl.has(def.target)) {
      const n = e.natAcl.get(def.target);
      const pass =
        e.naclAllows(n, 'inbound', 443, a.ip) &&
        e.naclAllows(n, 'outbound', 443, ip) &&
        e.naclAllows(n, 'inbound', EPHEMERAL, ip) &&
        e.naclAllows(n, 'outbound', EPHEMERAL, a.ip);
      if (!pass) return undefined;
    }
    return { from: a.id, to: host, port: 443 };
  },
  'cross-vpc': (e, _p, rng) => {
    const b = pick(rng, e.insts);
    let others: string[] | undefined;
    const viaTgw = e.tgwVpcs.length > 1 && e.tgwSet.has(b.vpc);
    if (viaTgw) others = e.tgwVpcs;
    else others = e.peers.get(b.vpc)?.filter((v) => e.byVpc.has(v));
    if (!others || others.length === 0) return undefined;
    const v = pick(rng, others);
    if (v === b.vpc) return undefined;
    const a = pick(rng, e.byVpc.get(v)!);
    if (a.cls === 'isolated') return undefined;
    const ports = e.allowedPorts(b, a).filter((port) => e.acceptable(a, b, port) && (!viaTgw || e.transitPasses(a, b, port)));
    return ports.length > 0 ? { from: a.id, to: b.id, port: pick(rng, ports) } : undefined;
  },
  'nacl-reject': (e, _p, rng) => {
    const b = pick(rng, e.insts);
    const a = pick(rng, e.byVpc.get(b.vpc)!);
    if (a.subnet === b.subnet || a.cls === 'isolated' || !b.acl) return undefined;
    const denies = (e.acls.get(b.acl)?.inbound ?? []).filter((r) => r.action === 'deny' && r.protocol === 'tcp' && typeof r.ports === 'number');
    if (denies.length === 0) return undefined;
    const port = pick(rng, denies).ports as number;
    if (!e.naclAllows(a.acl, 'outbound', port, b.ip) || e.naclAllows(b.acl, 'inbound', port, a.ip)) return undefined;
    return { from: a.id, to: b.id, port };
  },
  'sg-reject': (e, _p, rng) => {
    const b = pick(rng, e.insts);
    const refs: number[] = [];
    for (const g of b.sgs) for (const r of e.sgs.get(g) ?? []) if (r.protocol === 'tcp' && e.bySg.has(r.source)) refs.push(firstPort(r.ports)!);
    if (refs.length === 0) return undefined;
    const port = pick(rng, refs);
    const a = pick(rng, e.byVpc.get(b.vpc)!);
    if (a.subnet === b.subnet || a.cls === 'isolated' || e.sgAllows(b, a, port) || !e.naclsPass(a, b, port)) return undefined;
    return { from: a.id, to: b.id, port };
  },
  'no-route': (e, p, rng) => {
    if (p.isolated.length > 0 && (!e.unassigned || rng() < 0.5)) {
      const a = pick(rng, p.isolated);
      const host = pick(rng, INTERNET_HOSTS);
      const ip = parseV4(host)!;
      const routes = e.rts.get(e.subnetInfo.get(a.subnet)!.rt)?.routes ?? [];
      if (
        routes.some((r) => {
          const c = cidrOf(r.destination);
          return !!c && inCidr(c, ip);
        })
      )
        return undefined;
      return { from: a.id, to: host, port: 443 };
    }
    if (!e.unassigned || p.routed.length === 0) return undefined;
    return { from: pick(rng, p.routed).id, to: e.unassigned, port: 443 };
  },
};

export function sampleFlows(topology: GeneratedTopology, n: number, seed = 1, opts: SampleOptions = {}): SampleFlow[] {
  const rng: Rng = mulberry32((seed ^ 0x0f10f10f) >>> 0);
  const e = new Estate(topology);
  const insts = e.insts;
  if (insts.length === 0 || n <= 0) return [];
  const pools: Pools = {
    crowdedSubnets: [...e.bySubnet].filter(([, xs]) => xs.length >= 2).map(([, xs]) => xs),
    natted: insts.filter((i) => i.cls === 'private' || (i.cls === 'public' && i.publicIp)),
    isolated: insts.filter((i) => i.cls === 'isolated'),
    routed: insts.filter((i) => i.cls !== 'isolated'),
  };
  const mix = opts.mix;
  let live = mix ? KINDS.filter((k) => (mix[k] ?? 0) > 0) : [...KINDS];
  const misses = new Map<SampleFlowKind, number>();
  const flows: SampleFlow[] = [];
  while (flows.length < n && live.length > 0) {
    const kind = mix ? weighted(rng, live, mix) : pick(rng, live);
    const made = MAKERS[kind](e, pools, rng);
    if (made) {
      misses.set(kind, 0);
      flows.push({ from: made.from, to: made.to, protocol: 'tcp', port: made.port, kind, expect: EXPECT[kind] });
    } else {
      const m = (misses.get(kind) ?? 0) + 1;
      misses.set(kind, m);
      if (m >= 200) live = live.filter((k) => k !== kind); // this estate has no such flow
    }
  }
  return flows;
}

function weighted(rng: Rng, kinds: readonly SampleFlowKind[], mix: Partial<Record<SampleFlowKind, number>>): SampleFlowKind {
  let total = 0;
  for (const k of kinds) total += mix[k] ?? 0;
  let x = rng() * total;
  for (const k of kinds) {
    x -= mix[k] ?? 0;
    if (x < 0) return k;
  }
  return kinds[kinds.length - 1]!;
}

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)]!;
}
function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const xs = m.get(k);
  if (xs) xs.push(v);
  else m.set(k, [v]);
}
const fmt = formatIpv4;
