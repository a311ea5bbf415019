// Synthetic estates: a realistic, valid topology (format version 1) of any size, deterministic for a seed.
//
// Layout of one VPC (subnet i sits in AZ i mod azCount, tier floor(i / azCount)):
//   tier 0  public    route table -> internet gateway; one NAT gateway per AZ that has private subnets
//   tier 1  app       private, per-AZ route table -> that AZ's NAT gateway; S3 gateway endpoint
//   tier 2  data      isolated: no default route (databases do not reach the internet), S3 endpoint only
//   tier 3+ cache...  private like app
// Security groups chain web -> app -> db by reference; custom NACLs carry the ephemeral-port rules that make
// those flows work in both directions. The requested rule totals are met exactly: every group/NACL first
// gets its core rules (in priority order, so a tight budget keeps the most important ones), the rest are
// filler rules chosen so they never change the outcome of the core flows: SG rules on other ports, NACL
// rules on other ports or outside address space, numbered before the broad core NACL rules and never
// covering one another (so `check` finds no shadowed rule).
// Hubs: `tgw` attaches every VPC to one transit gateway (propagating into one route table) and adds a
// summary route per address pool to every VPC route table; `peering-mesh` peers each VPC with the next two
// (a ring, 2N connections, because a full mesh of 1,000 VPCs would be ~500,000); `none` leaves VPCs apart.
import { formatIpv4 } from '../net/ip.js';
import { MAX_NACL_RULE_NUMBER, RESERVED_FIRST, SUBNETS_PER_VPC } from '../aws/limits.js';
import { budget, checkCount, GenerateOptionsError, MAX_NACL_FILLERS, MAX_SG_RULES, planAddresses } from './plan.js';
import { mulberry32, type Rng } from './rng.js';
import type { GeneratedTopology, GenNaclRule, GenRoute, GenSgRule } from './types.js';

export { GenerateOptionsError } from './plan.js';

export type GenerateHub = 'tgw' | 'peering-mesh' | 'none';

export interface GenerateOptions {
  vpcs: number;
  subnetsPerVpc: number;
  instancesPerSubnet: number;
  /** total security-group rules in the estate; default: every group's core rules */
  sgRules?: number;
  /** total network-ACL rules in the estate (0: no custom NACLs); default: every NACL's core rules */
  naclRules?: number;
  hub?: GenerateHub;
  seed?: number;
  region?: string;
  name?: string;
  /** an internet-facing application load balancer in front of each VPC's web tier (which then has no public addresses) */
  alb?: boolean;
}

/** Named sizes used by the benchmark and handy on the command line (`--size large`). */
export const GENERATE_PRESETS: Readonly<Record<'small' | 'medium' | 'large', Readonly<GenerateOptions>>> = {
  small: { vpcs: 1, subnetsPerVpc: 6, instancesPerSubnet: 2, hub: 'none' },
  medium: { vpcs: 100, subnetsPerVpc: 10, instancesPerSubnet: 5, sgRules: 10_000, naclRules: 2_000, hub: 'tgw' },
  large: { vpcs: 1000, subnetsPerVpc: 10, instancesPerSubnet: 2, sgRules: 100_000, naclRules: 20_000, hub: 'tgw' },
};

export type { GeneratedTopology, GenNaclRule, GenRoute, GenSgRule } from './types.js';

// ---------------------------------------------------------------------------------------------------------

const randInt = (rng: Rng, n: number): number => Math.floor(rng() * n);
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[randInt(rng, xs.length)]!;

// ---------------------------------------------------------------------------------------------------------
// Address plan (the VPC and subnet blocks: plan.ts).

