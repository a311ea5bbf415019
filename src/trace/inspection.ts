// Inspection on the packet walk: a route to a Network Firewall endpoint or a Gateway Load Balancer endpoint, and
// gateway route tables (edge associations) for traffic entering through an internet or virtual private gateway.
// The packet keeps its addresses through either (bump in the wire) and leaves by the endpoint subnet's route table.
import type * as M from '../bind/model.js';
import type * as I from '../bind/inspection-model.js';
import { contains, formatAddr, formatPrefix } from '../net/ip.js';
import { portsText, protocolName } from '../bind/rules.js';
import { matches, type Origin, trafficOf, type WalkSteps as Walk } from './walk.js';
import type { Dropped, Packet, StepDetail } from './types.js';

/** What the inspection points remember of one flow (the forward walk writes it, the reply reads it). */
interface FlowState {
  /** endpoints each direction passed, in order */
  forward: M.VpcEndpoint[];
  reply: M.VpcEndpoint[];
  /** endpoints whose stateful engine (or appliance) admitted the forward packet */
  established: M.VpcEndpoint[];
  /** the appliance each Gateway Load Balancer chose for the forward packet */
  appliances: Map<I.GatewayLoadBalancer, I.GwlbAppliance>;
}
const flows = new WeakMap<object, FlowState>();

function stateOf(w: Walk): FlowState {
  let s = flows.get(w.ct);
  if (!s) {
    s = { forward: [], reply: [], established: [], appliances: new Map() };
    flows.set(w.ct, s);
  }
  return s;
}

/** A route sent the packet to an inspection endpoint: into its subnet, through the firewall or appliance, and on. */
export function toInspection(
  w: Walk,
  ep: M.VpcEndpoint,
  subnet: M.Subnet | undefined,
  pkt: Packet,
  fromEni: M.NetworkInterface | undefined,
  origin: Origin,
): boolean {
  const eni = ep.interfaces[0];
  const epSubnet = ep.subnets[0];
  if (!eni || !epSubnet)
    return w.rejectStep(
      ep.id,
      'vpc-endpoint',
      'ingress',
      'DROP',
      'BAD_STATE_ENDPOINT',
      () => ({ type: 'vpc-endpoint', endpoint: ep.id, action: 'no-interface' }),
      pkt,
    );
  // No flow-log record for the endpoint's own interface: AWS does not document what flow logs show for Network Firewall or
  // Gateway Load Balancer endpoint interfaces, so vpcsim writes none (docs/inspection.md).
  if (!w.cross(subnet, epSubnet, pkt, fromEni, undefined, 1)) return false;
  const st = stateOf(w);
  (w.isReply ? st.reply : st.forward).push(ep);
  const passed = ep.firewall ? firewall(w, ep, ep.firewall, pkt, st) : gatewayLoadBalancer(w, ep, pkt, st);
  if (!passed) return false;
  return w.route(epSubnet, pkt, eni, origin);
}

// ---- AWS Network Firewall ------------------------------------------------------------------------------

function firewall(w: Walk, ep: M.VpcEndpoint, fw: I.NetworkFirewall, pkt: Packet, st: FlowState): boolean {
  const az = ep.subnets[0]!.az;
  if (w.isReply && !st.forward.includes(ep)) return asymmetric(w, ep, fw, pkt, st);
  w.step(
    ep.id,
    'network-firewall-endpoint',
    'ingress',
    'FORWARD',
    () => ({ type: 'network-firewall-endpoint', endpoint: ep.id, firewall: fw.id, zone: az, policy: fw.policy.id }),
    pkt,
  );
  // https://docs.aws.amazon.com/network-firewall/latest/developerguide/firewall-rules-engines.html — the stateless engine first, every packet
  const stateless = statelessVerdict(fw.policy, pkt);
  const ruleRef = stateless.rule
    ? w.rule(stateless.rule.src, () => statelessText(stateless.rule!), stateless.group!.id)
    : { text: `statelessDefaultActions: [${fw.policy.statelessDefault}]`, owner: fw.policy.id };
  if (stateless.action === 'aws:drop') {
    return w.rejectStep(
      fw.id,
      'network-firewall',
      '-',
      'DROP',
      'FIREWALL_STATELESS_DROP',
      () => ({
        type: 'network-firewall',
        engine: 'stateless',
        action: 'drop',
        ...(stateless.rule
          ? { by: 'rule' as const, ruleGroup: stateless.group!.id, rule: stateless.rule.label }
          : { by: 'default' as const, policy: fw.policy.id }),
        ...dropped(pkt),
      }),
      pkt,
      { rule: ruleRef },
    );
  }
  const action = stateless.action === 'aws:pass' ? 'pass' : 'forward';
  const statelessStep = (): StepDetail =>
    stateless.rule
      ? { type: 'network-firewall', engine: 'stateless', by: 'rule', action, ruleGroup: stateless.group!.id, rule: stateless.rule.label }
      : { type: 'network-firewall', engine: 'stateless', by: 'default', action, policy: fw.policy.id };
  w.step(fw.id, 'network-firewall', '-', action === 'pass' ? 'ALLOW' : 'FORWARD', statelessStep, pkt, { rule: ruleRef });
  if (action === 'pass') return true;
  // Stateful: a reply of a flow the engine admitted is part of that flow.
  if (w.isReply && st.established.includes(ep)) {
    w.step(fw.id, 'network-firewall', '-', 'ALLOW', () => ({ type: 'network-firewall', engine: 'stateful', by: 'connection-tracking' }), pkt);
    return true;
  }
  return stateful(w, ep, fw, pkt, st);
}

