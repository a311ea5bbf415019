// A security group rule may list several ports or peers (an AWS IpPermission carries several IpRanges): it stands
// for one rule per (ports, peer) pair, each at the rule's own line. A network ACL entry has one CIDR and one port
// range in AWS (CreateNetworkAclEntry), so a list there is refused.
import { describe, expect, it } from 'vitest';
import { loadTopologyText, trace } from '../../src/index.js';

const FILE = 'lists.yaml';
const topo = (rule: string, acl = '') => `version: 1
vpcs: [ { id: vpc-a, cidr: 10.0.0.0/16 } ]
subnets: [ { id: s1, vpc: vpc-a, cidr: 10.0.1.0/24 }, { id: s2, vpc: vpc-a, cidr: 10.0.2.0/24 } ]
securityGroups:
  - { id: sg-web, vpc: vpc-a, inbound: [] }
  - id: sg-db
    vpc: vpc-a
    inbound:
      - ${rule}
${acl}instances:
  - { id: web-1, subnet: s1, privateIp: 10.0.1.10, securityGroups: [sg-web] }
  - { id: other, subnet: s2, privateIp: 10.0.2.20, securityGroups: [sg-web] }
  - { id: db-1, subnet: s2, privateIp: 10.0.2.10, securityGroups: [sg-db] }
`;

describe('lists in security group rules', () => {
  it('one rule per (ports, source) pair, each at the rule line', () => {
    const r = loadTopologyText(topo('{ protocol: tcp, ports: [5432, 6000-6010], source: [10.0.1.10/32, sg-web] }'), FILE);
    expect(r.diagnostics).toEqual([]);
    const sg = r.topology!.byId.get('sg-db') as { inbound: { src?: { path: (string | number)[] } }[] };
    expect(sg.inbound).toHaveLength(4);
    expect(new Set(sg.inbound.map((x) => x.src!.path.join('.')))).toEqual(new Set(['securityGroups.1.inbound.0']));
  });

  it('traces as the separate rules would: listed ports pass, others do not', () => {
    const t = loadTopologyText(topo('{ protocol: tcp, ports: [5432, 6000-6010], source: [10.0.1.10/32, 10.0.2.20/32] }'), FILE).topology!;
    for (const [from, port, verdict] of [
      ['web-1', 5432, 'ACCEPT'],
      ['other', 6005, 'ACCEPT'],
      ['web-1', 6011, 'REJECT'],
      ['other', 22, 'REJECT'],
    ] as const) {
      const res = trace(t, { from, to: 'db-1', port });
      expect(res.verdict, `${from} ${port}`).toBe(verdict);
      if (verdict === 'REJECT') expect(res.blockedBy).toBe('sg-db');
    }
  });

  it('a bad element is reported at its own place in the list', () => {
    const r = loadTopologyText(topo('{ protocol: tcp, ports: 443, source: [10.0.1.0/24, sg-nope] }'), FILE);
    expect(r.diagnostics).toMatchObject([{ code: 'UNKNOWN_REFERENCE', line: 9, col: 60 }]);
  });

  it('an empty list is refused', () => {
    const r = loadTopologyText(topo('{ protocol: tcp, ports: [], source: 10.0.1.0/24 }'), FILE);
    expect(r.diagnostics.map((d) => d.code)).toContain('INVALID_VALUE');
  });

  it('a network ACL entry takes one CIDR, as in AWS', () => {
    const acl = `networkAcls:\n  - { id: acl-a, vpc: vpc-a, inbound: [ { rule: 100, protocol: tcp, ports: 443, cidr: [10.0.0.0/16, 10.9.0.0/16], action: allow } ], outbound: [] }\n`;
    const r = loadTopologyText(topo('{ protocol: tcp, ports: 443, source: 10.0.1.0/24 }', acl), FILE);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['WRONG_TYPE']);
  });
});
