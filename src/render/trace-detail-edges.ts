// The words of the rejecting steps at the edges of the walk (src/trace/steps-edges.ts): inspection endpoints and
// Gateway Load Balancers, load balancers, a flow that cannot start, and a packet carried somewhere other than asked.
import { PROTO, protocolName } from '../net/protocol.js';
import type { Hop } from '../trace/types.js';
import type {
  AsymmetricStep,
  EdgeStep,
  GatewayLoadBalancerRejectStep,
  ListenerOf,
  ListenerRef,
  LoadBalancerRejectStep,
  Misdirection,
  Reached,
  UnreachableStep,
  VpcEndpointStep,
} from '../trace/steps-edges.js';

const ASYMMETRY_PAGE = 'https://docs.aws.amazon.com/network-firewall/latest/developerguide/asymmetric-routing.html';

export const EDGE_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  'vpc-endpoint': ['no-interface', 'no-gateway-load-balancer', 'no-initiate'],
  'network-firewall-endpoint': ['asymmetric', 'reply-bypassed'],
  'gwlb-endpoint': ['reply-bypassed'],
  'gateway-load-balancer': ['no-node-in-zone', 'no-registered-target', 'no-healthy-target'],
  'load-balancer': ['no-listener', 'no-targets', 'target-not-registered', 'zone-not-enabled', 'cross-zone-disabled', 'target-unhealthy', 'loopback'],
  'internet-gateway': ['private-address'],
  'link-local': ['no-service'],
  internet: ['no-owner'],
};

/** Whether a step is one of these: a step type shared with other steps, with one of these actions. */
export function isEdgeStep(s: { type: string }): s is EdgeStep {
  const action = (s as { action?: unknown }).action;
  return typeof action === 'string' && (EDGE_ACTIONS[s.type]?.includes(action) ?? false);
}

function vpcEndpointText(s: VpcEndpointStep): string {
  if (s.action === 'no-initiate') return `${s.endpoint} is a VPC endpoint, which does not start connections`;
  return `${s.endpoint} has no ${s.action === 'no-interface' ? 'interface' : 'Gateway Load Balancer'}`;
}

function asymmetricText(s: AsymmetricStep): string {
  if (s.action === 'reply-bypassed') {
    const what = s.type === 'network-firewall-endpoint' ? `firewall ${s.firewall}` : `Gateway Load Balancer ${s.gatewayLoadBalancer}`;
    return `the request passed ${s.endpoint} (${what}) but the reply does not: the inspection sees one direction only, and AWS does not support asymmetric routing (${ASYMMETRY_PAGE})`;
  }
  if (s.requestEndpoint !== undefined)
    return `the reply reaches ${s.endpoint} (${s.zone}), but the request went through ${s.requestEndpoint} (${s.requestZone}): each endpoint keeps its own flow state, so ${s.firewall} drops a reply it has no flow for (asymmetric routing, ${ASYMMETRY_PAGE})`;
  return `the reply reaches ${s.endpoint} of ${s.firewall}, which the request did not pass: the stateful engine has no flow for it and drops it (asymmetric routing, ${ASYMMETRY_PAGE})`;
}

function asymmetricFix(s: AsymmetricStep): string {
  if (s.action === 'reply-bypassed')
    return `route the reply through ${s.endpoint}: in the route table of the responder's subnet, send the requester's addresses to ${s.endpoint}`;
  return s.requestEndpoint !== undefined
    ? `route the reply to ${s.requestEndpoint}: keep both directions in one Availability Zone (appliance mode on the transit gateway attachment, or per-zone route tables)`
    : 'route the request through the same firewall endpoint, or keep the reply off it';
}

function gatewayLoadBalancerText(s: GatewayLoadBalancerRejectStep): string {
  const g = s.gatewayLoadBalancer;
  switch (s.action) {
    case 'no-node-in-zone':
      return `${g} has no subnet in ${s.zone}, where ${s.endpoint} is, so no load balancer node receives the packet`;
    case 'no-registered-target':
      return `${g} has no appliance registered in ${s.crossZone ? 'any zone' : s.zone}${s.crossZone ? '' : ' (cross-zone load balancing is off)'}`;
    case 'no-healthy-target':
      return `every appliance of ${g} in ${s.crossZone ? 'its zones' : s.zone} is unhealthy (${s.appliances.join(', ')})`;
  }
}

