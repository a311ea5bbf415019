// What a component did with the packet, as data (after Batfish's Step detail): ids, numbers and addresses, no words.
// src/render/trace-detail.ts writes each one as the hop's `detail` text; docs/trace-json.md documents the fields.

/** The traffic a filter judged: the protocol number, and the port or ICMP type and code when the protocol has them. */
export interface Traffic {
  protocol: number;
  port?: number;
  icmpType?: number;
  icmpCode?: number;
}

/** A security group rule admitted the packet, connection tracking let a reply through, or no rule admitted it. */
export type SecurityGroupStep =
  | { type: 'security-group'; by: 'rule'; group: string; direction: 'inbound' | 'outbound'; traffic: Traffic; peer: string }
  // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/security-group-connection-tracking.html — replies of a tracked flow pass
  | { type: 'security-group'; by: 'connection-tracking'; groups: string[]; direction: 'inbound' | 'outbound' }
  // no rule of the interface's groups admitted the packet (the hop that rejects): security groups have allow rules only
  // (https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html); `owner` is the instance or interface
  | { type: 'security-group'; by: 'no-rule'; groups: string[]; owner: string; direction: 'inbound' | 'outbound'; traffic: Traffic; peer: string };

/**
 * A network ACL rule allowed the packet, or denied it (the hop that rejects, `action: "deny"`): rule `ruleNumber`, or
 * when absent the implicit `*` rule; `reply` when the packet is the reply of an allowed flow
 * (https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html).
 */
export type NetworkAclStep =
  | { type: 'network-acl'; acl: string; direction: 'inbound' | 'outbound'; ruleNumber: number; traffic: Traffic; peer: string }
  | {
      type: 'network-acl';
      action: 'deny';
      acl: string;
      direction: 'inbound' | 'outbound';
      ruleNumber?: number;
      traffic: Traffic;
      peer: string;
      reply: boolean;
    };

/**
 * A VPC route table chose the route for the destination (https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html),
 * or stopped the packet (the hop that rejects): no route for the destination (`action: "no-route"`), or the route chosen
 * is a blackhole (`action: "blackhole"`).
 */
