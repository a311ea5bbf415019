// CIDR rules of the binder: network addresses, VPC and subnet sizes, counts, containment and overlaps.
// Each test feeds a small bad file and checks the diagnostic's code, wording and position.
import { describe, expect, it } from 'vitest';
import { at, forFile } from '../helpers/diagnostics.js';

const FILE = 'net.yaml';

const { load, expectOnlyError } = forFile(FILE, true);

const vpc = (cidr: string, extra = '') => `version: 1
vpcs:
  - id: vpc-a
    cidr: ${cidr}
${extra}`;

describe('IPv4 CIDRs must be network addresses', () => {
  it('a VPC CIDR with host bits set is an error that suggests the network address', () => {
    const text = vpc('10.0.1.5/16');
    const d = expectOnlyError(load(text), 'INVALID_CIDR', at(text, '10.0.1.5/16'), "'10.0.1.5/16' is not a network address", 'did you mean 10.0.0.0/16?');
    expect(d.message).toContain("VPC 'vpc-a'");
  });

  it('a subnet CIDR with host bits set names the subnet and the right CIDR', () => {
    const text = vpc('10.0.0.0/16', `subnets:\n  - { id: app-a, vpc: vpc-a, cidr: 10.0.1.5/24 }\n`);
    expectOnlyError(load(text), 'INVALID_CIDR', at(text, '10.0.1.5/24'), "subnet 'app-a'", 'did you mean 10.0.1.0/24?');
  });

  it('a route destination with host bits set is reported at the destination', () => {
    const text = vpc(
      '10.0.0.0/16',
      `internetGateways: [ { id: igw-a, vpc: vpc-a } ]
routeTables:
  - id: rt-a
    vpc: vpc-a
    routes:
      - { destination: 0.0.0.1/0, target: igw-a }
`,
    );
    expectOnlyError(load(text), 'INVALID_CIDR', at(text, '0.0.0.1/0'), "route table 'rt-a'", 'did you mean 0.0.0.0/0?');
  });

  it('an IPv4 address with a leading zero octet is refused, not read as octal', () => {
    const text = vpc('010.0.0.0/16');
    expectOnlyError(load(text), 'INVALID_CIDR', at(text, '010.0.0.0/16'), 'leading zero');
  });

  it('a CIDR without a prefix length is refused', () => {
    const text = vpc('10.0.0.0');
    expectOnlyError(load(text), 'INVALID_CIDR', at(text, '10.0.0.0'), 'no prefix length');
  });
});

describe('VPC IPv4 CIDR blocks: /16 to /28, at most 5, not overlapping', () => {
  it('/15 is too large', () => {
    const text = vpc('10.0.0.0/15');
    expectOnlyError(load(text), 'VPC_CIDR_SIZE', at(text, '10.0.0.0/15'), '/15', 'from /16 to /28');
  });

  it('/29 is too small', () => {
    const text = vpc('10.0.0.0/29');
    expectOnlyError(load(text), 'VPC_CIDR_SIZE', at(text, '10.0.0.0/29'), '/29', 'from /16 to /28');
  });

  it('/16 and /28 are accepted', () => {
    expect(load(vpc('10.0.0.0/16')).diagnostics).toEqual([]);
    expect(load(vpc('10.0.0.0/28')).diagnostics).toEqual([]);
  });

  it('a secondary CIDR out of range is reported at that entry', () => {
    const text = vpc('10.0.0.0/16', '');
    const t2 = text.replace('cidr: 10.0.0.0/16', 'cidr: 10.0.0.0/16\n    secondaryCidrs: [10.1.0.0/16, 10.2.0.0/30]');
    expectOnlyError(load(t2), 'VPC_CIDR_SIZE', at(t2, '10.2.0.0/30'), '/30');
  });

  it('five blocks are allowed, a sixth is an error pointing at the first block beyond the limit', () => {
    const five = vpc('10.0.0.0/16').replace('cidr: 10.0.0.0/16', 'cidr: 10.0.0.0/16\n    secondaryCidrs: [10.1.0.0/16, 10.2.0.0/16, 10.3.0.0/16, 10.4.0.0/16]');
    expect(load(five).diagnostics).toEqual([]);
    const six = five.replace('10.4.0.0/16]', '10.4.0.0/16, 10.5.0.0/16]');
    expectOnlyError(load(six), 'VPC_CIDR_LIMIT', at(six, '10.5.0.0/16'), "VPC 'vpc-a' has 6 IPv4 CIDR blocks", 'at most 5');
  });

  it('a secondary CIDR overlapping the primary is an error naming both', () => {
    const text = vpc('10.0.0.0/16').replace('cidr: 10.0.0.0/16', 'cidr: 10.0.0.0/16\n    secondaryCidrs: [10.0.128.0/17]');
    expectOnlyError(load(text), 'VPC_CIDR_OVERLAP', at(text, '10.0.128.0/17'), '10.0.128.0/17 overlaps', '10.0.0.0/16');
  });

  it('an IPv6 block in cidr is refused with a pointer to ipv6Cidr', () => {
    const text = vpc('2600:1f18::/56');
    expectOnlyError(load(text), 'INVALID_CIDR', at(text, '2600:1f18::/56'), 'ipv6Cidr');
  });
});

