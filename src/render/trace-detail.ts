// The words of a hop: each typed step of the tracer (src/trace/steps.ts) written as the sentence `detail` shows, one
// small function per step type. Hops whose step is not typed yet carry their own `detail` text.
import { hasPorts, isIcmp, PROTO, protocolName } from '../net/protocol.js';
import { gatewaysStepFix, gatewaysStepText, isGatewaysStep } from './trace-detail-gateways.js';
import type {
  AddressPort,
  DeliverStep,
  DirectConnectStep,
  Dropped,
  GatewayEndpointStep,
  GatewayLoadBalancerStep,
  GatewayRouteStep,
  Hop,
  InternetGatewayStep,
  InternetStep,
  LinkLocalStep,
  LoadBalancerStep,
  NatStep,
  NetworkAclStep,
  NetworkFirewallStep,
  RouteStep,
  SecurityGroupStep,
  StepDetail,
  Traffic,
  TransitGatewayAttachmentStep,
  TransitGatewayRouteStep,
  VpnGatewayRouteStep,
  VpnStep,
} from '../trace/types.js';
import { isLinksStep, linksStepFix, linksStepText } from './trace-detail-links.js';
import { edgesStepFix, edgesStepText, isEdgeStep, misdirectionFix } from './trace-detail-edges.js';

/** The traffic in words: `tcp/443`, `icmp type 8 code 0`, `traffic of any protocol`. */
export function trafficText(t: Traffic): string {
  if (t.protocol === PROTO.ALL_PROBE) return 'traffic of any protocol';
  if (hasPorts(t.protocol)) return `${protocolName(t.protocol)}/${t.port}`;
  if (isIcmp(t.protocol)) return `${protocolName(t.protocol)} type ${t.icmpType} code ${t.icmpCode}`;
  return `protocol ${protocolName(t.protocol)}`;
}

const toward = (direction: 'inbound' | 'outbound'): string => (direction === 'inbound' ? 'from' : 'to');

function securityGroupText(s: SecurityGroupStep): string {
  if (s.by === 'connection-tracking') return `${s.direction} reply of an allowed flow: security groups are stateful (${s.groups.join(', ')})`;
  if (s.by === 'no-rule')
    return `no ${s.direction} rule of ${s.groups.join(', ')} on ${s.owner} allows ${trafficText(s.traffic)} ${toward(s.direction)} ${s.peer}`;
  return `${s.direction} ${trafficText(s.traffic)} ${toward(s.direction)} ${s.peer} allowed`;
}

function networkAclText(s: NetworkAclStep): string {
  if ('action' in s)
    return `${s.direction} ${trafficText(s.traffic)} ${toward(s.direction)} ${s.peer}: ${s.ruleNumber === undefined ? 'no rule matches, the implicit * rule denies' : `rule ${s.ruleNumber} denies`}`;
  return `${s.direction} ${trafficText(s.traffic)} ${toward(s.direction)} ${s.peer}: rule ${s.ruleNumber} allows`;
}

function routeText(s: RouteStep): string {
  if ('action' in s) {
    if (s.action === 'no-route')
      return `no route for ${s.address} in ${s.routeTable}${s.mainOf !== undefined ? ` (the main route table of ${s.mainOf}, used by ${s.subnet})` : ''}`;
    return `route ${s.prefixList ? `${s.prefixList} (${s.destination})` : s.destination} in ${s.routeTable} is a blackhole`;
  }
  const dest = s.prefixList ? `${s.prefixList} (${s.destination})` : s.destination;
  return `${s.address} matches ${dest} → ${s.target}${s.origin !== 'static' ? ` (${s.origin} route)` : ''}`;
}

const ATTACHMENT_KIND = { 'direct-connect': 'Direct Connect gateway', vpn: 'VPN', vpc: 'VPC', peering: 'peering' } as const;

function transitGatewayRouteText(s: TransitGatewayRouteStep): string {
  const over = s.preferredOver?.map((x) => `${x.origin} ${ATTACHMENT_KIND[x.attachmentType]} route to ${x.attachment}`).join(', ');
  const note = over ? `; preferred over ${over} (route evaluation order: static, VPC, Direct Connect gateway, VPN)` : '';
  return `${s.address} matches ${s.destination} → ${s.attachment}${s.origin === 'propagated' ? ' (propagated)' : ''}${note}`;
}

