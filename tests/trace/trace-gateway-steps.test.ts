// The hops at the VPC's edges and interfaces that stop a packet carry what happened as a typed step: an unassigned
// address, an interface with source/destination check on, the NAT gateway, the internet gateway and the egress-only
// internet gateway. render/ writes each one's detail and fix from it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hopDetail, hopFix } from '../../src/render/trace-detail.js';
import { traceJson } from '../../src/render/trace-text.js';
import type { Hop } from '../../src/trace/types.js';
import { trace, traceVerdict } from '../../src/trace/trace.js';
import { change, load, type Run, run } from '../helpers/trace.js';

// One VPC: a public subnet (internet gateway, public NAT gateway, a public instance), an application subnet routed to
// the NAT gateway whose instance has IPv6.
const GW = `version: 1
vpcs: [ { id: vpc-a, cidr: 10.0.0.0/16, ipv6Cidr: "2600:1f18:a::/56" } ]
internetGateways: [ { id: igw-a, vpc: vpc-a } ]
subnets:
  - { id: pub, vpc: vpc-a, cidr: 10.0.0.0/24, ipv6Cidr: "2600:1f18:a::/64", az: us-east-1a, routeTable: rt-pub }
  - { id: app, vpc: vpc-a, cidr: 10.0.1.0/24, ipv6Cidr: "2600:1f18:a:1::/64", az: us-east-1a, routeTable: rt-app }
natGateways: [ { id: nat-a, subnet: pub, privateIp: 10.0.0.100, publicIp: 54.0.0.100 } ]
routeTables:
  - { id: rt-pub, vpc: vpc-a, routes: [ { destination: 0.0.0.0/0, target: igw-a } ] }
  - { id: rt-app, vpc: vpc-a, routes: [ { destination: 0.0.0.0/0, target: nat-a } ] }
securityGroups:
  - id: sg-a
    vpc: vpc-a
    inbound: [ { protocol: all, source: 0.0.0.0/0 }, { protocol: all, source: "::/0" } ]
    outbound: [ { protocol: all, destination: 0.0.0.0/0 }, { protocol: all, destination: "::/0" } ]
instances:
  - { id: web, subnet: pub, privateIp: 10.0.0.10, publicIp: 54.0.0.10, securityGroups: [sg-a] }
  - { id: app-1, subnet: app, privateIp: 10.0.1.10, ipv6Addresses: ["2600:1f18:a:1::10"], securityGroups: [sg-a] }
`;

// vpc-b reaches vpc-a over a transit gateway, whose routes send everything to vpc-a; vpc-a has an internet gateway and
// an egress-only internet gateway.
const EDGE = `version: 1
vpcs:
  - { id: vpc-a, cidr: 10.0.0.0/16, ipv6Cidr: "2600:1f18:a::/56" }
  - { id: vpc-b, cidr: 10.1.0.0/16, ipv6Cidr: "2600:1f18:b::/56" }
internetGateways: [ { id: igw-a, vpc: vpc-a } ]
egressOnlyInternetGateways: [ { id: eigw-a, vpc: vpc-a } ]
subnets:
  - { id: sa, vpc: vpc-a, cidr: 10.0.0.0/24, ipv6Cidr: "2600:1f18:a::/64", az: us-east-1a, routeTable: rt-a }
  - { id: sb, vpc: vpc-b, cidr: 10.1.0.0/24, ipv6Cidr: "2600:1f18:b::/64", az: us-east-1a, routeTable: rt-b }
routeTables:
  - { id: rt-a, vpc: vpc-a, routes: [ { destination: 0.0.0.0/0, target: igw-a }, { destination: "::/0", target: eigw-a } ] }
  - { id: rt-b, vpc: vpc-b, routes: [ { destination: 0.0.0.0/0, target: tgw-1 }, { destination: "::/0", target: tgw-1 } ] }
transitGateways: [ { id: tgw-1 } ]
transitGatewayAttachments:
  - { id: att-a, transitGateway: tgw-1, vpc: vpc-a, subnets: [sa], routeTable: tgw-rt }
  - { id: att-b, transitGateway: tgw-1, vpc: vpc-b, subnets: [sb], routeTable: tgw-rt }
transitGatewayRouteTables:
  - { id: tgw-rt, transitGateway: tgw-1, routes: [ { destination: 0.0.0.0/0, attachment: att-a }, { destination: "::/0", attachment: att-a } ] }
securityGroups:
  - id: sg-a
    vpc: vpc-a
    inbound: [ { protocol: all, source: 0.0.0.0/0 }, { protocol: all, source: "::/0" } ]
    outbound: [ { protocol: all, destination: 0.0.0.0/0 }, { protocol: all, destination: "::/0" } ]
  - id: sg-b
    vpc: vpc-b
    outbound: [ { protocol: all, destination: 0.0.0.0/0 }, { protocol: all, destination: "::/0" } ]
instances:
  - { id: a1, subnet: sa, privateIp: 10.0.0.10, ipv6Addresses: ["2600:1f18:a::10"], securityGroups: [sg-a] }
  - { id: b1, subnet: sb, privateIp: 10.1.0.10, ipv6Addresses: ["2600:1f18:b::10"], securityGroups: [sg-b] }
`;

