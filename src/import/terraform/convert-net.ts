// VPCs and their implicit parts, subnets, route tables and routes, gateways, peering.
// Attribute names: the AWS provider's resource docs, https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/<type>.
import type { Obj } from '../aws-types.js';
import { type Ctx, assume, base, bool, isUnknown, num, recs, str, strs } from './context.js';
import { type TfResource, isRec } from './model.js';

export const VPC_TYPES = new Set(['aws_vpc', 'aws_default_vpc']);

/** Ids of the VPC parts AWS creates with every VPC; managed default resources take them over. */
export function assignVpcParts(c: Ctx, rs: TfResource[]): void {
  for (const r of rs) {
    if (!VPC_TYPES.has(r.type)) continue;
    c.mainRt.set(r.address, `${r.address}/main-rtb`);
    c.defaultSg.set(r.address, `${r.address}/default-sg`);
    c.defaultAcl.set(r.address, `${r.address}/default-acl`);
    for (const [k, v] of [
      ['main_route_table_id', 'mainRt'],
      ['default_route_table_id', 'mainRt'],
      ['default_security_group_id', 'defaultSg'],
      ['default_network_acl_id', 'defaultAcl'],
    ] as const) {
      const aws = str(r.values, k);
      if (aws) c.alias.set(aws, c[v].get(r.address)!);
    }
  }
  const adopt = (type: string, attr: string, map: Map<string, string>) => {
    for (const r of rs) {
      if (r.type !== type) continue;
      const vpc = vpcOfDefault(c, r, attr);
      if (!vpc) {
        c.warn(
          'NO_VPC',
          `cannot tell which VPC's default it manages; imported as a separate ${type.replace('aws_default_', '').replace(/_/g, ' ')}`,
          r.address,
        );
        continue;
      }
      map.set(vpc, r.address);
      const aws = str(r.values, attr) ?? str(r.values, 'id');
      if (aws) c.alias.set(aws, r.address);
    }
  };
  adopt('aws_default_route_table', 'default_route_table_id', c.mainRt);
  adopt('aws_default_security_group', 'id', c.defaultSg);
  adopt('aws_default_network_acl', 'default_network_acl_id', c.defaultAcl);
  for (const r of rs) {
    const id = str(r.values, 'id');
    if (id && r.mode === 'managed' && !c.alias.has(id)) c.alias.set(id, r.address);
  }
}

/** The VPC (its address) whose default route table, security group or NACL a managed default resource adopts. */
function vpcOfDefault(c: Ctx, r: TfResource, attr: string): string | undefined {
  for (const a of ['vpc_id', attr]) {
    for (const t of c.resolver.link(r, a)) {
      if ('res' in t && VPC_TYPES.has(t.res.type)) return t.res.address;
      if ('external' in t) {
        const owner = c.model.resources.find(
          (v) =>
            VPC_TYPES.has(v.type) &&
            (v.values.id === t.external ||
              v.values.main_route_table_id === t.external ||
              v.values.default_network_acl_id === t.external ||
              v.values.default_security_group_id === t.external),
        );
        if (owner) return owner.address;
      }
    }
  }
  return undefined;
}

// https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html#default-vpc-components — 172.31.0.0/16, an internet gateway, 0.0.0.0/0 to it in the main route table
const DEFAULT_VPC_CIDR = '172.31.0.0/16';

export function convertVpc(c: Ctx, r: TfResource): void {
  const o = base(r);
  let cidr = str(r.values, 'cidr_block');
  if (!cidr && r.type === 'aws_default_vpc') {
    cidr = DEFAULT_VPC_CIDR;
    assume(c, o, r, `the default VPC's CIDR is not in the file; AWS gives every default VPC ${DEFAULT_VPC_CIDR}`);
  }
  if (!cidr) {
    c.warn('UNKNOWN_CIDR', `its CIDR block is unknown until apply (an IPAM pool?); the VPC and what is in it are left out`, r.address);
    return;
  }
  o.cidr = cidr;
  const v6 = str(r.values, 'ipv6_cidr_block');
  if (v6) o.ipv6Cidr = v6;
  else if (bool(r.values, 'assign_generated_ipv6_cidr_block') && isUnknown(r, 'ipv6_cidr_block'))
    assume(c, o, r, 'an Amazon-provided IPv6 CIDR will be assigned; its prefix is unknown, so IPv6 is not modelled');
  c.add('vpcs', o, r);
  c.add('routeTables', {
    id: `${r.address}/main-rtb`,
    vpc: r.address,
    main: true,
    description: `main route table of ${r.address}${str(r.values, 'main_route_table_id') ? ` (${str(r.values, 'main_route_table_id')})` : ''}`,
    routes: [],
  });
  if (r.type === 'aws_default_vpc') {
    const igw = `${r.address}/igw`;
    c.add('internetGateways', { id: igw, vpc: r.address, description: `internet gateway of the default VPC ${r.address}` });
    ((c.objects.get(`${r.address}/main-rtb`)!.routes as Obj[]) ??= []).push({ destination: '0.0.0.0/0', target: igw, description: 'default VPC' });
  }
}

