// Stage 2: bind. Turns loaded data into the typed graph of model.ts, applying AWS defaults and limits,
// and reports every dangling or wrong reference with its position. Errors are collected, not thrown.
import { sortDiagnostics, suggest, type Diagnostic, type Path, type Severity } from '../load/diagnostics.js';
import { KIND_LABEL, LIST_KIND } from '../load/kinds.js';
import type { Loaded } from '../load/load.js';
import { describeOwner, MAX_SCHEMA_DIAGNOSTICS } from '../load/validate.js';
import {
  type Addr,
  type Prefix,
  addOffset,
  contains,
  covers,
  formatAddr,
  formatPrefix,
  lastAddr,
  mustCidr,
  overlaps,
  parseCidr,
  parseIp,
  prefixEquals,
  RFC1918,
  RFC6598,
  sizeOf,
} from '../net/ip.js';
import { PrefixTable } from '../net/prefix-table.js';
import type * as M from './model.js';
import { IPV4_CIDRS_PER_VPC, IPV4_SUBNET, IPV4_VPC, IPV6_AMAZON_PROVIDED, IPV6_SUBNET, IPV6_VPC, MAX_NACL_RULE_NUMBER, RESERVED_FIRST, sizeAllowed } from '../aws/limits.js';
import { hasPorts, isIcmp, parsePorts, parseProtocol } from './rules.js';
import { servicePrefixes } from './service-prefixes.js';
import { bindListenersAndTargetGroups, bindLoadBalancers } from './load-balancers.js';
import { bindGatewayRouteTables, bindGwlbEndpoint, bindInspection } from './inspection.js';
import { tgwReference } from './sg-tgw-reference.js';
import { attachDirectConnectGateway, bindDirectConnect, dxLearnedPrefixes, dxPropagatedCidrs, PROPAGATED_RANK } from './direct-connect.js';

export interface BindResult {
  topology?: M.Topology;
  diagnostics: Diagnostic[];
}

export type Raw = Record<string, unknown>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function kindLabel(k: M.ResourceKind): string {
  return KIND_LABEL[k];
}


interface Declared {
  kind: M.ResourceKind;
  path: Path;
  raw: Raw;
}

// CIDR sizes, reserved addresses and quotas come from src/aws/limits.ts, which cites the VPC user guide for each.
// The same cap as the schema's: past it, more of the same helps nobody and costs memory.
const MAX_DIAGNOSTICS = MAX_SCHEMA_DIAGNOSTICS;
// Enough for every unknown reference of an ordinary file to get its suggestion (a few hundred ids × a few hundred mistakes).
const SUGGEST_BUDGET = 200_000;
const MAX_VPC_CIDRS = IPV4_CIDRS_PER_VPC;

export class Binder {
  readonly diags: Diagnostic[] = [];
  readonly declared = new Map<string, Declared>();
  readonly byId = new Map<string, M.Resource>();
  readonly file: string;
  readonly region: string;

  constructor(
    readonly loaded: Loaded,
    readonly data: Raw,
  ) {
    this.file = loaded.source.file;
    this.room = Math.max(1, MAX_DIAGNOSTICS - loaded.diagnostics.length);
    this.region = typeof data.region === 'string' ? data.region : 'us-east-1';
  }

  /** Diagnostics past the cap: counted, not stored (and not located, which costs a walk of the document). */
  dropped = 0;
  droppedErrors = 0;
  droppedAt: Path | undefined;
  /** Room left under the file's error cap once the loader's diagnostics are counted. */
  readonly room: number;
  /** Candidate comparisons left for did-you-mean suggestions; past it unknown references get none. */
  suggestBudget = SUGGEST_BUDGET;
  private readonly candidates = new Map<string, string[]>();

  diag(severity: Severity, code: string, message: string, path: Path, opts: { key?: boolean; hint?: string } = {}): void {
    if (this.diags.length >= this.room) {
      if (this.dropped++ === 0) this.droppedAt = path;
      if (severity === 'error') this.droppedErrors++;
      return;
    }
    const pos = this.loaded.source.position(path, opts.key ?? false);
    this.diags.push({ code, severity, message, file: this.file, line: pos.line, col: pos.col, path, ...(opts.hint ? { hint: opts.hint } : {}) });
  }

  error(code: string, message: string, path: Path, opts: { key?: boolean; hint?: string } = {}): void {
    this.diag('error', code, message, path, opts);
  }

  list(key: string): Raw[] {
    const v = this.data[key];
    return Array.isArray(v) ? (v as Raw[]) : [];
  }

  owner(path: Path): string {
    return describeOwner(this.data, path);
  }

  /** Pass 0: every id, unique in the file. */
  declare(): void {
    for (const [key, kind] of Object.entries(LIST_KIND)) {
      this.list(key).forEach((raw, i) => {
        if (!raw || typeof raw !== 'object' || typeof raw.id !== 'string' || raw.id === '') return;
        const prev = this.declared.get(raw.id);
        if (prev) {
          const p = this.loaded.source.position([...prev.path, 'id']);
          const first = `${prev.path[0]}[${prev.path[1]}]`;
          this.error('DUPLICATE_ID', `id '${raw.id}' is already used by the ${KIND_LABEL[prev.kind]} ${first} at line ${p.line}:${p.col}`, [key, i, 'id'], { hint: 'ids must be unique in the file' });
          return;
        }
        // An id is printed in every report: control characters would let a file rewrite the terminal.
        if (/[\u0000-\u001f\u007f-\u009f]/.test(raw.id)) {
          this.error('INVALID_ID', `id ${JSON.stringify(raw.id)} contains a control character`, [key, i, 'id']);
          return;
        }
        if (raw.id.includes(':') && !raw.id.startsWith('arn:')) {
          this.error('INVALID_ID', `id '${raw.id}' contains ':', which vpcsim reserves for 'subnet:ID' and 'sg:ID' selectors`, [key, i, 'id']);
        }
        this.declared.set(raw.id, { kind, path: [key, i], raw });
      });
    }
  }

  /** Whether the resource declared with `id` is the one at `path` (a duplicate id elsewhere in the file is not bound twice). */
  declaredAt(id: string, path: Path): boolean {
    const d = this.declared.get(id);
    return d !== undefined && d.path[0] === path[0] && d.path[1] === path[1];
  }

  /** Each item of a list that has an id declared at its own place: an item without one, or whose id a
   *  duplicate earlier in the file holds (reported by declare), is not bound. */
  eachDeclared(key: string, bindOne: (raw: Raw & { id: string }, path: Path, i: number) => void): void {
    this.list(key).forEach((raw, i) => {
      const path: Path = [key, i];
      if (typeof raw?.id !== 'string' || !this.declaredAt(raw.id, path)) return;
      bindOne(raw as Raw & { id: string }, path, i);
    });
  }

  /** Resolves a reference; reports unknown ids (with the closest ids of the wanted kinds) and wrong kinds. */
  /** `context` says where the reference is written: "in route 0.0.0.0/0 of route table rt-public". */
  ref<K extends M.ResourceKind>(value: unknown, kinds: readonly K[], path: Path, what: string, context?: string): Extract<M.Resource, { kind: K }> | undefined {
    if (typeof value !== 'string') return undefined;
    const d = this.declared.get(value);
    const where = context ? ` ${context}` : '';
    if (!d) {
      const candidates = this.idsOf(kinds);
      const guess = this.suggestId(value, candidates);
      const near = guess !== undefined;
      this.error('UNKNOWN_REFERENCE', `unknown ${what} '${value}'${where}${near ? ` (did you mean '${guess}'?)` : ''}`, path, {
        hint: near || candidates.length === 0 ? undefined : `known: ${candidates.slice(0, 8).join(', ')}${candidates.length > 8 ? ', …' : ''}`,
      });
      return undefined;
    }
    if (!(kinds as readonly string[]).includes(d.kind)) {
      this.error('WRONG_KIND', `'${value}'${where} is a ${KIND_LABEL[d.kind]}, not ${what.match(/^[aeiou]/i) ? 'an' : 'a'} ${what}`, path, {
        hint: `expected ${kinds.map((k) => KIND_LABEL[k]).join(', ').replace(/, ([^,]+)$/, ' or $1')}`,
      });
      return undefined;
    }
    return this.byId.get(value) as Extract<M.Resource, { kind: K }> | undefined;
  }

  /** Declared ids of these kinds, listed once per set of kinds (not once per unknown reference). */
  idsOf(kinds: readonly M.ResourceKind[]): string[] {
    const key = kinds.join(',');
    let ids = this.candidates.get(key);
    if (!ids) {
      ids = [];
      for (const [id, x] of this.declared) if (kinds.includes(x.kind)) ids.push(id);
      this.candidates.set(key, ids);
    }
    return ids;
  }

  /** A did-you-mean within the budget: a file of thousands of unknown references against thousands of ids would
   *  otherwise compare every pair. Past the cap or the budget, references are reported without a suggestion. */
  suggestId(value: string, candidates: readonly string[]): string | undefined {
    if (this.diags.length >= this.room || candidates.length > this.suggestBudget) return undefined;
    this.suggestBudget -= candidates.length;
    return suggest(value, candidates);
  }

  cidr(value: unknown, path: Path, what: string): Prefix | undefined {
    if (typeof value !== 'string') return undefined;
    const r = parseCidr(value);
    if (!r.ok) {
      this.error('INVALID_CIDR', `${what}: ${r.error}`, path);
      return undefined;
    }
    return r.value;
  }

  ip(value: unknown, path: Path, what: string, family?: 4 | 6): Addr | undefined {
    if (typeof value !== 'string') return undefined;
    const r = parseIp(value);
    if (!r.ok) {
      this.error('INVALID_IP', `${what}: ${r.error}`, path);
      return undefined;
    }
    if (family && (family === 4) !== (typeof r.value === 'number')) {
      this.error('INVALID_IP', `${what}: '${value}' is not an IPv${family} address`, path);
      return undefined;
    }
    return r.value;
  }

