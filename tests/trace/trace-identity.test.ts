// Destination identity: ACCEPT only when the packet reaches the resource named in --to, and its reply reaches the
// interface that sent it.
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/trace.js';

// VPC A is peered with B and with C, whose CIDRs are identical. A sends 10.0.0.77/32 to B and the rest of 10.0.0.0/16 to C.
// https://docs.aws.amazon.com/vpc/latest/peering/peering-configurations-partial-access.html — "you can use a more specific
// route to route traffic to a specific VPC"; https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html —
// "Unicast reverse path forwarding in VPC peering connections is not supported".
const OVERLAP = `version: 1
vpcs:
  - { id: vpc-a, cidr: 10.1.0.0/16 }
  - { id: vpc-b, cidr: 10.0.0.0/16 }
  - { id: vpc-c, cidr: 10.0.0.0/16 }
subnets:
  - { id: sa, vpc: vpc-a, cidr: 10.1.0.0/24, az: us-east-1a, routeTable: rt-a }
  - { id: sb, vpc: vpc-b, cidr: 10.0.0.0/24, az: us-east-1a, routeTable: rt-b }
  - { id: sc, vpc: vpc-c, cidr: 10.0.0.0/24, az: us-east-1a, routeTable: rt-c }
peeringConnections:
  - { id: pcx-ab, requesterVpc: vpc-a, accepterVpc: vpc-b }
  - { id: pcx-ac, requesterVpc: vpc-a, accepterVpc: vpc-c }
routeTables:
  - { id: rt-a, vpc: vpc-a, routes: [ { destination: 10.0.0.77/32, target: pcx-ab }, { destination: 10.0.0.0/16, target: pcx-ac } ] }
  - { id: rt-b, vpc: vpc-b, routes: [ { destination: 10.1.0.0/16, target: pcx-ab } ] }
  - { id: rt-c, vpc: vpc-c, routes: [ { destination: 10.1.0.0/16, target: pcx-ac } ] }
securityGroups:
  - { id: sg-a, vpc: vpc-a, inbound: [ { protocol: all, source: 0.0.0.0/0 } ] }
  - { id: sg-b, vpc: vpc-b, inbound: [ { protocol: all, source: 0.0.0.0/0 } ] }
  - { id: sg-c, vpc: vpc-c, inbound: [ { protocol: all, source: 0.0.0.0/0 } ] }
instances:
  - { id: a1, subnet: sa, privateIp: 10.1.0.10, securityGroups: [sg-a] }
  - { id: b77, subnet: sb, privateIp: 10.0.0.77, securityGroups: [sg-b] }
  - { id: b88, subnet: sb, privateIp: 10.0.0.88, securityGroups: [sg-b] }
  - { id: c77, subnet: sc, privateIp: 10.0.0.77, securityGroups: [sg-c] }
  - { id: c88, subnet: sc, privateIp: 10.0.0.88, securityGroups: [sg-c] }
`;

describe('destination identity, forward', () => {
  it('overlapping peers: ACCEPT to the host the /32 leads to', () => {
    const x = run(OVERLAP, { from: 'a1', to: 'b77', port: 443 });
    expect(x.verdict).toBe('ACCEPT');
    expect(x.blockedBy).toBeNull();
    expect(x.fwd).toEqual(['sg-a', 'rt-a', 'vpc-a:default-acl', 'pcx-ab', 'vpc-b:default-acl', 'sg-b', 'b77']);
  });

  it('overlapping peers: REJECT when the same address in another VPC is named; blocked by the route table that chose the peering', () => {
    const x = run(OVERLAP, { from: 'a1', to: 'c77', port: 443 });
    expect(x.verdict).toBe('REJECT');
    expect(x.blockedBy).toBe('rt-a');
    expect(x.reason).toBe('DESTINATION_NOT_REACHED');
    // the walk stops at the wrong host, before its security groups: the routing decided, not b77's rules
    expect(x.fwd).toEqual(['sg-a', 'rt-a', 'vpc-a:default-acl', 'pcx-ab', 'vpc-b:default-acl', 'b77']);
    expect(x.r.forward.hops.at(-1)!.decision).toBe('DROP');
    expect(x.r.forward.verdict).toBe('REJECT');
    expect(x.r.forward.blockedAt).toBe(1);
    expect(x.r.forward.hops[1]!.reason).toBe('DESTINATION_NOT_REACHED');
    expect(x.r.explanation).toContain('arrives at b77 (10.0.0.77 in vpc-b)');
    expect(x.r.explanation).toContain('c77');
    expect(x.r.return).toBeNull();
    expect(x.r.to.id).toBe('c77');
  });

  it('a bare IP is followed, and to.id names the resource reached', () => {
    const x = run(OVERLAP, { from: 'a1', to: '10.0.0.77', port: 443 });
    expect(x.verdict).toBe('ACCEPT');
    expect(x.r.to.id).toBe('b77');
    expect(x.r.to.input).toBe('10.0.0.77');
    const y = run(OVERLAP, { from: 'a1', to: '10.0.0.88', port: 443 });
    expect(y.verdict).toBe('ACCEPT');
    expect(y.r.to.id).toBe('c88');
  });
});

