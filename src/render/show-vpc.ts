// `vpcsim show` views of a VPC and what configures it: subnets, route tables, network ACLs, security groups and
// prefix lists.
import type * as M from '../bind/model.js';
import { formatAddr, formatPrefix } from '../net/ip.js';
import { type Json, aclRuleViews, instancesIn, interfaceView, ownerText, routeViews, sgRuleViews } from './show-parts.js';

export function vpcView(t: M.Topology, r: M.Vpc, head: Json): Json {
  return {
    ...head,
    cidrs: r.cidrs.map(formatPrefix),
    ipv6Cidrs: r.ipv6Cidrs.map(formatPrefix),
    mainRouteTable: r.mainRouteTable.id,
    defaultNetworkAcl: r.defaultNetworkAcl.id,
    defaultSecurityGroup: r.defaultSecurityGroup.id,
    ...(r.internetGateway ? { internetGateway: r.internetGateway.id } : {}),
    ...(r.egressOnlyInternetGateway ? { egressOnlyInternetGateway: r.egressOnlyInternetGateway.id } : {}),
    ...(r.vpnGateway ? { vpnGateway: r.vpnGateway.id } : {}),
    peerings: r.peerings.map((p) => ({ id: p.id, peer: (p.requester === r ? p.accepter : p.requester).id, status: p.status })),
    subnets: r.subnets.map((s) => ({
      id: s.id,
      ...(s.cidr ? { cidr: formatPrefix(s.cidr) } : {}),
      ...(s.ipv6Cidr ? { ipv6Cidr: formatPrefix(s.ipv6Cidr) } : {}),
      az: s.az,
      routeTable: s.routeTable.id,
      networkAcl: s.networkAcl.id,
      instances: instancesIn(t, s).length,
    })),
    routeTables: t.routeTables.filter((x) => x.vpc === r).map((x) => x.id),
    networkAcls: t.networkAcls.filter((x) => x.vpc === r).map((x) => x.id),
    securityGroups: t.securityGroups.filter((x) => x.vpc === r).map((x) => x.id),
    endpoints: t.vpcEndpoints.filter((x) => x.vpc === r).map((x) => x.id),
    transitGatewayAttachments: r.tgwAttachments.map((a) => a.id),
  };
}

export function subnetView(t: M.Topology, r: M.Subnet, head: Json): Json {
  return {
    ...head,
    vpc: r.vpc.id,
    ...(r.cidr ? { cidr: formatPrefix(r.cidr) } : {}),
    ...(r.ipv6Cidr ? { ipv6Cidr: formatPrefix(r.ipv6Cidr) } : {}),
    az: r.az,
    ...(r.azId ? { azId: r.azId } : {}),
    routeTable: { id: r.routeTable.id, association: r.implicitRouteTable ? 'main' : 'explicit', routes: routeViews(t, r.routeTable.routes) },
    networkAcl: {
      id: r.networkAcl.id,
      default: r.networkAcl.isDefault,
      inbound: aclRuleViews(t, r.networkAcl, 'inbound'),
      outbound: aclRuleViews(t, r.networkAcl, 'outbound'),
    },
    instances: instancesIn(t, r).map((i) => i.id),
    interfaces: r.interfaces.map(interfaceView),
  };
}

export function routeTableView(t: M.Topology, r: M.RouteTable, head: Json): Json {
  return {
    ...head,
    vpc: r.vpc.id,
    main: r.main,
    implicit: r.implicit,
    routes: routeViews(t, r.routes),
    subnets: r.subnets.map((s) => ({ id: s.id, association: s.implicitRouteTable ? 'main' : 'explicit' })),
    gatewayEndpoints: t.vpcEndpoints.filter((e) => e.routeTables.includes(r)).map((e) => e.id),
    ...(r.gateways?.length ? { edgeAssociations: r.gateways.map((g) => g.id) } : {}),
  };
}

export function networkAclView(t: M.Topology, r: M.NetworkAcl, head: Json): Json {
  return {
    ...head,
    vpc: r.vpc.id,
    default: r.isDefault,
    implicit: r.implicit,
    inbound: aclRuleViews(t, r, 'inbound'),
    outbound: aclRuleViews(t, r, 'outbound'),
    subnets: r.subnets.map((s) => s.id),
  };
}

export function securityGroupView(t: M.Topology, r: M.SecurityGroup, head: Json): Json {
  return {
    ...head,
    vpc: r.vpc.id,
    default: r.isDefault,
    implicit: r.implicit,
    inbound: sgRuleViews(t, r.inbound),
    outbound: sgRuleViews(t, r.outbound),
    members: r.members.map((e) => ({
      interface: e.id,
      owner: ownerText(e.owner),
      ...(e.privateIp !== undefined ? { privateIp: formatAddr(e.privateIp) } : {}),
      ...(e.privateIp === undefined ? { ipv6Addresses: e.ipv6Addresses.map(formatAddr) } : {}),
      subnet: e.subnet.id,
    })),
    referencedBy: r.referencedBy.filter((g) => g !== r).map((g) => g.id),
  };
}

export function prefixListView(t: M.Topology, r: M.PrefixList, head: Json): Json {
  return {
    ...head,
    ...(r.service ? { service: r.service } : {}),
    implicit: r.implicit,
    cidrs: r.cidrs.map(formatPrefix),
    usedByRouteTables: t.routeTables.filter((rt) => rt.routes.some((x) => x.prefixList === r)).map((rt) => rt.id),
    usedBySecurityGroups: t.securityGroups
      .filter((g) => [...g.inbound, ...g.outbound].some((x) => x.peer.type === 'prefix-list' && x.peer.list === r))
      .map((g) => g.id),
  };
}
