// Flow-log records of a trace, checked against the AWS flow-log record pages
// (https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html and flow-logs-records-examples.html).
import { describe, expect, it } from 'vitest';
import { change, load, run } from '../helpers/trace.js';
import { FlowLogFormatError, withFlowLogs } from '../../src/render/flow-logs.js';
import { trace } from '../../src/trace/trace.js';

const BASE = `version: 1
name: fl
account: "123456789010"
region: us-east-1
vpcs:
  - { id: vpc-a, cidr: 10.0.0.0/16 }
subnets:
  - { id: sub-pub, vpc: vpc-a, cidr: 10.0.0.0/24, az: us-east-1a, routeTable: rt-pub }
  - { id: sub-1, vpc: vpc-a, cidr: 10.0.1.0/24, az: us-east-1a, routeTable: rt-1 }
  - { id: sub-2, vpc: vpc-a, cidr: 10.0.2.0/24, az: us-east-1a }
internetGateways:
  - { id: igw-a, vpc: vpc-a }
natGateways:
  - { id: nat-a, subnet: sub-pub, privateIp: 10.0.0.220, publicIp: 54.0.0.220, interfaceId: eni-1235b8ca123456789 }
routeTables:
  - id: rt-pub
    vpc: vpc-a
    routes:
      - { destination: 0.0.0.0/0, target: igw-a }
  - id: rt-1
    vpc: vpc-a
    routes:
      - { destination: 0.0.0.0/0, target: nat-a }
securityGroups:
  - id: sg-web
    vpc: vpc-a
    inbound:
      - { protocol: icmp, icmpType: 8, icmpCode: -1, source: 0.0.0.0/0 }
  - id: sg-2
    vpc: vpc-a
    inbound:
      - { protocol: tcp, ports: 443, source: 10.0.1.0/24 }
instances:
  - { id: web, subnet: sub-pub, privateIp: 172.31.16.139, publicIp: 54.0.0.10, securityGroups: [sg-web], interfaceId: eni-web }
  - { id: i1, subnet: sub-1, privateIp: 10.0.1.5, interfaceId: eni-i1 }
  - { id: i2, subnet: sub-2, privateIp: 10.0.2.10, securityGroups: [sg-2], interfaceId: eni-i2 }
`
  .replace('cidr: 10.0.0.0/16 }', 'cidr: 10.0.0.0/16, secondaryCidrs: [172.31.0.0/16] }')
  .replace(
    '{ id: sub-pub, vpc: vpc-a, cidr: 10.0.0.0/24,',
    '{ id: sub-web, vpc: vpc-a, cidr: 172.31.16.0/20, az: us-east-1a, routeTable: rt-pub }\n  - { id: sub-pub, vpc: vpc-a, cidr: 10.0.0.0/24,',
  )
  .replace('{ id: web, subnet: sub-pub,', '{ id: web, subnet: sub-web,');

const START = 1767225600; // the fixed default start (2026-01-01T00:00:00Z)
const END = START + 600;

describe('flow logs, default format (version 2)', () => {
  it('a simple accepted flow: egress and ingress at both interfaces, forward then reply', () => {
    const r = run(BASE, { from: 'i1', to: 'i2', port: 443, srcPort: 49152 });
    expect(r.verdict).toBe('ACCEPT');
    expect(r.r.flowLogs).toEqual([
      `2 123456789010 eni-i1 10.0.1.5 10.0.2.10 49152 443 6 1 60 ${START} ${END} ACCEPT OK`,
      `2 123456789010 eni-i2 10.0.1.5 10.0.2.10 49152 443 6 1 60 ${START} ${END} ACCEPT OK`,
      `2 123456789010 eni-i2 10.0.2.10 10.0.1.5 443 49152 6 1 60 ${START} ${END} ACCEPT OK`,
      `2 123456789010 eni-i1 10.0.2.10 10.0.1.5 443 49152 6 1 60 ${START} ${END} ACCEPT OK`,
    ]);
  });

  it('a flow refused by the destination SG: ACCEPT leaving the source, REJECT at the destination, no reply records', () => {
    const r = run(BASE, { from: 'i1', to: 'i2', port: 22, srcPort: 49152 });
    expect(r.verdict).toBe('REJECT');
    expect(r.r.flowLogs).toEqual([
      `2 123456789010 eni-i1 10.0.1.5 10.0.2.10 49152 22 6 1 60 ${START} ${END} ACCEPT OK`,
      `2 123456789010 eni-i2 10.0.1.5 10.0.2.10 49152 22 6 1 60 ${START} ${END} REJECT OK`,
    ]);
  });

  it('the documented case: a ping accepted in, its reply rejected by the network ACL on the way out', () => {
    // flow-logs-records-examples.html: "An ACCEPT record for the originating ping … A REJECT record for the response ping that the network ACL denied."
    const t = change(
      BASE,
      'securityGroups:\n',
      `networkAcls:
  - id: acl-web
    vpc: vpc-a
    inbound:
      - { rule: 100, protocol: icmp, icmpType: -1, icmpCode: -1, cidr: 0.0.0.0/0, action: allow }
    outbound:
      - { rule: 100, protocol: tcp, ports: 1024-65535, cidr: 0.0.0.0/0, action: allow }
securityGroups:
`,
    ).replace('az: us-east-1a, routeTable: rt-pub }\n  - { id: sub-pub', 'az: us-east-1a, routeTable: rt-pub, networkAcl: acl-web }\n  - { id: sub-pub');
    const r = run(t, { from: '203.0.113.12', to: '54.0.0.10', protocol: 'icmp' });
    expect(r.r.forward.verdict).toBe('ACCEPT');
    expect(r.verdict).toBe('REJECT');
    expect(r.blockedBy).toBe('acl-web');
    expect(r.r.flowLogs).toEqual([
      `2 123456789010 eni-web 203.0.113.12 172.31.16.139 0 0 1 1 84 ${START} ${END} ACCEPT OK`,
      `2 123456789010 eni-web 172.31.16.139 203.0.113.12 0 0 1 1 84 ${START} ${END} REJECT OK`,
    ]);
    // with the outbound ICMP rule the reply is accepted
    const ok = run(
      change(
        t,
        '      - { rule: 100, protocol: tcp, ports: 1024-65535, cidr: 0.0.0.0/0, action: allow }\n',
        '      - { rule: 100, protocol: icmp, icmpType: -1, icmpCode: -1, cidr: 0.0.0.0/0, action: allow }\n',
      ),
      { from: '203.0.113.12', to: '54.0.0.10', protocol: 'icmp' },
    );
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.r.flowLogs.map((l) => l.split(' ').at(-2))).toEqual(['ACCEPT', 'ACCEPT']);
  });

  it('--time moves start and end', () => {
    const r = run(BASE, { from: 'i1', to: 'i2', port: 443, time: 1700000000 });
    for (const l of r.r.flowLogs) {
      const f = l.split(' ');
      expect([f[10], f[11]]).toEqual(['1700000000', '1700000600']);
    }
    expect(run(BASE, { from: 'i1', to: 'i2', port: 443 }).r.flowLogs[0]).toContain(` ${START} ${END} `);
  });
});

