// The words of the hops that stop a packet on the links between networks (src/trace/steps-links.ts): virtual private
// gateways and VPN connections, peering connections, transit gateways, gateway endpoints, Direct Connect, routing loops.
import { hasPorts, isIcmp, PROTO, protocolName } from '../net/protocol.js';
import type {
  DirectConnectRejectStep,
  EndpointTraffic,
  GatewayEndpointRejectStep,
  LinksStep,
  PeeringRejectStep,
  TransitGatewayRejectStep,
  VpnRejectStep,
} from '../trace/steps-links.js';
import type { StepDetail } from '../trace/types.js';

/** The actions of each step type that this file writes (the other variants of those types are trace-detail.ts's). */
export const ACTIONS: Readonly<Record<Exclude<LinksStep['type'], 'routing-loop'>, readonly string[]>> = {
  'vpn-gateway': ['edge-to-edge', 'no-route', 'detached', 'not-in-vpc'],
  'vpn-connection': ['no-attachment'],
  'peering-connection': ['inactive', 'edge-to-edge', 'not-in-peer-vpc'],
  vpc: ['no-interface'],
  'transit-gateway': ['no-attachment'],
  'tgw-attachment': ['no-subnet-in-zone', 'ipv6-not-supported', 'no-route-table', 'no-subnet'],
  'transit-gateway-route': ['no-route', 'blackhole'],
  'gateway-endpoint': ['edge-to-edge', 'from-on-premises', 'protocol'],
  'direct-connect-gateway': ['not-advertised', 'reply-not-advertised', 'no-gateway', 'no-attachment', 'no-route'],
};

/** A step of src/trace/steps-links.ts: a routing loop, or a step type above with one of its actions. */
export function isLinksStep(s: StepDetail): s is LinksStep {
  if (s.type === 'routing-loop') return true;
  const actions = (ACTIONS as Record<string, readonly string[] | undefined>)[s.type];
  return actions !== undefined && 'action' in s && actions.includes(s.action);
}

const list = (xs: readonly string[]): string => xs.join(', ') || 'none';

/** The traffic in words, as trace-detail.ts's trafficText writes it. */
function trafficWords(t: EndpointTraffic): string {
  if (t.protocol === PROTO.ALL_PROBE) return 'traffic of any protocol';
  if (hasPorts(t.protocol)) return `${protocolName(t.protocol)}/${t.port}`;
  if (isIcmp(t.protocol)) return `${protocolName(t.protocol)} type ${t.icmpType} code ${t.icmpCode}`;
  return `protocol ${protocolName(t.protocol)}`;
}

function vpnText(s: VpnRejectStep): string {
  switch (s.action) {
    case 'edge-to-edge':
      return `${s.gateway} accepts only traffic from interfaces of its VPC; this packet entered through ${s.enteredBy} (no edge-to-edge routing)`;
    case 'no-route':
      return `none of ${s.gateway}'s VPN connections or Direct Connect virtual interfaces routes ${s.address}`;
    case 'detached':
      return `${s.gateway} is not attached to a VPC`;
    case 'not-in-vpc':
      return `${s.address} is not a private address of an interface in ${s.vpc}`;
    case 'no-attachment':
      return `${s.connection} terminates on a transit gateway but has no attachment`;
  }
}

function peeringText(s: PeeringRejectStep): string {
  switch (s.action) {
    case 'inactive':
      return `peering connection ${s.connection} is ${s.status}, not active`;
    case 'edge-to-edge':
      return `${s.connection} carries only traffic from interfaces of ${s.vpc}; this packet entered ${s.vpc} through ${s.enteredBy} (peering is not transitive)`;
    case 'not-in-peer-vpc':
      return `${s.address} is not in ${s.peerVpc} (${s.peerCidrs.join(', ')}); ${s.connection} reaches only that VPC — peering is not transitive`;
  }
}

function transitGatewayText(s: TransitGatewayRejectStep): string {
  switch (s.action) {
    case 'no-attachment':
      return `${s.vpc} has no attachment to ${s.transitGateway}`;
    case 'no-subnet-in-zone':
      return `${s.attachment} has no subnet in ${s.zone}, where the traffic starts`;
    case 'ipv6-not-supported':
      return `${s.attachment} has IPv6 support disabled, so it drops IPv6 traffic (${s.source} → ${s.destination})`;
    case 'no-route-table':
      return `${s.attachment} is not associated with a route table of ${s.transitGateway}`;
    case 'no-subnet':
      return `${s.attachment} has no subnet`;
    case 'no-route':
      return `no route for ${s.address} in transit gateway route table ${s.routeTable}`;
    case 'blackhole':
      return `route ${s.destination} in ${s.routeTable} is a blackhole`;
  }
}

function gatewayEndpointText(s: GatewayEndpointRejectStep): string {
  switch (s.action) {
    case 'edge-to-edge':
      return `gateway endpoint ${s.endpoint} serves only resources in ${s.vpc}; this packet entered through ${s.enteredBy}`;
    case 'from-on-premises':
      return `gateway endpoint ${s.endpoint} serves only resources in ${s.vpc}; traffic from on-premises over ${s.links.join(' and ')} cannot use it`;
    case 'protocol':
      return `gateway endpoint ${s.endpoint} passes only TCP and ICMP echo, not ${trafficWords(s.traffic)}`;
  }
}

function notAdvertisedText(s: Extract<DirectConnectRejectStep, { action: 'not-advertised' }>): string {
  const why = s.owner
    ? `the allowed prefixes (${list(s.allowedPrefixes)}) of its association with ${s.owner.vpnGateway} are not the same as or wider than ${list(s.owner.vpcCidrs)}`
    : `no allowed prefix (${list(s.allowedPrefixes)}) contains it`;
  return `${s.gateway} does not advertise ${s.address} to on-premises: ${why}, so on-premises has no Direct Connect route to it (what the on-premises router does instead is outside AWS)`;
}

