// The hops at the VPC's edges and interfaces, as data (src/trace/steps.ts has the others): delivery to an address,
// an interface that forwards, the NAT gateway, the internet gateway and the egress-only internet gateway. Most are the
// hop that rejects; src/render/trace-detail-gateways.ts writes their detail and fix; docs/trace-json.md documents them.

/** Where a packet came into the VPC from (the walk's origin). */
export type Entry = 'vpc' | 'internet' | 'peering' | 'vpn' | 'direct-connect' | 'tgw' | 'service';

/** The VPC has no interface with the address, or no internet gateway for traffic from the internet. */
export type VpcStep =
  // https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html — the local route delivers within the VPC; nothing holds `address`
  | { type: 'vpc'; action: 'unassigned-address'; vpc: string; address: string }
  // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html — the internet reaches a VPC only through its internet gateway
  | { type: 'vpc'; action: 'no-internet-gateway'; vpc: string; address: string; ipv6: boolean };

/** Delivery to a host with the destination address that is not the one asked for (destination identity). */
export type WrongHostStep =
  // https://docs.aws.amazon.com/vpc/latest/peering/peering-configurations-partial-access.html — overlapping CIDRs: the route decides which host gets the address
  { type: 'deliver'; action: 'wrong-host'; target: string; address: string; vpc: string; reply: boolean };

/** An instance or interface used as a route target: forwards (source/destination check off), or drops. */
export type NetworkInterfaceStep =
  // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_NAT_Instance.html#EIP_Disable_SrcDestCheck — forwarding needs the check disabled
  | { type: 'network-interface'; action: 'forward'; interface: string; owner: string }
  | { type: 'network-interface'; action: 'source-dest-check'; interface: string; owner: string };

/** A NAT gateway stopped the packet (the hop that rejects). */
export type NatGatewayStep =
  // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html — external services cannot initiate a connection through it
  | { type: 'nat-gateway'; action: 'no-inbound'; natGateway: string; connectivity: 'public' | 'private'; vpc: string; origin: Entry }
  // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html — serves its own VPC's sources, not across peering, VPN or Direct Connect
  | { type: 'nat-gateway'; action: 'source-outside-vpc'; natGateway: string; vpc: string; origin: 'peering' | 'vpn' | 'direct-connect' | 'internet' }
  // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html — a reply sent through a NAT gateway leaves from its address, not the one the client used
  | {
      type: 'nat-gateway';
      action: 'reply-translated';
      natGateway: string;
      address: string;
      /** the subnet of the reply's sender and its route table, when the sender is in the NAT gateway's VPC */
      sender?: { subnet: string; routeTable: string };
    }
  // https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-basics.html — "A NAT gateway supports the following protocols: TCP, UDP, and ICMP"
  | { type: 'nat-gateway'; action: 'unsupported-protocol'; natGateway: string; protocol: number }
  // https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-nat64-dns64.html — NAT64 translates destinations in 64:ff9b::/96 only
  | { type: 'nat-gateway'; action: 'outside-nat64-prefix'; natGateway: string; address: string; prefix: string }
  // https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-nat64-dns64.html — vpcsim simulates NAT64 for TCP and UDP only
  | {
      type: 'nat-gateway';
      action: 'nat64-not-simulated';
      natGateway: string;
      traffic: { protocol: number; port?: number; icmpType?: number; icmpCode?: number };
    };

/** The NAT gateway's own subnet route table stopped its translated packet (the hop that rejects). */
export type NatGatewayRouteStep =
  // https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-scenarios.html — the NAT gateway's subnet routes internet traffic to the internet gateway, not back to it
  | {
      type: 'route';
      action: 'nat-gateway-loop';
      routeTable: string;
      natGateway: string;
      subnet: string;
      destination: string;
      connectivity: 'public' | 'private';
      internetGateway?: string;
    }
  // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html — a public NAT gateway reaches the internet by its subnet's route to an internet gateway
  | {
      type: 'route';
      action: 'nat-gateway-no-route';
      routeTable: string;
      natGateway: string;
      subnet: string;
      address: string;
      vpc: string;
      internetGateway?: string;
    };

