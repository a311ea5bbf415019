// The AWS defaults the binder applies when a file leaves something out.
import { describe, expect, it } from 'vitest';
import { formatPrefix, loadTopologyText, parseIp, type Topology } from '../../src/index.js';

function bound(text: string): Topology {
  const r = loadTopologyText(text, 'defaults.yaml');
  expect(r.diagnostics).toEqual([]);
  return r.topology!;
}

const TWO_VPCS = `version: 1
vpcs:
  - id: vpc-a
    cidr: 10.0.0.0/16
    secondaryCidrs: [100.64.0.0/16]
    ipv6Cidr: 2600:1f18:aaaa:bb00::/56
  - id: vpc-b
    cidr: 10.9.0.0/16
subnets:
  - { id: a1, vpc: vpc-a, cidr: 10.0.1.0/24 }
  - { id: a2, vpc: vpc-a, cidr: 10.0.2.0/24, routeTable: rt-a, networkAcl: acl-empty }
  - { id: b1, vpc: vpc-b, cidr: 10.9.1.0/24 }
routeTables:
  - id: rt-a
    vpc: vpc-a
  - id: rt-b-main
    vpc: vpc-b
    main: true
networkAcls:
  - { id: acl-empty, vpc: vpc-a }
securityGroups:
  - { id: sg-open-out, vpc: vpc-a, inbound: [ { protocol: tcp, ports: 443, source: 0.0.0.0/0 } ] }
  - { id: sg-no-out, vpc: vpc-a, outbound: [] }
  - { id: sg-b, vpc: vpc-b }
instances:
  - { id: i-plain, subnet: a1, privateIp: 10.0.1.10 }
  - { id: i-grouped, subnet: a2, privateIp: 10.0.2.10, securityGroups: [sg-open-out] }
`;

const ip4 = (s: string): number => {
  const r = parseIp(s);
  if (!r.ok || typeof r.value !== 'number') throw new Error(s);
  return r.value;
};

describe('route tables', () => {
  // https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html
  it('a VPC without a main route table gets an implicit one with only the local routes', () => {
    const t = bound(TWO_VPCS);
    const vpcA = t.vpcs.find((v) => v.id === 'vpc-a')!;
    const main = vpcA.mainRouteTable;
    expect(main).toMatchObject({ id: 'vpc-a:main-rtb', main: true, implicit: true });
    expect(main.routes.map((r) => [formatPrefix(r.destination), r.origin, r.targetId])).toEqual([
      ['10.0.0.0/16', 'local', 'local'],
      ['100.64.0.0/16', 'local', 'local'],
      ['2600:1f18:aaaa:bb00::/56', 'local', 'local'],
    ]);
    expect(t.routeTables).toContain(main);
  });

  it('a subnet without routeTable uses the main route table, implicitly', () => {
    const t = bound(TWO_VPCS);
    const a1 = t.subnets.find((s) => s.id === 'a1')!;
    expect(a1.routeTable.id).toBe('vpc-a:main-rtb');
    expect(a1.implicitRouteTable).toBe(true);
    expect(a1.routeTable.subnets).toContain(a1);
  });

  it('a subnet without routeTable uses the route table marked main: true', () => {
    const t = bound(TWO_VPCS);
    const b1 = t.subnets.find((s) => s.id === 'b1')!;
    expect(b1.routeTable.id).toBe('rt-b-main');
    expect(b1.implicitRouteTable).toBe(true);
    expect(t.vpcs.find((v) => v.id === 'vpc-b')!.mainRouteTable.implicit).toBe(false);
  });

  it('a subnet with routeTable uses it, not the main one', () => {
    const t = bound(TWO_VPCS);
    const a2 = t.subnets.find((s) => s.id === 'a2')!;
    expect(a2.routeTable.id).toBe('rt-a');
    expect(a2.implicitRouteTable).toBe(false);
  });

  it('every route table has a local route for every VPC CIDR, IPv4 and IPv6', () => {
    const t = bound(TWO_VPCS);
    const rt = t.routeTables.find((r) => r.id === 'rt-a')!;
    expect(rt.routes.filter((r) => r.origin === 'local').map((r) => formatPrefix(r.destination))).toEqual([
      '10.0.0.0/16',
      '100.64.0.0/16',
      '2600:1f18:aaaa:bb00::/56',
    ]);
    expect(rt.routes.every((r) => r.origin !== 'local' || r.target.type === 'local')).toBe(true);
  });

  it('the local route answers lookups for VPC addresses; nothing else matches outside the VPC', () => {
    const t = bound(TWO_VPCS);
    const rt = t.routeTables.find((r) => r.id === 'rt-a')!;
    expect(rt.lookup4.lookup(ip4('100.64.3.4'))?.origin).toBe('local');
    expect(rt.lookup4.lookup(ip4('8.8.8.8'))).toBeUndefined();
  });

  it('a second main route table in one VPC is an error', () => {
    const r = loadTopologyText(
      TWO_VPCS.replace('  - id: rt-a\n    vpc: vpc-a\n', '  - id: rt-a\n    vpc: vpc-a\n    main: true\n  - id: rt-a2\n    vpc: vpc-a\n    main: true\n'),
      'x.yaml',
    );
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['MULTIPLE_MAIN_ROUTE_TABLES', "VPC 'vpc-a' already has main route table 'rt-a'"]]);
  });
});

