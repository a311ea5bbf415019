// --protocol all asks whether every protocol passes: only rules for all protocols admit the probe packet.
import { describe, expect, it } from 'vitest';
import { change, run } from '../helpers/trace.js';

const BASE = `version: 1
vpcs:
  - { id: vpc-a, cidr: 10.0.0.0/16 }
subnets:
  - { id: app-a, vpc: vpc-a, cidr: 10.0.1.0/24, routeTable: rt-app }
  - { id: db-a, vpc: vpc-a, cidr: 10.0.2.0/24, routeTable: rt-app }
  - { id: public-a, vpc: vpc-a, cidr: 10.0.0.0/24, routeTable: rt-public }
internetGateways: [ { id: igw-a, vpc: vpc-a } ]
natGateways: [ { id: nat-a, subnet: public-a, publicIp: 203.0.113.10 } ]
routeTables:
  - { id: rt-app, vpc: vpc-a, routes: [ { destination: 0.0.0.0/0, target: nat-a } ] }
  - { id: rt-public, vpc: vpc-a, routes: [ { destination: 0.0.0.0/0, target: igw-a } ] }
securityGroups:
  - id: sg-db
    vpc: vpc-a
    inbound:
      - { protocol: all, source: 10.0.1.0/24 }
instances:
  - { id: app-1, subnet: app-a, privateIp: 10.0.1.10 }
  - { id: db-1, subnet: db-a, privateIp: 10.0.2.10, securityGroups: [sg-db] }
`;

describe('--protocol all', () => {
  it('passes where every filter allows all protocols, and the flow says all', () => {
    const x = run(BASE, { from: 'app-1', to: 'db-1', protocol: 'all' });
    expect(x.verdict).toBe('ACCEPT');
    expect(x.r.flow.protocol).toBe('all');
    expect(x.fwd).toEqual(['vpc-a:default-sg', 'rt-app', 'vpc-a:default-acl', 'vpc-a:default-acl', 'sg-db', 'db-1']);
  });

  it('is stopped by a rule for one protocol only, naming the group', () => {
    const x = run(change(BASE, '{ protocol: all, source: 10.0.1.0/24 }', '{ protocol: tcp, ports: 0-65535, source: 10.0.1.0/24 }'), {
      from: 'app-1',
      to: 'db-1',
      protocol: 'all',
    });
    expect([x.verdict, x.blockedBy, x.reason]).toEqual(['REJECT', 'sg-db', 'ENI_SG_RULES_MISMATCH']);
    expect(x.r.explanation).toContain('any protocol');
    // the same group passes TCP
    expect(
      run(change(BASE, '{ protocol: all, source: 10.0.1.0/24 }', '{ protocol: tcp, ports: 0-65535, source: 10.0.1.0/24 }'), {
        from: 'app-1',
        to: 'db-1',
        port: 5432,
      }).verdict,
    ).toBe('ACCEPT');
  });

  it('is stopped by a NAT gateway, which carries only TCP, UDP and ICMP', () => {
    const x = run(BASE, { from: 'app-1', to: 'internet', protocol: 'all' });
    expect([x.verdict, x.blockedBy, x.reason]).toEqual(['REJECT', 'nat-a', 'PROTOCOL_RESTRICTION']);
    expect(run(BASE, { from: 'app-1', to: 'internet', protocol: 'udp', port: 53 }).verdict).toBe('ACCEPT');
  });
});
