// Hybrid networks: Direct Connect and VPN to a virtual private gateway and a transit gateway (route priority, allowed
// prefixes, Direct Connect gateway attachments) and security-group references across a transit gateway. Each semantic
// has an ACCEPT/REJECT (or winner/loser) pair and cites the AWS page it follows.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTopologyText } from '../../src/index.js';
import { at, expectOnlyError } from '../helpers/diagnostics.js';
import { change, run } from '../helpers/trace.js';
import { hopDetail } from '../../src/render/trace-detail.js';

const HYBRID = readFileSync('scenarios/hybrid-dx-vpn.yaml', 'utf8');
const tcp443 = { protocol: 'tcp', port: 443 } as const;

describe('virtual private gateway route priority', () => {
  // https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html — longest prefix; then Direct Connect BGP, VPN static, VPN BGP
  it('the same prefix learned three ways goes over Direct Connect, and the hop says why', () => {
    const x = run(HYBRID, { from: 'app-1', to: '192.168.10.20', ...tcp443 });
    expect(x.verdict).toBe('ACCEPT');
    expect(x.fwd).toEqual(['sg-app', 'rt-app', 'vpc-app:default-acl', 'vgw-app', 'dxgw-private', 'vif-dc1']);
    const vgw = x.r.forward.hops.find((h) => h.component === 'vgw-app')!;
    expect(hopDetail(vgw)).toContain(
      'Direct Connect BGP route 192.168.0.0/16 over vif-dc1; preferred over VPN static 192.168.0.0/16 over vpn-static (lower priority), VPN BGP 192.168.0.0/16 over vpn-bgp (lower priority)',
    );
  });

  it('without Direct Connect, a VPN static route wins over the same prefix learned over VPN BGP', () => {
    const noDx = change(
      HYBRID,
      '  - { id: vif-dc1, type: private, directConnectGateway: dxgw-private, vlan: 101, asn: 65010, onPremisesCidrs: [192.168.0.0/16] }\n',
      '',
    );
    const x = run(noDx, { from: 'app-1', to: '192.168.10.20', ...tcp443 });
    expect(x.fwd.slice(-2)).toEqual(['vgw-app', 'vpn-static']);
    const bgpOnly = change(noDx, 'staticRoutesOnly: true, ', '');
    // both BGP now: the tie is not documented; the first written connection is used
    expect(run(bgpOnly, { from: 'app-1', to: '192.168.10.20', ...tcp443 }).fwd.at(-1)).toBe('vpn-static');
  });

  it('a longer VPN prefix wins over a shorter Direct Connect one', () => {
    const x = run(HYBRID, { from: 'app-1', to: '192.168.50.7', ...tcp443 });
    expect(x.verdict).toBe('ACCEPT');
    expect(x.fwd.slice(-2)).toEqual(['vgw-app', 'vpn-bgp']);
    expect(hopDetail(x.r.forward.hops.find((h) => h.component === 'vgw-app')!)).toContain('Direct Connect BGP 192.168.0.0/16 over vif-dc1 (shorter prefix)');
  });

  // https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html — the gateway forwards only prefixes a link routes
  it('a range no VPN connection or virtual interface routes is dropped at the gateway: REJECT', () => {
    const text = change(
      HYBRID,
      '    propagatingGateways: [vgw-app]\n',
      '    propagatingGateways: [vgw-app]\n    routes:\n      # vpcsim-disable-next-line VPC020\n      - { destination: 10.200.0.0/16, target: vgw-app }\n',
    );
    const x = run(text, { from: 'app-1', to: '10.200.0.5', ...tcp443 });
    expect(x.verdict).toBe('REJECT');
    expect(x.blockedBy).toBe('vgw-app');
    expect(x.reason).toBe('NO_ROUTE_TO_DESTINATION');
  });
});

