// The bound topology: every reference is an object, every CIDR a Prefix, every rule list pre-sorted.
// Built once by bind(); read-only afterwards. Names follow AWS.
import type { Addr, Prefix } from '../net/ip.js';
import type { Path } from '../load/diagnostics.js';
import type { SourceFile } from '../load/source.js';
import type { PrefixTable } from '../net/prefix-table.js';

/** Where a resource or rule is written: a document path, resolved to line/column only on demand. */
export interface Src {
  readonly path: Path;
}

interface Base {
  readonly id: string;
  readonly name?: string;
  readonly src: Src;
}

export interface Vpc extends Base {
  readonly kind: 'vpc';
  readonly cidrs: Prefix[];
  readonly ipv6Cidrs: Prefix[];
  /** set when it differs from the topology's region (the accepter of an inter-region peering) */
  region?: string;
  readonly subnets: Subnet[];
  mainRouteTable: RouteTable;
  defaultNetworkAcl: NetworkAcl;
  defaultSecurityGroup: SecurityGroup;
  internetGateway?: InternetGateway;
  egressOnlyInternetGateway?: EgressOnlyInternetGateway;
  vpnGateway?: VpnGateway;
  readonly peerings: PeeringConnection[];
  readonly tgwAttachments: TransitGatewayAttachment[];
  readonly gatewayEndpoints: VpcEndpoint[];
}

export interface Subnet extends Base {
  readonly kind: 'subnet';
  readonly vpc: Vpc;
  /** absent in an IPv6-only subnet (ipv6Cidr only) */
  readonly cidr?: Prefix;
  readonly ipv6Cidr?: Prefix;
  readonly az: string;
  readonly azId?: string;
  routeTable: RouteTable;
  /** true when the subnet uses the main route table implicitly */
  readonly implicitRouteTable: boolean;
  networkAcl: NetworkAcl;
  readonly interfaces: NetworkInterface[];
}

export interface InternetGateway extends Base {
  readonly kind: 'internet-gateway';
  readonly vpc: Vpc;
  /** the gateway route table (edge association): routes traffic entering through this gateway */
  edgeRouteTable?: RouteTable;
}

export interface EgressOnlyInternetGateway extends Base {
  readonly kind: 'egress-only-internet-gateway';
  readonly vpc: Vpc;
}

export interface NatGateway extends Base {
  readonly kind: 'nat-gateway';
  readonly subnet: Subnet;
  readonly vpc: Vpc;
  readonly connectivity: 'public' | 'private';
  readonly privateIp: number;
  readonly publicIp?: number;
  readonly eni: NetworkInterface;
}

export interface VpnGateway extends Base {
  readonly kind: 'vpn-gateway';
  readonly vpc?: Vpc;
  readonly connections: VpnConnection[];
  /** the gateway route table (edge association): routes traffic entering through this gateway */
  edgeRouteTable?: RouteTable;
}

export interface VpnConnection extends Base {
  readonly kind: 'vpn-connection';
  readonly vpnGateway?: VpnGateway;
  readonly transitGateway?: TransitGateway;
  readonly customerGatewayIp?: Addr;
  readonly onPremisesCidrs: Prefix[];
  /** true: the prefixes are VPN static routes; false: learned over BGP (route priority) */
  readonly staticRoutesOnly: boolean;
  /** the transit gateway attachment, when it terminates on one */
  tgwAttachment?: TransitGatewayAttachment;
}

export type PeeringStatus = 'active' | 'pending-acceptance' | 'rejected' | 'failed' | 'expired' | 'deleted' | 'provisioning' | 'initiating-request';

export interface PeeringConnection extends Base {
  readonly kind: 'peering-connection';
  readonly requester: Vpc;
  readonly accepter: Vpc;
  readonly status: PeeringStatus;
  readonly interRegion: boolean;
}

export type RouteOrigin = 'local' | 'static' | 'propagated' | 'endpoint';