/** aws_vpc_ipv4_cidr_block_association: a secondary CIDR. */
export function convertCidrAssociation(c: Ctx, r: TfResource): void {
  const vpc = c.one(r, 'vpc_id', undefined, 'VPC');
  const cidr = str(r.values, 'cidr_block');
  const o = vpc ? c.get(vpc, 'vpcs') : undefined;
  if (!o || !cidr) {
    c.warn('SKIPPED', `${!cidr ? 'its CIDR block is unknown until apply' : 'its VPC is not in the file'}; left out`, r.address);
    return;
  }
  o.secondaryCidrs = [...((o.secondaryCidrs as string[]) ?? []), cidr];
  c.imported[r.type] = (c.imported[r.type] ?? 0) + 1;
}

export function convertSubnet(c: Ctx, r: TfResource): void {
  const o = base(r);
  const vpc = c.one(r, 'vpc_id', 'vpc', 'VPC');
  const cidr = str(r.values, 'cidr_block');
  if (!vpc || (!cidr && !bool(r.values, 'ipv6_native'))) {
    c.warn('SKIPPED', `${!vpc ? 'its VPC cannot be resolved' : 'its CIDR block is unknown until apply'}; the subnet and what is in it are left out`, r.address);
    return;
  }
  o.vpc = vpc;
  if (cidr) o.cidr = cidr;
  const v6 = str(r.values, 'ipv6_cidr_block');
  if (v6) o.ipv6Cidr = v6;
  const az = str(r.values, 'availability_zone');
  if (az) o.az = az;
  const azId = str(r.values, 'availability_zone_id');
  if (azId) o.azId = azId;
  c.add('subnets', o, r);
  // map_public_ip_on_launch decides whether instances launched without associate_public_ip_address get one;
  // aws_default_subnet defaults it to true (https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html#default-subnet).
  const mp = bool(r.values, 'map_public_ip_on_launch') ?? (r.type === 'aws_default_subnet' ? true : undefined);
  c.subnetPublic.set(r.address, mp);
}

const ROUTE_TARGETS: [string, string][] = [
  ['gateway_id', 'gateway'],
  ['nat_gateway_id', 'NAT gateway'],
  ['transit_gateway_id', 'transit gateway'],
  ['vpc_peering_connection_id', 'peering connection'],
  ['network_interface_id', 'network interface'],
  ['egress_only_gateway_id', 'egress-only internet gateway'],
  ['vpc_endpoint_id', 'VPC endpoint'],
  ['instance_id', 'instance'],
];
const UNMODELLED_TARGETS = ['carrier_gateway_id', 'core_network_arn', 'local_gateway_id'];

/**
 * One route: its destination and target from the known values, else from the matching configuration
 * block (`block`, for inline routes; the resource's own expressions for aws_route).
 */
export function routeOf(c: Ctx, r: TfResource, v: Record<string, unknown>, block: Record<string, unknown> | undefined): Obj | undefined {
  const dest = str(v, 'cidr_block') ?? str(v, 'ipv6_cidr_block') ?? str(v, 'destination_cidr_block') ?? str(v, 'destination_ipv6_cidr_block');
  let destination = dest;
  if (!destination) {
    const pl = str(v, 'destination_prefix_list_id');
    const t = pl
      ? c.resolver.fromId(pl)
      : block
        ? c.resolver.expr(ctxOf(r), block.destination_prefix_list_id)[0]
        : c.resolver.link(r, 'destination_prefix_list_id')[0];
    destination = c.idOf(t, r, 'prefix-list', 'destination prefix list');
  }
  if (!destination) {
    c.warn('SKIPPED', 'a route whose destination is unknown until apply is left out', r.address);
    return undefined;
  }
  for (const k of UNMODELLED_TARGETS)
    if (str(v, k)) {
      c.ignore(`route to ${k.replace(/_id$|_arn$/, '').replace(/_/g, ' ')}`);
      return undefined;
    }
  for (const [k, what] of ROUTE_TARGETS) {
    const known = str(v, k);
    if (known === 'local') return undefined;
    const expr = block ? block[k] : undefined;
    if (!known && !(block ? isRec(expr) && Array.isArray(expr.references) && expr.references.length > 0 : c.resolver.link(r, k).length > 0)) continue;
    const t = known ? c.resolver.fromId(known) : block ? c.resolver.expr(ctxOf(r), expr)[0] : c.resolver.link(r, k)[0];
    const kind =
      k === 'transit_gateway_id'
        ? 'transit-gateway'
        : k === 'gateway_id' && known?.startsWith('vgw-')
          ? 'vpn-gateway'
          : k === 'gateway_id'
            ? 'internet-gateway'
            : k === 'vpc_peering_connection_id'
              ? 'peering-connection'
              : undefined;
    const target = c.idOf(t, r, kind, what);
    if (!target) return undefined;
    return { destination, target };
  }
  if (str(v, 'gateway_id') === 'local') return undefined;
  c.warn('SKIPPED', `a route to ${destination} whose target is unknown until apply and has no reference in the configuration is left out`, r.address);
  return undefined;
}