describe('destination identity, reply', () => {
  it('the reply follows the /32 back to the host that sent: ACCEPT', () => {
    const x = run(OVERLAP, { from: 'b77', to: 'a1', port: 443 });
    expect(x.verdict).toBe('ACCEPT');
    expect(x.ret).toEqual(['sg-a', 'rt-a', 'vpc-a:default-acl', 'pcx-ab', 'vpc-b:default-acl', 'sg-b', 'b77']);
  });

  it('no unicast RPF: the reply to b88 goes to VPC C and reaches c88: REJECT, forward ACCEPT', () => {
    const x = run(OVERLAP, { from: 'b88', to: 'a1', port: 443 });
    expect(x.verdict).toBe('REJECT');
    expect(x.r.forward.verdict).toBe('ACCEPT');
    expect(x.returnVerdict).toBe('REJECT');
    expect(x.blockedBy).toBe('rt-a');
    expect(x.reason).toBe('REPLY_DELIVERED_ELSEWHERE');
    expect(x.fwd).toEqual(['sg-b', 'rt-b', 'vpc-b:default-acl', 'pcx-ab', 'vpc-a:default-acl', 'sg-a', 'a1']);
    expect(x.ret).toEqual(['sg-a', 'rt-a', 'vpc-a:default-acl', 'pcx-ac', 'vpc-c:default-acl', 'c88']);
    expect(x.r.explanation).toContain('arrives at c88 (10.0.0.88 in vpc-c)');
  });
});

// A more specific propagated VPN route wins over the peering route: https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html —
// "more specific routes always take priority irrespective of whether they are propagated routes, static routes, or routes that reference prefix lists".
const SPECIFIC = `version: 1
vpcs:
  - { id: vpc-a, cidr: 10.1.0.0/16 }
  - { id: vpc-d, cidr: 10.2.0.0/16 }
subnets:
  - { id: sa, vpc: vpc-a, cidr: 10.1.0.0/24, az: us-east-1a, routeTable: rt-a }
  - { id: sd, vpc: vpc-d, cidr: 10.2.0.0/24, az: us-east-1a, routeTable: rt-d }
vpnGateways: [ { id: vgw-a, vpc: vpc-a } ]
vpnConnections: [ { id: vpn-dc, vpnGateway: vgw-a, onPremisesCidrs: [10.2.0.0/24] } ]
peeringConnections: [ { id: pcx-ad, requesterVpc: vpc-a, accepterVpc: vpc-d } ]
routeTables:
  - { id: rt-a, vpc: vpc-a, propagatingGateways: [vgw-a], routes: [ { destination: 10.2.0.0/16, target: pcx-ad } ] }
  - { id: rt-d, vpc: vpc-d, routes: [ { destination: 10.1.0.0/16, target: pcx-ad } ] }
securityGroups:
  - { id: sg-a, vpc: vpc-a, inbound: [ { protocol: all, source: 0.0.0.0/0 } ] }
  - { id: sg-d, vpc: vpc-d, inbound: [ { protocol: all, source: 0.0.0.0/0 } ] }
instances:
  - { id: a1, subnet: sa, privateIp: 10.1.0.10, securityGroups: [sg-a] }
  - { id: d1, subnet: sd, privateIp: 10.2.0.5, securityGroups: [sg-d] }
  - { id: d2, subnet: sd, privateIp: 10.2.0.200, securityGroups: [sg-d] }
`;

describe('destination identity, a more specific route', () => {
  it('the propagated /24 sends d1 traffic to on-premises: REJECT at rt-a, the text says where it went', () => {
    const x = run(SPECIFIC.replace('10.2.0.200', '10.2.1.200').replace('cidr: 10.2.0.0/24, az', 'cidr: 10.2.0.0/23, az'), { from: 'a1', to: 'd1', port: 443 });
    expect(x.verdict).toBe('REJECT');
    expect(x.blockedBy).toBe('rt-a');
    expect(x.reason).toBe('DESTINATION_NOT_REACHED');
    expect(x.fwd).toEqual(['sg-a', 'rt-a', 'vpc-a:default-acl', 'vgw-a', 'vpn-dc']);
    expect(x.r.explanation).toContain('left to on-premises over vpn-dc');
  });

  it('outside the propagated /24, the peering route reaches d2: ACCEPT', () => {
    const x = run(SPECIFIC.replace('10.2.0.200', '10.2.1.200').replace('cidr: 10.2.0.0/24, az', 'cidr: 10.2.0.0/23, az'), { from: 'a1', to: 'd2', port: 443 });
    expect(x.verdict).toBe('ACCEPT');
    expect(x.fwd).toEqual(['sg-a', 'rt-a', 'vpc-a:default-acl', 'pcx-ad', 'vpc-d:default-acl', 'sg-d', 'd2']);
  });
});