/** Elastic IPs for NAT gateways and public instances (AWS us-east-1 space, allocated sequentially). */
const PUBLIC_POOLS: readonly { base: number; size: number }[] = [
  { base: 0x36900000, size: 1 << 20 }, // 54.144.0.0/12
  { base: 0x03d00000, size: 1 << 20 }, // 3.208.0.0/12
  { base: 0x2cc00000, size: 1 << 22 }, // 44.192.0.0/10
];
/** AWS reserves the first four addresses and the last one of every subnet. */
const RESERVED_LOW = RESERVED_FIRST;
const OFFICE_CIDRS = ['192.168.10.0/24', '192.168.20.0/24'];
const OFFICE_PL = 'pl-office';
const TIERS = ['public', 'app', 'data', 'cache', 'batch', 'mgmt', 'search', 'queue', 'analytics', 'ml'];
const AZ_LETTERS = 'abc';
/** Ports that the core rules use; filler rules stay off them so they never change a core flow. */
const FILLER_PORTS: readonly (number | string)[] = [
  25,
  110,
  389,
  636,
  1433,
  1521,
  2049,
  2379,
  3000,
  3306,
  3389,
  4369,
  5000,
  5044,
  5601,
  5672,
  6379,
  6443,
  7000,
  8000,
  8081,
  8088,
  8200,
  8500,
  9000,
  9090,
  9092,
  9200,
  9300,
  9418,
  10250,
  11211,
  15672,
  27017,
  '9000-9100',
  '30000-32767',
  '6000-6010',
  '7000-7100',
];
const UDP_PORTS: readonly number[] = [53, 123, 514, 4789];
const PUBLIC_FIRST_OCTETS = [5, 23, 31, 45, 62, 77, 91, 103, 141, 185, 193, 212];
const MAX_NACL_RULE = MAX_NACL_RULE_NUMBER;
const FILLER_RULE_START = 10;

// ---------------------------------------------------------------------------------------------------------
// Rule budgets.

/**
 * Splits `total` rules over groups whose core rule counts are `core`: below the sum of the cores, rank by
 * rank (everyone's first rule, then everyone's second...) so each keeps its most important rules; above it,
 * every group gets its core plus an even share of the rest.
 */
export function allocateRules(core: readonly number[], total: number): { core: number[]; filler: number[] } {
  const n = core.length;
  const coreSum = core.reduce((a, b) => a + b, 0);
  if (total >= coreSum) {
    const extra = total - coreSum;
    const base = Math.floor(extra / n);
    const rem = extra - base * n;
    return { core: [...core], filler: core.map((_, i) => base + (i < rem ? 1 : 0)) };
  }
  const got = new Array<number>(n).fill(0);
  let left = total;
  for (let rank = 0; left > 0; rank++) {
    for (let i = 0; i < n && left > 0; i++) {
      if (core[i]! > rank) {
        got[i]!++;
        left--;
      }
    }
  }
  return { core: got, filler: new Array<number>(n).fill(0) };
}

// ---------------------------------------------------------------------------------------------------------
// Generation.

interface VpcCtx {
  idx: string;
  id: string;
  cidr: string;
  azCount: number;
  subnets: { id: string; tier: number; az: number; base: number }[];
  hasPrivate: boolean;
  hasData: boolean;
}

type CoreNacl = { dir: 'in' | 'out'; rule: GenNaclRule };

/** Bounds of the counts (subnets per VPC: the AWS default quota of 200). */
export const GENERATE_LIMITS = {
  vpcs: { min: 1, max: 100_000 },
  subnetsPerVpc: { min: 1, max: SUBNETS_PER_VPC },
  instancesPerSubnet: { min: 0, max: 4000 },
  seed: { min: 0, max: 2 ** 32 - 1 },
} as const;

/** What generating one estate shares: the options, the address plan, the rule budgets and the file so far. */
interface Gen {
  readonly vpcs: number;
  readonly subnetsPerVpc: number;
  readonly instancesPerSubnet: number;
  readonly hub: GenerateHub;
  readonly alb: boolean;
  readonly region: string;
  readonly rng: Rng;
  readonly plan: ReturnType<typeof planAddresses>;
  readonly subnetSize: number;
  readonly azCount: number;
  readonly topo: GeneratedTopology;
  readonly ctxs: VpcCtx[];
  /** routes every VPC route table gets to the other VPCs: the hub's, or each VPC's peerings */
  hubRoutes: GenRoute[];
  peersOf: GenRoute[][];
  sgAlloc: { core: number[]; filler: number[] };
  naclAlloc: { core: number[]; filler: number[] };
  sgSlot: number;
  naclSlot: number;
  publicPool: number;
  publicNext: number;
}

const TGW_ID = 'tgw-hub';
const TGW_RT = 'tgw-rt-main';
/** Core rules of each group and NACL, once the estate's address pools are known. */
const sgCoreLen = (nEstate: number) => ({ web: 3, app: 1 + nEstate, db: 1 });
const naclCoreLen = (nEstate: number) => ({ public: 4 + nEstate, app: 2 + nEstate, data: 5 });

