// The words of a hop: each typed step of the tracer (src/trace/steps.ts) written as the sentence `detail` shows, one
// small function per step type. Hops whose step is not typed yet carry their own `detail` text.
import { hasPorts, isIcmp, PROTO, protocolName } from '../net/protocol.js';
import type {
  AddressPort,
  DeliverStep,
  GatewayEndpointStep,
  Hop,
  InternetGatewayStep,
  InternetStep,
  LinkLocalStep,
  NatStep,
  NetworkAclStep,
  RouteStep,
  SecurityGroupStep,
  StepDetail,
  Traffic,
  TransitGatewayRouteStep,
  VpnStep,
} from '../trace/types.js';

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
  return `${s.direction} ${trafficText(s.traffic)} ${toward(s.direction)} ${s.peer} allowed`;
}

function networkAclText(s: NetworkAclStep): string {
  return `${s.direction} ${trafficText(s.traffic)} ${toward(s.direction)} ${s.peer}: rule ${s.ruleNumber} allows`;
}

function routeText(s: RouteStep): string {
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

/** The sentence for one step. */
export function stepText(s: StepDetail): string {
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
  }
}

/** A hop's detail: its step in words, or the text it carries. */
export function hopDetail(h: Hop): string {
  if (h.detail !== undefined) return h.detail;
  const s = h.step;
  return s ? stepText(s) : '';
}