describe('VPC IPv6 CIDR blocks: /44 to /60 in steps of 4', () => {
  const v6 = (c: string) => vpc('10.0.0.0/16').replace('cidr: 10.0.0.0/16', `cidr: 10.0.0.0/16\n    ipv6Cidr: "${c}"`);
  it.each(['2600:1f18::/44', '2600:1f18:aaaa:bb00::/56', '2600:1f18:aaaa:bbb0::/60'])('%s is accepted', (c) => {
    expect(load(v6(c)).diagnostics).toEqual([]);
  });
  it.each([
    ['2600:1f18::/40', '/40'],
    ['2600:1f18:aaaa:bb00::/58', '/58'],
    ['2600:1f18:aaaa:bbbb::/64', '/64'],
  ])('%s is refused', (c, len) => {
    const text = v6(c);
    expectOnlyError(load(text), 'VPC_CIDR_SIZE', at(text, `"${c}"`), len, '/44 to /60 in steps of 4');
  });
  it('an IPv4 block in ipv6Cidr is refused', () => {
    const text = v6('10.1.0.0/16');
    expectOnlyError(load(text), 'INVALID_CIDR', at(text, '"10.1.0.0/16"'), 'not IPv6');
  });
});

describe('subnet CIDRs', () => {
  const base = `version: 1
vpcs:
  - id: vpc-a
    cidr: 10.0.0.0/16
    ipv6Cidr: 2600:1f18:aaaa:bb00::/56
  - id: vpc-b
    cidr: 10.9.0.0/16
subnets:
`;
  it('a subnet outside its VPC CIDRs is an error that lists them', () => {
    const text = base + '  - { id: app-a, vpc: vpc-a, cidr: 10.1.0.0/24 }\n';
    expectOnlyError(load(text), 'SUBNET_OUTSIDE_VPC', at(text, '10.1.0.0/24'), "subnet 'app-a'", 'not inside', '10.0.0.0/16');
  });

  it('a subnet inside a secondary CIDR is accepted', () => {
    const text =
      base.replace('cidr: 10.9.0.0/16', 'cidr: 10.9.0.0/16\n    secondaryCidrs: [100.64.0.0/16]') + '  - { id: b-1, vpc: vpc-b, cidr: 100.64.3.0/24 }\n';
    expect(load(text).diagnostics).toEqual([]);
  });

  it('two overlapping subnets: the later one is reported, naming the other', () => {
    const text = base + '  - { id: one, vpc: vpc-a, cidr: 10.0.0.0/23 }\n  - { id: two, vpc: vpc-a, cidr: 10.0.1.0/24 }\n';
    expectOnlyError(load(text), 'SUBNET_OVERLAP', at(text, '10.0.1.0/24'), "subnet 'two' 10.0.1.0/24 overlaps subnet 'one' 10.0.0.0/23");
  });

  it('a large subnet overlapping two smaller ones is caught for both, even when they do not touch each other', () => {
    const text =
      base +
      '  - { id: big, vpc: vpc-a, cidr: 10.0.0.0/20 }\n  - { id: small-1, vpc: vpc-a, cidr: 10.0.1.0/24 }\n  - { id: small-2, vpc: vpc-a, cidr: 10.0.2.0/24 }\n';
    const r = load(text);
    const overlaps = r.diagnostics.filter((d) => d.code === 'SUBNET_OVERLAP');
    expect(overlaps.map((d) => d.message)).toEqual([
      "subnet 'small-1' 10.0.1.0/24 overlaps subnet 'big' 10.0.0.0/20",
      "subnet 'small-2' 10.0.2.0/24 overlaps subnet 'big' 10.0.0.0/20",
    ]);
    expect(overlaps.map((d) => ({ line: d.line, col: d.col }))).toEqual([at(text, '10.0.1.0/24'), at(text, '10.0.2.0/24')]);
  });

  it('the same CIDR in two different VPCs is not an overlap', () => {
    const text =
      base.replace('cidr: 10.9.0.0/16', 'cidr: 10.0.0.0/16') + '  - { id: a1, vpc: vpc-a, cidr: 10.0.1.0/24 }\n  - { id: b1, vpc: vpc-b, cidr: 10.0.1.0/24 }\n';
    expect(load(text).diagnostics).toEqual([]);
  });

  it('a subnet IPv6 CIDR outside the VPC IPv6 block is an error', () => {
    const text = base + '  - { id: app-a, vpc: vpc-a, cidr: 10.0.1.0/24, ipv6Cidr: "2600:1f18:aaaa:cc01::/64" }\n';
    expectOnlyError(
      load(text),
      'SUBNET_OUTSIDE_VPC',
      at(text, '"2600:1f18:aaaa:cc01::/64"'),
      "subnet 'app-a'",
      '2600:1f18:aaaa:cc01::/64',
      '2600:1f18:aaaa:bb00::/56',
    );
  });

  it('a subnet IPv6 CIDR in a VPC without IPv6 is an error', () => {
    const text = base + '  - { id: b-1, vpc: vpc-b, cidr: 10.9.1.0/24, ipv6Cidr: "2600:1f18:aaaa:bb01::/64" }\n';
    expectOnlyError(load(text), 'SUBNET_OUTSIDE_VPC', at(text, '"2600:1f18:aaaa:bb01::/64"'), "VPC 'vpc-b' has no ipv6Cidr");
  });

  it.each([
    ['2600:1f18:aaaa:bb00::/60', true],
    ['2600:1f18:aaaa:bb01::/64', true],
    ['2600:1f18:aaaa:bb02::/63', false],
    ['2600:1f18:aaaa:bb01::/80', false],
  ])('subnet IPv6 %s: steps of 4 from /44 to /64 (ok=%s)', (c, ok) => {
    const text = base + `  - { id: app-a, vpc: vpc-a, cidr: 10.0.1.0/24, ipv6Cidr: "${c}" }\n`;
    const r = load(text);
    if (ok) expect(r.diagnostics).toEqual([]);
    else expectOnlyError(r, 'SUBNET_CIDR_SIZE', at(text, `"${c}"`), 'steps of 4', '/44 to /64');
  });

  it('two subnets with overlapping IPv6 CIDRs are an error', () => {
    const text =
      base +
      '  - { id: one, vpc: vpc-a, cidr: 10.0.1.0/24, ipv6Cidr: "2600:1f18:aaaa:bb00::/60" }\n  - { id: two, vpc: vpc-a, cidr: 10.0.2.0/24, ipv6Cidr: "2600:1f18:aaaa:bb01::/64" }\n';
    expectOnlyError(load(text), 'SUBNET_OVERLAP', at(text, '"2600:1f18:aaaa:bb01::/64"'), "subnet 'two'", "subnet 'one'");
  });

  it('a subnet IPv4 CIDR larger than /16 or smaller than /28 is refused', () => {
    const t1 = base.replace('10.0.0.0/16', '10.0.0.0/16\n    secondaryCidrs: [10.1.0.0/16]') + '  - { id: tiny, vpc: vpc-a, cidr: 10.0.1.0/29 }\n';
    expectOnlyError(load(t1), 'SUBNET_CIDR_SIZE', at(t1, '10.0.1.0/29'), '/29', 'from /16 to /28');
  });
});
