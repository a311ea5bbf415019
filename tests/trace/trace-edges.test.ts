// Edge cases of the AWS semantics: private sources at the internet gateway, link-local services, middleboxes that
// keep the source, ICMP query replies, endpoints that do not initiate, and flow-log details.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTopologyText } from '../../src/index.js';
import { FlowError } from '../../src/trace/trace.js';
import { change, load, run } from '../helpers/trace.js';
import { hopDetail } from '../../src/render/trace-detail.js';

const BASE = `version: 1
vpcs:
  - { id: vpc-a, cidr: 10.0.0.0/16 }
subnets:
  - { id: pub, vpc: vpc-a, cidr: 10.0.1.0/24, routeTable: rt-pub }
  - { id: priv, vpc: vpc-a, cidr: 10.0.2.0/24, routeTable: rt-priv, networkAcl: acl-priv }
internetGateways: [ { id: igw, vpc: vpc-a } ]
vpnGateways: [ { id: vgw, vpc: vpc-a } ]
vpnConnections: [ { id: vpn, vpnGateway: vgw, onPremisesCidrs: [198.18.0.0/16] } ]
natGateways: [ { id: nat, subnet: pub, privateIp: 10.0.1.5, publicIp: 203.0.113.10 } ]
routeTables:
  - { id: rt-pub, vpc: vpc-a, routes: [ { destination: 0.0.0.0/0, target: igw }, { destination: 198.18.0.0/16, target: vgw } ] }
  - { id: rt-priv, vpc: vpc-a, routes: [ { destination: 0.0.0.0/0, target: nat } ] }
networkAcls:
  - id: acl-priv
    vpc: vpc-a
    inbound:
      - { rule: 100, protocol: tcp, ports: 22, cidr: 10.0.1.0/24, action: allow }
      - { rule: 110, protocol: tcp, ports: 1024-65535, cidr: 0.0.0.0/0, action: allow }
    outbound:
      - { rule: 100, protocol: all, cidr: 0.0.0.0/0, action: allow }
securityGroups:
  - { id: sg-open, vpc: vpc-a, inbound: [ { protocol: all, source: 0.0.0.0/0 } ] }
  - { id: sg-lock, vpc: vpc-a, inbound: [], outbound: [] }
instances:
  - { id: web, subnet: pub, privateIp: 10.0.1.10, publicIp: 54.1.1.10, securityGroups: [sg-open] }
  - { id: app, subnet: priv, privateIp: 10.0.2.10, securityGroups: [sg-lock] }
`;

describe('internet gateway', () => {
  it('drops inbound traffic from private (RFC 1918) and shared (RFC 6598) sources', () => {
    // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS
    const x = run(BASE, { from: '10.99.0.1', to: 'web', port: 80, return: false });
    expect([x.verdict, x.blockedBy, x.reason]).toEqual(['REJECT', 'igw', 'IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS']);
    expect(run(BASE, { from: '100.64.0.1', to: 'web', port: 80 }).reason).toBe('IGW_SOURCE_ADDRESS_NOT_IN_RFC6598_INGRESS');
    expect(run(BASE, { from: '8.8.8.8', to: 'web', port: 80 }).verdict).toBe('ACCEPT');
  });

  it('refuses a private destination from the internet; an id means its public IP', () => {
    const x = run(BASE, { from: 'internet', to: '10.0.1.10', port: 80 });
    expect([x.verdict, x.blockedBy, x.reason]).toEqual(['REJECT', 'igw', 'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS']);
    const y = run(BASE, { from: 'internet', to: 'web', port: 80 });
    expect(y.verdict).toBe('ACCEPT');
    expect(y.r.flow.dstIp).toBe('54.1.1.10');
  });
});

describe('public NAT gateway', () => {
  it('follows its subnet route to a virtual private gateway for a public on-premises range', () => {
    // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html — a public NAT gateway can reach on-premises through a VGW or TGW
    const t = change(BASE, '{ id: sg-lock, vpc: vpc-a, inbound: [], outbound: [] }', '{ id: sg-lock, vpc: vpc-a, inbound: [] }');
    const x = run(t, { from: 'app', to: '198.18.0.10', port: 443 });
    expect(x.fwd).toEqual(['sg-lock', 'rt-priv', 'acl-priv', 'vpc-a:default-acl', 'nat', 'rt-pub', 'vpc-a:default-acl', 'vgw', 'vpn']);
  });
});

describe('link-local services', () => {
  it('the metadata service and Amazon DNS answer whatever the security groups and NACLs say', () => {
    // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Security.html — link-local traffic is not filtered
    for (const [to, proto, port] of [
      ['169.254.169.254', 'tcp', 80],
      ['169.254.169.253', 'udp', 53],
      ['10.0.0.2', 'udp', 53],
    ] as const) {
      const x = run(BASE, { from: 'app', to, protocol: proto, port });
      expect(x.verdict).toBe('ACCEPT');
      expect(x.fwd).toEqual(['link-local']);
      expect(x.r.flowLogs).toEqual([]);
    }
  });

  it('an unknown link-local address goes nowhere', () => {
    const x = run(BASE, { from: 'app', to: '169.254.1.1', port: 80 });
    expect([x.verdict, x.reason]).toEqual(['REJECT', 'UNKNOWN_DESTINATION']);
  });
});

