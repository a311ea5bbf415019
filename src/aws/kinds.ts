// The resource kinds of the topology format, the one home of these facts: the top-level list that holds each kind,
// the kind's name, how messages name it (one, and several), the list of the bound topology that holds it, the prefix
// AWS gives its ids where it has one, and the top-level key of the `aws ... describe-*` output the importer reads it
// from, where one output holds exactly that kind.
// Id prefixes: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html (load balancers, listeners,
// target groups, Network Firewall resources are named by ARN; a Direct Connect gateway id is a UUID).

export interface AwsKindRow {
  /** the top-level list of the format that holds this kind */
  readonly list: string;
  readonly kind: string;
  /** how messages name one of them */
  readonly label: string;
  /** how messages name several, where it is not the label with an s */
  readonly plural?: string;
  /** the bound topology's list of this kind (src/bind/model.ts Topology), where it is not named `list` */
  readonly bound?: string;
  readonly idPrefix?: string;
  /** the top-level key of the describe-* output the importer reads this kind from */
  readonly describe?: string;
}

/** In binding order: a kind comes after the kinds it refers to. */
export const AWS_KINDS = [
  { list: 'vpcs', kind: 'vpc', label: 'VPC', idPrefix: 'vpc-', describe: 'Vpcs' },
  { list: 'subnets', kind: 'subnet', label: 'subnet', idPrefix: 'subnet-', describe: 'Subnets' },
  { list: 'internetGateways', kind: 'internet-gateway', label: 'internet gateway', idPrefix: 'igw-', describe: 'InternetGateways' },
  {
    list: 'egressOnlyInternetGateways',
    kind: 'egress-only-internet-gateway',
    label: 'egress-only internet gateway',
    idPrefix: 'eigw-',
    describe: 'EgressOnlyInternetGateways',
  },
  { list: 'natGateways', kind: 'nat-gateway', label: 'NAT gateway', idPrefix: 'nat-', describe: 'NatGateways' },
  { list: 'vpnGateways', kind: 'vpn-gateway', label: 'VPN gateway', idPrefix: 'vgw-', describe: 'VpnGateways' },
  { list: 'vpnConnections', kind: 'vpn-connection', label: 'VPN connection', idPrefix: 'vpn-', describe: 'VpnConnections' },
  { list: 'peeringConnections', kind: 'peering-connection', label: 'peering connection', idPrefix: 'pcx-', describe: 'VpcPeeringConnections' },
  { list: 'routeTables', kind: 'route-table', label: 'route table', idPrefix: 'rtb-', describe: 'RouteTables' },
  { list: 'vpcEndpoints', kind: 'vpc-endpoint', label: 'VPC endpoint', idPrefix: 'vpce-', describe: 'VpcEndpoints' },
  { list: 'networkAcls', kind: 'network-acl', label: 'network ACL', idPrefix: 'acl-', describe: 'NetworkAcls' },
  { list: 'securityGroups', kind: 'security-group', label: 'security group', idPrefix: 'sg-', describe: 'SecurityGroups' },
  // describe-instances lists instances inside reservations
  { list: 'instances', kind: 'instance', label: 'instance', idPrefix: 'i-', describe: 'Reservations' },
  {
    list: 'networkInterfaces',
    kind: 'network-interface',
    label: 'network interface',
    bound: 'interfaces',
    idPrefix: 'eni-',
    describe: 'NetworkInterfaces',
  },
  { list: 'transitGateways', kind: 'transit-gateway', label: 'transit gateway', idPrefix: 'tgw-', describe: 'TransitGateways' },
  {
    list: 'transitGatewayAttachments',
    kind: 'tgw-attachment',
    label: 'transit gateway attachment',
    bound: 'tgwAttachments',
    idPrefix: 'tgw-attach-',
    describe: 'TransitGatewayAttachments',
  },
  {
    list: 'transitGatewayRouteTables',
    kind: 'tgw-route-table',
    label: 'transit gateway route table',
    bound: 'tgwRouteTables',
    idPrefix: 'tgw-rtb-',
    describe: 'TransitGatewayRouteTables',
  },
  { list: 'prefixLists', kind: 'prefix-list', label: 'prefix list', idPrefix: 'pl-', describe: 'ManagedPrefixLists' },
  { list: 'loadBalancers', kind: 'load-balancer', label: 'load balancer', describe: 'LoadBalancers' },
  { list: 'listeners', kind: 'listener', label: 'listener', describe: 'Listeners' },
  { list: 'targetGroups', kind: 'target-group', label: 'target group', describe: 'TargetGroups' },
  { list: 'gatewayLoadBalancers', kind: 'gateway-load-balancer', label: 'Gateway Load Balancer' },
  { list: 'networkFirewalls', kind: 'network-firewall', label: 'network firewall', describe: 'Firewall' },
  { list: 'firewallPolicies', kind: 'firewall-policy', label: 'firewall policy', plural: 'firewall policies', describe: 'FirewallPolicy' },
  { list: 'firewallRuleGroups', kind: 'firewall-rule-group', label: 'firewall rule group', describe: 'RuleGroup' },
  { list: 'directConnectGateways', kind: 'dx-gateway', label: 'Direct Connect gateway', describe: 'directConnectGateways' },
  { list: 'virtualInterfaces', kind: 'virtual-interface', label: 'virtual interface', idPrefix: 'dxvif-', describe: 'virtualInterfaces' },
] as const satisfies readonly AwsKindRow[];

type Row = (typeof AWS_KINDS)[number];
export type AwsKind = Row['kind'];
export type AwsListKey = Row['list'];
export type AwsDescribeKey = Extract<Row, { describe: string }>['describe'];

/** The top-level keys that hold resource lists, in binding order. */
export const LIST_KEYS: readonly AwsListKey[] = AWS_KINDS.map((r) => r.list);

/** Which kind each top-level list holds. */
export const LIST_KIND: Readonly<Record<string, AwsKind>> = Object.fromEntries(AWS_KINDS.map((r) => [r.list, r.kind]));

/** How messages name each kind. */
export const KIND_LABEL = Object.fromEntries(AWS_KINDS.map((r) => [r.kind, r.label])) as Readonly<Record<AwsKind, string>>;

/** How messages name several of each kind. */
export const KIND_PLURAL = Object.fromEntries(AWS_KINDS.map((r) => [r.kind, 'plural' in r ? r.plural : `${r.label}s`])) as Readonly<Record<AwsKind, string>>;

/** The bound topology's list that holds each kind. */
export const KIND_BOUND_LIST = Object.fromEntries(AWS_KINDS.map((r) => [r.kind, 'bound' in r ? r.bound : r.list])) as Readonly<Record<AwsKind, string>>;

/** The describe-* output keys that each hold one kind. */
export const DESCRIBE_KEYS: readonly AwsDescribeKey[] = AWS_KINDS.flatMap((r): AwsDescribeKey[] => ('describe' in r ? [r.describe] : []));