const RT_APP = '{ id: rt-app, vpc: vpc-a, routes: [ { destination: 0.0.0.0/0, target: nat-a } ] }';
const RT_PUB = '{ id: rt-pub, vpc: vpc-a, routes: [ { destination: 0.0.0.0/0, target: igw-a } ] }';
const withAppRoutes = (routes: string, base = GW): string => change(base, RT_APP, `{ id: rt-app, vpc: vpc-a, routes: [ ${routes} ] }`);

/** The hop that rejected (forward or return), checked against its step, detail and fix; --json writes the same words. */
function rejected(x: Run, reason: string, step: object, detail: string, fix: string | undefined): Hop {
  expect(x.reason).toBe(reason);
  const hops = [...x.r.forward.hops, ...(x.r.return?.hops ?? [])];
  const h = hops.find((y) => y.reason === reason)!;
  expect(hopDetail(h)).toBe(detail);
  expect(hopFix(h)).toBe(fix);
  expect(h.step).toMatchObject(step);
  expect(h.detail).toBeUndefined();
  const j = traceJson(x.r) as { forward: { hops: Hop[] }; return?: { hops: Hop[] } };
  const jh = [...j.forward.hops, ...(j.return?.hops ?? [])].find((y) => y.reason === reason)!;
  expect([jh.detail, jh.fix, jh.step]).toEqual([detail, fix, h.step]);
  return h;
}

describe('delivery and interfaces', () => {
  it('an address of the VPC that no interface holds (reached through NAT64: 64:ff9b::a00:163 is 10.0.1.99)', () => {
    const x = run(withAppRoutes('{ destination: "64:ff9b::/96", target: nat-a }'), { from: 'app-1', to: '64:ff9b::a00:163', port: 443 });
    rejected(
      x,
      'NO_INTERFACE_FOR_DESTINATION',
      { type: 'vpc', action: 'unassigned-address', vpc: 'vpc-a', address: '10.0.1.99' },
      'no interface in vpc-a has address 10.0.1.99',
      'check the destination address; 10.0.1.99 is inside vpc-a but unassigned',
    );
  });

  it('an instance route target with source/destination check on drops; with it off it forwards (a step without translation)', () => {
    const t = change(
      withAppRoutes('{ destination: 0.0.0.0/0, target: mb }'),
      '  - { id: web,',
      '  - { id: mb, subnet: pub, privateIp: 10.0.0.50, sourceNat: false, securityGroups: [sg-a] }\n  - { id: web,',
    );
    const x = run(t, { from: 'app-1', to: '8.8.8.8', port: 443 });
    rejected(
      x,
      'ENI_SOURCE_DEST_CHECK_RESTRICTION',
      { type: 'network-interface', action: 'source-dest-check', owner: 'mb' },
      'mb is a route target but has source/destination check enabled, so it drops traffic not addressed to it',
      'set sourceDestCheck: false on mb',
    );
    const ok = run(change(t, 'sourceNat: false,', 'sourceNat: false, sourceDestCheck: false,'), { from: 'app-1', to: '8.8.8.8', port: 443 });
    const fwd = ok.r.forward.hops.find((h) => h.component === 'mb' && h.decision === 'FORWARD')!;
    expect(fwd.step).toMatchObject({ type: 'network-interface', action: 'forward', owner: 'mb' });
    expect([hopDetail(fwd), hopFix(fwd)]).toEqual(['forwards (source/destination check off)', undefined]);
  });
});

