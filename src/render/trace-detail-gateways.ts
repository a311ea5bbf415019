// The words of the gateway and interface steps (src/trace/steps-gateways.ts): delivery to an address, an interface
// used as a route target, the NAT gateway, the internet gateway and the egress-only internet gateway. Each step's
// detail, and the fix of the ones that reject.
import { hasPorts, isIcmp, PROTO, protocolName } from '../net/protocol.js';
import type { GatewayDropStep, GatewaysStep, NatGatewayRouteStep, NatGatewayStep } from '../trace/steps-gateways.js';

export { isGatewaysStep } from '../trace/steps-gateways.js';

/** Where a packet came into the VPC from, as the NAT gateway's refusal names it. */
const THROUGH = {
  internet: 'the internet',
  tgw: 'a transit gateway',
  peering: 'a peering connection',
  vpn: 'a VPN connection',
  'direct-connect': 'Direct Connect',
} as const;

/** Protocol 253 is the probe `--protocol all` sends: name it as what it stands for. */
const protocolText = (p: number): string => (p === PROTO.ALL_PROBE ? 'all' : protocolName(p));

function trafficText(t: { protocol: number; port?: number; icmpType?: number; icmpCode?: number }): string {
  if (t.protocol === PROTO.ALL_PROBE) return 'traffic of any protocol';
  if (hasPorts(t.protocol)) return `${protocolName(t.protocol)}/${t.port}`;
  if (isIcmp(t.protocol)) return `${protocolName(t.protocol)} type ${t.icmpType} code ${t.icmpCode}`;
  return `protocol ${protocolName(t.protocol)}`;
}

function natGatewayText(s: NatGatewayStep): string {
  switch (s.action) {
    case 'no-inbound': {
      const from =
        s.origin === 'internet'
          ? ' from the internet'
          : ` (this one comes from ${s.origin === 'vpc' ? s.vpc : s.origin === 'service' ? s.origin : THROUGH[s.origin]})`;
      return `NAT gateway ${s.natGateway} (${s.connectivity}) does not accept connections${from}; it only returns replies to connections its VPC's resources opened`;
    }
    case 'source-outside-vpc':
      return `NAT gateway ${s.natGateway} only serves sources in ${s.vpc}; this packet came through ${THROUGH[s.origin]}`;
    case 'reply-translated':
      return `the reply is routed to NAT gateway ${s.natGateway}, which would send it from its own address instead of the one the connection was opened to, so the client drops it`;
    case 'unsupported-protocol':
      return `NAT gateway ${s.natGateway} passes only TCP, UDP and ICMP, not ${protocolText(s.protocol)}`;
    case 'outside-nat64-prefix':
      return `NAT gateway ${s.natGateway} translates IPv6 only to IPv4 destinations written in the NAT64 prefix ${s.prefix}; ${s.address} is not in it`;
    case 'nat64-not-simulated':
      return `vpcsim simulates NAT64 for TCP and UDP; ${trafficText(s.traffic)} through ${s.natGateway} is not simulated`;
  }
}

function natGatewayFix(s: NatGatewayStep): string {
  switch (s.action) {
    case 'no-inbound':
      return s.origin === 'internet'
        ? 'to accept connections from the internet, give the destination a public IP in a public subnet, or put a load balancer in front of it'
        : 'connect to the instance behind the NAT gateway instead; a NAT gateway only translates connections opened from its side';
    case 'source-outside-vpc':
      return 'give the source VPC its own NAT gateway (NAT gateways cannot be used across peering or VPN connections)';
    case 'reply-translated': {
      const w = s.sender;
      return `route replies back the way the connection came in${w ? ` (in ${w.routeTable}, the route table of ${w.subnet}, route ${s.address} the way it came in, not to ${s.natGateway})` : ''}`;
    }
    case 'unsupported-protocol':
      return 'use TCP, UDP or ICMP, or a NAT instance';
    case 'outside-nat64-prefix':
      return `route other IPv6 traffic to an egress-only internet gateway (or an internet gateway); use ${s.prefix} → the NAT gateway only for NAT64`;
    case 'nat64-not-simulated':
      return 'trace TCP or UDP';
  }
}

function natGatewayRouteText(s: NatGatewayRouteStep): string {
  if (s.action === 'nat-gateway-loop')
    return `routing loop: NAT gateway ${s.natGateway} is in ${s.subnet}, whose route table ${s.routeTable} routes ${s.destination} back to ${s.natGateway}, so its own translated traffic returns to it`;
  return `public NAT gateway ${s.natGateway} is in ${s.subnet}, whose route table ${s.routeTable} has no route for ${s.address} (a public NAT gateway reaches the internet through its subnet's route to an internet gateway)`;
}

function natGatewayRouteFix(s: NatGatewayRouteStep): string {
  if (s.action === 'nat-gateway-loop') {
    const to = s.connectivity === 'public' ? (s.internetGateway ?? 'an internet gateway') : 'the destination (a transit or virtual private gateway)';
    return `move ${s.natGateway} to a subnet whose route table has a route to ${to}, or give ${s.subnet} such a route table`;
  }
  return `add 0.0.0.0/0 → ${s.internetGateway ?? '<internet gateway>'} to ${s.routeTable}${s.internetGateway ? '' : ` and attach an internet gateway to ${s.vpc}`}`;
}