describe('gateway endpoints', () => {
  // https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html
  const text = TWO_VPCS + 'vpcEndpoints:\n  - { id: vpce-s3, vpc: vpc-a, type: gateway, service: s3, routeTables: [rt-a] }\n';

  it("add a route for the service's prefix list to each route table they list", () => {
    const t = bound(text);
    const rt = t.routeTables.find((r) => r.id === 'rt-a')!;
    const ep = rt.routes.filter((r) => r.origin === 'endpoint');
    expect(ep.length).toBeGreaterThan(0);
    expect(ep.every((r) => r.targetId === 'vpce-s3' && r.target.type === 'endpoint' && r.prefixList?.id === 'com.amazonaws.us-east-1.s3')).toBe(true);
    expect(ep.map((r) => r.destination)).toEqual(ep[0]!.prefixList!.cidrs);
    const endpoint = t.vpcEndpoints.find((e) => e.id === 'vpce-s3')!;
    expect(endpoint.routeTables).toEqual([rt]);
  });

  it('and only to those: the main route table gets none', () => {
    const t = bound(text);
    expect(t.vpcs.find((v) => v.id === 'vpc-a')!.mainRouteTable.routes.some((r) => r.origin === 'endpoint')).toBe(false);
  });

  it('a customer prefix list with service: s3 overrides the shipped ranges', () => {
    const t = bound(text + 'prefixLists:\n  - { id: pl-s3, service: s3, cidrs: [52.216.0.0/15] }\n');
    const ep = t.routeTables.find((r) => r.id === 'rt-a')!.routes.filter((r) => r.origin === 'endpoint');
    expect(ep.map((r) => formatPrefix(r.destination))).toEqual(['52.216.0.0/15']);
  });
});

describe('network ACLs', () => {
  // https://docs.aws.amazon.com/vpc/latest/userguide/default-network-acl.html
  it('every VPC has a default network ACL allowing all traffic both ways, used by subnets without networkAcl', () => {
    const t = bound(TWO_VPCS);
    const vpcA = t.vpcs.find((v) => v.id === 'vpc-a')!;
    const acl = vpcA.defaultNetworkAcl;
    expect(acl).toMatchObject({ id: 'vpc-a:default-acl', isDefault: true, implicit: true });
    for (const dir of [acl.inbound, acl.outbound]) {
      expect(dir.map((r) => [r.number, r.protocol, formatPrefix(r.cidr), r.action])).toEqual([
        [100, -1, '0.0.0.0/0', 'allow'],
        [101, -1, '::/0', 'allow'],
      ]);
    }
    const a1 = t.subnets.find((s) => s.id === 'a1')!;
    expect(a1.networkAcl).toBe(acl);
    expect(acl.subnets).toContain(a1);
  });

  it('the default ACL of a VPC without IPv6 has no IPv6 rule', () => {
    const t = bound(TWO_VPCS);
    const acl = t.vpcs.find((v) => v.id === 'vpc-b')!.defaultNetworkAcl;
    expect(acl.inbound.map((r) => formatPrefix(r.cidr))).toEqual(['0.0.0.0/0']);
  });

  it('a custom ACL with no rules has no allow rules at all: its implicit * rule denies everything', () => {
    // https://docs.aws.amazon.com/vpc/latest/userguide/custom-network-acl.html
    const t = bound(TWO_VPCS);
    const acl = t.networkAcls.find((a) => a.id === 'acl-empty')!;
    expect(acl).toMatchObject({ isDefault: false, implicit: false, inbound: [], outbound: [] });
    expect(t.subnets.find((s) => s.id === 'a2')!.networkAcl).toBe(acl);
  });

  it('an ACL marked default: true replaces the implicit default', () => {
    const t = bound(TWO_VPCS.replace('  - { id: acl-empty, vpc: vpc-a }', '  - { id: acl-empty, vpc: vpc-a }\n  - { id: acl-def, vpc: vpc-b, default: true }'));
    const b1 = t.subnets.find((s) => s.id === 'b1')!;
    expect(b1.networkAcl.id).toBe('acl-def');
    expect(t.networkAcls.some((a) => a.id === 'vpc-b:default-acl')).toBe(false);
  });
});

