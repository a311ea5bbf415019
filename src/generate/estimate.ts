// How large an estate's file will be, from the options alone: bytes and values (what the loader counts
// against its limits) for JSON and YAML, in microseconds and without building anything. The counts of
// every resource follow from the options exactly; each kind of resource is costed by writing one
// representative item (ids as wide as the estate's, addresses from its plan) with the real emitters and
// multiplying. Filler rules and public addresses are drawn at random, so the result is an estimate, within
// a few percent of the written file.
import { formatIpv4 } from '../net/ip.js';
import { toJsonText, toYamlText } from './emit.js';
import { budget, checkCount, GenerateOptionsError, MAX_NACL_FILLERS, MAX_SG_RULES, planAddresses } from './plan.js';
import { GENERATE_LIMITS, type GenerateHub, type GenerateOptions } from './generate.js';

export interface SizeEstimate {
  /** bytes of the written file */
  bytes: number;
  /** values as the loader counts them (`,` and `:`, and line breaks in YAML) */
  values: number;
}

/** What one item adds to a list: bytes and values in each format. */
interface Cost {
  jb: number;
  jv: number;
  yb: number;
  yv: number;
}

const ZERO: Cost = { jb: 0, jv: 0, yb: 0, yv: 0 };

/** Separators the loader counts as values: `,` and `:` (and line breaks in YAML). */
export function countValueSeparators(text: string, yaml: boolean): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 58 || (yaml && c === 10)) n++;
  }
  return n;
}

function listCost(key: string, items: object[]): Cost {
  const json = toJsonText({ [key]: items });
  const yaml = toYamlText({ [key]: items });
  return { jb: json.length, jv: countValueSeparators(json, false), yb: yaml.length, yv: countValueSeparators(yaml, true) };
}

const sub = (a: Cost, b: Cost): Cost => ({ jb: a.jb - b.jb, jv: a.jv - b.jv, yb: a.yb - b.yb, yv: a.yv - b.yv });
const add = (a: Cost, b: Cost, times = 1): Cost => ({ jb: a.jb + times * b.jb, jv: a.jv + times * b.jv, yb: a.yb + times * b.yb, yv: a.yv + times * b.yv });

/** The cost of one more item in a list of `key` (a list of two minus a list of one: separators included). */
function itemCost(key: string, item: object): Cost {
  return sub(listCost(key, [item, item]), listCost(key, [item]));
}

/** The cost of one more element of a nested list, `make(n)` building the holder with n elements. */
function elementCost(key: string, make: (n: number) => object): Cost {
  return sub(listCost(key, [make(3)]), listCost(key, [make(2)]));
}

function hubOf(opts: GenerateOptions): GenerateHub {
  const hub = opts.hub ?? 'tgw';
  if (hub !== 'tgw' && hub !== 'peering-mesh' && hub !== 'none') throw new GenerateOptionsError(`hub must be tgw, peering-mesh or none, got ${String(hub)}`);
  return hub;
}

/** Peering connections of the ring (each VPC with the next two, deduplicated). */
function peeringCount(vpcs: number): number {
  if (vpcs <= 1) return 0;
  if (vpcs <= 4) return (vpcs * (vpcs - 1)) / 2;
  return 2 * vpcs;
}