export type RouteStep =
  | {
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
  | { type: 'route'; action: 'blackhole'; routeTable: string; address: string; destination: string; prefixList?: string; target: string }
  | {
      type: 'route';
      action: 'no-route';
      routeTable: string;
      address: string;
      /** the subnet the packet left by; `mainOf`: the table is its VPC's main route table, used by the subnet implicitly */
      subnet: string;
      mainOf?: string;
      /** the subnet has no route table of its own (it uses the main one) */
      implicit: boolean;
      /** what would add the route: a gateway endpoint of the VPC for the destination's service, or a peering connection to the VPC that holds it */
      missing?:
        | { by: 'gateway-endpoint'; endpoint: string; service: string; vpc: string }
        | { by: 'peering'; connection: string; peerVpc: string; cidr: string };
    };

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

/**
 * A Network Firewall endpoint took the packet, or one of the firewall's engines passed it: the stateless engine first,
 * then the stateful one (https://docs.aws.amazon.com/network-firewall/latest/developerguide/firewall-rules-engines.html).
 * `rule` is the rule's label as the topology names it.
 */
export type NetworkFirewallStep =
  | { type: 'network-firewall-endpoint'; endpoint: string; firewall: string; zone: string; policy: string }
  | { type: 'network-firewall'; engine: 'stateless'; by: 'rule'; action: 'pass' | 'forward'; ruleGroup: string; rule: string }
  | { type: 'network-firewall'; engine: 'stateless'; by: 'default'; action: 'pass' | 'forward'; policy: string }
  | { type: 'network-firewall'; engine: 'stateful'; by: 'connection-tracking' }
  // rule groups vpcsim does not evaluate, each with why: the verdict assumes they pass
  | { type: 'network-firewall'; engine: 'stateful'; by: 'not-evaluated'; ruleGroups: { ruleGroup: string; why: string }[] }
  | { type: 'network-firewall'; engine: 'stateful'; by: 'rule'; action: 'alert' | 'pass'; ruleGroup: string; rule: string }
  // no stateful rule matched: default rule order passes; strict order passes when the policy has no drop default action
  | { type: 'network-firewall'; engine: 'stateful'; by: 'default'; ruleOrder: 'default' | 'strict'; policy: string }
  // dropped (the hop that rejects): a stateless rule or default action, a stateful drop or reject rule, or strict order's
  // drop default action; `traffic` from `source` to `destination` as the firewall saw it
  | ({ type: 'network-firewall'; engine: 'stateless'; action: 'drop' } & ({ by: 'rule'; ruleGroup: string; rule: string } | { by: 'default'; policy: string }) &
      Dropped)
  | ({ type: 'network-firewall'; engine: 'stateful'; by: 'rule'; action: 'drop' | 'reject'; ruleGroup: string; rule: string } & Dropped)
  | ({ type: 'network-firewall'; engine: 'stateful'; by: 'default-drop'; policy: string; defaultAction: 'aws:drop_strict' | 'aws:drop_established' } & Dropped);

/** The packet a filter dropped: its traffic, source and destination. */
export interface Dropped {
  traffic: Traffic;
  source: string;
  destination: string;
}

/**
 * A Gateway Load Balancer endpoint, the load balancer and the appliance it chose
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/introduction.html). The appliance's `by`: `no-action`
 * (none declared: vpcsim assumes it returns the packet), `connection-tracking` (the reply of a flow it allowed),
 * `allow-all`, `rule` (the label of the rule that allowed) or `default` (its default action allowed).
 */
export type GatewayLoadBalancerStep =
  | { type: 'gwlb-endpoint'; endpoint: string; gatewayLoadBalancer: string; direction: 'ingress'; zone: string }
  | { type: 'gwlb-endpoint'; endpoint: string; gatewayLoadBalancer: string; direction: 'egress'; subnet: string }
  | { type: 'gateway-load-balancer'; gatewayLoadBalancer: string; appliance: string; zone: string; healthy: string[] }
  | {
      type: 'appliance';
      appliance: string;
      gatewayLoadBalancer: string;
      by: 'no-action' | 'connection-tracking' | 'allow-all' | 'rule' | 'default';
      rule?: string;
    }
  // the appliance's action dropped the packet (the hop that rejects): a rule of `owner`'s action, or its default
  | ({ type: 'appliance'; appliance: string; gatewayLoadBalancer: string; action: 'drop'; owner: string; by: 'rule' | 'default'; rule?: string } & Dropped);

/** A gateway route table (edge association) routed traffic entering through its gateway (https://docs.aws.amazon.com/vpc/latest/userguide/gateway-route-tables.html). */
export interface GatewayRouteStep {
  type: 'gateway-route';
  routeTable: string;
  gateway: string;
  address: string;
  destination: string;
  target: string;
}

/** How a virtual private gateway learned a route toward on-premises. */
export interface LearnedRouteStep {
  prefix: string;
  by: 'direct-connect-bgp' | 'vpn-static' | 'vpn-bgp';
  link: string;
}

/**
 * A virtual private gateway chose the link toward on-premises: longest prefix, then Direct Connect BGP, VPN static, VPN
 * BGP (https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html). `preferredOver` lists the other
 * routes and why each lost.
 */
export interface VpnGatewayRouteStep {
  type: 'vpn-gateway-route';
  gateway: string;
  chosen: LearnedRouteStep;
  preferredOver: (LearnedRouteStep & { why: 'shorter-prefix' | 'written-later' | 'lower-priority' })[];
}

/**
 * AWS Direct Connect: a virtual interface carried the packet from or to on-premises, or a Direct Connect gateway passed
 * it on (https://docs.aws.amazon.com/directconnect/latest/UserGuide/direct-connect-gateways-intro.html).
 */
export type DirectConnectStep =
  | { type: 'virtual-interface'; virtualInterface: string; action: 'from-on-premises'; interfaceType: 'private' | 'transit' }
  | { type: 'virtual-interface'; virtualInterface: string; action: 'to-on-premises'; onPremisesCidrs: string[] }
  // to a virtual interface: from a virtual private gateway, or by the on-premises prefix a transit virtual interface learned
  | { type: 'direct-connect-gateway'; gateway: string; to: 'virtual-interface'; virtualInterface: string; vpnGateway?: string; prefix?: string }
  | { type: 'direct-connect-gateway'; gateway: string; to: 'vpn-gateway'; vpnGateway: string; advertised: string[] }
  | { type: 'direct-connect-gateway'; gateway: string; to: 'transit-gateway'; transitGateway: string; attachment: string; allowedPrefixes: string[] };

/**
 * A transit gateway attachment carried the packet into or out of its transit gateway
 * (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html, https://docs.aws.amazon.com/vpc/latest/tgw/tgw-peering.html).
 */
export type TransitGatewayAttachmentStep =
  | { type: 'tgw-attachment'; attachment: string; action: 'from-vpc'; transitGateway: string; vpc: string; zone: string; subnet: string }
  | { type: 'tgw-attachment'; attachment: string; action: 'reply-in'; transitGateway: string }
  | { type: 'tgw-attachment'; attachment: string; action: 'from-peer'; transitGateway: string; peerTransitGateway: string }
  | { type: 'tgw-attachment'; attachment: string; action: 'to-peer'; peerTransitGateway: string }
  // the peer is outside the topology (or, `peerInTopology`, in it without a peering attachment back): the packet leaves
  | { type: 'tgw-attachment'; attachment: string; action: 'leave-to-peer'; transitGateway: string; peerTransitGateway?: string; peerInTopology: boolean }
  | { type: 'tgw-attachment'; attachment: string; action: 'to-vpn'; vpnConnection: string }
  | { type: 'tgw-attachment'; attachment: string; action: 'to-direct-connect'; directConnectGateway: string }
  // into a VPC through the attachment's interface in `zone`; `applianceMode`: the flow keeps the zone (`reply-kept`: the
  // reply uses the request's); `zoneFromDestination`: the traffic had no source zone and vpcsim used the destination's
  | {
      type: 'tgw-attachment';
      attachment: string;
      action: 'to-vpc';
      vpc: string;
      subnet: string;
      zone: string;
      applianceMode?: 'flow' | 'reply-kept';
      zoneFromDestination: boolean;
    };

/**
 * A load balancer node forwarded the packet to a target, ran a health check, or carried a reply back to the client
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html).
 */
export type LoadBalancerStep =
  | {
      type: 'load-balancer';
      action: 'health-check';
      /** the target group (or Classic load balancer) the check is configured on */
      of: string;
      protocol: string;
      port: number | 'traffic-port';
      node: string;
      source: string;
      target: string;
      address: string;
      targetPort: number;
    }
  | {
      type: 'load-balancer';
      action: 'forward';
      listener: string;
      listenerProtocol: string;
      listenerPort: number;
      targetGroup?: string;
      instancePort?: number;
      node: string;
      protocol: number;
      source: string;
      target: string;
      address: string;
      targetPort: number;
      clientIpPreserved: boolean;
      /** every target fails its health check from this node: the load balancer routes to all of them */
      failOpen: boolean;
    }
  | { type: 'load-balancer'; action: 'reply'; node: string; client: string };

export type StepDetail =
  | SecurityGroupStep
  | NetworkAclStep
  | RouteStep
  | TransitGatewayRouteStep
  | DeliverStep
  | NatStep
  | import('./steps-gateways.js').GatewaysStep
  | InternetGatewayStep
  | InternetStep
  | LinkLocalStep
  | VpnStep
  | PeeringStep
  | GatewayEndpointStep
  | TransitGatewayStep
  | NetworkFirewallStep
  | GatewayLoadBalancerStep
  | GatewayRouteStep
  | VpnGatewayRouteStep
  | DirectConnectStep
  | TransitGatewayAttachmentStep
  | LoadBalancerStep
  | import('./steps-links.js').LinksStep
  | import('./steps-edges.js').EdgeStep;
