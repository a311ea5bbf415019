// Structural checks of a generated estate that do not need the binder: address plan, references and
// their kinds, reserved addresses, rule shapes. Each returns a list of problems (empty when sound).
import { contains, covers, lastAddr, mustCidr, mustIp, overlaps, type Prefix } from '../../src/net/ip.js';
import type { GeneratedTopology } from '../../src/generate/generate.js';

type Kind =
  | 'vpc'
  | 'subnet'
  | 'igw'
  | 'nat'
  | 'pcx'
  | 'tgw'
  | 'tgwAttachment'
  | 'tgwRouteTable'
  | 'prefixList'
  | 'routeTable'
  | 'endpoint'
  | 'nacl'
  | 'sg'
  | 'instance';

export function structuralProblems(t: GeneratedTopology): string[] {
  const problems: string[] = [];
  const kinds = new Map<string, Kind>();
  const add = (id: string, k: Kind) => {
    if (kinds.has(id)) problems.push(`duplicate id ${id}`);
    kinds.set(id, k);
  };
  t.vpcs.forEach((x) => add(x.id, 'vpc'));
  t.subnets.forEach((x) => add(x.id, 'subnet'));
  t.internetGateways.forEach((x) => add(x.id, 'igw'));
  (t.natGateways ?? []).forEach((x) => add(x.id, 'nat'));
  (t.peeringConnections ?? []).forEach((x) => add(x.id, 'pcx'));
  (t.transitGateways ?? []).forEach((x) => add(x.id, 'tgw'));
  (t.transitGatewayAttachments ?? []).forEach((x) => add(x.id, 'tgwAttachment'));
  (t.transitGatewayRouteTables ?? []).forEach((x) => add(x.id, 'tgwRouteTable'));
  t.prefixLists.forEach((x) => add(x.id, 'prefixList'));
  t.routeTables.forEach((x) => add(x.id, 'routeTable'));
  (t.vpcEndpoints ?? []).forEach((x) => add(x.id, 'endpoint'));
  (t.networkAcls ?? []).forEach((x) => add(x.id, 'nacl'));
  t.securityGroups.forEach((x) => add(x.id, 'sg'));
  t.instances.forEach((x) => add(x.id, 'instance'));

  const ref = (where: string, id: string, ...want: Kind[]) => {
    const k = kinds.get(id);
    if (!k) problems.push(`${where}: unknown id ${id}`);
    else if (!want.includes(k)) problems.push(`${where}: ${id} is a ${k}, expected ${want.join(' or ')}`);
  };
  const vpcOf = new Map<string, string>();
  const vpcCidr = new Map<string, Prefix>();

  // VPC CIDRs: valid, /16-/28, no two overlapping (sorted sweep, so 1,000 VPCs stay cheap).
  const sorted = t.vpcs.map((v) => ({ id: v.id, p: mustCidr(v.cidr) })).sort((a, b) => (a.p.base as number) - (b.p.base as number));
  for (let i = 0; i < sorted.length; i++) {
    const { id, p } = sorted[i]!;
    vpcCidr.set(id, p);
    if (p.len < 16 || p.len > 28) problems.push(`${id}: VPC CIDR /${p.len} outside /16-/28`);
    if (i > 0 && overlaps(sorted[i - 1]!.p, p)) problems.push(`${id} overlaps ${sorted[i - 1]!.id}`);
  }

  // Subnets: inside their VPC, at least /28, not overlapping each other.
  const subnetCidr = new Map<string, Prefix>();
  const subnetAz = new Map<string, string>();
  const subnetsByVpc = new Map<string, Prefix[]>();
  for (const s of t.subnets) {
    ref(s.id, s.vpc, 'vpc');
    ref(s.id, s.routeTable, 'routeTable');
    if (s.networkAcl) ref(s.id, s.networkAcl, 'nacl');
    vpcOf.set(s.id, s.vpc);
    subnetAz.set(s.id, s.az);
    const p = mustCidr(s.cidr);
    subnetCidr.set(s.id, p);
    if (p.len > 28) problems.push(`${s.id}: subnet smaller than /28`);
    const v = vpcCidr.get(s.vpc);
    if (v && !covers(v, p)) problems.push(`${s.id}: ${s.cidr} outside its VPC`);
    const list = subnetsByVpc.get(s.vpc) ?? [];
    for (const q of list) if (overlaps(p, q)) problems.push(`${s.id}: overlaps another subnet`);
    list.push(p);
    subnetsByVpc.set(s.vpc, list);
  }
  const rtVpc = new Map(t.routeTables.map((r) => [r.id, r.vpc]));
  const aclVpc = new Map((t.networkAcls ?? []).map((r) => [r.id, r.vpc]));
  const sgVpc = new Map(t.securityGroups.map((r) => [r.id, r.vpc]));
  for (const s of t.subnets) {
    if (rtVpc.get(s.routeTable) !== s.vpc) problems.push(`${s.id}: route table of another VPC`);
    if (s.networkAcl && aclVpc.get(s.networkAcl) !== s.vpc) problems.push(`${s.id}: NACL of another VPC`);
  }

  // Addresses: inside the subnet, not reserved, never used twice.
  const used = new Set<number>();
  const place = (where: string, subnet: string, ipText: string) => {
    const p = subnetCidr.get(subnet);
    if (!p) return;
    const ip = mustIp(ipText) as number;
    if (!contains(p, ip)) problems.push(`${where}: ${ipText} outside ${subnet}`);
    const off = ip - (p.base as number);
    if (off < 4 || ip === lastAddr(p)) problems.push(`${where}: ${ipText} is reserved in ${subnet}`);
    if (used.has(ip)) problems.push(`${where}: ${ipText} used twice`);
    used.add(ip);
  };
  const publicIps = new Set<string>();
  const natAz = new Map<string, string>();
  for (const n of t.natGateways ?? []) {
    ref(n.id, n.subnet, 'subnet');
    place(n.id, n.subnet, n.privateIp);
    natAz.set(n.id, subnetAz.get(n.subnet)!);
    if (publicIps.has(n.publicIp)) problems.push(`${n.id}: public IP used twice`);
    publicIps.add(n.publicIp);
  }
  for (const i of t.instances) {
    ref(i.id, i.subnet, 'subnet');
    place(i.id, i.subnet, i.privateIp);
    for (const g of i.securityGroups) {
      ref(i.id, g, 'sg');
      if (sgVpc.get(g) !== vpcOf.get(i.subnet)) problems.push(`${i.id}: SG ${g} of another VPC`);
    }
    if (i.publicIp) {
      if (publicIps.has(i.publicIp)) problems.push(`${i.id}: public IP used twice`);
      publicIps.add(i.publicIp);
    }
  }

  for (const g of t.internetGateways) ref(g.id, g.vpc, 'vpc');
  for (const p of t.peeringConnections ?? []) {
    ref(p.id, p.requesterVpc, 'vpc');
    ref(p.id, p.accepterVpc, 'vpc');
  }
  for (const a of t.transitGatewayAttachments ?? []) {
    ref(a.id, a.transitGateway, 'tgw');
    ref(a.id, a.vpc, 'vpc');
    ref(a.id, a.routeTable, 'tgwRouteTable');
    const azs = new Set<string>();
    for (const s of a.subnets) {
      ref(a.id, s, 'subnet');
      if (vpcOf.get(s) !== a.vpc) problems.push(`${a.id}: subnet ${s} of another VPC`);
      if (azs.has(subnetAz.get(s)!)) problems.push(`${a.id}: two subnets in one AZ`);
      azs.add(subnetAz.get(s)!);
    }
  }
  for (const r of t.transitGatewayRouteTables ?? []) {
    ref(r.id, r.transitGateway, 'tgw');
    for (const a of r.propagations) ref(r.id, a, 'tgwAttachment');
  }
  for (const pl of t.prefixLists) for (const c of pl.cidrs) mustCidr(c);

  // Routes: unique destinations, targets of a routable kind, NAT targets in the subnet's own AZ.
  for (const r of t.routeTables) {
    ref(r.id, r.vpc, 'vpc');
    const dests = new Set<string>();
    for (const route of r.routes ?? []) {
      mustCidr(route.destination);
      if (dests.has(route.destination)) problems.push(`${r.id}: destination ${route.destination} twice`);
      dests.add(route.destination);
      ref(`${r.id} ${route.destination}`, route.target, 'igw', 'nat', 'pcx', 'tgw');
    }
  }
  const rts = new Map(t.routeTables.map((r) => [r.id, r]));
  for (const s of t.subnets) {
    for (const route of rts.get(s.routeTable)?.routes ?? []) {
      if (kinds.get(route.target) === 'nat' && natAz.get(route.target) !== s.az) problems.push(`${s.id}: routes to a NAT gateway in another AZ`);
    }
  }
  for (const e of t.vpcEndpoints ?? []) {
    ref(e.id, e.vpc, 'vpc');
    for (const r of e.routeTables) {
      ref(e.id, r, 'routeTable');
      if (rtVpc.get(r) !== e.vpc) problems.push(`${e.id}: route table of another VPC`);
    }
  }

  // NACLs: rule numbers 1-32766 unique per direction, valid CIDRs and ports.
  for (const a of t.networkAcls ?? []) {
    ref(a.id, a.vpc, 'vpc');
    for (const dir of ['inbound', 'outbound'] as const) {
      const numbers = new Set<number>();
      for (const r of a[dir]) {
        if (!Number.isInteger(r.rule) || r.rule < 1 || r.rule > 32766) problems.push(`${a.id}: rule number ${r.rule}`);
        if (numbers.has(r.rule)) problems.push(`${a.id}: ${dir} rule ${r.rule} twice`);
        numbers.add(r.rule);
        mustCidr(r.cidr);
        portsProblem(`${a.id} ${dir} ${r.rule}`, r.ports, problems);
      }
    }
  }
  // SGs: sources are CIDRs, prefix lists or SGs of the same VPC; no duplicate rules in a group.
  for (const g of t.securityGroups) {
    ref(g.id, g.vpc, 'vpc');
    const seen = new Set<string>();
    for (const r of g.inbound) {
      const key = `${r.protocol}|${r.ports}|${r.source}`;
      if (seen.has(key)) problems.push(`${g.id}: duplicate rule ${key}`);
      seen.add(key);
      if (/^\d/.test(r.source)) mustCidr(r.source);
      else {
        ref(g.id, r.source, 'sg', 'prefixList');
        if (kinds.get(r.source) === 'sg' && sgVpc.get(r.source) !== g.vpc) problems.push(`${g.id}: references SG of another VPC`);
      }
      portsProblem(`${g.id} ${key}`, r.ports, problems);
    }
  }
  return problems;
}

function portsProblem(where: string, ports: number | string | undefined, problems: string[]): void {
  if (ports === undefined) return;
  const [from, to] = typeof ports === 'number' ? [ports, ports] : ports.split('-').map(Number);
  if (!(Number.isInteger(from) && Number.isInteger(to) && from! >= 0 && to! <= 65535 && from! <= to!)) problems.push(`${where}: bad ports ${ports}`);
}
