// Filtering rules: NACL rule numbers 1-32766 unique per direction, ports 0-65535 with from <= to,
// protocols, and the one-of keys of NACL rules.
import { describe, expect, it } from 'vitest';
import { at, forFile } from '../helpers/diagnostics.js';

const FILE = 'rules.yaml';

const { load, expectOnlyError } = forFile(FILE);

const BASE = `version: 1
vpcs:
  - id: vpc-a
    cidr: 10.0.0.0/16
`;
const acl = (inbound: string[], outbound: string[] = []) =>
  BASE +
  `networkAcls:
  - id: acl-a
    vpc: vpc-a
    inbound:
${inbound.map((r) => `      - ${r}\n`).join('')}    outbound:${outbound.length ? '\n' : ' []\n'}${outbound.map((r) => `      - ${r}\n`).join('')}`;
const sg = (inbound: string[], outbound?: string[]) =>
  BASE +
  `securityGroups:
  - id: sg-a
    vpc: vpc-a
    inbound:
${inbound.map((r) => `      - ${r}\n`).join('')}${outbound ? `    outbound:\n${outbound.map((r) => `      - ${r}\n`).join('')}` : ''}`;

describe('NACL rule numbers: 1 to 32766, unique per direction', () => {
  it.each([0, 32767, 40000])('rule %i is out of range', (n) => {
    const text = acl([`{ rule: ${n}, protocol: tcp, ports: 443, cidr: 0.0.0.0/0, action: allow }`]);
    expectOnlyError(load(text), 'INVALID_RULE_NUMBER', at(text, `${n},`), `inbound rule ${n} of network ACL 'acl-a'`, 'rule number must be 1-32766');
  });

  it.each([1, 32766])('rule %i is accepted', (n) => {
    expect(load(acl([`{ rule: ${n}, protocol: tcp, ports: 443, cidr: 0.0.0.0/0, action: allow }`])).diagnostics).toEqual([]);
  });

  it('a rule number used twice in one direction is reported at the second, naming the first', () => {
    const text = acl([
      '{ rule: 100, protocol: tcp, ports: 443, cidr: 0.0.0.0/0, action: allow }',
      '{ rule: 100, protocol: udp, ports: 53, cidr: 0.0.0.0/0, action: allow }',
    ]);
    expectOnlyError(load(text), 'DUPLICATE_RULE_NUMBER', at(text, '100,', 1), 'rule number 100 is already used by inbound rule #1');
  });

  it('the same number inbound and outbound is fine', () => {
    const text = acl(['{ rule: 100, protocol: all, cidr: 0.0.0.0/0, action: allow }'], ['{ rule: 100, protocol: all, cidr: 0.0.0.0/0, action: allow }']);
    expect(load(text).diagnostics).toEqual([]);
  });

  it('a fractional rule number is refused by the schema, at the value', () => {
    const text = acl(['{ rule: 100.5, protocol: all, cidr: 0.0.0.0/0, action: allow }']);
    const r = load(text);
    const d = r.diagnostics.find((x) => x.code === 'WRONG_TYPE')!;
    expect(d.message).toContain("'rule' of inbound rule #1 of network ACL 'acl-a' must be an integer");
    expect({ line: d.line, col: d.col }).toEqual(at(text, '100.5'));
  });

  it('rules are kept sorted by number', () => {
    const text = acl([
      '{ rule: 200, protocol: all, cidr: 0.0.0.0/0, action: deny }',
      '{ rule: 100, protocol: tcp, ports: 22, cidr: 10.0.0.0/8, action: allow }',
    ]);
    const r = load(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.topology!.networkAcls.find((a) => a.id === 'acl-a')!.inbound.map((x) => x.number)).toEqual([100, 200]);
  });

  it('a rule needs exactly one of cidr or ipv6Cidr', () => {
    const text = acl(['{ rule: 100, protocol: all, action: allow }']);
    expectOnlyError(load(text), 'MISSING_KEY', at(text, '{ rule: 100'), 'needs exactly one of cidr (IPv4) or ipv6Cidr (IPv6)');
  });

  it('an IPv6 block in cidr is refused, pointing to ipv6Cidr', () => {
    const text = acl(['{ rule: 100, protocol: all, cidr: "::/0", action: allow }']);
    expectOnlyError(load(text), 'INVALID_CIDR', at(text, '"::/0"'), 'use ipv6Cidr');
  });
});

