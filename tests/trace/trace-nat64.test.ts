// NAT64: https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-nat64-dns64.html — "a NAT gateway ... translates
// IPv6 addresses to IPv4": an IPv6 instance reaches 8.8.8.8 at 64:ff9b::808:808 through a route for 64:ff9b::/96 to a
// NAT gateway; a public NAT gateway's private IPv4 source becomes its Elastic IP at the internet gateway.
import { describe, expect, it } from 'vitest';
import { change, run } from '../helpers/trace.js';

const T = `version: 1
vpcs: [ { id: vpc-a, cidr: 10.0.0.0/16, ipv6Cidr: "2600:1f18:a::/56" } ]
internetGateways: [ { id: igw-a, vpc: vpc-a } ]
subnets:
  - { id: pub, vpc: vpc-a, cidr: 10.0.0.0/24, ipv6Cidr: "2600:1f18:a::/64", az: us-east-1a, routeTable: rt-pub }
  - { id: app, vpc: vpc-a, cidr: 10.0.1.0/24, ipv6Cidr: "2600:1f18:a:1::/64", az: us-east-1a, routeTable: rt-app }
natGateways: [ { id: nat-a, subnet: pub, privateIp: 10.0.0.100, publicIp: 54.0.0.100 } ]
routeTables:
  - { id: rt-pub, vpc: vpc-a, routes: [ { destination: 0.0.0.0/0, target: igw-a } ] }
  - { id: rt-app, vpc: vpc-a, routes: [ { destination: "64:ff9b::/96", target: nat-a } ] }
securityGroups: [ { id: sg-app, vpc: vpc-a } ]
instances:
  - { id: app-1, subnet: app, privateIp: 10.0.1.10, ipv6Addresses: ["2600:1f18:a:1::10"], securityGroups: [sg-app] }
`;
const ACL = 'vpc-a:default-acl';

describe('NAT64 through a public NAT gateway', () => {
  it('64:ff9b::808:808 reaches 8.8.8.8: translated to the private, then the Elastic IP, out through the internet gateway: ACCEPT', () => {
    const x = run(T, { from: 'app-1', to: '64:ff9b::808:808', port: 443 });
    expect(x.verdict).toBe('ACCEPT');
    expect(x.fwd).toEqual(['sg-app', 'rt-app', ACL, ACL, 'nat-a', 'rt-pub', ACL, 'igw-a', 'internet']);
    const hops = x.r.forward.hops;
    expect(hops[4]).toMatchObject({ decision: 'NAT', packet: { src: '10.0.0.100', dst: '8.8.8.8' } });
    expect(hops[7]).toMatchObject({ decision: 'NAT', packet: { src: '54.0.0.100', dst: '8.8.8.8' } });
    expect(x.ret).toEqual(['internet', 'igw-a', ACL, 'nat-a', 'rt-pub', ACL, ACL, 'sg-app', 'app-1']);
    expect(x.r.return!.hops[3]!.packet).toMatchObject({ src: '64:ff9b::808:808', dst: '2600:1f18:a:1::10', dstPort: 49152 });
  });

  it('flow-log records on both sides of the NAT gateway carry the addresses each side saw', () => {
    const x = run(T, { from: 'app-1', to: '64:ff9b::808:808', port: 443 });
    const port = x.r.forward.hops[4]!.packet.srcPort;
    const rec = x.r.flowLogs.map((l) => l.split(' ').slice(2, 7).join(' '));
    expect(rec).toEqual([
      'eni-app-1 2600:1f18:a:1::10 64:ff9b::808:808 49152 443',
      'eni-nat-a 2600:1f18:a:1::10 64:ff9b::808:808 49152 443',
      `eni-nat-a 10.0.0.100 8.8.8.8 ${port} 443`,
      `eni-nat-a 8.8.8.8 10.0.0.100 443 ${port}`,
      'eni-nat-a 64:ff9b::808:808 2600:1f18:a:1::10 443 49152',
      'eni-app-1 64:ff9b::808:808 2600:1f18:a:1::10 443 49152',
    ]);
  });

  it('without a route for 64:ff9b::/96 the instance has no way to the IPv4 host: REJECT', () => {
    const x = run(change(T, '{ id: rt-app, vpc: vpc-a, routes: [ { destination: "64:ff9b::/96", target: nat-a } ] }', '{ id: rt-app, vpc: vpc-a }'), {
      from: 'app-1',
      to: '64:ff9b::808:808',
      port: 443,
    });
    expect(x).toMatchObject({ verdict: 'REJECT', blockedBy: 'rt-app', reason: 'NO_ROUTE_TO_DESTINATION' });
    expect(x.fwd).toEqual(['sg-app', 'rt-app']);
  });

  it('IPv6 outside 64:ff9b::/96 routed to the NAT gateway is not translated: REJECT at the NAT gateway', () => {
    const x = run(change(T, 'destination: "64:ff9b::/96", target: nat-a', 'destination: "::/0", target: nat-a'), {
      from: 'app-1',
      to: '2001:db8:ffff::1',
      port: 443,
    });
    expect(x).toMatchObject({ verdict: 'REJECT', blockedBy: 'nat-a', reason: 'NGW_NAT64_PREFIX_REQUIRED' });
    expect(x.fwd).toEqual(['sg-app', 'rt-app', ACL, ACL, 'nat-a']);
  });

  it('the NAT subnet needs its route to the internet gateway for the translated packet: REJECT at rt-pub', () => {
    const x = run(change(T, '{ id: rt-pub, vpc: vpc-a, routes: [ { destination: 0.0.0.0/0, target: igw-a } ] }', '{ id: rt-pub, vpc: vpc-a }'), {
      from: 'app-1',
      to: '64:ff9b::808:808',
      port: 443,
    });
    expect(x).toMatchObject({ verdict: 'REJECT', blockedBy: 'rt-pub', reason: 'NO_ROUTE_TO_DESTINATION' });
    expect(x.fwd).toEqual(['sg-app', 'rt-app', ACL, ACL, 'nat-a', 'rt-pub']);
  });
});
