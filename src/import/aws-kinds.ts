// Which `aws ec2 describe-*` output a JSON file holds, told by its top-level key (never by its file name).
// Each AWS CLI command prints one object whose first key names the list it returns, e.g.
// `aws ec2 describe-vpcs` → {"Vpcs": [...]} (https://docs.aws.amazon.com/cli/latest/reference/ec2/describe-vpcs.html).
import { type AwsDescribeKey, DESCRIBE_KEYS } from '../aws/kinds.js';

/** Outputs the importer reads besides each kind's own (src/aws/kinds.ts): parts of resources, and their relations. */
const PART_KEYS = [
  'Addresses',
  'CustomerGateways',
  'TransitGatewayVpcAttachments',
  'TransitGatewayPeeringAttachments',
  // [{TransitGatewayRouteTableId, Routes: [...]}]: search-transit-gateway-routes output gathered per table
  'TransitGatewayStaticRoutes',
  'TransitGatewayRoutes',
  // [{TransitGatewayRouteTableId, TransitGatewayRouteTablePropagations: [...]}], gathered per table
  'TransitGatewayPropagations',
  // get-transit-gateway-route-table-propagations output for one table (table id in the file name)
  'TransitGatewayRouteTablePropagations',
  'PrefixLists',
  // aws elbv2 describe-target-health (https://docs.aws.amazon.com/cli/latest/reference/elbv2/index.html) and
  // aws elb describe-load-balancers (Classic)
  'TargetHealthDescriptions',
  'LoadBalancerDescriptions',
  // aws elbv2 describe-load-balancer-attributes, with the load balancer's ARN beside the list (collect-aws.sh adds it:
  // the output does not name its load balancer), and aws ec2 describe-vpc-endpoint-service-configurations
  // (https://docs.aws.amazon.com/cli/latest/reference/elbv2/describe-load-balancer-attributes.html)
  'Attributes',
  'ServiceConfigurations',
  // aws directconnect describe-direct-connect-gateway-associations
  // (camelCase keys: https://docs.aws.amazon.com/cli/latest/reference/directconnect/index.html)
  'directConnectGatewayAssociations',
] as const;

/** Outputs the importer reads. The value is the top-level key of the CLI output. */
export const MODELLED_KEYS: readonly ModelledKey[] = [...DESCRIBE_KEYS, ...PART_KEYS];
export type ModelledKey = AwsDescribeKey | (typeof PART_KEYS)[number];
/**
 * Outputs that describe one resource (an object beside UpdateToken), not a list: the whole output is the item.
 * aws network-firewall describe-firewall, describe-firewall-policy, describe-rule-group
 * (https://docs.aws.amazon.com/cli/latest/reference/network-firewall/index.html).
 */
export const SINGLE_OUTPUT_KEYS: ReadonlySet<string> = new Set(['Firewall', 'FirewallPolicy', 'RuleGroup']);

/**
 * Outputs that are recognised but not modelled: each item is counted in the `ignored` summary under this
 * label. Keys are top-level keys of the corresponding CLI output.
 */