  register<T extends M.Resource>(r: T): T {
    this.byId.set(r.id, r);
    return r;
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const src = (path: Path): M.Src => ({ path });

export function bind(loaded: Loaded): BindResult {
  const diagnostics = [...loaded.diagnostics];
  if (loaded.data === undefined || loaded.data === null || typeof loaded.data !== 'object') return { diagnostics };
  const b = new Binder(loaded, loaded.data as Raw);
  try {
    const topology = bindAll(b);
    if (b.dropped > 0) {
      const pos = loaded.source.position(b.droppedAt ?? []);
      const message = `${b.dropped.toLocaleString('en-US')} more errors and warnings from here on are not shown; fix the first ones and run again`;
      b.diags.push({ code: 'TOO_MANY_ERRORS', severity: b.droppedErrors > 0 ? 'error' : 'warning', message, file: b.file, line: pos.line, col: pos.col });
    }
    // concat, not push(...): a file with a hundred thousand mistakes must not overflow the call stack.
    const all = sortDiagnostics(diagnostics.concat(b.diags));
    return { topology: all.some((d) => d.severity === 'error') ? undefined : topology, diagnostics: all };
  } catch (e) {
    if (e instanceof RangeError) {
      diagnostics.push({ code: 'TOO_COMPLEX', severity: 'error', message: `the topology is too complex to bind: ${e.message}`, file: b.file, line: 1, col: 1 });
      return { diagnostics };
    }
    throw e;
  }
}

/** What the passes build, filled in the order bindAll states; the topology is made of it. */
export interface Draft {
  readonly prefixLists: M.PrefixList[];
  readonly servicePl: Map<string, M.PrefixList>;
  readonly vpcs: M.Vpc[];
  readonly subnets: M.Subnet[];
  readonly subnetRaw: Map<M.Subnet, { raw: Raw; path: Path }>;
  readonly internetGateways: M.InternetGateway[];
  readonly egressOnlyInternetGateways: M.EgressOnlyInternetGateway[];
  readonly vpnGateways: M.VpnGateway[];
  readonly transitGateways: M.TransitGateway[];
  readonly vpnConnections: M.VpnConnection[];
  readonly peeringConnections: M.PeeringConnection[];
  readonly securityGroups: M.SecurityGroup[];
  readonly sgRaw: Map<M.SecurityGroup, { raw: Raw; path: Path }>;
  readonly networkAcls: M.NetworkAcl[];
  readonly interfaces: M.NetworkInterface[];
  readonly interfaceByIp: Map<Addr, M.NetworkInterface>;
  readonly interfaceByPublicIp: Map<number, M.NetworkInterface>;
  readonly vpcIps: Map<M.Vpc, Map<Addr, { id: string; path: Path }>>;
  readonly publicOwners: Map<number, { id: string; path: Path }>;
  readonly instances: M.Instance[];
  readonly natGateways: M.NatGateway[];
  readonly pendingAlloc: (() => void)[];
  readonly vpcEndpoints: M.VpcEndpoint[];
  readonly endpointRouteTables: Map<M.VpcEndpoint, { ids: unknown[]; path: Path }>;
  readonly tgwAttachments: M.TransitGatewayAttachment[];
  readonly attachmentRt: Map<M.TransitGatewayAttachment, { v: unknown; path: Path }>;
  readonly tgwRouteTables: M.TransitGatewayRouteTable[];
  readonly routeTables: M.RouteTable[];
  readonly directConnectGateways: M.DirectConnectGateway[];
}

function newDraft(): Draft {
  return {
    prefixLists: [],
    servicePl: new Map(),
    vpcs: [],
    subnets: [],
    subnetRaw: new Map(),
    internetGateways: [],
    egressOnlyInternetGateways: [],
    vpnGateways: [],
    transitGateways: [],
    vpnConnections: [],
    peeringConnections: [],
    securityGroups: [],
    sgRaw: new Map(),
    networkAcls: [],
    interfaces: [],
    interfaceByIp: new Map(),
    interfaceByPublicIp: new Map(),
    vpcIps: new Map(),
    publicOwners: new Map(),
    instances: [],
    natGateways: [],
    pendingAlloc: [],
    vpcEndpoints: [],
    endpointRouteTables: new Map(),
    tgwAttachments: [],
    attachmentRt: new Map(),
    tgwRouteTables: [],
    routeTables: [],
    directConnectGateways: [],
  };
}

function bindAll(b: Binder): M.Topology {
  b.declare();
  const data = b.data;
  const account = str(data.account) ?? '123456789012';
  const t = newDraft();
  bindPrefixLists(b, t);
  bindVpcs(b, t);
  bindSubnets(b, t);
  checkSubnetOverlaps(b, t);
  bindInternetGateways(b, t);
  bindEgressOnlyInternetGateways(b, t);
  bindVpnGateways(b, t);
  bindTransitGateways(b, t);
  bindVpnConnections(b, t);
  const dx = bindDirectConnect(b, t);
  bindPeeringConnections(b, t);
  bindSecurityGroups(b, t);
  addDefaultSecurityGroups(b, t);
  bindNetworkAcls(b, t);
  addDefaultNetworkAcls(b, t);
  // Interfaces: explicit addresses first, so that addresses vpcsim assigns never collide with them.
  bindInstances(b, t);
  bindNetworkInterfaces(b, t);
  bindNatGateways(b, t);
  const inspection = bindInspection(b, t);
  bindVpcEndpoints(b, t);
  bindTgwAttachments(b, t);
  const elb = bindLoadBalancers(b, t);
  for (const f of t.pendingAlloc) f();
  bindTgwRouteTables(b, t);
  associateTgwRouteTables(b, t);
  bindRouteTables(b, t);
  addMainRouteTables(b, t);
  addEndpointRoutes(b, t);
  buildRouteLookups(b, t);
  associateSubnets(b, t);
  bindGatewayRouteTables(b);
  bindSgRules(b, t);
  bindListenersAndTargetGroups(b, t, elb);

  return {
    name: str(data.name) ?? b.file,
    account,
    region: b.region,
    file: b.file,
    source: b.loaded.source,
    byId: b.byId,
    vpcs: t.vpcs,
    subnets: t.subnets,
    internetGateways: t.internetGateways,
    egressOnlyInternetGateways: t.egressOnlyInternetGateways,
    natGateways: t.natGateways,
    vpnGateways: t.vpnGateways,
    vpnConnections: t.vpnConnections,
    peeringConnections: t.peeringConnections,
    routeTables: t.routeTables,
    vpcEndpoints: t.vpcEndpoints,
    networkAcls: t.networkAcls,
    securityGroups: t.securityGroups,
    instances: t.instances,
    interfaces: t.interfaces,
    transitGateways: t.transitGateways,
    tgwAttachments: t.tgwAttachments,
    tgwRouteTables: t.tgwRouteTables,
    prefixLists: t.prefixLists,
    ...elb,
    ...inspection,
    ...dx,
    interfaceByIp: t.interfaceByIp,
    interfaceByPublicIp: t.interfaceByPublicIp,
    data,
  };
}

/** Prefix lists first: routes and rules refer to them. */
function bindPrefixLists(b: Binder, t: Draft): void {
  const { prefixLists, servicePl } = t;
  b.eachDeclared('prefixLists', (raw, path) => {
    const cidrs: Prefix[] = [];
    arr(raw.cidrs).forEach((c, j) => {
      const p = b.cidr(c, [...path, 'cidrs', j], `prefix list '${raw.id}'`);
      if (p) cidrs.push(p);
    });
    const service = str(raw.service);
    if (!service && cidrs.length === 0) b.diag('warning', 'EMPTY_PREFIX_LIST', `prefix list '${raw.id}' has no CIDRs`, path);
    prefixLists.push(b.register({ kind: 'prefix-list', id: raw.id, name: str(raw.name), src: src(path), cidrs, service, implicit: false }));
  });
  for (const pl of prefixLists) if (pl.service) servicePl.set(pl.service, pl);
}

/** The prefix list of an AWS service: declared, or the ranges shipped with vpcsim for the region. */
function serviceList(b: Binder, t: Draft, service: string, path: Path): M.PrefixList | undefined {
  const { prefixLists, servicePl } = t;
  const short = service.replace(/^com\.amazonaws\.[a-z0-9-]+\./, '');
  let pl = servicePl.get(short);
  if (pl) {
    if (pl.cidrs.length === 0) {
      const shipped = servicePrefixes(b.region, short);
      if (shipped) (pl as Mutable<M.PrefixList>).cidrs = shipped.map(mustCidr);
    }
    return pl;
  }
  const shipped = servicePrefixes(b.region, short);
  if (!shipped) {
    b.diag('warning', 'UNKNOWN_SERVICE_RANGES', `no published address ranges for '${short}' in ${b.region} are shipped with vpcsim; add a prefix list with 'service: ${short}' and its CIDRs`, path);
    return undefined;
  }
  pl = { kind: 'prefix-list', id: `com.amazonaws.${b.region}.${short}`, src: src(path), cidrs: shipped.map(mustCidr), service: short, implicit: true };
  servicePl.set(short, pl);
  prefixLists.push(pl);
  return pl;
}

/** VPCs: their IPv4 and IPv6 blocks, within the AWS limits. */
function bindVpcs(b: Binder, t: Draft): void {
  const { vpcs } = t;
  b.eachDeclared('vpcs', (raw, path) => {
    const cidrs: Prefix[] = [];
    const all = [raw.cidr, ...arr(raw.secondaryCidrs)];
    all.forEach((c, j) => {
      const p: Path = j === 0 ? [...path, 'cidr'] : [...path, 'secondaryCidrs', j - 1];
      const pre = b.cidr(c, p, `CIDR of VPC '${raw.id}'`);
      if (!pre) return;
      if (pre.family !== 4) return b.error('INVALID_CIDR', `VPC '${raw.id}': ${formatPrefix(pre)} is IPv6; put IPv6 blocks in ipv6Cidr`, p);
      // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html — "between /16 and /28"
      if (!sizeAllowed(IPV4_VPC, pre.len)) return b.error('VPC_CIDR_SIZE', `VPC '${raw.id}': ${formatPrefix(pre)} is /${pre.len}; AWS allows VPC IPv4 CIDR blocks from /${IPV4_VPC.largest} to /${IPV4_VPC.smallest}`, p);
      const clash = cidrs.find((x) => overlaps(x, pre));
      if (clash) return b.error('VPC_CIDR_OVERLAP', `VPC '${raw.id}': ${formatPrefix(pre)} overlaps its other CIDR ${formatPrefix(clash)}`, p);
      cidrs.push(pre);
    });
    // Reported at the first block beyond the limit (secondaryCidrs[MAX - 1], the primary being block 1).
    if (all.length > MAX_VPC_CIDRS) b.error('VPC_CIDR_LIMIT', `VPC '${raw.id}' has ${all.length} IPv4 CIDR blocks; AWS allows at most ${MAX_VPC_CIDRS} (default quota)`, [...path, 'secondaryCidrs', MAX_VPC_CIDRS - 1]);
    const ipv6Cidrs: Prefix[] = [];
    if (raw.ipv6Cidr !== undefined) {
      const p = b.cidr(raw.ipv6Cidr, [...path, 'ipv6Cidr'], `IPv6 CIDR of VPC '${raw.id}'`);
      if (p && p.family !== 6) b.error('INVALID_CIDR', `VPC '${raw.id}': ipv6Cidr ${formatPrefix(p)} is not IPv6`, [...path, 'ipv6Cidr']);
      // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html — IPv6 VPC CIDRs /44 to /60 in increments of /4 (Amazon-provided: /56)
      else if (p && !sizeAllowed(IPV6_VPC, p.len)) b.error('VPC_CIDR_SIZE', `VPC '${raw.id}': IPv6 ${formatPrefix(p)} is /${p.len}; AWS allows /${IPV6_VPC.largest} to /${IPV6_VPC.smallest} in steps of ${IPV6_VPC.step} (Amazon-provided blocks are /${IPV6_AMAZON_PROVIDED})`, [...path, 'ipv6Cidr']);
      else if (p) ipv6Cidrs.push(p);
    }
    const vpc = {
      kind: 'vpc',
      id: raw.id,
      name: str(raw.name),
      src: src(path),
      cidrs,
      ipv6Cidrs,
      subnets: [],
      peerings: [],
      tgwAttachments: [],
      gatewayEndpoints: [],
    } as unknown as M.Vpc;
    vpcs.push(b.register(vpc));
  });
}

export const vpcRef = (b: Binder, v: unknown, path: Path) => b.ref(v, ['vpc'], path, 'VPC');
export const subnetRef = (b: Binder, v: unknown, path: Path) => b.ref(v, ['subnet'], path, 'subnet');

/** Subnets (route table and network ACL are attached once those exist). */
function bindSubnets(b: Binder, t: Draft): void {
  const { subnets, subnetRaw } = t;
  b.eachDeclared('subnets', (raw, path, i) => {
    const vpc = vpcRef(b, raw.vpc, [...path, 'vpc']);
    // An IPv6-only subnet has an IPv6 CIDR and no IPv4 one (CreateSubnet: "For an IPv6 only subnet, specify an IPv6 CIDR
    // block"; https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSubnet.html).
    if (raw.cidr === undefined && raw.ipv6Cidr !== undefined) return ipv6OnlySubnet(b, raw, path, vpc, subnets, subnetRaw);
    // a misspelt cidr is already reported as an unknown key with its suggestion: one mistake, one error
    const misspelt = b.loaded.diagnostics.some((d) => d.code === 'UNKNOWN_KEY' && d.path?.[0] === 'subnets' && d.path[1] === i);
    if (raw.cidr === undefined) return misspelt ? undefined : b.error('MISSING_KEY', `subnet '${raw.id}' needs cidr (IPv4), ipv6Cidr (an IPv6-only subnet), or both`, path);
    const cidr = b.cidr(raw.cidr, [...path, 'cidr'], `CIDR of subnet '${raw.id}'`);
    if (!vpc || !cidr) return;
    if (cidr.family !== 4) return b.error('INVALID_CIDR', `subnet '${raw.id}': cidr ${formatPrefix(cidr)} is IPv6; put it in ipv6Cidr`, [...path, 'cidr']);
    // https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html — IPv4 subnets /16 to /28, inside a VPC CIDR
    if (!sizeAllowed(IPV4_SUBNET, cidr.len)) return b.error('SUBNET_CIDR_SIZE', `subnet '${raw.id}': ${formatPrefix(cidr)} is /${cidr.len}; AWS allows subnet IPv4 CIDRs from /${IPV4_SUBNET.largest} to /${IPV4_SUBNET.smallest}`, [...path, 'cidr']);
    if (vpc.cidrs.length && !vpc.cidrs.some((v) => covers(v, cidr))) {
      return b.error('SUBNET_OUTSIDE_VPC', `subnet '${raw.id}': ${formatPrefix(cidr)} is not inside any CIDR of VPC '${vpc.id}' (${vpc.cidrs.map(formatPrefix).join(', ')})`, [...path, 'cidr']);
    }
    const ipv6Cidr = raw.ipv6Cidr !== undefined ? subnetIpv6Cidr(b, raw, path, vpc) : undefined;
    addSubnet(b, raw, path, vpc, cidr, ipv6Cidr, subnets, subnetRaw);
  });
}

/** Subnets of a VPC may not overlap: sort by address and compare each with the earlier subnet reaching furthest
 * (a neighbour check alone misses a /20 that covers two /24s which do not touch each other). */
function checkSubnetOverlaps(b: Binder, t: Draft): void {
  const { vpcs } = t;
  for (const vpc of vpcs) {
    for (const fam of ['cidr', 'ipv6Cidr'] as const) {
      const list = vpc.subnets.filter((s) => s[fam]).sort((x, y) => (x[fam]!.base < y[fam]!.base ? -1 : x[fam]!.base > y[fam]!.base ? 1 : 0));
      let widest = list[0];
      for (let i = 1; i < list.length; i++) {
        const a = widest!;
        const c = list[i]!;
        if (overlaps(a[fam]!, c[fam]!)) {
          b.error('SUBNET_OVERLAP', `subnet '${c.id}' ${formatPrefix(c[fam]!)} overlaps subnet '${a.id}' ${formatPrefix(a[fam]!)}`, [...c.src.path, fam]);
        }
        if (lastAddr(c[fam]!) > lastAddr(a[fam]!)) widest = c;
      }
    }
  }
}

/** Internet gateways, one per VPC. */
function bindInternetGateways(b: Binder, t: Draft): void {
  const { internetGateways } = t;
  b.eachDeclared('internetGateways', (raw, path) => {
    const vpc = vpcRef(b, raw.vpc, [...path, 'vpc']);
    if (!vpc) return;
    const igw = b.register<M.InternetGateway>({ kind: 'internet-gateway', id: raw.id, name: str(raw.name), src: src(path), vpc });
    // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html — one internet gateway per VPC
    if (vpc.internetGateway) b.error('MULTIPLE_INTERNET_GATEWAYS', `VPC '${vpc.id}' already has internet gateway '${vpc.internetGateway.id}'; a VPC can have only one`, [...path, 'vpc']);
    else vpc.internetGateway = igw;
    internetGateways.push(igw);
  });
}

/** Egress-only internet gateways. */
function bindEgressOnlyInternetGateways(b: Binder, t: Draft): void {
  const { egressOnlyInternetGateways } = t;
  b.eachDeclared('egressOnlyInternetGateways', (raw, path) => {
    const vpc = vpcRef(b, raw.vpc, [...path, 'vpc']);
    if (!vpc) return;
    const g = b.register<M.EgressOnlyInternetGateway>({ kind: 'egress-only-internet-gateway', id: raw.id, name: str(raw.name), src: src(path), vpc });
    vpc.egressOnlyInternetGateway ??= g;
    egressOnlyInternetGateways.push(g);
  });
}

/** Virtual private gateways, one attached per VPC. */
function bindVpnGateways(b: Binder, t: Draft): void {
  const { vpnGateways } = t;
  b.eachDeclared('vpnGateways', (raw, path) => {
    const vpc = raw.vpc === undefined ? undefined : vpcRef(b, raw.vpc, [...path, 'vpc']);
    const g = b.register<M.VpnGateway>({ kind: 'vpn-gateway', id: raw.id, name: str(raw.name), src: src(path), vpc, connections: [] });
    // https://docs.aws.amazon.com/vpn/latest/s2svpn/how_it_works.html — one virtual private gateway attached per VPC
    if (vpc?.vpnGateway) b.error('MULTIPLE_VPN_GATEWAYS', `VPC '${vpc.id}' already has VPN gateway '${vpc.vpnGateway.id}'; a VPC can have only one attached`, [...path, 'vpc']);
    else if (vpc) vpc.vpnGateway = g;
    vpnGateways.push(g);
  });
}

/** Transit gateways (attachments and route tables come later). */
function bindTransitGateways(b: Binder, t: Draft): void {
  const { transitGateways } = t;
  b.eachDeclared('transitGateways', (raw, path) => {
    const sgRef = typeof raw.securityGroupReferencingSupport === 'boolean' ? { securityGroupReferencingSupport: raw.securityGroupReferencingSupport } : {};
    transitGateways.push(b.register<M.TransitGateway>({ kind: 'transit-gateway', id: raw.id, name: str(raw.name), src: src(path), attachments: [], routeTables: [], ...sgRef }));
  });
}

/** VPN connections, on a virtual private gateway or a transit gateway. */
function bindVpnConnections(b: Binder, t: Draft): void {
  const { vpnConnections } = t;
  b.eachDeclared('vpnConnections', (raw, path) => {
    const vgw = raw.vpnGateway === undefined ? undefined : b.ref(raw.vpnGateway, ['vpn-gateway'], [...path, 'vpnGateway'], 'VPN gateway');
    const tgw = raw.transitGateway === undefined ? undefined : b.ref(raw.transitGateway, ['transit-gateway'], [...path, 'transitGateway'], 'transit gateway');
    if (raw.vpnGateway === undefined && raw.transitGateway === undefined) b.error('MISSING_KEY', `VPN connection '${raw.id}' needs vpnGateway or transitGateway`, path);
    if (raw.vpnGateway !== undefined && raw.transitGateway !== undefined) b.error('CONFLICTING_KEYS', `VPN connection '${raw.id}' has both vpnGateway and transitGateway; it terminates on one`, [...path, 'transitGateway'], { key: true });
    const onPremisesCidrs: Prefix[] = [];
    arr(raw.onPremisesCidrs).forEach((c, j) => {
      const p = b.cidr(c, [...path, 'onPremisesCidrs', j], `on-premises CIDR of VPN connection '${raw.id}'`);
      if (p) onPremisesCidrs.push(p);
    });
    const cgw = raw.customerGatewayIp === undefined ? undefined : b.ip(raw.customerGatewayIp, [...path, 'customerGatewayIp'], `customer gateway of '${raw.id}'`, 4);
    const staticRoutesOnly = raw.staticRoutesOnly === true;
    const conn = b.register<M.VpnConnection>({ kind: 'vpn-connection', id: raw.id, name: str(raw.name), src: src(path), vpnGateway: vgw, transitGateway: tgw, customerGatewayIp: cgw, onPremisesCidrs, staticRoutesOnly });
    vgw?.connections.push(conn);
    vpnConnections.push(conn);
  });
}

/** VPC peering connections. */
function bindPeeringConnections(b: Binder, t: Draft): void {
  const { peeringConnections } = t;
  b.eachDeclared('peeringConnections', (raw, path) => {
    const requester = vpcRef(b, raw.requesterVpc, [...path, 'requesterVpc']);
    const accepter = vpcRef(b, raw.accepterVpc, [...path, 'accepterVpc']);
    if (!requester || !accepter) return;
    if (requester === accepter) return b.error('INVALID_PEERING', `peering connection '${raw.id}' peers VPC '${requester.id}' with itself`, [...path, 'accepterVpc']);
    // https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html — peered VPCs cannot have overlapping CIDR blocks
    for (const x of requester.cidrs) {
      const y = accepter.cidrs.find((c) => overlaps(c, x));
      if (y) b.error('PEERING_CIDR_OVERLAP', `peering connection '${raw.id}': ${formatPrefix(x)} of '${requester.id}' overlaps ${formatPrefix(y)} of '${accepter.id}'; AWS cannot peer VPCs with overlapping CIDRs`, path);
    }
    const accepterRegion = str(raw.accepterRegion);
    const pcx = b.register<M.PeeringConnection>({
      kind: 'peering-connection',
      id: raw.id,
      name: str(raw.name),
      src: src(path),
      requester,
      accepter,
      status: (str(raw.status) as M.PeeringStatus) ?? 'active',
      interRegion: accepterRegion !== undefined && accepterRegion !== b.region,
    });
    requester.peerings.push(pcx);
    accepter.peerings.push(pcx);
    if (pcx.interRegion && accepterRegion) accepter.region = accepterRegion;
    peeringConnections.push(pcx);
  });
}

/** Security groups: objects now, rules after every group exists (rules reference groups). */
function bindSecurityGroups(b: Binder, t: Draft): void {
  const { securityGroups, sgRaw } = t;
  b.eachDeclared('securityGroups', (raw, path) => {
    const vpc = vpcRef(b, raw.vpc, [...path, 'vpc']);
    if (!vpc) return;
    const sg = b.register<M.SecurityGroup>({ kind: 'security-group', id: raw.id, name: str(raw.name), src: src(path), vpc, isDefault: raw.default === true, implicit: false, inbound: [], outbound: [], members: [], referencedBy: [] });
    if (sg.isDefault) {
      if (vpc.defaultSecurityGroup) b.error('MULTIPLE_DEFAULTS', `VPC '${vpc.id}' already has default security group '${vpc.defaultSecurityGroup.id}'`, [...path, 'default']);
      else vpc.defaultSecurityGroup = sg;
    }
    securityGroups.push(sg);
    sgRaw.set(sg, { raw, path });
  });
}

/** Every VPC without a declared default security group gets the AWS default one. */
function addDefaultSecurityGroups(b: Binder, t: Draft): void {
  const { vpcs, securityGroups } = t;
  for (const vpc of vpcs) {
    if (vpc.defaultSecurityGroup) continue;
    // https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html — inbound from the group itself, outbound to all
    const sg: M.SecurityGroup = { kind: 'security-group', id: `${vpc.id}:default-sg`, src: vpc.src, vpc, isDefault: true, implicit: true, inbound: [], outbound: [], members: [], referencedBy: [] };
    sg.inbound.push(sgRuleOf(ALL_TRAFFIC, { type: 'sg', group: sg }, 'default: all traffic from this group', undefined, true));
    sg.outbound.push(...allOutbound(vpc));
    sg.referencedBy.push(sg);
    vpc.defaultSecurityGroup = sg;
    securityGroups.push(sg);
    b.byId.set(sg.id, sg);
  }
}

/** Network ACLs and their rules. */
function bindNetworkAcls(b: Binder, t: Draft): void {
  const { networkAcls } = t;
  b.eachDeclared('networkAcls', (raw, path) => {
    const vpc = vpcRef(b, raw.vpc, [...path, 'vpc']);
    if (!vpc) return;
    const acl = b.register<M.NetworkAcl>({
      kind: 'network-acl',
      id: raw.id,
      name: str(raw.name),
      src: src(path),
      vpc,
      isDefault: raw.default === true,
      implicit: false,
      inbound: aclRules(b, raw, path, 'inbound'),
      outbound: aclRules(b, raw, path, 'outbound'),
      subnets: [],
    });
    if (acl.isDefault) {
      if (vpc.defaultNetworkAcl) b.error('MULTIPLE_DEFAULTS', `VPC '${vpc.id}' already has default network ACL '${vpc.defaultNetworkAcl.id}'`, [...path, 'default']);
      else vpc.defaultNetworkAcl = acl;
    }
    networkAcls.push(acl);
  });
}

/** Every VPC without a declared default network ACL gets the AWS default one. */
function addDefaultNetworkAcls(b: Binder, t: Draft): void {
  const { vpcs, networkAcls } = t;
  for (const vpc of vpcs) {
    if (vpc.defaultNetworkAcl) continue;
    // https://docs.aws.amazon.com/vpc/latest/userguide/default-network-acl.html — the default ACL allows all inbound and outbound IPv4 (and IPv6) traffic
    const allow = (number: number, cidr: string): M.NetworkAclRule => aclRuleOf(ALL_TRAFFIC, number, mustCidr(cidr), 'allow', undefined);
    const rules = [allow(100, '0.0.0.0/0'), ...(vpc.ipv6Cidrs.length ? [allow(101, '::/0')] : [])];
    const acl: M.NetworkAcl = { kind: 'network-acl', id: `${vpc.id}:default-acl`, src: vpc.src, vpc, isDefault: true, implicit: true, inbound: rules, outbound: rules, subnets: [] };
    vpc.defaultNetworkAcl = acl;
    networkAcls.push(acl);
    b.byId.set(acl.id, acl);
  }
}

/** Claims a private address in a VPC; a second owner is a DUPLICATE_IP. */
export function claim(b: Binder, t: Draft, vpc: M.Vpc, a: Addr, id: string, path: Path): boolean {
  const { vpcIps } = t;
  let m = vpcIps.get(vpc);
  if (!m) vpcIps.set(vpc, (m = new Map()));
  const prev = m.get(a);
  if (prev) {
    // Kinds bind in a fixed order, not file order: report at whichever of the two is written later.
    const p = b.loaded.source.position(prev.path);
    const q = b.loaded.source.position(path);
    const [first, later] = p.line < q.line || (p.line === q.line && p.col <= q.col) ? [{ id: prev.id, path: prev.path, pos: p }, { id, path }] : [{ id, path, pos: q }, prev];
    b.error('DUPLICATE_IP', `${formatAddr(a)} of '${later.id}' is already used by '${first.id}' (line ${first.pos.line}) in VPC '${vpc.id}'`, later.path);
    return false;
  }
  m.set(a, { id, path });
  return true;
}

/** Claims a public address; a second owner is a DUPLICATE_IP. */
export function claimPublic(b: Binder, t: Draft, a: number, id: string, path: Path): boolean {
  const { publicOwners } = t;
  const prev = publicOwners.get(a);
  if (prev) {
    b.error('DUPLICATE_IP', `public IP ${formatAddr(a)} of '${id}' is already used by '${prev.id}'`, path);
    return false;
  }
  publicOwners.set(a, { id, path });
  return true;
}

/** A private IPv4 of a subnet: inside it and not one of its 5 reserved addresses. */
export function checkPrivate(b: Binder, subnet: M.Subnet, a: Addr, id: string, path: Path): boolean {
  const cidr = typeof a === 'number' ? subnet.cidr : subnet.ipv6Cidr;
  if (!cidr && typeof a === 'number') {
    b.error('IP_OUTSIDE_SUBNET', `'${id}' has IPv4 address ${formatAddr(a)} but subnet '${subnet.id}' is IPv6-only (no IPv4 cidr)`, path, { hint: 'remove the address, or give the subnet an IPv4 cidr' });
    return false;
  }
  if (!cidr) {
    b.error('IP_OUTSIDE_SUBNET', `'${id}' has IPv6 address ${formatAddr(a)} but subnet '${subnet.id}' has no IPv6 CIDR`, path, { hint: `add ipv6Cidr to subnet '${subnet.id}' or remove the address` });
    return false;
  }
  if (!contains(cidr, a)) {
    b.error('IP_OUTSIDE_SUBNET', `${formatAddr(a)} of '${id}' is not inside subnet '${subnet.id}' (${formatPrefix(cidr)})`, path);
    return false;
  }
  const reserved = reservedReason(cidr, a);
  if (reserved) {
    b.error('RESERVED_IP', `${formatAddr(a)} of '${id}' is reserved by AWS in subnet '${subnet.id}' (${reserved})`, path, { hint: `usable addresses start at ${formatAddr(addOffset(cidr, RESERVED_FIRST))}` });
    return false;
  }
  return true;
}

/** An interface to bind: an instance's primary interface, a declared one, or an interface endpoint's. */
export interface EniSpec {
  /** the id users wrote (an instance's id for its primary interface), used in messages */
  id: string;
  eniId?: string;
  name?: string;
  path: Path;
  subnet: M.Subnet;
  rawIp: unknown;
  ipPath: Path;
  secondary?: unknown;
  ipv6?: unknown;
  publicIp?: unknown;
  secondaryPublic?: unknown;
  sgs?: unknown;
  sourceDestCheck?: unknown;
  sourceNat?: unknown;
  explicit: boolean;
}

export function makeEni(b: Binder, t: Draft, o: EniSpec): M.NetworkInterface | undefined {
  const { interfaces, interfaceByIp, interfaceByPublicIp } = t;
  const { subnet, path } = o;
  const vpc = subnet.vpc;
  const v6only = subnet.cidr === undefined;
  if (!checkIpv4Keys(b, o, subnet)) return undefined;
  const privateIp = v6only ? undefined : (b.ip(o.rawIp, o.ipPath, `private IP of '${o.id}'`, 4) as number | undefined);
  if (!v6only && privateIp === undefined) return undefined;
  if (privateIp !== undefined && (!checkPrivate(b, subnet, privateIp, o.id, o.ipPath) || !claim(b, t, vpc, privateIp, o.id, o.ipPath))) return undefined;
  const secondaryPrivateIps: number[] = [];
  arr(o.secondary).forEach((v, j) => {
    const p: Path = [...path, 'secondaryPrivateIps', j];
    const a = b.ip(v, p, `secondary IP of '${o.id}'`, 4) as number | undefined;
    if (a !== undefined && checkPrivate(b, subnet, a, o.id, p) && claim(b, t, vpc, a, o.id, p)) secondaryPrivateIps.push(a);
  });
  const ipv6Addresses: bigint[] = [];
  arr(o.ipv6).forEach((v, j) => {
    const p: Path = [...path, 'ipv6Addresses', j];
    const a = b.ip(v, p, `IPv6 address of '${o.id}'`, 6) as bigint | undefined;
    if (a !== undefined && checkPrivate(b, subnet, a, o.id, p) && claim(b, t, vpc, a, o.id, p)) ipv6Addresses.push(a);
  });
  if (v6only && ipv6Addresses.length === 0) return undefined; // reported above: none given, or none valid
  const { publicIp, secondaryPublicIps } = bindPublicIps(b, t, o, secondaryPrivateIps);
  const securityGroups: M.SecurityGroup[] = [];
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyNetworkInterfaceAttribute.html — "You must specify at
  // least one group, even if it's just the default security group in the VPC."
  if (Array.isArray(o.sgs) && o.sgs.length === 0) {
    b.error('NO_SECURITY_GROUPS', `'${o.id}' has an empty securityGroups list; every interface has at least one security group`, [...path, 'securityGroups'], { hint: "leave the key out to use the VPC's default security group" });
    return undefined;
  }
  if (Array.isArray(o.sgs)) {
    o.sgs.forEach((v, j) => {
      const p: Path = [...path, 'securityGroups', j];
      const sg = b.ref(v, ['security-group'], p, 'security group');
      if (!sg) return;
      if (sg.vpc !== vpc) return b.error('CROSS_VPC_REFERENCE', `security group '${sg.id}' is in VPC '${sg.vpc.id}', but '${o.id}' is in VPC '${vpc.id}'`, p);
      if (!securityGroups.includes(sg)) securityGroups.push(sg);
    });
  } else securityGroups.push(vpc.defaultSecurityGroup);
  const eni: M.NetworkInterface = {
    kind: 'network-interface',
    id: o.eniId ?? o.id,
    name: o.name,
    src: src(path),
    subnet,
    vpc,
    privateIp,
    secondaryPrivateIps,
    ipv6Addresses,
    publicIp,
    ...(secondaryPublicIps.length ? { secondaryPublicIps } : {}),
    securityGroups,
    sourceDestCheck: o.sourceDestCheck !== false,
    sourceNat: o.sourceNat !== false,
    owner: { type: 'none' },
    explicit: o.explicit,
  };
  for (const sg of securityGroups) sg.members.push(eni);
  subnet.interfaces.push(eni);
  interfaces.push(eni);
  for (const a of [privateIp, ...secondaryPrivateIps, ...ipv6Addresses]) if (a !== undefined && !interfaceByIp.has(a)) interfaceByIp.set(a, eni);
  if (publicIp !== undefined) interfaceByPublicIp.set(publicIp, eni);
  for (const x of secondaryPublicIps) interfaceByPublicIp.set(x.publicIp, eni);
  return eni;
}

/** An interface's public IPv4 (publicIp) and its Elastic IPs per secondary private IP. */
function bindPublicIps(b: Binder, t: Draft, o: EniSpec, secondaryPrivateIps: number[]): { publicIp: number | undefined; secondaryPublicIps: { privateIp: number; publicIp: number }[] } {
  const { path } = o;
  let publicIp: number | undefined;
  if (o.publicIp !== undefined) {
    const p: Path = [...path, 'publicIp'];
    const a = b.ip(o.publicIp, p, `public IP of '${o.id}'`, 4) as number | undefined;
    if (a !== undefined) {
      if (isPrivateSpace(a)) b.error('INVALID_PUBLIC_IP', `public IP ${formatAddr(a)} of '${o.id}' is in private address space`, p);
      else if (claimPublic(b, t, a, o.id, p)) publicIp = a;
    }
  }
  // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html — an Elastic IP per private IP
  const secondaryPublicIps: { privateIp: number; publicIp: number }[] = [];
  arr(o.secondaryPublic).forEach((v, j) => {
    const p: Path = [...path, 'secondaryPublicIps', j];
    const r = (v ?? {}) as Raw;
    const priv = b.ip(r.privateIp, [...p, 'privateIp'], `private IP of an Elastic IP of '${o.id}'`, 4) as number | undefined;
    const pub = b.ip(r.publicIp, [...p, 'publicIp'], `Elastic IP of '${o.id}'`, 4) as number | undefined;
    if (priv === undefined || pub === undefined) return;
    if (!secondaryPrivateIps.includes(priv)) return b.error('INVALID_REFERENCE', `${formatAddr(priv)} is not a secondary private IP of '${o.id}'`, [...p, 'privateIp'], { hint: 'list it in secondaryPrivateIps (the primary private IP takes publicIp)' });
    if (isPrivateSpace(pub)) return b.error('INVALID_PUBLIC_IP', `public IP ${formatAddr(pub)} of '${o.id}' is in private address space`, [...p, 'publicIp']);
    if (secondaryPublicIps.some((x) => x.privateIp === priv)) return b.error('DUPLICATE_IP', `${formatAddr(priv)} of '${o.id}' already has an Elastic IP`, [...p, 'privateIp']);
    if (claimPublic(b, t, pub, o.id, [...p, 'publicIp'])) secondaryPublicIps.push({ privateIp: priv, publicIp: pub });
  });
  return { publicIp, secondaryPublicIps };
}

/** Instances, each with its primary interface. */
function bindInstances(b: Binder, t: Draft): void {
  const { instances } = t;
  b.eachDeclared('instances', (raw, path) => {
    const subnet = subnetRef(b, raw.subnet, [...path, 'subnet']);
    if (!subnet) return;
    const eniId = str(raw.interfaceId) ?? `eni-${raw.id}`;
    const eni = makeEni(b, t, { id: raw.id, eniId, name: str(raw.name), path, subnet, rawIp: raw.privateIp, ipPath: [...path, 'privateIp'], secondary: raw.secondaryPrivateIps, ipv6: raw.ipv6Addresses, publicIp: raw.publicIp, secondaryPublic: raw.secondaryPublicIps, sgs: raw.securityGroups, sourceDestCheck: raw.sourceDestCheck, sourceNat: raw.sourceNat, explicit: false });
    if (!eni) return;
    const inst = b.register<M.Instance>({ kind: 'instance', id: raw.id, name: str(raw.name), src: src(path), subnet, primary: eni, interfaces: [eni] });
    eni.owner = { type: 'instance', instance: inst };
    if (eniId !== `eni-${raw.id}` || !b.declared.has(eniId)) b.byId.set(eniId, eni);
    instances.push(inst);
  });
}

/** Declared network interfaces, attached to an instance in the same Availability Zone. */
function bindNetworkInterfaces(b: Binder, t: Draft): void {
  b.eachDeclared('networkInterfaces', (raw, path) => {
    const subnet = subnetRef(b, raw.subnet, [...path, 'subnet']);
    if (!subnet) return;
    const eni = makeEni(b, t, { id: raw.id, name: str(raw.name), path, subnet, rawIp: raw.privateIp, ipPath: [...path, 'privateIp'], secondary: raw.secondaryPrivateIps, ipv6: raw.ipv6Addresses, publicIp: raw.publicIp, secondaryPublic: raw.secondaryPublicIps, sgs: raw.securityGroups, sourceDestCheck: raw.sourceDestCheck, sourceNat: raw.sourceNat, explicit: true });
    if (!eni) return;
    b.register(eni);
    if (raw.instance !== undefined) {
      const inst = b.ref(raw.instance, ['instance'], [...path, 'instance'], 'instance');
      if (inst) {
        // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-eni.html — an interface attaches to an instance in the same Availability Zone
        if (inst.subnet.az !== subnet.az) b.error('CROSS_AZ_ATTACHMENT', `network interface '${raw.id}' is in ${subnet.az} but instance '${inst.id}' is in ${inst.subnet.az}`, [...path, 'instance']);
        else if (inst.subnet.vpc !== subnet.vpc) b.error('CROSS_VPC_REFERENCE', `network interface '${raw.id}' is in VPC '${subnet.vpc.id}' but instance '${inst.id}' is in '${inst.subnet.vpc.id}'`, [...path, 'instance']);
        else {
          inst.interfaces.push(eni);
          eni.owner = { type: 'instance', instance: inst };
        }
      }
    }
  });
}

/** The first free address of a subnet, for an interface whose address the file does not give. */
export function allocate(b: Binder, t: Draft, subnet: M.Subnet, id: string, path: Path): number | undefined {
  const { vpcIps } = t;
  const used = vpcIps.get(subnet.vpc) ?? new Map();
  const cidr = subnet.cidr;
  if (!cidr) return void b.error('IP_OUTSIDE_SUBNET', `'${id}' is in IPv6-only subnet '${subnet.id}': vpcsim does not model an interface endpoint or transit gateway attachment in an IPv6-only subnet yet`, path, { hint: 'use a subnet with an IPv4 cidr' }), undefined;
  const size = Number(sizeOf(cidr));
  for (let k = 4; k < size - 1; k++) {
    const a = addOffset(cidr, k) as number;
    if (!used.has(a)) {
      claim(b, t, subnet.vpc, a, id, path);
      return a;
    }
  }
  b.error('SUBNET_FULL', `subnet '${subnet.id}' has no free address left for '${id}'`, path);
  return undefined;
}

/** NAT gateways: an explicit private IP is claimed now; a missing one is assigned after all explicit addresses. */
function bindNatGateways(b: Binder, t: Draft): void {
  const { interfaces, interfaceByIp, interfaceByPublicIp, natGateways, pendingAlloc } = t;
  b.eachDeclared('natGateways', (raw, path) => {
    const subnet = subnetRef(b, raw.subnet, [...path, 'subnet']);
    if (!subnet) return;
    // A NAT gateway's interface takes "a private IP address from the IP address range of the subnet" (IPv4)
    // (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateNatGateway.html): not in an IPv6-only subnet.
    if (!subnet.cidr) return b.error('NAT_IN_IPV6_ONLY_SUBNET', `NAT gateway '${raw.id}' is in IPv6-only subnet '${subnet.id}'; a NAT gateway needs an IPv4 address`, [...path, 'subnet'], { hint: 'put it in a subnet with an IPv4 cidr (NAT64 still serves IPv6-only subnets routed to it)' });
    const connectivity = (str(raw.connectivity) as 'public' | 'private') ?? 'public';
    const id = raw.id;
    const build = (privateIp: number | undefined) => {
      if (privateIp === undefined) return;
      let publicIp: number | undefined;
      if (raw.publicIp !== undefined) {
        const p: Path = [...path, 'publicIp'];
        publicIp = b.ip(raw.publicIp, p, `Elastic IP of '${id}'`, 4) as number | undefined;
        if (publicIp !== undefined && connectivity === 'private') b.error('INVALID_VALUE', `private NAT gateway '${id}' cannot have an Elastic IP`, p);
        if (publicIp !== undefined && !claimPublic(b, t, publicIp, id, p)) publicIp = undefined;
      } else if (connectivity === 'public') {
        // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html — a public NAT gateway must be associated with an Elastic IP
        b.error('MISSING_KEY', `public NAT gateway '${id}' needs publicIp (its Elastic IP)`, path, { hint: "or set connectivity: private" });
      }
      const eni: M.NetworkInterface = {
        kind: 'network-interface',
        id: str(raw.interfaceId) ?? `eni-${id}`,
        src: src(path),
        subnet,
        vpc: subnet.vpc,
        privateIp,
        secondaryPrivateIps: [],
        ipv6Addresses: [],
        publicIp,
        securityGroups: [],
        sourceDestCheck: false,
        sourceNat: false,
        owner: { type: 'none' },
        explicit: false,
      };
      const nat = b.register<M.NatGateway>({ kind: 'nat-gateway', id, name: str(raw.name), src: src(path), subnet, vpc: subnet.vpc, connectivity, privateIp, publicIp, eni });
      eni.owner = { type: 'nat-gateway', nat };
      subnet.interfaces.push(eni);
      interfaces.push(eni);
      if (!interfaceByIp.has(privateIp)) interfaceByIp.set(privateIp, eni);
      if (publicIp !== undefined) interfaceByPublicIp.set(publicIp, eni);
      natGateways.push(nat);
    };
    if (raw.privateIp !== undefined) {
      const p: Path = [...path, 'privateIp'];
      const a = b.ip(raw.privateIp, p, `private IP of '${id}'`, 4) as number | undefined;
      if (a !== undefined && checkPrivate(b, subnet, a, id, p) && claim(b, t, subnet.vpc, a, id, p)) build(a);
    } else pendingAlloc.push(() => build(allocate(b, t, subnet, id, path)));
  });
}

/** Endpoints: gateway endpoints become prefix-list routes; interface endpoints are interfaces with groups. */
function bindVpcEndpoints(b: Binder, t: Draft): void {
  const { vpcIps, pendingAlloc, vpcEndpoints, endpointRouteTables } = t;
  b.eachDeclared('vpcEndpoints', (raw, path) => {
    const vpc = vpcRef(b, raw.vpc, [...path, 'vpc']);
    if (!vpc) return;
    const type = raw.type === 'interface' ? 'interface' : raw.type === 'gatewayLoadBalancer' ? 'gatewayLoadBalancer' : 'gateway';
    const service = (str(raw.service) ?? '').replace(/^com\.amazonaws\.[a-z0-9-]+\./, '');
    const ep = b.register<M.VpcEndpoint>({ kind: 'vpc-endpoint', id: raw.id, name: str(raw.name), src: src(path), vpc, type, service, routeTables: [], subnets: [], interfaces: [] });
    vpcEndpoints.push(ep);
    if (type === 'gatewayLoadBalancer') return bindGwlbEndpoint(b, t, raw, path, ep);
    if (raw.service === undefined) return b.error('MISSING_KEY', `${type} endpoint '${raw.id}' needs service`, path);
    if (type === 'gateway') {
      // https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html — gateway endpoints exist for S3 and DynamoDB only
      if (service !== 's3' && service !== 'dynamodb') {
        b.error('INVALID_VALUE', `gateway endpoint '${raw.id}' is for '${service}'; gateway endpoints exist only for s3 and dynamodb`, [...path, 'service'], { hint: 'use type: interface' });
      } else {
        (ep as Mutable<M.VpcEndpoint>).prefixList = serviceList(b, t, service, [...path, 'service']);
      }
      vpc.gatewayEndpoints.push(ep);
      endpointRouteTables.set(ep, { ids: arr(raw.routeTables), path });
    } else {
      const ips = arr(raw.privateIps);
      arr(raw.subnets).forEach((sv, j) => {
        const sp: Path = [...path, 'subnets', j];
        const subnet = subnetRef(b, sv, sp);
        if (!subnet) return;
        if (subnet.vpc !== vpc) return b.error('CROSS_VPC_REFERENCE', `subnet '${subnet.id}' is in VPC '${subnet.vpc.id}', not in endpoint '${raw.id}''s VPC '${vpc.id}'`, sp);
        const eniId = `eni-${raw.id}-${subnet.id}`;
        const mk = (ipText: unknown, ipPath: Path) => {
          const eni = makeEni(b, t, { id: eniId, path, subnet, rawIp: ipText, ipPath, sgs: raw.securityGroups, explicit: false });
          if (!eni) return;
          eni.owner = { type: 'vpc-endpoint', endpoint: ep };
          ep.subnets.push(subnet);
          ep.interfaces.push(eni);
          b.byId.set(eniId, eni);
        };
        if (ips[j] !== undefined) mk(ips[j], [...path, 'privateIps', j]);
        else
          pendingAlloc.push(() => {
            const a = allocate(b, t, subnet, eniId, sp);
            if (a !== undefined) {
              (vpcIps.get(subnet.vpc) ?? new Map()).delete(a);
              mk(formatAddr(a), sp);
            }
          });
      });
    }
  });
}

/** Transit gateway attachments (their route tables are associated once those exist). */
function bindTgwAttachments(b: Binder, t: Draft): void {
  const { interfaces, interfaceByIp, pendingAlloc, tgwAttachments, attachmentRt } = t;
  b.eachDeclared('transitGatewayAttachments', (raw, path) => {
    const tgw = b.ref(raw.transitGateway, ['transit-gateway'], [...path, 'transitGateway'], 'transit gateway');
    if (!tgw) return;
    const kinds = ['vpc', 'vpnConnection', 'directConnectGateway', 'peerTransitGateway'].filter((k) => raw[k] !== undefined);
    if (kinds.length !== 1) {
      return b.error(kinds.length ? 'CONFLICTING_KEYS' : 'MISSING_KEY', `transit gateway attachment '${raw.id}' needs exactly one of vpc, vpnConnection, directConnectGateway, peerTransitGateway${kinds.length ? ` (has ${kinds.join(', ')})` : ''}`, path);
    }
    const att: M.TransitGatewayAttachment = {
      kind: 'tgw-attachment',
      id: raw.id,
      name: str(raw.name),
      src: src(path),
      transitGateway: tgw,
      type: raw.vpc !== undefined ? 'vpc' : raw.vpnConnection !== undefined ? 'vpn' : raw.directConnectGateway !== undefined ? 'direct-connect' : 'peering',
      subnets: [],
      interfacesByAz: new Map(),
      peerCidrs: [],
      applianceMode: raw.applianceMode === true,
      ...(typeof raw.ipv6Support === 'boolean' ? { ipv6Support: raw.ipv6Support } : {}),
      ...(typeof raw.dnsSupport === 'boolean' ? { dnsSupport: raw.dnsSupport } : {}),
      ...(typeof raw.securityGroupReferencingSupport === 'boolean' ? { securityGroupReferencingSupport: raw.securityGroupReferencingSupport } : {}),
    };
    // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html — IPv6, DNS and security group referencing support are options of VPC attachments
    for (const k of ['ipv6Support', 'dnsSupport', 'securityGroupReferencingSupport'] as const) {
      if (raw[k] !== undefined && att.type !== 'vpc') b.error('CONFLICTING_KEYS', `'${k}' is an option of VPC attachments; '${raw.id}' attaches ${att.type === 'vpn' ? 'a VPN connection' : att.type === 'direct-connect' ? 'a Direct Connect gateway' : 'a peer transit gateway'}`, [...path, k]);
    }
    if (att.type === 'vpc') {
      const vpc = vpcRef(b, raw.vpc, [...path, 'vpc']);
      if (!vpc) return;
      (att as Mutable<M.TransitGatewayAttachment>).vpc = vpc;
      arr(raw.subnets).forEach((sv, j) => {
        const sp: Path = [...path, 'subnets', j];
        const subnet = subnetRef(b, sv, sp);
        if (!subnet) return;
        if (subnet.vpc !== vpc) return b.error('CROSS_VPC_REFERENCE', `subnet '${subnet.id}' is in VPC '${subnet.vpc.id}', not in attachment '${raw.id}''s VPC '${vpc.id}'`, sp);
        // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html — one subnet per Availability Zone
        if (att.interfacesByAz.has(subnet.az)) return b.error('DUPLICATE_AZ', `attachment '${raw.id}' already has a subnet in ${subnet.az}; a VPC attachment takes one subnet per Availability Zone`, sp);
        att.subnets.push(subnet);
        const eniId = `eni-${raw.id}-${subnet.id}`;
        att.interfacesByAz.set(subnet.az, undefined as unknown as M.NetworkInterface);
        pendingAlloc.push(() => {
          const a = allocate(b, t, subnet, eniId, sp);
          if (a === undefined) return;
          const eni: M.NetworkInterface = { kind: 'network-interface', id: eniId, src: src(sp), subnet, vpc, privateIp: a, secondaryPrivateIps: [], ipv6Addresses: [], securityGroups: [], sourceDestCheck: false, sourceNat: false, owner: { type: 'tgw-attachment', attachment: att }, explicit: false };
          att.interfacesByAz.set(subnet.az, eni);
          subnet.interfaces.push(eni);
          interfaces.push(eni);
          if (!interfaceByIp.has(a)) interfaceByIp.set(a, eni);
          b.byId.set(eniId, eni);
        });
      });
      if (att.subnets.length === 0) b.error('MISSING_KEY', `VPC attachment '${raw.id}' needs at least one subnet`, path);
      vpc.tgwAttachments.push(att);
    } else if (att.type === 'vpn') {
      const conn = b.ref(raw.vpnConnection, ['vpn-connection'], [...path, 'vpnConnection'], 'VPN connection');
      if (!conn) return;
      if (conn.transitGateway !== tgw) b.error('INVALID_REFERENCE', `VPN connection '${conn.id}' does not terminate on transit gateway '${tgw.id}' (set transitGateway: ${tgw.id} on it)`, [...path, 'vpnConnection']);
      (att as Mutable<M.TransitGatewayAttachment>).vpnConnection = conn;
      conn.tgwAttachment = att;
    } else if (att.type === 'direct-connect') {
      if (!attachDirectConnectGateway(b, att, raw.directConnectGateway, [...path, 'directConnectGateway'])) return;
    } else {
      (att as Mutable<M.TransitGatewayAttachment>).peerTransitGateway = str(raw.peerTransitGateway);
      arr(raw.peerCidrs).forEach((c, j) => {
        const p = b.cidr(c, [...path, 'peerCidrs', j], `peer CIDR of '${raw.id}'`);
        if (p) att.peerCidrs.push(p);
      });
    }
    b.register(att);
    tgw.attachments.push(att);
    tgwAttachments.push(att);
    if (raw.routeTable !== undefined) attachmentRt.set(att, { v: raw.routeTable, path: [...path, 'routeTable'] });
  });
}

/** Transit gateway route tables: static and propagated routes. */
function bindTgwRouteTables(b: Binder, t: Draft): void {
  const { tgwRouteTables } = t;
  b.eachDeclared('transitGatewayRouteTables', (raw, path) => {
    const tgw = b.ref(raw.transitGateway, ['transit-gateway'], [...path, 'transitGateway'], 'transit gateway');
    if (!tgw) return;
    const routes: M.TgwRoute[] = [];
    const propagations: M.TransitGatewayAttachment[] = [];
    const seen = new Map<string, Path>();
    arr(raw.routes).forEach((rv, j) => {
      const rp: Path = [...path, 'routes', j];
      const r = (rv ?? {}) as Raw;
      const dest = b.cidr(r.destination, [...rp, 'destination'], `route destination in '${raw.id}'`);
      if (!dest) return;
      const key = formatPrefix(dest);
      if (seen.has(key)) return b.error('DUPLICATE_ROUTE', `transit gateway route table '${raw.id}' already has a route for ${key}`, [...rp, 'destination']);
      seen.set(key, rp);
      if ((r.attachment !== undefined) === (r.blackhole === true)) return b.error(r.attachment !== undefined ? 'CONFLICTING_KEYS' : 'MISSING_KEY', `route ${key} in '${raw.id}' needs exactly one of attachment or blackhole: true`, rp);
      let attachment: M.TransitGatewayAttachment | undefined;
      if (r.attachment !== undefined) {
        attachment = b.ref(r.attachment, ['tgw-attachment'], [...rp, 'attachment'], 'transit gateway attachment');
        if (!attachment) return;
        if (attachment.transitGateway !== tgw) return b.error('INVALID_REFERENCE', `attachment '${attachment.id}' belongs to transit gateway '${attachment.transitGateway.id}', not '${tgw.id}'`, [...rp, 'attachment']);
      }
      // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html — static routes take priority over propagated routes for the same prefix
      routes.push(tgwRouteOf(dest, attachment, r.blackhole === true, 'static', src(rp), 0));
    });
    arr(raw.propagations).forEach((av, j) => {
      const ap: Path = [...path, 'propagations', j];
      const att = b.ref(av, ['tgw-attachment'], ap, 'transit gateway attachment');
      if (!att) return;
      if (att.transitGateway !== tgw) return b.error('INVALID_REFERENCE', `attachment '${att.id}' belongs to transit gateway '${att.transitGateway.id}', not '${tgw.id}'`, ap);
      propagations.push(att);
      // Propagated: a VPC attachment's CIDRs, a VPN's on-premises prefixes (BGP); peering attachments do not propagate.
      // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html#tgw-route-propagation
      // A Direct Connect gateway attachment propagates the prefixes its transit virtual interfaces learn, like a VPN attachment
      // (https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html — route evaluation order: VPC, then Direct Connect gateway, then VPN propagated routes).
      const cidrs = att.type === 'vpc' ? [...att.vpc!.cidrs, ...att.vpc!.ipv6Cidrs] : att.type === 'vpn' ? (att.vpnConnection?.onPremisesCidrs ?? []) : att.type === 'direct-connect' ? dxPropagatedCidrs(att) : [];
      if (att.type === 'peering') b.diag('warning', 'PEERING_NO_PROPAGATION', `peering attachment '${att.id}' cannot propagate routes; add static routes`, ap);
      for (const c of cidrs) routes.push(tgwRouteOf(c, att, false, 'propagated', src(ap), PROPAGATED_RANK[att.type]));
    });
    const rt = b.register<M.TransitGatewayRouteTable>({
      kind: 'tgw-route-table',
      id: raw.id,
      name: str(raw.name),
      src: src(path),
      transitGateway: tgw,
      routes,
      lookup4: new PrefixTable(4, routes),
      lookup6: new PrefixTable(6, routes),
      propagations,
    });
    tgw.routeTables.push(rt);
    tgwRouteTables.push(rt);
  });
}

/** Each attachment's association with a route table of its transit gateway. */
function associateTgwRouteTables(b: Binder, t: Draft): void {
  const { attachmentRt } = t;
  for (const [att, { v, path }] of attachmentRt) {
    const rt = b.ref(v, ['tgw-route-table'], path, 'transit gateway route table');
    if (!rt) continue;
    if (rt.transitGateway !== att.transitGateway) b.error('INVALID_REFERENCE', `route table '${rt.id}' belongs to transit gateway '${rt.transitGateway.id}', not '${att.transitGateway.id}'`, path);
    else att.routeTable = rt;
  }
}

/** Route tables and their routes. */
function bindRouteTables(b: Binder, t: Draft): void {
  const { routeTables } = t;
  b.eachDeclared('routeTables', (raw, path) => {
    const vpc = vpcRef(b, raw.vpc, [...path, 'vpc']);
    if (!vpc) return;
    const routes: M.Route[] = localRoutes(vpc);
    const rt = { kind: 'route-table', id: raw.id, name: str(raw.name), src: src(path), vpc, main: raw.main === true, implicit: false, routes, subnets: [] } as unknown as M.RouteTable;
    b.register(rt);
    if (rt.main) {
      if (vpc.mainRouteTable) b.error('MULTIPLE_MAIN_ROUTE_TABLES', `VPC '${vpc.id}' already has main route table '${vpc.mainRouteTable.id}'`, [...path, 'main']);
      else vpc.mainRouteTable = rt;
    }
    const seen = new Map<string, Path>();
    for (const r of routes) seen.set(formatPrefix(r.destination), path);
    arr(raw.routes).forEach((rv, j) => {
      const rp: Path = [...path, 'routes', j];
      const r = (rv ?? {}) as Raw;
      const route = bindRoute(b, r, rp, rt, seen);
      if (route) routes.push(...route);
    });
    arr(raw.propagatingGateways).forEach((gv, j) => {
      const gp: Path = [...path, 'propagatingGateways', j];
      const vgw = b.ref(gv, ['vpn-gateway'], gp, 'VPN gateway');
      if (!vgw) return;
      if (vgw.vpc !== vpc) return b.error('CROSS_VPC_REFERENCE', `VPN gateway '${vgw.id}' is not attached to VPC '${vpc.id}'`, gp);
      // https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html — propagated routes carry the VPN's prefixes; static routes win over them
      // https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html — the gateway also propagates what it learns over
      // Direct Connect BGP; a prefix learned several ways is one propagated route (the gateway picks the link, src/trace/direct-connect.ts)
      const learned = new Map<string, Prefix>();
      for (const c of [...vgw.connections.flatMap((conn) => conn.onPremisesCidrs), ...dxLearnedPrefixes(t.directConnectGateways, vgw)]) if (!learned.has(formatPrefix(c))) learned.set(formatPrefix(c), c);
      for (const c of learned.values()) routes.push(routeOf(c, undefined, { type: 'vpn', gateway: vgw }, 'propagated', vgw.id, src(gp), 3));
    });
    routeTables.push(rt);
  });
}

/** Every VPC without a declared main route table gets one with the local routes. */
function addMainRouteTables(b: Binder, t: Draft): void {
  const { vpcs, routeTables } = t;
  for (const vpc of vpcs) {
    if (vpc.mainRouteTable) continue;
    // https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html — every VPC has a main route table, with the local routes
    const rt = { kind: 'route-table', id: `${vpc.id}:main-rtb`, src: vpc.src, vpc, main: true, implicit: true, routes: localRoutes(vpc), subnets: [] } as unknown as M.RouteTable;
    vpc.mainRouteTable = rt;
    routeTables.push(rt);
    b.byId.set(rt.id, rt);
  }
}

/** Gateway endpoints add their service's prefix-list route to each route table they name. */
function addEndpointRoutes(b: Binder, t: Draft): void {
  const { endpointRouteTables } = t;
  for (const [ep, { ids, path }] of endpointRouteTables) {
    ids.forEach((v, j) => {
      const p: Path = [...path, 'routeTables', j];
      const rt = b.ref(v, ['route-table'], p, 'route table');
      if (!rt) return;
      if (rt.vpc !== ep.vpc) return b.error('CROSS_VPC_REFERENCE', `route table '${rt.id}' is in VPC '${rt.vpc.id}', not in endpoint '${ep.id}''s VPC '${ep.vpc.id}'`, p);
      ep.routeTables.push(rt);
      // https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html — the route uses the service's prefix list as its destination
      if (ep.prefixList) for (const c of ep.prefixList.cidrs) rt.routes.push(routeOf(c, ep.prefixList, { type: 'endpoint', endpoint: ep }, 'endpoint', ep.id, src(p), 2));
    });
  }
}

/** The longest-prefix-match tables of each route table. */
function buildRouteLookups(b: Binder, t: Draft): void {
  const { routeTables } = t;
  for (const rt of routeTables) {
    // https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html#vpn-route-priority — propagated routes that overlap
    // the local route never win over it, however specific: they stay in `routes` (for show/check) but not in the lookups.
    const locals = rt.routes.filter((r) => r.origin === 'local').map((r) => r.destination);
    const usable = rt.routes.filter((r) => r.origin !== 'propagated' || !locals.some((l) => covers(l, r.destination)));
    (rt as Mutable<M.RouteTable>).lookup4 = new PrefixTable(4, usable);
    (rt as Mutable<M.RouteTable>).lookup6 = new PrefixTable(6, usable);
  }
}

/** Subnet associations: route table and network ACL, else the VPC's main and default ones. */
function associateSubnets(b: Binder, t: Draft): void {
  const { subnetRaw } = t;
  for (const [subnet, { raw, path }] of subnetRaw) {
    subnet.routeTable = subnet.vpc.mainRouteTable;
    if (raw.routeTable !== undefined) {
      const rt = b.ref(raw.routeTable, ['route-table'], [...path, 'routeTable'], 'route table');
      if (rt && rt.vpc !== subnet.vpc) b.error('CROSS_VPC_REFERENCE', `route table '${rt.id}' is in VPC '${rt.vpc.id}', but subnet '${subnet.id}' is in VPC '${subnet.vpc.id}'`, [...path, 'routeTable']);
      else if (rt) subnet.routeTable = rt;
    }
    subnet.routeTable.subnets.push(subnet);
    subnet.networkAcl = subnet.vpc.defaultNetworkAcl;
    if (raw.networkAcl !== undefined) {
      const acl = b.ref(raw.networkAcl, ['network-acl'], [...path, 'networkAcl'], 'network ACL');
      if (acl && acl.vpc !== subnet.vpc) b.error('CROSS_VPC_REFERENCE', `network ACL '${acl.id}' is in VPC '${acl.vpc.id}', but subnet '${subnet.id}' is in VPC '${subnet.vpc.id}'`, [...path, 'networkAcl']);
      else if (acl) subnet.networkAcl = acl;
    }
    subnet.networkAcl.subnets.push(subnet);
  }
}

/** Security group rules, now that every group and prefix list exists. */
function bindSgRules(b: Binder, t: Draft): void {
  const { sgRaw } = t;
  for (const [sg, { raw, path }] of sgRaw) {
    sg.inbound.push(...sgRules(b, raw.inbound, [...path, 'inbound'], sg, 'source'));
    if (raw.outbound === undefined) sg.outbound.push(...allOutbound(sg.vpc));
    else sg.outbound.push(...sgRules(b, raw.outbound, [...path, 'outbound'], sg, 'destination'));
  }
}


/** https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html — first four and the last address of every subnet CIDR are reserved */
/**
 * The IPv4 keys of an interface against its subnet: privateIp is required in a subnet with an IPv4 CIDR and not
 * allowed in an IPv6-only one, where an interface has no IPv4 address at all
 * (https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html — IPv6-only subnets have no IPv4 CIDR block).
 */
function checkIpv4Keys(b: Binder, o: { id: string; path: Path; rawIp: unknown; ipPath: Path; ipv6?: unknown; publicIp?: unknown; secondary?: unknown; secondaryPublic?: unknown }, subnet: M.Subnet): boolean {
  if (subnet.cidr !== undefined) {
    if (o.rawIp !== undefined) return true;
    b.error('MISSING_KEY', `'${o.id}' is missing required key 'privateIp' (subnet '${subnet.id}' has IPv4 cidr ${formatPrefix(subnet.cidr)})`, o.path);
    return false;
  }
  const keys = [['privateIp', o.rawIp], ['publicIp', o.publicIp], ['secondaryPrivateIps', o.secondary], ['secondaryPublicIps', o.secondaryPublic]] as const;
  const bad = keys.find(([, v]) => v !== undefined);
  if (!bad && arr(o.ipv6).length === 0) {
    b.error('MISSING_KEY', `'${o.id}' is in IPv6-only subnet '${subnet.id}' and needs ipv6Addresses`, o.path, { hint: 'an interface in an IPv6-only subnet has no private IPv4 address' });
    return false;
  }
  if (!bad) return true;
  b.error('IP_OUTSIDE_SUBNET', `'${o.id}' has ${bad[0]} but subnet '${subnet.id}' is IPv6-only (no IPv4 cidr)`, [...o.path, bad[0]], { hint: `remove ${bad[0]}, or give subnet '${subnet.id}' an IPv4 cidr` });
  return false;
}

/** The ipv6Cidr of a subnet, checked against AWS's sizes and the VPC's IPv6 blocks; undefined after an error. */
function subnetIpv6Cidr(b: Binder, raw: Raw, path: Path, vpc: M.Vpc): Prefix | undefined {
  const p = b.cidr(raw.ipv6Cidr, [...path, 'ipv6Cidr'], `IPv6 CIDR of subnet '${raw.id}'`);
  if (!p) return undefined;
  if (p.family !== 6) return void b.error('INVALID_CIDR', `subnet '${raw.id}': ipv6Cidr ${formatPrefix(p)} is not IPv6`, [...path, 'ipv6Cidr']), undefined;
  // https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html — IPv6 subnets /44 to /64 in increments of /4
  if (!sizeAllowed(IPV6_SUBNET, p.len)) return void b.error('SUBNET_CIDR_SIZE', `subnet '${raw.id}': IPv6 ${formatPrefix(p)} is /${p.len}; AWS allows /${IPV6_SUBNET.largest} to /${IPV6_SUBNET.smallest} in steps of ${IPV6_SUBNET.step}`, [...path, 'ipv6Cidr']), undefined;
  if (vpc.ipv6Cidrs.length === 0) return void b.error('SUBNET_OUTSIDE_VPC', `subnet '${raw.id}' has an IPv6 CIDR but VPC '${vpc.id}' has no ipv6Cidr`, [...path, 'ipv6Cidr']), undefined;
  if (!vpc.ipv6Cidrs.some((v) => covers(v, p))) return void b.error('SUBNET_OUTSIDE_VPC', `subnet '${raw.id}': ${formatPrefix(p)} is not inside VPC '${vpc.id}' IPv6 CIDR ${vpc.ipv6Cidrs.map(formatPrefix).join(', ')}`, [...path, 'ipv6Cidr']), undefined;
  return p;
}

/** An IPv6-only subnet: ipv6Cidr and no cidr. It is dropped (like any subnet with a bad CIDR) when its ipv6Cidr is wrong. */
function ipv6OnlySubnet(b: Binder, raw: Raw, path: Path, vpc: M.Vpc | undefined, subnets: M.Subnet[], subnetRaw: Map<M.Subnet, { raw: Raw; path: Path }>): void {
  if (!vpc) return;
  const ipv6Cidr = subnetIpv6Cidr(b, raw, path, vpc);
  if (ipv6Cidr) addSubnet(b, raw, path, vpc, undefined, ipv6Cidr, subnets, subnetRaw);
}

function addSubnet(b: Binder, raw: Raw, path: Path, vpc: M.Vpc, cidr: Prefix | undefined, ipv6Cidr: Prefix | undefined, subnets: M.Subnet[], subnetRaw: Map<M.Subnet, { raw: Raw; path: Path }>): void {
  const subnet = {
    kind: 'subnet',
    id: raw.id,
    name: str(raw.name),
    src: src(path),
    vpc,
    cidr,
    ipv6Cidr,
    az: str(raw.az) ?? `${b.region}a`,
    azId: str(raw.azId),
    implicitRouteTable: raw.routeTable === undefined,
    interfaces: [],
  } as unknown as M.Subnet;
  subnets.push(b.register(subnet));
  vpc.subnets.push(subnet);
  subnetRaw.set(subnet, { raw, path });
}

export function reservedReason(cidr: Prefix, a: Addr): string | undefined {
  const last = lastAddr(cidr);
  if (a === cidr.base) return 'network address';
  if (a === addOffset(cidr, 1)) return 'reserved for the VPC router';
  if (a === addOffset(cidr, 2)) return 'reserved for the Amazon DNS server';
  if (a === addOffset(cidr, 3)) return 'reserved for future use';
  if (a === last) return cidr.family === 4 ? 'network broadcast address, reserved' : 'last address, reserved';
  return undefined;
}

// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html — public IPv4 addresses come from
// Amazon's public pool or your own, never from private (RFC 1918), shared (RFC 6598), loopback or link-local space.
const NOT_PUBLIC: Prefix[] = [...RFC1918, RFC6598, ...['127.0.0.0/8', '169.254.0.0/16', '0.0.0.0/8'].map(mustCidr)];

export function isPrivateSpace(a: number): boolean {
  return NOT_PUBLIC.some((c) => contains(c, a));
}

function localRoutes(vpc: M.Vpc): M.Route[] {
  // https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html#route-table-routes — a local route for every VPC CIDR
  return [...vpc.cidrs, ...vpc.ipv6Cidrs].map((c) => routeOf(c, undefined, LOCAL, 'local', 'local', undefined, 1));
}

function allOutbound(vpc: M.Vpc): M.SecurityGroupRule[] {
  // https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html — a new group allows all outbound (IPv6 too when the VPC has IPv6)
  const mk = (c: string): M.SecurityGroupRule => sgRuleOf(ALL_TRAFFIC, { type: 'cidr', prefix: mustCidr(c), text: c }, 'default: all outbound', undefined, true);
  return [mk('0.0.0.0/0'), ...(vpc.ipv6Cidrs.length ? [mk('::/0')] : [])];
}

export function bindMatch(b: Binder, r: Raw, path: Path, what: string): M.Match | undefined {
  const proto = parseProtocol(r.protocol);
  if (!proto.ok) {
    if (r.protocol !== undefined) b.error('INVALID_PROTOCOL', `${what}: ${proto.error}`, [...path, 'protocol']);
    return undefined;
  }
  const ports = parsePorts(r.ports);
  if (!ports.ok) {
    b.error('INVALID_PORTS', `${what}: ${ports.error}`, [...path, 'ports']);
    return undefined;
  }
  if (ports.value && !hasPorts(proto.value)) {
    b.error('INVALID_PORTS', `${what}: ports apply only to tcp and udp, not protocol ${String(r.protocol)}`, [...path, 'ports'], { hint: 'remove ports, or use icmpType/icmpCode for ICMP' });
    return undefined;
  }
  const hasIcmp = r.icmpType !== undefined || r.icmpCode !== undefined;
  if (hasIcmp && !isIcmp(proto.value)) {
    b.error('INVALID_VALUE', `${what}: icmpType/icmpCode apply only to icmp and icmpv6`, [...path, r.icmpType !== undefined ? 'icmpType' : 'icmpCode'], { key: true });
    return undefined;
  }
  for (const k of ['icmpType', 'icmpCode'] as const) {
    const v = r[k];
    if (v !== undefined && (typeof v !== 'number' || v < -1 || v > 255)) {
      b.error('INVALID_VALUE', `${what}: ${k} must be -1 (all) or 0-255`, [...path, k]);
      return undefined;
    }
  }
  return { protocol: proto.value, ports: ports.value, icmpType: typeof r.icmpType === 'number' ? r.icmpType : -1, icmpCode: typeof r.icmpCode === 'number' ? r.icmpCode : -1 };
}

function aclRules(b: Binder, raw: Raw, path: Path, dir: 'inbound' | 'outbound'): M.NetworkAclRule[] {
  const rules: M.NetworkAclRule[] = [];
  const numbers = new Map<number, number>();
  arr(raw[dir]).forEach((rv, j) => {
    const rp: Path = [...path, dir, j];
    const r = (rv ?? {}) as Raw;
    const what = `${dir} rule ${String(r.rule ?? `#${j + 1}`)} of network ACL '${String(raw.id)}'`;
    if (typeof r.rule !== 'number') return;
    // https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html — rule numbers 1 to 32766, evaluated lowest first
    if (!Number.isInteger(r.rule) || r.rule < 1 || r.rule > MAX_NACL_RULE_NUMBER) return b.error('INVALID_RULE_NUMBER', `${what}: rule number must be 1-${MAX_NACL_RULE_NUMBER}`, [...rp, 'rule']);
    if (numbers.has(r.rule)) return b.error('DUPLICATE_RULE_NUMBER', `${what}: rule number ${r.rule} is already used by ${dir} rule #${numbers.get(r.rule)! + 1}`, [...rp, 'rule']);
    numbers.set(r.rule, j);
    if ((r.cidr === undefined) === (r.ipv6Cidr === undefined)) return b.error(r.cidr === undefined ? 'MISSING_KEY' : 'CONFLICTING_KEYS', `${what}: needs exactly one of cidr (IPv4) or ipv6Cidr (IPv6)`, rp);
    const key = r.cidr !== undefined ? 'cidr' : 'ipv6Cidr';
    const cidr = b.cidr(r[key], [...rp, key], what);
    if (!cidr) return;
    if ((key === 'cidr') !== (cidr.family === 4)) return b.error('INVALID_CIDR', `${what}: ${key} ${formatPrefix(cidr)} is IPv${cidr.family}; use ${cidr.family === 4 ? 'cidr' : 'ipv6Cidr'}`, [...rp, key]);
    const m = bindMatch(b, r, rp, what);
    if (!m) return;
    rules.push(aclRuleOf(m, r.rule, cidr, r.action === 'deny' ? 'deny' : 'allow', src(rp)));
  });
  return rules.sort((x, y) => x.number - y.number);
}

/** A security group rule's peer: a CIDR, a security group (this VPC's, or a same-region peer's) or a prefix list. */
function sgPeer(b: Binder, pv: string, at: Path, what: string, sg: M.SecurityGroup, dir: 'inbound' | 'outbound'): M.SgPeer | undefined {
  if (/^[0-9a-fA-F:.]+\/\d+$/.test(pv)) {
    const c = b.cidr(pv, at, what);
    return c ? { type: 'cidr', prefix: c, text: pv } : undefined;
  }
  // A VPC's implicit default group (no group of the VPC is declared `default: true`) is referred to as `<vpc>:default-sg`.
  const implicit = pv.endsWith(':default-sg') ? b.byId.get(pv) : undefined;
  const target = implicit?.kind === 'security-group' && implicit.implicit ? implicit : b.ref(pv, ['security-group', 'prefix-list'], at, 'security group or prefix list');
  if (target?.kind === 'prefix-list') return { type: 'prefix-list', list: target };
  if (target?.kind !== 'security-group') return undefined;
  // https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html — a peered VPC's group may be referenced (same region)
  const peered = target.vpc === sg.vpc || sg.vpc.peerings.some((p) => !p.interRegion && (p.requester === target.vpc || p.accepter === target.vpc));
  if (!peered) {
    // Across a transit gateway: inbound rules only, with the option on (src/bind/sg-tgw-reference.ts)
    const viaTgw = tgwReference(sg, target, dir);
    if (!viaTgw?.ok) {
      b.error('CROSS_VPC_REFERENCE', `${what}: ${viaTgw ? viaTgw.message : `security group '${target.id}' is in VPC '${target.vpc.id}', which is neither this VPC nor peered with it in the same region (nor attached to the same transit gateway)`}`, at);
      return undefined;
    }
  }
  if (!target.referencedBy.includes(sg)) target.referencedBy.push(sg);
  return { type: 'sg', group: target };
}

/** A rule's `ports` and peer: one value, or a list standing for one rule per (ports, peer) pair. */
function listed(v: unknown, at: Path): { v: unknown; at: Path }[] {
  return Array.isArray(v) ? v.map((x, i) => ({ v: x, at: [...at, i] })) : [{ v, at }];
}

function sgRules(b: Binder, list: unknown, path: Path, sg: M.SecurityGroup, peerKey: 'source' | 'destination'): M.SecurityGroupRule[] {
  const out: M.SecurityGroupRule[] = [];
  arr(list).forEach((rv, j) => {
    const rp: Path = [...path, j];
    const r = (rv ?? {}) as Raw;
    const what = `${path[path.length - 1] as string} rule #${j + 1} of security group '${sg.id}'`;
    const matches = listed(r.ports, [...rp, 'ports']).map((p) => bindMatch(b, { ...r, ports: p.v }, rp, what));
    if (matches.some((m) => !m)) return;
    if (r[peerKey] === undefined) {
      b.error('MISSING_KEY', `${what} is missing '${peerKey}' (a CIDR, security group id or prefix list id)`, rp);
      return;
    }
    for (const p of listed(r[peerKey], [...rp, peerKey])) {
      if (typeof p.v !== 'string') continue; // the schema reports it
      const peer = sgPeer(b, p.v, p.at, what, sg, peerKey === 'source' ? 'inbound' : 'outbound');
      if (peer) for (const m of matches) out.push(sgRuleOf(m!, peer, str(r.description), src(rp), false));
    }
  });
  return out;
}

const ROUTE_TARGET_KINDS = ['internet-gateway', 'egress-only-internet-gateway', 'nat-gateway', 'vpn-gateway', 'peering-connection', 'transit-gateway', 'vpc-endpoint', 'instance', 'network-interface'] as const;

/** The target of a route that is not a blackhole: resolved, in the route table's VPC, and able to carry the route's
 *  destinations; undefined once reported. */
function bindRouteTarget(b: Binder, r: Raw, rp: Path, rt: M.RouteTable, key: string, dests: Prefix[]): { target: M.RouteTarget; targetId: string } | undefined {
  const vpc = rt.vpc;
  const t = b.ref(r.target, ROUTE_TARGET_KINDS, [...rp, 'target'], 'route target', `in route ${key} of route table ${rt.id}`);
  if (!t) return undefined;
  let target: M.RouteTarget = { type: 'blackhole' };
  const cross = (other: M.Vpc | undefined) => {
    if (other && other !== vpc) {
      b.error('CROSS_VPC_REFERENCE', `route ${key} in '${rt.id}' (VPC '${vpc.id}') targets '${t.id}', which is in VPC '${other.id}'`, [...rp, 'target']);
      return true;
    }
    return false;
  };
  switch (t.kind) {
    case 'internet-gateway':
      if (cross(t.vpc)) return undefined;
      target = { type: 'gateway', gateway: t };
      break;
    case 'egress-only-internet-gateway':
      if (cross(t.vpc)) return undefined;
      // https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html — IPv6 only
      if (dests.some((d) => d.family === 4)) {
        b.error('INVALID_ROUTE', `route ${key} in '${rt.id}': egress-only internet gateway '${t.id}' carries IPv6 only`, [...rp, 'target']);
        return undefined;
      }
      target = { type: 'egress-only', gateway: t };
      break;
    case 'nat-gateway':
      if (cross(t.vpc)) return undefined;
      target = { type: 'nat', nat: t };
      break;
    case 'vpn-gateway':
      if (!t.vpc) {
        b.error('INVALID_ROUTE', `route ${key} in '${rt.id}': VPN gateway '${t.id}' is not attached to a VPC`, [...rp, 'target']);
        return undefined;
      }
      if (cross(t.vpc)) return undefined;
      target = { type: 'vpn', gateway: t };
      break;
    case 'peering-connection':
      if (t.requester !== vpc && t.accepter !== vpc) {
        b.error('CROSS_VPC_REFERENCE', `route ${key} in '${rt.id}': peering connection '${t.id}' does not involve VPC '${vpc.id}' (it peers '${t.requester.id}' and '${t.accepter.id}')`, [...rp, 'target']);
        return undefined;
      }
      target = { type: 'peering', peering: t };
      break;
    case 'transit-gateway':
      target = { type: 'tgw', tgw: t };
      break;
    case 'vpc-endpoint':
      // https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-load-balancer-endpoints.html — a route sends traffic to a GWLB endpoint
      // (a Network Firewall endpoint is one: https://docs.aws.amazon.com/network-firewall/latest/developerguide/vpc-config.html)
      if (t.type === 'gatewayLoadBalancer' || t.type === 'networkFirewall') {
        if (cross(t.vpc)) return undefined;
        target = { type: 'inspection', endpoint: t };
        break;
      }
      b.error('INVALID_ROUTE', `route ${key} in '${rt.id}': endpoint '${t.id}' cannot be a route target; a gateway endpoint adds its own route when it lists the route table in routeTables`, [...rp, 'target']);
      return undefined;
    case 'instance':
      if (cross(t.subnet.vpc)) return undefined;
      target = { type: 'eni', eni: t.primary };
      break;
    case 'network-interface':
      if (cross(t.vpc)) return undefined;
      target = { type: 'eni', eni: t };
      break;
  }
  return { target, targetId: t.id };
}

/** https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html#route-table-priority — a route more specific than
 * the local route must match a whole subnet CIDR and target a NAT gateway, network interface or appliance endpoint.
 * False once reported. */
function checkWithinLocal(b: Binder, rp: Path, rt: M.RouteTable, key: string, d: Prefix, target: M.RouteTarget): boolean {
  const vpc = rt.vpc;
  const local = [...vpc.cidrs, ...vpc.ipv6Cidrs].find((c) => covers(c, d));
  if (local) {
    const okTarget = target.type === 'nat' || target.type === 'eni' || target.type === 'inspection';
    const wholeSubnet = vpc.subnets.some((s) => (s.cidr !== undefined && prefixEquals(s.cidr, d)) || (s.ipv6Cidr !== undefined && prefixEquals(s.ipv6Cidr, d)));
    const replacesLocal = local.len === d.len;
    if (!okTarget || !(wholeSubnet || replacesLocal)) {
      b.error('ROUTE_WITHIN_LOCAL', `route ${key} in '${rt.id}' falls inside the VPC's local route ${formatPrefix(local)}; AWS allows that only for a whole subnet CIDR (or the local CIDR itself) toward a NAT gateway or network interface`, [...rp, 'destination']);
      return false;
    }
  }
  return true;
}


function bindRoute(b: Binder, r: Raw, rp: Path, rt: M.RouteTable, seen: Map<string, Path>): M.Route[] | undefined {
  const vpc = rt.vpc;
  const destText = str(r.destination);
  if (destText === undefined) return undefined;
  let dests: Prefix[] = [];
  let prefixList: M.PrefixList | undefined;
  if (/^[0-9a-fA-F:.]+\/\d+$/.test(destText) || /^[\d.]+$/.test(destText) || destText.includes('/')) {
    const c = b.cidr(destText, [...rp, 'destination'], `route in route table '${rt.id}'`);
    if (!c) return undefined;
    dests = [c];
  } else {
    prefixList = b.ref(destText, ['prefix-list'], [...rp, 'destination'], 'prefix list (or CIDR) as route destination');
    if (!prefixList) return undefined;
    dests = prefixList.cidrs;
  }
  const key = prefixList ? prefixList.id : formatPrefix(dests[0]!);
  // A static and a propagated route may share a prefix (the static one wins); two of one kind may not.
  const seenKey = r.origin === 'propagated' ? `${key} (propagated)` : key;
  if (seen.has(seenKey)) {
    const isLocal = vpc.cidrs.concat(vpc.ipv6Cidrs).some((c) => formatPrefix(c) === key);
    if (!isLocal) {
      b.error('DUPLICATE_ROUTE', `route table '${rt.id}' already has a route for ${key}`, [...rp, 'destination']);
      return undefined;
    }
  }
  seen.set(seenKey, rp);
  const blackhole = r.blackhole === true;
  if (blackhole && r.target !== undefined) {
    b.error('CONFLICTING_KEYS', `route ${key} in '${rt.id}' has both a target and blackhole: true`, [...rp, 'blackhole'], { key: true });
    return undefined;
  }
  if (!blackhole && r.target === undefined) {
    b.error('MISSING_KEY', `route ${key} in route table '${rt.id}' needs a target (or blackhole: true)`, rp);
    return undefined;
  }
  let target: M.RouteTarget = { type: 'blackhole' };
  let targetId = 'blackhole';
  if (!blackhole) {
    const bound = bindRouteTarget(b, r, rp, rt, key, dests);
    if (!bound) return undefined;
    ({ target, targetId } = bound);
  }
  if (!prefixList && !checkWithinLocal(b, rp, rt, key, dests[0]!, target)) return undefined;
  // Ranks for equal prefixes: static CIDR 0, local 1, prefix list 2, propagated 3.
  // https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html#vpn-route-priority — a propagated route ranks below static ones
  if (r.origin === 'propagated') return dests.map((destination) => routeOf(destination, prefixList, target, 'propagated', targetId, src(rp), 3));
  return dests.map((destination) => routeOf(destination, prefixList, target, 'static', targetId, src(rp), prefixList ? 2 : 0));
}

// Rules and routes are built by these factories only, so every object of a kind has one hidden class and the
// tracer's hot loops stay monomorphic.
const ALL_TRAFFIC: M.Match = { protocol: -1, ports: undefined, icmpType: -1, icmpCode: -1 };
const LOCAL: M.RouteTarget = { type: 'local' };

function aclRuleOf(m: M.Match, number: number, cidr: Prefix, action: 'allow' | 'deny', at: M.Src | undefined): M.NetworkAclRule {
  return { protocol: m.protocol, ports: m.ports, icmpType: m.icmpType, icmpCode: m.icmpCode, number, cidr, action, src: at };
}

function sgRuleOf(m: M.Match, peer: M.SgPeer, description: string | undefined, at: M.Src | undefined, implicit: boolean): M.SecurityGroupRule {
  return { protocol: m.protocol, ports: m.ports, icmpType: m.icmpType, icmpCode: m.icmpCode, peer, description, src: at, implicit };
}

function routeOf(destination: Prefix, prefixList: M.PrefixList | undefined, target: M.RouteTarget, origin: M.RouteOrigin, targetId: string, at: M.Src | undefined, rank: number): M.Route {
  return { destination, prefixList, target, origin, targetId, src: at, rank };
}

function tgwRouteOf(destination: Prefix, attachment: M.TransitGatewayAttachment | undefined, blackhole: boolean, origin: 'static' | 'propagated', at: M.Src | undefined, rank: number): M.TgwRoute {
  return { destination, attachment, blackhole, origin, src: at, rank };
}
