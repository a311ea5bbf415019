// Documented AWS behaviours the tracer models: a peer VPC's Amazon DNS server, NAT gateways refusing connections.
import { describe, expect, it } from 'vitest';
import { hopFix } from '../../src/render/trace-detail.js';
import { run } from '../helpers/trace.js';

const PEERS = `version: 1
vpcs:
  - { id: vpc-a, cidr: 10.0.0.0/16 }
  - { id: vpc-b, cidr: 10.1.0.0/16 }
subnets:
  - { id: sa, vpc: vpc-a, cidr: 10.0.0.0/24, az: us-east-1a, routeTable: rt-a }
  - { id: sb, vpc: vpc-b, cidr: 10.1.0.0/24, az: us-east-1a, routeTable: rt-b }
peeringConnections: [ { id: pcx-ab, requesterVpc: vpc-a, accepterVpc: vpc-b } ]
routeTables:
  - { id: rt-a, vpc: vpc-a, routes: [ { destination: 10.1.0.0/16, target: pcx-ab } ] }
  - { id: rt-b, vpc: vpc-b, routes: [ { destination: 10.0.0.0/16, target: pcx-ab } ] }
securityGroups:
  - { id: sg-a, vpc: vpc-a, inbound: [ { protocol: all, source: 10.0.0.0/8 } ] }
  - { id: sg-b, vpc: vpc-b, inbound: [ { protocol: all, source: 10.0.0.0/8 } ] }
instances:
  - { id: a1, subnet: sa, privateIp: 10.0.0.10, securityGroups: [sg-a] }
  - { id: b1, subnet: sb, privateIp: 10.1.0.10, securityGroups: [sg-b] }
`;
const ACLA = 'vpc-a:default-acl';
const ACLB = 'vpc-b:default-acl';

describe('Amazon DNS of a peer VPC', () => {
  // https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html — "You cannot connect to or query the Amazon DNS server in a peer VPC."
  it("the sender's own VPC base + 2 answers on the host: ACCEPT", () => {
    const x = run(PEERS, { from: 'a1', to: '10.0.0.2', protocol: 'udp', port: 53 });
    expect(x.verdict).toBe('ACCEPT');
    expect(x.fwd).toEqual(['link-local']);
    expect(x.r.to.kind).toBe('link-local');
  });

  it("a peer VPC's base + 2 is routed like any address and nothing answers there: REJECT", () => {
    const x = run(PEERS, { from: 'a1', to: '10.1.0.2', protocol: 'udp', port: 53 });
    expect(x.verdict).toBe('REJECT');
    expect(x.blockedBy).toBe('vpc-b');
    expect(x.reason).toBe('NO_INTERFACE_FOR_DESTINATION');
    expect(x.fwd).toEqual(['sg-a', 'rt-a', ACLA, 'pcx-ab', 'vpc-b']);
    expect(x.r.to.kind).toBe('address');
  });

  it('169.254.169.253 still answers from any VPC', () => {
    expect(run(PEERS, { from: 'b1', to: '169.254.169.253', protocol: 'udp', port: 53 }).verdict).toBe('ACCEPT');
  });
});

// A private NAT gateway in vpc-a translates vpc-a's traffic toward vpc-b over a transit gateway.
const PRIVATE_NAT = `version: 1
vpcs:
  - { id: vpc-a, cidr: 10.0.0.0/16 }
  - { id: vpc-b, cidr: 10.1.0.0/16 }
subnets:
  - { id: sa-app, vpc: vpc-a, cidr: 10.0.1.0/24, az: us-east-1a, routeTable: rt-app }
  - { id: sa-nat, vpc: vpc-a, cidr: 10.0.0.0/24, az: us-east-1a, routeTable: rt-nat }
  - { id: sb, vpc: vpc-b, cidr: 10.1.0.0/24, az: us-east-1a, routeTable: rt-b }
natGateways: [ { id: nat-p, subnet: sa-nat, privateIp: 10.0.0.50, connectivity: private } ]
routeTables:
  - { id: rt-app, vpc: vpc-a, routes: [ { destination: 10.1.0.0/16, target: nat-p } ] }
  - { id: rt-nat, vpc: vpc-a, routes: [ { destination: 10.1.0.0/16, target: tgw-1 } ] }
  - { id: rt-b, vpc: vpc-b, routes: [ { destination: 10.0.0.0/16, target: tgw-1 } ] }
transitGateways: [ { id: tgw-1 } ]
transitGatewayAttachments:
  - { id: att-a, transitGateway: tgw-1, vpc: vpc-a, subnets: [sa-nat], routeTable: tgw-rt }
  - { id: att-b, transitGateway: tgw-1, vpc: vpc-b, subnets: [sb], routeTable: tgw-rt }
transitGatewayRouteTables: [ { id: tgw-rt, transitGateway: tgw-1, propagations: [att-a, att-b] } ]
securityGroups:
  - { id: sg-a, vpc: vpc-a, inbound: [ { protocol: all, source: 10.0.0.0/8 } ] }
  - { id: sg-b, vpc: vpc-b, inbound: [ { protocol: all, source: 10.0.0.0/8 } ] }
instances:
  - { id: a1, subnet: sa-app, privateIp: 10.0.1.10, securityGroups: [sg-a] }
  - { id: b1, subnet: sb, privateIp: 10.1.0.10, securityGroups: [sg-b] }
`;