/** https://docs.aws.amazon.com/network-firewall/latest/developerguide/asymmetric-routing.html: "the traffic must be routed to the Network Firewall endpoint in both directions". */
function asymmetric(w: Walk, ep: M.VpcEndpoint, fw: I.NetworkFirewall, pkt: Packet, st: FlowState): false {
  const other = st.forward.find((e) => e.firewall === fw);
  const reason = other ? 'FIREWALL_ENDPOINT_ZONE_MISMATCH' : 'ASYMMETRIC_ROUTING';
  return w.rejectStep(
    ep.id,
    'network-firewall-endpoint',
    'ingress',
    'DROP',
    reason,
    () => ({
      type: 'network-firewall-endpoint',
      action: 'asymmetric',
      endpoint: ep.id,
      firewall: fw.id,
      zone: ep.subnets[0]!.az,
      ...(other ? { requestEndpoint: other.id, requestZone: other.subnets[0]!.az } : {}),
    }),
    pkt,
  );
}

/** The packet a filter dropped, for its step. */
function dropped(pkt: Packet): Dropped {
  return { traffic: trafficOf(pkt), source: formatAddr(pkt.src), destination: formatAddr(pkt.dst) };
}

function ruleMatches<A extends string>(r: I.FiveTupleRule<A>, pkt: Packet): boolean {
  if (r.source && !contains(r.source, pkt.src)) return false;
  if (r.destination && !contains(r.destination, pkt.dst)) return false;
  if (r.sourcePorts && (pkt.srcPort < r.sourcePorts.from || pkt.srcPort > r.sourcePorts.to)) return false;
  return matches(r, pkt);
}

function statelessVerdict(
  p: I.FirewallPolicy,
  pkt: Packet,
): { action: I.StatelessAction; group?: I.FirewallRuleGroup; rule?: I.FiveTupleRule<I.StatelessAction> } {
  // https://docs.aws.amazon.com/network-firewall/latest/developerguide/stateless-rule-groups-5-tuple.html — groups by priority, rules by
  // priority, first match; no match: the policy's stateless default action for full packets
  for (const { group } of p.statelessGroups) for (const rule of group.statelessRules) if (ruleMatches(rule, pkt)) return { action: rule.action, group, rule };
  return { action: p.statelessDefault };
}

type Hit = { group: I.FirewallRuleGroup; rule: I.FiveTupleRule<I.StatefulAction> };

/** https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html */
function statefulVerdict(p: I.FirewallPolicy, pkt: Packet): { hit?: Hit; alerts: Hit[]; decided: 'pass' | 'drop' | 'reject' | 'default' } {
  const alerts: Hit[] = [];
  const hits: Hit[] = [];
  for (const { group } of p.statefulGroups)
    for (const rule of group.statefulRules) {
      if (!ruleMatches(rule, pkt)) continue;
      if (rule.action === 'alert') alerts.push({ group, rule });
      else if (p.ruleOrder === 'strict') return { hit: { group, rule }, alerts, decided: rule.action };
      else hits.push({ group, rule });
    }
  // Default action order: pass rules first, then drop, then reject (alert only logs).
  for (const a of ['pass', 'drop', 'reject'] as const) {
    const h = hits.find((x) => x.rule.action === a);
    if (h) return { hit: h, alerts, decided: a };
  }
  return { alerts, decided: 'default' };
}