function gatewayLoadBalancerFix(s: GatewayLoadBalancerRejectStep): string {
  switch (s.action) {
    case 'no-node-in-zone':
      return `enable ${s.zone} on ${s.gatewayLoadBalancer} (add a subnet in ${s.zone})`;
    case 'no-registered-target':
      return `register an appliance in ${s.zone}, or turn on crossZone`;
    case 'no-healthy-target':
      return "fix the appliances' health checks";
  }
}

const listenersText = (ls: ListenerRef[], none: string): string => ls.map((l) => `${l.protocol}:${l.port}`).join(', ') || none;
const registeredIn = (s: ListenerOf & { loadBalancer: string }): string =>
  s.targetGroup !== undefined ? `target group ${s.targetGroup}` : `the instances of ${s.loadBalancer}`;

function noListenerText(s: Extract<LoadBalancerRejectStep, { action: 'no-listener' }>): string {
  const have = listenersText(s.listeners, 'none');
  if (s.port === undefined)
    return `${s.loadBalancer} has no listener for ${s.protocol === PROTO.ALL_PROBE ? 'all' : protocolName(s.protocol)} (listeners take TCP or UDP)`;
  if (s.albTargetOf !== undefined)
    return `${s.loadBalancer} (the alb target of ${s.albTargetOf}) has no listener on port ${s.port}, the port the target group sends to (listeners: ${have})`;
  return `${s.loadBalancer} has no ${protocolName(s.protocol)} listener on port ${s.port} (listeners: ${have})`;
}

function noListenerFix(s: Extract<LoadBalancerRejectStep, { action: 'no-listener' }>): string {
  if (s.port === undefined) return `connect over TCP or UDP to a listener port (${listenersText(s.listeners, 'none yet')})`;
  const have = listenersText(s.listeners, 'none');
  if (s.albTargetOf !== undefined) return `add a listener on port ${s.port} to ${s.loadBalancer}, or register it on a listener port (${have})`;
  return s.listeners.length
    ? `connect to a listener port (${have}), or add a listener on port ${s.port} to ${s.loadBalancer}`
    : `add a listener on port ${s.port} to ${s.loadBalancer}`;
}

function loadBalancerText(s: LoadBalancerRejectStep): string {
  switch (s.action) {
    case 'no-listener':
      return noListenerText(s);
    case 'no-targets':
      return `listener ${s.listener} (${s.listenerProtocol}:${s.listenerPort}) of ${s.loadBalancer} has no registered targets`;
    case 'target-not-registered':
      return `${s.target} is not registered in ${registeredIn(s)} (listener ${s.listener}, ${s.listenerProtocol}:${s.listenerPort}); ${s.loadBalancer} never sends it traffic`;
    case 'zone-not-enabled':
      return `${s.target} is in ${s.zone}, a zone ${s.loadBalancer} is not enabled in (it has subnets in ${s.zones.join(', ')}); targets there receive no traffic`;
    case 'cross-zone-disabled':
      return `cross-zone load balancing is off on ${s.loadBalancer}: node ${s.node} in ${s.nodeZone} forwards only to targets in ${s.nodeZone}, and ${s.target} is in ${s.zone}`;
    case 'target-unhealthy':
      return `${s.target} fails its health check from node ${s.node} (port ${s.port}, blocked by ${s.blockedBy}, ${s.blockedReason}) while other targets pass, and ${s.loadBalancer} routes only to healthy targets`;
    case 'loopback':
      return `${s.target} is both the client and the target: with client IP preservation the packet reaches it from its own address ${s.address}, which its operating system drops, so the connection times out`;
  }
}

function loadBalancerFix(s: LoadBalancerRejectStep): string {
  switch (s.action) {
    case 'no-listener':
      return noListenerFix(s);
    case 'no-targets':
      return `register targets in ${s.targetGroup ?? s.loadBalancer}`;
    case 'target-not-registered':
      return `register ${s.target} in ${registeredIn(s)}`;
    case 'zone-not-enabled':
      return `add a subnet of ${s.zone} to ${s.loadBalancer}`;
    case 'cross-zone-disabled':
      return `set crossZone: true on ${s.loadBalancer}, or reach it through its node in ${s.zone}`;
    case 'target-unhealthy':
      return `let the health check through (trace it: --health-check ${s.targetGroup} --from ${s.node} --to ${s.target})`;
    case 'loopback':
      return `turn off client IP preservation on ${s.targetGroup ?? s.loadBalancer} (or register targets by IP address), or call the load balancer from a host that is not its target`;
  }
}