describe('NAT gateways refuse connections opened to them', () => {
  // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html — a private NAT gateway: "Instances in private
  // subnets can connect to other VPCs or your on-premises network through a private NAT gateway ... the NAT gateway
  // can't receive unsolicited inbound connections from the other VPCs".
  it("a private NAT gateway translates its VPC's connection over the transit gateway: ACCEPT", () => {
    const x = run(PRIVATE_NAT, { from: 'a1', to: 'b1', port: 443 });
    expect(x.verdict).toBe('ACCEPT');
    expect(x.fwd).toEqual(['sg-a', 'rt-app', ACLA, ACLA, 'nat-p', 'rt-nat', ACLA, ACLA, 'att-a', 'tgw-1', 'tgw-rt', 'att-b', 'rt-b', 'sg-b', 'b1']);
    expect(x.r.forward.hops.at(-1)!.packet.src).toBe('10.0.0.50');
  });

  it('a connection opened to the private NAT gateway over the transit gateway: REJECT at the NAT gateway', () => {
    const x = run(PRIVATE_NAT, { from: 'b1', to: 'nat-p', port: 443 });
    expect(x.verdict).toBe('REJECT');
    expect(x.blockedBy).toBe('nat-p');
    expect(x.reason).toBe('NGW_NO_INBOUND');
    expect(x.fwd).toEqual(['sg-b', 'rt-b', ACLB, ACLB, 'att-b', 'tgw-1', 'tgw-rt', 'att-a', 'rt-nat', 'nat-p']);
    expect(x.r.explanation).toContain('transit gateway');
  });

  it('nor from an instance of its own VPC', () => {
    const x = run(PRIVATE_NAT, { from: 'a1', to: '10.0.0.50', port: 443 });
    expect(x).toMatchObject({ verdict: 'REJECT', blockedBy: 'nat-p', reason: 'NGW_NO_INBOUND' });
  });
});

const EGRESS = `version: 1
vpcs: [ { id: vpc-a, cidr: 10.0.0.0/16 } ]
internetGateways: [ { id: igw-a, vpc: vpc-a } ]
subnets:
  - { id: pub, vpc: vpc-a, cidr: 10.0.0.0/24, az: us-east-1a, routeTable: rt-pub }
  - { id: priv, vpc: vpc-a, cidr: 10.0.1.0/24, az: us-east-1a, routeTable: rt-priv }
natGateways: [ { id: nat-a, subnet: pub, privateIp: 10.0.0.100, publicIp: 54.0.0.100 } ]
routeTables:
  - id: rt-pub
    vpc: vpc-a
    routes:
      - { destination: 0.0.0.0/0, target: igw-a }
  - id: rt-priv
    vpc: vpc-a
    routes:
      - { destination: 0.0.0.0/0, target: nat-a }
securityGroups: [ { id: sg-1, vpc: vpc-a } ]
instances: [ { id: i1, subnet: priv, privateIp: 10.0.1.10, securityGroups: [sg-1] } ]
`;

