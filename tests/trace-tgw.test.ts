// Transit gateways as path components, peering between two transit gateways of the file, appliance mode and
// attachment options.
import { describe, expect, it } from 'vitest';
import { change, run } from './fixtures/trace/helpers.js';

// https://docs.aws.amazon.com/vpc/latest/tgw/tgw-peering.html — "To route traffic between the transit gateways, add a
// static route to the transit gateway route table that points to the transit gateway peering attachment."
const PEERED = `version: 1
vpcs:
  - { id: vpc-a, cidr: 10.0.0.0/16 }
  - { id: vpc-b, cidr: 10.1.0.0/16 }
subnets:
  - { id: sa, vpc: vpc-a, cidr: 10.0.0.0/24, az: us-east-1a, routeTable: rt-a }
  - { id: sb, vpc: vpc-b, cidr: 10.1.0.0/24, az: us-east-1a, routeTable: rt-b }
routeTables:
  - { id: rt-a, vpc: vpc-a, routes: [ { destination: 0.0.0.0/0, target: tgw-1 } ] }
  - { id: rt-b, vpc: vpc-b, routes: [ { destination: 0.0.0.0/0, target: tgw-2 } ] }
transitGateways: [ { id: tgw-1 }, { id: tgw-2 } ]
transitGatewayAttachments:
  - { id: att-a, transitGateway: tgw-1, vpc: vpc-a, subnets: [sa], routeTable: rt-1 }
  - { id: att-b, transitGateway: tgw-2, vpc: vpc-b, subnets: [sb], routeTable: rt-2 }
  - { id: peer-12, transitGateway: tgw-1, peerTransitGateway: tgw-2, routeTable: rt-1 }
  - { id: peer-21, transitGateway: tgw-2, peerTransitGateway: tgw-1, routeTable: rt-2 }
transitGatewayRouteTables:
  - id: rt-1
    transitGateway: tgw-1
    propagations: [att-a]
    routes: [ { destination: 10.1.0.0/16, attachment: peer-12 }, { destination: 192.0.2.0/24, attachment: peer-12 } ]
  - id: rt-2
    transitGateway: tgw-2
    propagations: [att-b]
    routes: [ { destination: 10.0.0.0/16, attachment: peer-21 }, { destination: 192.0.2.0/24, attachment: peer-21 } ]
securityGroups:
  - { id: sg-a, vpc: vpc-a, inbound: [ { protocol: all, source: 10.0.0.0/8 } ], outbound: [ { protocol: all, destination: 0.0.0.0/0 } ] }
  - { id: sg-b, vpc: vpc-b, inbound: [ { protocol: all, source: 10.0.0.0/8 } ] }
instances:
  - { id: a1, subnet: sa, privateIp: 10.0.0.10, securityGroups: [sg-a] }
  - { id: b1, subnet: sb, privateIp: 10.1.0.10, securityGroups: [sg-b] }
`;
const ACLA = 'vpc-a:default-acl';
const ACLB = 'vpc-b:default-acl';

describe('transit gateway peering inside the file', () => {
  it('follows the peer transit gateway when it is in the file: ACCEPT, both gateways on the path both ways', () => {
    const x = run(PEERED, { from: 'a1', to: 'b1', port: 443 });
    expect(x.verdict).toBe('ACCEPT');
    expect(x.fwd).toEqual(['sg-a', 'rt-a', ACLA, ACLA, 'att-a', 'tgw-1', 'rt-1', 'peer-12', 'peer-21', 'tgw-2', 'rt-2', 'att-b', 'rt-b', 'sg-b', 'b1']);
    expect(x.ret).toEqual(['sg-b', 'rt-b', ACLB, ACLB, 'att-b', 'tgw-2', 'rt-2', 'peer-21', 'peer-12', 'tgw-1', 'rt-1', 'att-a', 'rt-a', 'sg-a', 'a1']);
    const hop = x.r.forward.hops.find((h) => h.component === 'tgw-1')!;
    expect(hop.kind).toBe('transit-gateway');
    expect(hop.detail).toContain('rt-1');
  });

  it('a route loop between the two transit gateways is ROUTING_LOOP, not ACCEPT', () => {
    const x = run(PEERED, { from: 'a1', to: '192.0.2.10', port: 443 });
    expect(x.verdict).toBe('REJECT');
    expect(x.reason).toBe('ROUTING_LOOP');
    expect(x.blockedBy).toBe('rt-2');
    expect(x.fwd).toEqual(['sg-a', 'rt-a', ACLA, ACLA, 'att-a', 'tgw-1', 'rt-1', 'peer-12', 'peer-21', 'tgw-2', 'rt-2', 'peer-21', 'peer-12', 'tgw-1', 'rt-1', 'peer-12', 'peer-21', 'rt-2']);
  });

  it('when the peer transit gateway is not in the file, the packet leaves the topology there', () => {
    const t = change(change(PEERED, '  - { id: peer-21, transitGateway: tgw-2, peerTransitGateway: tgw-1, routeTable: rt-2 }\n', ''), 'peerTransitGateway: tgw-2', 'peerTransitGateway: tgw-remote');
    const x = run(t.replace('{ destination: 10.0.0.0/16, attachment: peer-21 }, { destination: 192.0.2.0/24, attachment: peer-21 }', ''), { from: 'a1', to: '192.0.2.10', port: 443 });
    expect(x.fwd.slice(-1)).toEqual(['peer-12']);
    expect(x.r.forward.hops.at(-1)!.decision).toBe('EXIT');
  });
});