describe('NAT gateway', () => {
  it('refuses a connection opened to it, from the internet or from its VPC', () => {
    rejected(
      run(GW, { from: 'internet', to: '54.0.0.100', port: 443 }),
      'NGW_NO_INBOUND',
      { type: 'nat-gateway', action: 'no-inbound', natGateway: 'nat-a', connectivity: 'public', origin: 'internet' },
      "NAT gateway nat-a (public) does not accept connections from the internet; it only returns replies to connections its VPC's resources opened",
      'to accept connections from the internet, give the destination a public IP in a public subnet, or put a load balancer in front of it',
    );
    rejected(
      run(GW, { from: 'app-1', to: '10.0.0.100', port: 443 }),
      'NGW_NO_INBOUND',
      { type: 'nat-gateway', action: 'no-inbound', vpc: 'vpc-a', origin: 'vpc' },
      "NAT gateway nat-a (public) does not accept connections (this one comes from vpc-a); it only returns replies to connections its VPC's resources opened",
      'connect to the instance behind the NAT gateway instead; a NAT gateway only translates connections opened from its side',
    );
  });

  it('passes only TCP, UDP and ICMP', () => {
    rejected(
      run(GW, { from: 'app-1', to: '8.8.8.8', protocol: 50 }),
      'PROTOCOL_RESTRICTION',
      { type: 'nat-gateway', action: 'unsupported-protocol', natGateway: 'nat-a', protocol: 50 },
      'NAT gateway nat-a passes only TCP, UDP and ICMP, not 50',
      'use TCP, UDP or ICMP, or a NAT instance',
    );
  });

  it('the reply of a connection from the internet routed to the NAT gateway', () => {
    const t = change(GW, 'ipv6Addresses: ["2600:1f18:a:1::10"],', 'publicIp: 54.0.1.10, ipv6Addresses: ["2600:1f18:a:1::10"],');
    rejected(
      run(t, { from: '198.51.100.7', to: '54.0.1.10', port: 443 }),
      'ASYMMETRIC_ROUTING',
      { type: 'nat-gateway', action: 'reply-translated', natGateway: 'nat-a', address: '198.51.100.7', sender: { subnet: 'app', routeTable: 'rt-app' } },
      'the reply is routed to NAT gateway nat-a, which would send it from its own address instead of the one the connection was opened to, so the client drops it',
      'route replies back the way the connection came in (in rt-app, the route table of app, route 198.51.100.7 the way it came in, not to nat-a)',
    );
  });

  it('IPv6 outside 64:ff9b::/96, and NAT64 of a protocol vpcsim does not simulate', () => {
    const t = withAppRoutes('{ destination: "::/0", target: nat-a }');
    rejected(
      run(t, { from: 'app-1', to: '2001:db8:ffff::1', port: 443 }),
      'NGW_NAT64_PREFIX_REQUIRED',
      { type: 'nat-gateway', action: 'outside-nat64-prefix', address: '2001:db8:ffff::1', prefix: '64:ff9b::/96' },
      'NAT gateway nat-a translates IPv6 only to IPv4 destinations written in the NAT64 prefix 64:ff9b::/96; 2001:db8:ffff::1 is not in it',
      'route other IPv6 traffic to an egress-only internet gateway (or an internet gateway); use 64:ff9b::/96 → the NAT gateway only for NAT64',
    );
    rejected(
      run(t, { from: 'app-1', to: '64:ff9b::808:808', protocol: 'icmpv6', icmpType: 128, icmpCode: 0 }),
      'PROTOCOL_RESTRICTION',
      { type: 'nat-gateway', action: 'nat64-not-simulated', natGateway: 'nat-a', traffic: { protocol: 58, icmpType: 128, icmpCode: 0 } },
      'vpcsim simulates NAT64 for TCP and UDP; icmpv6 type 128 code 0 through nat-a is not simulated',
      'trace TCP or UDP',
    );
  });

  it("its own subnet's route table: a route back to it, or none to the internet", () => {
    const loop = change(GW, 'subnet: pub, privateIp: 10.0.0.100', 'subnet: app, privateIp: 10.0.1.100');
    rejected(
      run(loop, { from: 'app-1', to: '8.8.8.8', port: 443 }),
      'ROUTING_LOOP',
      {
        type: 'route',
        action: 'nat-gateway-loop',
        routeTable: 'rt-app',
        natGateway: 'nat-a',
        subnet: 'app',
        destination: '0.0.0.0/0',
        internetGateway: 'igw-a',
      },
      'routing loop: NAT gateway nat-a is in app, whose route table rt-app routes 0.0.0.0/0 back to nat-a, so its own translated traffic returns to it',
      'move nat-a to a subnet whose route table has a route to igw-a, or give app such a route table',
    );
    const none = change(GW, RT_PUB, '{ id: rt-pub, vpc: vpc-a }');
    rejected(
      run(none, { from: 'app-1', to: '8.8.8.8', port: 443 }),
      'NO_ROUTE_TO_DESTINATION',
      { type: 'route', action: 'nat-gateway-no-route', routeTable: 'rt-pub', natGateway: 'nat-a', subnet: 'pub', address: '8.8.8.8', internetGateway: 'igw-a' },
      "public NAT gateway nat-a is in pub, whose route table rt-pub has no route for 8.8.8.8 (a public NAT gateway reaches the internet through its subnet's route to an internet gateway)",
      'add 0.0.0.0/0 → igw-a to rt-pub',
    );
    const h = rejected(
      run(change(none, 'internetGateways: [ { id: igw-a, vpc: vpc-a } ]\n', ''), { from: 'app-1', to: '8.8.8.8', port: 443 }),
      'NO_ROUTE_TO_DESTINATION',
      { type: 'route', action: 'nat-gateway-no-route', vpc: 'vpc-a' },
      "public NAT gateway nat-a is in pub, whose route table rt-pub has no route for 8.8.8.8 (a public NAT gateway reaches the internet through its subnet's route to an internet gateway)",
      'add 0.0.0.0/0 → <internet gateway> to rt-pub and attach an internet gateway to vpc-a',
    );
    expect(h.step).not.toHaveProperty('internetGateway');
  });
});

