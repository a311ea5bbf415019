// One route of a route table: its destination, its target, and AWS's rules for routes inside the VPC.
import type { Path } from '../load/diagnostics.js';
import { type Prefix, covers, formatPrefix, prefixEquals } from '../net/ip.js';
import type * as M from './model.js';
import { type Binder, type Raw, src, str } from './context.js';
import { routeOf } from './factories.js';

const ROUTE_TARGET_KINDS = [
  'internet-gateway',
  'egress-only-internet-gateway',
  'nat-gateway',
  'vpn-gateway',
  'peering-connection',
  'transit-gateway',
  'vpc-endpoint',
  'instance',
  'network-interface',
] as const;

/** The target of a route that is not a blackhole: resolved, in the route table's VPC, and able to carry the route's
 *  destinations; undefined once reported. */
function bindRouteTarget(
  b: Binder,
  r: Raw,
  rp: () => Path,
  rt: M.RouteTable,
  key: string,
  dests: Prefix[],
): { target: M.RouteTarget; targetId: string } | undefined {
  const t = b.ref(
    r.target,
    ROUTE_TARGET_KINDS,
    () => [...rp(), 'target'],
    'route target',
    () => `in route ${key} of route table ${rt.id}`,
  );
  if (!t) return undefined;
  // One target object per resource, shared by every route to it.
  const known = b.routeTargets.get(t);
  const target = checkedTarget(b, t, known, rp, rt, key, dests);
  if (target === undefined) return undefined;
  if (known === undefined) b.routeTargets.set(t, target);
  return { target, targetId: t.id };
}

type TargetResource = Extract<M.Resource, { kind: (typeof ROUTE_TARGET_KINDS)[number] }>;

/** The route target `t` makes (`known` when an earlier route made it), once it may serve this route; undefined once reported. */
function checkedTarget(
  b: Binder,
  t: TargetResource,
  known: M.RouteTarget | undefined,
  rp: () => Path,
  rt: M.RouteTable,
  key: string,
  dests: Prefix[],
): M.RouteTarget | undefined {
  const vpc = rt.vpc;
  const cross = (other: M.Vpc | undefined) => {
    if (other && other !== vpc) {
      b.error('CROSS_VPC_REFERENCE', `route ${key} in '${rt.id}' (VPC '${vpc.id}') targets '${t.id}', which is in VPC '${other.id}'`, [...rp(), 'target']);
      return true;
    }
    return false;
  };
  switch (t.kind) {
    case 'internet-gateway':
      if (cross(t.vpc)) return undefined;
      return known ?? { type: 'gateway', gateway: t };
    case 'egress-only-internet-gateway':
      if (cross(t.vpc)) return undefined;
      // https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html — IPv6 only
      if (dests.some((d) => d.family === 4)) {
        b.error('INVALID_ROUTE', `route ${key} in '${rt.id}': egress-only internet gateway '${t.id}' carries IPv6 only`, [...rp(), 'target']);
        return undefined;
      }
      return known ?? { type: 'egress-only', gateway: t };
    case 'nat-gateway':
      if (cross(t.vpc)) return undefined;
      return known ?? { type: 'nat', nat: t };
    case 'vpn-gateway':
      if (!t.vpc) {
        b.error('INVALID_ROUTE', `route ${key} in '${rt.id}': VPN gateway '${t.id}' is not attached to a VPC`, [...rp(), 'target']);
        return undefined;
      }
      if (cross(t.vpc)) return undefined;
      return known ?? { type: 'vpn', gateway: t };
    case 'peering-connection':
      if (t.requester !== vpc && t.accepter !== vpc) {
        b.error(
          'CROSS_VPC_REFERENCE',
          `route ${key} in '${rt.id}': peering connection '${t.id}' does not involve VPC '${vpc.id}' (it peers '${t.requester.id}' and '${t.accepter.id}')`,
          [...rp(), 'target'],
        );
        return undefined;
      }
      return known ?? { type: 'peering', peering: t };
    case 'transit-gateway':
      return known ?? { type: 'tgw', tgw: t };
    case 'vpc-endpoint':
      // https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-load-balancer-endpoints.html — a route sends traffic to a GWLB endpoint
      // (a Network Firewall endpoint is one: https://docs.aws.amazon.com/network-firewall/latest/developerguide/vpc-config.html)
      if (t.type === 'gatewayLoadBalancer' || t.type === 'networkFirewall') {
        if (cross(t.vpc)) return undefined;
        return known ?? { type: 'inspection', endpoint: t };
      }
      b.error(
        'INVALID_ROUTE',
        `route ${key} in '${rt.id}': endpoint '${t.id}' cannot be a route target; a gateway endpoint adds its own route when it lists the route table in routeTables`,
        [...rp(), 'target'],
      );
      return undefined;
    case 'instance':
      if (cross(t.subnet.vpc)) return undefined;
      return known ?? { type: 'eni', eni: t.primary };
    case 'network-interface':
      if (cross(t.vpc)) return undefined;
      return known ?? { type: 'eni', eni: t };
  }
}