export type RouteTarget =
  | { readonly type: 'local' }
  | { readonly type: 'blackhole' }
  | { readonly type: 'gateway'; readonly gateway: InternetGateway }
  | { readonly type: 'egress-only'; readonly gateway: EgressOnlyInternetGateway }
  | { readonly type: 'nat'; readonly nat: NatGateway }
  | { readonly type: 'vpn'; readonly gateway: VpnGateway }
  | { readonly type: 'peering'; readonly peering: PeeringConnection }
  | { readonly type: 'tgw'; readonly tgw: TransitGateway }
  | { readonly type: 'endpoint'; readonly endpoint: VpcEndpoint }
  | { readonly type: 'eni'; readonly eni: NetworkInterface }
  /** a Gateway Load Balancer endpoint or a Network Firewall endpoint (src/trace/inspection.ts) */
  | { readonly type: 'inspection'; readonly endpoint: VpcEndpoint };

export interface Route {
  readonly destination: Prefix;
  /** set when the route's destination is a prefix list (gateway endpoint routes, `destination: pl-…`) */
  readonly prefixList?: PrefixList;
  readonly target: RouteTarget;
  readonly origin: RouteOrigin;
  /** the id written as the target, or 'local' / 'blackhole' */
  readonly targetId: string;
  readonly src?: Src;
  /** priority among equal prefixes: lower wins (static CIDR, then prefix list, then propagated) */
  readonly rank: number;
}

export interface RouteTable extends Base {
  readonly kind: 'route-table';
  readonly vpc: Vpc;
  readonly main: boolean;
  /** true for a main table vpcsim created because the VPC had none */
  readonly implicit: boolean;
  readonly routes: Route[];
  readonly lookup4: PrefixTable<Route>;
  readonly lookup6: PrefixTable<Route>;
  readonly subnets: Subnet[];
  /** gateways this table is associated with (a gateway route table) */
  readonly gateways?: (InternetGateway | VpnGateway)[];
}

export interface VpcEndpoint extends Base {
  readonly kind: 'vpc-endpoint';
  readonly vpc: Vpc;
  readonly type: 'gateway' | 'interface' | 'gatewayLoadBalancer' | 'networkFirewall';
  readonly service: string;
  readonly routeTables: RouteTable[];
  readonly prefixList?: PrefixList;
  readonly subnets: Subnet[];
  readonly interfaces: NetworkInterface[];
  /** type gatewayLoadBalancer: the load balancer behind the endpoint service */
  gatewayLoadBalancer?: GatewayLoadBalancer;
  /** type networkFirewall: the firewall this endpoint belongs to */
  firewall?: NetworkFirewall;
}

export type Protocol = number; // IANA protocol number; -1 = all

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** What a filtering rule matches besides addresses. */
export interface Match {
  readonly protocol: Protocol;
  /** for TCP/UDP; undefined = all ports */
  readonly ports?: PortRange;
  /** for ICMP/ICMPv6; -1 = any */
  readonly icmpType: number;
  readonly icmpCode: number;
}

export interface NetworkAclRule extends Match {
  readonly number: number;
  readonly cidr: Prefix;
  readonly action: 'allow' | 'deny';
  readonly src?: Src;
}

export interface NetworkAcl extends Base {
  readonly kind: 'network-acl';
  readonly vpc: Vpc;
  readonly isDefault: boolean;
  /** true when vpcsim created it (the VPC had no default network ACL in the file) */
  readonly implicit: boolean;
  /** sorted by rule number */
  readonly inbound: NetworkAclRule[];
  readonly outbound: NetworkAclRule[];
  readonly subnets: Subnet[];
}

export type SgPeer =
  | { readonly type: 'cidr'; readonly prefix: Prefix; readonly text: string }
  | { readonly type: 'sg'; readonly group: SecurityGroup }
  | { readonly type: 'prefix-list'; readonly list: PrefixList };

export interface SecurityGroupRule extends Match {
  readonly peer: SgPeer;
  readonly description?: string;
  readonly src?: Src;
  /** implicit rules of a default group or an omitted outbound list */
  readonly implicit: boolean;
}

export interface SecurityGroup extends Base {
  readonly kind: 'security-group';
  readonly vpc: Vpc;
  readonly isDefault: boolean;
  readonly implicit: boolean;
  readonly inbound: SecurityGroupRule[];
  readonly outbound: SecurityGroupRule[];
  /** interfaces that have this group */
  readonly members: NetworkInterface[];
  /** groups whose rules reference this one */
  readonly referencedBy: SecurityGroup[];
}

