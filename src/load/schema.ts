// The topology format, version 1, as a JSON Schema (draft-07) so editors can validate and complete it
// through yaml-language-server. Structure and types only: address semantics are checked by the binder.

import { directConnectSchema } from './schema-direct-connect.js';
import { loadBalancerSchema } from './schema-load-balancers.js';
import { inspectionSchema } from './schema-inspection.js';

type S = Record<string, unknown>;

const str = (description?: string): S => (description ? { type: 'string', description } : { type: 'string' });
const id = (kind: string): S => ({ type: 'string', minLength: 1, description: `id of ${kind}` });
const idList = (kind: string): S => ({ type: 'array', items: id(kind) });
const cidr: S = { type: 'string', description: 'CIDR block, e.g. 10.0.0.0/16 or 2600:1f18::/56' };
const ip: S = { type: 'string', description: 'an IPv4 or IPv6 address' };
const protocol: S = {
  type: ['string', 'integer'],
  description: 'tcp | udp | icmp | icmpv6 | all | -1 | an IP protocol number 0-255',
};
const ports: S = {
  type: ['integer', 'string'],
  description: 'a port (443), a range ("1024-65535") or "all"; omitted means all ports',
};
const icmp = {
  icmpType: { type: 'integer', description: 'ICMP type; omitted means all' },
  icmpCode: { type: 'integer', description: 'ICMP code; omitted means all' },
};

function obj(required: string[], properties: S, description?: string): S {
  const o: S = { type: 'object', additionalProperties: false, required, properties };
  if (description) o.description = description;
  return o;
}
const named = { name: str('a human-readable name (the AWS Name tag)'), description: str() };

const aclRule = obj(['rule', 'protocol', 'action'], {
  rule: { type: 'integer', description: 'rule number 1-32766, evaluated lowest first' },
  protocol,
  ports,
  cidr,
  ipv6Cidr: cidr,
  action: { enum: ['allow', 'deny'] },
  ...icmp,
  description: str(),
});

// A security group rule may list several ports or peers: it stands for one rule per (ports, peer) pair, as an AWS
// IpPermission carries several IpRanges (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html).
// A network ACL entry has one CIDR and one port range (API_CreateNetworkAclEntry), so ACL rules take no lists.
const sgPorts: S = {
  type: ['integer', 'string', 'array'],
  items: { type: ['integer', 'string'] },
  minItems: 1,
  description: 'a port (443), a range ("1024-65535"), "all", or a list of them; omitted means all ports',
};
const sgRule = (peer: 'source' | 'destination') =>
  obj(['protocol'], {
    protocol,
    ports: sgPorts,
    [peer]: {
      type: ['string', 'array'],
      items: { type: 'string' },
      minItems: 1,
      description: 'an IPv4/IPv6 CIDR, a security group id, or a prefix list id; or a list of them',
    },
    ...icmp,
    description: str(),
  });

const route = obj(['destination'], {
  destination: { type: 'string', description: 'a CIDR or a prefix list id' },
  target: id('an internet/egress-only/VPN/transit gateway, NAT gateway, peering connection, endpoint, instance or network interface'),
  blackhole: { type: 'boolean' },
  origin: { enum: ['static', 'propagated'], description: 'propagated: a route learned from a VPN gateway (ranks below static routes of the same prefix)' },
  description: str(),
});

const sourceNatKey: S = {
  type: 'boolean',
  description:
    'as a route target (sourceDestCheck: false): true (default) translates the source to its own address like a NAT instance; false forwards it unchanged like a firewall appliance',
};

const secondaryPublicIps: S = {
  type: 'array',
  items: obj(['privateIp', 'publicIp'], { privateIp: ip, publicIp: ip }),
  description: 'Elastic IPs associated with secondary private IPs',
};

/** What an instance (its primary interface) and an extra network interface both have. */
const interfaceFields: S = {
  subnet: id('a subnet'),
  privateIp: { ...ip, description: 'primary private IPv4 address; required except in an IPv6-only subnet, where it must be omitted' },
  secondaryPrivateIps: { type: 'array', items: ip },
  publicIp: ip,
  secondaryPublicIps,
  ipv6Addresses: { type: 'array', items: ip },
  securityGroups: idList('a security group'),
  sourceDestCheck: { type: 'boolean', description: 'false lets it forward traffic (NAT instance, appliance)' },
  sourceNat: sourceNatKey,
};

