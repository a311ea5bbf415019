// Inspection in `import aws`: gateway route tables (describe-route-tables Associations with a GatewayId) become
// `routeTables[].gateways`, once the table's routes are known to be ones AWS allows in a gateway route table.
// https://docs.aws.amazon.com/vpc/latest/userguide/gateway-route-tables.html
import { covers, parseCidr, prefixEquals } from '../net/ip.js';
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
  const subnetCidrs = [...cx.subnets.values()]
    .filter((s) => s.vpc === rt.vpc)
    .flatMap((s) => [s.cidr, s.ipv6Cidr])
    .filter((x): x is string => typeof x === 'string');
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
    if (r.blackhole !== true && !target.startsWith('eni-') && !target.startsWith('vpce-') && !target.startsWith('i-'))
      return `its route ${String(r.destination)} goes to ${target}`;
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
      cx.c.warn(
        'EDGE_ASSOCIATION_LEFT_OUT',
        `route table ${rtId} is associated with gateway ${gw}, but ${why}, which AWS does not allow in a gateway route table; the association is left out, so traffic entering through ${gw} is not routed by ${rtId}`,
        it,
        '.Associations',
      );
      continue;
    }
    const list = (rt.gateways as string[] | undefined) ?? [];
    if (!list.includes(gw)) list.push(gw);
    rt.gateways = list;
  }
}

/**
 * A blackhole route more specific than the VPC's local route (an inspection endpoint left out of the import) cannot be
 * written: vpcsim takes such a route only toward an interface, NAT gateway or endpoint
 * (https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html#route-table-priority). It is left out with a
 * warning saying that the import then differs from AWS, which drops that traffic.
 */
export function dropBlackholesWithinLocal(cx: EdgeContext): void {
  for (const rt of cx.rts.values()) {
    const vpc = cx.vpcs.get(String(rt.vpc));
    const locals = [vpc?.cidr, ...((vpc?.secondaryCidrs as string[] | undefined) ?? []), vpc?.ipv6Cidr]
      .map((x) => (typeof x === 'string' ? parseCidr(x) : undefined))
      .flatMap((r) => (r?.ok ? [r.value] : []));
    const routes = (rt.routes as Obj[] | undefined) ?? [];
    const kept = routes.filter((r) => {
      const d = r.blackhole === true ? parseCidr(String(r.destination)) : undefined;
      if (!d?.ok || !locals.some((l) => covers(l, d.value))) return true;
      cx.c.warn(
        'ROUTE_WITHIN_LOCAL_LEFT_OUT',
        `route ${String(r.destination)} in ${String(rt.id)} is a blackhole inside the VPC's local route (its target is not imported); vpcsim cannot write it, so it is left out and traffic to ${String(r.destination)} follows the local route in this import, where AWS drops it`,
      );
      return false;
    });
    if (kept.length !== routes.length) rt.routes = kept;
  }
}

// ---- AWS Network Firewall --------------------------------------------------------------------------------

export interface FirewallContext extends EdgeContext {
  items: (k: 'Firewall' | 'FirewallPolicy' | 'RuleGroup') => Item[];
  /** firewall endpoint ids (vpce-…) that routes may target */
  inspectionEndpoints: Set<string>;
}

export interface FirewallLists {
  networkFirewalls: Obj[];
  firewallPolicies: Obj[];
  firewallRuleGroups: Obj[];
}

