// Inspection in `import aws`: gateway route tables (describe-route-tables Associations with a GatewayId) become
// `routeTables[].gateways`, once the table's routes are known to be ones AWS allows in a gateway route table.
// https://docs.aws.amazon.com/vpc/latest/userguide/gateway-route-tables.html
import { parseCidr, prefixEquals } from '../net/ip.js';
import type { Obj } from './aws-types.js';
import type { Collector, Item } from './aws-util.js';

export interface EdgeContext {
  c: Collector;
  vpcs: ReadonlyMap<string, Obj>;
  subnets: ReadonlyMap<string, Obj>;
  rts: ReadonlyMap<string, Obj>;
}

/** Why a converted route table cannot be a gateway route table, or undefined when it can. */
function refusal(cx: EdgeContext, rt: Obj): string | undefined {
  if ((rt.propagatingGateways as unknown[] | undefined)?.length) return 'it propagates routes';
  const vpc = cx.vpcs.get(String(rt.vpc));
  const vpcCidrs = [vpc?.cidr, ...((vpc?.secondaryCidrs as string[] | undefined) ?? []), vpc?.ipv6Cidr].filter((x): x is string => typeof x === 'string');
  const subnetCidrs = [...cx.subnets.values()].filter((s) => s.vpc === rt.vpc).flatMap((s) => [s.cidr, s.ipv6Cidr]).filter((x): x is string => typeof x === 'string');
  const parse = (x: string) => {
    const r = parseCidr(x);
    return r.ok ? r.value : undefined;
  };
  for (const r of (rt.routes as Obj[] | undefined) ?? []) {
    const d = parse(String(r.destination));
    if (!d) return `its route ${String(r.destination)} is not a CIDR`;
    const exact = [...vpcCidrs, ...subnetCidrs].some((x) => {
      const p = parse(x);
      return p !== undefined && prefixEquals(p, d);
    });
    if (!exact) return `its route ${String(r.destination)} is neither a CIDR of the VPC nor a subnet's`;
    const target = String(r.target ?? '');
    if (r.blackhole !== true && !target.startsWith('eni-') && !target.startsWith('vpce-') && !target.startsWith('i-')) return `its route ${String(r.destination)} goes to ${target}`;
  }
  return undefined;
}

/** Writes each edge association on its route table (`gateways`), or warns why it cannot be. */
export function applyEdgeAssociations(cx: EdgeContext, edges: [gateway: string, routeTable: string, item: Item | undefined][]): void {
  for (const [gw, rtId, it] of edges) {
    const rt = cx.rts.get(rtId);
    if (!rt) continue;
    const why = refusal(cx, rt);
    if (why) {
      cx.c.warn('EDGE_ASSOCIATION_LEFT_OUT', `route table ${rtId} is associated with gateway ${gw}, but ${why}, which AWS does not allow in a gateway route table; the association is left out, so traffic entering through ${gw} is not routed by ${rtId}`, it, '.Associations');
      continue;
    }
    const list = (rt.gateways as string[] | undefined) ?? [];
    if (!list.includes(gw)) list.push(gw);
    rt.gateways = list;
  }
}
