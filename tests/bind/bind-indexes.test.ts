// The lookups the binder builds once for the analysers: addresses per VPC (overlapping VPCs keep their own owner),
// security-group member addresses, IPv6 owners, reverse links, the shipped AWS service ranges and the written assertions.
import { describe, expect, it } from 'vitest';
import { formatPrefix, loadTopologyText, parseIp, type Topology } from '../../src/index.js';

function bound(text: string): Topology {
  const r = loadTopologyText(text, 'indexes.yaml');
  expect(r.diagnostics).toEqual([]);
  return r.topology!;
}

const ip = (s: string) => {
  const r = parseIp(s);
  if (!r.ok) throw new Error(s);
  return r.value;
};

const TWO_OVERLAPPING = `version: 1
region: us-east-1
vpcs:
  - { id: vpc-a, cidr: 10.0.0.0/16, ipv6Cidr: "2600:1f18:aaaa:bb00::/56" }
  - { id: vpc-b, cidr: 10.0.0.0/16 }
subnets:
  - { id: a1, vpc: vpc-a, cidr: 10.0.1.0/24, ipv6Cidr: "2600:1f18:aaaa:bb01::/64", routeTable: rt-a }
  - { id: a2, vpc: vpc-a, cidr: 10.0.2.0/24, routeTable: rt-a }
  - { id: b1, vpc: vpc-b, cidr: 10.0.1.0/24 }
routeTables:
  - { id: rt-a, vpc: vpc-a }
securityGroups:
  - { id: sg-web, vpc: vpc-a }
instances:
  - { id: web, subnet: a1, privateIp: 10.0.1.10, secondaryPrivateIps: [10.0.1.11], ipv6Addresses: ["2600:1f18:aaaa:bb01::10"], securityGroups: [sg-web] }
  - { id: other, subnet: b1, privateIp: 10.0.1.10 }
assertions:
  - { from: web, to: other, protocol: tcp, port: 443, expect: reject }
`;

describe('the bound topology holds the lookups the tracer uses', () => {
  const t = bound(TWO_OVERLAPPING);
  const vpc = (id: string) => t.vpcs.find((v) => v.id === id)!;

  it("an address used in two VPCs that are not connected belongs to each VPC's own interface", () => {
    expect(t.vpcAddr.get(vpc('vpc-a'))!.get(ip('10.0.1.10'))?.id).toBe('eni-web');
    expect(t.vpcAddr.get(vpc('vpc-b'))!.get(ip('10.0.1.10'))?.id).toBe('eni-other');
    expect(t.vpcAddr.get(vpc('vpc-a'))!.get(ip('10.0.1.11'))?.id).toBe('eni-web');
  });

  it("a group's member addresses include secondary and IPv6 addresses", () => {
    const sg = t.securityGroups.find((g) => g.id === 'sg-web')!;
    expect([...t.sgMembers.get(sg)!].map(String).sort()).toEqual([ip('10.0.1.10'), ip('10.0.1.11'), ip('2600:1f18:aaaa:bb01::10')].map(String).sort());
    expect(sg.members.map((e) => e.id)).toEqual(['eni-web']);
    expect(t.ipv6Owner.get(ip('2600:1f18:aaaa:bb01::10') as bigint)?.id).toBe('eni-web');
  });

  it('route tables know the subnets that use them', () => {
    expect(t.routeTables.find((r) => r.id === 'rt-a')!.subnets.map((s) => s.id)).toEqual(['a1', 'a2']);
  });

  it("the region's shipped S3 and DynamoDB ranges and the written assertions are bound", () => {
    expect(t.serviceRanges.get('s3')?.length).toBeGreaterThan(0);
    expect(
      t.serviceRanges
        .get('dynamodb')!
        .map(formatPrefix)
        .every((c) => c.includes('/')),
    ).toBe(true);
    expect(t.assertions).toHaveLength(1);
  });
});
