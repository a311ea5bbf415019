// Route tables: declared ones, each VPC's main one, and their longest-prefix-match lookups.
import type { Path } from '../load/diagnostics.js';
import { type Prefix, covers, formatPrefix } from '../net/ip.js';
import { PrefixTable } from '../net/prefix-table.js';
import type * as M from './model.js';
import { dxLearnedPrefixes } from './direct-connect.js';
import { type Binder, type Draft, type Mutable, type Raw, ItemSrc, arr, src, str, vpcIn } from './context.js';
import { localRoutes, routeOf } from './factories.js';
import { bindRoute } from './routes.js';

/** Route tables and their routes. */
export function bindRouteTables(b: Binder, t: Draft): void {
  const { routeTables } = t;
  b.each('routeTables', (raw, path) => {
    const vpc = vpcIn(b, raw, path);
    if (!vpc) return;
    const routes: M.Route[] = localRoutes(vpc);
    const rt = {
      kind: 'route-table',
      id: raw.id,
      name: str(raw.name),
      src: src(path),
      vpc,
      main: raw.main === true,
      implicit: false,
      routes,
      subnets: [],
    } as unknown as M.RouteTable;
    b.register(rt);
    if (rt.main) {
      if (vpc.mainRouteTable)
        b.error('MULTIPLE_MAIN_ROUTE_TABLES', `VPC '${vpc.id}' already has main route table '${vpc.mainRouteTable.id}'`, [...path, 'main']);
      else vpc.mainRouteTable = rt;
    }
    const seen = new Set<string>();
    for (const r of routes) seen.add(formatPrefix(r.destination));
    const listPath: Path = [...path, 'routes'];
    const list = arr(raw.routes);
    for (let j = 0; j < list.length; j++) {
      const r = (list[j] ?? {}) as Raw;
      const route = bindRoute(b, r, () => [...listPath, j], rt, seen, new ItemSrc(listPath, j));
      if (route) for (const x of route) routes.push(x);
    }
    arr(raw.propagatingGateways).forEach((gv, j) => {
      const gp: Path = [...path, 'propagatingGateways', j];
      const vgw = b.ref(gv, ['vpn-gateway'], gp, 'VPN gateway');
      if (!vgw) return;
      if (vgw.vpc !== vpc) return b.error('CROSS_VPC_REFERENCE', `VPN gateway '${vgw.id}' is not attached to VPC '${vpc.id}'`, gp);
      // https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html — propagated routes carry the VPN's prefixes; static routes win over them
      // https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html — the gateway also propagates what it learns over
      // Direct Connect BGP; a prefix learned several ways is one propagated route (the gateway picks the link, src/trace/direct-connect.ts)
      const learned = new Map<string, Prefix>();
      for (const c of [...vgw.connections.flatMap((conn) => conn.onPremisesCidrs), ...dxLearnedPrefixes(t.directConnectGateways, vgw)])
        if (!learned.has(formatPrefix(c))) learned.set(formatPrefix(c), c);
      const target: M.RouteTarget = { type: 'vpn', gateway: vgw };
      const at = src(gp);
      for (const c of learned.values()) routes.push(routeOf(c, undefined, target, 'propagated', vgw.id, at, 3));
    });
    routeTables.push(rt);
  });
}

/** Every VPC without a declared main route table gets one with the local routes. */
export function addMainRouteTables(b: Binder, t: Draft): void {
  const { vpcs, routeTables } = t;
  for (const vpc of vpcs) {
    if (vpc.mainRouteTable) continue;
    // https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html — every VPC has a main route table, with the local routes
    const rt = {
      kind: 'route-table',
      id: `${vpc.id}:main-rtb`,
      src: vpc.src,
      vpc,
      main: true,
      implicit: true,
      routes: localRoutes(vpc),
      subnets: [],
    } as unknown as M.RouteTable;
    vpc.mainRouteTable = rt;
    routeTables.push(rt);
    b.byId.set(rt.id, rt);
  }
}

/** The longest-prefix-match tables of each route table. */
export function buildRouteLookups(_b: Binder, t: Draft): void {
  const { routeTables } = t;
  for (const rt of routeTables) {
    // https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html#vpn-route-priority — propagated routes that overlap
    // the local route never win over it, however specific: they stay in `routes` (for show/check) but not in the lookups.
    const routes = rt.routes;
    let usable = routes;
    let v6 = false;
    for (const r of routes) {
      if (r.destination.family === 6) v6 = true;
      if (r.origin === 'propagated' && usable === routes) usable = routes.filter((x) => x.origin !== 'propagated' || !coveredByLocal(routes, x.destination));
    }
    (rt as Mutable<M.RouteTable>).lookup4 = new PrefixTable(4, usable);
    (rt as Mutable<M.RouteTable>).lookup6 = v6 ? new PrefixTable(6, usable) : emptyLookup6<M.Route>();
  }
}

const coveredByLocal = (routes: readonly M.Route[], d: Prefix): boolean => routes.some((l) => l.origin === 'local' && covers(l.destination, d));

// A table without IPv6 routes answers no IPv6 lookup: one empty table serves them all (a PrefixTable does not change once built).
const EMPTY6 = new PrefixTable(6, []);
export const emptyLookup6 = <T extends { readonly destination: Prefix; readonly rank: number }>(): PrefixTable<T> => EMPTY6 as unknown as PrefixTable<T>;
