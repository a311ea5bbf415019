// The bound topology: every reference is an object, every CIDR a Prefix, every rule list pre-sorted.
// Built once by bind(); read-only afterwards. Names follow AWS. The VPC network's types live in network-model.ts,
// each component's in its own module (load balancers, inspection, Direct Connect); this module gathers them into
// the Topology and imports each of them, none of which imports it.
import type { Addr, Prefix } from '../net/ip.js';
import type { SourceFile } from '../load/source.js';
import type {
  EgressOnlyInternetGateway,
  Instance,
  InternetGateway,
  NatGateway,
  NetworkAcl,
  NetworkInterface,
  PeeringConnection,
  PrefixList,
  RouteTable,
  SecurityGroup,
  Subnet,
  TransitGateway,
  TransitGatewayAttachment,
  TransitGatewayRouteTable,
  Vpc,
  VpcEndpoint,
  VpnConnection,
  VpnGateway,
} from './network-model.js';

export type * from './network-model.js';

export type Resource =
  | Vpc
  | Subnet
  | InternetGateway
  | EgressOnlyInternetGateway
  | NatGateway
  | VpnGateway
  | VpnConnection
  | PeeringConnection
  | RouteTable
  | VpcEndpoint
  | NetworkAcl
  | SecurityGroup
  | NetworkInterface
  | Instance
  | TransitGateway
  | TransitGatewayAttachment
  | TransitGatewayRouteTable
  | PrefixList
  | LoadBalancer
  | Listener
  | TargetGroup
  | GatewayLoadBalancer
  | NetworkFirewall
  | FirewallPolicy
  | FirewallRuleGroup
  | DirectConnectGateway
  | VirtualInterface;

export type ResourceKind = Resource['kind'];

export interface Topology {
  readonly name: string;
  readonly account: string;
  readonly region: string;
  readonly file: string;
  readonly source: SourceFile;
  readonly byId: Map<string, Resource>;
  readonly vpcs: Vpc[];
  readonly subnets: Subnet[];
  readonly internetGateways: InternetGateway[];
  readonly egressOnlyInternetGateways: EgressOnlyInternetGateway[];
  readonly natGateways: NatGateway[];
  readonly vpnGateways: VpnGateway[];
  readonly vpnConnections: VpnConnection[];
  readonly peeringConnections: PeeringConnection[];
  readonly routeTables: RouteTable[];
  readonly vpcEndpoints: VpcEndpoint[];
  readonly networkAcls: NetworkAcl[];
  readonly securityGroups: SecurityGroup[];
  readonly instances: Instance[];
  /** every interface: explicit ones, instances' primaries, NAT gateways', endpoints', attachments' */
  readonly interfaces: NetworkInterface[];
  readonly transitGateways: TransitGateway[];
  readonly tgwAttachments: TransitGatewayAttachment[];
  readonly tgwRouteTables: TransitGatewayRouteTable[];
  readonly prefixLists: PrefixList[];
  /** Elastic Load Balancing (src/bind/load-balancers.ts) */
  readonly loadBalancers: LoadBalancer[];
  readonly listeners: Listener[];
  readonly targetGroups: TargetGroup[];
  /** inspection (src/bind/inspection.ts); absent in topologies built before it */
  readonly gatewayLoadBalancers?: GatewayLoadBalancer[];
  readonly networkFirewalls?: NetworkFirewall[];
  readonly firewallPolicies?: FirewallPolicy[];
  readonly firewallRuleGroups?: FirewallRuleGroup[];
  /** AWS Direct Connect (src/bind/direct-connect.ts) */
  readonly directConnectGateways: DirectConnectGateway[];
  readonly virtualInterfaces: VirtualInterface[];
  /** private IPv4 (number) and IPv6 (bigint) address → interface */
  readonly interfaceByIp: Map<Addr, NetworkInterface>;
  /** public IPv4 → the interface it maps to (instances' and NAT gateways') */
  readonly interfaceByPublicIp: Map<number, NetworkInterface>;
  /** private IPv4/IPv6 address → interface, per VPC (VPCs that are not connected may overlap); the first bound wins */
  readonly vpcAddr: Map<Vpc, Map<Addr, NetworkInterface>>;
  /** every private address of a group's members, for rules that reference the group */
  readonly sgMembers: Map<SecurityGroup, Set<Addr>>;
  /** IPv6 address → interface across VPCs, for traffic arriving from the internet (IPv6 needs no translation) */
  readonly ipv6Owner: Map<bigint, NetworkInterface>;
  /** the published ranges of AWS services shipped with vpcsim for the topology's region, per service (s3, dynamodb) */
  readonly serviceRanges: ReadonlyMap<string, Prefix[]>;
  /** the `assertions` list as written (check/assertions.ts validates each; positions are ['assertions', i]) */
  readonly assertions: unknown[];
  /** the `assertions` that are mappings, in order, with positions and their subnet:/sg: sides resolved (bind/assertions.ts) */
  readonly boundAssertions: BoundAssertion[];
  /** what later stages derive from this topology on first use, kept here so that it lives and dies with it */
  readonly derived: TopologyDerived;
}

/** A `subnet:ID` / `sg:ID` side of an assertion: its interfaces, or why the id names no subnet or group. */
export type BoundMembers = { interfaces: NetworkInterface[] } | { error: string };

export interface BoundAssertion {
  /** the assertion as written (check/assertions.ts validates its fields) */
  raw: object;
  line: number;
  col: number;
  /** set when the side is written `subnet:ID` or `sg:ID` */
  from?: BoundMembers;
  to?: BoundMembers;
}

/**
 * The slots of Topology.derived. The binder leaves them empty; each analysis stage declares its own slot by module
 * augmentation (the tracer's compiled form in src/trace/compiled-topology.ts), so the model names no stage above it.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by module augmentation in the stages that own each slot
export interface TopologyDerived {}

/** The address lookups the tracer uses, built by the binder. */
export type TraceIndex = Pick<Topology, 'vpcAddr' | 'sgMembers' | 'ipv6Owner' | 'derived'>;

export type { LoadBalancer, LoadBalancerNode, Listener, TargetGroup, Target, HealthCheck } from './load-balancer-model.js';
import type { LoadBalancer, Listener, TargetGroup } from './load-balancer-model.js';
export type {
  GatewayLoadBalancer,
  NetworkFirewall,
  FirewallPolicy,
  FirewallRuleGroup,
  GwlbAppliance,
  ApplianceAction,
  FiveTupleRule,
} from './inspection-model.js';
import type { GatewayLoadBalancer, NetworkFirewall, FirewallPolicy, FirewallRuleGroup } from './inspection-model.js';
export type { DirectConnectGateway, DirectConnectAssociation, VirtualInterface } from './direct-connect-model.js';
import type { DirectConnectGateway, VirtualInterface } from './direct-connect-model.js';

/** The address that names an interface: its private IPv4, or its first IPv6 address in an IPv6-only subnet. */
export function primaryAddress(e: NetworkInterface): Addr {
  return e.privateIp ?? e.ipv6Addresses[0]!;
}
