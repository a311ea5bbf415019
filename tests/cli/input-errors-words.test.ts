import { describe, expect, it } from 'vitest';
import { cidrFree, cidrPlan, splitCidr } from '../../src/cidr/index.js';
import { CidrInputError } from '../../src/cidr/parse.js';
import { CIDR_FLAGS, REACH_FLAGS } from '../../src/cli/input-flags.js';
import { diff } from '../../src/diff/diff.js';
import { loadTopology } from '../../src/index.js';
import { ReachInputError, reach } from '../../src/reach/reach.js';
import { diffInputFile } from '../helpers/diff-input.js';

function thrown(f: () => unknown): Error & { describe(names: never): string } {
  try {
    f();
  } catch (e) {
    return e as never;
  }
  throw new Error('expected an error');
}

describe('library input errors name inputs in words; the CLI names its flags', () => {
  it('cidr plan, split and free', () => {
    const cases: [() => unknown, string, string][] = [
      [
        () => cidrPlan('10.0.0.0/16', { azs: 2, tiers: [], sizes: {} }),
        'give the tiers with tiers (for example tiers public,private,data) or tier sizes',
        'give the tiers with --tiers (for example --tiers public,private,data) or --sizes',
      ],
      [() => cidrPlan('10.0.0.0/16', { azs: 99, tiers: ['a'] }), 'Availability Zone count must be', '--azs must be'],
      [() => splitCidr('10.0.0.0/24', { count: 0 }), 'subnet count 0 is not', '--count 0 is not'],
      [() => splitCidr('10.0.0.0/24', { prefix: 8 }), 'prefix length /8 is larger', '--prefix /8 is larger'],
      [() => cidrFree('10.0.0.0/16', []), 'give the used blocks with used blocks', 'give the used blocks with --used'],
    ];
    for (const [f, words, flags] of cases) {
      const e = thrown(f);
      expect(e).toBeInstanceOf(CidrInputError);
      expect(e.message.startsWith(words)).toBe(true);
      expect(e.message).not.toMatch(/--[a-z]/);
      expect((e as unknown as CidrInputError).describe(CIDR_FLAGS).startsWith(flags)).toBe(true);
    }
  });

  it('reach and diff', () => {
    const t = loadTopology('scenarios/three-tier.yaml').topology!;
    const three = diffInputFile('scenarios/three-tier.yaml');
    const cases: [() => unknown, string, string][] = [
      [() => reach(t, { to: 'web-1', ports: '99999' }), "destination ports: '99999' is not a port", "--ports: '99999' is not a port"],
      [() => reach(t, { to: 'web-1', srcPorts: '9-1' }), "source ports: '9-1' runs backwards", "--src-ports: '9-1' runs backwards"],
      [() => reach(t, { from: 'nope-1' }), "source: unknown endpoint 'nope-1'", "--from: unknown endpoint 'nope-1'"],
      [
        () => diff(three, three, { to: 'internet', from: 'internet' }),
        'one end must be inside the topology (an interface, instance, subnet:ID or sg:ID): got source internet and destination internet',
        'one end must be inside the topology (an interface, instance, subnet:ID or sg:ID): got --from internet and --to internet',
      ],
    ];
    for (const [f, words, flags] of cases) {
      const e = thrown(f);
      expect(e).toBeInstanceOf(ReachInputError);
      expect(e.message.startsWith(words)).toBe(true);
      expect((e as unknown as ReachInputError).describe(REACH_FLAGS).startsWith(flags)).toBe(true);
    }
  });
});
