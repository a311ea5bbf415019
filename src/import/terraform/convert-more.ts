// VPC endpoints, transit gateways, VPN and managed prefix lists.
import type { Obj } from '../aws-types.js';
import { type Ctx, base, bool, recs, str, strs } from './context.js';
import { constantsOf } from './convert-net.js';
import { type TfResource, isRec } from './model.js';

const count = (c: Ctx, r: TfResource) => (c.imported[r.type] = (c.imported[r.type] ?? 0) + 1);

/**
 * aws_vpc_endpoint. A gateway endpoint's routes are not in the route tables' `route` attribute (the provider
 * hides them); AWS adds a route to the service's prefix list in every route table in route_table_ids
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html), which the format does from `routeTables`.
 */
export function convertEndpoint(c: Ctx, r: TfResource): void {
  const type = (str(r.values, 'vpc_endpoint_type') ?? 'Gateway').toLowerCase();
  if (type !== 'gateway' && type !== 'interface') {
    c.ignore(`${r.type} (${type})`);
    return;
  }
  const vpc = c.one(r, 'vpc_id', 'vpc', 'VPC');
  const service = str(r.values, 'service_name');
  if (!vpc || !service) {
    c.warn('SKIPPED', `its ${!vpc ? 'VPC' : 'service name'} cannot be resolved; left out`, r.address);
    return;
  }
  const o: Obj = { ...base(r), vpc, type, service };
  if (type === 'gateway') o.routeTables = c.many(r, 'route_table_ids', undefined, 'route table');
  else {
    o.subnets = c.many(r, 'subnet_ids', undefined, 'subnet');
    const sgs = c.many(r, 'security_group_ids', 'security-group', 'security group');
    if (sgs.length) o.securityGroups = sgs;
  }
  c.add('vpcEndpoints', o, r);
}

/** aws_vpc_endpoint_route_table_association, _subnet_association, _security_group_association. */
export function convertEndpointAssociation(c: Ctx, r: TfResource): void {
  const ep = c.one(r, 'vpc_endpoint_id', undefined, 'VPC endpoint');
  const o = ep ? c.get(ep, 'vpcEndpoints') : undefined;
  const [attr, key] = r.type.endsWith('route_table_association')
    ? ['route_table_id', 'routeTables']
    : r.type.endsWith('subnet_association')
      ? ['subnet_id', 'subnets']
      : ['security_group_id', 'securityGroups'];
  const other = c.one(r, attr!, key === 'securityGroups' ? 'security-group' : undefined, attr!.replace(/_id$/, '').replace(/_/g, ' '));
  if (!o || !other) {
    c.warn('SKIPPED', 'its endpoint or the resource it associates cannot be resolved; left out', r.address);
    return;
  }
  o[key!] = [...new Set([...((o[key!] as string[]) ?? []), other])];
  count(c, r);
}

// Transit gateways: https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html — with default association
// and propagation enabled (the default), attachments are associated with and propagate to the default route table.
const tgwDefaults = new WeakMap<Ctx, Map<string, { assoc: boolean; prop: boolean }>>();

export function convertTgw(c: Ctx, r: TfResource): void {
  c.add('transitGateways', base(r), r);
  const assoc = str(r.values, 'default_route_table_association') !== 'disable';
  const prop = str(r.values, 'default_route_table_propagation') !== 'disable';
  let m = tgwDefaults.get(c);
  if (!m) tgwDefaults.set(c, (m = new Map()));
  m.set(r.address, { assoc, prop });
  if (!assoc && !prop) return;
  const id = `${r.address}/default-rtb`;
  c.add('transitGatewayRouteTables', { id, transitGateway: r.address, description: `default route table of ${r.address}`, propagations: [], routes: [] });
  for (const k of ['association_default_route_table_id', 'propagation_default_route_table_id']) {
    const aws = str(r.values, k);
    if (aws) c.alias.set(aws, id);
  }
}

function applyTgwDefaults(c: Ctx, att: Obj, tgw: string, assoc: boolean, prop: boolean): void {
  const d = tgwDefaults.get(c)?.get(tgw);
  const rt = c.get(`${tgw}/default-rtb`, 'transitGatewayRouteTables');
  if (!d || !rt) return;
  if (d.assoc && assoc) att.routeTable = rt.id;
  if (d.prop && prop) (rt.propagations as string[]).push(String(att.id));
}

export function convertTgwVpcAttachment(c: Ctx, r: TfResource): void {
  const tgw = c.one(r, 'transit_gateway_id', 'transit-gateway', 'transit gateway');
  const vpc = c.one(r, 'vpc_id', 'vpc', 'VPC');
  if (!tgw || !vpc) {
    c.warn('SKIPPED', 'its transit gateway or VPC cannot be resolved; left out', r.address);
    return;
  }
  const o: Obj = { ...base(r), transitGateway: tgw, vpc, subnets: c.many(r, 'subnet_ids', undefined, 'subnet') };
  if (str(r.values, 'appliance_mode_support') === 'enable') o.applianceMode = true;
  c.add('transitGatewayAttachments', o, r);
  applyTgwDefaults(
    c,
    o,
    tgw,
    bool(r.values, 'transit_gateway_default_route_table_association') !== false,
    bool(r.values, 'transit_gateway_default_route_table_propagation') !== false,
  );
}