function stateful(w: Walk, ep: M.VpcEndpoint, fw: I.NetworkFirewall, pkt: Packet, st: FlowState): boolean {
  const p = fw.policy;
  const skipped = p.statefulGroups.filter((g) => g.group.notEvaluated);
  if (skipped.length)
    w.step(
      fw.id,
      'network-firewall',
      '-',
      'ALLOW',
      () => ({
        type: 'network-firewall',
        engine: 'stateful',
        by: 'not-evaluated',
        ruleGroups: skipped.map((g) => ({ ruleGroup: g.group.id, why: g.group.notEvaluated ?? '' })),
      }),
      pkt,
    );
  const v = statefulVerdict(p, pkt);
  for (const a of v.alerts)
    w.step(
      fw.id,
      'network-firewall',
      '-',
      'ALLOW',
      () => ({ type: 'network-firewall', engine: 'stateful', by: 'rule', action: 'alert', ruleGroup: a.group.id, rule: a.rule.label }),
      pkt,
      { rule: w.rule(a.rule.src, () => statefulText(a.rule), a.group.id) },
    );
  if (v.hit) return statefulHit(w, ep, fw, pkt, st, v.hit, v.decided);
  // No rule matched. Default order: pass. Strict order: the policy's stateful default actions.
  const drop = p.ruleOrder === 'strict' && p.statefulDefaultActions.find((a) => a === 'aws:drop_strict' || a === 'aws:drop_established');
  if (drop) {
    return w.rejectStep(
      fw.id,
      'network-firewall',
      '-',
      'DROP',
      'FIREWALL_STATEFUL_DEFAULT_DROP',
      () => ({ type: 'network-firewall', engine: 'stateful', by: 'default-drop', policy: p.id, defaultAction: drop, ...dropped(pkt) }),
      pkt,
      { rule: { text: `statefulDefaultActions: [${p.statefulDefaultActions.join(', ')}]`, owner: p.id } },
    );
  }
  if (!w.isReply) st.established.push(ep);
  w.step(
    fw.id,
    'network-firewall',
    '-',
    'ALLOW',
    () => ({ type: 'network-firewall', engine: 'stateful', by: 'default', ruleOrder: p.ruleOrder, policy: p.id }),
    pkt,
  );
  return true;
}

/** A stateful rule decided: drop or reject stops the packet, pass lets it on and remembers the flow. */
function statefulHit(
  w: Walk,
  ep: M.VpcEndpoint,
  fw: I.NetworkFirewall,
  pkt: Packet,
  st: FlowState,
  h: Hit,
  decided: 'pass' | 'drop' | 'reject' | 'default',
): boolean {
  const ref = w.rule(h.rule.src, () => statefulText(h.rule), h.group.id);
  if (decided !== 'pass') {
    const action = decided as 'drop' | 'reject';
    return w.rejectStep(
      fw.id,
      'network-firewall',
      '-',
      'DROP',
      'FIREWALL_STATEFUL_DROP',
      () => ({ type: 'network-firewall', engine: 'stateful', by: 'rule', action, ruleGroup: h.group.id, rule: h.rule.label, ...dropped(pkt) }),
      pkt,
      { rule: ref },
    );
  }
  if (!w.isReply) st.established.push(ep);
  w.step(
    fw.id,
    'network-firewall',
    '-',
    'ALLOW',
    () => ({ type: 'network-firewall', engine: 'stateful', by: 'rule', action: 'pass', ruleGroup: h.group.id, rule: h.rule.label }),
    pkt,
    { rule: ref },
  );
  return true;
}

function tupleText<A extends string>(r: I.FiveTupleRule<A>): string {
  const proto = r.protocol === -1 ? 'all' : protocolName(r.protocol);
  const ports = r.ports ? `:${portsText(r.ports)}` : '';
  return `${proto} ${r.source ? formatPrefix(r.source) : 'any'}${r.sourcePorts ? `:${portsText(r.sourcePorts)}` : ''} → ${r.destination ? formatPrefix(r.destination) : 'any'}${ports}`;
}
const statelessText = (r: I.FiveTupleRule<I.StatelessAction>) => `${r.label}: ${tupleText(r)} ${r.action}`;
const statefulText = (r: I.FiveTupleRule<I.StatefulAction>) => `${r.action.toUpperCase()} ${tupleText(r)}`;

// ---- Gateway Load Balancer --------------------------------------------------------------------------------