export function generateTopology(opts: GenerateOptions): GeneratedTopology {
  const g = startGeneration(opts);
  planVpcs(g);
  budgetRules(g, opts);
  g.hubRoutes = g.hub === 'tgw' ? g.plan.estate.map((d) => ({ destination: d, target: TGW_ID })) : [];
  g.peersOf = g.ctxs.map(() => []);
  if (g.hub === 'peering-mesh' && g.vpcs > 1) peerVpcs(g);
  for (let v = 0; v < g.vpcs; v++) generateVpc(g, v);
  const topo = g.topo;
  if (g.hub === 'tgw') {
    topo.transitGateways!.push({ id: TGW_ID });
    topo.transitGatewayRouteTables!.push({ id: TGW_RT, transitGateway: TGW_ID, propagations: topo.transitGatewayAttachments!.map((a) => a.id) });
  }
  // Drop empty optional lists so the file reads like one a person wrote.
  for (const key of [
    'natGateways',
    'peeringConnections',
    'transitGateways',
    'transitGatewayAttachments',
    'transitGatewayRouteTables',
    'vpcEndpoints',
    'networkAcls',
  ] as const) {
    if (topo[key]!.length === 0) delete topo[key];
  }
  return topo;
}

/** The options checked, the address plan, and an empty file. */
function startGeneration(opts: GenerateOptions): Gen {
  const L = GENERATE_LIMITS;
  const vpcs = checkCount('vpcs', opts.vpcs, L.vpcs.min, L.vpcs.max);
  const subnetsPerVpc = checkCount('subnets per VPC', opts.subnetsPerVpc, L.subnetsPerVpc.min, L.subnetsPerVpc.max);
  const instancesPerSubnet = checkCount('instances per subnet', opts.instancesPerSubnet, L.instancesPerSubnet.min, L.instancesPerSubnet.max);
  const hub: GenerateHub = opts.hub ?? 'tgw';
  if (hub !== 'tgw' && hub !== 'peering-mesh' && hub !== 'none') {
    throw new GenerateOptionsError(`hub must be tgw, peering-mesh or none, got ${String(hub)}`);
  }
  const seed = opts.seed === undefined ? 1 : checkCount('seed', opts.seed, L.seed.min, L.seed.max);
  const region = opts.region ?? 'us-east-1';
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#availability-zones — at least two zones
  if (opts.alb && subnetsPerVpc < 4)
    throw new GenerateOptionsError(`alb needs public subnets in two Availability Zones: at least 4 subnets per VPC, got ${subnetsPerVpc}`);
  const rng = mulberry32(seed ^ 0x5eed5eed);
  const plan = planAddresses(vpcs, subnetsPerVpc, instancesPerSubnet);
  const topo: GeneratedTopology = {
    version: 1,
    name: opts.name ?? `synthetic-${vpcs}x${subnetsPerVpc}x${instancesPerSubnet}-${hub}-seed${seed}`,
    region,
    vpcs: [],
    subnets: [],
    internetGateways: [],
    natGateways: [],
    peeringConnections: [],
    transitGateways: [],
    transitGatewayAttachments: [],
    transitGatewayRouteTables: [],
    prefixLists: [{ id: OFFICE_PL, cidrs: [...OFFICE_CIDRS] }],
    routeTables: [],
    vpcEndpoints: [],
    networkAcls: [],
    securityGroups: [],
    instances: [],
  };
  const noRules = { core: [], filler: [] };
  return {
    vpcs,
    subnetsPerVpc,
    instancesPerSubnet,
    hub,
    alb: opts.alb === true,
    region,
    rng,
    plan,
    subnetSize: 2 ** (32 - plan.subnetLen),
    // Three AZs once every tier (public, app, data) can span them, else two, else one.
    azCount: subnetsPerVpc >= 9 ? 3 : subnetsPerVpc >= 4 ? 2 : 1,
    topo,
    ctxs: [],
    hubRoutes: [],
    peersOf: [],
    sgAlloc: noRules,
    naclAlloc: noRules,
    sgSlot: 0,
    naclSlot: 0,
    publicPool: 0,
    publicNext: 0,
  };
}

const tierName = (t: number) => TIERS[t] ?? `tier${t}`;

/** The next Elastic IP of the public pools, or undefined once they are used up. */
function nextPublicIp(g: Gen): string | undefined {
  while (g.publicPool < PUBLIC_POOLS.length && g.publicNext >= PUBLIC_POOLS[g.publicPool]!.size) {
    g.publicPool++;
    g.publicNext = 0;
  }
  if (g.publicPool >= PUBLIC_POOLS.length) return undefined;
  return formatIpv4((PUBLIC_POOLS[g.publicPool]!.base + g.publicNext++) >>> 0);
}