describe('appliances', () => {
  const MBOX = `version: 1
vpcs: [ { id: vpc-a, cidr: 10.0.0.0/16 } ]
subnets:
  - { id: s1, vpc: vpc-a, cidr: 10.0.1.0/24, routeTable: rt1 }
  - { id: s2, vpc: vpc-a, cidr: 10.0.2.0/24, routeTable: rt2 }
  - { id: s9, vpc: vpc-a, cidr: 10.0.9.0/24 }
routeTables:
  - { id: rt1, vpc: vpc-a, routes: [ { destination: 10.0.2.0/24, target: fw } ] }
  - { id: rt2, vpc: vpc-a, routes: [ { destination: 10.0.1.0/24, target: fw } ] }
securityGroups:
  - { id: sg-fw, vpc: vpc-a, inbound: [ { protocol: all, source: 10.0.0.0/16 } ] }
  - { id: sg-dst, vpc: vpc-a, inbound: [ { protocol: tcp, ports: 22, source: 10.0.1.10/32 } ] }
instances:
  - { id: src, subnet: s1, privateIp: 10.0.1.10 }
  - { id: dst, subnet: s2, privateIp: 10.0.2.10, securityGroups: [sg-dst] }
  - { id: fw, subnet: s9, privateIp: 10.0.9.10, sourceDestCheck: false, sourceNat: false, securityGroups: [sg-fw] }
`;
  it('a middlebox with sourceNat: false keeps the source, so a rule for the source address matches', () => {
    // https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html — middlebox routing: groups reference the other instance's private IP
    const x = run(MBOX, { from: 'src', to: 'dst', port: 22 });
    expect(x.verdict).toBe('ACCEPT');
    expect(x.fwd).toContain('fw');
    expect(x.r.forward.hops.find((h) => h.component === 'fw' && h.decision === 'FORWARD')).toBeDefined();
  });

  it('by default it translates the source like a NAT instance, and the same rule no longer matches', () => {
    const x = run(change(MBOX, ', sourceNat: false', ''), { from: 'src', to: 'dst', port: 22 });
    expect([x.verdict, x.blockedBy, x.reason]).toEqual(['REJECT', 'sg-dst', 'ENI_SG_RULES_MISMATCH']);
    expect(x.r.forward.hops.find((h) => h.decision === 'NAT')!.component).toBe('fw');
  });
});

describe('ICMP replies and endpoints that do not initiate', () => {
  it('a timestamp request (13) is answered by type 14, an error type has no reply', () => {
    const x = run(BASE, { from: 'web', to: 'internet', protocol: 'icmp', icmpType: 13 });
    expect(x.verdict).toBe('ACCEPT');
    expect(x.r.return!.hops.some((h) => hopDetail(h).includes('icmp type 14 code 0'))).toBe(true);
    const oneWay = run(BASE, { from: 'web', to: 'internet', protocol: 'icmp', icmpType: 3, icmpCode: 4 });
    expect(oneWay.verdict).toBe('ACCEPT');
    expect(oneWay.r.return).toBeNull();
  });

  it('an interface endpoint and a NAT gateway do not start connections', () => {
    const t = `${BASE}vpcEndpoints: [ { id: vpce-sqs, vpc: vpc-a, type: interface, service: sqs, subnets: [pub], securityGroups: [sg-open] } ]\n`;
    const x = run(t, { from: 'vpce-sqs', to: 'web', port: 443 });
    expect([x.verdict, x.blockedBy, x.reason]).toEqual(['REJECT', 'vpce-sqs', 'VPCE_INTRA_VPC_TRAFFIC']);
    expect(() => run(BASE, { from: 'nat', to: 'web', port: 443 })).toThrow(FlowError);
  });
});

describe('endpoints that are not hosts', () => {
  it('loopback, multicast, unspecified and broadcast addresses are refused; IPv4-mapped IPv6 names the IPv4 host', () => {
    for (const a of ['127.0.0.1', '0.0.0.0', '255.255.255.255', '224.0.0.5', '::1', '::', 'ff02::1'])
      expect(() => run(BASE, { from: a, to: 'web', port: 80 })).toThrow(/not a host/);
    expect(run(BASE, { from: 'web', to: '::ffff:10.0.2.10', port: 22 }).r.to.ip).toBe('10.0.2.10');
    expect(() => run(BASE, { from: 'web', to: 'web' })).toThrow(/same interface/);
  });
});

describe('security groups are never absent', () => {
  it('an empty securityGroups list is an error at its position', () => {
    const t = change(BASE, 'securityGroups: [sg-lock] }', 'securityGroups: [] }');
    const r = loadTopologyText(t, 'x.yaml');
    const d = r.diagnostics.find((x) => x.code === 'NO_SECURITY_GROUPS')!;
    const lines = t.split('\n');
    const at = lines.findIndex((l) => l.includes('securityGroups: [] }'));
    expect([d.line, d.col]).toEqual([at + 1, lines[at]!.indexOf('[]') + 1]);
  });
});

