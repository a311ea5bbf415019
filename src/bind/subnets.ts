// Subnets: their CIDRs inside the VPC's, no overlaps, and their route table and network ACL associations.
import type { Path } from '../load/diagnostics.js';
import { type Prefix, covers, formatPrefix, lastAddr, overlaps } from '../net/ip.js';
import type * as M from './model.js';
import { IPV4_SUBNET, IPV6_SUBNET, sizeAllowed } from '../aws/limits.js';
import { type Binder, type Draft, type Raw, src, str, vpcIn } from './context.js';

/** Subnets (route table and network ACL are attached once those exist). */
export function bindSubnets(b: Binder, t: Draft): void {
  const { subnets, subnetRaw } = t;
  b.each('subnets', (raw, path, i) => {
    const vpc = vpcIn(b, raw, path);
    // An IPv6-only subnet has an IPv6 CIDR and no IPv4 one (CreateSubnet: "For an IPv6 only subnet, specify an IPv6 CIDR
    // block"; https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSubnet.html).
    if (raw.cidr === undefined && raw.ipv6Cidr !== undefined) return ipv6OnlySubnet(b, raw, path, vpc, subnets, subnetRaw);
    if (raw.cidr === undefined) {
      // a misspelt cidr is already reported as an unknown key with its suggestion: one mistake, one error
      const misspelt = b.loaded.diagnostics.some((d) => d.code === 'UNKNOWN_KEY' && d.path?.[0] === 'subnets' && d.path[1] === i);
      return misspelt ? undefined : b.error('MISSING_KEY', `subnet '${raw.id}' needs cidr (IPv4), ipv6Cidr (an IPv6-only subnet), or both`, path);
    }
    const cidr = b.cidr(
      raw.cidr,
      () => [...path, 'cidr'],
      () => `CIDR of subnet '${raw.id}'`,
    );
    if (!vpc || !cidr) return;
    if (cidr.family !== 4) return b.error('INVALID_CIDR', `subnet '${raw.id}': cidr ${formatPrefix(cidr)} is IPv6; put it in ipv6Cidr`, [...path, 'cidr']);
    // https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html — IPv4 subnets /16 to /28, inside a VPC CIDR
    if (!sizeAllowed(IPV4_SUBNET, cidr.len))
      return b.error(
        'SUBNET_CIDR_SIZE',
        `subnet '${raw.id}': ${formatPrefix(cidr)} is /${cidr.len}; AWS allows subnet IPv4 CIDRs from /${IPV4_SUBNET.largest} to /${IPV4_SUBNET.smallest}`,
        [...path, 'cidr'],
      );
    if (vpc.cidrs.length && !vpc.cidrs.some((v) => covers(v, cidr))) {
      return b.error(
        'SUBNET_OUTSIDE_VPC',
        `subnet '${raw.id}': ${formatPrefix(cidr)} is not inside any CIDR of VPC '${vpc.id}' (${vpc.cidrs.map(formatPrefix).join(', ')})`,
        [...path, 'cidr'],
      );
    }
    const ipv6Cidr = raw.ipv6Cidr !== undefined ? subnetIpv6Cidr(b, raw, path, vpc) : undefined;
    addSubnet(b, raw, path, vpc, cidr, ipv6Cidr, subnets, subnetRaw);
  });
}

/** Subnets of a VPC may not overlap: sort by address and compare each with the earlier subnet reaching furthest
 * (a neighbour check alone misses a /20 that covers two /24s which do not touch each other). */
