// Binding inspection: Gateway Load Balancers and their endpoints, AWS Network Firewall (firewalls, policies, rule
// groups) and gateway route tables (edge associations). docs/inspection.md describes the format; each rule cites its page.
import type { Path } from '../load/diagnostics.js';
import { type Prefix, covers, formatAddr, formatPrefix, prefixEquals } from '../net/ip.js';
import { parsePorts } from './rules.js';
import { allocate } from './addresses.js';
import { type Binder, type Draft, type Raw, arr, src, str, subnetRef, vpcIn } from './context.js';
import { bindMatch } from './factories.js';
import { makeEni } from './interfaces.js';
import type * as I from './inspection-model.js';
import type * as M from './model.js';

export interface InspectionLists {
  gatewayLoadBalancers: I.GatewayLoadBalancer[];
  networkFirewalls: I.NetworkFirewall[];
  firewallPolicies: I.FirewallPolicy[];
  firewallRuleGroups: I.FirewallRuleGroup[];
}

/** Rule groups, policies, load balancers and firewalls (whose endpoints become route targets). Before routes are bound. */
export function bindInspection(b: Binder, t: Draft): InspectionLists {
  const out: InspectionLists = { gatewayLoadBalancers: [], networkFirewalls: [], firewallPolicies: [], firewallRuleGroups: [] };
  b.each('firewallRuleGroups', (raw, path) => out.firewallRuleGroups.push(bindRuleGroup(b, raw, path)));
  b.each('firewallPolicies', (raw, path) => {
    const p = bindPolicy(b, raw, path);
    if (p) out.firewallPolicies.push(p);
  });
  b.each('gatewayLoadBalancers', (raw, path) => {
    const g = bindGwlb(b, raw, path);
    if (g) out.gatewayLoadBalancers.push(g);
  });
  b.each('networkFirewalls', (raw, path) => {
    const f = bindFirewall(b, t, raw, path);
    if (f) out.networkFirewalls.push(f);
  });
  return out;
}

// ---- 5-tuple rules ----------------------------------------------------------------------------------

function prefixOf(b: Binder, v: unknown, path: Path, what: string): Prefix | undefined | false {
  if (v === undefined || v === 'any' || v === 'ANY') return undefined;
  return b.cidr(v, path, what) ?? false;
}

/** A 5-tuple rule as the format writes it: protocol, ports, sourcePorts, source, destination, action. */
function fiveTuple<A extends string>(b: Binder, r: Raw, path: Path, what: string, actions: readonly A[], label: string): I.FiveTupleRule<A> | undefined {
  const action = r.action as A;
  if (!actions.includes(action)) {
    b.error('INVALID_VALUE', `${what}: action must be one of ${actions.join(', ')}`, [...path, 'action']);
    return undefined;
  }
  const m = bindMatch(b, { ...r, protocol: r.protocol ?? 'all' }, path, what);
  if (!m) return undefined;
  const source = prefixOf(b, r.source, [...path, 'source'], `${what}: source`);
  const destination = prefixOf(b, r.destination, [...path, 'destination'], `${what}: destination`);
  if (source === false || destination === false) return undefined;
  const sp = parsePorts(r.sourcePorts);
  if (!sp.ok) {
    b.error('INVALID_PORTS', `${what}: ${sp.error}`, [...path, 'sourcePorts']);
    return undefined;
  }
  return { ...m, source, destination, sourcePorts: sp.value, action, src: src(path), label };
}

// https://docs.aws.amazon.com/network-firewall/latest/developerguide/stateless-rule-groups-5-tuple.html — actions pass, drop, forward to stateful
const STATELESS_ACTIONS = ['aws:pass', 'aws:drop', 'aws:forward_to_sfe'] as const;
// https://docs.aws.amazon.com/network-firewall/latest/developerguide/stateful-rule-groups-basic.html — pass, drop, reject, alert
const STATEFUL_ACTIONS = ['pass', 'drop', 'reject', 'alert'] as const;