export type InterfaceOwner =
  | { readonly type: 'instance'; readonly instance: Instance }
  | { readonly type: 'nat-gateway'; readonly nat: NatGateway }
  | { readonly type: 'vpc-endpoint'; readonly endpoint: VpcEndpoint }
  | { readonly type: 'tgw-attachment'; readonly attachment: TransitGatewayAttachment }
  | { readonly type: 'load-balancer'; readonly loadBalancer: LoadBalancer }
  | { readonly type: 'none' };

export interface NetworkInterface extends Base {
  readonly kind: 'network-interface';
  readonly subnet: Subnet;
  readonly vpc: Vpc;
  /** absent on an interface in an IPv6-only subnet */
  readonly privateIp?: number;
  readonly secondaryPrivateIps: number[];
  readonly ipv6Addresses: bigint[];
  readonly publicIp?: number;
  /** Elastic IPs of secondary private IPs */
  readonly secondaryPublicIps?: { readonly privateIp: number; readonly publicIp: number }[];
  readonly securityGroups: SecurityGroup[];
  readonly sourceDestCheck: boolean;
  /** as a forwarding route target: translate the source to its own address (NAT instance) or keep it (appliance) */
  readonly sourceNat: boolean;
  owner: InterfaceOwner;
  /** false for interfaces vpcsim creates (a NAT gateway's, an attachment's) */
  readonly explicit: boolean;
}

export interface Instance extends Base {
  readonly kind: 'instance';
  readonly subnet: Subnet;
  readonly primary: NetworkInterface;
  readonly interfaces: NetworkInterface[];
}

export interface TransitGateway extends Base {
  readonly kind: 'transit-gateway';
  readonly attachments: TransitGatewayAttachment[];
  readonly routeTables: TransitGatewayRouteTable[];
  /** security-group references across VPC attachments (AWS default: disabled); undefined: not written */
  readonly securityGroupReferencingSupport?: boolean;
}

export interface TransitGatewayAttachment extends Base {
  readonly kind: 'tgw-attachment';
  readonly transitGateway: TransitGateway;
  readonly type: 'vpc' | 'vpn' | 'peering' | 'direct-connect';
  readonly vpc?: Vpc;
  readonly subnets: Subnet[];
  /** one interface per attachment subnet, keyed by AZ */
  readonly interfacesByAz: Map<string, NetworkInterface>;
  readonly vpnConnection?: VpnConnection;
  /** Direct Connect gateway attachments */
  readonly directConnectGateway?: DirectConnectGateway;
  readonly peerTransitGateway?: string;
  readonly peerCidrs: Prefix[];
  routeTable?: TransitGatewayRouteTable;
  readonly applianceMode: boolean;
  /** VPC attachments: IPv6 support (AWS default disabled). Absent: not modelled, IPv6 passes as before. */
  readonly ipv6Support?: boolean;
  /** VPC attachments: DNS support. Recorded only: vpcsim traces addresses, not names. */
  readonly dnsSupport?: boolean;
  /** VPC attachments: security-group referencing (AWS API default: enabled) */
  readonly securityGroupReferencingSupport?: boolean;
}

export interface TgwRoute {
  readonly destination: Prefix;
  readonly attachment?: TransitGatewayAttachment;
  readonly blackhole: boolean;
  readonly origin: 'static' | 'propagated';
  readonly src?: Src;
  readonly rank: number;
}

export interface TransitGatewayRouteTable extends Base {
  readonly kind: 'tgw-route-table';
  readonly transitGateway: TransitGateway;
  readonly routes: TgwRoute[];
  readonly lookup4: PrefixTable<TgwRoute>;
  readonly lookup6: PrefixTable<TgwRoute>;
  readonly propagations: TransitGatewayAttachment[];
}

export interface PrefixList extends Base {
  readonly kind: 'prefix-list';
  readonly cidrs: Prefix[];
  /** set for AWS-managed service lists (s3, dynamodb) */
  readonly service?: string;
  /** true when vpcsim supplied it from shipped ranges */
  readonly implicit: boolean;
}

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
  /** the data as written, for diff, which compares resources as they are written */
  readonly data: Record<string, unknown>;
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