type R = Record<string, unknown>;
const rec = (v: unknown): R => (v && typeof v === 'object' && !Array.isArray(v) ? (v as R) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const s = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** The name in an ARN ending in <kind>/<name>. */
const nameOfArn = (arn: unknown): string | undefined => s(arn)?.split('/').pop();

/** https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_DescribeFirewall.html — SyncStates: per zone, the endpoint. */
function convertFirewall(cx: FirewallContext, it: Item): Obj | undefined {
  const fw = rec(it.v.Firewall);
  const id = s(fw.FirewallName);
  const vpc = s(fw.VpcId);
  if (!id || !vpc || !cx.vpcs.has(vpc)) {
    cx.c.warn('FIREWALL_VPC_MISSING', `firewall ${id ?? '(no name)'} is in VPC ${vpc ?? '(none)'}, which is not in the dump; skipped`, it, '.Firewall.VpcId');
    return undefined;
  }
  const mappings: Obj[] = [];
  for (const [az, st] of Object.entries(rec(rec(it.v.FirewallStatus).SyncStates))) {
    const att = rec(rec(st).Attachment);
    const subnet = s(att.SubnetId);
    const endpointId = s(att.EndpointId);
    if (!subnet || !cx.subnets.has(subnet)) {
      cx.c.warn(
        'FIREWALL_SUBNET_MISSING',
        `firewall ${id} has an endpoint in ${az} in subnet ${subnet ?? '(none)'}, which is not in the dump; left out`,
        it,
        `.FirewallStatus.SyncStates.${az}`,
      );
      continue;
    }
    mappings.push(endpointId ? { subnet, endpointId } : { subnet });
    if (endpointId) cx.inspectionEndpoints.add(endpointId);
  }
  if (mappings.length === 0) {
    cx.c.warn('FIREWALL_NO_ENDPOINT', `firewall ${id} has no endpoint in the dump (FirewallStatus.SyncStates); skipped`, it, '.FirewallStatus');
    return undefined;
  }
  return { id, vpc, firewallPolicy: nameOfArn(fw.FirewallPolicyArn), subnetMappings: mappings };
}

function convertPolicy(it: Item): Obj | undefined {
  const id = s(rec(it.v.FirewallPolicyResponse).FirewallPolicyName);
  if (!id) return undefined;
  const p = rec(it.v.FirewallPolicy);
  const refs = (k: string) =>
    arr(p[k]).map((x) => ({ ruleGroup: nameOfArn(rec(x).ResourceArn), ...(typeof rec(x).Priority === 'number' ? { priority: rec(x).Priority } : {}) }));
  const o: Obj = { id };
  if (arr(p.StatelessDefaultActions).length)
    o.statelessDefaultActions = arr(p.StatelessDefaultActions).filter((a) => ['aws:pass', 'aws:drop', 'aws:forward_to_sfe'].includes(String(a)));
  if (arr(p.StatelessRuleGroupReferences).length) o.statelessRuleGroups = refs('StatelessRuleGroupReferences');
  if (arr(p.StatefulRuleGroupReferences).length) o.statefulRuleGroups = refs('StatefulRuleGroupReferences');
  const order = s(rec(p.StatefulEngineOptions).RuleOrder);
  if (order) o.statefulEngineOptions = { ruleOrder: order };
  if (order === 'STRICT_ORDER' && arr(p.StatefulDefaultActions).length) o.statefulDefaultActions = arr(p.StatefulDefaultActions);
  return o;
}

const PROTOCOLS: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', TCP: 'tcp', UDP: 'udp', ICMP: 'icmp', IP: 'all' };
const portText = (r: unknown): string | undefined => {
  const from = rec(r).FromPort;
  const to = rec(r).ToPort;
  return typeof from === 'number' ? (to === from || to === undefined ? String(from) : `${from}-${String(to)}`) : undefined;
};
const any = (v: unknown): string | undefined => (v === undefined || String(v).toUpperCase() === 'ANY' ? undefined : String(v));

/** https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_RulesSource.html — 5-tuple rules become rules; a
 *  domain list or Suricata rules are kept as not evaluated. Several sources, destinations or ports become one rule each. */
function convertRuleGroup(cx: FirewallContext, it: Item): Obj | undefined {
  const resp = rec(it.v.RuleGroupResponse);
  const id = s(resp.RuleGroupName);
  if (!id) return undefined;
  const type = s(resp.Type) ?? 'STATEFUL';
  const src = rec(rec(it.v.RuleGroup).RulesSource);
  const rules: Obj[] = [];
  for (const r of arr(rec(src.StatelessRulesAndCustomActions).StatelessRules)) {
    const def = rec(rec(r).RuleDefinition);
    const m = rec(def.MatchAttributes);
    const action = arr(def.Actions)
      .map(String)
      .find((a) => a.startsWith('aws:'));
    const protos = arr(m.Protocols).length ? arr(m.Protocols).map((p) => PROTOCOLS[String(p)] ?? Number(p)) : ['all'];
    const sources = arr(m.Sources).length ? arr(m.Sources).map((x) => s(rec(x).AddressDefinition)) : [undefined];
    const dests = arr(m.Destinations).length ? arr(m.Destinations).map((x) => s(rec(x).AddressDefinition)) : [undefined];
    const dports = arr(m.DestinationPorts).length ? arr(m.DestinationPorts).map(portText) : [undefined];
    for (const protocol of protos)
      for (const source of sources)
        for (const destination of dests)
          for (const ports of dports) {
            const withPorts = ports !== undefined && (protocol === 'tcp' || protocol === 'udp');
            rules.push({
              priority: rec(r).Priority,
              protocol,
              ...(source ? { source } : {}),
              ...(destination ? { destination } : {}),
              ...(withPorts ? { ports } : {}),
              action,
            });
          }
  }
  for (const r of arr(src.StatefulRules)) {
    const h = rec(rec(r).Header);
    const protocol = PROTOCOLS[String(h.Protocol).toUpperCase()] ?? 'all';
    const ports = any(h.DestinationPort);
    rules.push({
      protocol,
      ...(any(h.Source) ? { source: any(h.Source) } : {}),
      ...(any(h.Destination) ? { destination: any(h.Destination) } : {}),
      ...(ports && protocol !== 'all' && protocol !== 'icmp' ? { ports: ports.replace(':', '-') } : {}),
      action: String(rec(r).Action ?? 'PASS').toUpperCase(),
    });
  }
  const o: Obj = { id, type, rules };
  if (src.RulesSourceList !== undefined) o.domainList = rec(src.RulesSourceList);
  if (typeof src.RulesString === 'string') o.rulesString = src.RulesString;
  if (o.domainList || o.rulesString)
    cx.c.note(`rule group ${id} holds ${o.domainList ? 'a domain list' : 'Suricata rules'}: imported, but traces do not evaluate it (they assume it passes)`);
  return o;
}

/** Firewalls, policies and rule groups of the dump; their endpoints become route targets. Before routes are converted. */
export function convertFirewalls(cx: FirewallContext): FirewallLists {
  const out: FirewallLists = { networkFirewalls: [], firewallPolicies: [], firewallRuleGroups: [] };
  for (const it of cx.items('RuleGroup')) {
    const g = convertRuleGroup(cx, it);
    if (g) out.firewallRuleGroups.push(g);
  }
  for (const it of cx.items('FirewallPolicy')) {
    const p = convertPolicy(it);
    if (p) out.firewallPolicies.push(p);
  }
  for (const it of cx.items('Firewall')) {
    const f = convertFirewall(cx, it);
    if (f) out.networkFirewalls.push(f);
  }
  return out;
}