function gatewayDropText(s: GatewayDropStep): string {
  switch (s.action) {
    case 'no-public-ip':
      return `${s.source} has no public IPv4 address, so ${s.gateway} cannot translate it`;
    case 'source-outside-vpc':
      return s.ipv6
        ? `${s.address} is not an interface of ${s.vpc}`
        : `${s.address} is not an interface of ${s.vpc}; ${s.gateway} forwards only its own VPC's traffic`;
    case 'private-destination':
      return `${s.gateway} drops traffic to private address ${s.address}`;
    case 'private-source':
      return `${s.gateway} drops inbound traffic from private address ${s.address}`;
    case 'nat64-untranslated':
      return `${s.address} is in the NAT64 prefix 64:ff9b::/96 (it stands for the IPv4 host ${s.ipv4}), but it leaves ${s.gateway} untranslated: no NAT gateway translates it, so it does not reach ${s.ipv4} (AWS does not document a translation anywhere else)`;
    case 'no-inbound':
      return `${s.gateway} is egress-only: the internet cannot start connections to ${s.address}`;
    case 'edge-to-edge':
      return `traffic that entered ${s.vpc} from outside cannot leave through ${s.gateway}`;
    case 'reply-not-tracked':
      return `the reply would leave through ${s.gateway}, but the connection came in through ${s.internetGateway ?? 'the internet'}: an egress-only gateway lets only connections started from inside come back (AWS does not document the asymmetric case; vpcsim assumes the stateful gateway drops it)`;
  }
}

/** A private NAT gateway has no Elastic IP: the internet gateway drops its traffic. */
const privateNatFix = (natGateway: string): string =>
  `${natGateway} is a private NAT gateway, which cannot reach the internet: use a public NAT gateway, or route this traffic to a transit or virtual private gateway`;

function gatewayDropFix(s: GatewayDropStep): string | undefined {
  switch (s.action) {
    case 'no-public-ip':
      return s.natGateway ? privateNatFix(s.source) : `give ${s.source} a public IP or Elastic IP, or route its internet traffic through a NAT gateway`;
    case 'source-outside-vpc':
      if (s.ipv6) return undefined;
      return s.natGateway !== undefined
        ? privateNatFix(s.natGateway)
        : 'traffic from outside this VPC cannot use its internet gateway (no edge-to-edge routing)';
    case 'private-destination':
      return `route ${s.address} through peering, a transit gateway or a VPN instead of the internet gateway`;
    case 'private-source':
      return `reach ${s.destination} from a public address, or connect the private network through a VPN, peering or a transit gateway`;
    case 'nat64-untranslated':
      return `route 64:ff9b::/96 to a public NAT gateway in the route table of the sender's subnet`;
    case 'no-inbound':
      return `attach an internet gateway to ${s.vpc} and route ::/0 to it from ${s.subnet} if ${s.owner} must accept connections`;
    case 'edge-to-edge':
      return undefined;
    case 'reply-not-tracked':
      return `route ::/0 from this subnet to ${s.internetGateway ?? 'an internet gateway'} if it must accept IPv6 connections from the internet`;
  }
}

/** The sentence for a gateway or interface step. */
export function gatewaysStepText(s: GatewaysStep): string {
  switch (s.type) {
    case 'vpc':
      return s.action === 'unassigned-address'
        ? `no interface in ${s.vpc} has address ${s.address}`
        : `${s.vpc} has no internet gateway${s.ipv6 ? '' : `, so ${s.address} is unreachable from the internet`}`;
    case 'deliver':
      return `${s.address} here is ${s.target} in ${s.vpc}, not the host ${s.reply ? 'that opened the connection' : 'asked for'}: the ${s.reply ? 'reply' : 'packet'} ends at the wrong host`;
    case 'network-interface':
      return s.action === 'forward'
        ? 'forwards (source/destination check off)'
        : `${s.owner} is a route target but has source/destination check enabled, so it drops traffic not addressed to it`;
    case 'nat-gateway':
      return natGatewayText(s);
    case 'route':
      return natGatewayRouteText(s);
    default:
      return gatewayDropText(s);
  }
}

/** The suggested change for a gateway or interface step that rejected; undefined for the others. */
export function gatewaysStepFix(s: GatewaysStep): string | undefined {
  switch (s.type) {
    case 'vpc':
      return s.action === 'unassigned-address'
        ? `check the destination address; ${s.address} is inside ${s.vpc} but unassigned`
        : `attach an internet gateway to ${s.vpc}`;
    case 'deliver':
      return undefined;
    case 'network-interface':
      return s.action === 'forward' ? undefined : `set sourceDestCheck: false on ${s.owner}`;
    case 'nat-gateway':
      return natGatewayFix(s);
    case 'route':
      return natGatewayRouteFix(s);
    default:
      return gatewayDropFix(s);
  }
}