/** https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html#route-table-priority — a route more specific than
 * the local route must match a whole subnet CIDR and target a NAT gateway, network interface or appliance endpoint.
 * False once reported. */
function checkWithinLocal(b: Binder, rp: () => Path, rt: M.RouteTable, key: string, d: Prefix, target: M.RouteTarget): boolean {
  const vpc = rt.vpc;
  const local = [...vpc.cidrs, ...vpc.ipv6Cidrs].find((c) => covers(c, d));
  if (local) {
    const okTarget = target.type === 'nat' || target.type === 'eni' || target.type === 'inspection';
    const wholeSubnet = vpc.subnets.some((s) => (s.cidr !== undefined && prefixEquals(s.cidr, d)) || (s.ipv6Cidr !== undefined && prefixEquals(s.ipv6Cidr, d)));
    const replacesLocal = local.len === d.len;
    if (!okTarget || !(wholeSubnet || replacesLocal)) {
      b.error(
        'ROUTE_WITHIN_LOCAL',
        `route ${key} in '${rt.id}' falls inside the VPC's local route ${formatPrefix(local)}; AWS allows that only for a whole subnet CIDR (or the local CIDR itself) toward a NAT gateway or network interface`,
        [...rp(), 'destination'],
      );
      return false;
    }
  }
  return true;
}

export function bindRoute(b: Binder, r: Raw, rp: () => Path, rt: M.RouteTable, seen: Set<string>, at: M.Src = src(rp())): M.Route[] | undefined {
  const vpc = rt.vpc;
  const destText = str(r.destination);
  if (destText === undefined) return undefined;
  let dests: Prefix[] = [];
  let prefixList: M.PrefixList | undefined;
  if (/^[0-9a-fA-F:.]+\/\d+$/.test(destText) || /^[\d.]+$/.test(destText) || destText.includes('/')) {
    const c = b.cidr(
      destText,
      () => [...rp(), 'destination'],
      () => `route in route table '${rt.id}'`,
    );
    if (!c) return undefined;
    dests = [c];
  } else {
    prefixList = b.ref(destText, ['prefix-list'], () => [...rp(), 'destination'], 'prefix list (or CIDR) as route destination');
    if (!prefixList) return undefined;
    dests = prefixList.cidrs;
  }
  const key = prefixList ? prefixList.id : formatPrefix(dests[0]!);
  // A static and a propagated route may share a prefix (the static one wins); two of one kind may not.
  const seenKey = r.origin === 'propagated' ? `${key} (propagated)` : key;
  if (seen.has(seenKey)) {
    const isLocal = vpc.cidrs.concat(vpc.ipv6Cidrs).some((c) => formatPrefix(c) === key);
    if (!isLocal) {
      b.error('DUPLICATE_ROUTE', `route table '${rt.id}' already has a route for ${key}`, [...rp(), 'destination']);
      return undefined;
    }
  }
  seen.add(seenKey);
  const blackhole = r.blackhole === true;
  if (blackhole && r.target !== undefined) {
    b.error('CONFLICTING_KEYS', `route ${key} in '${rt.id}' has both a target and blackhole: true`, [...rp(), 'blackhole'], { key: true });
    return undefined;
  }
  if (!blackhole && r.target === undefined) {
    b.error('MISSING_KEY', `route ${key} in route table '${rt.id}' needs a target (or blackhole: true)`, rp());
    return undefined;
  }
  let target: M.RouteTarget = { type: 'blackhole' };
  let targetId = 'blackhole';
  if (!blackhole) {
    const bound = bindRouteTarget(b, r, rp, rt, key, dests);
    if (!bound) return undefined;
    ({ target, targetId } = bound);
  }
  if (!prefixList && !checkWithinLocal(b, rp, rt, key, dests[0]!, target)) return undefined;
  // Ranks for equal prefixes: static CIDR 0, local 1, prefix list 2, propagated 3.
  // https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html#vpn-route-priority — a propagated route ranks below static ones
  if (r.origin === 'propagated') return dests.map((destination) => routeOf(destination, prefixList, target, 'propagated', targetId, at, 3));
  return dests.map((destination) => routeOf(destination, prefixList, target, 'static', targetId, at, prefixList ? 2 : 0));
}