describe('flow-log details', () => {
  it('the sender logs its egress even when the next subnet refuses the packet', () => {
    const x = run(BASE, { from: 'web', to: 'app', port: 80, flowLogFormat: 'interface-id flow-direction action' });
    expect(x.reason).toBe('SUBNET_ACL_RESTRICTION');
    expect(x.r.flowLogs).toEqual(['eni-web egress ACCEPT', 'eni-app ingress REJECT']);
  });

  it('names the AWS service of a packet address, and the accepter region of an inter-region peering', () => {
    const s3 = `${BASE}vpcEndpoints: [ { id: vpce-s3, vpc: vpc-a, type: gateway, service: s3, routeTables: [rt-pub] } ]\n`;
    expect(run(s3, { from: 'web', to: 's3', flowLogFormat: 'interface-id pkt-dst-aws-service pkt-src-aws-service' }).r.flowLogs).toEqual([
      'eni-web S3 -',
      'eni-web - S3',
    ]);
    const peered = `version: 1
vpcs: [ { id: vpc-a, cidr: 10.0.0.0/16 }, { id: vpc-b, cidr: 10.1.0.0/16 } ]
subnets:
  - { id: a1, vpc: vpc-a, cidr: 10.0.1.0/24, routeTable: rta }
  - { id: b1, vpc: vpc-b, cidr: 10.1.1.0/24, routeTable: rtb }
peeringConnections: [ { id: pcx, requesterVpc: vpc-a, accepterVpc: vpc-b, accepterRegion: us-west-2 } ]
routeTables:
  - { id: rta, vpc: vpc-a, routes: [ { destination: 10.1.0.0/16, target: pcx } ] }
  - { id: rtb, vpc: vpc-b, routes: [ { destination: 10.0.0.0/16, target: pcx } ] }
securityGroups: [ { id: sg-b, vpc: vpc-b, inbound: [ { protocol: tcp, ports: 22, source: 10.0.0.0/16 } ] } ]
instances:
  - { id: a, subnet: a1, privateIp: 10.0.1.10 }
  - { id: b, subnet: b1, privateIp: 10.1.1.10, securityGroups: [sg-b] }
`;
    const logs = run(load(peered), { from: 'a', to: 'b', port: 22, flowLogFormat: 'interface-id flow-direction region traffic-path' }).r.flowLogs;
    expect(logs).toEqual(['eni-a egress us-east-1 5', 'eni-b ingress us-west-2 -', 'eni-b egress us-west-2 5', 'eni-a ingress us-east-1 -']);
  });

  it('the reply to a flow that left through an egress-only gateway comes back through it', () => {
    const x = run(load(readFileSync('scenarios/dual-stack-ipv6.yaml', 'utf8')), { from: 'app-1', to: '2001:db8:ffff::1', port: 443 });
    expect(x.verdict).toBe('ACCEPT');
    expect(x.ret).toContain('eigw-v6');
    expect(x.ret).not.toContain('igw-v6');
  });
});

describe('text from a file never reaches the terminal raw', () => {
  it('an id with a control character is an error; a description with one is printed escaped', async () => {
    const r = loadTopologyText('version: 1\nvpcs:\n  - { id: "v\\e[2J", cidr: 10.0.0.0/16 }\n', 'x.yaml');
    expect(r.diagnostics.map((d) => [d.code, d.line, d.col])).toEqual([['INVALID_ID', 3, 11]]);
    const { renderTraceText } = await import('../../src/render/trace-text.js');
    // The rule is shown as written: in JSON an escape stays the escape text; decoded control characters that reach the
    // renderer (a description rebuilt from the model) are escaped.
    const yaml = change(
      BASE,
      'inbound: [ { protocol: all, source: 0.0.0.0/0 } ] }',
      'inbound: [ { protocol: all, source: 0.0.0.0/0, description: "ok\\e[2J\\nFAKE" } ] }',
    );
    const { parse } = await import('yaml');
    const t = loadTopologyText(JSON.stringify(parse(yaml)), 'x.json').topology!;
    const res = run(t, { from: 'internet', to: 'web', port: 80 }).r;
    const out = renderTraceText(res);
    expect(out).not.toContain('\u001b[2J');
    expect(out).toContain('"description":"ok\\u001b[2J\\nFAKE"');
    const hops = res.forward.hops.map((h) => (h.rule ? { ...JSON.parse(JSON.stringify(h)), rule: { ...h.rule, text: 'ok\u001b[2J\nFAKE' } } : h));
    const decoded = renderTraceText({ ...res, forward: { ...res.forward, hops } });
    expect(decoded).not.toContain('\u001b[2J');
    expect(decoded).toContain('\\x1b[2J');
    expect(decoded).not.toMatch(/\nFAKE/);
  });
});
