// Gateways and routes: one internet gateway per VPC, unique destinations per route table, and the
// route shapes AWS refuses.
import { describe, expect, it } from 'vitest';
import { at, forFile } from '../helpers/diagnostics.js';

const FILE = 'routes.yaml';

const { load, expectOnlyError } = forFile(FILE);

const BASE = `version: 1
vpcs:
  - id: vpc-a
    cidr: 10.0.0.0/16
    ipv6Cidr: 2600:1f18:aaaa:bb00::/56
subnets:
  - { id: public-a, vpc: vpc-a, cidr: 10.0.1.0/24, routeTable: rt-a }
  - { id: app-a, vpc: vpc-a, cidr: 10.0.2.0/24 }
internetGateways:
  - { id: igw-a, vpc: vpc-a }
egressOnlyInternetGateways:
  - { id: eigw-a, vpc: vpc-a }
natGateways:
  - { id: nat-a, subnet: public-a, privateIp: 10.0.1.5, publicIp: 203.0.113.10 }
routeTables:
  - id: rt-a
    vpc: vpc-a
    routes:
      - { destination: 0.0.0.0/0, target: igw-a }
`;
const withRoute = (route: string) => BASE + `      - ${route}\n`;

describe('internet gateways', () => {
  it('loads clean with one', () => {
    expect(load(BASE).diagnostics).toEqual([]);
  });

  it('a second internet gateway on a VPC is an error at its vpc', () => {
    const text = BASE.replace('  - { id: igw-a, vpc: vpc-a }\n', '  - { id: igw-a, vpc: vpc-a }\n  - { id: igw-b, vpc: vpc-a }\n');
    expectOnlyError(load(text), 'MULTIPLE_INTERNET_GATEWAYS', at(text, 'vpc-a }', 1), "VPC 'vpc-a' already has internet gateway 'igw-a'", 'only one');
  });
});

describe('route destinations are unique per route table', () => {
  it('the same destination twice is reported at the second', () => {
    const text = withRoute('{ destination: 0.0.0.0/0, target: nat-a }');
    expectOnlyError(load(text), 'DUPLICATE_ROUTE', at(text, '0.0.0.0/0', 1), "route table 'rt-a' already has a route for 0.0.0.0/0");
  });

  it('the same destination written differently (::/0 twice) is a duplicate', () => {
    const text = withRoute('{ destination: "::/0", target: eigw-a }') + '      - { destination: "0:0::/0", target: igw-a }\n';
    expectOnlyError(load(text), 'DUPLICATE_ROUTE', at(text, '"0:0::/0"'), 'already has a route for ::/0');
  });

  it('the same destination in two different tables is fine', () => {
    const text = BASE + '  - id: rt-b\n    vpc: vpc-a\n    routes:\n      - { destination: 0.0.0.0/0, target: nat-a }\n';
    expect(load(text).diagnostics).toEqual([]);
  });
});

describe('route targets and shapes', () => {
  it('an egress-only internet gateway carries IPv6 only', () => {
    const text = withRoute('{ destination: 192.168.0.0/16, target: eigw-a }');
    expectOnlyError(load(text), 'INVALID_ROUTE', at(text, 'eigw-a }', 0), "egress-only internet gateway 'eigw-a' carries IPv6 only");
  });

  it('a route needs a target or blackhole', () => {
    const text = withRoute('{ destination: 192.168.0.0/16 }');
    expectOnlyError(load(text), 'MISSING_KEY', at(text, '{ destination: 192.168.0.0/16 }'), 'needs a target');
  });

  it('a route with both a target and blackhole: true is a conflict', () => {
    const text = withRoute('{ destination: 192.168.0.0/16, target: igw-a, blackhole: true }');
    expectOnlyError(load(text), 'CONFLICTING_KEYS', at(text, 'blackhole'), 'both a target and blackhole');
  });

  it('a route inside the VPC CIDR toward an internet gateway is refused', () => {
    const text = withRoute('{ destination: 10.0.2.0/24, target: igw-a }');
    expectOnlyError(load(text), 'ROUTE_WITHIN_LOCAL', at(text, '10.0.2.0/24', 1), "falls inside the VPC's local route 10.0.0.0/16");
  });

  it('a whole-subnet route toward a NAT gateway (middlebox routing) is accepted', () => {
    const text = withRoute('{ destination: 10.0.2.0/24, target: nat-a }');
    expect(load(text).diagnostics).toEqual([]);
  });

  it('an interface endpoint is not a route target', () => {
    const text =
      withRoute('{ destination: 192.168.0.0/16, target: vpce-sqs }') +
      'vpcEndpoints:\n  - { id: vpce-sqs, vpc: vpc-a, type: interface, service: sqs, subnets: [app-a] }\n';
    expectOnlyError(load(text), 'INVALID_ROUTE', at(text, 'vpce-sqs'), "endpoint 'vpce-sqs' cannot be a route target");
  });

  it('a gateway endpoint for a service without one (sqs) is refused with a hint', () => {
    const text = BASE + 'vpcEndpoints:\n  - { id: vpce-x, vpc: vpc-a, type: gateway, service: sqs, routeTables: [rt-a] }\n';
    const d = expectOnlyError(load(text), 'INVALID_VALUE', at(text, 'sqs'), "gateway endpoint 'vpce-x' is for 'sqs'", 's3 and dynamodb');
    expect(d.hint).toBe('use type: interface');
  });

  it('a peering connection that does not involve the VPC is refused', () => {
    const text =
      withRoute('{ destination: 10.60.0.0/16, target: pcx-bc }') + 'peeringConnections:\n  - { id: pcx-bc, requesterVpc: vpc-b, accepterVpc: vpc-c }\n';
    const t2 = text.replace('subnets:\n', '  - { id: vpc-b, cidr: 10.50.0.0/16 }\n  - { id: vpc-c, cidr: 10.60.0.0/16 }\nsubnets:\n');
    expectOnlyError(load(t2), 'CROSS_VPC_REFERENCE', at(t2, 'pcx-bc }'), "peering connection 'pcx-bc' does not involve VPC 'vpc-a'");
  });

  it('peering VPCs with overlapping CIDRs is refused', () => {
    const text =
      BASE.replace('subnets:\n', '  - { id: vpc-b, cidr: 10.0.0.0/16 }\nsubnets:\n') +
      'peeringConnections:\n  - { id: pcx-ab, requesterVpc: vpc-a, accepterVpc: vpc-b }\n';
    expectOnlyError(load(text), 'PEERING_CIDR_OVERLAP', at(text, '{ id: pcx-ab'), "peering connection 'pcx-ab'", 'overlapping');
  });
});