function directConnectText(s: DirectConnectRejectStep): string {
  switch (s.action) {
    case 'not-advertised':
      return notAdvertisedText(s);
    case 'reply-not-advertised':
      return `${s.gateway} does not advertise ${s.address} to on-premises (allowed prefixes for ${s.transitGateway}: ${list(s.allowedPrefixes)}), so the reply has no Direct Connect route back`;
    case 'no-gateway':
      return `${s.address} is not behind any ${s.interfaceType === 'private' ? 'virtual private gateway' : 'transit gateway'} associated with ${s.gateway}`;
    case 'no-attachment':
      return `${s.gateway} is associated with ${s.transitGateway}, but the file has no transit gateway attachment for it`;
    case 'no-route':
      return `no transit virtual interface of ${s.gateway} has an on-premises route for ${s.address}`;
  }
}

/** The sentence for a rejecting step of src/trace/steps-links.ts. */
export function linksStepText(s: LinksStep): string {
  switch (s.type) {
    case 'vpn-gateway':
    case 'vpn-connection':
      return vpnText(s);
    case 'peering-connection':
      return peeringText(s);
    case 'vpc':
      return `no interface in ${s.vpc} has address ${s.address}`;
    case 'transit-gateway':
    case 'tgw-attachment':
    case 'transit-gateway-route':
      return transitGatewayText(s);
    case 'gateway-endpoint':
      return gatewayEndpointText(s);
    case 'direct-connect-gateway':
      return directConnectText(s);
    case 'routing-loop':
      return `routing loop: the packet returns to ${s.routeTable} unchanged (${s.path.join(' → ')})`;
  }
}

function vpnFix(s: VpnRejectStep): string | undefined {
  switch (s.action) {
    case 'no-route':
      return `add ${s.address}'s network to the onPremisesCidrs of a VPN connection on ${s.gateway} or of a virtual interface of its Direct Connect gateway`;
    case 'not-in-vpc':
      return `send to an address inside ${s.vpc} (${s.vpcCidrs.join(', ')})`;
    case 'no-attachment':
      return `add a transitGatewayAttachments entry with vpnConnection: ${s.connection}`;
    default:
      return undefined;
  }
}

function peeringFix(s: PeeringRejectStep): string | undefined {
  if (s.action === 'inactive') return `accept the peering connection ${s.connection}`;
  if (s.action === 'not-in-peer-vpc') return `peer ${s.vpc} directly with the VPC that holds ${s.address}, or use a transit gateway`;
  return undefined;
}

function transitGatewayFix(s: TransitGatewayRejectStep): string | undefined {
  switch (s.action) {
    case 'no-attachment':
      return `attach ${s.vpc} to ${s.transitGateway}`;
    case 'no-subnet-in-zone':
      return `add a subnet in ${s.zone} to ${s.attachment}`;
    case 'ipv6-not-supported':
      return `set ipv6Support: true on ${s.attachment} (and give its subnets IPv6 CIDRs)`;
    case 'no-route-table':
      return `set routeTable on ${s.attachment}`;
    case 'no-route':
      return `add a static route or a propagation for ${s.address} to ${s.routeTable}`;
    case 'blackhole':
      return `remove the blackhole route ${s.destination} from ${s.routeTable} if this traffic should pass`;
    case 'no-subnet':
      return undefined;
  }
}

function gatewayEndpointFix(s: GatewayEndpointRejectStep): string {
  switch (s.action) {
    case 'edge-to-edge':
      return `give the source its own ${s.service} endpoint, or use an interface endpoint, which is reachable over peering, VPN and transit gateways`;
    case 'from-on-premises':
      return `reach ${s.service} from on-premises through an interface endpoint for ${s.service} in ${s.vpc}, which is reachable over VPN and Direct Connect`;
    case 'protocol':
      return 'use TCP';
  }
}

function directConnectFix(s: DirectConnectRejectStep): string {
  switch (s.action) {
    case 'not-advertised':
      return `add an allowed prefix that is the same as or wider than the VPC CIDR to the association of ${s.gateway}`;
    case 'reply-not-advertised':
      return `add a prefix containing ${s.address} to the allowed prefixes of ${s.gateway}'s association with ${s.transitGateway}`;
    case 'no-gateway':
      return `associate ${s.gateway} with the gateway of the VPC that holds ${s.address}`;
    case 'no-attachment':
      return `add a transitGatewayAttachments entry with transitGateway: ${s.transitGateway} and directConnectGateway: ${s.gateway}`;
    case 'no-route':
      return `advertise ${s.address}'s network from on-premises over a transit virtual interface of ${s.gateway}`;
  }
}

/** The suggested change for a rejecting step of src/trace/steps-links.ts; undefined when there is none to suggest. */
export function linksStepFix(s: LinksStep): string | undefined {
  switch (s.type) {
    case 'vpn-gateway':
    case 'vpn-connection':
      return vpnFix(s);
    case 'peering-connection':
      return peeringFix(s);
    case 'vpc':
      return undefined;
    case 'transit-gateway':
    case 'tgw-attachment':
    case 'transit-gateway-route':
      return transitGatewayFix(s);
    case 'gateway-endpoint':
      return gatewayEndpointFix(s);
    case 'direct-connect-gateway':
      return directConnectFix(s);
    case 'routing-loop':
      return 'change one of the routes on the loop so that it points toward the destination';
  }
}