describe('security groups', () => {
  // https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
  it('every VPC has a default group: inbound from itself, outbound to all (IPv6 too when the VPC has it)', () => {
    const t = bound(TWO_VPCS);
    const sg = t.vpcs.find((v) => v.id === 'vpc-a')!.defaultSecurityGroup;
    expect(sg).toMatchObject({ id: 'vpc-a:default-sg', isDefault: true, implicit: true });
    expect(sg.inbound).toHaveLength(1);
    expect(sg.inbound[0]).toMatchObject({ protocol: -1, peer: { type: 'sg', group: sg } });
    expect(sg.outbound.map((r) => (r.peer.type === 'cidr' ? [r.protocol, r.peer.text] : null))).toEqual([
      [-1, '0.0.0.0/0'],
      [-1, '::/0'],
    ]);
    const sgB = t.vpcs.find((v) => v.id === 'vpc-b')!.defaultSecurityGroup;
    expect(sgB.outbound.map((r) => (r.peer.type === 'cidr' ? r.peer.text : null))).toEqual(['0.0.0.0/0']);
  });

  it('an instance without securityGroups gets the default group of its VPC', () => {
    const t = bound(TWO_VPCS);
    const inst = t.instances.find((i) => i.id === 'i-plain')!;
    const sg = t.vpcs.find((v) => v.id === 'vpc-a')!.defaultSecurityGroup;
    expect(inst.primary.securityGroups).toEqual([sg]);
    expect(sg.members).toContain(inst.primary);
  });

  it('an instance with securityGroups gets exactly those', () => {
    const t = bound(TWO_VPCS);
    const inst = t.instances.find((i) => i.id === 'i-grouped')!;
    expect(inst.primary.securityGroups.map((g) => g.id)).toEqual(['sg-open-out']);
  });

  it('a group without outbound allows all outbound', () => {
    // https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
    const t = bound(TWO_VPCS);
    const sg = t.securityGroups.find((g) => g.id === 'sg-open-out')!;
    expect(sg.outbound.map((r) => [r.protocol, r.peer.type === 'cidr' ? r.peer.text : '', r.implicit])).toEqual([
      [-1, '0.0.0.0/0', true],
      [-1, '::/0', true],
    ]);
  });

  it('outbound: [] allows no outbound traffic', () => {
    const t = bound(TWO_VPCS);
    expect(t.securityGroups.find((g) => g.id === 'sg-no-out')!.outbound).toEqual([]);
  });

  it('a group without inbound allows no inbound traffic', () => {
    const t = bound(TWO_VPCS);
    expect(t.securityGroups.find((g) => g.id === 'sg-no-out')!.inbound).toEqual([]);
    expect(t.securityGroups.find((g) => g.id === 'sg-b')!.inbound).toEqual([]);
  });
});

describe('other defaults', () => {
  it('account and region default to 123456789012 and us-east-1; a subnet without az is in <region>a', () => {
    const t = bound(TWO_VPCS);
    expect(t.account).toBe('123456789012');
    expect(t.region).toBe('us-east-1');
    expect(t.subnets[0]!.az).toBe('us-east-1a');
  });

  it('routes propagated from a VPN gateway carry the connection on-premises prefixes', () => {
    // https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html
    const t = bound(
      TWO_VPCS.replace('  - id: rt-a\n    vpc: vpc-a\n', '  - id: rt-a\n    vpc: vpc-a\n    propagatingGateways: [vgw-a]\n') +
        'vpnGateways: [ { id: vgw-a, vpc: vpc-a } ]\nvpnConnections:\n  - { id: vpn-1, vpnGateway: vgw-a, customerGatewayIp: 198.51.100.1, onPremisesCidrs: [192.168.0.0/16] }\n',
    );
    const rt = t.routeTables.find((r) => r.id === 'rt-a')!;
    expect(rt.routes.filter((r) => r.origin === 'propagated').map((r) => [formatPrefix(r.destination), r.targetId])).toEqual([['192.168.0.0/16', 'vgw-a']]);
  });
});
