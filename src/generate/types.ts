// The shape of a generated topology: plain data in the topology format, shared by the generator and the flow sampler.

export interface GenRoute {
  destination: string;
  target: string;
}
export interface GenNaclRule {
  rule: number;
  protocol: string;
  ports?: number | string;
  icmpType?: number;
  icmpCode?: number;
  cidr: string;
  action: 'allow' | 'deny';
}
export interface GenSgRule {
  protocol: string;
  ports?: number | string;
  source: string;
  description?: string;
}
export interface GeneratedTopology {
  version: 1;
  name: string;
  region: string;
  vpcs: { id: string; cidr: string }[];
  subnets: { id: string; vpc: string; cidr: string; az: string; routeTable: string; networkAcl?: string }[];
  internetGateways: { id: string; vpc: string }[];
  natGateways?: { id: string; subnet: string; privateIp: string; publicIp: string }[];
  peeringConnections?: { id: string; requesterVpc: string; accepterVpc: string }[];
  transitGateways?: { id: string }[];
  transitGatewayAttachments?: { id: string; transitGateway: string; vpc: string; subnets: string[]; routeTable: string }[];
  transitGatewayRouteTables?: { id: string; transitGateway: string; propagations: string[] }[];
  prefixLists: { id: string; cidrs: string[] }[];
  routeTables: { id: string; vpc: string; routes?: GenRoute[] }[];
  vpcEndpoints?: { id: string; vpc: string; type: 'gateway'; service: string; routeTables: string[] }[];
  networkAcls?: { id: string; vpc: string; inbound: GenNaclRule[]; outbound: GenNaclRule[] }[];
  securityGroups: { id: string; vpc: string; inbound: GenSgRule[] }[];
  instances: { id: string; subnet: string; privateIp: string; publicIp?: string; securityGroups: string[] }[];
  loadBalancers?: { id: string; type: 'application'; scheme: 'internet-facing'; subnets: string[]; securityGroups: string[] }[];
  listeners?: { id: string; loadBalancer: string; protocol: 'HTTP'; port: number; targetGroup: string }[];
  targetGroups?: { id: string; vpc: string; protocol: 'HTTP'; port: number; targets: { id: string }[] }[];
}