/** A symmetric flow hash: both directions of one 5-tuple give the same value (FNV-1a over the sorted ends). */
export function symmetricHash(pkt: Packet): number {
  const a = `${String(pkt.src)}:${pkt.srcPort}`;
  const b = `${String(pkt.dst)}:${pkt.dstPort}`;
  const key = `${pkt.protocol}|${a < b ? `${a}|${b}` : `${b}|${a}`}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

function gatewayLoadBalancer(w: Walk, ep: M.VpcEndpoint, pkt: Packet, st: FlowState): boolean {
  const g = ep.gatewayLoadBalancer;
  const az = ep.subnets[0]!.az;
  if (!g)
    return w.rejectStep(
      ep.id,
      'vpc-endpoint',
      'ingress',
      'DROP',
      'BAD_STATE_ENDPOINT',
      () => ({ type: 'vpc-endpoint', endpoint: ep.id, action: 'no-gateway-load-balancer' }),
      pkt,
    );
  w.step(
    ep.id,
    'gwlb-endpoint',
    'ingress',
    'FORWARD',
    () => ({ type: 'gwlb-endpoint', endpoint: ep.id, gatewayLoadBalancer: g.id, direction: 'ingress', zone: az }),
    pkt,
  );
  const healthy = healthyAppliances(w, g, ep, az, pkt);
  if (!healthy) return false;
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/introduction.html — flows are sticky per 5-tuple and symmetric, so both directions reach the same appliance.
  const chosen = (w.isReply ? st.appliances.get(g) : undefined) ?? healthy[symmetricHash(pkt) % healthy.length]!;
  if (!w.isReply) st.appliances.set(g, chosen);
  w.step(
    g.id,
    'gateway-load-balancer',
    '-',
    'FORWARD',
    () => ({ type: 'gateway-load-balancer', gatewayLoadBalancer: g.id, appliance: chosen.id, zone: chosen.az, healthy: healthy.map((a) => a.id) }),
    pkt,
  );
  if (!appliance(w, g, chosen, pkt, st, ep)) return false;
  w.step(
    ep.id,
    'gwlb-endpoint',
    'egress',
    'FORWARD',
    () => ({ type: 'gwlb-endpoint', endpoint: ep.id, gatewayLoadBalancer: g.id, direction: 'egress', subnet: ep.subnets[0]!.id }),
    pkt,
  );
  return true;
}

/** The appliances the Gateway Load Balancer's node in the endpoint's zone may choose, or false when it refuses the packet. */
function healthyAppliances(w: Walk, g: I.GatewayLoadBalancer, ep: M.VpcEndpoint, az: string, pkt: Packet): I.GwlbAppliance[] | false {
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/gateway-load-balancers.html#availability-zones — a node per enabled zone
  if (!g.subnets.some((s) => s.az === az)) {
    return w.rejectStep(
      g.id,
      'gateway-load-balancer',
      '-',
      'DROP',
      'GWLB_NO_NODE_IN_ZONE',
      () => ({ type: 'gateway-load-balancer', action: 'no-node-in-zone', gatewayLoadBalancer: g.id, endpoint: ep.id, zone: az }),
      pkt,
    );
  }
  const zone = g.crossZone ? g.appliances : g.appliances.filter((a) => a.az === az);
  if (zone.length === 0)
    return w.rejectStep(
      g.id,
      'gateway-load-balancer',
      '-',
      'DROP',
      'GWLB_NO_REGISTERED_TARGET',
      () => ({ type: 'gateway-load-balancer', action: 'no-registered-target', gatewayLoadBalancer: g.id, zone: az, crossZone: g.crossZone }),
      pkt,
    );
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/target-groups.html — "routes requests to the registered targets that are healthy"
  const healthy = zone.filter((a) => a.healthy);
  if (healthy.length === 0)
    return w.rejectStep(
      g.id,
      'gateway-load-balancer',
      '-',
      'DROP',
      'GWLB_NO_HEALTHY_TARGET',
      () => ({
        type: 'gateway-load-balancer',
        action: 'no-healthy-target',
        gatewayLoadBalancer: g.id,
        zone: az,
        crossZone: g.crossZone,
        appliances: zone.map((a) => a.id),
      }),
      pkt,
    );
  return healthy;
}

function appliance(w: Walk, g: I.GatewayLoadBalancer, a: I.GwlbAppliance, pkt: Packet, st: FlowState, ep: M.VpcEndpoint): boolean {
  const action = a.action ?? g.action;
  const step = (by: 'no-action' | 'connection-tracking' | 'allow-all' | 'rule' | 'default', rule?: string) => (): StepDetail => ({
    type: 'appliance',
    appliance: a.id,
    gatewayLoadBalancer: g.id,
    by,
    ...(rule !== undefined ? { rule } : {}),
  });
  if (!action) {
    w.step(a.id, 'appliance', '-', 'FORWARD', step('no-action'), pkt);
    return true;
  }
  // The appliance is taken as stateful, as firewalls are: the reply of a flow it allowed passes (AWS leaves this to the appliance).
  if (w.isReply && st.established.includes(ep)) {
    w.step(a.id, 'appliance', '-', 'ALLOW', step('connection-tracking'), pkt);
    return true;
  }
  if (action.type === 'allow-all') {
    if (!w.isReply) st.established.push(ep);
    w.step(a.id, 'appliance', '-', 'ALLOW', step('allow-all'), pkt, { rule: w.rule(action.src, 'allow-all') });
    return true;
  }
  const owner = a.action ? a.id : g.id;
  const hit = action.rules.find((r) => ruleMatches(r, pkt));
  const verdict = hit ? hit.action : action.default;
  const ref = hit ? w.rule(hit.src, () => `${hit.action} ${tupleText(hit)}`, owner) : { text: `default: ${action.default}`, owner };
  if (verdict === 'drop')
    return w.rejectStep(
      a.id,
      'appliance',
      '-',
      'DROP',
      'GWLB_APPLIANCE_DROP',
      () => ({
        type: 'appliance',
        appliance: a.id,
        gatewayLoadBalancer: g.id,
        action: 'drop',
        owner,
        ...(hit ? { by: 'rule' as const, rule: hit.label } : { by: 'default' as const }),
        ...dropped(pkt),
      }),
      pkt,
      { rule: ref },
    );
  if (!w.isReply) st.established.push(ep);
  w.step(a.id, 'appliance', '-', 'ALLOW', hit ? step('rule', hit.label) : step('default'), pkt, { rule: ref });
  return true;
}

// ---- gateway route tables --------------------------------------------------------------------------------

/**
 * https://docs.aws.amazon.com/vpc/latest/userguide/gateway-route-tables.html — traffic entering through a gateway with an edge
 * association is routed by that table: local (deliver as usual), a middlebox interface, or an inspection endpoint.
 */
export function edgeIngress(w: Walk, gw: M.InternetGateway | M.VpnGateway, pkt: Packet, origin: Origin, deliver: () => boolean): boolean {
  const rt = gw.edgeRouteTable;
  if (!rt) return deliver();
  const r = typeof pkt.dst === 'number' ? rt.lookup4.lookup(pkt.dst) : rt.lookup6.lookup(pkt.dst);
  if (!r || r.target.type === 'local') return deliver();
  const ref = w.rule(r.src, `${formatPrefix(r.destination)} → ${r.targetId}`, rt.id);
  w.step(
    rt.id,
    'route-table',
    '-',
    'ROUTE',
    () => ({
      type: 'gateway-route',
      routeTable: rt.id,
      gateway: gw.id,
      address: formatAddr(pkt.dst),
      destination: formatPrefix(r.destination),
      target: r.targetId,
    }),
    pkt,
    { rule: ref },
  );
  w.routed.push(w.hops.length - 1);
  w.steering.push(w.hops.length - 1);
  if (r.target.type === 'inspection') return toInspection(w, r.target.endpoint, undefined, pkt, undefined, origin);
  if (r.target.type === 'eni') {
    const eni = r.target.eni;
    if (!w.cross(undefined, eni.subnet, pkt, undefined, eni)) return false;
    return w.arrive(eni, pkt, origin);
  }
  return deliver();
}

/**
 * After the reply: a flow whose request passed a Network Firewall or GWLB endpoint that its reply did not pass is dropped,
 * as the Network Firewall asymmetric-routing page (above) and the gateway route tables page ("Asymmetric routing is not supported") say. The route that steered
 * the reply around the endpoint is blamed.
 */
export function checkSymmetry(ret: Walk): void {
  if (ret.verdict !== 'ACCEPT') return;
  const st = flows.get(ret.ct);
  const missed = st?.forward.find((e) => !st.reply.includes(e));
  if (!missed) return;
  const fw = missed.firewall;
  const kind = fw ? 'network-firewall-endpoint' : 'gwlb-endpoint';
  // The verdict is the endpoint's (its state sees half a flow); the hop comes last, after the reply's delivery.
  ret.verdict = undefined;
  ret.rejectStep(
    missed.id,
    kind,
    '-',
    'DROP',
    'ASYMMETRIC_ROUTING',
    () =>
      fw
        ? { type: 'network-firewall-endpoint', action: 'reply-bypassed', endpoint: missed.id, firewall: fw.id }
        : { type: 'gwlb-endpoint', action: 'reply-bypassed', endpoint: missed.id, gatewayLoadBalancer: missed.gatewayLoadBalancer?.id ?? '' },
    ret.exit?.packet ?? ({} as Packet),
  );
}