function unreachableText(s: UnreachableStep): string {
  switch (s.type) {
    case 'internet-gateway':
      return s.publicIp === undefined
        ? `${s.target} has no public IP, so the internet cannot address it (${s.address} is private)`
        : `${s.address} is a private address; the internet reaches ${s.owner} only at its public IP ${s.publicIp}`;
    case 'link-local':
      return `no AWS service is known at link-local ${s.address}; link-local traffic does not leave the host`;
    case 'internet':
      return `no interface owns ${s.address}`;
  }
}

function unreachableFix(s: UnreachableStep): string | undefined {
  switch (s.type) {
    case 'internet-gateway':
      return s.publicIp === undefined
        ? `give ${s.target} a public IP or Elastic IP in a subnet that routes to an internet gateway, if it should be reachable`
        : `trace to ${s.publicIp}`;
    case 'link-local':
      return 'the instance metadata service is 169.254.169.254, the Amazon DNS server 169.254.169.253 (or the VPC base address + 2), Amazon Time Sync 169.254.169.123';
    case 'internet':
      return undefined;
  }
}

/** The sentence for one of these steps. */
export function edgesStepText(s: EdgeStep): string {
  switch (s.type) {
    case 'vpc-endpoint':
      return vpcEndpointText(s);
    case 'network-firewall-endpoint':
    case 'gwlb-endpoint':
      return asymmetricText(s);
    case 'gateway-load-balancer':
      return gatewayLoadBalancerText(s);
    case 'load-balancer':
      return loadBalancerText(s);
    default:
      return unreachableText(s);
  }
}

/** The suggested change for one of these steps (each rejects), when there is one. */
export function edgesStepFix(s: EdgeStep): string | undefined {
  switch (s.type) {
    case 'vpc-endpoint':
      return s.action === 'no-initiate' ? `trace the other way: from the client to ${s.from}` : undefined;
    case 'network-firewall-endpoint':
    case 'gwlb-endpoint':
      return asymmetricFix(s);
    case 'gateway-load-balancer':
      return gatewayLoadBalancerFix(s);
    case 'load-balancer':
      return loadBalancerFix(s);
    default:
      return unreachableFix(s);
  }
}

// ---- a packet carried somewhere other than asked ----------------------------------------------------------------

function reachedText(r: Reached): string {
  switch (r.type) {
    case 'delivered':
      return `was delivered to ${r.target} (${r.address} in ${r.vpc})`;
    case 'arrived':
      return `arrives at ${r.target} (${r.address} in ${r.vpc})`;
    case 'internet':
      return `left ${r.vpc} to the internet through ${r.gateway}`;
    case 'on-premises':
      return `left to on-premises over ${r.via}`;
    case 'direct-connect':
      return `left to on-premises over Direct Connect (${r.virtualInterface})`;
    case 'service':
      return `went to ${r.service} through ${r.endpoint}`;
    case 'peer-tgw':
      return `left toward peer transit gateway ${r.peerTransitGateway ?? '?'} over ${r.attachment}`;
    case 'link-local':
      return `was answered by ${r.service} on the host`;
  }
}

function expectedText(m: Misdirection): string {
  const e = m.expected;
  if (e.dnsOf) return `${e.input} (the Amazon DNS address of ${e.vpc}, which answers only its own VPC)`;
  if (e.owner === undefined) return e.input;
  return e.input === e.owner ? `${e.input} in ${e.vpc}` : `${e.input} (${e.owner} in ${e.vpc})`;
}

/** The sentence of a packet carried elsewhere, `h` the hop it blames: the route table that chose the way, when there was one. */
export function misdirectionText(m: Misdirection, h: Hop, detail: (h: Hop) => string): string {
  const blame = m.routed ? `: ${h.component} routed it (${h.rule?.text ?? detail(h)})` : '';
  const went = `${reachedText(m.reached)}${blame}`;
  if (!m.reply) return `The packet never reaches ${expectedText(m)}: it ${went}.`;
  return `The reply is blocked: it never reaches ${expectedText(m)}, which opened the connection; it ${went}. AWS does not check the reverse path (no unicast RPF over peering), so the reply follows the routes toward ${m.address}.`;
}

/** The suggested change for a packet carried elsewhere. */
export function misdirectionFix(m: Misdirection): string {
  return m.reply
    ? `make the route toward ${m.address} lead back to ${expectedText(m)}`
    : `make the route toward ${m.address} lead to ${expectedText(m)} (a more specific or overlapping route sends it elsewhere)`;
}