describe('a NAT gateway in a subnet that routes back to it', () => {
  // https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-scenarios.html — "The NAT gateway is in a public subnet";
  // "the route table for the public subnet sends all internet traffic to the internet gateway".
  it('in a public subnet: ACCEPT through the internet gateway', () => {
    const x = run(EGRESS, { from: 'i1', to: '8.8.8.8', port: 443 });
    expect(x.verdict).toBe('ACCEPT');
    expect(x.fwd).toEqual(['sg-1', 'rt-priv', 'vpc-a:default-acl', 'vpc-a:default-acl', 'nat-a', 'rt-pub', 'vpc-a:default-acl', 'igw-a', 'internet']);
  });

  it('in the private subnet whose default route is itself: ROUTING_LOOP on the first repeat, with the specific reason', () => {
    const x = run(EGRESS.replace('subnet: pub, privateIp: 10.0.0.100', 'subnet: priv, privateIp: 10.0.1.100'), { from: 'i1', to: '8.8.8.8', port: 443 });
    expect(x.verdict).toBe('REJECT');
    expect(x.blockedBy).toBe('rt-priv');
    expect(x.reason).toBe('ROUTING_LOOP');
    expect(x.fwd).toEqual(['sg-1', 'rt-priv', 'nat-a', 'rt-priv']);
    expect(x.r.forward.hops.filter((h) => h.decision === 'NAT')).toHaveLength(1);
    expect(x.r.explanation).toContain('NAT gateway nat-a is in priv, whose route table rt-priv routes 0.0.0.0/0 back to nat-a');
    expect(x.r.explanation).toContain('move nat-a to a subnet whose route table has a route to igw-a');
    expect(x.r.forward.hops.at(-1)!.rule!.text).toBe('{ destination: 0.0.0.0/0, target: nat-a }');
  });
});

// A private subnet and a gateway endpoint for S3 associated with one route table but not the other.
const S3 = `version: 1
region: us-east-1
vpcs: [ { id: vpc-a, cidr: 10.0.0.0/16 } ]
subnets:
  - { id: app, vpc: vpc-a, cidr: 10.0.1.0/24, az: us-east-1a, routeTable: rt-app }
  - { id: db, vpc: vpc-a, cidr: 10.0.2.0/24, az: us-east-1a, routeTable: rt-db }
routeTables:
  - { id: rt-app, vpc: vpc-a }
  - { id: rt-db, vpc: vpc-a }
vpnGateways: [ { id: vgw-a, vpc: vpc-a } ]
vpnConnections: [ { id: vpn-dc, vpnGateway: vgw-a, onPremisesCidrs: [192.168.0.0/16] } ]
vpcEndpoints: [ { id: vpce-s3, vpc: vpc-a, type: gateway, service: s3, routeTables: [rt-app] } ]
securityGroups: [ { id: sg-1, vpc: vpc-a } ]
instances:
  - { id: app-1, subnet: app, privateIp: 10.0.1.10, securityGroups: [sg-1] }
  - { id: db-1, subnet: db, privateIp: 10.0.2.10, securityGroups: [sg-1] }
`;

describe('fixes name the resource that fixes it', () => {
  // https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html — "you associate the gateway endpoint with
  // route tables"; only subnets using an associated route table reach the service through it.
  it('from the associated route table, S3 is reached through the endpoint: ACCEPT', () => {
    const x = run(S3, { from: 'app-1', to: 's3', port: 443 });
    expect(x.verdict).toBe('ACCEPT');
    expect(x.fwd).toEqual(['sg-1', 'rt-app', 'vpc-a:default-acl', 'vpce-s3']);
  });

  it('from a route table not associated: REJECT, and the fix is to associate it with the endpoint', () => {
    const x = run(S3, { from: 'db-1', to: 's3', port: 443 });
    expect(x.verdict).toBe('REJECT');
    expect(x.blockedBy).toBe('rt-db');
    expect(x.reason).toBe('NO_ROUTE_TO_DESTINATION');
    expect(x.fwd).toEqual(['sg-1', 'rt-db']);
    expect(hopFix(x.r.forward.hops.at(-1)!)).toBe('associate rt-db with vpce-s3 (the s3 gateway endpoint of vpc-a), which adds the route');
    expect(x.r.forward.hops.at(-1)!.step).toMatchObject({ type: 'route', action: 'no-route', missing: { by: 'gateway-endpoint', endpoint: 'vpce-s3' } });
  });

  // https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html — both VPCs need a route to the other through the peering connection.
  it('a missing return route over peering names the peering connection and the route table', () => {
    const x = run(PEERS.replace('{ id: rt-b, vpc: vpc-b, routes: [ { destination: 10.0.0.0/16, target: pcx-ab } ] }', '{ id: rt-b, vpc: vpc-b }'), {
      from: 'a1',
      to: 'b1',
      port: 443,
    });
    expect(x.verdict).toBe('REJECT');
    expect(x.r.forward.verdict).toBe('ACCEPT');
    expect(x.blockedBy).toBe('rt-b');
    expect(x.reason).toBe('NO_ROUTE_TO_DESTINATION');
    expect(x.ret).toEqual(['sg-b', 'rt-b']);
    expect(hopFix(x.r.return!.hops.at(-1)!)).toBe('add a route for 10.0.0.0/16 (vpc-a) → pcx-ab to rt-b');
    expect(run(PEERS, { from: 'a1', to: 'b1', port: 443 }).verdict).toBe('ACCEPT');
  });
});

