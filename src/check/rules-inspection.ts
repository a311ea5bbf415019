// Lint rules about inspection (VPC028, VPC029). Each has a page in docs/rules/<ID>.md.
import type * as M from '../bind/model.js';
import { covers, formatPrefix, prefixEquals } from '../net/ip.js';
import { type Rule, at, meta } from './rule-kit.js';

/** The inspection endpoints a route table sends traffic to. */
function inspectedBy(rt: M.RouteTable): M.VpcEndpoint[] {
  return rt.routes.flatMap((r) => (r.target.type === 'inspection' ? [r.target.endpoint] : []));
}

/** The subnets a gateway route's destination stands for: the subnet with that CIDR, or every subnet of the VPC CIDR. */
function subnetsOf(vpc: M.Vpc, d: M.Route['destination']): M.Subnet[] {
  return vpc.subnets.filter(
    (s) => (s.cidr && (prefixEquals(s.cidr, d) || covers(d, s.cidr))) || (s.ipv6Cidr && (prefixEquals(s.ipv6Cidr, d) || covers(d, s.ipv6Cidr))),
  );
}

/** How a subnet's replies to the gateway's side leave: the route to the gateway itself, or to an inspection endpoint. */
function returnRoute(s: M.Subnet, gw: M.InternetGateway | M.VpnGateway): M.Route | undefined {
  return s.routeTable.routes.find(
    (r) =>
      r.origin !== 'local' &&
      ((r.target.type === 'gateway' && r.target.gateway === gw) || (r.target.type === 'vpn' && r.target.gateway === gw) || r.target.type === 'inspection'),
  );
}

export const INSPECTION_RULES: Rule[] = [
  // https://docs.aws.amazon.com/network-firewall/latest/developerguide/asymmetric-routing.html — "use the Transit Gateway appliance mode to keep
  // the traffic request and response flows on the same Network Firewall endpoint"
  meta('VPC028', 'appliance-mode-off', 'warning', 'Inspection VPC whose transit gateway attachment has appliance mode off', ({ t }, self) =>
    t.tgwAttachments.flatMap((att) => {
      if (att.type !== 'vpc' || att.applianceMode || !att.vpc) return [];
      const eps = [...new Set(att.subnets.flatMap((s) => inspectedBy(s.routeTable)))];
      if (eps.length === 0) return [];
      return [
        at(
          t,
          att.src,
          self,
          `transit gateway attachment '${att.id}' enters inspection VPC '${att.vpc.id}' (its subnets route to ${eps.map((e) => e.id).join(', ')}) with appliance mode off: the two directions of a flow may cross different zones' endpoints, and the stateful inspection drops them`,
          `set applianceMode: true on '${att.id}'`,
        ),
      ];
    }),
  ),
  // https://docs.aws.amazon.com/vpc/latest/userguide/gateway-route-tables.html — "return traffic from the target subnet must be routed through
  // the same appliance. Asymmetric routing is not supported."
  meta(
    'VPC029',
    'inspection-asymmetric-route',
    'error',
    "Gateway route table sends a subnet through an endpoint that the subnet's replies skip",
    ({ t }, self) =>
      t.routeTables.flatMap((rt) =>
        (rt.gateways ?? []).flatMap((gw) =>
          rt.routes.flatMap((r) => {
            if (r.target.type !== 'inspection') return [];
            const ep = r.target.endpoint;
            return subnetsOf(rt.vpc, r.destination).flatMap((s) => {
              if (ep.subnets.includes(s)) return [];
              const back = returnRoute(s, gw);
              if (!back || (back.target.type === 'inspection' && back.target.endpoint === ep)) return [];
              const via = back.target.type === 'inspection' ? `another endpoint, ${back.targetId}` : `${gw.id} directly`;
              return [
                at(
                  t,
                  back.src ?? s.routeTable.src,
                  self,
                  `traffic from ${gw.id} to ${s.id} goes through ${ep.id} (route ${formatPrefix(r.destination)} in gateway route table '${rt.id}'), but ${s.id}'s replies leave by route ${formatPrefix(back.destination)} in '${s.routeTable.id}' to ${via}: the endpoint sees one direction and drops the flow`,
                  `route ${formatPrefix(back.destination)} in '${s.routeTable.id}' to ${ep.id}`,
                ),
              ];
            });
          }),
        ),
      ),
  ),
];