describe('Direct Connect allowed prefixes', () => {
  // https://docs.aws.amazon.com/directconnect/latest/UserGuide/allowed-to-prefixes.html — a VPC CIDR is advertised only when an allowed prefix is the same or wider
  it('on-premises reaches the VPC over Direct Connect when the VPC CIDR is allowed: ACCEPT', () => {
    const x = run(HYBRID, { from: '192.168.10.20', to: 'app-1', ...tcp443 });
    expect(x.verdict).toBe('ACCEPT');
    expect(x.fwd).toEqual(['vif-dc1', 'dxgw-private', 'vgw-app', 'vpc-app:default-acl', 'sg-app', 'app-1']);
    expect(
      run(change(HYBRID, 'allowedPrefixes: [10.60.0.0/16]', 'allowedPrefixes: [10.60.0.0/15]'), { from: '192.168.10.20', to: 'app-1', ...tcp443 }).verdict,
    ).toBe('ACCEPT');
  });

  it('an allowed prefix narrower than the VPC CIDR advertises nothing: REJECT DX_PREFIX_NOT_ADVERTISED', () => {
    const x = run(change(HYBRID, 'allowedPrefixes: [10.60.0.0/16]', 'allowedPrefixes: [10.60.1.0/24]'), { from: '192.168.10.20', to: 'app-1', ...tcp443 });
    expect(x.verdict).toBe('REJECT');
    expect(x.blockedBy).toBe('dxgw-private');
    expect(x.reason).toBe('DX_PREFIX_NOT_ADVERTISED');
    expect(hopDetail(x.r.forward.hops.at(-1)!)).toContain('are not the same as or wider than 10.60.0.0/16');
  });

  it('a transit gateway association advertises its allowed prefixes as written: ACCEPT inside them, REJECT outside', () => {
    const ok = run(HYBRID, { from: '172.16.4.4', to: 'shared-1', ...tcp443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.fwd.slice(0, 5)).toEqual(['vif-dc1-transit', 'dxgw-transit', 'tgw-hub', 'tgw-rt', 'att-shared']);
    const bad = run(change(HYBRID, 'allowedPrefixes: [10.70.0.0/16]', 'allowedPrefixes: [10.71.0.0/16]'), { from: '172.16.4.4', to: 'shared-1', ...tcp443 });
    expect(bad.verdict).toBe('REJECT');
    expect([bad.blockedBy, bad.reason]).toEqual(['dxgw-transit', 'DX_PREFIX_NOT_ADVERTISED']);
  });
});

describe('transit gateway Direct Connect gateway attachments', () => {
  // https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html — route evaluation order: Direct Connect gateway before VPN propagated routes
  it('the Direct Connect attachment propagates like a VPN one and wins the same prefix', () => {
    const x = run(HYBRID, { from: 'shared-1', to: '172.16.4.4', ...tcp443 });
    expect(x.verdict).toBe('ACCEPT');
    expect(x.fwd.slice(-4)).toEqual(['tgw-rt', 'att-dx', 'dxgw-transit', 'vif-dc1-transit']);
    expect(hopDetail(x.r.forward.hops.find((h) => h.component === 'tgw-rt')!)).toContain('preferred over propagated VPN route to att-vpn');
    const noDx = run(change(HYBRID, 'propagations: [att-shared, att-dx, att-vpn]', 'propagations: [att-shared, att-vpn]'), {
      from: 'shared-1',
      to: '172.16.4.4',
      ...tcp443,
    });
    expect(noDx.fwd.slice(-3)).toEqual(['tgw-rt', 'att-vpn', 'vpn-tgw']);
  });

  it('nothing propagated for a range: REJECT at the transit gateway route table', () => {
    const text = change(
      HYBRID,
      '      - { destination: 172.16.0.0/12, target: tgw-hub }\n',
      '      - { destination: 172.16.0.0/12, target: tgw-hub }\n      - { destination: 172.32.0.0/16, target: tgw-hub }\n',
    );
    const x = run(text, { from: 'shared-1', to: '172.32.0.9', ...tcp443 });
    expect([x.verdict, x.blockedBy, x.reason]).toEqual(['REJECT', 'tgw-rt', 'NO_ROUTE_TO_DESTINATION']);
  });

  // https://docs.aws.amazon.com/directconnect/latest/UserGuide/direct-connect-transit-gateways.html
  it('refuses a transit gateway association on a gateway with a private virtual interface, positioned', () => {
    const text = change(HYBRID, 'directConnectGateway: dxgw-transit, vlan: 102', 'directConnectGateway: dxgw-private, vlan: 102').replace(
      '      - { gateway: vgw-app, allowedPrefixes: [10.60.0.0/16] }\n',
      '      - { gateway: vgw-app, allowedPrefixes: [10.60.0.0/16] }\n      - { gateway: tgw-hub, allowedPrefixes: [10.70.0.0/16] }\n',
    );
    const r = loadTopologyText(text, 'x.yaml');
    const e = r.diagnostics.find((d) => d.code === 'INVALID_ASSOCIATION')!;
    expect({ line: e.line, col: e.col }).toEqual(at(text, 'tgw-hub, allowedPrefixes'));
    expect(e.message).toContain("it is associated with virtual private gateway 'vgw-app'");
  });

  it('a transit gateway association needs allowedPrefixes', () => {
    const text = change(HYBRID, '{ gateway: tgw-hub, allowedPrefixes: [10.70.0.0/16] }', '{ gateway: tgw-hub }');
    expectOnlyError(loadTopologyText(text, 'x.yaml'), 'MISSING_KEY', at(text, '{ gateway: tgw-hub }', 0), 'needs allowedPrefixes');
  });
});

const SGREF = `version: 1
vpcs:
  - { id: vpc-a, cidr: 10.0.0.0/16 }
  - { id: vpc-b, cidr: 10.1.0.0/16 }
subnets:
  - { id: sa, vpc: vpc-a, cidr: 10.0.0.0/24, az: us-east-1a, routeTable: rt-a }
  - { id: sb, vpc: vpc-b, cidr: 10.1.0.0/24, az: us-east-1a, routeTable: rt-b }
transitGateways:
  - { id: tgw-1, securityGroupReferencingSupport: true }
transitGatewayAttachments:
  - { id: att-a, transitGateway: tgw-1, vpc: vpc-a, subnets: [sa], routeTable: tgw-rt }
  - { id: att-b, transitGateway: tgw-1, vpc: vpc-b, subnets: [sb], routeTable: tgw-rt }
transitGatewayRouteTables:
  - { id: tgw-rt, transitGateway: tgw-1, propagations: [att-a, att-b] }
routeTables:
  - { id: rt-a, vpc: vpc-a, routes: [ { destination: 10.1.0.0/16, target: tgw-1 } ] }
  - { id: rt-b, vpc: vpc-b, routes: [ { destination: 10.0.0.0/16, target: tgw-1 } ] }
securityGroups:
  - { id: sg-client, vpc: vpc-a }
  - { id: sg-other, vpc: vpc-a }
  - { id: sg-db, vpc: vpc-b, inbound: [ { protocol: tcp, ports: 5432, source: sg-client } ] }
instances:
  - { id: client-1, subnet: sa, privateIp: 10.0.0.10, securityGroups: [sg-client] }
  - { id: other-1, subnet: sa, privateIp: 10.0.0.11, securityGroups: [sg-other] }
  - { id: db-1, subnet: sb, privateIp: 10.1.0.10, securityGroups: [sg-db] }
`;

describe('security-group references across a transit gateway', () => {
  // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html (security group referencing support) and
  // https://aws.amazon.com/blogs/networking-and-content-delivery/introducing-security-group-referencing-for-aws-transit-gateway/ — inbound rules only
  it("an inbound rule admits the peer VPC group's members: ACCEPT for a member, REJECT for another instance", () => {
    const ok = run(SGREF, { from: 'client-1', to: 'db-1', protocol: 'tcp', port: 5432 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.fwd).toContain('tgw-1');
    const no = run(SGREF, { from: 'other-1', to: 'db-1', protocol: 'tcp', port: 5432 });
    expect([no.verdict, no.blockedBy]).toEqual(['REJECT', 'sg-db']);
  });

  it('an outbound rule referencing across the transit gateway is refused, positioned', () => {
    const text = change(
      SGREF,
      '{ id: sg-client, vpc: vpc-a }',
      '{ id: sg-client, vpc: vpc-a, outbound: [ { protocol: tcp, ports: 5432, destination: sg-db } ] }',
    );
    expectOnlyError(loadTopologyText(text, 'x.yaml'), 'CROSS_VPC_REFERENCE', at(text, 'sg-db }'), 'inbound rules only');
  });

  it('the transit gateway option defaults to disabled (EC2 API): refused, positioned', () => {
    const text = change(SGREF, '{ id: tgw-1, securityGroupReferencingSupport: true }', '{ id: tgw-1 }');
    expectOnlyError(
      loadTopologyText(text, 'x.yaml'),
      'CROSS_VPC_REFERENCE',
      at(text, 'sg-client }'),
      "transit gateway 'tgw-1' has securityGroupReferencingSupport unset (AWS default: disabled)",
    );
  });

  it('an attachment with the option off refuses the reference, positioned', () => {
    const text = change(
      SGREF,
      'vpc: vpc-b, subnets: [sb], routeTable: tgw-rt }',
      'vpc: vpc-b, subnets: [sb], routeTable: tgw-rt, securityGroupReferencingSupport: false }',
    );
    expectOnlyError(
      loadTopologyText(text, 'x.yaml'),
      'CROSS_VPC_REFERENCE',
      at(text, 'sg-client }'),
      "attachment 'att-b' of 'tgw-1' has securityGroupReferencingSupport: false",
    );
  });
});
