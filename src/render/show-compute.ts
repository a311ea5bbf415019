// `vpcsim show` views of instances and network interfaces.
import type * as M from '../bind/model.js';
import { type Json, interfaceView, routesTo } from './show-parts.js';

export function instanceView(_t: M.Topology, r: M.Instance, head: Json): Json {
  const sgs = [...new Set(r.interfaces.flatMap((e) => e.securityGroups.map((g) => g.id)))];
  return {
    ...head,
    subnet: r.subnet.id,
    vpc: r.subnet.vpc.id,
    az: r.subnet.az,
    routeTable: r.subnet.routeTable.id,
    networkAcl: r.subnet.networkAcl.id,
    securityGroups: sgs,
    interfaces: r.interfaces.map(interfaceView),
  };
}

export function networkInterfaceView(t: M.Topology, r: M.NetworkInterface, head: Json): Json {
  return {
    ...head,
    ...interfaceView(r),
    vpc: r.vpc.id,
    az: r.subnet.az,
    routeTable: r.subnet.routeTable.id,
    networkAcl: r.subnet.networkAcl.id,
    routedBy: routesTo(t, r.id),
  };
}