/** What the estimate is computed from: the counts that follow from the options, and representative text. */
function shapeOf(opts: GenerateOptions) {
  const L = GENERATE_LIMITS;
  const V = checkCount('vpcs', opts.vpcs, L.vpcs.min, L.vpcs.max);
  const S = checkCount('subnets per VPC', opts.subnetsPerVpc, L.subnetsPerVpc.min, L.subnetsPerVpc.max);
  const I = checkCount('instances per subnet', opts.instancesPerSubnet, L.instancesPerSubnet.min, L.instancesPerSubnet.max);
  const hub = hubOf(opts);
  const region = opts.region ?? 'us-east-1';
  const plan = planAddresses(V, S, I);
  const E = plan.estate.length;
  const A = S >= 9 ? 3 : S >= 4 ? 2 : 1;
  const hasPrivate = S > A;
  const hasData = S > 2 * A;
  const privateAzs = Math.max(0, Math.min(A, S - A));
  const groupsPerVpc = 1 + (hasPrivate ? 1 : 0) + (hasData ? 1 : 0);
  const holders = V * groupsPerVpc;

  // Rule totals, checked as the generator checks them.
  const sgCoreSum = V * (3 + (hasPrivate ? 1 + E : 0) + (hasData ? 1 : 0));
  const naclCoreSum = V * (4 + E + (hasPrivate ? 2 + E : 0) + (hasData ? 5 : 0));
  const sgTotal = opts.sgRules === undefined ? sgCoreSum : budget('SG rules', opts.sgRules, holders, 'security groups', MAX_SG_RULES);
  const naclTotal = opts.naclRules === undefined ? naclCoreSum : budget('NACL rules', opts.naclRules, holders, 'network ACLs', 2 * MAX_NACL_FILLERS);

  // Representative text: ids as wide as the estate's, a VPC and subnet block from the middle of the plan.
  const pad = Math.max(3, String(V).length);
  const X = '0'.repeat(pad);
  const mid = Math.floor((V - 1) / 2);
  const vpcCidr = `${formatIpv4(plan.vpcBase(mid))}/${plan.vpcLen}`;
  const subnetBase = (plan.vpcBase(mid) + Math.floor(S / 2) * 2 ** (32 - plan.subnetLen)) >>> 0;
  const subnetCidr = `${formatIpv4(subnetBase)}/${plan.subnetLen}`;
  const ip = formatIpv4((subnetBase + 4 + Math.min(I, 16)) >>> 0);
  const publicIp = '54.144.123.45';
  const vpc = `vpc-${X}`;
  const tier = hasPrivate ? 'app' : 'public';
  const sn = `sn-${X}-${tier}-a`;
  const extraRoute = hub === 'tgw' ? { destination: plan.estate[0]!, target: 'tgw-hub' } : { destination: vpcCidr, target: `pcx-${X}-${X}` };
  const extraRoutes = hub === 'tgw' ? E : hub === 'peering-mesh' ? (2 * peeringCount(V)) / V : 0;
  const naclsExist = naclTotal === 0 ? 0 : Math.min(1, naclTotal / holders);
  return {
    V,
    S,
    I,
    hub,
    region,
    plan,
    E,
    A,
    hasPrivate,
    hasData,
    privateAzs,
    groupsPerVpc,
    holders,
    sgCoreSum,
    naclCoreSum,
    sgTotal,
    naclTotal,
    pad,
    X,
    mid,
    vpcCidr,
    subnetBase,
    subnetCidr,
    ip,
    publicIp,
    vpc,
    tier,
    sn,
    extraRoute,
    extraRoutes,
    naclsExist,
  };
}

type Shape = ReturnType<typeof shapeOf>;

/** The running total; sections add to it in a fixed order (floating-point sums depend on the order). */
interface Acc {
  total: Cost;
}

function many(acc: Acc, c: Cost, n: number): void {
  acc.total = add(acc.total, c, n);
}

/** Top-level keys, the fixed resources, VPCs, internet gateways, subnets and NAT gateways. */
function fixedCosts(s: Shape, acc: Acc): void {
  const { V, S, region, hasPrivate, privateAzs, X, vpcCidr, subnetCidr, ip, publicIp, vpc, tier, sn, naclsExist } = s;
  // Top-level keys and the fixed resources.
  many(acc, listCost('prefixLists', [{ id: 'pl-office', cidrs: ['192.168.10.0/24', '192.168.20.0/24'] }]), 1);
  many(acc, { jb: 120, jv: 8, yb: 120, yv: 12 }, 1);
  many(acc, itemCost('vpcs', { id: vpc, cidr: vpcCidr }), V);
  many(acc, itemCost('internetGateways', { id: `igw-${X}`, vpc }), V);
  const subnet = { id: sn, vpc, cidr: subnetCidr, az: `${region}a`, routeTable: hasPrivate ? `rt-${X}-private-a` : `rt-${X}-public` };
  const withAcl = { ...subnet, networkAcl: `acl-${X}-${tier}` };
  many(acc, itemCost('subnets', subnet), V * S * (1 - naclsExist));
  many(acc, itemCost('subnets', withAcl), V * S * naclsExist);
  const nat = { id: `nat-${X}-a`, subnet: `sn-${X}-public-a`, privateIp: ip, publicIp };
  many(acc, itemCost('natGateways', nat), V * privateAzs);
}