export function checkSubnetOverlaps(b: Binder, t: Draft): void {
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

/** The ipv6Cidr of a subnet, checked against AWS's sizes and the VPC's IPv6 blocks; undefined after an error. */
function subnetIpv6Cidr(b: Binder, raw: Raw, path: Path, vpc: M.Vpc): Prefix | undefined {
  const p = b.cidr(raw.ipv6Cidr, [...path, 'ipv6Cidr'], `IPv6 CIDR of subnet '${raw.id}'`);
  if (!p) return undefined;
  if (p.family !== 6) return (void b.error('INVALID_CIDR', `subnet '${raw.id}': ipv6Cidr ${formatPrefix(p)} is not IPv6`, [...path, 'ipv6Cidr']), undefined);
  // https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html — IPv6 subnets /44 to /64 in increments of /4
  if (!sizeAllowed(IPV6_SUBNET, p.len))
    return (
      void b.error(
        'SUBNET_CIDR_SIZE',
        `subnet '${raw.id}': IPv6 ${formatPrefix(p)} is /${p.len}; AWS allows /${IPV6_SUBNET.largest} to /${IPV6_SUBNET.smallest} in steps of ${IPV6_SUBNET.step}`,
        [...path, 'ipv6Cidr'],
      ),
      undefined
    );
  if (vpc.ipv6Cidrs.length === 0)
    return (void b.error('SUBNET_OUTSIDE_VPC', `subnet '${raw.id}' has an IPv6 CIDR but VPC '${vpc.id}' has no ipv6Cidr`, [...path, 'ipv6Cidr']), undefined);
  if (!vpc.ipv6Cidrs.some((v) => covers(v, p)))
    return (
      void b.error(
        'SUBNET_OUTSIDE_VPC',
        `subnet '${raw.id}': ${formatPrefix(p)} is not inside VPC '${vpc.id}' IPv6 CIDR ${vpc.ipv6Cidrs.map(formatPrefix).join(', ')}`,
        [...path, 'ipv6Cidr'],
      ),
      undefined
    );
  return p;
}

/** An IPv6-only subnet: ipv6Cidr and no cidr. It is dropped (like any subnet with a bad CIDR) when its ipv6Cidr is wrong. */
function ipv6OnlySubnet(
  b: Binder,
  raw: Raw,
  path: Path,
  vpc: M.Vpc | undefined,
  subnets: M.Subnet[],
  subnetRaw: Map<M.Subnet, { raw: Raw; path: Path }>,
): void {
  if (!vpc) return;
  const ipv6Cidr = subnetIpv6Cidr(b, raw, path, vpc);
  if (ipv6Cidr) addSubnet(b, raw, path, vpc, undefined, ipv6Cidr, subnets, subnetRaw);
}

function addSubnet(
  b: Binder,
  raw: Raw,
  path: Path,
  vpc: M.Vpc,
  cidr: Prefix | undefined,
  ipv6Cidr: Prefix | undefined,
  subnets: M.Subnet[],
  subnetRaw: Map<M.Subnet, { raw: Raw; path: Path }>,
): void {
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

/** Subnet associations: route table and network ACL, else the VPC's main and default ones. */
export function associateSubnets(b: Binder, t: Draft): void {
  for (const [subnet, { raw, path }] of t.subnetRaw) {
    subnet.routeTable = sameVpcRef<M.RouteTable>(b, subnet, raw.routeTable, 'route-table', 'route table', path, 'routeTable') ?? subnet.vpc.mainRouteTable;
    subnet.routeTable.subnets.push(subnet);
    subnet.networkAcl = sameVpcRef<M.NetworkAcl>(b, subnet, raw.networkAcl, 'network-acl', 'network ACL', path, 'networkAcl') ?? subnet.vpc.defaultNetworkAcl;
    subnet.networkAcl.subnets.push(subnet);
  }
}

/** The route table or network ACL a subnet names, when it is written and in the subnet's VPC. */
function sameVpcRef<T extends M.RouteTable | M.NetworkAcl>(
  b: Binder,
  subnet: M.Subnet,
  value: unknown,
  kind: T['kind'],
  label: string,
  subnetPath: Path,
  key: string,
): T | undefined {
  if (value === undefined) return undefined;
  const r = b.ref(value, [kind], () => [...subnetPath, key], label) as T | undefined;
  if (r && r.vpc !== subnet.vpc) {
    b.error('CROSS_VPC_REFERENCE', `${label} '${r.id}' is in VPC '${r.vpc.id}', but subnet '${subnet.id}' is in VPC '${subnet.vpc.id}'`, [...subnetPath, key]);
    return undefined;
  }
  return r;
}
