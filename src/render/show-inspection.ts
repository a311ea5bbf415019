// `show` views of the inspection resources: Gateway Load Balancers, Network Firewall firewalls, policies and rule groups.
import type * as M from '../bind/model.js';
import type * as I from '../bind/inspection-model.js';
import { formatPrefix } from '../net/ip.js';
import { portsText, protocolName } from '../bind/rules.js';

type Json = Record<string, unknown>;

function tuple(r: I.FiveTupleRule<string>): Json {
  return {
    label: r.label,
    protocol: r.protocol === -1 ? 'all' : protocolName(r.protocol),
    source: r.source ? formatPrefix(r.source) : 'any',
    ...(r.sourcePorts ? { sourcePorts: portsText(r.sourcePorts) } : {}),
    destination: r.destination ? formatPrefix(r.destination) : 'any',
    ...(r.ports ? { ports: portsText(r.ports) } : {}),
    action: r.action,
  };
}

function action(a: I.ApplianceAction | undefined): unknown {
  if (!a) return 'not declared (vpcsim assumes the appliance returns every packet)';
  return a.type === 'allow-all' ? 'allow-all' : { rules: a.rules.map(tuple), default: a.default };
}

export function inspectionView(t: M.Topology, r: I.GatewayLoadBalancer | I.NetworkFirewall | I.FirewallPolicy | I.FirewallRuleGroup, head: Json): Json {
  switch (r.kind) {
    case 'gateway-load-balancer':
      return {
        ...head,
        vpc: r.vpc.id,
        subnets: r.subnets.map((s) => ({ id: s.id, az: s.az })),
        crossZone: r.crossZone,
        appliances: r.appliances.map((a) => ({ id: a.id, az: a.az, healthy: a.healthy, ...(a.action ? { action: action(a.action) } : {}) })),
        action: action(r.action),
        endpoints: r.endpoints.map((e) => ({ id: e.id, subnet: e.subnets[0]?.id, az: e.subnets[0]?.az })),
      };
    case 'network-firewall':
      return {
        ...head,
        vpc: r.vpc.id,
        firewallPolicy: r.policy.id,
        endpoints: r.endpoints.map((e) => ({
          id: e.id,
          subnet: e.subnets[0]?.id,
          az: e.subnets[0]?.az,
          routedBy: t.routeTables.filter((rt) => rt.routes.some((x) => x.target.type === 'inspection' && x.target.endpoint === e)).map((rt) => rt.id),
        })),
      };
    case 'firewall-policy':
      return {
        ...head,
        statelessDefaultActions: [r.statelessDefault],
        statelessRuleGroups: r.statelessGroups.map((g) => ({ id: g.group.id, priority: g.priority })),
        statefulRuleGroups: r.statefulGroups.map((g) => ({ id: g.group.id, ...(g.priority !== undefined ? { priority: g.priority } : {}) })),
        ruleOrder: r.ruleOrder === 'strict' ? 'STRICT_ORDER' : 'DEFAULT_ACTION_ORDER',
        statefulDefaultActions: r.statefulDefaultActions,
        usedBy: (t.networkFirewalls ?? []).filter((f) => f.policy === r).map((f) => f.id),
      };
    case 'firewall-rule-group':
      return {
        ...head,
        type: r.type.toUpperCase(),
        rules: (r.type === 'stateless' ? r.statelessRules : r.statefulRules).map(tuple),
        ...(r.notEvaluated ? { notEvaluated: `${r.notEvaluated}: vpcsim does not evaluate it; traces assume it passes` } : {}),
      };
  }
}