function deliverText(s: DeliverStep): string {
  return `delivered to ${s.target} (${s.address})`;
}

const withPort = (a: AddressPort | undefined): string => (a ? (a.port !== undefined ? `${a.address}:${a.port}` : a.address) : '?');

function natText(s: NatStep): string {
  const from = s.translatedFrom;
  const to = s.translatedTo;
  const eip =
    s.connectivity === 'public'
      ? ` (the internet gateway then maps ${s.translation === 'nat64' ? 'the source' : 'it'} to the Elastic IP ${s.elasticIp ?? '?'})`
      : '';
  switch (s.translation) {
    case 'public-ip':
      return s.field === 'source'
        ? `translates the source ${withPort(from.source)} → public ${withPort(to.source)}`
        : `translates the destination ${withPort(from.destination)} → ${withPort(to.destination)}`;
    case 'nat-instance':
      return `forwards (source/destination check off) and translates the source ${withPort(from.source)} → ${withPort(to.source)}`;
    case 'nat-gateway':
      return `translates the source ${withPort(from.source)} → ${withPort(to.source)}${eip}`;
    case 'nat64':
      return `NAT64: translates ${withPort(from.source)} → ${withPort(from.destination)} to IPv4 ${withPort(to.source)} → ${withPort(to.destination)}${eip}`;
    case 'reply': {
      const six = from.source ? ` and the source ${withPort(from.source)} → ${withPort(to.source)} (NAT64)` : '';
      return `reply: translates the destination ${withPort(from.destination)} back to ${withPort(to.destination)}${six}`;
    }
  }
}

function internetGatewayText(s: InternetGatewayStep): string {
  if (s.type === 'internet-gateway') return 'IPv6: forwarded without translation';
  return s.direction === 'egress' ? 'IPv6 out to the internet' : 'reply to a connection started from inside: allowed';
}

function internetText(s: InternetStep): string {
  if (s.action === 'enter') return `${s.reply ? 'reply from' : 'from'} the internet (${s.address})`;
  return s.action === 'exit' ? `leaves ${s.vpc} to the internet` : `crosses the internet to ${s.address}, a public address of ${s.owner}`;
}

function linkLocalText(s: LinkLocalStep): string {
  return s.reply
    ? `${s.service} replies on the host`
    : `${s.service} at ${s.address} answers on the host; security groups and network ACLs do not filter link-local traffic`;
}

function vpnText(s: VpnStep): string {
  if (s.type === 'vpn-gateway') return `into ${s.vpc}`;
  if (s.action === 'from-on-premises') return 'from on-premises';
  return `leaves to on-premises${s.onPremisesCidrs.length ? ` (${s.onPremisesCidrs.join(', ')})` : ''}`;
}

function gatewayEndpointText(s: GatewayEndpointStep): string {
  return s.direction === 'egress' ? `to ${s.service} through gateway endpoint ${s.endpoint}` : `from ${s.service}`;
}

const droppedText = (d: Dropped): string => `${trafficText(d.traffic)} ${d.source} → ${d.destination}`;

const DEFAULT_ACTION_TEXT = {
  'aws:drop_established': 'aws:drop_established (connection setup passes, the packets of the established connection are dropped)',
  'aws:drop_strict': 'aws:drop_strict',
} as const;