describe('flow logs, custom format', () => {
  it('the NAT gateway records show pkt-srcaddr/pkt-dstaddr ≠ srcaddr/dstaddr, as in the AWS NAT example', () => {
    // flow-logs-records-examples.html#flow-log-example-nat, format `instance-id interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr`
    const r = run(BASE, {
      from: 'i1',
      to: '203.0.113.5',
      port: 443,
      flowLogFormat: '${instance-id} ${interface-id} ${srcaddr} ${dstaddr} ${pkt-srcaddr} ${pkt-dstaddr}',
    });
    expect(r.verdict).toBe('ACCEPT');
    const nat = r.r.flowLogs.filter((l) => l.includes('eni-1235b8ca123456789'));
    expect(nat).toEqual([
      '- eni-1235b8ca123456789 10.0.1.5 10.0.0.220 10.0.1.5 203.0.113.5',
      '- eni-1235b8ca123456789 10.0.0.220 203.0.113.5 10.0.0.220 203.0.113.5',
      '- eni-1235b8ca123456789 203.0.113.5 10.0.0.220 203.0.113.5 10.0.0.220',
      '- eni-1235b8ca123456789 10.0.0.220 10.0.1.5 203.0.113.5 10.0.1.5',
    ]);
    // the instance's own records: the instance id, and its private address
    const own = r.r.flowLogs.filter((l) => l.includes('eni-i1'));
    expect(own).toEqual(['i1 eni-i1 10.0.1.5 203.0.113.5 10.0.1.5 203.0.113.5', 'i1 eni-i1 203.0.113.5 10.0.1.5 203.0.113.5 10.0.1.5']);
  });

  it('version is the highest version among the fields; v5 flow-direction and traffic-path', () => {
    const r = run(BASE, { from: 'web', to: '203.0.113.5', protocol: 'icmp', flowLogFormat: 'version interface-id flow-direction traffic-path action' });
    expect(r.r.flowLogs[0]).toBe('5 eni-web egress 2 ACCEPT');
    expect(r.r.flowLogs.at(-1)).toBe('5 eni-web ingress - ACCEPT');
    const v3 = run(BASE, { from: 'i1', to: 'i2', port: 443, flowLogFormat: '${version} ${vpc-id} ${subnet-id} ${type} ${tcp-flags}' });
    expect(v3.r.flowLogs).toEqual(['3 vpc-a sub-1 IPv4 2', '3 vpc-a sub-2 IPv4 2', '3 vpc-a sub-2 IPv4 18', '3 vpc-a sub-1 IPv4 18']);
  });

  it('an unknown field is an error naming it', () => {
    expect(() => run(BASE, { from: 'i1', to: 'i2', port: 443, flowLogFormat: '${version} ${nope}' })).toThrow(/nope/);
  });

  it('trace() records the interface events as data and leaves the records to withFlowLogs()', () => {
    const t = load(BASE);
    const r = trace(t, { from: 'i1', to: 'i2', port: 443, srcPort: 49152 });
    expect(r.flowLogs).toEqual([]);
    expect(r.events.map((e) => `${e.eni.id} ${e.flowDirection} ${e.direction}`)).toEqual([
      'eni-i1 egress forward',
      'eni-i2 ingress forward',
      'eni-i2 egress return',
      'eni-i1 ingress return',
    ]);
    const written = withFlowLogs(t, r, { format: 'interface-id start', time: 1700000000 });
    expect(written.flowLogs).toEqual(['eni-i1 1700000000', 'eni-i2 1700000000', 'eni-i2 1700000000', 'eni-i1 1700000000']);
    expect(() => withFlowLogs(t, r, { time: -1 })).toThrow(FlowLogFormatError);
  });
});