function bindRuleGroup(b: Binder, raw: Raw & { id: string }, path: Path): I.FirewallRuleGroup {
  const type = String(raw.type).toLowerCase() === 'stateless' ? 'stateless' : 'stateful';
  const statelessRules: I.FiveTupleRule<I.StatelessAction>[] = [];
  const statefulRules: I.FiveTupleRule<I.StatefulAction>[] = [];
  arr(raw.rules).forEach((rv, j) => {
    const rp: Path = [...path, 'rules', j];
    const r = (rv ?? {}) as Raw;
    if (type === 'stateless') {
      if (typeof r.priority !== 'number' || r.priority < 1 || r.priority > 65535)
        return b.error('INVALID_VALUE', `stateless rule ${j} of '${raw.id}' needs a priority 1-65535 (lowest first)`, [...rp, 'priority']);
      const x = fiveTuple(b, r, rp, `rule ${r.priority} of '${raw.id}'`, STATELESS_ACTIONS, `priority ${r.priority}`);
      if (x) statelessRules.push(x);
    } else {
      const x = fiveTuple(
        b,
        { ...r, action: typeof r.action === 'string' ? r.action.toLowerCase() : r.action },
        rp,
        `rule ${j} of '${raw.id}'`,
        STATEFUL_ACTIONS,
        `rule ${j + 1}`,
      );
      if (x) statefulRules.push(x);
    }
  });
  statelessRules.sort((x, y) => Number(x.label.slice(9)) - Number(y.label.slice(9)));
  const skipped = [raw.domainList !== undefined ? 'a domain list' : '', raw.rulesString !== undefined ? 'Suricata rules (rulesString)' : ''].filter(Boolean);
  const g: I.FirewallRuleGroup = {
    kind: 'firewall-rule-group',
    id: raw.id,
    name: str(raw.name),
    src: src(path),
    type,
    statelessRules,
    statefulRules,
    ...(skipped.length ? { notEvaluated: skipped.join(' and ') } : {}),
  };
  if (skipped.length && type === 'stateless')
    b.error(
      'INVALID_VALUE',
      `stateless rule group '${raw.id}' cannot hold ${skipped.join(' or ')}; only stateful groups can`,
      [...path, raw.domainList !== undefined ? 'domainList' : 'rulesString'],
      { key: true },
    );
  return b.register(g);
}

function bindPolicy(b: Binder, raw: Raw & { id: string }, path: Path): I.FirewallPolicy | undefined {
  // https://docs.aws.amazon.com/network-firewall/latest/developerguide/stateless-default-actions.html — default for full packets
  const defaults = arr(raw.statelessDefaultActions);
  const statelessDefault = (STATELESS_ACTIONS as readonly string[]).includes(String(defaults[0])) ? (defaults[0] as I.StatelessAction) : 'aws:forward_to_sfe';
  const groupRefs = (key: string, type: 'stateless' | 'stateful') =>
    arr(raw[key]).flatMap((v, j) => {
      const p: Path = [...path, key, j];
      const r = (typeof v === 'string' ? { ruleGroup: v } : (v ?? {})) as Raw;
      const g = b.ref(r.ruleGroup, ['firewall-rule-group'], typeof v === 'string' ? p : [...p, 'ruleGroup'], 'firewall rule group');
      if (!g) return [];
      if (g.type !== type) {
        b.error('WRONG_KIND', `rule group '${g.id}' is ${g.type}, listed under ${key}`, p);
        return [];
      }
      return [{ group: g, priority: typeof r.priority === 'number' ? r.priority : undefined }];
    });
  const stateless = groupRefs('statelessRuleGroups', 'stateless');
  for (const s of stateless)
    if (s.priority === undefined)
      b.error('MISSING_KEY', `stateless rule group reference '${s.group.id}' in '${raw.id}' needs a priority`, [...path, 'statelessRuleGroups']);
  const opts = (raw.statefulEngineOptions ?? {}) as Raw;
  // https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html — DEFAULT_ACTION_ORDER or STRICT_ORDER
  const ruleOrder = opts.ruleOrder === 'STRICT_ORDER' ? 'strict' : 'default';
  const stateful = groupRefs('statefulRuleGroups', 'stateful');
  if (ruleOrder === 'strict') stateful.sort((x, y) => (x.priority ?? 0) - (y.priority ?? 0));
  const statefulDefaultActions = arr(raw.statefulDefaultActions).map(String);
  if (ruleOrder === 'default' && statefulDefaultActions.length)
    b.error(
      'INVALID_VALUE',
      `statefulDefaultActions of '${raw.id}' apply only with statefulEngineOptions.ruleOrder: STRICT_ORDER`,
      [...path, 'statefulDefaultActions'],
      { key: true },
    );
  const p: I.FirewallPolicy = {
    kind: 'firewall-policy',
    id: raw.id,
    name: str(raw.name),
    src: src(path),
    statelessDefault,
    statelessGroups: stateless.map((s) => ({ group: s.group, priority: s.priority ?? 0 })).sort((x, y) => x.priority - y.priority),
    statefulGroups: stateful,
    ruleOrder,
    statefulDefaultActions,
  };
  return b.register(p);
}