describe('internet gateway', () => {
  it('a source without a public IPv4 address; a private NAT gateway', () => {
    rejected(
      run(withAppRoutes('{ destination: 0.0.0.0/0, target: igw-a }'), { from: 'app-1', to: '8.8.8.8', port: 443 }),
      'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS',
      { type: 'internet-gateway', action: 'no-public-ip', gateway: 'igw-a', direction: 'egress', source: 'app-1', natGateway: false },
      'app-1 has no public IPv4 address, so igw-a cannot translate it',
      'give app-1 a public IP or Elastic IP, or route its internet traffic through a NAT gateway',
    );
    rejected(
      run(change(GW, 'privateIp: 10.0.0.100, publicIp: 54.0.0.100', 'privateIp: 10.0.0.100, connectivity: private'), {
        from: 'app-1',
        to: '8.8.8.8',
        port: 443,
      }),
      'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS',
      { type: 'internet-gateway', action: 'no-public-ip', source: 'nat-a', natGateway: true },
      'nat-a has no public IPv4 address, so igw-a cannot translate it',
      'nat-a is a private NAT gateway, which cannot reach the internet: use a public NAT gateway, or route this traffic to a transit or virtual private gateway',
    );
  });

  it('private destinations out, private sources in', () => {
    rejected(
      run(GW, { from: 'web', to: '172.16.5.5', port: 443 }),
      'IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS',
      { type: 'internet-gateway', action: 'private-destination', gateway: 'igw-a', address: '172.16.5.5', range: 'rfc1918' },
      'igw-a drops traffic to private address 172.16.5.5',
      'route 172.16.5.5 through peering, a transit gateway or a VPN instead of the internet gateway',
    );
    rejected(
      run(GW, { from: 'web', to: '100.64.0.5', port: 443 }),
      'IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS',
      { type: 'internet-gateway', action: 'private-destination', range: 'rfc6598' },
      'igw-a drops traffic to private address 100.64.0.5',
      'route 100.64.0.5 through peering, a transit gateway or a VPN instead of the internet gateway',
    );
    rejected(
      run(GW, { from: '100.64.0.1', to: 'web', port: 443 }),
      'IGW_SOURCE_ADDRESS_NOT_IN_RFC6598_INGRESS',
      { type: 'internet-gateway', action: 'private-source', direction: 'ingress', address: '100.64.0.1', destination: '54.0.0.10', range: 'rfc6598' },
      'igw-a drops inbound traffic from private address 100.64.0.1',
      'reach 54.0.0.10 from a public address, or connect the private network through a VPN, peering or a transit gateway',
    );
  });

  it('64:ff9b::/96 routed to the internet gateway leaves untranslated', () => {
    rejected(
      run(withAppRoutes('{ destination: "::/0", target: igw-a }'), { from: 'app-1', to: '64:ff9b::808:808', port: 443 }),
      'NAT64_PREFIX_NOT_TRANSLATED',
      { type: 'internet-gateway', action: 'nat64-untranslated', gateway: 'igw-a', address: '64:ff9b::808:808', ipv4: '8.8.8.8' },
      '64:ff9b::808:808 is in the NAT64 prefix 64:ff9b::/96 (it stands for the IPv4 host 8.8.8.8), but it leaves igw-a untranslated: no NAT gateway translates it, so it does not reach 8.8.8.8 (AWS does not document a translation anywhere else)',
      "route 64:ff9b::/96 to a public NAT gateway in the route table of the sender's subnet",
    );
  });

  it('a VPC without an internet gateway is unreachable from the internet, over IPv4 and IPv6', () => {
    const t = change(change(GW, 'internetGateways: [ { id: igw-a, vpc: vpc-a } ]\n', ''), RT_PUB, '{ id: rt-pub, vpc: vpc-a }');
    rejected(
      run(t, { from: '198.51.100.7', to: '54.0.0.10', port: 443 }),
      'NO_ROUTE_TO_DESTINATION',
      { type: 'vpc', action: 'no-internet-gateway', vpc: 'vpc-a', address: '54.0.0.10', ipv6: false },
      'vpc-a has no internet gateway, so 54.0.0.10 is unreachable from the internet',
      'attach an internet gateway to vpc-a',
    );
    rejected(
      run(t, { from: '2606:4700::1111', to: 'app-1', port: 443 }),
      'NO_ROUTE_TO_DESTINATION',
      { type: 'vpc', action: 'no-internet-gateway', vpc: 'vpc-a', address: '2600:1f18:a:1::10', ipv6: true },
      'vpc-a has no internet gateway',
      'attach an internet gateway to vpc-a',
    );
  });
});

