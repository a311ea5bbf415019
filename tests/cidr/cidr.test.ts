// Behaviour of `vpcsim cidr`: values people rely on (from the AWS and Terraform documentation where they give
// examples), error messages, JSON shapes and exit codes.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cidrContains,
  cidrFree,
  cidrInfo,
  CidrInputError,
  cidrOverlap,
  cidrPlan,
  cidrSummarize,
  PlanDoesNotFitError,
  prefixTable,
  splitCidr,
} from '../../src/cidr/index.js';
import { parseSizes, parseTiers } from '../../src/cidr/plan.js';
import { MAX_ROWS, renderSplit } from '../../src/render/cidr-text.js';

function inputError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CidrInputError);
    return (e as Error).message;
  }
  throw new Error('expected a CidrInputError');
}

describe('cidr info', () => {
  it('explains a host address with a prefix and lists the AWS reserved addresses (AWS subnet-sizing example)', () => {
    const i = cidrInfo('10.0.0.7/24');
    expect(i.explanation).toBe('host 10.0.0.7 in network 10.0.0.0/24');
    expect(i.host).toBe('10.0.0.7');
    expect(i.cidr).toBe('10.0.0.0/24');
    expect([i.netmask, i.wildcard, i.first, i.last]).toEqual(['255.255.255.0', '0.0.0.255', '10.0.0.0', '10.0.0.255']);
    expect([i.total, i.usable, i.firstUsable, i.lastUsable]).toEqual(['256', '251', '10.0.0.4', '10.0.0.254']);
    // https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html: 10.0.0.0, .1 router, .2 DNS, .3 future use, .255 broadcast
    expect(i.reserved.map((r) => [r.address, r.offset])).toEqual([
      ['10.0.0.0', '+0'],
      ['10.0.0.1', '+1'],
      ['10.0.0.2', '+2'],
      ['10.0.0.3', '+3'],
      ['10.0.0.255', 'last'],
    ]);
    expect(i.reserved.map((r) => r.purpose).join(' | ')).toMatch(/network address \| VPC router \| .*DNS.* \| .*future use \| .*broadcast/);
    expect(i.aws.vpc.valid && i.aws.subnet.valid).toBe(true);
    expect(i.space.kind).toBe('private');
  });

  it('a network address has no host explanation', () => {
    const i = cidrInfo('10.0.1.0/24');
    expect(i.host).toBeNull();
    expect(i.explanation).toBeNull();
  });

  it('reserves the first four and the last IPv6 address (AWS example 2001:db8:1234:1a00::/64)', () => {
    const i = cidrInfo('2001:db8:1234:1a00::/64');
    expect(i.reserved.map((r) => r.address)).toEqual([
      '2001:db8:1234:1a00::',
      '2001:db8:1234:1a00::1',
      '2001:db8:1234:1a00::2',
      '2001:db8:1234:1a00::3',
      '2001:db8:1234:1a00:ffff:ffff:ffff:ffff',
    ]);
    expect(i.reserved[1]!.purpose).toBe('VPC router');
    expect(i.total).toBe('18446744073709551616');
    expect(i.usable).toBe('18446744073709551611');
    expect(i.netmask).toBe('ffff:ffff:ffff:ffff::');
    expect(i.wildcard).toBe('::ffff:ffff:ffff:ffff');
  });

  it('applies the AWS IPv4 VPC and subnet sizes: /16 to /28', () => {
    const valid = (c: string) => [cidrInfo(c).aws.vpc.valid, cidrInfo(c).aws.subnet.valid];
    expect(valid('10.0.0.0/16')).toEqual([true, true]);
    expect(valid('10.0.0.0/28')).toEqual([true, true]);
    expect(valid('10.0.0.0/15')).toEqual([false, false]);
    expect(valid('10.0.0.0/29')).toEqual([false, false]);
    expect(cidrInfo('10.0.0.0/15').aws.vpc.reason).toBe('/15 is larger than AWS allows for a VPC (largest /16)');
    expect(cidrInfo('10.0.0.0/29').aws.subnet.reason).toBe('/29 is smaller than AWS allows for a subnet (smallest /28)');
  });

  it('rejects the IPv4 ranges AWS does not allow for a VPC, and notes 172.17.0.0/16', () => {
    for (const c of ['0.0.0.0/16', '127.0.0.0/16', '169.254.0.0/16', '224.0.0.0/16', '239.255.255.240/28']) {
      expect(cidrInfo(c).aws.vpc.valid, c).toBe(false);
      expect(cidrInfo(c).aws.vpc.reason, c).toMatch(/does not allow in a VPC/);
    }
    for (const c of ['100.64.0.0/16', '8.8.8.0/24', '198.19.0.0/16']) expect(cidrInfo(c).aws.vpc.valid, c).toBe(true);
    const docker = cidrInfo('172.17.0.0/16');
    expect(docker.aws.vpc.valid).toBe(true);
    expect(docker.aws.notes.join()).toMatch(/172\.17\.0\.0\/16/);
    expect(cidrInfo('172.18.0.0/16').aws.notes).toEqual([]);
  });

  it('applies the AWS IPv6 sizes: VPC /44 to /60 and subnets /44 to /64, in steps of /4; /56 is Amazon-provided', () => {
    const v = (len: number) => cidrInfo(`2600:1f00::/${len}`).aws;
    expect([40, 44, 48, 52, 54, 56, 60, 64].map((l) => v(l).vpc.valid)).toEqual([false, true, true, true, false, true, true, false]);
    expect([40, 44, 56, 60, 62, 64, 68].map((l) => v(l).subnet.valid)).toEqual([false, true, true, true, false, true, false]);
    expect(v(56).vpc.reason).toMatch(/Amazon-provided/);
    expect(v(48).vpc.reason).toMatch(/IPAM|BYOIP/);
    expect(v(54).vpc.reason).toBe('/54 is not a multiple of /4; AWS allows /44 to /60 in steps of /4 for a VPC');
  });

  it('names the address space: RFC 1918, RFC 6598, public, special-purpose or mixed', () => {
    expect(cidrInfo('172.31.0.0/16').space).toMatchObject({ kind: 'private', label: 'RFC 1918 private (172.16.0.0/12)' });
    expect(cidrInfo('192.168.1.0/24').space.kind).toBe('private');
    expect(cidrInfo('100.64.0.0/10').space.kind).toBe('shared');
    expect(cidrInfo('100.127.255.0/24').space.kind).toBe('shared');
    expect(cidrInfo('100.128.0.0/24').space.kind).toBe('public');
    expect(cidrInfo('8.8.8.0/24').space.kind).toBe('public');
    expect(cidrInfo('169.254.0.0/16').space.kind).toBe('special');
    const mixed = cidrInfo('172.0.0.0/11').space;
    expect(mixed.kind).toBe('mixed');
    expect(mixed.label).toBe('mixed: 172.16.0.0/12 RFC 1918 private; and public space');
    expect(cidrInfo('fd00:1::/64').space.kind).toBe('private');
    expect(cidrInfo('2600:1f13::/32').space.kind).toBe('public');
    expect(cidrInfo('fe80::/64').space.kind).toBe('special');
  });

  it('handles the edges: /0, /32, /31, /128, /127', () => {
    const all4 = cidrInfo('0.0.0.0/0');
    expect([all4.first, all4.last, all4.total, all4.usable, all4.netmask, all4.wildcard]).toEqual([
      '0.0.0.0',
      '255.255.255.255',
      '4294967296',
      '4294967291',
      '0.0.0.0',
      '255.255.255.255',
    ]);
    const one = cidrInfo('192.0.2.1/32');
    expect([one.first, one.last, one.total, one.usable, one.firstUsable, one.wildcard]).toEqual(['192.0.2.1', '192.0.2.1', '1', '0', null, '0.0.0.0']);
    expect(one.reserved.map((r) => r.offset)).toEqual(['+0']);
    const p2p = cidrInfo('192.0.2.6/31');
    expect([p2p.cidr, p2p.last, p2p.total, p2p.usable, p2p.host]).toEqual(['192.0.2.6/31', '192.0.2.7', '2', '0', null]);
    expect(p2p.reserved.map((r) => r.address)).toEqual(['192.0.2.6', '192.0.2.7']);
    expect(p2p.reserved[1]!.purpose).toMatch(/also the last address/);
    const all6 = cidrInfo('::/0');
    expect([all6.first, all6.last, all6.total]).toEqual(['::', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', (1n << 128n).toString()]);
    const host6 = cidrInfo('2001:db8::1/128');
    expect([host6.first, host6.last, host6.total, host6.usable, host6.netmask, host6.wildcard]).toEqual([
      '2001:db8::1',
      '2001:db8::1',
      '1',
      '0',
      'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
      '::',
    ]);
    const pair6 = cidrInfo('2001:db8::1/127');
    expect([pair6.cidr, pair6.host, pair6.last, pair6.total]).toEqual(['2001:db8::/127', '2001:db8::1', '2001:db8::1', '2']);
  });

  it('prints IPv6 in RFC 5952 form whatever the input spelling, and keeps IPv4-mapped addresses dotted', () => {
    expect(cidrInfo('2001:0DB8:0000:0000:0000:0000:0000:0007/64').explanation).toBe('host 2001:db8::7 in network 2001:db8::/64');
    expect(cidrInfo('2001:db8:0:1:0:0:0:0/64').cidr).toBe('2001:db8:0:1::/64');
    expect(cidrInfo('2001:db8:0:0:1:0:0:1/128').cidr).toBe('2001:db8::1:0:0:1/128'); // first of two equal zero runs
    expect(cidrInfo('2001:db8:0:1:1:1:1:1/128').cidr).toBe('2001:db8:0:1:1:1:1:1/128'); // a single zero group stays
    expect(cidrInfo('2001:db8::1:0:0:0:0/128').cidr).toBe('2001:db8:0:1::/128'); // longest run wins
    const mapped = cidrInfo('::FFFF:10.1.2.3/104');
    expect(mapped.cidr).toBe('::ffff:10.0.0.0/104');
    expect(mapped.explanation).toBe('host ::ffff:10.1.2.3 in network ::ffff:10.0.0.0/104');
    expect(mapped.ipv4Mapped).toBe('10.0.0.0/8');
    expect(mapped.last).toBe('::ffff:10.255.255.255');
    expect(cidrInfo('0:0:0:0:0:ffff:0a00:0000/120').cidr).toBe('::ffff:10.0.0.0/120');
    expect(cidrInfo('2001:db8::/64').ipv4Mapped).toBeNull();
  });

  it('says what is wrong with bad input', () => {
    expect(inputError(() => cidrInfo('10.0.1.0/33'))).toBe("'10.0.1.0/33' has prefix length /33, above the IPv4 maximum /32");
    expect(inputError(() => cidrInfo('10.0.1/24'))).toMatch(/'10\.0\.1' is not an IPv4 address \(expected four decimal octets/);
    expect(inputError(() => cidrInfo('300.1.1.1/8'))).toMatch(/octet above 255/);
    expect(inputError(() => cidrInfo('010.0.0.0/8'))).toMatch(/leading zero in an octet; write 10\.0\.0\.0/);
    expect(inputError(() => cidrInfo('10.0.0.0/08'))).toMatch(/invalid prefix length '08'/);
    expect(inputError(() => cidrInfo(''))).toBe('empty CIDR');
    expect(inputError(() => cidrInfo('   '))).toBe('empty CIDR');
    expect(inputError(() => cidrInfo('10.0.1.7'))).toMatch(/no prefix length .* write 10\.0\.1\.7\/32/);
    expect(inputError(() => cidrInfo('2001:db8::1'))).toMatch(/write 2001:db8::1\/128/);
    expect(inputError(() => cidrInfo('vpc-1234'))).toMatch(/is not a CIDR/);
    expect(inputError(() => cidrInfo('2001:db8::/129'))).toMatch(/above the IPv6 maximum \/128/);
    expect(inputError(() => cidrInfo('1::2::3/64'))).toMatch(/not an IPv6 address/);
    expect(inputError(() => cidrInfo('::ffff:01.2.3.4/128'))).toMatch(/leading zero/);
    expect(inputError(() => cidrInfo('fe80::1%eth0/64'))).toMatch(/zone index/);
  });
});

describe('cidr split', () => {
  it('splits by prefix, each subnet with its AWS usable count', () => {
    const r = splitCidr('10.0.0.0/16', { prefix: 18 });
    expect(r.subnets.map((s) => s.cidr)).toEqual(['10.0.0.0/18', '10.0.64.0/18', '10.0.128.0/18', '10.0.192.0/18']);
    expect(r.subnets[1]).toEqual({ cidr: '10.0.64.0/18', first: '10.0.64.0', last: '10.0.127.255', total: '16384', usable: '16379' });
    expect(r.free).toEqual([]);
  });

  it('splits by count into the largest equal size and lists the rest as free', () => {
    const r = splitCidr('10.0.0.0/24', { count: 3 });
    expect(r.prefix).toBe(26);
    expect(r.subnets.map((s) => s.cidr)).toEqual(['10.0.0.0/26', '10.0.0.64/26', '10.0.0.128/26']);
    expect(r.free).toEqual(['10.0.0.192/26']);
    expect(splitCidr('10.0.0.0/24', { count: 5 }).free).toEqual(['10.0.0.160/27', '10.0.0.192/26']);
  });

  it('splits IPv6 /56 into /64s', () => {
    const r = splitCidr('2600:1f13:cfe:3600::/56', { prefix: 64 });
    expect(r.subnets).toHaveLength(256);
    expect(r.subnets[1]!.cidr).toBe('2600:1f13:cfe:3601::/64');
    expect(r.subnets[255]!.last).toBe('2600:1f13:cfe:36ff:ffff:ffff:ffff:ffff');
  });

  it('refuses splits that make no sense', () => {
    expect(inputError(() => splitCidr('10.0.0.0/16', { prefix: 8 }))).toMatch(/larger than 10\.0\.0\.0\/16 itself/);
    expect(inputError(() => splitCidr('10.0.0.0/8', { prefix: 32 }))).toMatch(/the limit is 65536/);
    expect(inputError(() => splitCidr('10.0.0.0/31', { count: 3 }))).toMatch(/only 2 addresses/);
    expect(inputError(() => splitCidr('10.0.0.7/24', { prefix: 25 }))).toMatch(/not a network address .* did you mean 10\.0\.0\.0\/24/);
  });
});

describe('cidr plan', () => {
  it('lays subnets out like Terraform cidrsubnets("10.1.0.0/16", 4, 4, 8, 4) (Terraform documentation example)', () => {
    const r = cidrPlan('10.1.0.0/16', { azs: 1, tiers: ['a', 'b', 'c', 'd'], sizes: { a: 20, b: 20, c: 24, d: 20 } });
    expect(r.subnets.map((s) => s.cidr)).toEqual(['10.1.0.0/20', '10.1.16.0/20', '10.1.32.0/24', '10.1.48.0/20']);
    expect(r.terraform).toBe('cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)');
    expect(r.subnets.map((s) => s.terraform)).toEqual([
      'cidrsubnet("10.1.0.0/16", 4, 0)',
      'cidrsubnet("10.1.0.0/16", 4, 1)',
      'cidrsubnet("10.1.0.0/16", 8, 32)',
      'cidrsubnet("10.1.0.0/16", 4, 3)',
    ]);
  });

  it('plans tiers × AZs in order, aligned and non-overlapping, with the free space left', () => {
    const r = cidrPlan('10.0.0.0/16', { azs: 3, tiers: ['public', 'private', 'data'], sizes: { public: 24, private: 20, data: 24 } });
    expect(r.subnets.map((s) => `${s.name} ${s.cidr}`)).toEqual([
      'public-a 10.0.0.0/24',
      'public-b 10.0.1.0/24',
      'public-c 10.0.2.0/24',
      'private-a 10.0.16.0/20',
      'private-b 10.0.32.0/20',
      'private-c 10.0.48.0/20',
      'data-a 10.0.64.0/24',
      'data-b 10.0.65.0/24',
      'data-c 10.0.66.0/24',
    ]);
    expect(cidrOverlap(r.subnets.map((s) => s.cidr)).overlapping).toBe(false);
    expect(r.free.map((f) => f.cidr)).toEqual([
      '10.0.3.0/24',
      '10.0.4.0/22',
      '10.0.8.0/21',
      '10.0.67.0/24',
      '10.0.68.0/22',
      '10.0.72.0/21',
      '10.0.80.0/20',
      '10.0.96.0/19',
      '10.0.128.0/17',
    ]);
    expect(r.totals).toEqual({ vpc: '65536', allocated: String(6 * 256 + 3 * 4096), free: String(65536 - 6 * 256 - 3 * 4096) });
    expect(cidrSummarize([...r.subnets.map((s) => s.cidr), ...r.free.map((f) => f.cidr)]).summary).toEqual(['10.0.0.0/16']);
  });

  it('chooses the largest equal size when no size is given, within what AWS allows', () => {
    expect(cidrPlan('10.0.0.0/16', { azs: 3, tiers: ['public', 'private', 'data'] }).tiers.map((t) => t.prefix)).toEqual([20, 20, 20]);
    // a /8 VPC would allow /12 subnets, but AWS subnets are at most /16
    expect(cidrPlan('10.0.0.0/8', { azs: 2, tiers: ['public', 'private'] }).tiers[0]!.prefix).toBe(16);
    // IPv6: rounded to the /4 steps AWS allows
    const v6 = cidrPlan('2600:1f13:cfe:3600::/56', { azs: 3, tiers: ['public', 'private'] });
    expect(v6.tiers[0]!.prefix).toBe(60);
    expect(v6.subnets.map((s) => s.cidr).slice(0, 2)).toEqual(['2600:1f13:cfe:3600::/60', '2600:1f13:cfe:3610::/60']);
  });

  it('plans IPv6 /64 subnets in a /56', () => {
    const r = cidrPlan('2600:1f13:cfe:3600::/56', { azs: 2, tiers: ['public', 'private'], prefix: 64 });
    expect(r.subnets.map((s) => s.cidr)).toEqual(['2600:1f13:cfe:3600::/64', '2600:1f13:cfe:3601::/64', '2600:1f13:cfe:3602::/64', '2600:1f13:cfe:3603::/64']);
    expect(r.terraform).toBe('cidrsubnets("2600:1f13:cfe:3600::/56", 8, 8, 8, 8)');
  });

  it('says how much is missing when the plan does not fit', () => {
    let err: unknown;
    try {
      cidrPlan('10.0.0.0/24', { azs: 3, tiers: ['public', 'private', 'data'], prefix: 25 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PlanDoesNotFitError);
    const e = err as PlanDoesNotFitError;
    expect([e.needed, e.available, e.missing, e.smallestPrefix]).toEqual([9n * 128n, 256n, 9n * 128n - 256n, 21]);
    expect(e.message).toMatch(/does not fit in 10\.0\.0\.0\/24/);
    expect(e.message).toMatch(/1,152 addresses/);
    expect(e.message).toMatch(/896 addresses missing/);
    expect(e.message).toMatch(/smallest VPC that holds it is a \/21/);
  });

  it('counts alignment gaps in what is missing', () => {
    // /28 at 0, then a /24 must start at the next /24 boundary: 512 addresses needed in a /24
    expect(() => cidrPlan('10.0.0.0/24', { azs: 1, tiers: ['small', 'big'], sizes: { small: 28, big: 24 } })).toThrow(
      /512 addresses .* 256 addresses missing.*\/23/,
    );
  });

  it('refuses sizes AWS does not allow and incomplete options', () => {
    expect(inputError(() => cidrPlan('10.0.0.0/16', { azs: 2, tiers: ['a'], prefix: 29 }))).toBe("tier 'a' asks for /29; AWS IPv4 subnets are /16 to /28");
    expect(inputError(() => cidrPlan('2600::/56', { azs: 2, tiers: ['a'], prefix: 62 }))).toMatch(/AWS IPv6 subnets are \/44 to \/64 in steps of \/4/);
    expect(inputError(() => cidrPlan('10.0.0.0/16', { azs: 2, tiers: ['a', 'b'], sizes: { a: 24 } }))).toMatch(/no size for tier 'b'/);
    expect(inputError(() => cidrPlan('10.0.0.0/16', { azs: 2, tiers: ['a'], sizes: { b: 24 } }))).toMatch(
      /^tier sizes names tier 'b', which is not in tiers a$/,
    );
    expect(inputError(() => cidrPlan('10.0.0.0/16', { azs: 0, tiers: ['a'] }))).toMatch(/^Availability Zone count must be/);
    expect(inputError(() => cidrPlan('10.0.0.0/16', { azs: 2 }))).toMatch(/^give the tiers with tiers/);
    expect(inputError(() => cidrPlan('10.0.0.0/24', { azs: 2, tiers: ['a'], prefix: 20 }))).toMatch(/larger than the VPC/);
  });

  it('warns when the VPC block itself is not one AWS accepts', () => {
    expect(cidrPlan('10.0.0.0/8', { azs: 1, tiers: ['a'], prefix: 16 }).warnings.join()).toMatch(/larger than AWS allows for a VPC/);
    expect(cidrPlan('10.0.0.0/16', { azs: 1, tiers: ['a'], prefix: 24 }).warnings).toEqual([]);
  });

  it('parses --sizes and --tiers', () => {
    expect(parseSizes('public=/24, private=20', 6)).toEqual({ public: 24, private: 20 });
    expect(parseTiers('public,private,data')).toEqual(['public', 'private', 'data']);
    expect(inputError(() => parseSizes('public:/24', 6))).toMatch(/not tier=\/prefix/);
    expect(inputError(() => parseSizes('a=/24,a=/25', 6))).toMatch(/twice/);
    expect(inputError(() => parseTiers('a,,b'))).toMatch(/empty item/);
    expect(inputError(() => parseTiers('a,a'))).toMatch(/twice/);
  });
});

describe('cidr contains / overlap / free / summarize', () => {
  it('contains: addresses and blocks, with a reason for each no', () => {
    const r = cidrContains('10.0.0.0/16', ['10.0.1.5', '10.0.2.0/24', '10.1.0.0/24', '10.0.0.0/8', '2001:db8::1']);
    expect(r.items.map((i) => [i.value, i.contained])).toEqual([
      ['10.0.1.5', true],
      ['10.0.2.0/24', true],
      ['10.1.0.0/24', false],
      ['10.0.0.0/8', false],
      ['2001:db8::1', false],
    ]);
    expect(r.items[3]!.reason).toBe('larger than 10.0.0.0/16, only partly inside');
    expect(r.items[4]!.reason).toBe('IPv6 address, 10.0.0.0/16 is IPv4');
    expect(r.allContained).toBe(false);
    expect(cidrContains('2001:db8::/32', ['2001:DB8:FFFF::1', '2001:db8::/48']).allContained).toBe(true);
    expect(inputError(() => cidrContains('10.0.0.0/16', ['10.0.0.300']))).toMatch(/above 255/);
  });

  it('overlap: every overlapping pair, in input order', () => {
    const r = cidrOverlap(['10.0.0.0/16', '10.0.128.0/20', '10.1.0.0/16', '10.0.0.0/16']);
    expect(r.pairs.map((p) => [p.indexes, p.relation, p.shared])).toEqual([
      [[0, 1], 'a contains b', '10.0.128.0/20'],
      [[0, 3], 'identical', '10.0.0.0/16'],
      [[1, 3], 'b contains a', '10.0.128.0/20'],
    ]);
    expect(r.overlapping).toBe(true);
    expect(cidrOverlap(['10.0.0.0/16', '10.1.0.0/16', '2001:db8::/32']).overlapping).toBe(false);
    expect(inputError(() => cidrOverlap(['10.0.0.0/16']))).toMatch(/at least two/);
  });

  it('free: what is left, as the fewest CIDRs', () => {
    const r = cidrFree('10.0.0.0/16', ['10.0.0.0/24', '10.0.1.0/24', '10.0.16.0/20', '192.168.0.0/24']);
    expect(r.free.map((f) => f.cidr)).toEqual(['10.0.2.0/23', '10.0.4.0/22', '10.0.8.0/21', '10.0.32.0/19', '10.0.64.0/18', '10.0.128.0/17']);
    expect(r.ignored).toEqual([{ cidr: '192.168.0.0/24', reason: 'outside 10.0.0.0/16' }]);
    expect(r.totals).toEqual({ total: '65536', used: '4608', free: '60928' });
    expect(cidrFree('10.0.0.0/24', ['10.0.0.0/16']).free).toEqual([]);
    expect(cidrFree('10.0.0.0/24', ['2001:db8::/64']).free.map((f) => f.cidr)).toEqual(['10.0.0.0/24']);
    expect(cidrFree('2600:1f13:cfe:3600::/56', ['2600:1f13:cfe:3600::/64']).free.map((f) => f.cidr)).toEqual([
      '2600:1f13:cfe:3601::/64',
      '2600:1f13:cfe:3602::/63',
      '2600:1f13:cfe:3604::/62',
      '2600:1f13:cfe:3608::/61',
      '2600:1f13:cfe:3610::/60',
      '2600:1f13:cfe:3620::/59',
      '2600:1f13:cfe:3640::/58',
      '2600:1f13:cfe:3680::/57',
    ]);
  });

  it('summarize: merges adjacent and overlapping blocks into the smallest exact cover', () => {
    expect(cidrSummarize(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/23', '10.0.3.0/24']).summary).toEqual(['10.0.0.0/22']);
    expect(cidrSummarize(['10.0.1.0/24', '10.0.2.0/24']).summary).toEqual(['10.0.1.0/24', '10.0.2.0/24']);
    expect(cidrSummarize(['0.0.0.0/1', '128.0.0.0/1']).summary).toEqual(['0.0.0.0/0']);
    expect(cidrSummarize(['::/1', '8000::/1', '10.0.0.0/8']).summary).toEqual(['10.0.0.0/8', '::/0']);
    expect(cidrSummarize(['2001:db8::/33', '2001:db8:8000::/33']).addresses).toEqual({ ipv4: '0', ipv6: (1n << 96n).toString() });
  });
});

describe('cidr --table', () => {
  it('IPv4: /32 to /0 with netmask, count and AWS usable', () => {
    const t = prefixTable(4);
    expect(t.rows.map((r) => r.prefix)).toEqual(Array.from({ length: 33 }, (_, i) => 32 - i));
    expect(t.rows[0]).toMatchObject({ prefix: 32, netmask: '255.255.255.255', addresses: '1', awsUsable: null, awsVpc: false });
    expect(t.rows.find((r) => r.prefix === 16)).toMatchObject({
      netmask: '255.255.0.0',
      addresses: '65536',
      awsUsable: '65531',
      awsVpc: true,
      awsSubnet: true,
    });
    expect(t.rows.find((r) => r.prefix === 28)).toMatchObject({ addresses: '16', awsUsable: '11' });
    expect(t.rows.find((r) => r.prefix === 0)).toMatchObject({ netmask: '0.0.0.0', addresses: '4294967296', awsUsable: null });
    expect(t.rows.filter((r) => r.awsVpc).map((r) => r.prefix)).toEqual([28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16]);
  });

  it('IPv6: /128 to /0 with the sizes AWS accepts', () => {
    const t = prefixTable(6);
    expect(t.rows).toHaveLength(129);
    expect(t.rows.filter((r) => r.awsVpc).map((r) => r.prefix)).toEqual([60, 56, 52, 48, 44]);
    expect(t.rows.filter((r) => r.awsSubnet).map((r) => r.prefix)).toEqual([64, 60, 56, 52, 48, 44]);
    expect(t.rows.find((r) => r.prefix === 64)!.addresses).toBe('18446744073709551616');
  });
});

describe('human output', () => {
  it('cuts very long tables and points to --json', () => {
    const r = splitCidr('10.0.0.0/8', { prefix: 24 });
    const text = renderSplit(r);
    expect(text.split('\n').length).toBeLessThan(MAX_ROWS + 20); // the table is cut, not 65,536 rows
    expect(text).toContain(`… ${(65536 - MAX_ROWS).toLocaleString('en-US')} more rows; --json prints all of them`);
    expect(text).toContain('│ 1000 │ 10.3.231.0/24 ');
    expect(text).not.toContain('10.3.232.0/24');
  });
});

describe('JSON output', () => {
  it('every result is plain data that survives JSON round-trips', () => {
    const results = [
      cidrInfo('2001:db8::/56'),
      splitCidr('10.0.0.0/24', { count: 3 }),
      cidrPlan('10.0.0.0/16', { azs: 2, tiers: ['a', 'b'] }),
      cidrContains('10.0.0.0/8', ['10.1.1.1']),
      cidrOverlap(['10.0.0.0/8', '10.1.0.0/16']),
      cidrFree('::/0', ['2000::/3']),
      cidrSummarize(['10.0.0.0/9', '10.128.0.0/9']),
      prefixTable(6),
    ];
    for (const r of results) expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

// ---- the built CLI: exit codes and messages ----

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin', 'vpcsim.js');

function newestMtime(dir: string): number {
  return Math.max(...readdirSync(dir).map((f) => statSync(join(dir, f)).mtimeMs));
}

function vpcsim(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('vpcsim cidr (built CLI)', () => {
  beforeAll(() => {
    // Build when dist is missing or older than the sources (tsc still emits when unrelated files have type errors).
    const built = join(ROOT, 'dist', 'cli', 'cidr.js');
    const stale =
      !existsSync(built) || statSync(built).mtimeMs < Math.max(newestMtime(join(ROOT, 'src', 'cidr')), statSync(join(ROOT, 'src', 'cli', 'cidr.ts')).mtimeMs);
    if (stale) {
      try {
        execFileSync('npx', ['tsc', '-p', '.'], { cwd: ROOT, stdio: 'ignore' });
      } catch {
        /* type errors elsewhere; the JavaScript is still written */
      }
    }
  }, 120_000);

  it('exit 0 and a table for a CIDR; JSON with --json', () => {
    const human = vpcsim('cidr', '10.0.1.7/24');
    expect(human.status).toBe(0);
    expect(human.stdout).toMatch(/host 10\.0\.1\.7 in network 10\.0\.1\.0\/24/);
    expect(human.stdout).toMatch(/│ AWS usable\s+│ 251 /);
    expect(human.stdout).not.toMatch(/\u001b\[/); // NO_COLOR
    const json = vpcsim('cidr', '2600:1f13:cfe:3600::/56', '--json');
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ cidr: '2600:1f13:cfe:3600::/56', aws: { vpc: { valid: true } } });
  });

  it('colours only when asked, and never with --no-color', () => {
    const coloured = spawnSync(process.execPath, [BIN, 'cidr', '10.0.0.0/16'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '1' },
    });
    expect(coloured.stdout).toMatch(/\u001b\[/);
    const plain = spawnSync(process.execPath, [BIN, '--no-color', 'cidr', '10.0.0.0/16'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '1' },
    });
    expect(plain.status).toBe(0);
    expect(plain.stdout).not.toMatch(/\u001b\[/);
  });

  it('exit 2 with a one-line message and no stack trace on bad input', () => {
    for (const [arg, msg] of [
      ['10.0.1.0/33', /above the IPv4 maximum \/32/],
      ['10.0.1/24', /not an IPv4 address/],
      ['300.1.1.1/8', /octet above 255/],
      ['010.0.0.0/8', /leading zero/],
      ['', /empty CIDR/],
    ] as const) {
      const r = vpcsim('cidr', arg);
      expect(r.status, arg).toBe(2);
      expect(r.stderr, arg).toMatch(msg);
      expect(r.stderr, arg).toMatch(/^vpcsim: [^\n]*\n$/);
      expect(r.stdout).toBe('');
    }
    expect(vpcsim('cidr', 'split', '10.0.0.0/16').status).toBe(2);
    const plan = vpcsim('cidr', 'plan', '10.0.0.0/24', '--azs', '3', '--tiers', 'public,private,data', '--prefix', '25');
    expect(plan.status).toBe(2);
    expect(plan.stderr).toMatch(/896 addresses missing/);
  });

  it('contains exits 1 when any item is outside; overlap exits 1 when nothing overlaps', () => {
    expect(vpcsim('cidr', 'contains', '10.0.0.0/16', '10.0.1.5', '10.0.2.0/24').status).toBe(0);
    expect(vpcsim('cidr', 'contains', '10.0.0.0/16', '10.0.1.5', '10.1.0.1').status).toBe(1);
    expect(vpcsim('cidr', 'overlap', '10.0.0.0/16', '10.0.128.0/20').status).toBe(0);
    const none = vpcsim('cidr', 'overlap', '10.0.0.0/16', '10.1.0.0/16', '--json');
    expect(none.status).toBe(1);
    expect(JSON.parse(none.stdout)).toEqual({ cidrs: ['10.0.0.0/16', '10.1.0.0/16'], pairs: [], overlapping: false });
  });

  it('free, summarize, split, plan and --table run with --json', () => {
    expect(JSON.parse(vpcsim('cidr', 'free', '10.0.0.0/24', '--used', '10.0.0.0/26', '--used', '10.0.0.64/26', '--json').stdout).free).toEqual([
      { cidr: '10.0.0.128/25', first: '10.0.0.128', last: '10.0.0.255', total: '128' },
    ]);
    expect(JSON.parse(vpcsim('cidr', 'summarize', '10.0.0.0/25', '10.0.0.128/25', '--json').stdout).summary).toEqual(['10.0.0.0/24']);
    expect(JSON.parse(vpcsim('cidr', 'split', '10.0.0.0/24', '--prefix', '/25', '--json').stdout).subnets).toHaveLength(2);
    const plan = JSON.parse(vpcsim('cidr', 'plan', '10.0.0.0/16', '--azs', '2', '--sizes', 'public=/24,private=/20', '--json').stdout);
    expect(plan.subnets.map((s: { cidr: string }) => s.cidr)).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.16.0/20', '10.0.32.0/20']);
    expect(JSON.parse(vpcsim('cidr', '--table', '--json').stdout).rows).toHaveLength(33);
    expect(vpcsim('cidr', '--table').stdout).toMatch(/│\s+\/16 │ 255\.255\.0\.0\s+│ 0\.0\.255\.255\s+│\s+65,536 │\s+65,531 │ yes/);
  });
});