/** An internet gateway or egress-only internet gateway dropped the packet (the hop that rejects). */
export type GatewayDropStep =
  // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS; `natGateway`: the source is a private NAT gateway
  | { type: 'internet-gateway'; action: 'no-public-ip'; gateway: string; direction: 'egress'; source: string; natGateway: boolean }
  // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS: the source is not an interface of the VPC
  | {
      type: 'internet-gateway';
      action: 'source-outside-vpc';
      gateway: string;
      direction: 'egress';
      vpc: string;
      address: string;
      ipv6: boolean;
      natGateway?: string;
    }
  // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS / _RFC6598_EGRESS
  | { type: 'internet-gateway'; action: 'private-destination'; gateway: string; direction: 'egress'; address: string; range: 'rfc1918' | 'rfc6598' }
  // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS / _RFC6598_INGRESS
  | {
      type: 'internet-gateway';
      action: 'private-source';
      gateway: string;
      direction: 'ingress';
      address: string;
      destination: string;
      range: 'rfc1918' | 'rfc6598';
    }
  // https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-nat64-dns64.html — only a NAT gateway translates 64:ff9b::/96; `ipv4` is the host it stands for
  | {
      type: 'internet-gateway' | 'egress-only-internet-gateway';
      action: 'nat64-untranslated';
      gateway: string;
      direction: 'egress';
      address: string;
      ipv4: string;
    }
  // https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html — prevents the internet from initiating an IPv6 connection
  | {
      type: 'egress-only-internet-gateway';
      action: 'no-inbound';
      gateway: string;
      direction: 'ingress';
      address: string;
      vpc: string;
      subnet: string;
      owner: string;
    }
  // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — no edge-to-edge routing: traffic that entered the VPC from outside
  | { type: 'egress-only-internet-gateway'; action: 'edge-to-edge'; gateway: string; direction: 'egress'; vpc: string; origin: Entry }
  // https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html — only connections started from inside come back; the reply of
  // a connection that came in through `internetGateway` is dropped (vpcsim's assumption: AWS does not document the asymmetric case)
  | { type: 'egress-only-internet-gateway'; action: 'reply-not-tracked'; gateway: string; direction: 'egress'; internetGateway?: string };

export type GatewaysStep = VpcStep | WrongHostStep | NetworkInterfaceStep | NatGatewayStep | NatGatewayRouteStep | GatewayDropStep;

/** The actions the steps above of type `T` have. */
type ActionOf<T> = GatewaysStep extends infer S ? (S extends { type: infer U; action: infer A } ? (T extends U ? A : never) : never) : never;

/** The actions of each step type above, exported for the test that no two step modules claim one (type, action) (a step of one of these types with another action, or none, is not one of these). */
export const ACTIONS: { readonly [T in GatewaysStep['type']]: readonly ActionOf<T>[] } = {
  vpc: ['unassigned-address', 'no-internet-gateway'],
  deliver: ['wrong-host'],
  'network-interface': ['forward', 'source-dest-check'],
  'nat-gateway': ['no-inbound', 'source-outside-vpc', 'reply-translated', 'unsupported-protocol', 'outside-nat64-prefix', 'nat64-not-simulated'],
  route: ['nat-gateway-loop', 'nat-gateway-no-route'],
  'internet-gateway': ['no-public-ip', 'source-outside-vpc', 'private-destination', 'private-source', 'nat64-untranslated'],
  'egress-only-internet-gateway': ['nat64-untranslated', 'no-inbound', 'edge-to-edge', 'reply-not-tracked'],
};

/** Whether a step is one of the gateway and interface steps above. */
export function isGatewaysStep(s: { type: string }): s is GatewaysStep {
  const action = (s as { action?: unknown }).action;
  const actions: readonly string[] | undefined = Object.hasOwn(ACTIONS, s.type) ? ACTIONS[s.type as GatewaysStep['type']] : undefined;
  return typeof action === 'string' && actions?.includes(action) === true;
}