/** Route tables (the public one, one per private AZ, the data tier's) and S3 endpoints. */
function routeTableCosts(s: Shape, acc: Acc): void {
  const { V, hasPrivate, hasData, privateAzs, X, vpc, extraRoute, extraRoutes } = s;
  // Route tables: the public one, one per private AZ, the data tier's.
  const routes = (n: number) => Array.from({ length: n }, () => extraRoute);
  const rt = (n: number) => ({ id: `rt-${X}-private-a`, vpc, routes: [{ destination: '0.0.0.0/0', target: `nat-${X}-a` }, ...routes(n)] });
  const defaultTables = V * (1 + privateAzs);
  many(acc, itemCost('routeTables', rt(0)), defaultTables);
  if (extraRoutes > 0) many(acc, elementCost('routeTables', rt), defaultTables * extraRoutes);
  if (hasData) {
    if (extraRoutes > 0) {
      many(acc, itemCost('routeTables', { id: `rt-${X}-data`, vpc, routes: routes(1) }), V);
      many(
        acc,
        elementCost('routeTables', (n) => ({ id: `rt-${X}-data`, vpc, routes: routes(n) })),
        V * (extraRoutes - 1),
      );
    } else many(acc, itemCost('routeTables', { id: `rt-${X}-data`, vpc }), V);
  }
  if (hasPrivate) {
    const tables = Array.from({ length: privateAzs + (hasData ? 1 : 0) }, () => `rt-${X}-private-a`);
    many(acc, itemCost('vpcEndpoints', { id: `vpce-${X}-s3`, vpc, type: 'gateway', service: 's3', routeTables: tables }), V);
  }
}

/** The transit gateway and its attachments, or the peering connections. */
function hubCosts(s: Shape, acc: Acc): void {
  const { V, hub, A, X, vpc, sn } = s;
  // Hub.
  if (hub === 'tgw') {
    const subnets = Array.from({ length: A }, () => sn);
    many(acc, itemCost('transitGatewayAttachments', { id: `tgw-att-${X}`, transitGateway: 'tgw-hub', vpc, subnets, routeTable: 'tgw-rt-main' }), V);
    many(acc, listCost('transitGateways', [{ id: 'tgw-hub' }]), 1);
    const tgwRt = (n: number) => ({ id: 'tgw-rt-main', transitGateway: 'tgw-hub', propagations: Array.from({ length: n }, () => `tgw-att-${X}`) });
    many(acc, listCost('transitGatewayRouteTables', [tgwRt(1)]), 1);
    many(acc, elementCost('transitGatewayRouteTables', tgwRt), V - 1);
  } else if (hub === 'peering-mesh') {
    many(acc, itemCost('peeringConnections', { id: `pcx-${X}-${X}`, requesterVpc: vpc, accepterVpc: vpc }), peeringCount(V));
  }
}

/** Instances: the first of each public subnet has a public address, the others one time in two. */
function instanceCosts(s: Shape, acc: Acc): void {
  const { V, S, I, A, X, ip, publicIp, tier, sn } = s;
  // Instances: the first of each public subnet has a public address, the others one time in two.
  const instance = { id: `i-${X}-${tier}-a-${Math.max(1, Math.ceil(I / 2))}`, subnet: sn, privateIp: ip, securityGroups: [`sg-${X}-app`] };
  const publicInstances = I === 0 ? 0 : V * A * (1 + (I - 1) / 2);
  many(acc, itemCost('instances', instance), V * S * I - publicInstances);
  many(acc, itemCost('instances', { ...instance, publicIp }), publicInstances);
}

