// Binding inspection: gateway route tables (edge associations) refuse what AWS refuses, Gateway Load Balancer
// endpoints and Network Firewall endpoints become route targets, and bad references are positioned errors.
import { describe, expect, it } from 'vitest';
import { at, forFile } from '../helpers/diagnostics.js';

const { load, expectOnlyError } = forFile('inspection.yaml');

const BASE = `version: 1
vpcs:
  - { id: vpc-a, cidr: 10.0.0.0/16 }
  - { id: vpc-b, cidr: 10.1.0.0/16 }
subnets:
  - { id: fw-a, vpc: vpc-a, cidr: 10.0.0.0/28, az: us-east-1a }
  - { id: web-a, vpc: vpc-a, cidr: 10.0.1.0/24, az: us-east-1a }
  - { id: b-a, vpc: vpc-b, cidr: 10.1.1.0/24, az: us-east-1a }
internetGateways:
  - { id: igw-a, vpc: vpc-a }
  - { id: igw-b, vpc: vpc-b }
natGateways:
  - { id: nat-a, subnet: fw-a, privateIp: 10.0.0.5, publicIp: 203.0.113.10 }
networkFirewalls:
  - { id: fw, vpc: vpc-a, firewallPolicy: pol, subnetMappings: [ { subnet: fw-a, endpointId: vpce-fw-a } ] }
firewallPolicies:
  - { id: pol }
routeTables:
  - id: rt-edge
    vpc: vpc-a
    gateways: [igw-a]
    routes:
      - { destination: 10.0.1.0/24, target: vpce-fw-a }
`;
const withRoute = (route: string) => BASE + `      - ${route}\n`;

// https://docs.aws.amazon.com/vpc/latest/userguide/gateway-route-tables.html — the rules these tests follow
describe('gateway route tables', () => {
  it('load clean with a subnet CIDR routed to a firewall endpoint, and record the edge association', () => {
    const r = load(BASE);
    expect(r.diagnostics).toEqual([]);
    const igw = r.topology!.byId.get('igw-a');
    expect(igw?.kind === 'internet-gateway' && igw.edgeRouteTable?.id).toBe('rt-edge');
  });

  it('accept the VPC CIDR itself (replacing the local target) toward a firewall endpoint', () => {
    expect(load(withRoute('{ destination: 10.0.0.0/16, target: vpce-fw-a }')).diagnostics).toEqual([]);
  });

  it('refuse a target other than local, an interface or an inspection endpoint', () => {
    const text = withRoute('{ destination: 10.0.0.0/28, target: nat-a }');
    expectOnlyError(load(text), 'INVALID_GATEWAY_ROUTE', at(text, 'nat-a }'), "target 'nat-a' is not allowed", 'gateway route table');
  });

  it('refuse a destination outside the VPC', () => {
    const text = withRoute('{ destination: 0.0.0.0/0, target: vpce-fw-a }');
    expectOnlyError(load(text), 'INVALID_GATEWAY_ROUTE', at(text, '0.0.0.0/0'), '0.0.0.0/0 is outside vpc-a');
  });

  it('refuse a destination inside the VPC that is not a subnet CIDR', () => {
    // The general rule for routes inside the local route already refuses it (it is not a whole subnet).
    const text = withRoute('{ destination: 10.0.1.0/25, target: vpce-fw-a }');
    expectOnlyError(load(text), 'ROUTE_WITHIN_LOCAL', at(text, '10.0.1.0/25'), 'whole subnet CIDR');
  });

  it('refuse a second edge association for one gateway', () => {
    const text = `${BASE}  - { id: rt-edge-2, vpc: vpc-a, gateways: [igw-a] }\n`;
    expectOnlyError(load(text), 'DUPLICATE_EDGE_ASSOCIATION', at(text, 'igw-a]', 1), "gateway 'igw-a' is already associated with route table 'rt-edge'");
  });

  it('refuse a gateway of another VPC', () => {
    const text = BASE.replace('gateways: [igw-a]', 'gateways: [igw-b]');
    expectOnlyError(load(text), 'CROSS_VPC_REFERENCE', at(text, 'igw-b]'), "gateway 'igw-b' is attached to VPC 'vpc-b'");
  });

  it('refuse route propagation on a gateway route table', () => {
    const text =
      BASE.replace('    gateways: [igw-a]\n', '    gateways: [igw-a]\n    propagatingGateways: [vgw-a]\n') + 'vpnGateways:\n  - { id: vgw-a, vpc: vpc-a }\n';
    expectOnlyError(load(text), 'INVALID_GATEWAY_ROUTE', at(text, '[vgw-a]'), 'route propagation');
  });
});

describe('inspection endpoints', () => {
  it('a route in another VPC cannot target a firewall endpoint', () => {
    const text = `${BASE}  - id: rt-b\n    vpc: vpc-b\n    routes:\n      - { destination: 0.0.0.0/0, target: vpce-fw-a }\n`;
    expectOnlyError(load(text), 'CROSS_VPC_REFERENCE', at(text, 'vpce-fw-a }', 2), "targets 'vpce-fw-a', which is in VPC 'vpc-a'");
  });

  it('a firewall needs a known policy', () => {
    const text = BASE.replace('firewallPolicy: pol', 'firewallPolicy: pol-x');
    const r = load(text);
    expect(r.diagnostics.some((d) => d.code === 'UNKNOWN_REFERENCE' && d.line === at(text, 'pol-x').line)).toBe(true);
  });

  it('a firewall has one endpoint per Availability Zone', () => {
    const text = BASE.replace(
      'subnetMappings: [ { subnet: fw-a, endpointId: vpce-fw-a } ]',
      'subnetMappings: [ { subnet: fw-a, endpointId: vpce-fw-a }, { subnet: web-a } ]',
    );
    expectOnlyError(load(text), 'DUPLICATE_SUBNET_ZONE', at(text, '{ subnet: web-a }'), 'one endpoint per Availability Zone');
  });

  it('a Gateway Load Balancer endpoint has exactly one subnet and a known load balancer', () => {
    const text = `${BASE}gatewayLoadBalancers:\n  - { id: gwlb, subnets: [b-a] }\nvpcEndpoints:\n  - { id: vpce-g, vpc: vpc-a, type: gatewayLoadBalancer, gatewayLoadBalancer: gwlb, subnets: [web-a, fw-a] }\n`;
    expectOnlyError(load(text), 'INVALID_VALUE', at(text, '[web-a, fw-a]'), 'exactly one subnet');
  });

  it('stateful engine default actions need strict order', () => {
    const text = BASE.replace('  - { id: pol }', "  - { id: pol, statefulDefaultActions: ['aws:drop_strict'] }");
    expectOnlyError(load(text), 'INVALID_VALUE', at(text, 'statefulDefaultActions'), 'STRICT_ORDER');
  });
});