// ---- Gateway Load Balancer ----------------------------------------------------------------------------

function applianceAction(b: Binder, v: unknown, path: Path, what: string): I.ApplianceAction | undefined {
  if (v === undefined) return undefined;
  if (v === 'allow-all') return { type: 'allow-all', src: src(path) };
  const r = (v ?? {}) as Raw;
  const rules = arr(r.rules).flatMap((rv, j) => {
    const x = fiveTuple(b, (rv ?? {}) as Raw, [...path, 'rules', j], `${what} rule ${j + 1}`, ['allow', 'drop'] as const, `rule ${j + 1}`);
    return x ? [x] : [];
  });
  return { type: 'rules', rules, default: r.default === 'allow' ? 'allow' : 'drop', src: src(path) };
}

function bindGwlb(b: Binder, raw: Raw & { id: string }, path: Path): I.GatewayLoadBalancer | undefined {
  const subnets = arr(raw.subnets).flatMap((v, j) => subnetRef(b, v, [...path, 'subnets', j]) ?? []);
  const vpc = subnets[0]?.vpc;
  if (!vpc) return undefined;
  for (const [j, s] of subnets.entries())
    if (s.vpc !== vpc)
      b.error('CROSS_VPC_REFERENCE', `subnet '${s.id}' is in VPC '${s.vpc.id}', not in '${vpc.id}' like the other subnets of '${raw.id}'`, [
        ...path,
        'subnets',
        j,
      ]);
  const g: I.GatewayLoadBalancer = {
    kind: 'gateway-load-balancer',
    id: raw.id,
    name: str(raw.name),
    src: src(path),
    vpc,
    subnets,
    crossZone: raw.crossZone === true,
    appliances: [],
    action: applianceAction(b, raw.action, [...path, 'action'], `'${raw.id}' action`),
    endpoints: [],
  };
  arr(raw.targets).forEach((tv, j) => {
    const tp: Path = [...path, 'targets', j];
    const tr = (typeof tv === 'string' ? { id: tv } : (tv ?? {})) as Raw;
    const x = b.ref(tr.id, ['instance', 'network-interface'], typeof tv === 'string' ? tp : [...tp, 'id'], 'appliance (instance or network interface)');
    if (!x) return;
    const eni = x.kind === 'instance' ? x.primary : x;
    if (eni.vpc !== vpc) return b.error('CROSS_VPC_REFERENCE', `appliance '${x.id}' is in VPC '${eni.vpc.id}', not in '${vpc.id}' of '${raw.id}'`, tp);
    g.appliances.push({
      id: x.id,
      eni,
      az: eni.subnet.az,
      healthy: tr.healthy !== false,
      action: applianceAction(b, tr.action, [...tp, 'action'], `appliance '${x.id}' action`),
    });
  });
  return b.register(g);
}

/** A `vpcEndpoints` entry of type gatewayLoadBalancer: one interface in one subnet, in front of a Gateway Load Balancer. */
export function bindGwlbEndpoint(b: Binder, t: Draft, raw: Raw & { id: string }, path: Path, ep: M.VpcEndpoint): void {
  // https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-load-balancer-endpoints.html — "you can specify only one subnet"
  const subs = arr(raw.subnets);
  if (subs.length !== 1) {
    b.error('INVALID_VALUE', `Gateway Load Balancer endpoint '${raw.id}' needs exactly one subnet (it has ${subs.length})`, [...path, 'subnets'], {
      key: subs.length === 0,
    });
    return;
  }
  const gwlb = b.ref(raw.gatewayLoadBalancer, ['gateway-load-balancer'], [...path, 'gatewayLoadBalancer'], 'Gateway Load Balancer');
  if (raw.gatewayLoadBalancer === undefined) b.error('MISSING_KEY', `Gateway Load Balancer endpoint '${raw.id}' needs gatewayLoadBalancer`, path);
  if (gwlb) {
    ep.gatewayLoadBalancer = gwlb;
    gwlb.endpoints.push(ep);
  }
  endpointEni(b, t, ep, subs[0], [...path, 'subnets', 0], arr(raw.privateIps)[0], [...path, 'privateIps', 0]);
}

