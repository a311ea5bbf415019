// What a component did with the packet, as data (after Batfish's Step detail): ids, numbers and addresses, no words.
// src/render/trace-detail.ts writes each one as the hop's `detail` text; docs/trace-json.md documents the fields.

/** The traffic a filter judged: the protocol number, and the port or ICMP type and code when the protocol has them. */
export interface Traffic {
  protocol: number;
  port?: number;
  icmpType?: number;
  icmpCode?: number;
}

/** A security group rule admitted the packet, or connection tracking let a reply through. */
export type SecurityGroupStep =
  | { type: 'security-group'; by: 'rule'; group: string; direction: 'inbound' | 'outbound'; traffic: Traffic; peer: string }
  // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/security-group-connection-tracking.html — replies of a tracked flow pass
  | { type: 'security-group'; by: 'connection-tracking'; groups: string[]; direction: 'inbound' | 'outbound' };

/** A network ACL rule allowed the packet (https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html). */
export interface NetworkAclStep {
  type: 'network-acl';
  acl: string;
  direction: 'inbound' | 'outbound';
  ruleNumber: number;
  traffic: Traffic;
  peer: string;
}

/** A VPC route table chose the route for the destination (https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html). */
export interface RouteStep {
  type: 'route';
  routeTable: string;
  /** the destination address looked up */
  address: string;
  /** the route's destination CIDR (a prefix list's: the range that matched) */
  destination: string;
  prefixList?: string;
  target: string;
  origin: 'local' | 'static' | 'propagated' | 'endpoint';
}

/** A transit gateway route table chose the attachment (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html). */
export interface TransitGatewayRouteStep {
  type: 'transit-gateway-route';
  routeTable: string;
  address: string;
  destination: string;
  attachment: string;
  origin: 'static' | 'propagated';
  /** routes for the same prefix to other attachments, which the route evaluation order puts after this one */
  preferredOver?: { origin: 'static' | 'propagated'; attachmentType: 'vpc' | 'vpn' | 'direct-connect' | 'peering'; attachment: string }[];
}

/** The packet reached the interface that owns the destination address. */
export interface DeliverStep {
  type: 'deliver';
  target: string;
  address: string;
}

/** An address and, when translated too, its port. */
export interface AddressPort {
  address: string;
  port?: number;
}

/**
 * An address translation: an internet gateway's one-to-one public IPv4 mapping
 * (https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html), a NAT gateway's source translation
 * (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html), or the reply's translation back.
 */
export interface NatStep {
  type: 'nat';
  translation: 'public-ip' | 'nat-gateway' | 'nat64' | 'nat-instance' | 'reply';
  /** the header field translated: the source, the destination, or both (NAT64) */
  field: 'source' | 'destination' | 'both';
  translatedFrom: { source?: AddressPort; destination?: AddressPort };
  translatedTo: { source?: AddressPort; destination?: AddressPort };
  /** a public NAT gateway: the Elastic IP the internet gateway then maps the source to (absent: none given) */
  elasticIp?: string;
  connectivity?: 'public' | 'private';
}

/**
 * An internet gateway passed IPv6 without translation, or an egress-only internet gateway passed IPv6 out, or a reply
 * back in (https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html).
 */
export interface InternetGatewayStep {
  type: 'internet-gateway' | 'egress-only-internet-gateway';
  gateway: string;
  direction: 'ingress' | 'egress';
}

/** The internet: the packet leaves the VPC to it, or crosses it to a public address of the topology. */
export type InternetStep =
  | { type: 'internet'; action: 'exit'; vpc: string }
  | { type: 'internet'; action: 'cross'; address: string; owner: string }
  // the packet, or the reply, comes from the internet address `address`
  | { type: 'internet'; action: 'enter'; address: string; reply: boolean };

/** A link-local service on the host answered, or its reply came back (the services and their pages: src/trace/endpoints.ts). */
export type LinkLocalStep = { type: 'link-local'; service: string; address: string; reply: false } | { type: 'link-local'; service: string; reply: true };

/** A VPN connection or virtual private gateway carried the packet (https://docs.aws.amazon.com/vpn/latest/s2svpn/how_it_works.html). */
export type VpnStep =
  | { type: 'vpn-connection'; connection: string; action: 'from-on-premises' }
  | { type: 'vpn-connection'; connection: string; action: 'to-on-premises'; onPremisesCidrs: string[] }
  | { type: 'vpn-gateway'; gateway: string; vpc: string };

/** A peering connection carried the packet from one VPC to the other (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html). */
export interface PeeringStep {
  type: 'peering-connection';
  connection: string;
  fromVpc: string;
  toVpc: string;
}

/** A gateway endpoint took the packet to its service, or brought the reply back (https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html). */
export interface GatewayEndpointStep {
  type: 'gateway-endpoint';
  endpoint: string;
  service: string;
  direction: 'ingress' | 'egress';
}

/** A transit gateway looked up the route table its ingress attachment is associated with (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html). */
export interface TransitGatewayStep {
  type: 'transit-gateway';
  transitGateway: string;
  attachment: string;
  routeTable: string;
}

export type StepDetail =
  | SecurityGroupStep
  | NetworkAclStep
  | RouteStep
  | TransitGatewayRouteStep
  | DeliverStep
  | NatStep
  | InternetGatewayStep
  | InternetStep
  | LinkLocalStep
  | VpnStep
  | PeeringStep
  | GatewayEndpointStep
  | TransitGatewayStep;