const assertion = obj(['from', 'to', 'expect'], {
  name: str(),
  from: str('an endpoint: instance/interface id, IP, internet, s3, dynamodb, subnet:ID, sg:ID'),
  to: str('an endpoint: instance/interface id, IP, internet, s3, dynamodb, subnet:ID, sg:ID'),
  protocol,
  port: { type: 'integer' },
  ports,
  srcPort: { type: 'integer' },
  ...icmp,
  expect: { enum: ['accept', 'reject'] },
  via: idList('a component the path must pass'),
  notVia: idList('a component the path must not pass'),
  blockedBy: id('the component that must block the flow'),
});

export const topologySchema: S = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://vpcsim.dev/schema/topology-v1.json',
  title: 'vpcsim topology, format version 1',
  type: 'object',
  additionalProperties: false,
  required: ['version'],
  properties: {
    version: { const: 1, description: 'format version; must be 1' },
    name: str('name of this topology'),
    account: { type: 'string', pattern: '^[0-9]{12}$', description: '12-digit AWS account id used in flow logs' },
    region: { type: 'string', pattern: '^[a-z]{2}(-[a-z]+)+-[0-9]+$', description: 'AWS region, e.g. us-east-1' },
    vpcs: {
      type: 'array',
      items: obj(['id', 'cidr'], { id: id('this VPC'), cidr, secondaryCidrs: { type: 'array', items: cidr }, ipv6Cidr: cidr, ...named }),
    },
    subnets: {
      type: 'array',
      // cidr or ipv6Cidr (or both): the binder reports a subnet with neither
      items: obj(['id', 'vpc'], {
        id: id('this subnet'),
        vpc: id('a VPC'),
        cidr: { ...cidr, description: 'IPv4 CIDR block; omit it (with ipv6Cidr given) for an IPv6-only subnet' },
        ipv6Cidr: cidr,
        az: str('Availability Zone name, e.g. us-east-1a'),
        azId: str('Availability Zone id, e.g. use1-az1 (flow-log field az-id)'),
        routeTable: id('a route table (default: the VPC main route table)'),
        networkAcl: id('a network ACL (default: the VPC default network ACL)'),
        ...named,
      }),
    },
    internetGateways: { type: 'array', items: obj(['id', 'vpc'], { id: id('this internet gateway'), vpc: id('a VPC'), ...named }) },
    egressOnlyInternetGateways: {
      type: 'array',
      items: obj(['id', 'vpc'], { id: id('this egress-only internet gateway'), vpc: id('a VPC'), ...named }),
    },
    natGateways: {
      type: 'array',
      items: obj(['id', 'subnet'], {
        id: id('this NAT gateway'),
        subnet: id('a subnet'),
        privateIp: ip,
        publicIp: ip,
        connectivity: { enum: ['public', 'private'] },
        interfaceId: str('id of its network interface (flow logs)'),
        ...named,
      }),
    },
    vpnGateways: { type: 'array', items: obj(['id'], { id: id('this virtual private gateway'), vpc: id('a VPC'), ...named }) },
    vpnConnections: {
      type: 'array',
      items: obj(['id'], {
        id: id('this VPN connection'),
        vpnGateway: id('a virtual private gateway'),
        transitGateway: id('a transit gateway'),
        customerGatewayIp: ip,
        onPremisesCidrs: { type: 'array', items: cidr, description: 'on-premises prefixes reached over this connection' },
        staticRoutesOnly: {
          type: 'boolean',
          description: 'true: the prefixes are VPN static routes; false or omitted: learned over BGP (route priority: Direct Connect BGP, VPN static, VPN BGP)',
        },
        ...named,
      }),
    },
    peeringConnections: {
      type: 'array',
      items: obj(['id', 'requesterVpc', 'accepterVpc'], {
        id: id('this peering connection'),
        requesterVpc: id('a VPC'),
        accepterVpc: id('a VPC'),
        status: { enum: ['active', 'pending-acceptance', 'rejected', 'failed', 'expired', 'deleted', 'provisioning', 'initiating-request'] },
        accepterRegion: str('region of the accepter VPC when it differs (inter-region peering)'),
        ...named,
      }),
    },
    routeTables: {
      type: 'array',
      items: obj(['id', 'vpc'], {
        id: id('this route table'),
        vpc: id('a VPC'),
        main: { type: 'boolean', description: "the VPC's main route table" },
        propagatingGateways: idList('a virtual private gateway whose routes propagate here'),
        routes: { type: 'array', items: route },
        gateways: idList('an internet gateway or virtual private gateway associated with this table (edge association: a gateway route table)'),
        ...named,
      }),
    },
    vpcEndpoints: {
      type: 'array',
      items: obj(['id', 'vpc', 'type'], {
        id: id('this endpoint'),
        vpc: id('a VPC'),
        type: { enum: ['gateway', 'interface', 'gatewayLoadBalancer'] },
        gatewayLoadBalancer: id('the Gateway Load Balancer behind the endpoint service (type gatewayLoadBalancer)'),
        service: str('service name: s3, dynamodb, sqs, ... or a full com.amazonaws.<region>.<service> name'),
        routeTables: idList('a route table (gateway endpoints)'),
        subnets: idList('a subnet (interface endpoints)'),
        privateIps: { type: 'array', items: ip },
        securityGroups: idList('a security group (interface endpoints)'),
        ...named,
      }),
    },
    networkAcls: {
      type: 'array',
      items: obj(['id', 'vpc'], {
        id: id('this network ACL'),
        vpc: id('a VPC'),
        default: { type: 'boolean', description: "the VPC's default network ACL (used by subnets without networkAcl)" },
        inbound: { type: 'array', items: aclRule },
        outbound: { type: 'array', items: aclRule },
        ...named,
      }),
    },
    securityGroups: {
      type: 'array',
      items: obj(['id', 'vpc'], {
        id: id('this security group'),
        vpc: id('a VPC'),
        default: { type: 'boolean', description: "the VPC's default security group (used by interfaces without securityGroups)" },
        inbound: { type: 'array', items: sgRule('source') },
        outbound: { type: 'array', items: sgRule('destination'), description: 'omitted: all outbound allowed; []: none' },
        ...named,
      }),
    },
    instances: {
      type: 'array',
      items: obj(['id', 'subnet'], {
        id: id('this instance'),
        ...interfaceFields,
        interfaceId: str('id of its primary network interface (flow logs); default eni-<id>'),
        ...named,
      }),
    },
    networkInterfaces: {
      type: 'array',
      items: obj(['id', 'subnet'], {
        id: id('this network interface'),
        ...interfaceFields,
        instance: id('the instance it is attached to'),
        ...named,
      }),
    },
    transitGateways: {
      type: 'array',
      items: obj(['id'], {
        id: id('this transit gateway'),
        securityGroupReferencingSupport: { type: 'boolean', description: 'security-group references across VPC attachments (AWS default: disabled)' },
        ...named,
      }),
    },
    transitGatewayAttachments: {
      type: 'array',
      items: obj(['id', 'transitGateway'], {
        id: id('this attachment'),
        transitGateway: id('a transit gateway'),
        vpc: id('a VPC'),
        subnets: idList('a subnet (one per Availability Zone)'),
        vpnConnection: id('a VPN connection'),
        directConnectGateway: id('a Direct Connect gateway (a Direct Connect gateway attachment)'),
        peerTransitGateway: str('the peer transit gateway (may be outside this file)'),
        peerCidrs: { type: 'array', items: cidr, description: 'prefixes behind the peer transit gateway' },
        routeTable: id('the transit gateway route table it is associated with'),
        applianceMode: { type: 'boolean' },
        ipv6Support: { type: 'boolean', description: 'VPC attachments: IPv6 traffic passes only when true (AWS default: disabled); absent: not checked' },
        dnsSupport: { type: 'boolean', description: 'VPC attachments: DNS support (recorded; traces use addresses, not names)' },
        securityGroupReferencingSupport: {
          type: 'boolean',
          description: 'VPC attachments: security-group references across the transit gateway (AWS API default: enabled; needs the transit gateway option too)',
        },
        ...named,
      }),
    },
    transitGatewayRouteTables: {
      type: 'array',
      items: obj(['id', 'transitGateway'], {
        id: id('this transit gateway route table'),
        transitGateway: id('a transit gateway'),
        propagations: idList('an attachment whose CIDRs propagate here'),
        routes: {
          type: 'array',
          items: obj(['destination'], {
            destination: cidr,
            attachment: id('a transit gateway attachment'),
            blackhole: { type: 'boolean' },
            description: str(),
          }),
        },
        ...named,
      }),
    },
    prefixLists: {
      type: 'array',
      items: obj(['id'], {
        id: id('this prefix list'),
        cidrs: { type: 'array', items: cidr },
        service: { type: 'string', description: 'AWS-managed list of a service (s3, dynamodb): overrides the shipped ranges' },
        ...named,
      }),
    },
    ...loadBalancerSchema,
    ...inspectionSchema,
    ...directConnectSchema,
    assertions: { type: 'array', items: assertion },
  },
};

/** The top-level keys that hold resource lists, in binding order (src/aws/kinds.ts). */
export { LIST_KEYS as RESOURCE_KEYS, type AwsListKey as ResourceKey } from '../aws/kinds.js';
