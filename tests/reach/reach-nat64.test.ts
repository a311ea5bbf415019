// NAT64 (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-nat64-dns64.html): a NAT gateway sends an IPv6
// packet for 64:ff9b::/96 on as IPv4 to the address in its last 32 bits, so IPv4 rules past the gateway divide the
// IPv6 destinations of a reach query. The tracer is the oracle: a row holds a destination exactly when trace accepts it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTopology } from '../../src/index.js';
import { mustCidr, parseIp } from '../../src/net/ip.js';
import { reach } from '../../src/reach/reach.js';
import { trace } from '../../src/trace/trace.js';

// the nat64 scenario with a network ACL on the NAT gateway's subnet that denies HTTPS to 8.8.8.0/24 on the way out
const ACL = `
networkAcls:
  - id: acl-public
    vpc: vpc-a
    inbound:
      - { rule: 100, protocol: all, cidr: 0.0.0.0/0, action: allow }
      - { rule: 101, protocol: all, ipv6Cidr: "::/0", action: allow }
    outbound:
      - { rule: 10, protocol: tcp, ports: 443, cidr: 8.8.8.0/24, action: deny }
      - { rule: 100, protocol: all, cidr: 0.0.0.0/0, action: allow }
      - { rule: 101, protocol: all, ipv6Cidr: "::/0", action: allow }
`;

function topology() {
  const text = readFileSync('scenarios/nat64.yaml', 'utf8')
    .replace('routeTable: rt-public }', 'routeTable: rt-public, networkAcl: acl-public }')
    .replace('\nsecurityGroups:', `${ACL}\nsecurityGroups:`);
  const file = join(mkdtempSync(join(tmpdir(), 'vpcsim-nat64-')), 'nat64-acl.yaml');
  writeFileSync(file, text);
  return loadTopology(file).topology!;
}

function rowsHold(rows: ReturnType<typeof reach>['rows'], addr: string): boolean {
  const a = parseIp(addr);
  if (!a.ok) throw new Error(addr);
  return rows.some(
    (r) =>
      r.destination.kind === 'external' &&
      r.destination.cidrs.some((c) => {
        const p = mustCidr(c);
        if (p.family !== 6) return false;
        const span = 1n << BigInt(128 - p.len);
        return (a.value as bigint) >= (p.base as bigint) && (a.value as bigint) < (p.base as bigint) + span;
      }),
  );
}

describe('reach through NAT64', () => {
  const t = topology();
  const r = reach(t, { from: 'app-1', to: '64:ff9b::/96', protocol: 'tcp', ports: '443' });
  it.each(['64:ff9b::808:808', '64:ff9b::808:8ff', '64:ff9b::808:700', '64:ff9b::909:909', '64:ff9b::101:101', '64:ff9b::5db8:d822'])(
    '%s is in a row exactly when trace accepts it',
    (dst) => {
      const verdict = trace(t, {
        from: 'app-1',
        to: dst,
        protocol: 6,
        port: 443,
        srcPort: 40000,
        icmpType: 0,
        icmpCode: 0,
        explain: false,
        flowLogs: false,
      }).verdict;
      expect(rowsHold(r.rows, dst)).toBe(verdict === 'ACCEPT');
    },
  );
  it('the denied IPv4 block is refused and the rest of the prefix gets through', () => {
    expect(rowsHold(r.rows, '64:ff9b::808:808')).toBe(false);
    expect(rowsHold(r.rows, '64:ff9b::909:909')).toBe(true);
  });
});

// A subnet with no route to a NAT gateway for 64:ff9b::/96 sends such packets untranslated, and the egress-only
// internet gateway refuses them (trace: NAT64_PREFIX_NOT_TRANSLATED): the engine must divide the internet's IPv6
// addresses at the prefix even when no hop on the path saw the packet as IPv4.
describe('the NAT64 prefix without a NAT gateway on the way', () => {
  const t = loadTopology('scenarios/nat64.yaml').topology!;
  const r = reach(t, { from: 'v6-2', to: 'internet', protocol: 'icmpv6' });
  it.each(['64:ff9b::102:304', '64:ff9b::', '64:ff9b::ffff:ffff', '2001:4860::8888', '64:ff9a:ffff::1', '64:ff9b:0:0:0:1::'])(
    '%s is in a row exactly when trace accepts it',
    (dst) => {
      const verdict = trace(t, { from: 'v6-2', to: dst, protocol: 58, icmpType: 128, icmpCode: 0, explain: false, flowLogs: false }).verdict;
      expect(rowsHold(r.rows, dst)).toBe(verdict === 'ACCEPT');
    },
  );
  it('the prefix is refused, the rest of the internet is reached', () => {
    expect(rowsHold(r.rows, '64:ff9b::102:304')).toBe(false);
    expect(rowsHold(r.rows, '2001:4860::8888')).toBe(true);
  });
});

// NAT64 to an address of the sender's own VPC: the translated packet is delivered to the interface that owns the
// IPv4 address, or refused (NO_INTERFACE_FOR_DESTINATION); the engine must divide 64:ff9b::/96 at each of them.
describe('NAT64 to an interface of the same VPC', () => {
  const t = loadTopology('tests/fixtures/reach/nat64-in-vpc.yaml').topology!;
  const r = reach(t, { from: 'app-a', protocol: 'tcp' });
  it.each(['64:ff9b::a46:14', '64:ff9b::a46:15', '64:ff9b::a46:13', '64:ff9b::a46:0', '64:ff9b::a46:5', '64:ff9b::808:808'])(
    '%s is in a row exactly when trace accepts it',
    (dst) => {
      const verdict = trace(t, { from: 'app-a', to: dst, protocol: 6, port: 443, srcPort: 40000, explain: false, flowLogs: false }).verdict;
      expect(rowsHold(r.rows, dst)).toBe(verdict === 'ACCEPT');
    },
  );
  it('web-1 (10.70.0.20) is reached through the NAT gateway', () => {
    expect(rowsHold(r.rows, '64:ff9b::a46:14')).toBe(true);
  });
});

describe('NAT64 where the reply depends on the source port the NAT gateway picks', () => {
  // tests/fixtures/reach/nat64-nat-port.yaml: the NAT gateway's subnet refuses inbound TCP 1000-3000, so a reply to a
  // translated source port there is dropped and one elsewhere gets back; which port AWS picks is not said
  const t = loadTopology('tests/fixtures/reach/nat64-nat-port.yaml').topology!;

  it('trace accepts some source ports and refuses others', () => {
    const verdicts = new Set<string>();
    for (let srcPort = 1024; srcPort < 65536; srcPort += 509)
      verdicts.add(trace(t, { from: 'v6-1', to: '64:ff9b::808:808', protocol: 'tcp', port: 443, srcPort }).verdict);
    expect([...verdicts].sort()).toEqual(['ACCEPT', 'REJECT']);
  });

  it('reach lists the class as undetermined, not as reachable', () => {
    const r = reach(t, { from: 'v6-1', to: '64:ff9b::808:808', protocol: 'tcp', ports: '443' });
    expect(r.rows).toEqual([]);
    expect(r.undetermined.length).toBe(1);
    expect(r.undetermined[0]!.path).toContain('nat-a');
  });
});
