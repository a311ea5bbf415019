// `vpcsim show` views of the gateways and connections routes point at: internet, NAT and VPN gateways, VPN and
// peering connections, VPC endpoints.
import type * as M from '../bind/model.js';
import { formatAddr, formatPrefix } from '../net/ip.js';
import { type Json, interfaceView, routesTo } from './show-parts.js';

export function internetGatewayView(t: M.Topology, r: M.InternetGateway | M.EgressOnlyInternetGateway, head: Json): Json {
  return { ...head, vpc: r.vpc.id, routedBy: routesTo(t, r.id) };
}

export function natGatewayView(t: M.Topology, r: M.NatGateway, head: Json): Json {
  return {
    ...head,
    subnet: r.subnet.id,
    vpc: r.vpc.id,
    connectivity: r.connectivity,
    privateIp: formatAddr(r.privateIp),
    ...(r.publicIp !== undefined ? { publicIp: formatAddr(r.publicIp) } : {}),
    interface: r.eni.id,
    routedBy: routesTo(t, r.id),
  };
}

export function vpnGatewayView(t: M.Topology, r: M.VpnGateway, head: Json): Json {
  return {
    ...head,
    ...(r.vpc ? { vpc: r.vpc.id } : {}),
    connections: r.connections.map((x) => x.id),
    propagatesTo: t.routeTables.filter((rt) => rt.routes.some((x) => x.origin === 'propagated' && x.targetId === r.id)).map((rt) => rt.id),
    routedBy: routesTo(t, r.id),
  };
}

export function vpnConnectionView(_t: M.Topology, r: M.VpnConnection, head: Json): Json {
  return {
    ...head,
    ...(r.vpnGateway ? { vpnGateway: r.vpnGateway.id } : {}),
    ...(r.transitGateway ? { transitGateway: r.transitGateway.id } : {}),
    ...(r.customerGatewayIp !== undefined ? { customerGatewayIp: formatAddr(r.customerGatewayIp) } : {}),
    onPremisesCidrs: r.onPremisesCidrs.map(formatPrefix),
    staticRoutesOnly: r.staticRoutesOnly,
    ...(r.tgwAttachment ? { transitGatewayAttachment: r.tgwAttachment.id } : {}),
  };
}

export function peeringView(t: M.Topology, r: M.PeeringConnection, head: Json): Json {
  return { ...head, requesterVpc: r.requester.id, accepterVpc: r.accepter.id, status: r.status, interRegion: r.interRegion, routedBy: routesTo(t, r.id) };
}

export function vpcEndpointView(t: M.Topology, r: M.VpcEndpoint, head: Json): Json {
  return {
    ...head,
    vpc: r.vpc.id,
    type: r.type,
    service: r.service,
    ...(r.prefixList ? { prefixList: r.prefixList.id, prefixListCidrs: r.prefixList.cidrs.map(formatPrefix) } : {}),
    routeTables: r.routeTables.map((x) => x.id),
    subnets: r.subnets.map((x) => x.id),
    ...(r.gatewayLoadBalancer ? { gatewayLoadBalancer: r.gatewayLoadBalancer.id } : {}),
    ...(r.firewall ? { firewall: r.firewall.id } : {}),
    ...(r.type === 'gatewayLoadBalancer' || r.type === 'networkFirewall' ? { routedBy: routesTo(t, r.id) } : {}),
    interfaces: r.interfaces.map(interfaceView),
  };
}