export function convertTgwPeeringAttachment(c: Ctx, r: TfResource): void {
  const tgw = c.one(r, 'transit_gateway_id', 'transit-gateway', 'transit gateway');
  if (!tgw) {
    c.warn('SKIPPED', 'its transit gateway cannot be resolved; left out', r.address);
    return;
  }
  const peer = c.resolver.link(r, 'peer_transit_gateway_id')[0];
  const o: Obj = { ...base(r), transitGateway: tgw };
  const peerId = peer ? ('res' in peer ? peer.res.address : peer.external) : undefined;
  if (peerId) o.peerTransitGateway = peerId;
  c.add('transitGatewayAttachments', o, r);
  c.warn('PEER_CIDRS', 'the prefixes behind the peer transit gateway are not in a plan; add peerCidrs to the imported topology to trace across it', r.address);
}

export function convertTgwRouteTable(c: Ctx, r: TfResource): void {
  const tgw = c.one(r, 'transit_gateway_id', 'transit-gateway', 'transit gateway');
  if (!tgw) {
    c.warn('SKIPPED', 'its transit gateway cannot be resolved; left out', r.address);
    return;
  }
  c.add('transitGatewayRouteTables', { ...base(r), transitGateway: tgw, propagations: [], routes: [] }, r);
}

/** _route_table_association, _route_table_propagation and _route of a transit gateway route table. */
export function convertTgwRtPart(c: Ctx, r: TfResource): void {
  const rtId = c.one(r, 'transit_gateway_route_table_id', undefined, 'transit gateway route table');
  const rt = rtId ? c.get(rtId, 'transitGatewayRouteTables') : undefined;
  const att = c.one(r, 'transit_gateway_attachment_id', undefined, 'transit gateway attachment');
  if (!rt || (!att && !bool(r.values, 'blackhole'))) {
    c.warn('SKIPPED', 'its route table or attachment cannot be resolved; left out', r.address);
    return;
  }
  if (r.type.endsWith('_association')) {
    const a = c.get(att!, 'transitGatewayAttachments');
    if (a) a.routeTable = rt.id;
  } else if (r.type.endsWith('_propagation')) (rt.propagations as string[]).push(att!);
  else {
    const destination = str(r.values, 'destination_cidr_block');
    if (!destination) return c.warn('SKIPPED', 'its destination is unknown until apply; left out', r.address);
    (rt.routes as Obj[]).push(
      bool(r.values, 'blackhole') ? { destination, blackhole: true, description: r.address } : { destination, attachment: att, description: r.address },
    );
  }
  count(c, r);
}

export function convertVpnConnection(c: Ctx, r: TfResource): void {
  const o = base(r);
  const vgw = c.one(r, 'vpn_gateway_id', 'vpn-gateway', 'virtual private gateway');
  const tgw = c.one(r, 'transit_gateway_id', 'transit-gateway', 'transit gateway');
  if (vgw) o.vpnGateway = vgw;
  if (tgw) o.transitGateway = tgw;
  const cgwT = c.resolver.link(r, 'customer_gateway_id')[0];
  const ip = cgwT && 'res' in cgwT ? str(cgwT.res.values, 'ip_address') : undefined;
  if (ip) o.customerGatewayIp = ip;
  o.onPremisesCidrs = [];
  c.add('vpnConnections', o, r);
  if (tgw) {
    const id = str(r.values, 'transit_gateway_attachment_id');
    const att: Obj = {
      id: `${r.address}/tgw-attachment`,
      transitGateway: tgw,
      vpnConnection: r.address,
      description: `transit gateway attachment of ${r.address}${id ? ` (${id})` : ''}`,
    };
    if (id) c.alias.set(id, String(att.id));
    c.add('transitGatewayAttachments', att);
    applyTgwDefaults(c, att, tgw, true, true);
  }
  if (!bool(r.values, 'static_routes_only'))
    c.warn('BGP', 'uses BGP: the on-premises prefixes it learns are not in a plan; add them as aws_vpn_connection_route or onPremisesCidrs', r.address);
}

export function convertVpnRoute(c: Ctx, r: TfResource): void {
  const vpn = c.one(r, 'vpn_connection_id', undefined, 'VPN connection');
  const o = vpn ? c.get(vpn, 'vpnConnections') : undefined;
  const cidr = str(r.values, 'destination_cidr_block');
  if (!o || !cidr) {
    c.warn('SKIPPED', 'its VPN connection or destination cannot be resolved; left out', r.address);
    return;
  }
  (o.onPremisesCidrs as string[]).push(cidr);
  count(c, r);
}

export function convertPrefixList(c: Ctx, r: TfResource): void {
  const o = base(r);
  const entries = recs(r.values.entry);
  const cidrs = (entries.length ? entries : recs(isRec(r.config) && isRec(r.config.expressions) ? r.config.expressions.entry : undefined).map(constantsOf))
    .map((e) => str(e, 'cidr'))
    .filter((x): x is string => x !== undefined);
  o.cidrs = cidrs;
  if (!o.name && str(r.values, 'name')) o.name = str(r.values, 'name');
  c.add('prefixLists', o, r);
}

export function convertPrefixListEntry(c: Ctx, r: TfResource): void {
  const pl = c.one(r, 'prefix_list_id', undefined, 'prefix list');
  const o = pl ? c.get(pl, 'prefixLists') : undefined;
  const cidr = str(r.values, 'cidr');
  if (!o || !cidr) {
    c.warn('SKIPPED', 'its prefix list or CIDR cannot be resolved; left out', r.address);
    return;
  }
  o.cidrs = [...new Set([...((o.cidrs as string[]) ?? []), cidr])];
  count(c, r);
}

export { strs };