describe('traffic from outside the VPC at its internet gateways', () => {
  it("the internet gateway forwards only its own VPC's traffic, IPv4 and IPv6", () => {
    rejected(
      run(EDGE, { from: 'b1', to: '8.8.8.8', port: 443 }),
      'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS',
      { type: 'internet-gateway', action: 'source-outside-vpc', gateway: 'igw-a', vpc: 'vpc-a', address: '10.1.0.10', ipv6: false },
      "10.1.0.10 is not an interface of vpc-a; igw-a forwards only its own VPC's traffic",
      'traffic from outside this VPC cannot use its internet gateway (no edge-to-edge routing)',
    );
    rejected(
      run(change(EDGE, '{ destination: "::/0", target: eigw-a }', '{ destination: "::/0", target: igw-a }'), { from: 'b1', to: '2606:4700::1111', port: 443 }),
      'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS',
      { type: 'internet-gateway', action: 'source-outside-vpc', address: '2600:1f18:b::10', ipv6: true },
      '2600:1f18:b::10 is not an interface of vpc-a',
      undefined,
    );
  });

  it('the egress-only internet gateway: no edge-to-edge routing', () => {
    rejected(
      run(EDGE, { from: 'b1', to: '2606:4700::1111', port: 443 }),
      'EDGE_TO_EDGE_ROUTING',
      { type: 'egress-only-internet-gateway', action: 'edge-to-edge', gateway: 'eigw-a', direction: 'egress', vpc: 'vpc-a', origin: 'tgw' },
      'traffic that entered vpc-a from outside cannot leave through eigw-a',
      undefined,
    );
  });

  it('the egress-only internet gateway refuses connections from the internet, and the reply of one that came in by the internet gateway', () => {
    const noIgw = change(change(EDGE, 'internetGateways: [ { id: igw-a, vpc: vpc-a } ]\n', ''), '{ destination: 0.0.0.0/0, target: igw-a }, ', '');
    rejected(
      run(noIgw, { from: '2606:4700::1111', to: 'a1', port: 443 }),
      'EIGW_NO_INBOUND',
      {
        type: 'egress-only-internet-gateway',
        action: 'no-inbound',
        gateway: 'eigw-a',
        direction: 'ingress',
        address: '2600:1f18:a::10',
        vpc: 'vpc-a',
        subnet: 'sa',
        owner: 'a1',
      },
      'eigw-a is egress-only: the internet cannot start connections to 2600:1f18:a::10',
      'attach an internet gateway to vpc-a and route ::/0 to it from sa if a1 must accept connections',
    );
    rejected(
      run(EDGE, { from: '2606:4700::1111', to: 'a1', port: 443 }),
      'EIGW_NO_INBOUND',
      { type: 'egress-only-internet-gateway', action: 'reply-not-tracked', gateway: 'eigw-a', direction: 'egress', internetGateway: 'igw-a' },
      'the reply would leave through eigw-a, but the connection came in through igw-a: an egress-only gateway lets only connections started from inside come back (AWS does not document the asymmetric case; vpcsim assumes the stateful gateway drops it)',
      'route ::/0 from this subnet to igw-a if it must accept IPv6 connections from the internet',
    );
  });

  it('a NAT gateway that traffic from the internet is routed to (behind a firewall endpoint) serves only its VPC', () => {
    const t = change(
      change(
        readFileSync('scenarios/ingress-firewall.yaml', 'utf8'),
        '      - { destination: 0.0.0.0/0, target: igw-main }\n',
        '      - { destination: 0.0.0.0/0, target: igw-main }\n      - { destination: 10.0.1.0/24, target: nat-x }\n',
      ),
      'internetGateways:\n',
      'natGateways: [ { id: nat-x, subnet: fw-a, privateIp: 10.0.0.5, publicIp: 54.9.9.9 } ]\n\ninternetGateways:\n',
    );
    rejected(
      run(t, { from: '198.51.100.7', to: 'web-a', port: 443 }),
      'NGW_REQUIRES_SOURCE_IN_VPC',
      { type: 'nat-gateway', action: 'source-outside-vpc', natGateway: 'nat-x', vpc: 'vpc-web', origin: 'internet' },
      'NAT gateway nat-x only serves sources in vpc-web; this packet came through the internet',
      'give the source VPC its own NAT gateway (NAT gateways cannot be used across peering or VPN connections)',
    );
  });
});

describe('runs without explanations', () => {
  it('build no step for these hops, and the batch verdict names the same hop and reason', () => {
    const t = load(GW);
    const flow = { from: 'internet', to: '54.0.0.100', port: 443 };
    const r = trace(t, { ...flow, explain: false, flowLogs: false });
    const h = r.forward.hops.find((y) => y.reason === 'NGW_NO_INBOUND')!;
    expect([h.component, h.step, hopDetail(h)]).toEqual(['nat-a', undefined, '']);
    expect(traceVerdict(t, flow)).toMatchObject({ verdict: 'REJECT', blockedBy: 'nat-a', reason: 'NGW_NO_INBOUND' });
  });
});
