// IPv6-only subnets: a subnet with ipv6Cidr and no IPv4 cidr; its interfaces have no private IPv4 address.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSubnet.html — "For an IPv6 only subnet, specify an
// IPv6 CIDR block." https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-nat64-dns64.html — IPv6-only
// workloads reach IPv4 hosts through a route for 64:ff9b::/96 to a NAT gateway.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../../src/check/check.js';
import { renderResource, renderSummary, resourceView, summaryView } from '../../src/render/show.js';
import { FlowError, trace } from '../../src/trace/trace.js';
import { at, forFile } from '../helpers/diagnostics.js';
import { change, load, run } from '../helpers/trace.js';
import { hopDetail, hopFix } from '../../src/render/trace-detail.js';

const T = `version: 1
vpcs: [ { id: vpc-a, cidr: 10.0.0.0/16, ipv6Cidr: "2600:1f18:a::/56" } ]
internetGateways: [ { id: igw-a, vpc: vpc-a } ]
egressOnlyInternetGateways: [ { id: eigw-a, vpc: vpc-a } ]
subnets:
  - { id: pub, vpc: vpc-a, cidr: 10.0.0.0/24, ipv6Cidr: "2600:1f18:a::/64", az: us-east-1a, routeTable: rt-pub }
  - { id: v6, vpc: vpc-a, ipv6Cidr: "2600:1f18:a:2::/64", az: us-east-1a, routeTable: rt-v6 }
natGateways: [ { id: nat-a, subnet: pub, privateIp: 10.0.0.100, publicIp: 54.0.0.100 } ]
routeTables:
  - { id: rt-pub, vpc: vpc-a, routes: [ { destination: 0.0.0.0/0, target: igw-a } ] }
  - id: rt-v6
    vpc: vpc-a
    routes:
      - { destination: "64:ff9b::/96", target: nat-a }
      - { destination: "::/0", target: eigw-a }
securityGroups:
  - { id: sg-v6, vpc: vpc-a, inbound: [ { protocol: tcp, ports: 443, source: "2600:1f18:a::/56" } ] }
instances:
  - { id: v6-1, subnet: v6, ipv6Addresses: ["2600:1f18:a:2::10"], securityGroups: [sg-v6] }
  - { id: web-1, subnet: pub, privateIp: 10.0.0.10, ipv6Addresses: ["2600:1f18:a::10"] }
`;
const ACL = 'vpc-a:default-acl';

describe('an IPv6-only instance traced', () => {
  it('reaches 8.8.8.8 at 64:ff9b::808:808 through the NAT gateway (NAT64) and the internet gateway: ACCEPT', () => {
    const x = run(T, { from: 'v6-1', to: '64:ff9b::808:808', port: 443 });
    expect(x.verdict).toBe('ACCEPT');
    expect(x.fwd).toEqual(['sg-v6', 'rt-v6', ACL, ACL, 'nat-a', 'rt-pub', ACL, 'igw-a', 'internet']);
    expect(x.r.forward.hops[4]).toMatchObject({ decision: 'NAT', packet: { src: '10.0.0.100', dst: '8.8.8.8' } });
    expect(x.ret).toEqual(['internet', 'igw-a', ACL, 'nat-a', 'rt-pub', ACL, ACL, 'sg-v6', 'v6-1']);
    expect(x.r.return!.hops.at(-1)!.packet).toMatchObject({ src: '64:ff9b::808:808', dst: '2600:1f18:a:2::10' });
  });

  it('without the 64:ff9b::/96 route the packet leaves the egress-only gateway untranslated: REJECT there', () => {
    const x = run(change(T, '      - { destination: "64:ff9b::/96", target: nat-a }\n', ''), { from: 'v6-1', to: '64:ff9b::808:808', port: 443 });
    expect(x).toMatchObject({ verdict: 'REJECT', blockedBy: 'eigw-a', reason: 'NAT64_PREFIX_NOT_TRANSLATED' });
    expect(x.fwd).toEqual(['sg-v6', 'rt-v6', ACL, 'eigw-a', 'eigw-a']);
    const last = x.r.forward.hops.at(-1)!;
    expect(hopDetail(last)).toContain('8.8.8.8');
    expect(hopFix(last)).toContain('64:ff9b::/96');
  });

  it('with no route at all for the NAT64 prefix: REJECT at the route table', () => {
    const x = run(
      change(
        T,
        '      - { destination: "64:ff9b::/96", target: nat-a }\n      - { destination: "::/0", target: eigw-a }\n',
        '      - { destination: "2001:db8::/32", target: eigw-a }\n',
      ),
      { from: 'v6-1', to: '64:ff9b::808:808', port: 443 },
    );
    expect(x).toMatchObject({ verdict: 'REJECT', blockedBy: 'rt-v6', reason: 'NO_ROUTE_TO_DESTINATION' });
  });

  it('reaches the IPv6 internet through the egress-only internet gateway, not the NAT gateway: ACCEPT', () => {
    const x = run(T, { from: 'v6-1', to: '2001:db8:ffff::1', port: 443 });
    expect(x.verdict).toBe('ACCEPT');
    expect(x.fwd).toEqual(['sg-v6', 'rt-v6', ACL, 'eigw-a', 'internet']);
    expect(x.ret).toEqual(['internet', 'eigw-a', ACL, 'sg-v6', 'v6-1']);
  });

  it('`--to internet` from an IPv6-only instance is traced over IPv6', () => {
    const x = run(T, { from: 'v6-1', to: 'internet', port: 443 });
    expect(x.verdict).toBe('ACCEPT');
    expect(x.fwd).toContain('eigw-a');
  });

  it('is reached from a dual-stack instance of its VPC over IPv6 (its security group allows the VPC block)', () => {
    const x = run(T, { from: 'web-1', to: 'v6-1', port: 443 });
    expect(x.verdict).toBe('ACCEPT');
    expect(x.fwd.at(-1)).toBe('v6-1');
    expect(x.r.forward.hops[0]!.packet).toMatchObject({ src: '2600:1f18:a::10', dst: '2600:1f18:a:2::10' });
  });

  it('an IPv4 destination from an IPv6-only instance is a usage error naming NAT64, not a trace', () => {
    const t = load(T);
    expect(() => trace(t, { from: 'v6-1', to: '8.8.8.8', port: 443 })).toThrow(FlowError);
    expect(() => trace(t, { from: 'v6-1', to: '8.8.8.8', port: 443 })).toThrow(/no IPv4 address.*IPv6-only.*64:ff9b::/);
  });
});

