// The VPC network of the bound model: VPCs, subnets, gateways, route tables, network ACLs, security groups,
// interfaces, instances, transit gateways and prefix lists. The component models (load-balancer-model.ts,
// inspection-model.ts, direct-connect-model.ts) build on these types and add the fields that point back at them
// (VpcEndpoint.gatewayLoadBalancer, TransitGatewayAttachment.directConnectGateway, an interface owned by a load
// balancer) by module augmentation, so this module names no component. model.ts gathers them all.
import type { Addr, Prefix } from '../net/ip.js';
import type { Path } from '../load/diagnostics.js';
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

/** What can own an interface, by owner type; load-balancer-model.ts adds 'load-balancer'. */
export interface InterfaceOwners {
  instance: { readonly type: 'instance'; readonly instance: Instance };
  'nat-gateway': { readonly type: 'nat-gateway'; readonly nat: NatGateway };
  'vpc-endpoint': { readonly type: 'vpc-endpoint'; readonly endpoint: VpcEndpoint };
  'tgw-attachment': { readonly type: 'tgw-attachment'; readonly attachment: TransitGatewayAttachment };
  none: { readonly type: 'none' };
}

export type InterfaceOwner = InterfaceOwners[keyof InterfaceOwners];

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