describe('on-premises to a gateway endpoint service', () => {
  // https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html — "Endpoint connections cannot be extended
  // out of a VPC. Resources on the other side of a VPN connection ... cannot use a gateway endpoint".
  it('is a question with an answer: REJECT at the gateway endpoint', () => {
    const x = run(S3, { from: '192.168.1.5', to: 's3', port: 443 });
    expect(x.verdict).toBe('REJECT');
    expect(x.blockedBy).toBe('vpce-s3');
    expect(x.reason).toBe('EDGE_TO_EDGE_ROUTING');
    expect(x.fwd).toEqual(['vpn-dc', 'vgw-a', 'vpce-s3']);
  });

  it('while on-premises reaches an instance over the same VPN: ACCEPT', () => {
    const x = run(
      S3.replace(
        'securityGroups: [ { id: sg-1, vpc: vpc-a } ]',
        'securityGroups: [ { id: sg-1, vpc: vpc-a, inbound: [ { protocol: tcp, ports: 443, source: 192.168.0.0/16 } ] } ]',
      ).replace('{ id: rt-app, vpc: vpc-a }', '{ id: rt-app, vpc: vpc-a, propagatingGateways: [vgw-a] }'),
      { from: '192.168.1.5', to: 'app-1', port: 443 },
    );
    expect(x.verdict).toBe('ACCEPT');
    expect(x.fwd).toEqual(['vpn-dc', 'vgw-a', 'vpc-a:default-acl', 'sg-1', 'app-1']);
  });
});

describe("a VPC's implicit default security group can be referenced", () => {
  // https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html — instances launched without a group
  // get the VPC's default group; https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html — a rule
  // may name a security group as its source.
  const T = `version: 1
vpcs: [ { id: vpc-a, cidr: 10.0.0.0/16 } ]
subnets: [ { id: s1, vpc: vpc-a, cidr: 10.0.1.0/24, az: us-east-1a } ]
securityGroups:
  - { id: sg-db, vpc: vpc-a, inbound: [ { protocol: tcp, ports: 5432, source: vpc-a:default-sg } ] }
instances:
  - { id: app, subnet: s1, privateIp: 10.0.1.10 }
  - { id: other, subnet: s1, privateIp: 10.0.1.12, securityGroups: [sg-db] }
  - { id: db, subnet: s1, privateIp: 10.0.1.11, securityGroups: [sg-db] }
`;
  it('a member of the default group is admitted: ACCEPT', () => {
    const x = run(T, { from: 'app', to: 'db', port: 5432 });
    expect(x.verdict).toBe('ACCEPT');
    expect(x.fwd).toEqual(['vpc-a:default-sg', 'vpc-a:main-rtb', 'sg-db', 'db']);
    expect(x.r.forward.hops[2]!.rule!.text).toBe('{ protocol: tcp, ports: 5432, source: vpc-a:default-sg }');
  });

  it('an instance outside the default group is not: REJECT', () => {
    const x = run(T, { from: 'other', to: 'db', port: 5432 });
    expect(x.verdict).toBe('REJECT');
    expect(x.blockedBy).toBe('sg-db');
    expect(x.reason).toBe('ENI_SG_RULES_MISMATCH');
    expect(x.fwd).toEqual(['sg-db', 'vpc-a:main-rtb', 'sg-db']);
  });
});
