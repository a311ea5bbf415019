// Transit gateways as path components, peering between two transit gateways of the file, appliance mode and
// attachment options.
import { describe, expect, it } from 'vitest';
import { change, run } from '../helpers/trace.js';
import { hopDetail } from '../../src/render/trace-detail.js';

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
const noAcl = (c: string) => !c.endsWith(':default-acl');

describe('transit gateway peering inside the file', () => {
  it('follows the peer transit gateway when it is in the file: ACCEPT, both gateways on the path both ways', () => {
    const x = run(PEERED, { from: 'a1', to: 'b1', port: 443 });
    expect(x.verdict).toBe('ACCEPT');
    expect(x.fwd).toEqual(['sg-a', 'rt-a', ACLA, ACLA, 'att-a', 'tgw-1', 'rt-1', 'peer-12', 'peer-21', 'tgw-2', 'rt-2', 'att-b', 'rt-b', 'sg-b', 'b1']);
    expect(x.ret).toEqual(['sg-b', 'rt-b', ACLB, ACLB, 'att-b', 'tgw-2', 'rt-2', 'peer-21', 'peer-12', 'tgw-1', 'rt-1', 'att-a', 'rt-a', 'sg-a', 'a1']);
    const hop = x.r.forward.hops.find((h) => h.component === 'tgw-1')!;
    expect(hop.kind).toBe('transit-gateway');
    expect(hopDetail(hop)).toContain('rt-1');
  });

  it('a route loop between the two transit gateways is ROUTING_LOOP, not ACCEPT', () => {
    const x = run(PEERED, { from: 'a1', to: '192.0.2.10', port: 443 });
    expect(x.verdict).toBe('REJECT');
    expect(x.reason).toBe('ROUTING_LOOP');
    expect(x.blockedBy).toBe('rt-2');
    expect(x.fwd).toEqual([
      'sg-a',
      'rt-a',
      ACLA,
      ACLA,
      'att-a',
      'tgw-1',
      'rt-1',
      'peer-12',
      'peer-21',
      'tgw-2',
      'rt-2',
      'peer-21',
      'peer-12',
      'tgw-1',
      'rt-1',
      'peer-12',
      'peer-21',
      'rt-2',
    ]);
  });

  it('when the peer transit gateway is not in the file, the packet leaves the topology there', () => {
    const t = change(
      change(PEERED, '  - { id: peer-21, transitGateway: tgw-2, peerTransitGateway: tgw-1, routeTable: rt-2 }\n', ''),
      'peerTransitGateway: tgw-2',
      'peerTransitGateway: tgw-remote',
    );
    const x = run(t.replace('{ destination: 10.0.0.0/16, attachment: peer-21 }, { destination: 192.0.2.0/24, attachment: peer-21 }', ''), {
      from: 'a1',
      to: '192.0.2.10',
      port: 443,
    });
    expect(x.fwd.slice(-1)).toEqual(['peer-12']);
    expect(x.r.forward.hops.at(-1)!.decision).toBe('EXIT');
  });
});