/** Security groups and their rules: the core ones carry a description, fillers do not. */
function securityGroupCosts(s: Shape, acc: Acc): void {
  const { plan, holders, sgCoreSum, sgTotal, X, vpcCidr, vpc } = s;
  // Security groups and their rules: the core ones carry a description, fillers do not.
  const coreSg = { protocol: 'tcp', ports: 8443, source: plan.estate[0]!, description: 'service calls across the estate' };
  const fillerSg = { protocol: 'tcp', ports: 9092, source: vpcCidr };
  const sg = (rule: object) => (n: number) => ({ id: `sg-${X}-app`, vpc, inbound: Array.from({ length: n }, () => rule) });
  const sgCoreRules = Math.min(sgTotal, sgCoreSum);
  many(acc, itemCost('securityGroups', sg(coreSg)(1)), holders);
  many(acc, elementCost('securityGroups', sg(coreSg)), sgCoreRules - holders);
  many(acc, elementCost('securityGroups', sg(fillerSg)), sgTotal - sgCoreRules);
}

/** Network ACLs: fillers deny outside /24s, numbered from 10 in steps of 10 (of 1 when many). */
function networkAclCosts(s: Shape, acc: Acc): void {
  const { V, plan, E, hasPrivate, holders, naclCoreSum, naclTotal, X, vpc, tier, naclsExist } = s;
  // Network ACLs: fillers deny outside /24s, numbered from 10 in steps of 10 (of 1 when many).
  const nacls = holders * naclsExist;
  if (nacls > 0) {
    const fillers = Math.max(0, naclTotal - naclCoreSum);
    const perDirection = fillers / nacls / 2;
    const number = perDirection * 10 + 210 <= 32766 ? Math.max(10, Math.round(perDirection * 10)) : Math.round(perDirection);
    // Core rules: those of protocol all carry no ports.
    const allNacl = { rule: 120, protocol: 'all', cidr: plan.estate[0]!, action: 'allow' };
    const portNacl = { rule: 110, protocol: 'tcp', ports: '1024-65535', cidr: '0.0.0.0/0', action: 'allow' };
    const fillerNacl = { rule: number, protocol: 'tcp', ports: 9092, cidr: '185.123.45.0/24', action: 'deny' };
    const acl = (rule: object) => (n: number) => ({
      id: `acl-${X}-${tier}`,
      vpc,
      inbound: Array.from({ length: Math.ceil(n / 2) }, () => rule),
      outbound: Array.from({ length: Math.floor(n / 2) }, () => rule),
    });
    const perRule = (rule: object) => sub(listCost('networkAcls', [acl(rule)(4)]), listCost('networkAcls', [acl(rule)(2)]));
    const coreRules = Math.min(naclTotal, naclCoreSum);
    const allShare = (1 + E + (hasPrivate ? 1 + E : 0)) / (naclCoreSum / V);
    many(acc, itemCost('networkAcls', acl(portNacl)(2)), nacls);
    many(acc, perRule(portNacl), ((coreRules - 2 * nacls) / 2) * (1 - allShare));
    many(acc, perRule(allNacl), ((coreRules - 2 * nacls) / 2) * allShare);
    many(acc, sub(listCost('networkAcls', [acl(fillerNacl)(4)]), listCost('networkAcls', [acl(fillerNacl)(2)])), fillers / 2);
  }
}

/**
 * Estimated size of the file `generate` writes for these options, in JSON and YAML. Throws
 * GenerateOptionsError for options the generator refuses (the same checks, in the same order).
 */
export function estimateGenerated(opts: GenerateOptions): { json: SizeEstimate; yaml: SizeEstimate } {
  const s = shapeOf(opts);
  const acc: Acc = { total: ZERO };
  fixedCosts(s, acc);
  routeTableCosts(s, acc);
  hubCosts(s, acc);
  instanceCosts(s, acc);
  securityGroupCosts(s, acc);
  networkAclCosts(s, acc);
  const total = acc.total;
  const round = (x: number) => Math.max(0, Math.round(x));
  return { json: { bytes: round(total.jb), values: round(total.jv) }, yaml: { bytes: round(total.yb), values: round(total.yv) } };
}