describe('ports: 0 to 65535, from <= to', () => {
  it('a port above 65535 is refused in a security group rule', () => {
    const text = sg(['{ protocol: tcp, ports: 70000, source: 0.0.0.0/0 }']);
    expectOnlyError(load(text), 'INVALID_PORTS', at(text, '70000'), "inbound rule #1 of security group 'sg-a'", 'port 70000 is outside 0-65535');
  });

  it('a range ending above 65535 is refused in a NACL rule', () => {
    const text = acl(['{ rule: 100, protocol: tcp, ports: 1024-65536, cidr: 0.0.0.0/0, action: allow }']);
    expectOnlyError(load(text), 'INVALID_PORTS', at(text, '1024-65536'), "inbound rule 100 of network ACL 'acl-a'", 'beyond 65535');
  });

  it('a range written backwards is refused, with the right order suggested', () => {
    const text = sg(['{ protocol: tcp, ports: 2000-1000, source: 0.0.0.0/0 }']);
    expectOnlyError(load(text), 'INVALID_PORTS', at(text, '2000-1000'), "port range '2000-1000' starts after it ends (write 1000-2000)");
  });

  it('a negative port is refused', () => {
    const text = sg(['{ protocol: udp, ports: -5, source: 0.0.0.0/0 }']);
    expectOnlyError(load(text), 'INVALID_PORTS', at(text, '-5'), 'outside 0-65535');
  });

  it('a port that is not a number or range is refused', () => {
    const text = sg(['{ protocol: tcp, ports: https, source: 0.0.0.0/0 }']);
    expectOnlyError(load(text), 'INVALID_PORTS', at(text, 'https'), "'https' is not a port or port range");
  });

  it('0, 65535, 0-65535 and all are accepted; 0-65535 means all ports', () => {
    const text = sg([
      '{ protocol: tcp, ports: 0, source: 0.0.0.0/0 }',
      '{ protocol: tcp, ports: 65535, source: 0.0.0.0/0 }',
      '{ protocol: tcp, ports: 0-65535, source: 0.0.0.0/0 }',
      '{ protocol: udp, ports: all, source: 0.0.0.0/0 }',
    ]);
    const r = load(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.topology!.securityGroups.find((g) => g.id === 'sg-a')!.inbound.map((x) => x.ports)).toEqual([
      { from: 0, to: 0 },
      { from: 65535, to: 65535 },
      undefined,
      undefined,
    ]);
  });

  it('ports on a protocol without ports (icmp) are refused', () => {
    const text = sg(['{ protocol: icmp, ports: 8, source: 0.0.0.0/0 }']);
    const d = expectOnlyError(load(text), 'INVALID_PORTS', at(text, '8,'), 'ports apply only to tcp and udp');
    expect(d.hint).toContain('icmpType');
  });
});

describe('protocols', () => {
  it('an unknown protocol name is refused with the accepted ones listed', () => {
    const text = sg(['{ protocol: tpc, ports: 443, source: 0.0.0.0/0 }']);
    expectOnlyError(load(text), 'INVALID_PROTOCOL', at(text, 'tpc'), "unknown protocol 'tpc'", 'tcp, udp, icmp');
  });

  it('a protocol number above 255 is refused', () => {
    const text = sg(['{ protocol: 256, source: 0.0.0.0/0 }']);
    expectOnlyError(load(text), 'INVALID_PROTOCOL', at(text, '256'), 'protocol 256 is not an IP protocol number');
  });

  it('protocol numbers and all are accepted', () => {
    const r = load(sg(['{ protocol: 50, source: 10.0.0.0/8 }', '{ protocol: all, source: 10.0.0.0/8 }', '{ protocol: -1, source: 10.0.0.0/8 }']));
    expect(r.diagnostics).toEqual([]);
    expect(r.topology!.securityGroups.find((g) => g.id === 'sg-a')!.inbound.map((x) => x.protocol)).toEqual([50, -1, -1]);
  });

  it('icmpType on tcp is refused', () => {
    const text = sg(['{ protocol: tcp, icmpType: 8, source: 0.0.0.0/0 }']);
    expectOnlyError(load(text), 'INVALID_VALUE', at(text, 'icmpType'), 'icmpType/icmpCode apply only to icmp and icmpv6');
  });

  it('an SG rule without a source is refused', () => {
    const text = sg(['{ protocol: tcp, ports: 443 }']);
    expectOnlyError(load(text), 'MISSING_KEY', at(text, '{ protocol: tcp'), "is missing 'source'");
  });
});
