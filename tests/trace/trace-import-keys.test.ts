// The optional keys an AWS import needs: Elastic IPs on secondary private IPs, and routes marked propagated.
import { describe, expect, it } from 'vitest';
import { loadTopologyText } from '../../src/index.js';
import { change, load, run } from '../helpers/trace.js';
import { hopDetail } from '../../src/render/trace-detail.js';

const BASE = `version: 1
vpcs:
  - { id: vpc-a, cidr: 10.0.0.0/16 }
subnets:
  - { id: public-a, vpc: vpc-a, cidr: 10.0.1.0/24, routeTable: rt-public }
internetGateways: [ { id: igw-a, vpc: vpc-a } ]
vpnGateways: [ { id: vgw-a, vpc: vpc-a } ]
vpnConnections: [ { id: vpn-a, vpnGateway: vgw-a, onPremisesCidrs: [192.168.0.0/16] } ]
routeTables:
  - id: rt-public
    vpc: vpc-a
    routes:
      - { destination: 0.0.0.0/0, target: igw-a }
      - { destination: 192.168.10.0/24, target: igw-a }
securityGroups:
  - id: sg-web
    vpc: vpc-a
    inbound:
      - { protocol: tcp, ports: 443, source: 0.0.0.0/0 }
instances:
  - { id: web-1, subnet: public-a, privateIp: 10.0.1.10, publicIp: 54.0.0.10, secondaryPrivateIps: [10.0.1.11], secondaryPublicIps: [ { privateIp: 10.0.1.11, publicIp: 54.0.0.11 } ], securityGroups: [sg-web] }
`;

describe('secondaryPublicIps', () => {
  it('the internet reaches a secondary Elastic IP and the reply leaves from it', () => {
    const x = run(BASE, { from: 'internet', to: '54.0.0.11', port: 443 });
    expect(x.verdict).toBe('ACCEPT');
    const nat = x.r.forward.hops.find((h) => h.component === 'igw-a')!;
    expect(nat.packet.dst).toBe('10.0.1.11');
    const back = x.r.return!.hops.find((h) => h.component === 'igw-a')!;
    expect(back.packet.src).toBe('54.0.0.11');
  });

  it('traffic from the secondary private IP is translated to its own Elastic IP', () => {
    const x = run(BASE, { from: '10.0.1.11', to: 'internet', port: 443 });
    expect(x.verdict).toBe('ACCEPT');
    expect(x.r.forward.hops.find((h) => h.component === 'igw-a' && h.decision === 'NAT')!.packet.src).toBe('54.0.0.11');
  });

  it('a secondary private IP without an Elastic IP cannot use the internet gateway', () => {
    const t = change(BASE, 'secondaryPublicIps: [ { privateIp: 10.0.1.11, publicIp: 54.0.0.11 } ], ', '');
    const x = run(t, { from: '10.0.1.11', to: 'internet', port: 443 });
    expect(x.verdict).toBe('REJECT');
    expect(x.blockedBy).toBe('igw-a');
    expect(x.reason).toBe('IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS');
  });

  it('an Elastic IP for an address that is not a secondary private IP is an error at its position', () => {
    const t = change(BASE, '{ privateIp: 10.0.1.11, publicIp: 54.0.0.11 }', '{ privateIp: 10.0.1.12, publicIp: 54.0.0.11 }');
    const r = loadTopologyText(t, 'x.yaml');
    const d = r.diagnostics.find((x) => x.code === 'INVALID_REFERENCE')!;
    expect(d.message).toContain('10.0.1.12 is not a secondary private IP');
    const lines = t.split('\n');
    const at = lines.findIndex((l) => l.includes('10.0.1.12'));
    expect([d.line, d.col]).toEqual([at + 1, lines[at]!.indexOf('10.0.1.12') + 1]);
  });

  it('the same Elastic IP on two addresses is a duplicate', () => {
    const t = change(BASE, 'publicIp: 54.0.0.11 }', 'publicIp: 54.0.0.10 }');
    expect(loadTopologyText(t, 'x.yaml').diagnostics.map((d) => d.code)).toContain('DUPLICATE_IP');
  });
});

describe('origin: propagated on a route', () => {
  it('a static route beats a propagated one for the same prefix; the propagated one wins when alone', () => {
    // https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html#vpn-route-priority
    const both = change(
      BASE,
      '      - { destination: 192.168.10.0/24, target: igw-a }',
      '      - { destination: 192.168.10.0/24, target: vgw-a, origin: propagated }\n      - { destination: 192.168.20.0/24, target: vgw-a, origin: propagated }',
    );
    const t = load(both);
    const rt = t.routeTables.find((r) => r.id === 'rt-public')!;
    const r10 = rt.lookup4.lookup(0xc0a80a05)!;
    expect(r10.origin).toBe('propagated');
    expect(r10.targetId).toBe('vgw-a');
    const withStatic = change(
      both,
      '      - { destination: 0.0.0.0/0, target: igw-a }',
      '      - { destination: 0.0.0.0/0, target: igw-a }\n      - { destination: 192.168.20.0/24, target: igw-a }',
    );
    const r20 = load(withStatic)
      .routeTables.find((r) => r.id === 'rt-public')!
      .lookup4.lookup(0xc0a81405)!;
    expect([r20.origin, r20.targetId]).toEqual(['static', 'igw-a']);
    const twice = change(
      both,
      '192.168.20.0/24, target: vgw-a, origin: propagated }',
      '192.168.20.0/24, target: vgw-a, origin: propagated }\n      - { destination: 192.168.20.0/24, target: vgw-a, origin: propagated }',
    );
    expect(loadTopologyText(twice, 'x.yaml').diagnostics.map((d) => d.code)).toContain('DUPLICATE_ROUTE');
  });

  it('is shown as propagated on the route hop', () => {
    const t = change(
      BASE,
      '      - { destination: 192.168.10.0/24, target: igw-a }',
      '      - { destination: 192.168.10.0/24, target: vgw-a, origin: propagated }',
    );
    const x = run(t, { from: 'web-1', to: '192.168.10.5', port: 22 });
    expect(x.fwd).toEqual(['sg-web', 'rt-public', 'vpc-a:default-acl', 'vgw-a', 'vpn-a']);
    expect(hopDetail(x.r.forward.hops[1]!)).toContain('propagated route');
  });
});
