// The hops that stop a packet on the links between networks, as data: virtual private gateways and VPN connections,
// peering connections, transit gateways, gateway endpoints, AWS Direct Connect, and routing loops. Each variant is the
// hop that rejects; src/render/trace-detail-links.ts writes its detail and fix; docs/trace-json.md documents the fields.

/** How the packet entered the VPC it is leaving: an interface of the VPC (`vpc`) or one of its gateways. */
export type EnteredBy = 'vpc' | 'internet' | 'peering' | 'vpn' | 'direct-connect' | 'tgw' | 'service';

/** A virtual private gateway or a VPN connection stopped the packet. */
export type VpnRejectStep =
  // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — VGW_PRIVATE_IP_ASSOCIATION_FOR_EGRESS: only traffic from interfaces of its VPC
  | { type: 'vpn-gateway'; action: 'edge-to-edge'; gateway: string; enteredBy: EnteredBy }
  // https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html — none of its links has a route (static or BGP) for `address`
  | { type: 'vpn-gateway'; action: 'no-route'; gateway: string; address: string }
  // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — BAD_STATE_ATTACHMENT: the gateway is attached to no VPC
  | { type: 'vpn-gateway'; action: 'detached'; gateway: string }
  // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — VGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS
  | { type: 'vpn-gateway'; action: 'not-in-vpc'; gateway: string; vpc: string; address: string; vpcCidrs: string[] }
  // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — BAD_STATE_VPN: the connection ends on a transit gateway without an attachment
  | { type: 'vpn-connection'; action: 'no-attachment'; connection: string };

/** A peering connection stopped the packet (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html). */
export type PeeringRejectStep =
  // traffic flows only over an active connection (explanation-codes.html: BAD_STATE); `status` is the connection's
  | { type: 'peering-connection'; action: 'inactive'; connection: string; status: string }
  // no edge-to-edge routing: the packet entered `vpc` through one of its gateways
  | { type: 'peering-connection'; action: 'edge-to-edge'; connection: string; vpc: string; enteredBy: EnteredBy }
  // no transitive peering: `address` is outside the peer VPC's CIDRs (IPv4 listed)
  | { type: 'peering-connection'; action: 'not-in-peer-vpc'; connection: string; vpc: string; peerVpc: string; address: string; peerCidrs: string[] };

/**
 * The VPC the packet entered (over the peering connection or from the gateway endpoint `through`) has no interface with
 * the destination address: the local route delivers only to the VPC's own interfaces
 * (https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html).
 */
export interface NoInterfaceStep {
  type: 'vpc';
  action: 'no-interface';
  vpc: string;
  address: string;
  enteredBy: 'peering' | 'service';
  through: string;
}

/** A transit gateway, one of its attachments or route tables stopped the packet. */
export type TransitGatewayRejectStep =
  // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html — a VPC reaches a transit gateway through its attachment
  | { type: 'transit-gateway'; action: 'no-attachment'; transitGateway: string; vpc: string }
  // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — TGW_ROUTE_AZ_RESTRICTION: no attachment subnet in `zone`
  | { type: 'tgw-attachment'; action: 'no-subnet-in-zone'; attachment: string; zone: string }
  // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html — IPv6 support disabled: the attachment drops IPv6
  | { type: 'tgw-attachment'; action: 'ipv6-not-supported'; attachment: string; source: string; destination: string }
  // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION
  | { type: 'tgw-attachment'; action: 'no-route-table'; attachment: string; transitGateway: string }
  // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html — a VPC attachment enters the VPC by its subnets; this one has none
  | { type: 'tgw-attachment'; action: 'no-subnet'; attachment: string }
  // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html — no route for `address`, or the route chosen is a blackhole
  | { type: 'transit-gateway-route'; action: 'no-route'; routeTable: string; address: string }
  | { type: 'transit-gateway-route'; action: 'blackhole'; routeTable: string; address: string; destination: string };

/** The traffic a gateway endpoint refused: the protocol number, and the port or ICMP type and code when it has them. */
export interface EndpointTraffic {
  protocol: number;
  port?: number;
  icmpType?: number;
  icmpCode?: number;
}

/** A gateway endpoint stopped the packet (https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html). */
export type GatewayEndpointRejectStep =
  // "Endpoint connections cannot be extended out of a VPC": the packet entered `vpc` through one of its gateways
  | { type: 'gateway-endpoint'; action: 'edge-to-edge'; endpoint: string; service: string; vpc: string; enteredBy: EnteredBy }
  // the same from on-premises, over `links` (a VPN connection, or a virtual interface and its Direct Connect gateway)
  | { type: 'gateway-endpoint'; action: 'from-on-premises'; endpoint: string; service: string; vpc: string; links: string[] }
  // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — VPCE_GATEWAY_PROTOCOL_RESTRICTION: TCP or ICMP echo only
  | { type: 'gateway-endpoint'; action: 'protocol'; endpoint: string; traffic: EndpointTraffic };

/**
 * A Direct Connect gateway stopped the packet
 * (https://docs.aws.amazon.com/directconnect/latest/UserGuide/direct-connect-gateways-intro.html,
 * https://docs.aws.amazon.com/directconnect/latest/UserGuide/allowed-to-prefixes.html).
 */
export type DirectConnectRejectStep =
  // on-premises has no Direct Connect route to `address`: `owner` (the virtual private gateway whose VPC holds it, with
  // that VPC's IPv4 CIDRs) is associated with allowed prefixes narrower than the VPC, or no allowed prefix contains it
  | {
      type: 'direct-connect-gateway';
      action: 'not-advertised';
      gateway: string;
      address: string;
      allowedPrefixes: string[];
      owner?: { vpnGateway: string; vpcCidrs: string[] };
    }
  // a reply toward a transit gateway: its association's allowed prefixes do not contain `address`
  | { type: 'direct-connect-gateway'; action: 'reply-not-advertised'; gateway: string; address: string; transitGateway: string; allowedPrefixes: string[] }
  // `address` is behind no gateway of `interfaceType`'s kind associated with the Direct Connect gateway
  | { type: 'direct-connect-gateway'; action: 'no-gateway'; gateway: string; address: string; interfaceType: 'private' | 'transit' }
  // associated with `transitGateway`, but the topology has no attachment of the two
  | { type: 'direct-connect-gateway'; action: 'no-attachment'; gateway: string; transitGateway: string }
  // no transit virtual interface has an on-premises route for `address`
  | { type: 'direct-connect-gateway'; action: 'no-route'; gateway: string; address: string };

/**
 * A routing loop: route lookups depend on the destination only
 * (https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html), so a route table seeing the same
 * destination again sends it round the same way. `path`: the components met, each once, in order.
 */
export interface RoutingLoopStep {
  type: 'routing-loop';
  routeTable: string;
  path: string[];
}

/** The rejecting steps of this file. */
export type LinksStep =
  | VpnRejectStep
  | PeeringRejectStep
  | NoInterfaceStep
  | TransitGatewayRejectStep
  | GatewayEndpointRejectStep
  | DirectConnectRejectStep
  | RoutingLoopStep;
