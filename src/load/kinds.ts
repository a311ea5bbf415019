// The resource kinds of the format: which top-level list holds each, and how messages name them.
import type { ResourceKind } from '../bind/model.js';

export const KIND_LABEL: Record<ResourceKind, string> = {
  vpc: 'VPC',
  subnet: 'subnet',
  'internet-gateway': 'internet gateway',
  'egress-only-internet-gateway': 'egress-only internet gateway',
  'nat-gateway': 'NAT gateway',
  'vpn-gateway': 'VPN gateway',
  'vpn-connection': 'VPN connection',
  'peering-connection': 'peering connection',
  'route-table': 'route table',
  'vpc-endpoint': 'VPC endpoint',
  'network-acl': 'network ACL',
  'security-group': 'security group',
  'network-interface': 'network interface',
  instance: 'instance',
  'transit-gateway': 'transit gateway',
  'tgw-attachment': 'transit gateway attachment',
  'tgw-route-table': 'transit gateway route table',
  'prefix-list': 'prefix list',
};


export const LIST_KIND: Record<string, ResourceKind> = {
  vpcs: 'vpc',
  subnets: 'subnet',
  internetGateways: 'internet-gateway',
  egressOnlyInternetGateways: 'egress-only-internet-gateway',
  natGateways: 'nat-gateway',
  vpnGateways: 'vpn-gateway',
  vpnConnections: 'vpn-connection',
  peeringConnections: 'peering-connection',
  routeTables: 'route-table',
  vpcEndpoints: 'vpc-endpoint',
  networkAcls: 'network-acl',
  securityGroups: 'security-group',
  instances: 'instance',
  networkInterfaces: 'network-interface',
  transitGateways: 'transit-gateway',
  transitGatewayAttachments: 'tgw-attachment',
  transitGatewayRouteTables: 'tgw-route-table',
  prefixLists: 'prefix-list',
};