/** 1. VPCs and their subnets' places (tier and AZ). */
function planVpcs(g: Gen): void {
  const pad = String(g.vpcs).length < 3 ? 3 : String(g.vpcs).length;
  const { plan, azCount } = g;
  for (let v = 0; v < g.vpcs; v++) {
    const idx = String(v + 1).padStart(pad, '0');
    const base = plan.vpcBase(v);
    const ctx: VpcCtx = { idx, id: `vpc-${idx}`, cidr: `${formatIpv4(base)}/${plan.vpcLen}`, azCount, subnets: [], hasPrivate: false, hasData: false };
    for (let i = 0; i < g.subnetsPerVpc; i++) {
      const tier = Math.floor(i / azCount);
      const az = i % azCount;
      ctx.subnets.push({ id: `sn-${idx}-${tierName(tier)}-${AZ_LETTERS[az]}`, tier, az, base: (base + i * g.subnetSize) >>> 0 });
      if (tier === 2) ctx.hasData = true;
      else if (tier > 0) ctx.hasPrivate = true;
    }
    g.ctxs.push(ctx);
    g.topo.vpcs.push({ id: ctx.id, cidr: ctx.cidr });
  }
}

/** 2. Rule budgets. Core rules per group/NACL are built once per VPC; counts are known up front. */
function budgetRules(g: Gen, opts: GenerateOptions): void {
  const nEstate = g.plan.estate.length;
  const sgLen = sgCoreLen(nEstate);
  const naclLen = naclCoreLen(nEstate);
  const sgCore: number[] = [];
  const naclCore: number[] = [];
  for (const c of g.ctxs) {
    sgCore.push(sgLen.web);
    naclCore.push(naclLen.public);
    if (c.hasPrivate || c.hasData) {
      sgCore.push(sgLen.app);
      naclCore.push(naclLen.app);
    }
    if (c.hasData) {
      sgCore.push(sgLen.db);
      naclCore.push(naclLen.data);
    }
  }
  // Caps: 1,000 rules per security group (the AWS ceiling); NACL rule numbers up to 32766 per direction.
  const sgTotal =
    opts.sgRules === undefined ? sgCore.reduce((a, b) => a + b, 0) : budget('SG rules', opts.sgRules, sgCore.length, 'security groups', MAX_SG_RULES);
  const naclTotal =
    opts.naclRules === undefined
      ? naclCore.reduce((a, b) => a + b, 0)
      : budget('NACL rules', opts.naclRules, naclCore.length, 'network ACLs', 2 * MAX_NACL_FILLERS);
  g.sgAlloc = allocateRules(sgCore, sgTotal);
  g.naclAlloc = allocateRules(naclCore, naclTotal);
}