export const ctxOf = (r: TfResource) => ({ module: r.module, modulePath: r.modulePath, ...(r.index !== undefined ? { index: r.index } : {}), from: r.address });

/** aws_route_table / aws_default_route_table: inline routes (a set: matched to configuration blocks by destination). */
export function convertRouteTable(c: Ctx, r: TfResource): void {
  const isDefault = r.type === 'aws_default_route_table';
  let o: Obj | undefined;
  if (isDefault) {
    const vpc = [...c.mainRt].find(([, id]) => id === r.address)?.[0];
    o = vpc ? c.get(`${vpc}/main-rtb`, 'routeTables') : undefined;
    if (o) {
      // Terraform replaces the default route table's routes with the configured ones
      // (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_route_table).
      c.rekey(String(o.id), r.address);
      Object.assign(o, base(r), { routes: [] });
      c.imported[r.type] = (c.imported[r.type] ?? 0) + 1;
    }
  }
  if (!o) {
    const vpc = c.one(r, 'vpc_id', 'vpc', 'VPC');
    if (!vpc) {
      c.warn('SKIPPED', 'its VPC cannot be resolved; left out', r.address);
      return;
    }
    o = c.add('routeTables', { ...base(r), vpc, routes: [] }, r);
  }
  const blocks = recs(isRec(r.config) && isRec(r.config.expressions) ? r.config.expressions.route : undefined);
  const values = recs(r.values.route);
  const items: [Record<string, unknown>, Record<string, unknown> | undefined][] =
    values.length > 0 || !isUnknown(r, 'route') ? values.map((v) => [v, matchBlock(v, blocks)]) : blocks.map((b) => [constantsOf(b), b]);
  for (const [v, b] of items) {
    const route = routeOf(c, r, v, b);
    if (route) (o.routes as Obj[]).push(route);
  }
  for (const g of c.many(r, 'propagating_vgws', 'vpn-gateway', 'virtual private gateway'))
    o.propagatingGateways = [...((o.propagatingGateways as string[]) ?? []), g];
}

/** The configuration block of a set element: same destination. */
function matchBlock(v: Record<string, unknown>, blocks: Record<string, unknown>[]): Record<string, unknown> | undefined {
  const key = (x: Record<string, unknown>) => JSON.stringify([x.cidr_block ?? '', x.ipv6_cidr_block ?? '']);
  const k = key(v);
  return blocks.find((b) => key(constantsOf(b)) === k);
}

/** The constant values of a configuration block's expressions. */
export function constantsOf(b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, e] of Object.entries(b)) if (isRec(e) && 'constant_value' in e) out[k] = e.constant_value;
  return out;
}

export function convertRoute(c: Ctx, r: TfResource): void {
  const rt = c.one(r, 'route_table_id', undefined, 'route table');
  const o = rt ? c.get(rt, 'routeTables') : undefined;
  if (!o) {
    c.warn('SKIPPED', 'its route table is not in the file; left out', r.address);
    return;
  }
  const route = routeOf(c, r, r.values, undefined);
  if (!route) return;
  route.description = r.address;
  (o.routes as Obj[]).push(route);
  c.imported[r.type] = (c.imported[r.type] ?? 0) + 1;
}

export function convertRouteTableAssociation(c: Ctx, r: TfResource): void {
  if (str(r.values, 'gateway_id') || c.resolver.link(r, 'gateway_id').length > 0) {
    c.ignore('aws_route_table_association (gateway edge association)');
    return;
  }
  const subnet = c.one(r, 'subnet_id', undefined, 'subnet');
  const rt = c.one(r, 'route_table_id', undefined, 'route table');
  const s = subnet ? c.get(subnet, 'subnets') : undefined;
  if (!s || !rt) {
    c.warn('SKIPPED', 'its subnet or route table cannot be resolved; left out', r.address);
    return;
  }
  s.routeTable = rt;
  c.imported[r.type] = (c.imported[r.type] ?? 0) + 1;
}

