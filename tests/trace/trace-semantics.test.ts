// The tracer against the semantics of issue 3, one describe per numbered item. Each case builds a small
// topology from a base string plus one change and checks the verdict, the component that blocked, the reason
// code and the order of the components on the path. Expected paths are derived from the AWS pages cited in
// docs/aws-references.md, not from tracer output.
import { describe, expect, it } from 'vitest';
import { change, load, run } from '../helpers/trace.js';
import { hopDetail } from '../../src/render/trace-detail.js';

const ACL = 'vpc-a:default-acl'; // the VPC's implicit default network ACL: allows everything both ways
const ACLB = 'vpc-b:default-acl';

// One VPC: a public subnet routed to an internet gateway (NAT gateway, web server), two private subnets.
const BASE = `version: 1
name: t
region: us-east-1
vpcs:
  - { id: vpc-a, cidr: 10.0.0.0/16 }
subnets:
  - { id: sub-pub, vpc: vpc-a, cidr: 10.0.0.0/24, az: us-east-1a, routeTable: rt-pub }
  - { id: sub-1, vpc: vpc-a, cidr: 10.0.1.0/24, az: us-east-1a, routeTable: rt-1 }
  - { id: sub-2, vpc: vpc-a, cidr: 10.0.2.0/24, az: us-east-1a, routeTable: rt-2 }
internetGateways:
  - { id: igw-a, vpc: vpc-a }
natGateways:
  - { id: nat-a, subnet: sub-pub, privateIp: 10.0.0.100, publicIp: 54.0.0.100 }
routeTables:
  - id: rt-pub
    vpc: vpc-a
    routes:
      - { destination: 0.0.0.0/0, target: igw-a }
  - id: rt-1
    vpc: vpc-a
    routes:
      - { destination: 198.18.0.0/15, target: nat-a }
  - id: rt-2
    vpc: vpc-a
    routes: []
securityGroups:
  - id: sg-web
    vpc: vpc-a
    inbound:
      - { protocol: tcp, ports: 443, source: 0.0.0.0/0 }
  - id: sg-1
    vpc: vpc-a
    inbound:
      - { protocol: tcp, ports: 22, source: 10.99.0.0/16 }
  - id: sg-2
    vpc: vpc-a
    inbound:
      - { protocol: tcp, ports: 443, source: 10.0.1.0/24 }
instances:
  - { id: web, subnet: sub-pub, privateIp: 10.0.0.10, publicIp: 54.0.0.10, securityGroups: [sg-web] }
  - { id: web2, subnet: sub-pub, privateIp: 10.0.0.20, publicIp: 54.0.0.20, securityGroups: [sg-web] }
  - { id: i1, subnet: sub-1, privateIp: 10.0.1.10, securityGroups: [sg-1] }
  - { id: i1b, subnet: sub-1, privateIp: 10.0.1.11, securityGroups: [sg-2] }
  - { id: i2, subnet: sub-2, privateIp: 10.0.2.10, securityGroups: [sg-2] }
`;

// A second VPC peered with the first.
const PEERED = BASE.replace(
  '  - { id: vpc-a, cidr: 10.0.0.0/16 }\n',
  '  - { id: vpc-a, cidr: 10.0.0.0/16 }\n  - { id: vpc-b, cidr: 10.1.0.0/16 }\n  - { id: vpc-c, cidr: 10.2.0.0/16 }\n',
)
  .replace(
    'subnets:\n',
    'subnets:\n  - { id: sub-b, vpc: vpc-b, cidr: 10.1.1.0/24, az: us-east-1a, routeTable: rt-b }\n  - { id: sub-c, vpc: vpc-c, cidr: 10.2.1.0/24, az: us-east-1a, routeTable: rt-c }\n',
  )
  .replace(
    'routeTables:\n',
    `peeringConnections:
  - { id: pcx-ab, requesterVpc: vpc-a, accepterVpc: vpc-b }
  - { id: pcx-bc, requesterVpc: vpc-b, accepterVpc: vpc-c }
routeTables:
  - id: rt-b
    vpc: vpc-b
    routes:
      - { destination: 10.0.0.0/16, target: pcx-ab }
      - { destination: 10.2.0.0/16, target: pcx-bc }
  - id: rt-c
    vpc: vpc-c
    routes:
      - { destination: 10.1.0.0/16, target: pcx-bc }
`,
  )
  .replace(
    '      - { destination: 198.18.0.0/15, target: nat-a }\n',
    '      - { destination: 198.18.0.0/15, target: nat-a }\n      - { destination: 10.1.0.0/16, target: pcx-ab }\n      - { destination: 10.2.0.0/16, target: pcx-ab }\n',
  )
  .replace(
    'securityGroups:\n',
    `securityGroups:
  - id: sg-b
    vpc: vpc-b
    inbound:
      - { protocol: tcp, ports: 443, source: 10.0.1.0/24 }
  - id: sg-c
    vpc: vpc-c
    inbound:
      - { protocol: tcp, ports: 443, source: 10.0.0.0/8 }
`,
  )
  .replace(
    'instances:\n',
    'instances:\n  - { id: ib, subnet: sub-b, privateIp: 10.1.1.10, securityGroups: [sg-b] }\n  - { id: ic, subnet: sub-c, privateIp: 10.2.1.10, securityGroups: [sg-c] }\n',
  );

// The base plus a VPN gateway with one connection to 192.168.0.0/16.
const VPN = change(
  BASE,
  'routeTables:\n',
  `vpnGateways:
  - { id: vgw-a, vpc: vpc-a }
vpnConnections:
  - { id: vpn-1, vpnGateway: vgw-a, customerGatewayIp: 198.51.100.1, onPremisesCidrs: [192.168.0.0/16] }
routeTables:
`,
);