/** The endpoint's interface, in its subnet: the given address, else one allocated after every explicit address. */
function endpointEni(b: Binder, t: Draft, ep: M.VpcEndpoint, subnetId: unknown, sp: Path, ip: unknown, ipPath: Path): void {
  const subnet = subnetRef(b, subnetId, sp);
  if (!subnet) return;
  if (subnet.vpc !== ep.vpc) {
    b.error('CROSS_VPC_REFERENCE', `subnet '${subnet.id}' is in VPC '${subnet.vpc.id}', not in endpoint '${ep.id}''s VPC '${ep.vpc.id}'`, sp);
    return;
  }
  ep.subnets.push(subnet);
  const eniId = `eni-${ep.id}`;
  const mk = (ipText: unknown, at: Path) => {
    // Endpoint interfaces of inspection endpoints have no security groups: AWS does not document any for them.
    const eni = makeEni(b, t, {
      id: eniId,
      path: sp,
      subnet,
      rawIp: ipText,
      ipPath: at,
      sgs: undefined,
      explicit: false,
      sourceDestCheck: false,
      sourceNat: false,
    });
    if (!eni) return;
    const members = subnet.vpc.defaultSecurityGroup.members;
    if (members.includes(eni)) members.splice(members.indexOf(eni), 1);
    (eni as { securityGroups: M.SecurityGroup[] }).securityGroups = [];
    eni.owner = { type: 'vpc-endpoint', endpoint: ep };
    ep.interfaces.push(eni);
    b.byId.set(eniId, eni);
  };
  if (ip !== undefined) mk(ip, ipPath);
  else
    t.pendingAlloc.push(() => {
      const a = allocate(b, t, subnet, eniId, sp);
      if (a === undefined) return;
      t.vpcIps.get(subnet.vpc)?.delete(a);
      mk(formatAddr(a), sp);
    });
}

// ---- Network Firewall --------------------------------------------------------------------------------

function bindFirewall(b: Binder, t: Draft, raw: Raw & { id: string }, path: Path): I.NetworkFirewall | undefined {
  const vpc = vpcIn(b, raw, path);
  const policy = b.ref(raw.firewallPolicy, ['firewall-policy'], [...path, 'firewallPolicy'], 'firewall policy');
  if (!vpc || !policy) return undefined;
  const fw: I.NetworkFirewall = { kind: 'network-firewall', id: raw.id, name: str(raw.name), src: src(path), vpc, policy, endpoints: [] };
  b.register(fw);
  const zones = new Map<string, Path>();
  arr(raw.subnetMappings).forEach((mv, j) => {
    const mp: Path = [...path, 'subnetMappings', j];
    const m = (typeof mv === 'string' ? { subnet: mv } : (mv ?? {})) as Raw;
    const subnet = subnetRef(b, m.subnet, typeof mv === 'string' ? mp : [...mp, 'subnet']);
    if (!subnet) return;
    // https://docs.aws.amazon.com/network-firewall/latest/developerguide/vpc-config-subnets.html — one firewall subnet per Availability Zone
    if (zones.has(subnet.az))
      return b.error(
        'DUPLICATE_SUBNET_ZONE',
        `network firewall '${raw.id}' already has a subnet in ${subnet.az}; a firewall has one endpoint per Availability Zone`,
        mp,
      );
    zones.set(subnet.az, mp);
    const id = str(m.endpointId) ?? `${raw.id}-${subnet.az}`;
    if (b.declared.has(id))
      return b.error('DUPLICATE_ID', `endpoint id '${id}' of firewall '${raw.id}' is already used`, typeof mv === 'string' ? mp : [...mp, 'endpointId']);
    const ep: M.VpcEndpoint = {
      kind: 'vpc-endpoint',
      id,
      src: src(mp),
      vpc,
      type: 'networkFirewall',
      service: 'network-firewall',
      routeTables: [],
      subnets: [],
      interfaces: [],
      firewall: fw,
    };
    b.declared.set(id, { kind: 'vpc-endpoint', path: mp, raw: m });
    b.register(ep);
    t.vpcEndpoints.push(ep);
    fw.endpoints.push(ep);
    endpointEni(b, t, ep, subnet.id, typeof mv === 'string' ? mp : [...mp, 'subnet'], m.privateIp, [...mp, 'privateIp']);
  });
  return fw;
}