function networkFirewallText(s: NetworkFirewallStep): string {
  if (s.type === 'network-firewall-endpoint') return `firewall endpoint of ${s.firewall} in ${s.zone} (policy ${s.policy})`;
  if (s.engine === 'stateless' && s.action === 'drop')
    return `${droppedText(s)}: ${s.by === 'rule' ? `stateless rule group ${s.ruleGroup}, ${s.rule}` : `stateless default action of ${s.policy}`} drops`;
  if (s.engine === 'stateless') {
    const where = s.by === 'rule' ? `stateless rule group ${s.ruleGroup}, ${s.rule}` : `stateless default action of ${s.policy}`;
    return s.action === 'pass' ? `${where} passes (the stateful engine does not see it)` : `${where} forwards to the stateful engine`;
  }
  switch (s.by) {
    case 'connection-tracking':
      return 'stateful engine: reply of an allowed flow';
    case 'not-evaluated':
      return `NOT EVALUATED: ${s.ruleGroups.map((g) => `${g.ruleGroup} (${g.why})`).join(', ')}; vpcsim does not evaluate these, the verdict assumes they pass`;
    case 'rule':
      if (s.action === 'drop' || s.action === 'reject')
        return `${droppedText(s)}: stateful rule group ${s.ruleGroup}, ${s.rule} ${s.action === 'reject' ? 'rejects' : 'drops'}`;
      return `stateful rule group ${s.ruleGroup}, ${s.rule}${s.action === 'alert' ? ': alert (logged, not decided)' : ' passes'}`;
    case 'default-drop':
      return `no stateful rule of ${s.policy} matches ${trafficText(s.traffic)} to ${s.destination}; strict order applies the default action ${DEFAULT_ACTION_TEXT[s.defaultAction]}`;
    case 'default':
      return s.ruleOrder === 'strict'
        ? `no stateful rule matches; no drop default action in ${s.policy}: passes`
        : 'no stateful rule matches: passes (default action order)';
  }
}

const GWLB_PAGE = 'https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/introduction.html';

function gatewayLoadBalancerText(s: GatewayLoadBalancerStep): string {
  if (s.type === 'gwlb-endpoint')
    return s.direction === 'ingress'
      ? `Gateway Load Balancer endpoint in ${s.zone}: to ${s.gatewayLoadBalancer} (GENEVE, port 6081), addresses unchanged`
      : `back from ${s.gatewayLoadBalancer}: leaves by ${s.subnet}'s route table`;
  if (s.type === 'gateway-load-balancer')
    return `to appliance ${s.appliance} in ${s.zone} (5-tuple flow hash over ${s.healthy.length} healthy: ${s.healthy.join(', ')}; the reply reaches the same one)`;
  if ('action' in s)
    return `${droppedText(s)}: ${s.by === 'rule' ? `${s.rule} of ${s.owner}'s action` : `no rule of ${s.owner}'s action matches; its default`} drops`;
  switch (s.by) {
    case 'no-action':
      return `no action declared for ${s.appliance}: vpcsim does not run the appliance's software and assumes it returns the packet to ${s.gatewayLoadBalancer} (see ${GWLB_PAGE})`;
    case 'connection-tracking':
      return 'reply of a flow it allowed (appliance taken as stateful)';
    case 'allow-all':
      return 'action allow-all: returns the packet unchanged';
    default:
      return `${s.by === 'rule' ? s.rule : 'default'}: allows; returns the packet unchanged`;
  }
}

function gatewayRouteText(s: GatewayRouteStep): string {
  return `gateway route table of ${s.gateway}: ${s.address} matches ${s.destination} → ${s.target}`;
}

const LEARNED_TEXT = { 'direct-connect-bgp': 'Direct Connect BGP', 'vpn-static': 'VPN static', 'vpn-bgp': 'VPN BGP' } as const;
const LOST_TEXT = { 'shorter-prefix': 'shorter prefix', 'written-later': 'same kind, written later', 'lower-priority': 'lower priority' } as const;

function vpnGatewayRouteText(s: VpnGatewayRouteStep): string {
  const win = s.chosen;
  const head = `${LEARNED_TEXT[win.by]} route ${win.prefix} over ${win.link}`;
  const why = s.preferredOver.length
    ? `; preferred over ${s.preferredOver.map((r) => `${LEARNED_TEXT[r.by]} ${r.prefix} over ${r.link} (${LOST_TEXT[r.why]})`).join(', ')} — route priority: longest prefix, then Direct Connect BGP, VPN static, VPN BGP`
    : '';
  return `to on-premises over ${win.link}: ${head}${why}`;
}

const prefixList = (ps: string[]): string => ps.join(', ') || 'none';

function directConnectText(s: DirectConnectStep): string {
  if (s.type === 'virtual-interface')
    return s.action === 'from-on-premises'
      ? `from on-premises over Direct Connect (${s.interfaceType} virtual interface)`
      : `leaves to on-premises over Direct Connect (${prefixList(s.onPremisesCidrs)})`;
  switch (s.to) {
    case 'virtual-interface':
      return s.vpnGateway !== undefined
        ? `from ${s.vpnGateway} to virtual interface ${s.virtualInterface}`
        : `to virtual interface ${s.virtualInterface} (${s.prefix})`;
    case 'vpn-gateway':
      return `to ${s.vpnGateway} (advertised: ${prefixList(s.advertised)})`;
    case 'transit-gateway':
      return `to ${s.transitGateway} over ${s.attachment} (allowed prefixes: ${prefixList(s.allowedPrefixes)})`;
  }
}

