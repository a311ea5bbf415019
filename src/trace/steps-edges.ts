// What stopped a packet at the edges of the walk, as data: an inspection endpoint or Gateway Load Balancer that cannot
// take it, a load balancer that refuses it, a flow that cannot start, and a packet carried somewhere other than asked.
// src/render/trace-detail-edges.ts writes their words; docs/trace-json.md documents the fields.

/** A VPC endpoint that cannot take the packet, or cannot send it. */
export type VpcEndpointStep =
  // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — BAD_STATE: the endpoint has no network
  // interface (subnet), or a Gateway Load Balancer endpoint has no load balancer behind it
  | { type: 'vpc-endpoint'; endpoint: string; action: 'no-interface' | 'no-gateway-load-balancer' }
  // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — VPCE_INTRA_VPC_TRAFFIC: an endpoint does not
  // initiate connections; `from` is the source as the flow named it
  | { type: 'vpc-endpoint'; endpoint: string; action: 'no-initiate'; from: string };

/**
 * An inspection endpoint saw one direction of a flow only (https://docs.aws.amazon.com/network-firewall/latest/developerguide/asymmetric-routing.html:
 * "the traffic must be routed to the Network Firewall endpoint in both directions"): the reply reached an endpoint the
 * request did not pass (`requestEndpoint`: the request passed another endpoint of the firewall, in `requestZone`), or the
 * reply did not pass the endpoint the request passed (`action: "reply-bypassed"`).
 */
export type AsymmetricStep =
  | {
      type: 'network-firewall-endpoint';
      action: 'asymmetric';
      endpoint: string;
      firewall: string;
      zone: string;
      requestEndpoint?: string;
      requestZone?: string;
    }
  | { type: 'network-firewall-endpoint'; action: 'reply-bypassed'; endpoint: string; firewall: string }
  | { type: 'gwlb-endpoint'; action: 'reply-bypassed'; endpoint: string; gatewayLoadBalancer: string };

/**
 * A Gateway Load Balancer with no node in the endpoint's zone
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/gateway-load-balancers.html#availability-zones), or no
 * registered or healthy appliance to send the packet to
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/target-groups.html); `crossZone`: cross-zone load
 * balancing is on, so the appliances of every zone count.
 */
export type GatewayLoadBalancerRejectStep =
  | { type: 'gateway-load-balancer'; action: 'no-node-in-zone'; gatewayLoadBalancer: string; endpoint: string; zone: string }
  | { type: 'gateway-load-balancer'; action: 'no-registered-target'; gatewayLoadBalancer: string; zone: string; crossZone: boolean }
  | { type: 'gateway-load-balancer'; action: 'no-healthy-target'; gatewayLoadBalancer: string; zone: string; crossZone: boolean; appliances: string[] };

/** A listener as its step names it. */
export interface ListenerRef {
  protocol: string;
  port: number;
}

/** The listener a load balancer refusal is about. */
export interface ListenerOf {
  listener: string;
  listenerProtocol: string;
  listenerPort: number;
  /** the listener's target group; absent: a Classic load balancer's instances */
  targetGroup?: string;
}

/** A load balancer refused the connection, or would not send it to the target. */
export type LoadBalancerRejectStep =
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html — connections only on
  // a listener's port: none on `port` for `protocol` (absent `port`: listeners take TCP or UDP, not `protocol`); `albTargetOf`:
  // the load balancer is the alb target of that network load balancer, which sends to `port`
  | {
      type: 'load-balancer';
      action: 'no-listener';
      loadBalancer: string;
      protocol: number;
      port?: number;
      listeners: ListenerRef[];
      albTargetOf?: string;
    }
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-register-targets.html — a listener sends only to registered targets: it has none
  | ({ type: 'load-balancer'; action: 'no-targets'; loadBalancer: string } & ListenerOf)
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-register-targets.html — only registered targets get traffic
  | ({ type: 'load-balancer'; action: 'target-not-registered'; loadBalancer: string; target: string } & ListenerOf)
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-register-targets.html — targets in a
  // zone the load balancer is not enabled in receive no traffic; `zones`: the zones of its subnets
  | { type: 'load-balancer'; action: 'zone-not-enabled'; loadBalancer: string; target: string; zone: string; zones: string[] }
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html#cross-zone-load-balancing
  | { type: 'load-balancer'; action: 'cross-zone-disabled'; loadBalancer: string; node: string; nodeZone: string; target: string; zone: string }
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html — routes only to
  // healthy targets: `target` fails the check from `node` on `port` (blocked by `blockedBy`, `blockedReason`) while others pass
  | {
      type: 'load-balancer';
      action: 'target-unhealthy';
      loadBalancer: string;
      node: string;
      target: string;
      port: number;
      blockedBy: string;
      blockedReason: string;
      targetGroup?: string;
    }
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-troubleshooting.html#loopback-timeout —
  // with client IP preservation, a target that is its own client gets a packet from its own `address`
  | { type: 'load-balancer'; action: 'loopback'; loadBalancer: string; target: string; address: string; targetGroup?: string };

/** The trace could not start, or its reply found no owner: an address the internet or the host cannot deliver to. */
export type UnreachableStep =
  // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS: the
  // internet reaches an instance only at its public address; `gateway` absent: the VPC has no internet gateway
  | {
      type: 'internet-gateway';
      action: 'private-address';
      gateway?: string;
      vpc: string;
      /** the destination as the flow named it, and the interface's owner */
      target: string;
      owner: string;
      address: string;
      publicIp?: string;
    }
  // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Security.html — link-local traffic stays on the host: no service answers at `address`
  | { type: 'link-local'; action: 'no-service'; address: string }
  // the reply from the internet is addressed to a public address no interface of the topology owns
  | { type: 'internet'; action: 'no-owner'; address: string };

/** Where a walk that was carried elsewhere left the packet (src/trace/identity.ts). */
export type Reached =
  /** delivered to, or (`arrived`) stopped at, `target`, which holds `address` in `vpc` */
  | { type: 'delivered' | 'arrived'; target: string; address: string; vpc: string }
  | { type: 'internet'; vpc: string; gateway: string }
  /** over a VPN connection, a transit gateway attachment (`via`: its VPN connection, Direct Connect gateway or itself), or Direct Connect */
  | { type: 'on-premises'; via: string }
  | { type: 'direct-connect'; virtualInterface: string }
  | { type: 'service'; service: string; endpoint: string }
  | { type: 'peer-tgw'; peerTransitGateway?: string; attachment: string }
  | { type: 'link-local'; service: string };

/**
 * The packet (or, `reply`, the reply) was carried somewhere other than the resource asked for: routing works on
 * addresses alone (https://docs.aws.amazon.com/vpc/latest/peering/peering-configurations-partial-access.html), and AWS
 * does not check the reverse path (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html: "Unicast
 * reverse path forwarding in VPC peering connections is not supported"). Kept on the hop it blames.
 */
export interface Misdirection {
  reply: boolean;
  /** the destination address the routes followed */
  address: string;
  /** the resource that should have received it: as the flow named it, its owner and VPC; `dnsOf`: the Amazon DNS address of `vpc` */
  expected: { input: string; owner?: string; vpc?: string; dnsOf?: boolean };
  reached: Reached;
  /** the blamed hop is the route table that chose the way (absent or false: no route table on the path, the last hop is blamed) */
  routed?: boolean;
}

export type EdgeStep = VpcEndpointStep | AsymmetricStep | GatewayLoadBalancerRejectStep | LoadBalancerRejectStep | UnreachableStep;