// Two spokes in different zones, an inspection VPC with one firewall per zone.
// https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-appliance-scenario.html — "appliance mode ... ensures that
// the transit gateway continues to use the same Availability Zone for that VPC attachment over the lifetime of a flow".
const INSPECT = `version: 1
vpcs:
  - { id: vpc-a, cidr: 10.0.0.0/16 }
  - { id: vpc-b, cidr: 10.1.0.0/16 }
  - { id: vpc-i, cidr: 10.9.0.0/16 }
subnets:
  - { id: sa, vpc: vpc-a, cidr: 10.0.0.0/24, az: us-east-1a, routeTable: rt-spoke-a }
  - { id: sb, vpc: vpc-b, cidr: 10.1.0.0/24, az: us-east-1b, routeTable: rt-spoke-b }
  - { id: ti-a, vpc: vpc-i, cidr: 10.9.0.0/28, az: us-east-1a, routeTable: rt-ti-a }
  - { id: ti-b, vpc: vpc-i, cidr: 10.9.0.16/28, az: us-east-1b, routeTable: rt-ti-b }
  - { id: fw-sub-a, vpc: vpc-i, cidr: 10.9.1.0/24, az: us-east-1a, routeTable: rt-fw }
  - { id: fw-sub-b, vpc: vpc-i, cidr: 10.9.2.0/24, az: us-east-1b, routeTable: rt-fw }
routeTables:
  - { id: rt-spoke-a, vpc: vpc-a, routes: [ { destination: 10.0.0.0/8, target: tgw-1 } ] }
  - { id: rt-spoke-b, vpc: vpc-b, routes: [ { destination: 10.0.0.0/8, target: tgw-1 } ] }
  - { id: rt-ti-a, vpc: vpc-i, routes: [ { destination: 0.0.0.0/0, target: fw-a } ] }
  - { id: rt-ti-b, vpc: vpc-i, routes: [ { destination: 0.0.0.0/0, target: fw-b } ] }
  - { id: rt-fw, vpc: vpc-i, routes: [ { destination: 10.0.0.0/15, target: tgw-1 } ] }
transitGateways: [ { id: tgw-1 } ]
transitGatewayAttachments:
  - { id: att-a, transitGateway: tgw-1, vpc: vpc-a, subnets: [sa], routeTable: tgw-spoke }
  - { id: att-b, transitGateway: tgw-1, vpc: vpc-b, subnets: [sb], routeTable: tgw-spoke }
  - { id: att-i, transitGateway: tgw-1, vpc: vpc-i, subnets: [ti-a, ti-b], routeTable: tgw-insp, applianceMode: true }
transitGatewayRouteTables:
  - { id: tgw-spoke, transitGateway: tgw-1, routes: [ { destination: 0.0.0.0/0, attachment: att-i } ] }
  - { id: tgw-insp, transitGateway: tgw-1, propagations: [att-a, att-b] }
securityGroups:
  - { id: sg-a, vpc: vpc-a, inbound: [ { protocol: all, source: 10.0.0.0/8 } ] }
  - { id: sg-b, vpc: vpc-b, inbound: [ { protocol: all, source: 10.0.0.0/8 } ] }
  - { id: sg-fw, vpc: vpc-i, inbound: [ { protocol: tcp, ports: 443, source: 10.0.0.0/8 } ] }
instances:
  - { id: a1, subnet: sa, privateIp: 10.0.0.10, securityGroups: [sg-a] }
  - { id: b1, subnet: sb, privateIp: 10.1.0.10, securityGroups: [sg-b] }
  - { id: fw-a, subnet: fw-sub-a, privateIp: 10.9.1.10, sourceDestCheck: false, sourceNat: false, securityGroups: [sg-fw] }
  - { id: fw-b, subnet: fw-sub-b, privateIp: 10.9.2.10, sourceDestCheck: false, sourceNat: false, securityGroups: [sg-fw] }
`;

describe('transit gateway appliance mode', () => {
  it('on: the reply enters the inspection VPC in the zone the request used and passes the same firewall: ACCEPT', () => {
    const x = run(INSPECT, { from: 'a1', to: 'b1', port: 443 });
    expect(x.verdict).toBe('ACCEPT');
    expect(x.fwd).toContain('fw-a');
    expect(x.ret).toContain('fw-a');
    expect(x.ret).not.toContain('fw-b');
    const into = x.r.return!.hops.find((h) => h.component === 'att-i' && h.flow === 'egress')!;
    expect(hopDetail(into)).toContain('via ti-a (us-east-1a)');
    expect(x.ret.filter(noAcl)).toEqual([
      'sg-b',
      'rt-spoke-b',
      'att-b',
      'tgw-1',
      'tgw-spoke',
      'att-i',
      'rt-ti-a',
      'sg-fw',
      'fw-a',
      'sg-fw',
      'rt-fw',
      'att-i',
      'tgw-1',
      'tgw-insp',
      'att-a',
      'rt-spoke-a',
      'sg-a',
      'a1',
    ]);
  });

  it('off: zone affinity sends the reply to the firewall of the other zone, which never saw the flow: REJECT', () => {
    const x = run(change(INSPECT, ', applianceMode: true', ''), { from: 'a1', to: 'b1', port: 443 });
    expect(x.verdict).toBe('REJECT');
    expect(x.r.forward.verdict).toBe('ACCEPT');
    expect(x.blockedBy).toBe('sg-fw');
    expect(x.reason).toBe('ENI_SG_RULES_MISMATCH');
    expect(x.ret.filter(noAcl)).toEqual(['sg-b', 'rt-spoke-b', 'att-b', 'tgw-1', 'tgw-spoke', 'att-i', 'rt-ti-b', 'sg-fw']);
    expect(x.ret.at(-1)).toBe('sg-fw');
  });
});