const APPLIANCE_MODE = {
  'reply-kept': ', appliance mode: the reply keeps the zone the request used',
  flow: ', appliance mode: the flow keeps this Availability Zone both ways',
} as const;

function tgwAttachmentText(s: TransitGatewayAttachmentStep): string {
  switch (s.action) {
    case 'from-vpc':
      return `into ${s.transitGateway} from ${s.vpc} (${s.zone}, via ${s.subnet})`;
    case 'reply-in':
      return `reply into ${s.transitGateway}`;
    case 'from-peer':
      return `into ${s.transitGateway} from ${s.peerTransitGateway}`;
    case 'to-peer':
      return `to peer transit gateway ${s.peerTransitGateway}`;
    case 'leave-to-peer':
      return `leaves toward peer transit gateway ${s.peerTransitGateway ?? '?'}; ${s.peerInTopology ? `${s.peerTransitGateway} has no peering attachment back to ${s.transitGateway} in this file, so ` : ''}what happens beyond it is not in this topology`;
    case 'to-vpn':
      return `to VPN connection ${s.vpnConnection}`;
    case 'to-direct-connect':
      return `to Direct Connect gateway ${s.directConnectGateway}`;
    case 'to-vpc': {
      const guessed = s.zoneFromDestination
        ? "; the traffic has no source zone and AWS does not document which zone it enters by: vpcsim uses the destination's"
        : '';
      return `into ${s.vpc} via ${s.subnet} (${s.zone})${s.applianceMode ? APPLIANCE_MODE[s.applianceMode] : ''}${guessed}`;
    }
  }
}

function loadBalancerText(s: LoadBalancerStep): string {
  if (s.action === 'reply') return `the reply to the client ${s.client} returns to node ${s.node}: the load balancer carries it back (client IP preservation)`;
  const to = `${s.target} (${s.address}:${s.targetPort})`;
  if (s.action === 'health-check') return `health check of ${s.of} (${s.protocol}, port ${s.port}): node ${s.node} connects from ${s.source} to ${to}`;
  const via = s.targetGroup !== undefined ? ` to ${s.targetGroup}` : ` to instance port ${s.instancePort}`;
  const head = `listener ${s.listener} (${s.listenerProtocol}:${s.listenerPort}) forwards${via}: node ${s.node}`;
  const text = s.clientIpPreserved
    ? `${head} passes the packet on to ${to} keeping the client address ${s.source} (client IP preservation)`
    : `${head} opens a new ${protocolName(s.protocol)} connection from ${s.source} to ${to}`;
  return `${text}${s.failOpen ? ' (every target fails its health check from this node, so the load balancer fails open and routes to all of them)' : ''}`;
}

/** The sentence for one step. */
export function stepText(s: StepDetail): string {
  if (isLinksStep(s)) return linksStepText(s);
  if (isGatewaysStep(s)) return gatewaysStepText(s);
  if (isEdgeStep(s)) return edgesStepText(s);
  switch (s.type) {
    case 'security-group':
      return securityGroupText(s);
    case 'network-acl':
      return networkAclText(s);
    case 'route':
      return routeText(s);
    case 'transit-gateway-route':
      return transitGatewayRouteText(s);
    case 'deliver':
      return deliverText(s);
    case 'nat':
      return natText(s);
    case 'internet-gateway':
    case 'egress-only-internet-gateway':
      return internetGatewayText(s);
    case 'internet':
      return internetText(s);
    case 'link-local':
      return linkLocalText(s);
    case 'vpn-connection':
    case 'vpn-gateway':
      return vpnText(s);
    case 'peering-connection':
      return `${s.fromVpc} → ${s.toVpc}`;
    case 'gateway-endpoint':
      return gatewayEndpointText(s);
    case 'transit-gateway':
      return `${s.attachment} is associated with route table ${s.routeTable}`;
    case 'network-firewall-endpoint':
    case 'network-firewall':
      return networkFirewallText(s);
    case 'gwlb-endpoint':
    case 'gateway-load-balancer':
    case 'appliance':
      return gatewayLoadBalancerText(s);
    case 'gateway-route':
      return gatewayRouteText(s);
    case 'vpn-gateway-route':
      return vpnGatewayRouteText(s);
    case 'virtual-interface':
    case 'direct-connect-gateway':
      return directConnectText(s);
    case 'tgw-attachment':
      return tgwAttachmentText(s);
    case 'load-balancer':
      return loadBalancerText(s);
  }
}