const { load: bindText, expectOnlyError } = forFile('v6.yaml');
const BASE = `version: 1
vpcs:
  - { id: vpc-a, cidr: 10.0.0.0/16, ipv6Cidr: "2600:1f18:a::/56" }
  - { id: vpc-b, cidr: 10.1.0.0/16 }
subnets:
  - { id: pub, vpc: vpc-a, cidr: 10.0.0.0/24, ipv6Cidr: "2600:1f18:a::/64" }
  - { id: v6, vpc: vpc-a, ipv6Cidr: "2600:1f18:a:2::/64" }
`;

describe('IPv6-only subnets in the topology format', () => {
  it('a subnet with ipv6Cidr and no cidr binds, and its instance needs no privateIp', () => {
    const r = bindText(BASE + 'instances:\n  - { id: v6-1, subnet: v6, ipv6Addresses: ["2600:1f18:a:2::10"] }\n');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const s = r.topology!.subnets.find((x) => x.id === 'v6')!;
    expect(s.cidr).toBeUndefined();
    expect(r.topology!.interfaces.find((e) => e.id === 'eni-v6-1')!.privateIp).toBeUndefined();
  });

  it('a subnet with neither cidr nor ipv6Cidr is an error at the subnet', () => {
    const text = BASE + '  - { id: none, vpc: vpc-a }\n';
    expectOnlyError(bindText(text), 'MISSING_KEY', at(text, '{ id: none'), "subnet 'none'", 'cidr', 'ipv6Cidr');
  });

  it('an IPv6-only subnet in a VPC without an IPv6 block is an error at its ipv6Cidr', () => {
    const text = BASE + '  - { id: v6b, vpc: vpc-b, ipv6Cidr: "2600:1f18:b::/64" }\n';
    expectOnlyError(bindText(text), 'SUBNET_OUTSIDE_VPC', at(text, '"2600:1f18:b::/64"'), "subnet 'v6b'", "VPC 'vpc-b' has no ipv6Cidr");
  });

  it('a private IPv4 address on an instance in an IPv6-only subnet is an error at its value', () => {
    const text = BASE + 'instances:\n  - { id: v6-1, subnet: v6, privateIp: 10.0.2.10, ipv6Addresses: ["2600:1f18:a:2::10"] }\n';
    expectOnlyError(bindText(text), 'IP_OUTSIDE_SUBNET', at(text, '10.0.2.10'), "'v6-1' has privateIp", "subnet 'v6' is IPv6-only");
  });

  it('a public IPv4 address on an interface in an IPv6-only subnet is an error at its value', () => {
    const text = BASE + 'networkInterfaces:\n  - { id: eni-x, subnet: v6, publicIp: 54.0.0.1, ipv6Addresses: ["2600:1f18:a:2::10"] }\n';
    expectOnlyError(bindText(text), 'IP_OUTSIDE_SUBNET', at(text, '54.0.0.1'), "'eni-x' has publicIp", 'IPv6-only');
  });

  it('an instance in an IPv6-only subnet without ipv6Addresses is an error at the instance', () => {
    const text = BASE + 'instances:\n  - { id: v6-1, subnet: v6 }\n';
    expectOnlyError(bindText(text), 'MISSING_KEY', at(text, '{ id: v6-1'), "'v6-1'", 'needs ipv6Addresses');
  });

  it('privateIp is still required in a subnet with an IPv4 cidr', () => {
    const text = BASE + 'instances:\n  - { id: web-1, subnet: pub }\n';
    expectOnlyError(bindText(text), 'MISSING_KEY', at(text, '{ id: web-1'), "'web-1' is missing required key 'privateIp'", '10.0.0.0/24');
  });

  it('a NAT gateway in an IPv6-only subnet is an error at its subnet (a NAT gateway needs an IPv4 address)', () => {
    const text = BASE + 'natGateways:\n  - { id: nat-a, subnet: v6, publicIp: 54.0.0.100 }\n';
    expectOnlyError(bindText(text), 'NAT_IN_IPV6_ONLY_SUBNET', at(text, 'v6, publicIp'), "NAT gateway 'nat-a'", 'IPv6-only');
  });

  it('an interface endpoint in an IPv6-only subnet is refused with a positioned error (not modelled)', () => {
    const text = BASE + 'vpcEndpoints:\n  - { id: vpce-x, vpc: vpc-a, type: interface, service: sqs, subnets: [v6] }\n';
    expectOnlyError(bindText(text), 'IP_OUTSIDE_SUBNET', at(text, 'v6]'), 'IPv6-only');
  });
});