export function convertMainRouteTableAssociation(c: Ctx, r: TfResource): void {
  const vpc = c.one(r, 'vpc_id', undefined, 'VPC');
  const rt = c.one(r, 'route_table_id', undefined, 'route table');
  const o = rt ? c.get(rt, 'routeTables') : undefined;
  if (!vpc || !o) {
    c.warn('SKIPPED', 'its VPC or route table cannot be resolved; left out', r.address);
    return;
  }
  for (const t of (c.topology.routeTables ?? []) as Obj[]) if (t.vpc === vpc && t.main === true) delete t.main;
  o.main = true;
  c.imported[r.type] = (c.imported[r.type] ?? 0) + 1;
}

/** internet, egress-only internet and virtual private gateways: a VPC link (or an attachment resource). */
export function convertGateway(c: Ctx, r: TfResource): void {
  const key =
    r.type === 'aws_internet_gateway' ? 'internetGateways' : r.type === 'aws_egress_only_internet_gateway' ? 'egressOnlyInternetGateways' : 'vpnGateways';
  const vpc = c.one(r, 'vpc_id', 'vpc', 'VPC');
  const o = base(r);
  if (vpc) o.vpc = vpc;
  else if (key !== 'vpnGateways') {
    c.pendingVpc.set(r.address, o);
    c.imported[r.type] = (c.imported[r.type] ?? 0) + 1;
    return;
  }
  c.add(key, o, r);
}

/** aws_internet_gateway_attachment, aws_vpn_gateway_attachment. */
export function convertGatewayAttachment(c: Ctx, r: TfResource): void {
  const gwAttr = r.type === 'aws_internet_gateway_attachment' ? 'internet_gateway_id' : 'vpn_gateway_id';
  const gw = c.one(r, gwAttr, undefined, 'gateway');
  const vpc = c.one(r, 'vpc_id', 'vpc', 'VPC');
  if (!gw || !vpc) {
    c.warn('SKIPPED', 'its gateway or VPC cannot be resolved; left out', r.address);
    return;
  }
  const pending = c.pendingVpc.get(gw);
  if (pending) {
    pending.vpc = vpc;
    c.add('internetGateways', pending);
    c.pendingVpc.delete(gw);
  } else {
    const g = c.get(gw, 'internetGateways') ?? c.get(gw, 'vpnGateways');
    if (g) g.vpc = vpc;
  }
  c.imported[r.type] = (c.imported[r.type] ?? 0) + 1;
}

export function convertVgwPropagation(c: Ctx, r: TfResource): void {
  const vgw = c.one(r, 'vpn_gateway_id', 'vpn-gateway', 'virtual private gateway');
  const rt = c.one(r, 'route_table_id', undefined, 'route table');
  const o = rt ? c.get(rt, 'routeTables') : undefined;
  if (!vgw || !o) {
    c.warn('SKIPPED', 'its gateway or route table cannot be resolved; left out', r.address);
    return;
  }
  o.propagatingGateways = [...new Set([...((o.propagatingGateways as string[]) ?? []), vgw])];
  c.imported[r.type] = (c.imported[r.type] ?? 0) + 1;
}

/** aws_vpc_peering_connection (requester side) and its _accepter. */
export function convertPeering(c: Ctx, r: TfResource): void {
  const requesterVpc = c.one(r, 'vpc_id', 'vpc', 'VPC');
  const accepterVpc = c.one(r, 'peer_vpc_id', 'vpc', 'peer VPC');
  if (!requesterVpc || !accepterVpc) {
    c.warn('SKIPPED', 'a VPC of the peering connection cannot be resolved; left out', r.address);
    return;
  }
  const o: Obj = { ...base(r), requesterVpc, accepterVpc };
  const region = str(r.values, 'peer_region');
  if (region) o.accepterRegion = region;
  const status = str(r.values, 'accept_status');
  const accepted = c.model.resources.some(
    (a) =>
      a.type === 'aws_vpc_peering_connection_accepter' &&
      c.resolver.link(a, 'vpc_peering_connection_id').some((t) => 'res' in t && t.res === r) &&
      bool(a.values, 'auto_accept') !== false,
  );
  if (status) o.status = status;
  else if (bool(r.values, 'auto_accept') === true || accepted) o.status = 'active';
  else
    assume(
      c,
      o,
      r,
      'the peering connection is not accepted in this file (no auto_accept, no aws_vpc_peering_connection_accepter): modelled as pending-acceptance, so no traffic crosses it',
    );
  if (!o.status) o.status = 'pending-acceptance';
  c.add('peeringConnections', o, r);
}

export { num, strs };