// https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html — "IPv6 support: Select to enable IPv6 support for the attachment".
const V6 = `version: 1
vpcs:
  - { id: vpc-a, cidr: 10.0.0.0/16, ipv6Cidr: "2600:1f18:a::/56" }
  - { id: vpc-b, cidr: 10.1.0.0/16, ipv6Cidr: "2600:1f18:b::/56" }
subnets:
  - { id: sa, vpc: vpc-a, cidr: 10.0.0.0/24, ipv6Cidr: "2600:1f18:a::/64", az: us-east-1a, routeTable: rt-a }
  - { id: sb, vpc: vpc-b, cidr: 10.1.0.0/24, ipv6Cidr: "2600:1f18:b::/64", az: us-east-1a, routeTable: rt-b }
routeTables:
  - { id: rt-a, vpc: vpc-a, routes: [ { destination: "2600:1f18:b::/56", target: tgw-1 } ] }
  - { id: rt-b, vpc: vpc-b, routes: [ { destination: "2600:1f18:a::/56", target: tgw-1 } ] }
transitGateways: [ { id: tgw-1 } ]
transitGatewayAttachments:
  - { id: att-a, transitGateway: tgw-1, vpc: vpc-a, subnets: [sa], routeTable: tgw-rt, ipv6Support: true }
  - { id: att-b, transitGateway: tgw-1, vpc: vpc-b, subnets: [sb], routeTable: tgw-rt, ipv6Support: true }
transitGatewayRouteTables: [ { id: tgw-rt, transitGateway: tgw-1, propagations: [att-a, att-b] } ]
securityGroups:
  - { id: sg-a, vpc: vpc-a, inbound: [ { protocol: all, source: "::/0" } ] }
  - { id: sg-b, vpc: vpc-b, inbound: [ { protocol: all, source: "::/0" } ] }
instances:
  - { id: a1, subnet: sa, privateIp: 10.0.0.10, ipv6Addresses: ["2600:1f18:a::10"], securityGroups: [sg-a] }
  - { id: b1, subnet: sb, privateIp: 10.1.0.10, ipv6Addresses: ["2600:1f18:b::10"], securityGroups: [sg-b] }
`;

describe('transit gateway attachment ipv6Support', () => {
  it('on at both attachments: IPv6 crosses the transit gateway: ACCEPT', () => {
    const x = run(V6, { from: 'a1', to: 'b1', port: 443, ipv6: true });
    expect(x.verdict).toBe('ACCEPT');
    expect(x.fwd).toEqual(['sg-a', 'rt-a', ACLA, ACLA, 'att-a', 'tgw-1', 'tgw-rt', 'att-b', 'rt-b', 'sg-b', 'b1']);
  });

  it("off at the destination's attachment: IPv6 is dropped there: REJECT", () => {
    const x = run(
      change(V6, 'routeTable: tgw-rt, ipv6Support: true }\ntransitGatewayRouteTables', 'routeTable: tgw-rt, ipv6Support: false }\ntransitGatewayRouteTables'),
      { from: 'a1', to: 'b1', port: 443, ipv6: true },
    );
    expect(x.verdict).toBe('REJECT');
    expect(x.blockedBy).toBe('att-b');
    expect(x.reason).toBe('TGW_ATTACH_IPV6_NOT_SUPPORTED');
    expect(x.fwd).toEqual(['sg-a', 'rt-a', ACLA, ACLA, 'att-a', 'tgw-1', 'tgw-rt', 'att-b']);
  });

  it("off at the source's attachment: dropped on the way in; IPv4 still passes; absent: not checked", () => {
    const off = change(V6, 'routeTable: tgw-rt, ipv6Support: true }\n  - { id: att-b', 'routeTable: tgw-rt, ipv6Support: false }\n  - { id: att-b');
    const x = run(off, { from: 'a1', to: 'b1', port: 443, ipv6: true });
    expect(x).toMatchObject({ verdict: 'REJECT', blockedBy: 'att-a', reason: 'TGW_ATTACH_IPV6_NOT_SUPPORTED' });
    expect(x.fwd).toEqual(['sg-a', 'rt-a', 'att-a']);
    const v4 = off
      .replace('{ id: rt-a, vpc: vpc-a, routes: [', '{ id: rt-a, vpc: vpc-a, routes: [ { destination: 10.1.0.0/16, target: tgw-1 },')
      .replace('{ id: rt-b, vpc: vpc-b, routes: [', '{ id: rt-b, vpc: vpc-b, routes: [ { destination: 10.0.0.0/16, target: tgw-1 },')
      .replace(/source: "::\/0"/g, 'source: 10.0.0.0/8');
    expect(run(v4, { from: 'a1', to: 'b1', port: 443 }).verdict).toBe('ACCEPT');
    expect(run(V6.replace(/, ipv6Support: true/g, ''), { from: 'a1', to: 'b1', port: 443, ipv6: true }).verdict).toBe('ACCEPT');
  });
});