describe('every command on an IPv6-only topology', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpcsim-v6-'));
  const file = join(dir, 'v6.yaml');
  writeFileSync(file, T + 'assertions:\n  - { from: v6-1, to: "64:ff9b::808:808", protocol: tcp, port: 443, expect: accept, via: [nat-a] }\n');

  it('show (summary and every resource) and check run without an internal error', () => {
    const t = load(T);
    expect(renderSummary(summaryView(t), { width: 200 })).toContain('2600:1f18:a:2::/64');
    for (const r of t.byId.values()) expect(typeof renderResource(resourceView(t, r))).toBe('string');
    const report = checkFile(file);
    expect(report.assertions.map((a) => a.passed)).toEqual([true]);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('trace from and to any endpoint gives a verdict or a usage error, never an internal error', () => {
    const t = load(T);
    const ends = [
      'v6-1',
      'web-1',
      'nat-a',
      'internet',
      's3',
      'subnet:v6',
      'sg:sg-v6',
      '2600:1f18:a:2::10',
      '2600:1f18:a:2::99',
      '10.0.0.10',
      '8.8.8.8',
      '2001:db8::1',
    ];
    const end = fc.oneof(
      fc.constantFrom(...ends),
      fc.integer({ min: 0, max: 0xffffffff }).map((n) => `64:ff9b::${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`),
    );
    fc.assert(
      fc.property(end, end, fc.constantFrom('tcp', 'udp', 'icmpv6', 'icmp'), fc.integer({ min: 1, max: 65535 }), (from, to, protocol, port) => {
        try {
          const r = trace(t, { from, to, protocol, port });
          expect(['ACCEPT', 'REJECT']).toContain(r.verdict);
        } catch (e) {
          expect(e).toBeInstanceOf(FlowError);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the CLI: validate 0, show 0, check 0, trace 0 (NAT64) and 2 for an IPv4 destination', () => {
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [join(import.meta.dirname, '../..', 'bin/vpcsim.js'), ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    for (const args of [
      ['validate', file],
      ['show', file],
      ['show', file, 'v6-1', '--json'],
      ['check', file],
      ['trace', file, '--from', 'v6-1', '--to', '64:ff9b::808:808', '--port', '443', '--json'],
    ]) {
      const r = cli(...args);
      expect({ args, code: r.status, err: r.stderr }).toEqual({ args, code: 0, err: '' });
    }
    const bad = cli('trace', file, '--from', 'v6-1', '--to', '8.8.8.8');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('IPv6-only');
  });
});