/** The protocol as a rule names it (the probe `--protocol all` sends stands for `all`) and, when it has them, the port. */
const ruleTraffic = (t: Traffic): string =>
  `${t.protocol === PROTO.ALL_PROBE ? 'all' : protocolName(t.protocol)}${t.port !== undefined ? ` port ${t.port}` : ''}`;

function routeFix(s: Extract<RouteStep, { action: string }>): string {
  if (s.action === 'blackhole')
    return `point the ${s.prefixList ? `${s.prefixList} (${s.destination})` : s.destination} route in ${s.routeTable} at a working target`;
  const m = s.missing;
  if (m?.by === 'gateway-endpoint') return `associate ${s.routeTable} with ${m.endpoint} (the ${m.service} gateway endpoint of ${m.vpc}), which adds the route`;
  if (m?.by === 'peering') return `add a route for ${m.cidr} (${m.peerVpc}) → ${m.connection} to ${s.routeTable}`;
  return `add a route for ${s.address} to ${s.routeTable}${s.implicit ? ` (or associate ${s.subnet} with a route table that has one)` : ''}`;
}

function networkAclFix(s: Extract<NetworkAclStep, { action: 'deny' }>): string {
  if (s.ruleNumber !== undefined) return `rule ${s.ruleNumber} of ${s.acl} denies this; add an allow rule numbered below ${s.ruleNumber}, or narrow the deny`;
  const reply = s.reply ? ' (the reply of an allowed flow: network ACLs are stateless, so the ephemeral ports must be allowed too)' : '';
  return `add an ${s.direction} rule to ${s.acl} allowing ${ruleTraffic(s.traffic)} ${toward(s.direction)} ${s.peer}${reply}`;
}

/** The suggested change for a step of a hop that rejected; undefined for the others. */
export function stepFix(s: StepDetail): string | undefined {
  if (isLinksStep(s)) return linksStepFix(s);
  if (isGatewaysStep(s)) return gatewaysStepFix(s);
  if (isEdgeStep(s)) return edgesStepFix(s);
  if (s.type === 'route' && 'action' in s) return routeFix(s);
  if (s.type === 'network-acl' && 'action' in s) return networkAclFix(s);
  if (s.type === 'security-group' && s.by === 'no-rule')
    return `add an ${s.direction} rule to ${s.groups[0]} allowing ${ruleTraffic(s.traffic)} ${toward(s.direction)} ${s.peer} (or a CIDR or security group that contains it)`;
  if (s.type === 'network-firewall' && 'traffic' in s) {
    if (s.engine === 'stateless') return `pass or forward this traffic in ${s.by === 'rule' ? s.ruleGroup : s.policy}`;
    if (s.by === 'rule') return `add a pass rule for this flow to ${s.ruleGroup}, or narrow the ${s.action} rule`;
    return `add a pass rule for this flow to a stateful rule group of ${s.policy}`;
  }
  if (s.type === 'appliance' && 'action' in s) return `add an allow rule for this flow to ${s.owner}'s action`;
  return undefined;
}

/** A hop's suggested change: the text it carries, or its step's. */
export function hopFix(h: Hop): string | undefined {
  if (h.fix !== undefined) return h.fix;
  if (h.misdirected) return misdirectionFix(h.misdirected);
  return h.step ? stepFix(h.step) : undefined;
}

/** A hop's detail: its step in words, or the text it carries. */
export function hopDetail(h: Hop): string {
  if (h.detail !== undefined) return h.detail;
  const s = h.step;
  return s ? stepText(s) : '';
}

/** A rejecting hop's detail and fix, for findings that quote it (check's `describeHop` option). */
export function hopWords(h: Hop): { detail?: string; fix?: string } {
  return { detail: hopDetail(h) || undefined, fix: hopFix(h) };
}