// ---- gateway route tables ------------------------------------------------------------------------------

const GATEWAY_ROUTES_PAGE = 'https://docs.aws.amazon.com/vpc/latest/userguide/gateway-route-tables.html';

/** Edge associations (`routeTables[].gateways`), once routes are bound. */
export function bindGatewayRouteTables(b: Binder): void {
  const owners = new Map<M.InternetGateway | M.VpnGateway, string>();
  b.each('routeTables', (raw, path) => {
    if (raw.gateways === undefined) return;
    const rt = b.byId.get(raw.id);
    if (rt?.kind !== 'route-table') return;
    const gateways: (M.InternetGateway | M.VpnGateway)[] = [];
    arr(raw.gateways).forEach((gv, j) => {
      const gp: Path = [...path, 'gateways', j];
      const gw = b.ref(gv, ['internet-gateway', 'vpn-gateway'], gp, 'internet gateway or virtual private gateway');
      if (!gw) return;
      if (gw.vpc !== rt.vpc)
        return b.error(
          'CROSS_VPC_REFERENCE',
          `gateway '${gw.id}' is ${gw.vpc ? `attached to VPC '${gw.vpc.id}'` : 'not attached to a VPC'}, but route table '${rt.id}' is in VPC '${rt.vpc.id}'`,
          gp,
        );
      // A gateway has one route table association (AssociateRouteTable with GatewayId replaces, never adds).
      const prev = owners.get(gw);
      if (prev)
        return b.error(
          'DUPLICATE_EDGE_ASSOCIATION',
          `gateway '${gw.id}' is already associated with route table '${prev}'; a gateway has one edge association`,
          gp,
        );
      owners.set(gw, rt.id);
      gw.edgeRouteTable = rt;
      gateways.push(gw);
    });
    (rt as { gateways?: (M.InternetGateway | M.VpnGateway)[] }).gateways = gateways;
    if (gateways.length) checkGatewayRoutes(b, rt, raw, path);
  });
}

/** GATEWAY_ROUTES_PAGE, "Rules and considerations": targets local, a network interface or a Gateway Load Balancer endpoint
 *  (a Network Firewall endpoint is one); destinations the VPC CIDR or a subnet CIDR; no prefix lists; no propagation. */
function checkGatewayRoutes(b: Binder, rt: M.RouteTable, raw: Raw, path: Path): void {
  const vpc = rt.vpc;
  const fail = (p: Path, what: string) =>
    b.error(
      'INVALID_GATEWAY_ROUTE',
      `route table '${rt.id}' is a gateway route table (associated with ${rt.gateways?.map((g) => g.id).join(', ')}): ${what}`,
      p,
      { hint: `see ${GATEWAY_ROUTES_PAGE}` },
    );
  if (arr(raw.propagatingGateways).length) fail([...path, 'propagatingGateways'], 'route propagation cannot be enabled on it');
  for (const r of rt.routes) {
    if (r.origin !== 'static' || !r.src) continue;
    const rp = r.src.path;
    if (r.prefixList) {
      fail([...rp, 'destination'], `a prefix list (${r.prefixList.id}) cannot be a destination`);
      continue;
    }
    if (r.target.type !== 'eni' && r.target.type !== 'inspection' && r.target.type !== 'local') {
      fail(
        [...rp, 'target'],
        `target '${r.targetId}' is not allowed; only local, a network interface, or a Gateway Load Balancer or Network Firewall endpoint`,
      );
      continue;
    }
    const d = r.destination;
    const inVpc = [...vpc.cidrs, ...vpc.ipv6Cidrs].some((c) => covers(c, d));
    const exact =
      [...vpc.cidrs, ...vpc.ipv6Cidrs].some((c) => prefixEquals(c, d)) ||
      vpc.subnets.some((s) => (s.cidr && prefixEquals(s.cidr, d)) || (s.ipv6Cidr && prefixEquals(s.ipv6Cidr, d)));
    if (!inVpc) fail([...rp, 'destination'], `${formatPrefix(d)} is outside ${vpc.id}; routes must stay within the VPC's CIDR blocks`);
    else if (!exact) fail([...rp, 'destination'], `${formatPrefix(d)} is neither a CIDR block of ${vpc.id} nor a subnet's CIDR block`);
  }
}