describe('1. security groups', () => {
  it('egress at the source, ingress at the destination: tcp/443 i1 → i2 passes, tcp/22 is refused by sg-2', () => {
    const ok = run(BASE, { from: 'i1', to: 'i2', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.blockedBy).toBeNull();
    expect(ok.reason).toBeNull();
    expect(ok.fwd).toEqual(['sg-1', 'rt-1', ACL, ACL, 'sg-2', 'i2']);
    const no = run(BASE, { from: 'i1', to: 'i2', port: 22 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('sg-2');
    expect(no.reason).toBe('ENI_SG_RULES_MISMATCH');
    expect(no.fwd).toEqual(['sg-1', 'rt-1', ACL, ACL, 'sg-2']);
    expect(no.r.forward.hops.at(-1)).toMatchObject({ decision: 'DENY', flow: 'ingress' });
  });

  it('an SG with no outbound rules stops the packet at the source before any route is looked up', () => {
    const t = change(
      BASE,
      '      - { protocol: tcp, ports: 22, source: 10.99.0.0/16 }\n',
      '      - { protocol: tcp, ports: 22, source: 10.99.0.0/16 }\n    outbound: []\n',
    );
    const no = run(t, { from: 'i1', to: 'i2', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('sg-1');
    expect(no.reason).toBe('ENI_SG_RULES_MISMATCH');
    expect(no.fwd).toEqual(['sg-1']);
    expect(no.r.forward.hops[0]).toMatchObject({ flow: 'egress', decision: 'DENY' });
  });

  it('a rule whose source is a security group matches the private IPs of that group members', () => {
    const t = change(BASE, '      - { protocol: tcp, ports: 443, source: 10.0.1.0/24 }\n', '      - { protocol: tcp, ports: 443, source: sg-1 }\n');
    const ok = run(t, { from: 'i1', to: 'i2', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.fwd).toEqual(['sg-1', 'rt-1', ACL, ACL, 'sg-2', 'i2']);
    // i1b is in the same subnet as i1 but in sg-2, not sg-1
    const no = run(t, { from: 'i1b', to: 'i2', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('sg-2');
    expect(no.reason).toBe('ENI_SG_RULES_MISMATCH');
    expect(no.fwd).toEqual(['sg-2', 'rt-1', ACL, ACL, 'sg-2']);
  });

  it('a security-group reference works across an active same-region peering, not across a pending one', () => {
    const t = change(
      PEERED,
      '      - { protocol: tcp, ports: 443, source: 10.0.1.0/24 }\n  - id: sg-c',
      '      - { protocol: tcp, ports: 443, source: sg-1 }\n  - id: sg-c',
    );
    const ok = run(t, { from: 'i1', to: 'ib', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.fwd).toEqual(['sg-1', 'rt-1', ACL, 'pcx-ab', ACLB, 'sg-b', 'ib']);
    const pending = change(
      t,
      '{ id: pcx-ab, requesterVpc: vpc-a, accepterVpc: vpc-b }',
      '{ id: pcx-ab, requesterVpc: vpc-a, accepterVpc: vpc-b, status: pending-acceptance }',
    );
    const no = run(pending, { from: 'i1', to: 'ib', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('pcx-ab');
  });

  it('a prefix list as a source matches its CIDRs', () => {
    const withPl = change(BASE, 'securityGroups:\n', 'prefixLists:\n  - { id: pl-clients, cidrs: [10.0.1.0/28, 172.16.0.0/12] }\nsecurityGroups:\n');
    const t = change(withPl, '      - { protocol: tcp, ports: 443, source: 10.0.1.0/24 }\n', '      - { protocol: tcp, ports: 443, source: pl-clients }\n');
    const ok = run(t, { from: 'i1', to: 'i2', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.r.forward.hops[4]).toMatchObject({ component: 'sg-2', decision: 'ALLOW' });
    const no = run(change(t, '10.0.1.0/28, 172.16.0.0/12', '10.0.1.16/28, 172.16.0.0/12'), { from: 'i1', to: 'i2', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('sg-2');
    expect(no.reason).toBe('ENI_SG_RULES_MISMATCH');
  });

  it('stateful: the reply passes the SGs though neither has a rule for it (sg-2 even has no outbound rules)', () => {
    const t = change(
      BASE,
      '      - { protocol: tcp, ports: 443, source: 10.0.1.0/24 }\n',
      '      - { protocol: tcp, ports: 443, source: 10.0.1.0/24 }\n    outbound: []\n',
    );
    const ok = run(t, { from: 'i1', to: 'i2', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.returnVerdict).toBe('ACCEPT');
    expect(ok.ret).toEqual(['sg-2', 'rt-2', ACL, ACL, 'sg-1', 'i1']);
    expect(ok.r.return!.hops.filter((h) => h.kind === 'security-group').every((h) => h.decision === 'ALLOW')).toBe(true);
    // but a new connection from i2 to i1 is refused by sg-2's (empty) outbound rules
    const no = run(t, { from: 'i2', to: 'i1', port: 49152 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('sg-2');
    expect(no.fwd).toEqual(['sg-2']);
  });
});

describe('2. network ACLs', () => {
  // sub-2 gets a custom ACL: tcp/443 in from sub-1, the ephemeral ports back out to it.
  const T = change(
    BASE,
    'securityGroups:\n',
    `networkAcls:
  - id: acl-2
    vpc: vpc-a
    inbound:
      - { rule: 100, protocol: tcp, ports: 443, cidr: 10.0.1.0/24, action: allow }
      - { rule: 200, protocol: tcp, ports: 80, cidr: 10.0.0.0/16, action: deny }
    outbound:
      - { rule: 100, protocol: tcp, ports: 1024-65535, cidr: 10.0.1.0/24, action: allow }
securityGroups:
`,
  )
    .replace('routeTable: rt-2 }', 'routeTable: rt-2, networkAcl: acl-2 }')
    .replace('      - { protocol: tcp, ports: 443, source: 10.0.1.0/24 }\n', '      - { protocol: all, source: 10.0.1.0/24 }\n');

  it('an allow rule passes the packet; the reply is evaluated separately with the ports swapped', () => {
    const ok = run(T, { from: 'i1', to: 'i2', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.fwd).toEqual(['sg-1', 'rt-1', ACL, 'acl-2', 'sg-2', 'i2']);
    expect(ok.ret).toEqual(['sg-2', 'rt-2', 'acl-2', ACL, 'sg-1', 'i1']);
    const back = ok.r.return!.hops.find((h) => h.component === 'acl-2')!;
    expect(back).toMatchObject({ flow: 'egress', decision: 'ALLOW', packet: { srcPort: 443, dstPort: 49152 } });
  });

  it('rules are evaluated in ascending order, the first match wins: a deny numbered 90 beats the allow numbered 100', () => {
    const t = change(
      T,
      '      - { rule: 100, protocol: tcp, ports: 443, cidr: 10.0.1.0/24, action: allow }\n',
      '      - { rule: 100, protocol: tcp, ports: 443, cidr: 10.0.1.0/24, action: allow }\n      - { rule: 90, protocol: tcp, ports: 400-500, cidr: 10.0.1.0/28, action: deny }\n',
    );
    const no = run(t, { from: 'i1', to: 'i2', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('acl-2');
    expect(no.reason).toBe('SUBNET_ACL_RESTRICTION');
    expect(no.fwd).toEqual(['sg-1', 'rt-1', ACL, 'acl-2']);
    expect(no.r.forward.hops.at(-1)!.rule!.text).toContain('rule: 90');
    // the same deny numbered above the allow never matches first
    const ok = run(change(t, 'rule: 90,', 'rule: 150,'), { from: 'i1', to: 'i2', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
  });

  it('a packet no rule matches falls to the implicit deny; an explicit deny rule is named', () => {
    const none = run(T, { from: 'i1', to: 'i2', port: 8443 });
    expect(none.verdict).toBe('REJECT');
    expect(none.blockedBy).toBe('acl-2');
    expect(none.reason).toBe('SUBNET_ACL_RESTRICTION');
    expect(none.r.forward.hops.at(-1)!.rule!.text).toMatch(/^\*/);
    const denied = run(T, { from: 'i1', to: 'i2', port: 80 });
    expect(denied.blockedBy).toBe('acl-2');
    expect(denied.r.forward.hops.at(-1)!.rule!.text).toContain('rule: 200');
  });

  it('the ephemeral-port problem: the forward packet passes, the reply is denied by the destination subnet outbound', () => {
    const t = change(
      T,
      '      - { rule: 100, protocol: tcp, ports: 1024-65535, cidr: 10.0.1.0/24, action: allow }\n',
      '      - { rule: 100, protocol: tcp, ports: 1024-32767, cidr: 10.0.1.0/24, action: allow }\n',
    );
    const r = run(t, { from: 'i1', to: 'i2', port: 443, srcPort: 49152 });
    expect(r.r.forward.verdict).toBe('ACCEPT');
    expect(r.returnVerdict).toBe('REJECT');
    expect(r.verdict).toBe('REJECT');
    expect(r.blockedBy).toBe('acl-2');
    expect(r.reason).toBe('SUBNET_ACL_RESTRICTION');
    expect(r.ret).toEqual(['sg-2', 'rt-2', 'acl-2']);
    expect(r.r.return!.hops.at(-1)).toMatchObject({ flow: 'egress', decision: 'DENY' });
    expect(r.r.explanation).toMatch(/reply/i);
    // a client that happens to use a port inside the open range gets its reply
    expect(run(t, { from: 'i1', to: 'i2', port: 443, srcPort: 30000 }).verdict).toBe('ACCEPT');
  });

  it('no network ACL between two interfaces of the same subnet; moving one to another subnet brings the ACL in', () => {
    const denyAll = change(BASE, 'securityGroups:\n', 'networkAcls:\n  - { id: acl-1, vpc: vpc-a, inbound: [], outbound: [] }\nsecurityGroups:\n').replace(
      'routeTable: rt-1 }',
      'routeTable: rt-1, networkAcl: acl-1 }',
    );
    const ok = run(denyAll, { from: 'i1', to: 'i1b', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.fwd).toEqual(['sg-1', 'rt-1', 'sg-2', 'i1b']);
    expect(ok.ret).toEqual(['sg-2', 'rt-1', 'sg-1', 'i1']);
    const moved = change(denyAll, '{ id: i1b, subnet: sub-1, privateIp: 10.0.1.11', '{ id: i1b, subnet: sub-2, privateIp: 10.0.2.11');
    const no = run(moved, { from: 'i1', to: 'i1b', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('acl-1');
    expect(no.fwd).toEqual(['sg-1', 'rt-1', 'acl-1']);
  });
});

describe('3. route tables', () => {
  it('longest prefix match: 192.168.0.0/16 → VPN beats 0.0.0.0/0 → NAT; without it the NAT path ends at the IGW (private destination)', () => {
    const t = change(
      VPN,
      '      - { destination: 198.18.0.0/15, target: nat-a }\n',
      '      - { destination: 0.0.0.0/0, target: nat-a }\n      - { destination: 192.168.0.0/16, target: vgw-a }\n',
    );
    const ok = run(t, { from: 'i1', to: '192.168.1.5', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.fwd).toEqual(['sg-1', 'rt-1', ACL, 'vgw-a', 'vpn-1']);
    const no = run(change(t, '      - { destination: 192.168.0.0/16, target: vgw-a }\n', ''), { from: 'i1', to: '192.168.1.5', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.fwd).toEqual(['sg-1', 'rt-1', ACL, ACL, 'nat-a', 'rt-pub', ACL, 'igw-a']);
    expect(no.blockedBy).toBe('igw-a');
    expect(no.reason).toBe('IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS');
  });

  it('the local route wins over a more specific propagated VPN route', () => {
    // vpn-1 advertises 10.0.2.0/24, which overlaps sub-2: "the local route is most preferred even if the propagated routes are more specific"
    const t = change(VPN, 'onPremisesCidrs: [192.168.0.0/16]', 'onPremisesCidrs: [192.168.0.0/16, 10.0.2.0/24]').replace(
      '  - id: rt-1\n    vpc: vpc-a\n',
      '  - id: rt-1\n    vpc: vpc-a\n    propagatingGateways: [vgw-a]\n',
    );
    const ok = run(t, { from: 'i1', to: 'i2', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.fwd).toEqual(['sg-1', 'rt-1', ACL, ACL, 'sg-2', 'i2']);
    expect(hopDetail(ok.r.forward.hops[1]!)).toContain('local');
    // the same propagation for an address outside the VPC does go to the VPN
    const out = run(t, { from: 'i1', to: '192.168.1.5', port: 443 });
    expect(out.fwd).toEqual(['sg-1', 'rt-1', ACL, 'vgw-a', 'vpn-1']);
  });

  it('a whole-subnet route more specific than local sends traffic through an appliance', () => {
    const t = change(BASE, '      - { destination: 198.18.0.0/15, target: nat-a }\n', '      - { destination: 10.0.2.0/24, target: fw }\n')
      .replace('securityGroups:\n', 'securityGroups:\n  - id: sg-fw\n    vpc: vpc-a\n    inbound:\n      - { protocol: all, source: 10.0.0.0/16 }\n')
      .replace('      - { protocol: tcp, ports: 443, source: 10.0.1.0/24 }\n', '      - { protocol: tcp, ports: 443, source: 10.0.0.0/16 }\n')
      .replace('instances:\n', 'instances:\n  - { id: fw, subnet: sub-pub, privateIp: 10.0.0.5, sourceDestCheck: false, securityGroups: [sg-fw] }\n');
    const ok = run(t, { from: 'i1', to: 'i2', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.fwd.slice(0, 2)).toEqual(['sg-1', 'rt-1']);
    expect(ok.fwd.indexOf('fw')).toBeGreaterThan(1);
    expect(ok.fwd.indexOf('rt-pub')).toBeGreaterThan(ok.fwd.indexOf('fw'));
    expect(ok.fwd.at(-1)).toBe('i2');
    // without the appliance route the packet goes straight to i2
    const direct = run(change(t, '      - { destination: 10.0.2.0/24, target: fw }\n', '      - { destination: 198.18.0.0/15, target: nat-a }\n'), {
      from: 'i1',
      to: 'i2',
      port: 443,
    });
    expect(direct.fwd).toEqual(['sg-1', 'rt-1', ACL, ACL, 'sg-2', 'i2']);
    // the appliance's own security group applies
    const no = run(change(t, '      - { protocol: all, source: 10.0.0.0/16 }\n', '      - { protocol: udp, ports: 53, source: 10.0.0.0/16 }\n'), {
      from: 'i1',
      to: 'i2',
      port: 443,
    });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('sg-fw');
    expect(no.fwd).toEqual(['sg-1', 'rt-1', ACL, ACL, 'sg-fw']);
  });

  it('a gateway endpoint prefix-list route beats 0.0.0.0/0 → NAT gateway (more specific)', () => {
    const t = change(BASE, '      - { destination: 198.18.0.0/15, target: nat-a }\n', '      - { destination: 0.0.0.0/0, target: nat-a }\n').replace(
      'routeTables:\n',
      'vpcEndpoints:\n  - { id: vpce-s3, vpc: vpc-a, type: gateway, service: s3, routeTables: [rt-1] }\nrouteTables:\n',
    );
    const ok = run(t, { from: 'i1', to: 's3', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.fwd).toEqual(['sg-1', 'rt-1', ACL, 'vpce-s3']);
    // associated with another table only: S3 traffic from sub-1 goes out through the NAT gateway
    const viaNat = run(change(t, 'routeTables: [rt-1] }', 'routeTables: [rt-2] }'), { from: 'i1', to: 's3', port: 443 });
    expect(viaNat.verdict).toBe('ACCEPT');
    expect(viaNat.fwd).toEqual(['sg-1', 'rt-1', ACL, ACL, 'nat-a', 'rt-pub', ACL, 'igw-a', 'internet']);
  });

  it('routes propagated from a VPN gateway; without the propagation there is no route', () => {
    const t = change(VPN, '  - id: rt-1\n    vpc: vpc-a\n', '  - id: rt-1\n    vpc: vpc-a\n    propagatingGateways: [vgw-a]\n');
    const ok = run(t, { from: 'i1', to: '192.168.1.5', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.fwd).toEqual(['sg-1', 'rt-1', ACL, 'vgw-a', 'vpn-1']);
    expect(hopDetail(ok.r.forward.hops[1]!)).toContain('propagated');
    const no = run(VPN, { from: 'i1', to: '192.168.1.5', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('rt-1');
    expect(no.reason).toBe('NO_ROUTE_TO_DESTINATION');
    expect(no.fwd).toEqual(['sg-1', 'rt-1']);
  });

  it('equal prefixes: a static route beats a propagated one', () => {
    const prop = change(
      PEERED,
      'routeTables:\n',
      `vpnGateways:
  - { id: vgw-a, vpc: vpc-a }
vpnConnections:
  - { id: vpn-1, vpnGateway: vgw-a, customerGatewayIp: 198.51.100.1, onPremisesCidrs: [192.168.0.0/16] }
routeTables:
`,
    ).replace('  - id: rt-1\n    vpc: vpc-a\n', '  - id: rt-1\n    vpc: vpc-a\n    propagatingGateways: [vgw-a]\n');
    expect(run(prop, { from: 'i1', to: '192.168.1.5', port: 443 }).verdict).toBe('ACCEPT');
    // a static 192.168.0.0/16 toward the peering wins, and the peering does not carry an address outside vpc-b
    const t = change(
      prop,
      '      - { destination: 10.1.0.0/16, target: pcx-ab }\n',
      '      - { destination: 10.1.0.0/16, target: pcx-ab }\n      - { destination: 192.168.0.0/16, target: pcx-ab }\n',
    );
    const no = run(t, { from: 'i1', to: '192.168.1.5', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.fwd).toEqual(['sg-1', 'rt-1', ACL, 'pcx-ab']);
    expect(no.blockedBy).toBe('pcx-ab');
    expect(no.reason).toBe('PCX_REQUIRES_ADDRESS_IN_VPC_CIDR');
  });

  it('a blackhole route drops the packet at the route table', () => {
    const t = change(VPN, '      - { destination: 198.18.0.0/15, target: nat-a }\n', '      - { destination: 192.168.0.0/16, target: vgw-a }\n');
    expect(run(t, { from: 'i1', to: '192.168.1.5', port: 443 }).verdict).toBe('ACCEPT');
    const no = run(change(t, '{ destination: 192.168.0.0/16, target: vgw-a }', '{ destination: 192.168.0.0/16, blackhole: true }'), {
      from: 'i1',
      to: '192.168.1.5',
      port: 443,
    });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('rt-1');
    expect(no.reason).toBe('BLACKHOLE_ROUTE');
    expect(no.fwd).toEqual(['sg-1', 'rt-1']);
  });

  it('no route → NO_ROUTE_TO_DESTINATION at the subnet route table; a default route to the NAT gateway fixes it', () => {
    const no = run(BASE, { from: 'i1', to: '8.8.8.8', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('rt-1');
    expect(no.reason).toBe('NO_ROUTE_TO_DESTINATION');
    expect(no.fwd).toEqual(['sg-1', 'rt-1']);
    const ok = run(change(BASE, '{ destination: 198.18.0.0/15, target: nat-a }', '{ destination: 0.0.0.0/0, target: nat-a }'), {
      from: 'i1',
      to: '8.8.8.8',
      port: 443,
    });
    expect(ok.verdict).toBe('ACCEPT');
  });
});

describe('4. internet gateway', () => {
  it('outbound IPv4 needs a public IP on the source: the IGW translates it 1:1', () => {
    const ok = run(BASE, { from: 'web', to: '8.8.8.8', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.fwd).toEqual(['sg-web', 'rt-pub', ACL, 'igw-a', 'internet']);
    const igw = ok.r.forward.hops[3]!;
    expect(igw).toMatchObject({ decision: 'NAT', packet: { src: '54.0.0.10', dst: '8.8.8.8' } });
    expect(ok.ret).toEqual(['internet', 'igw-a', ACL, 'sg-web', 'web']);
    const no = run(change(BASE, ', publicIp: 54.0.0.10,', ','), { from: 'web', to: '8.8.8.8', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('igw-a');
    expect(no.reason).toBe('IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS');
    expect(no.fwd).toEqual(['sg-web', 'rt-pub', ACL, 'igw-a']);
  });

  it('an instance named by its public IP as the source sends from its private IP; the IGW translates', () => {
    // VPC_Internet_Gateway.html: the IGW provides the one-to-one NAT "on behalf of your instance"
    const ok = run(BASE, { from: '54.0.0.10', to: '8.8.8.8', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.r.flow.srcIp).toBe('10.0.0.10');
    expect(ok.fwd).toEqual(['sg-web', 'rt-pub', ACL, 'igw-a', 'internet']);
    const local = run(BASE, { from: '54.0.0.10', to: 'web2', port: 443 });
    expect(local).toMatchObject({ verdict: 'ACCEPT', fwd: ['sg-web', 'rt-pub', 'sg-web', 'web2'], ret: ['sg-web', 'rt-pub', 'sg-web', 'web'] });
    expect(local.r.forward.hops.at(-1)!.packet.src).toBe('10.0.0.10');
  });

  it('a destination in RFC 1918 or RFC 6598 space is dropped at the IGW', () => {
    const a = run(BASE, { from: 'web', to: '172.16.5.5', port: 443 });
    expect(a.verdict).toBe('REJECT');
    expect(a.blockedBy).toBe('igw-a');
    expect(a.reason).toBe('IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS');
    expect(a.fwd).toEqual(['sg-web', 'rt-pub', ACL, 'igw-a']);
    const b = run(BASE, { from: 'web', to: '100.64.0.5', port: 443 });
    expect(b.reason).toBe('IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS');
    expect(run(BASE, { from: 'web', to: '172.32.5.5', port: 443 }).verdict).toBe('ACCEPT');
  });

  it('inbound from the internet to a public IP: IGW translation, the subnet ACL, the SG; the reply needs the IGW route', () => {
    const ok = run(BASE, { from: 'internet', to: '54.0.0.10', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.fwd).toEqual(['internet', 'igw-a', ACL, 'sg-web', 'web']);
    expect(ok.r.forward.hops[1]).toMatchObject({ decision: 'NAT', packet: { dst: '10.0.0.10' } });
    expect(ok.ret).toEqual(['sg-web', 'rt-pub', ACL, 'igw-a', 'internet']);
    const noRoute = change(BASE, '    routes:\n      - { destination: 0.0.0.0/0, target: igw-a }\n', '    routes: []\n');
    const no = run(noRoute, { from: 'internet', to: '54.0.0.10', port: 443 });
    expect(no.r.forward.verdict).toBe('ACCEPT');
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('rt-pub');
    expect(no.reason).toBe('NO_ROUTE_TO_DESTINATION');
    expect(no.ret).toEqual(['sg-web', 'rt-pub']);
    // the SG decides too
    expect(run(BASE, { from: 'internet', to: '54.0.0.10', port: 22 })).toMatchObject({
      verdict: 'REJECT',
      blockedBy: 'sg-web',
      fwd: ['internet', 'igw-a', ACL, 'sg-web'],
    });
  });

  it('to another public IP of the topology the packet hairpins back in through the IGW, with the public source', () => {
    const ok = run(BASE, { from: 'web', to: '54.0.0.20', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.fwd).toEqual(['sg-web', 'rt-pub', ACL, 'igw-a', 'internet', 'igw-a', ACL, 'sg-web', 'web2']);
    expect(ok.r.forward.hops.at(-1)!.packet).toMatchObject({ src: '54.0.0.10', dst: '10.0.0.20' });
    // web2's SG sees web's public address, so a rule for the VPC CIDR does not admit it
    const t = change(BASE, '      - { protocol: tcp, ports: 443, source: 0.0.0.0/0 }\n', '      - { protocol: tcp, ports: 443, source: 10.0.0.0/16 }\n');
    const no = run(t, { from: 'web', to: '54.0.0.20', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('sg-web');
    expect(no.fwd).toEqual(['sg-web', 'rt-pub', ACL, 'igw-a', 'internet', 'igw-a', ACL, 'sg-web']);
  });
});

describe('5. NAT gateway and NAT instance', () => {
  const NAT = change(BASE, '{ destination: 198.18.0.0/15, target: nat-a }', '{ destination: 0.0.0.0/0, target: nat-a }');

  it('SNAT to the private IP, then the Elastic IP at the IGW; the source port is remapped into 1024-65535', () => {
    const ok = run(NAT, { from: 'i1', to: '8.8.8.8', port: 443, srcPort: 40000 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.fwd).toEqual(['sg-1', 'rt-1', ACL, ACL, 'nat-a', 'rt-pub', ACL, 'igw-a', 'internet']);
    const nat = ok.r.forward.hops[4]!;
    expect(nat.decision).toBe('NAT');
    expect(nat.packet.src).toBe('10.0.0.100');
    expect(nat.packet.srcPort).toBeGreaterThanOrEqual(1024);
    expect(nat.packet.srcPort).toBeLessThanOrEqual(65535);
    expect(ok.r.forward.hops[7]!.packet.src).toBe('54.0.0.100');
    // the reply is translated back to i1's address and port
    expect(ok.ret).toEqual(['internet', 'igw-a', ACL, 'nat-a', 'rt-pub', ACL, ACL, 'sg-1', 'i1']);
    expect(ok.r.return!.hops.at(-1)!.packet).toMatchObject({ dst: '10.0.1.10', dstPort: 40000 });
    // no security group is evaluated at the NAT gateway
    expect(ok.r.forward.hops.filter((h) => h.kind === 'security-group').map((h) => h.component)).toEqual(['sg-1']);
  });

  it('a public NAT gateway needs a route to an internet gateway in its own subnet', () => {
    const no = run(change(NAT, '    routes:\n      - { destination: 0.0.0.0/0, target: igw-a }\n', '    routes: []\n'), {
      from: 'i1',
      to: '8.8.8.8',
      port: 443,
    });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('rt-pub');
    expect(no.reason).toBe('NO_ROUTE_TO_DESTINATION');
    expect(no.fwd).toEqual(['sg-1', 'rt-1', ACL, ACL, 'nat-a', 'rt-pub']);
  });

  it('a public IP does not help an instance whose subnet routes 0.0.0.0/0 to the NAT gateway: the reply would leave translated', () => {
    // VPC_Internet_Gateway.html: "Instances in the private subnet can't communicate with the internet over the internet gateway, even if they have public IP addresses."
    const t = change(
      NAT,
      '{ id: i1, subnet: sub-1, privateIp: 10.0.1.10, securityGroups: [sg-1] }',
      '{ id: i1, subnet: sub-1, privateIp: 10.0.1.10, publicIp: 54.0.1.10, securityGroups: [sg-web] }',
    );
    const no = run(t, { from: 'internet', to: '54.0.1.10', port: 443 });
    expect(no.r.forward.verdict).toBe('ACCEPT');
    expect(no.fwd).toEqual(['internet', 'igw-a', ACL, 'sg-web', 'i1']);
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('nat-a');
    expect(no.reason).toBe('ASYMMETRIC_ROUTING');
    expect(no.ret).toEqual(['sg-web', 'rt-1', ACL, ACL, 'nat-a']);
    const ok = run(change(t, '{ destination: 0.0.0.0/0, target: nat-a }', '{ destination: 0.0.0.0/0, target: igw-a }'), {
      from: 'internet',
      to: '54.0.1.10',
      port: 443,
    });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.ret).toEqual(['sg-web', 'rt-1', ACL, 'igw-a', 'internet']);
  });

  it('the internet cannot open a connection to the NAT gateway Elastic IP', () => {
    const no = run(NAT, { from: 'internet', to: '54.0.0.100', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('nat-a');
    expect(no.reason).toBe('NGW_NO_INBOUND');
    expect(no.fwd).toEqual(['internet', 'igw-a', ACL, 'nat-a']);
    // an instance's public IP in the same subnet is reachable
    expect(run(NAT, { from: 'internet', to: '54.0.0.10', port: 443 }).verdict).toBe('ACCEPT');
  });

  it('a peered VPC cannot use the NAT gateway: the peering carries only traffic for the peer VPC', () => {
    const t = change(PEERED, '      - { destination: 10.0.0.0/16, target: pcx-ab }\n', '      - { destination: 0.0.0.0/0, target: pcx-ab }\n');
    const no = run(t, { from: 'ib', to: '8.8.8.8', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('pcx-ab');
    expect(no.reason).toBe('PCX_REQUIRES_ADDRESS_IN_VPC_CIDR');
    expect(no.fwd).toEqual(['sg-b', 'rt-b', ACLB, 'pcx-ab']);
    expect(no.fwd).not.toContain('nat-a');
  });

  it('passes only TCP, UDP and ICMP: ESP (50) is dropped', () => {
    expect(run(NAT, { from: 'i1', to: '8.8.8.8', protocol: 'udp', port: 53 }).verdict).toBe('ACCEPT');
    expect(run(NAT, { from: 'i1', to: '8.8.8.8', protocol: 'icmp' }).verdict).toBe('ACCEPT');
    const no = run(NAT, { from: 'i1', to: '8.8.8.8', protocol: 50 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('nat-a');
    expect(no.reason).toBe('PROTOCOL_RESTRICTION');
    expect(no.fwd).toEqual(['sg-1', 'rt-1', ACL, ACL, 'nat-a']);
  });

  it('a NAT instance forwards only with sourceDestCheck false, applies its own SGs and SNATs to its address', () => {
    const t = change(BASE, '{ destination: 198.18.0.0/15, target: nat-a }', '{ destination: 0.0.0.0/0, target: nat-i }')
      .replace(
        'securityGroups:\n',
        'securityGroups:\n  - id: sg-nat\n    vpc: vpc-a\n    inbound:\n      - { protocol: tcp, ports: 443, source: 10.0.0.0/16 }\n',
      )
      .replace(
        'instances:\n',
        'instances:\n  - { id: nat-i, subnet: sub-pub, privateIp: 10.0.0.50, publicIp: 54.0.0.50, sourceDestCheck: false, securityGroups: [sg-nat] }\n',
      );
    const ok = run(t, { from: 'i1', to: '8.8.8.8', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.fwd).toEqual(['sg-1', 'rt-1', ACL, ACL, 'sg-nat', 'nat-i', 'sg-nat', 'rt-pub', ACL, 'igw-a', 'internet']);
    expect(ok.r.forward.hops[5]).toMatchObject({ decision: 'NAT', packet: { src: '10.0.0.50' } });
    expect(ok.r.forward.hops[9]!.packet.src).toBe('54.0.0.50');
    expect(ok.returnVerdict).toBe('ACCEPT');
    expect(ok.r.return!.hops.at(-1)).toMatchObject({ component: 'i1', packet: { dst: '10.0.1.10' } });
    const no = run(change(t, 'sourceDestCheck: false', 'sourceDestCheck: true'), { from: 'i1', to: '8.8.8.8', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('nat-i');
    expect(no.reason).toBe('ENI_SOURCE_DEST_CHECK_RESTRICTION');
    expect(no.fwd).toEqual(['sg-1', 'rt-1', ACL, ACL, 'sg-nat', 'nat-i']);
    const sg = run(t, { from: 'i1', to: '8.8.8.8', port: 80 });
    expect(sg).toMatchObject({ verdict: 'REJECT', blockedBy: 'sg-nat', reason: 'ENI_SG_RULES_MISMATCH' });
  });

  it('a transit gateway may bring traffic to a NAT gateway (centralized egress, as AWS documents)', () => {
    const t = change(
      PEERED,
      '  - id: rt-b\n    vpc: vpc-b\n    routes:\n      - { destination: 10.0.0.0/16, target: pcx-ab }\n',
      `  - id: rt-b
    vpc: vpc-b
    routes:
      - { destination: 0.0.0.0/0, target: tgw-1 }
`,
    )
      .replace('{ destination: 198.18.0.0/15, target: nat-a }', '{ destination: 0.0.0.0/0, target: nat-a }')
      .replace(
        '      - { destination: 0.0.0.0/0, target: igw-a }\n',
        '      - { destination: 0.0.0.0/0, target: igw-a }\n      - { destination: 10.1.0.0/16, target: tgw-1 }\n',
      )
      .replace(
        'securityGroups:\n',
        `transitGateways:
  - { id: tgw-1 }
transitGatewayAttachments:
  - { id: att-a, transitGateway: tgw-1, vpc: vpc-a, subnets: [sub-1], routeTable: tgw-rt }
  - { id: att-b, transitGateway: tgw-1, vpc: vpc-b, subnets: [sub-b], routeTable: tgw-rt }
transitGatewayRouteTables:
  - id: tgw-rt
    transitGateway: tgw-1
    propagations: [att-b]
    routes:
      - { destination: 0.0.0.0/0, attachment: att-a }
securityGroups:
`,
      );
    const ok = run(t, { from: 'ib', to: '8.8.8.8', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.fwd).toEqual(['sg-b', 'rt-b', ACLB, ACLB, 'att-b', 'tgw-1', 'tgw-rt', 'att-a', 'rt-1', ACL, ACL, 'nat-a', 'rt-pub', ACL, 'igw-a', 'internet']);
    // the reply: the NAT subnet's table sends vpc-b's range back to the transit gateway
    expect(ok.ret).toEqual(['internet', 'igw-a', ACL, 'nat-a', 'rt-pub', ACL, ACL, 'att-a', 'tgw-1', 'tgw-rt', 'att-b', 'rt-b', 'sg-b', 'ib']);
    // att-b's subnet is ib's subnet: from the transit gateway no NACL is evaluated (tgw-nacls.html, same subnet)
    // without that route the reply goes to the internet gateway, which does not carry vpc-b's private address
    const noBack = run(change(t, '      - { destination: 10.1.0.0/16, target: tgw-1 }\n', ''), { from: 'ib', to: '8.8.8.8', port: 443 });
    expect(noBack.r.forward.verdict).toBe('ACCEPT');
    expect(noBack).toMatchObject({ verdict: 'REJECT', blockedBy: 'igw-a', returnVerdict: 'REJECT' });
  });
});

describe('6. VPC peering', () => {
  it('an active peering carries traffic both ways; a pending one does not', () => {
    const ok = run(PEERED, { from: 'i1', to: 'ib', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.fwd).toEqual(['sg-1', 'rt-1', ACL, 'pcx-ab', ACLB, 'sg-b', 'ib']);
    expect(ok.ret).toEqual(['sg-b', 'rt-b', ACLB, 'pcx-ab', ACL, 'sg-1', 'i1']);
    const no = run(change(PEERED, 'accepterVpc: vpc-b }', 'accepterVpc: vpc-b, status: pending-acceptance }'), { from: 'i1', to: 'ib', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('pcx-ab');
    expect(no.reason).toBe('BAD_STATE');
    expect(no.fwd).toEqual(['sg-1', 'rt-1', ACL, 'pcx-ab']);
  });

  it('the peer needs a route back for the reply', () => {
    const no = run(change(PEERED, '      - { destination: 10.0.0.0/16, target: pcx-ab }\n', ''), { from: 'i1', to: 'ib', port: 443 });
    expect(no.r.forward.verdict).toBe('ACCEPT');
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('rt-b');
    expect(no.reason).toBe('NO_ROUTE_TO_DESTINATION');
    expect(no.ret).toEqual(['sg-b', 'rt-b']);
  });

  it('not transitive: A reaches C through B only with its own peering to C', () => {
    const no = run(PEERED, { from: 'i1', to: 'ic', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('pcx-ab');
    expect(no.reason).toBe('PCX_REQUIRES_ADDRESS_IN_VPC_CIDR');
    expect(no.fwd).toEqual(['sg-1', 'rt-1', ACL, 'pcx-ab']);
    const direct = change(PEERED, '  - { id: pcx-bc,', '  - { id: pcx-ac, requesterVpc: vpc-a, accepterVpc: vpc-c }\n  - { id: pcx-bc,')
      .replace('      - { destination: 10.2.0.0/16, target: pcx-ab }\n', '      - { destination: 10.2.0.0/16, target: pcx-ac }\n')
      .replace(
        '      - { destination: 10.1.0.0/16, target: pcx-bc }\n',
        '      - { destination: 10.1.0.0/16, target: pcx-bc }\n      - { destination: 10.0.0.0/16, target: pcx-ac }\n',
      );
    const ok = run(direct, { from: 'i1', to: 'ic', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.fwd).toEqual(['sg-1', 'rt-1', ACL, 'pcx-ac', 'vpc-c:default-acl', 'sg-c', 'ic']);
  });

  it('no edge-to-edge routing: the peer cannot use this VPC internet gateway (named: the peering)', () => {
    const t = change(
      PEERED,
      '      - { destination: 10.0.0.0/16, target: pcx-ab }\n',
      '      - { destination: 10.0.0.0/16, target: pcx-ab }\n      - { destination: 54.0.0.10/32, target: pcx-ab }\n',
    );
    // to the public IP of web in vpc-a: not inside vpc-a's CIDR, so the peering refuses it
    const no = run(t, { from: 'ib', to: '8.8.8.8', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('rt-b');
    const viaPcx = run(change(t, '{ destination: 54.0.0.10/32, target: pcx-ab }', '{ destination: 0.0.0.0/0, target: pcx-ab }'), {
      from: 'ib',
      to: '8.8.8.8',
      port: 443,
    });
    expect(viaPcx.verdict).toBe('REJECT');
    expect(viaPcx.blockedBy).toBe('pcx-ab');
  });
});

// Two VPCs on a transit gateway; each attachment uses its own small subnet.
const TGW = `version: 1
name: t
region: us-east-1
vpcs:
  - { id: vpc-a, cidr: 10.0.0.0/16 }
  - { id: vpc-b, cidr: 10.1.0.0/16 }
  - { id: vpc-c, cidr: 10.2.0.0/16 }
subnets:
  - { id: sub-1, vpc: vpc-a, cidr: 10.0.1.0/24, az: us-east-1a, routeTable: rt-1 }
  - { id: sub-1b, vpc: vpc-a, cidr: 10.0.2.0/24, az: us-east-1b, routeTable: rt-1 }
  - { id: tgw-a, vpc: vpc-a, cidr: 10.0.255.0/28, az: us-east-1a }
  - { id: sub-b, vpc: vpc-b, cidr: 10.1.1.0/24, az: us-east-1a, routeTable: rt-b }
  - { id: tgw-b, vpc: vpc-b, cidr: 10.1.255.0/28, az: us-east-1a }
  - { id: sub-c, vpc: vpc-c, cidr: 10.2.1.0/24, az: us-east-1a, routeTable: rt-c }
  - { id: tgw-c, vpc: vpc-c, cidr: 10.2.255.0/28, az: us-east-1a }
routeTables:
  - id: rt-1
    vpc: vpc-a
    routes:
      - { destination: 10.0.0.0/8, target: tgw-1 }
  - id: rt-b
    vpc: vpc-b
    routes:
      - { destination: 10.0.0.0/8, target: tgw-1 }
  - id: rt-c
    vpc: vpc-c
    routes:
      - { destination: 10.0.0.0/8, target: tgw-1 }
transitGateways:
  - { id: tgw-1 }
transitGatewayAttachments:
  - { id: att-a, transitGateway: tgw-1, vpc: vpc-a, subnets: [tgw-a], routeTable: tgw-rt-a }
  - { id: att-b, transitGateway: tgw-1, vpc: vpc-b, subnets: [tgw-b], routeTable: tgw-rt-shared }
  - { id: att-c, transitGateway: tgw-1, vpc: vpc-c, subnets: [tgw-c], routeTable: tgw-rt-c }
transitGatewayRouteTables:
  - id: tgw-rt-a
    transitGateway: tgw-1
    propagations: [att-b]
  - id: tgw-rt-c
    transitGateway: tgw-1
    propagations: [att-b]
  - id: tgw-rt-shared
    transitGateway: tgw-1
    propagations: [att-a, att-c]
securityGroups:
  - id: sg-b
    vpc: vpc-b
    inbound:
      - { protocol: tcp, ports: 443, source: 10.0.0.0/8 }
  - id: sg-c
    vpc: vpc-c
    inbound:
      - { protocol: tcp, ports: 443, source: 10.0.0.0/8 }
instances:
  - { id: i1, subnet: sub-1, privateIp: 10.0.1.10 }
  - { id: i1b, subnet: sub-1b, privateIp: 10.0.2.10 }
  - { id: ib, subnet: sub-b, privateIp: 10.1.1.10, securityGroups: [sg-b] }
  - { id: ic, subnet: sub-c, privateIp: 10.2.1.10, securityGroups: [sg-c] }
`;
const ACLC = 'vpc-c:default-acl';

describe('7. transit gateway', () => {
  const PATH_AB = ['vpc-a:default-sg', 'rt-1', ACL, ACL, 'att-a', 'tgw-1', 'tgw-rt-a', 'att-b', 'vpc-b:main-rtb', ACLB, ACLB, 'sg-b', 'ib'];

  it('through the associated route table to a propagated attachment, entering by the attachment subnet', () => {
    const ok = run(TGW, { from: 'i1', to: 'ib', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.fwd).toEqual(PATH_AB);
    expect(ok.ret).toEqual(['sg-b', 'rt-b', ACLB, ACLB, 'att-b', 'tgw-1', 'tgw-rt-shared', 'att-a', 'vpc-a:main-rtb', ACL, ACL, 'vpc-a:default-sg', 'i1']);
  });

  it('an attachment with no associated route table drops the packet', () => {
    const no = run(change(TGW, 'subnets: [tgw-a], routeTable: tgw-rt-a }', 'subnets: [tgw-a] }'), { from: 'i1', to: 'ib', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('att-a');
    expect(no.reason).toBe('TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION');
    expect(no.fwd).toEqual(PATH_AB.slice(0, 5).concat('att-a'));
  });

  it('without the propagation the route table has no route', () => {
    const no = run(change(TGW, '    propagations: [att-b]\n  - id: tgw-rt-c', '    propagations: []\n  - id: tgw-rt-c'), { from: 'i1', to: 'ib', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('tgw-rt-a');
    expect(no.reason).toBe('NO_ROUTE_TO_DESTINATION');
    expect(no.fwd).toEqual(PATH_AB.slice(0, 7));
  });

  it('a static blackhole route of the same prefix beats the propagated route', () => {
    const t = change(
      TGW,
      '    propagations: [att-b]\n  - id: tgw-rt-c',
      '    propagations: [att-b]\n    routes:\n      - { destination: 10.1.0.0/16, blackhole: true }\n  - id: tgw-rt-c',
    );
    const no = run(t, { from: 'i1', to: 'ib', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('tgw-rt-a');
    expect(no.reason).toBe('BLACKHOLE_ROUTE');
    expect(no.fwd).toEqual(PATH_AB.slice(0, 7));
  });

  it('a source in an Availability Zone where the attachment has no subnet cannot reach the transit gateway', () => {
    const no = run(TGW, { from: 'i1b', to: 'ib', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('att-a');
    expect(no.reason).toBe('TGW_ROUTE_AZ_RESTRICTION');
    expect(no.fwd).toEqual(['vpc-a:default-sg', 'rt-1', 'att-a']);
    const t = change(
      TGW,
      '  - { id: tgw-a, vpc: vpc-a, cidr: 10.0.255.0/28, az: us-east-1a }\n',
      '  - { id: tgw-a, vpc: vpc-a, cidr: 10.0.255.0/28, az: us-east-1a }\n  - { id: tgw-a2, vpc: vpc-a, cidr: 10.0.255.16/28, az: us-east-1b }\n',
    ).replace('subnets: [tgw-a]', 'subnets: [tgw-a, tgw-a2]');
    const ok = run(t, { from: 'i1b', to: 'ib', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(hopDetail(ok.r.forward.hops.find((h) => h.component === 'att-a')!)).toContain('tgw-a2');
  });

  it('isolated route tables: a and c both reach b, but not each other, until c propagates into a table', () => {
    const no = run(TGW, { from: 'i1', to: 'ic', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('tgw-rt-a');
    expect(no.reason).toBe('NO_ROUTE_TO_DESTINATION');
    expect(run(TGW, { from: 'ic', to: 'ib', port: 443 }).verdict).toBe('ACCEPT');
    const joined = change(
      TGW,
      '    propagations: [att-b]\n  - id: tgw-rt-c\n    transitGateway: tgw-1\n    propagations: [att-b]',
      '    propagations: [att-b, att-c]\n  - id: tgw-rt-c\n    transitGateway: tgw-1\n    propagations: [att-b, att-a]',
    );
    const ok = run(joined, { from: 'i1', to: 'ic', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.fwd).toEqual(['vpc-a:default-sg', 'rt-1', ACL, ACL, 'att-a', 'tgw-1', 'tgw-rt-a', 'att-c', 'vpc-c:main-rtb', ACLC, ACLC, 'sg-c', 'ic']);
  });

  it('the attachment subnet NACL: inbound applies on the way to the TGW, outbound on the way from it', () => {
    // tgw-b's ACL denies everything inbound but allows everything outbound: a → b passes (tgw-b inbound not evaluated
    // from the transit gateway), b → a does not (tgw-b inbound evaluated on the way to it).
    const t = change(
      TGW,
      'securityGroups:\n',
      `networkAcls:
  - id: acl-tgw-b
    vpc: vpc-b
    inbound: []
    outbound:
      - { rule: 100, protocol: all, cidr: 0.0.0.0/0, action: allow }
securityGroups:
`,
    ).replace(
      '{ id: tgw-b, vpc: vpc-b, cidr: 10.1.255.0/28, az: us-east-1a }',
      '{ id: tgw-b, vpc: vpc-b, cidr: 10.1.255.0/28, az: us-east-1a, networkAcl: acl-tgw-b }',
    );
    const fwd = run(t, { from: 'i1', to: 'ib', port: 443, return: false });
    expect(fwd.verdict).toBe('ACCEPT');
    expect(fwd.fwd).toEqual(['vpc-a:default-sg', 'rt-1', ACL, ACL, 'att-a', 'tgw-1', 'tgw-rt-a', 'att-b', 'vpc-b:main-rtb', 'acl-tgw-b', ACLB, 'sg-b', 'ib']);
    const full = run(t, { from: 'i1', to: 'ib', port: 443 });
    expect(full.verdict).toBe('REJECT');
    expect(full.blockedBy).toBe('acl-tgw-b');
    expect(full.ret).toEqual(['sg-b', 'rt-b', ACLB, 'acl-tgw-b']);
  });
});

describe('8. VPC endpoints', () => {
  const GW = change(BASE, 'routeTables:\n', 'vpcEndpoints:\n  - { id: vpce-s3, vpc: vpc-a, type: gateway, service: s3, routeTables: [rt-1] }\nrouteTables:\n');

  it('a gateway endpoint serves only subnets whose route table it is associated with', () => {
    const ok = run(GW, { from: 'i1', to: 's3', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.fwd).toEqual(['sg-1', 'rt-1', ACL, 'vpce-s3']);
    expect(ok.ret).toEqual(['vpce-s3', ACL, 'sg-1', 'i1']);
    const no = run(GW, { from: 'i2', to: 's3', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('rt-2');
    expect(no.reason).toBe('NO_ROUTE_TO_DESTINATION');
    expect(no.fwd).toEqual(['sg-2', 'rt-2']);
  });

  it('a gateway endpoint passes TCP and ICMP echo only', () => {
    const no = run(GW, { from: 'i1', to: 's3', protocol: 'udp', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('vpce-s3');
    expect(no.reason).toBe('VPCE_GATEWAY_PROTOCOL_RESTRICTION');
    expect(no.fwd).toEqual(['sg-1', 'rt-1', ACL, 'vpce-s3']);
    expect(run(GW, { from: 'i1', to: 's3', protocol: 'icmp' }).verdict).toBe('ACCEPT');
  });

  it('a gateway endpoint is not reachable from a peered VPC', () => {
    const t = change(
      PEERED,
      'routeTables:\n',
      'vpcEndpoints:\n  - { id: vpce-s3, vpc: vpc-a, type: gateway, service: s3, routeTables: [rt-1] }\nrouteTables:\n',
    ).replace(
      '      - { destination: 10.0.0.0/16, target: pcx-ab }\n',
      '      - { destination: 10.0.0.0/16, target: pcx-ab }\n      - { destination: 0.0.0.0/0, target: pcx-ab }\n',
    );
    const no = run(t, { from: 'ib', to: 's3', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('pcx-ab');
    expect(no.fwd).not.toContain('vpce-s3');
    // its own endpoint works
    const own = change(
      t,
      '  - { id: vpce-s3, vpc: vpc-a, type: gateway, service: s3, routeTables: [rt-1] }\n',
      '  - { id: vpce-s3, vpc: vpc-a, type: gateway, service: s3, routeTables: [rt-1] }\n  - { id: vpce-s3b, vpc: vpc-b, type: gateway, service: s3, routeTables: [rt-b] }\n',
    );
    const ok = run(own, { from: 'ib', to: 's3', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.fwd).toEqual(['sg-b', 'rt-b', ACLB, 'vpce-s3b']);
  });

  it('an interface endpoint is an interface in a subnet with its own security groups; traffic to it is local', () => {
    const t = change(
      BASE,
      'routeTables:\n',
      'vpcEndpoints:\n  - { id: vpce-sqs, vpc: vpc-a, type: interface, service: sqs, subnets: [sub-2], privateIps: [10.0.2.50], securityGroups: [sg-ep] }\nrouteTables:\n',
    ).replace(
      'securityGroups:\n',
      'securityGroups:\n  - id: sg-ep\n    vpc: vpc-a\n    inbound:\n      - { protocol: tcp, ports: 443, source: 10.0.0.0/16 }\n',
    );
    const ok = run(t, { from: 'i1', to: 'vpce-sqs', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.fwd).toEqual(['sg-1', 'rt-1', ACL, ACL, 'sg-ep', 'vpce-sqs']);
    expect(hopDetail(ok.r.forward.hops[1]!)).toContain('local');
    const no = run(t, { from: 'i1', to: 'vpce-sqs', port: 80 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('sg-ep');
    expect(no.reason).toBe('ENI_SG_RULES_MISMATCH');
    expect(no.fwd).toEqual(['sg-1', 'rt-1', ACL, ACL, 'sg-ep']);
  });
});

const V6 = `version: 1
name: t
region: us-east-1
vpcs:
  - { id: vpc-a, cidr: 10.0.0.0/16, ipv6Cidr: "2600:1f18:aaaa:bb00::/56" }
subnets:
  - { id: sub-1, vpc: vpc-a, cidr: 10.0.1.0/24, ipv6Cidr: "2600:1f18:aaaa:bb01::/64", az: us-east-1a, routeTable: rt-1 }
egressOnlyInternetGateways:
  - { id: eigw-a, vpc: vpc-a }
routeTables:
  - id: rt-1
    vpc: vpc-a
    routes:
      - { destination: "::/0", target: eigw-a }
securityGroups:
  - id: sg-1
    vpc: vpc-a
    inbound:
      - { protocol: tcp, ports: 443, source: "::/0" }
    outbound:
      - { protocol: all, destination: "::/0" }
instances:
  - { id: i1, subnet: sub-1, privateIp: 10.0.1.10, ipv6Addresses: ["2600:1f18:aaaa:bb01::10"], securityGroups: [sg-1] }
`;

describe('9. egress-only internet gateway', () => {
  it('IPv6 out and the reply back; a connection from the internet is refused even when the SG allows it', () => {
    const ok = run(V6, { from: 'i1', to: '2606:4700::1111', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.fwd).toEqual(['sg-1', 'rt-1', ACL, 'eigw-a', 'internet']);
    expect(ok.returnVerdict).toBe('ACCEPT');
    expect(ok.ret).toEqual(['internet', 'eigw-a', ACL, 'sg-1', 'i1']);
    const no = run(V6, { from: '2606:4700::1111', to: 'i1', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('eigw-a');
    expect(no.reason).toBe('EIGW_NO_INBOUND');
    expect(no.fwd).toEqual(['internet', 'eigw-a']);
  });
});

describe('10. VPN gateway and connection', () => {
  const T = change(
    VPN,
    '{ destination: 198.18.0.0/15, target: nat-a }',
    '{ destination: 192.168.0.0/16, target: vgw-a }\n      - { destination: 10.200.0.0/16, target: vgw-a }',
  ).replace('      - { protocol: tcp, ports: 22, source: 10.99.0.0/16 }\n', '      - { protocol: tcp, ports: 22, source: 192.168.0.0/16 }\n');

  it('to on-premises CIDRs by a static route, and the reply back through the gateway', () => {
    const ok = run(T, { from: 'i1', to: '192.168.1.5', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.fwd).toEqual(['sg-1', 'rt-1', ACL, 'vgw-a', 'vpn-1']);
    expect(ok.ret).toEqual(['vpn-1', 'vgw-a', ACL, 'sg-1', 'i1']);
  });

  it('the VPN gateway drops a prefix that none of its connections routes', () => {
    const no = run(T, { from: 'i1', to: '10.200.0.5', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('vgw-a');
    expect(no.reason).toBe('NO_ROUTE_TO_DESTINATION');
    expect(no.fwd).toEqual(['sg-1', 'rt-1', ACL, 'vgw-a']);
  });

  it('from on-premises into the VPC through the NACL and the SG', () => {
    const ok = run(T, { from: '192.168.1.5', to: 'i1', port: 22 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.fwd).toEqual(['vpn-1', 'vgw-a', ACL, 'sg-1', 'i1']);
    expect(ok.ret).toEqual(['sg-1', 'rt-1', ACL, 'vgw-a', 'vpn-1']);
    const acl = change(
      T,
      'securityGroups:\n',
      'networkAcls:\n  - id: acl-1\n    vpc: vpc-a\n    inbound:\n      - { rule: 100, protocol: tcp, ports: 22, cidr: 10.0.0.0/8, action: allow }\n    outbound:\n      - { rule: 100, protocol: all, cidr: 0.0.0.0/0, action: allow }\nsecurityGroups:\n',
    ).replace('routeTable: rt-1 }', 'routeTable: rt-1, networkAcl: acl-1 }');
    const no = run(acl, { from: '192.168.1.5', to: 'i1', port: 22 });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('acl-1');
    expect(no.reason).toBe('SUBNET_ACL_RESTRICTION');
    expect(no.fwd).toEqual(['vpn-1', 'vgw-a', 'acl-1']);
  });
});

describe('11. termination', () => {
  // ni-1 in sub-2 and ni-2 in sub-1 are NAT instances; rt-1 sends everything to ni-1.
  const T = change(BASE, '{ destination: 198.18.0.0/15, target: nat-a }', '{ destination: 0.0.0.0/0, target: ni-1 }')
    .replace('  - id: rt-2\n    vpc: vpc-a\n    routes: []\n', '  - id: rt-2\n    vpc: vpc-a\n    routes:\n      - { destination: 0.0.0.0/0, target: nat-a }\n')
    .replace('securityGroups:\n', 'securityGroups:\n  - id: sg-fwd\n    vpc: vpc-a\n    inbound:\n      - { protocol: all, source: 0.0.0.0/0 }\n')
    .replace(
      'instances:\n',
      'instances:\n  - { id: ni-1, subnet: sub-2, privateIp: 10.0.2.5, sourceDestCheck: false, securityGroups: [sg-fwd] }\n  - { id: ni-2, subnet: sub-1, privateIp: 10.0.1.5, sourceDestCheck: false, securityGroups: [sg-fwd] }\n',
    );

  it('two NAT instances pointing at each other: REJECT ROUTING_LOOP naming the loop, no hang', () => {
    const ok = run(T, { from: 'i1', to: '8.8.8.8', port: 443 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.fwd).toEqual(['sg-1', 'rt-1', ACL, ACL, 'sg-fwd', 'ni-1', 'sg-fwd', 'rt-2', ACL, ACL, 'nat-a', 'rt-pub', ACL, 'igw-a', 'internet']);
    const loop = change(
      T,
      '    routes:\n      - { destination: 0.0.0.0/0, target: nat-a }\nsecurityGroups',
      '    routes:\n      - { destination: 0.0.0.0/0, target: ni-2 }\nsecurityGroups',
    );
    const no = run(loop, { from: 'i1', to: '8.8.8.8', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.reason).toBe('ROUTING_LOOP');
    expect(['rt-1', 'rt-2']).toContain(no.blockedBy);
    expect(no.fwd).toEqual(expect.arrayContaining(['ni-1', 'ni-2', 'rt-1', 'rt-2']));
    expect(no.fwd.length).toBeLessThan(40);
    expect(hopDetail(no.r.forward.hops.at(-1)!)).toMatch(/loop/);
  });

  it('a loop through two transit gateway route tables terminates too', () => {
    // tgw-rt-a sends 10.9.0.0/16 to att-b; vpc-b's attachment subnet (main table) sends it back to the TGW; tgw-rt-shared to att-a; …
    const t = change(
      TGW,
      '    propagations: [att-b]\n  - id: tgw-rt-c',
      '    propagations: [att-b]\n    routes:\n      - { destination: 10.9.0.0/16, attachment: att-b }\n  - id: tgw-rt-c',
    )
      .replace('    propagations: [att-a, att-c]\n', '    propagations: [att-a, att-c]\n    routes:\n      - { destination: 10.9.0.0/16, attachment: att-a }\n')
      .replace(
        '  - id: rt-b\n',
        '  - id: rt-tgw-b\n    vpc: vpc-b\n    routes:\n      - { destination: 10.9.0.0/16, target: tgw-1 }\n  - id: rt-tgw-a\n    vpc: vpc-a\n    routes:\n      - { destination: 10.9.0.0/16, target: tgw-1 }\n  - id: rt-b\n',
      )
      .replace('az: us-east-1a }\n  - { id: sub-b', 'az: us-east-1a, routeTable: rt-tgw-a }\n  - { id: sub-b')
      .replace(
        '{ id: tgw-b, vpc: vpc-b, cidr: 10.1.255.0/28, az: us-east-1a }',
        '{ id: tgw-b, vpc: vpc-b, cidr: 10.1.255.0/28, az: us-east-1a, routeTable: rt-tgw-b }',
      );
    const no = run(t, { from: 'i1', to: '10.9.0.5', port: 443 });
    expect(no.verdict).toBe('REJECT');
    expect(no.reason).toBe('ROUTING_LOOP');
    expect(no.fwd.length).toBeLessThan(60);
  });
});

describe('12. ICMP and other protocols', () => {
  const T = change(
    BASE,
    'securityGroups:\n',
    `networkAcls:
  - id: acl-2
    vpc: vpc-a
    inbound:
      - { rule: 100, protocol: all, cidr: 0.0.0.0/0, action: allow }
    outbound:
      - { rule: 100, protocol: icmp, icmpType: 0, icmpCode: -1, cidr: 0.0.0.0/0, action: allow }
securityGroups:
`,
  )
    .replace('routeTable: rt-2 }', 'routeTable: rt-2, networkAcl: acl-2 }')
    .replace(
      '      - { protocol: tcp, ports: 443, source: 10.0.1.0/24 }\n',
      '      - { protocol: icmp, icmpType: 8, icmpCode: 0, source: 10.0.1.0/24 }\n      - { protocol: 50, source: 10.0.1.0/24 }\n',
    );

  it('an echo request matches an icmp type 8 rule; its reply is an echo reply (type 0), which acl-2 lets out', () => {
    const ok = run(T, { from: 'i1', to: 'i2', protocol: 'icmp' });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.r.flow).toMatchObject({ protocol: 'icmp', icmpType: 8, icmpCode: 0 });
    expect(ok.fwd).toEqual(['sg-1', 'rt-1', ACL, 'acl-2', 'sg-2', 'i2']);
    expect(ok.ret).toEqual(['sg-2', 'rt-2', 'acl-2', ACL, 'sg-1', 'i1']);
    // if acl-2 let out only type 8, the echo reply would be denied
    const no = run(change(T, 'icmpType: 0, icmpCode: -1', 'icmpType: 8, icmpCode: -1'), { from: 'i1', to: 'i2', protocol: 'icmp' });
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('acl-2');
    expect(no.returnVerdict).toBe('REJECT');
  });

  it('type and code must match: destination-unreachable (3) and echo with code 1 are refused by the type 8 code 0 rule', () => {
    const a = run(T, { from: 'i1', to: 'i2', protocol: 'icmp', icmpType: 3, icmpCode: 4 });
    expect(a).toMatchObject({ verdict: 'REJECT', blockedBy: 'sg-2', reason: 'ENI_SG_RULES_MISMATCH' });
    const b = run(T, { from: 'i1', to: 'i2', protocol: 'icmp', icmpType: 8, icmpCode: 1 });
    expect(b).toMatchObject({ verdict: 'REJECT', blockedBy: 'sg-2' });
    // code -1 (any) admits it
    expect(
      run(change(T, 'icmpType: 8, icmpCode: 0', 'icmpType: 8, icmpCode: -1'), { from: 'i1', to: 'i2', protocol: 'icmp', icmpType: 8, icmpCode: 1 }).r.forward
        .verdict,
    ).toBe('ACCEPT');
  });

  it('protocol numbers: a rule for 50 (ESP) admits ESP and not AH (51)', () => {
    const ok = run(T, { from: 'i1', to: 'i2', protocol: 50, return: false });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.r.flow).toMatchObject({ protocolNumber: 50, srcPort: 0, dstPort: 0 });
    expect(ok.fwd).toEqual(['sg-1', 'rt-1', ACL, 'acl-2', 'sg-2', 'i2']);
    const no = run(T, { from: 'i1', to: 'i2', protocol: 51, return: false });
    expect(no).toMatchObject({ verdict: 'REJECT', blockedBy: 'sg-2', reason: 'ENI_SG_RULES_MISMATCH' });
  });

  it('protocol all rules match every protocol, in SGs and NACLs', () => {
    const all = change(T, '      - { protocol: 50, source: 10.0.1.0/24 }\n', '      - { protocol: all, source: 10.0.1.0/24 }\n');
    for (const spec of [{ protocol: 'udp', port: 53 }, { protocol: 'tcp', port: 5432 }, { protocol: 47 }] as const) {
      const r = run(all, { from: 'i1', to: 'i2', ...spec, return: false });
      expect(r.verdict, JSON.stringify(spec)).toBe('ACCEPT');
    }
    expect(run(T, { from: 'i1', to: 'i2', protocol: 'udp', port: 53 }).blockedBy).toBe('sg-2');
  });
});

describe('endpoint names', () => {
  it('an unknown endpoint names the closest id', () => {
    expect(() => run(BASE, { from: 'i1', to: 'web3', port: 443 })).toThrow(/did you mean 'web2'|did you mean 'web'/);
    expect(load(BASE).vpcs.length).toBe(1);
  });
});