export const UNMODELLED_KEYS: Record<string, string> = {
  AvailabilityZones: 'availability zones (subnets carry their zone)',
  DBInstances: 'RDS instances',
  DBClusters: 'RDS clusters',
  DomainStatusList: 'OpenSearch/Elasticsearch domains',
  DomainNames: 'OpenSearch/Elasticsearch domains',
  ServiceDetails: 'VPC endpoint services',
  CacheClusters: 'ElastiCache clusters',
  ReplicationGroups: 'ElastiCache replication groups',
  Functions: 'Lambda functions',
  DhcpOptions: 'DHCP option sets',
  FlowLogs: 'flow log configurations',
  KeyPairs: 'key pairs',
  Volumes: 'EBS volumes',
  Snapshots: 'EBS snapshots',
  Images: 'AMIs',
  LaunchTemplates: 'launch templates',
  InstanceStatuses: 'instance statuses',
  SpotInstanceRequests: 'spot instance requests',
  SecurityGroupRules: 'security group rules from describe-security-group-rules (SecurityGroups is used instead)',
  CarrierGateways: 'carrier gateways',
  LocalGatewayRouteTables: 'local gateway route tables',
  LocalGateways: 'local gateways',
  TransitGatewayConnects: 'transit gateway Connect attachments',
  TransitGatewayConnectPeers: 'transit gateway Connect peers',
  TransitGatewayMulticastDomains: 'transit gateway multicast domains',
  TransitGatewayPolicyTables: 'transit gateway policy tables',
  ClientVpnEndpoints: 'Client VPN endpoints',
  TrafficMirrorSessions: 'traffic mirror sessions',
  TrafficMirrorTargets: 'traffic mirror targets',
  TrafficMirrorFilters: 'traffic mirror filters',
  NetworkInsightsPaths: 'Reachability Analyzer paths',
  NetworkInsightsAnalyses: 'Reachability Analyzer analyses',
  Ipv6Pools: 'IPv6 address pools',
  PublicIpv4Pools: 'public IPv4 pools',
  CoipPools: 'customer-owned IP pools',
  Regions: 'regions',
  AccountAttributes: 'account attributes',
  Tags: 'tag listings',
  VpcEndpointConnections: 'VPC endpoint connections',
  ConnectionNotificationSet: 'VPC endpoint connection notifications',
  PrefixListAssociations: 'prefix list associations',
  // PascalCase: not what the Direct Connect CLI prints (camelCase, modelled above); recognised so such files are not unknown
  DirectConnectGateways: 'Direct Connect gateways (PascalCase keys; the CLI prints directConnectGateways)',
  DirectConnectGatewayAssociations: 'Direct Connect gateway associations (PascalCase keys; the CLI prints directConnectGatewayAssociations)',
  VirtualInterfaces: 'Direct Connect virtual interfaces (PascalCase keys; the CLI prints virtualInterfaces)',
  connections: 'Direct Connect connections',
  Connections: 'Direct Connect connections',
  FirewallPolicies: 'Network Firewall policies',
  Firewalls: 'Network Firewall firewalls',
};

export type FileKind =
  | { type: 'modelled'; key: ModelledKey }
  | { type: 'unmodelled'; key: string; label: string; count: number }
  /** output of search-transit-gateway-routes for one table: {Routes, AdditionalRoutesAvailable} */
  | { type: 'tgw-search-routes' }
  /** output of get-managed-prefix-list-entries for one list: {Entries: [{Cidr, Description}]} */
  | { type: 'prefix-list-entries' }
  | { type: 'unknown'; keys: string[] };

const MODELLED = new Set<string>(MODELLED_KEYS);
/** Keys the CLI adds beside the data: pagination and request metadata. */
const NOISE = new Set(['NextToken', 'ResponseMetadata', 'AdditionalRoutesAvailable']);

export function classify(data: unknown): FileKind {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { type: 'unknown', keys: [] };
  const keys = Object.keys(data).filter((k) => !NOISE.has(k));
  const rec = data as Record<string, unknown>;
  for (const k of keys) if (MODELLED.has(k)) return { type: 'modelled', key: k as ModelledKey };
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SearchTransitGatewayRoutes.html (response: routes, additionalRoutesAvailable)
  if (keys.length === 1 && keys[0] === 'Routes' && Array.isArray(rec.Routes)) return { type: 'tgw-search-routes' };
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetManagedPrefixListEntries.html (response: entrySet of {cidr, description})
  if (keys.length === 1 && keys[0] === 'Entries' && Array.isArray(rec.Entries)) return { type: 'prefix-list-entries' };
  for (const k of keys) {
    const label = UNMODELLED_KEYS[k];
    if (label !== undefined) return { type: 'unmodelled', key: k, label, count: Array.isArray(rec[k]) ? (rec[k] as unknown[]).length : 1 };
  }
  return { type: 'unknown', keys };
}

/** A cheap test on the first bytes of a file: does it look like describe-* output? */
export const DUMP_HEAD_RE = new RegExp(`^\\s*\\{\\s*"(${[...MODELLED_KEYS].join('|')})"\\s*:`);