/** Peering: each VPC with the next two (ring), deduplicated, so 2N connections at most. */
function peerVpcs(g: Gen): void {
  const { ctxs, vpcs } = g;
  const seen = new Set<string>();
  for (let v = 0; v < vpcs; v++) {
    for (const d of [1, 2]) {
      const w = (v + d) % vpcs;
      if (w === v) continue;
      const [a, b] = v < w ? [v, w] : [w, v];
      const key = `${a}-${b}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const pcx = `pcx-${ctxs[a]!.idx}-${ctxs[b]!.idx}`;
      g.topo.peeringConnections!.push({ id: pcx, requesterVpc: ctxs[a]!.id, accepterVpc: ctxs[b]!.id });
      g.peersOf[a]!.push({ destination: ctxs[b]!.cidr, target: pcx });
      g.peersOf[b]!.push({ destination: ctxs[a]!.cidr, target: pcx });
    }
  }
}

/** Everything in VPC number `v`, in the order its random choices are drawn. */
function generateVpc(g: Gen, v: number): void {
  const c = g.ctxs[v]!;
  const extraRoutes = g.hub === 'peering-mesh' ? g.peersOf[v]! : g.hubRoutes;
  g.topo.internetGateways.push({ id: `igw-${c.idx}`, vpc: c.id });
  const tables = vpcRouteTables(g, c, extraRoutes);
  const groups = vpcSecurityGroups(g, c);
  const aclIds = vpcNetworkAcls(g, c);
  const publicByAz = vpcSubnets(g, c, tables, groups, aclIds);
  if (g.alb) webLoadBalancer(g, c, publicByAz, groups.sgWeb);
  // Transit gateway attachment: one subnet per AZ, the app tier where there is one.
  if (g.hub === 'tgw') {
    const attSubnets: string[] = [];
    for (let z = 0; z < c.azCount; z++) {
      const app = c.subnets.find((s) => s.az === z && s.tier === 1);
      attSubnets.push(app ? app.id : publicByAz.get(z)!);
    }
    g.topo.transitGatewayAttachments!.push({ id: `tgw-att-${c.idx}`, transitGateway: TGW_ID, vpc: c.id, subnets: attSubnets, routeTable: TGW_RT });
  }
}

interface VpcTables {
  rtPublic: string;
  rtData: string;
  natByAz: Map<number, string>;
  rtPrivateByAz: Map<number, string>;
}

/** Route tables of a VPC (public, one private per AZ with a NAT gateway, data) and its S3 gateway endpoint. */
function vpcRouteTables(g: Gen, c: VpcCtx, extraRoutes: GenRoute[]): VpcTables {
  const { idx } = c;
  const topo = g.topo;
  const rtPublic = `rt-${idx}-public`;
  topo.routeTables.push({ id: rtPublic, vpc: c.id, routes: [{ destination: '0.0.0.0/0', target: `igw-${idx}` }, ...extraRoutes] });
  const natByAz = new Map<number, string>();
  const rtPrivateByAz = new Map<number, string>();
  for (const s of c.subnets) {
    if (s.tier > 0 && s.tier !== 2 && !natByAz.has(s.az)) {
      natByAz.set(s.az, `nat-${idx}-${AZ_LETTERS[s.az]}`);
      rtPrivateByAz.set(s.az, `rt-${idx}-private-${AZ_LETTERS[s.az]}`);
    }
  }
  for (const [az, rt] of [...rtPrivateByAz].sort((a, b) => a[0] - b[0])) {
    topo.routeTables.push({ id: rt, vpc: c.id, routes: [{ destination: '0.0.0.0/0', target: natByAz.get(az)! }, ...extraRoutes] });
  }
  const rtData = `rt-${idx}-data`;
  if (c.hasData) {
    const rt: { id: string; vpc: string; routes?: GenRoute[] } = { id: rtData, vpc: c.id };
    if (extraRoutes.length > 0) rt.routes = [...extraRoutes];
    topo.routeTables.push(rt);
  }
  const endpointTables = [...[...rtPrivateByAz].sort((a, b) => a[0] - b[0]).map(([, rt]) => rt), ...(c.hasData ? [rtData] : [])];
  if (endpointTables.length > 0) {
    topo.vpcEndpoints!.push({ id: `vpce-${idx}-s3`, vpc: c.id, type: 'gateway', service: 's3', routeTables: endpointTables });
  }
  return { rtPublic, rtData, natByAz, rtPrivateByAz };
}

interface VpcGroups {
  sgWeb: string;
  sgApp: string;
  sgDb: string;
}

/** Security groups: core rules in priority order, then unique filler rules. */
function vpcSecurityGroups(g: Gen, c: VpcCtx): VpcGroups {
  const { idx } = c;
  const sgWeb = `sg-${idx}-web`;
  const sgApp = `sg-${idx}-app`;
  const sgDb = `sg-${idx}-db`;
  const groups: { id: string; core: GenSgRule[] }[] = [
    {
      id: sgWeb,
      core: [
        { protocol: 'tcp', ports: 443, source: '0.0.0.0/0', description: 'HTTPS from anywhere' },
        { protocol: 'tcp', ports: 80, source: '0.0.0.0/0', description: 'HTTP from anywhere' },
        { protocol: 'tcp', ports: 22, source: OFFICE_PL, description: 'office SSH' },
      ],
    },
  ];
  if (c.hasPrivate || c.hasData) {
    groups.push({
      id: sgApp,
      core: [
        { protocol: 'tcp', ports: 8080, source: sgWeb, description: 'web to app' },
        ...g.plan.estate.map((e) => ({ protocol: 'tcp', ports: 8443, source: e, description: 'service calls across the estate' })),
      ],
    });
  }
  if (c.hasData) groups.push({ id: sgDb, core: [{ protocol: 'tcp', ports: 5432, source: sgApp, description: 'app to database' }] });
  const sgIds = groups.map((x) => x.id);
  const coreLen = sgCoreLen(g.plan.estate.length);
  for (const x of groups) {
    if (x.core.length !== coreLen[x.id.slice(x.id.lastIndexOf('-') + 1) as keyof typeof coreLen]) throw new Error(`internal: core rule count of ${x.id}`);
    const nCore = g.sgAlloc.core[g.sgSlot]!;
    const nFill = g.sgAlloc.filler[g.sgSlot]!;
    g.sgSlot++;
    const inbound = x.core.slice(0, nCore);
    if (nFill > 0) addSgFillers(g, c, sgIds, inbound, nFill);
    g.topo.securityGroups.push({ id: x.id, vpc: c.id, inbound });
  }
  return { sgWeb, sgApp, sgDb };
}

/** `nFill` filler rules, each unlike every other rule of the group, on ports the core flows do not use. */
function addSgFillers(g: Gen, c: VpcCtx, sgIds: string[], inbound: GenSgRule[], nFill: number): void {
  const { rng } = g;
  const seen = new Set<string>();
  for (const r of inbound) seen.add(`${r.protocol}|${r.ports}|${r.source}`);
  let fallback = 20000;
  for (let k = 0; k < nFill; k++) {
    let rule: GenSgRule | undefined;
    for (let attempt = 0; attempt < 4 && !rule; attempt++) {
      const udp = rng() < 0.1;
      const protocol = udp ? 'udp' : 'tcp';
      const ports = udp ? pick(rng, UDP_PORTS) : pick(rng, FILLER_PORTS);
      const r = rng();
      const source = r < 0.3 ? pick(rng, sgIds) : r < 0.6 ? randomVpcCidr(g) : r < 0.8 ? `192.168.${randInt(rng, 256)}.0/24` : r < 0.9 ? OFFICE_PL : c.cidr;
      const key = `${protocol}|${ports}|${source}`;
      if (!seen.has(key)) {
        seen.add(key);
        rule = { protocol, ports, source };
      }
    }
    while (!rule) {
      const key = `tcp|${fallback}|${c.cidr}`;
      if (!seen.has(key)) {
        seen.add(key);
        rule = { protocol: 'tcp', ports: fallback, source: c.cidr };
      }
      fallback++;
    }
    inbound.push(rule);
  }
}

const randomPublic24 = (rng: Rng) => `${pick(rng, PUBLIC_FIRST_OCTETS)}.${randInt(rng, 256)}.${randInt(rng, 256)}.0/24`;
const randomVpcCidr = (g: Gen) => g.ctxs[randInt(g.rng, g.ctxs.length)]!.cidr;

/** The core rules of a VPC's NACLs: public, app (when it has private subnets), data (when it has data subnets). */
function coreNacls(g: Gen, c: VpcCtx): { name: string; core: CoreNacl[] }[] {
  const { plan } = g;
  const acls: { name: string; core: CoreNacl[] }[] = [
    {
      name: 'public',
      // Listed in priority order (what a tight budget keeps first); rule numbers give evaluation order.
      core: [
        { dir: 'out', rule: { rule: 100, protocol: 'all', cidr: '0.0.0.0/0', action: 'allow' } },
        { dir: 'in', rule: { rule: 110, protocol: 'tcp', ports: '1024-65535', cidr: '0.0.0.0/0', action: 'allow' } },
        // The estate (NAT clients in this VPC, callers and replies from other VPCs), every protocol.
        ...plan.estate.map((e, k): CoreNacl => ({ dir: 'in', rule: { rule: 120 + k, protocol: 'all', cidr: e, action: 'allow' } })),
        { dir: 'in', rule: { rule: 100, protocol: 'tcp', ports: 443, cidr: '0.0.0.0/0', action: 'allow' } },
        { dir: 'in', rule: { rule: 130, protocol: 'tcp', ports: 80, cidr: '0.0.0.0/0', action: 'allow' } },
      ],
    },
  ];
  if (c.hasPrivate || c.hasData) {
    acls.push({
      name: 'app',
      core: [
        { dir: 'out', rule: { rule: 100, protocol: 'all', cidr: '0.0.0.0/0', action: 'allow' } },
        { dir: 'in', rule: { rule: 100, protocol: 'tcp', ports: '1024-65535', cidr: '0.0.0.0/0', action: 'allow' } },
        // The transit-gateway attachment sits in these subnets: traffic between VPCs crosses this NACL.
        ...plan.estate.map((e, k): CoreNacl => ({ dir: 'in', rule: { rule: 110 + k, protocol: 'all', cidr: e, action: 'allow' } })),
      ],
    });
  }
  if (c.hasData) {
    acls.push({
      name: 'data',
      core: [
        { dir: 'out', rule: { rule: 100, protocol: 'tcp', ports: '1024-65535', cidr: '0.0.0.0/0', action: 'allow' } },
        { dir: 'in', rule: { rule: 110, protocol: 'tcp', ports: '1024-65535', cidr: '0.0.0.0/0', action: 'allow' } },
        { dir: 'in', rule: { rule: 90, protocol: 'tcp', ports: 22, cidr: '0.0.0.0/0', action: 'deny' } },
        { dir: 'in', rule: { rule: 100, protocol: 'tcp', ports: 5432, cidr: c.cidr, action: 'allow' } },
        { dir: 'out', rule: { rule: 110, protocol: 'tcp', ports: 443, cidr: '0.0.0.0/0', action: 'allow' } },
      ],
    });
  }
  return acls;
}

/** Network ACLs of a VPC within their budgets; the ids by kind (a NACL without budget is left out). */
function vpcNetworkAcls(g: Gen, c: VpcCtx): Map<string, string> {
  const aclIds = new Map<string, string>();
  const coreLen = naclCoreLen(g.plan.estate.length);
  for (const a of coreNacls(g, c)) {
    if (a.core.length !== coreLen[a.name as keyof typeof coreLen]) throw new Error(`internal: core rule count of ${a.name} NACL`);
    const nCore = g.naclAlloc.core[g.naclSlot]!;
    const nFill = g.naclAlloc.filler[g.naclSlot]!;
    g.naclSlot++;
    if (nCore + nFill === 0) continue; // no budget: the subnets keep the VPC's default NACL (allow all)
    const id = `acl-${c.idx}-${a.name}`;
    aclIds.set(a.name, id);
    const inbound: GenNaclRule[] = [];
    const outbound: GenNaclRule[] = [];
    // Filler rules come first (specific rules before broad ones, as people write NACLs), each with a CIDR
    // of its own so no rule covers another; the core rules follow, renumbered past the fillers.
    const fillIn = Math.ceil(nFill / 2);
    const fillOut = nFill - fillIn;
    for (const [dir, list, count] of [
      ['in', inbound, fillIn],
      ['out', outbound, fillOut],
    ] as const) {
      const step = FILLER_RULE_START + count * 10 + 200 <= MAX_NACL_RULE ? 10 : 1;
      const taken = new Set<string>();
      for (let k = 0; k < count; k++) list.push(fillerNacl(g, FILLER_RULE_START + k * step, taken));
      const base = count === 0 ? 0 : Math.ceil((FILLER_RULE_START + (count - 1) * step + 1) / 100) * 100;
      for (const r of a.core.slice(0, nCore)) if (r.dir === dir) list.push({ ...r.rule, rule: base + r.rule.rule });
      list.sort((x, y) => x.rule - y.rule);
    }
    g.topo.networkAcls!.push({ id, vpc: c.id, inbound, outbound });
  }
  return aclIds;
}

/**
 * Denies of outside /24s, or allows of TCP services from other VPCs (whose replies the core ephemeral
 * rules pass). Never port 22, 80, 443 or 5432, never 0.0.0.0/0, never a CIDR already used in this list.
 */
function fillerNacl(g: Gen, rule: number, taken: Set<string>): GenNaclRule {
  const { rng } = g;
  if (rng() < 0.5 && taken.size < g.ctxs.length) {
    const cidr = randomVpcCidr(g);
    if (!taken.has(cidr)) {
      taken.add(cidr);
      return { rule, protocol: 'tcp', ports: pick(rng, FILLER_PORTS), cidr, action: 'allow' };
    }
  }
  let cidr = randomPublic24(rng);
  while (taken.has(cidr)) cidr = randomPublic24(rng);
  taken.add(cidr);
  const r = rng();
  if (r < 0.7) return { rule, protocol: 'tcp', ports: pick(rng, FILLER_PORTS), cidr, action: 'deny' };
  if (r < 0.9) return { rule, protocol: 'udp', ports: pick(rng, UDP_PORTS), cidr, action: 'deny' };
  return { rule, protocol: 'icmp', icmpType: 8, icmpCode: 0, cidr, action: 'deny' };
}

/** Subnets, NAT gateways, instances; the public subnet of each AZ. */
function vpcSubnets(g: Gen, c: VpcCtx, t: VpcTables, sg: VpcGroups, aclIds: Map<string, string>): Map<number, string> {
  const publicByAz = new Map<number, string>();
  for (const s of c.subnets) {
    const kind = s.tier === 0 ? 'public' : s.tier === 2 ? 'data' : 'app';
    const routeTable = s.tier === 0 ? t.rtPublic : s.tier === 2 ? t.rtData : t.rtPrivateByAz.get(s.az)!;
    const subnet: GeneratedTopology['subnets'][number] = {
      id: s.id,
      vpc: c.id,
      cidr: `${formatIpv4(s.base)}/${g.plan.subnetLen}`,
      az: `${g.region}${AZ_LETTERS[s.az]}`,
      routeTable,
    };
    const acl = aclIds.get(kind);
    if (acl) subnet.networkAcl = acl;
    g.topo.subnets.push(subnet);
    if (s.tier === 0) publicByAz.set(s.az, s.id);
    subnetHosts(g, c, s, t.natByAz, s.tier === 0 ? sg.sgWeb : s.tier === 2 ? sg.sgDb : sg.sgApp);
  }
  return publicByAz;
}

/** A subnet's NAT gateway (public subnets of AZs with private ones) and instances, at its usable addresses. */
function subnetHosts(g: Gen, c: VpcCtx, s: VpcCtx['subnets'][number], natByAz: Map<number, string>, sg: string): void {
  const { rng, instancesPerSubnet } = g;
  // Usable addresses: base+4 .. base+size-2.
  let next = s.base + RESERVED_LOW;
  const last = s.base + g.subnetSize - 2;
  const nat = s.tier === 0 ? natByAz.get(s.az) : undefined;
  if (nat) {
    const publicIp = nextPublicIp(g);
    if (!publicIp) throw new GenerateOptionsError('too many NAT gateways for the public address pools');
    g.topo.natGateways!.push({ id: nat, subnet: s.id, privateIp: formatIpv4(next >>> 0), publicIp });
    next++;
  }
  const slack = last - next + 1 - instancesPerSubnet;
  next += randInt(rng, Math.min(slack, 16) + 1);
  for (let k = 1; k <= instancesPerSubnet; k++) {
    const id = `i-${c.idx}-${tierName(s.tier)}-${AZ_LETTERS[s.az]}-${k}`;
    const privateIp = formatIpv4(next++ >>> 0);
    // behind a load balancer (alb) the web tier has no public addresses: clients come through the load balancer
    const publicIp = s.tier === 0 && !g.alb && (k === 1 || rng() < 0.5) ? nextPublicIp(g) : undefined;
    g.topo.instances.push(publicIp ? { id, subnet: s.id, privateIp, publicIp, securityGroups: [sg] } : { id, subnet: s.id, privateIp, securityGroups: [sg] });
  }
}

/**
 * With `alb`: an internet-facing application load balancer in the public subnets (one per zone), listener HTTP:80 to
 * the web tier's instances on port 80. It shares the web tier's security group, whose rules admit 80 and 443 from
 * anywhere, so the targets admit the load balancer too (load-balancer-update-security-groups.html); its node
 * addresses are the first free ones of each subnet (the binder's default, as AWS assigns them).
 */
function webLoadBalancer(g: Gen, c: VpcCtx, publicByAz: Map<number, string>, sgWeb: string): void {
  const topo = g.topo;
  const id = `alb-${c.idx}`;
  const tg = `tg-${c.idx}-web`;
  const web = new Set(c.subnets.filter((s) => s.tier === 0).map((s) => s.id));
  (topo.loadBalancers ??= []).push({
    id,
    type: 'application',
    scheme: 'internet-facing',
    subnets: [...publicByAz].sort((a, b) => a[0] - b[0]).map(([, s]) => s),
    securityGroups: [sgWeb],
  });
  (topo.listeners ??= []).push({ id: `lst-${c.idx}-http`, loadBalancer: id, protocol: 'HTTP', port: 80, targetGroup: tg });
  (topo.targetGroups ??= []).push({
    id: tg,
    vpc: c.id,
    protocol: 'HTTP',
    port: 80,
    targets: topo.instances.filter((i) => web.has(i.subnet)).map((i) => ({ id: i.id })),
  });
}

/** Counts the generator promises to honour, for tests and the CLI summary. */
export function countGenerated(t: GeneratedTopology): {
  vpcs: number;
  subnets: number;
  instances: number;
  sgRules: number;
  naclRules: number;
} {
  let sgRules = 0;
  for (const g of t.securityGroups) sgRules += g.inbound.length;
  let naclRules = 0;
  for (const a of t.networkAcls ?? []) naclRules += a.inbound.length + a.outbound.length;
  return { vpcs: t.vpcs.length, subnets: t.subnets.length, instances: t.instances.length, sgRules, naclRules };
}

export { sampleFlows, TRANSIT_MIX } from './flows.js';
export type { SampleFlow, SampleFlowKind, SampleOptions } from './flows.js';
export { formatGeneratedTopology } from './emit.js';
