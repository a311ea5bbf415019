// `vpcsim show` views of a transit gateway, its attachments and its route tables.
import type * as M from '../bind/model.js';
import { formatPrefix } from '../net/ip.js';
import { type Json, at, routesTo } from './show-parts.js';

export function transitGatewayView(t: M.Topology, r: M.TransitGateway, head: Json): Json {
  return {
    ...head,
    ...(r.securityGroupReferencingSupport !== undefined ? { securityGroupReferencingSupport: r.securityGroupReferencingSupport } : {}),
    attachments: r.attachments.map((a) => ({ id: a.id, type: a.type, ...(a.routeTable ? { routeTable: a.routeTable.id } : {}) })),
    routeTables: r.routeTables.map((x) => x.id),
    routedBy: routesTo(t, r.id),
  };
}

export function tgwAttachmentView(t: M.Topology, r: M.TransitGatewayAttachment, head: Json): Json {
  return {
    ...head,
    transitGateway: r.transitGateway.id,
    type: r.type,
    ...(r.vpc ? { vpc: r.vpc.id, subnets: r.subnets.map((s) => s.id) } : {}),
    ...(r.vpnConnection ? { vpnConnection: r.vpnConnection.id } : {}),
    ...(r.directConnectGateway ? { directConnectGateway: r.directConnectGateway.id } : {}),
    ...(r.peerTransitGateway ? { peerTransitGateway: r.peerTransitGateway, peerCidrs: r.peerCidrs.map(formatPrefix) } : {}),
    ...(r.routeTable ? { routeTable: r.routeTable.id } : {}),
    applianceMode: r.applianceMode,
    ...(r.ipv6Support !== undefined ? { ipv6Support: r.ipv6Support } : {}),
    ...(r.dnsSupport !== undefined ? { dnsSupport: r.dnsSupport } : {}),
    ...(r.securityGroupReferencingSupport !== undefined ? { securityGroupReferencingSupport: r.securityGroupReferencingSupport } : {}),
    propagatesTo: t.tgwRouteTables.filter((x) => x.propagations.includes(r)).map((x) => x.id),
  };
}

export function tgwRouteTableView(t: M.Topology, r: M.TransitGatewayRouteTable, head: Json): Json {
  return {
    ...head,
    transitGateway: r.transitGateway.id,
    routes: r.routes.map((x) => ({
      destination: formatPrefix(x.destination),
      target: x.blackhole ? 'blackhole' : (x.attachment?.id ?? '-'),
      origin: x.origin,
      ...(at(t, x.src) && x.origin === 'static' ? { at: at(t, x.src) } : {}),
    })),
    associations: t.tgwAttachments.filter((a) => a.routeTable === r).map((a) => a.id),
    propagations: r.propagations.map((a) => a.id),
  };
}
