// VPC011 and VPC015 find shadowed ACL rules and routes without comparing every pair. The pairwise definitions
// below are the oracle: on random small tables both must name the same covering rule and the same unused routes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NetworkAclRule, Route } from '../../src/bind/model.js';
import { PROTO } from '../../src/bind/rules.js';
import { shadowedAclRules, shadowedRoutes } from '../../src/check/shadow.js';
import { blockFromPrefix } from '../../src/cidr/block.js';
import { freeRanges } from '../../src/cidr/free.js';
import { type Prefix, covers, makePrefix, prefixEquals } from '../../src/net/ip.js';

const RUNS = { numRuns: 300 };

/** Prefixes drawn from a small space so that they nest and repeat. */
const prefix4 = fc
  .record({ a: fc.integer({ min: 0, max: 15 }), len: fc.integer({ min: 0, max: 8 }) })
  .map(({ a, len }) => makePrefix(4, ((10 << 24) | (a << 20)) >>> 0, len === 0 ? 0 : 4 + len));
const prefix6 = fc
  .record({ a: fc.integer({ min: 0, max: 15 }), len: fc.integer({ min: 0, max: 6 }) })
  .map(({ a, len }) => makePrefix(6, (0x2001n << 112n) | (BigInt(a) << 100n), 96 + len));
const prefix = fc.oneof({ weight: 4, arbitrary: prefix4 }, { weight: 1, arbitrary: prefix6 });

// The pairwise definitions the rules used before (src/check/rules.ts).
function aclRuleCovers(a: NetworkAclRule, b: NetworkAclRule): boolean {
  if (a.cidr.family !== b.cidr.family || !covers(a.cidr, b.cidr)) return false;
  if (a.protocol !== PROTO.ALL && a.protocol !== b.protocol) return false;
  if (a.protocol === PROTO.ALL) return true;
  if (a.protocol === PROTO.TCP || a.protocol === PROTO.UDP) return !a.ports || (!!b.ports && a.ports.from <= b.ports.from && b.ports.to <= a.ports.to);
  if (a.protocol === PROTO.ICMP || a.protocol === PROTO.ICMPV6)
    return a.icmpType === -1 || (a.icmpType === b.icmpType && (a.icmpCode === -1 || a.icmpCode === b.icmpCode));
  return true;
}
const unionCovers = (whole: Prefix, parts: Prefix[]) =>
  freeRanges(blockFromPrefix(whole), parts.filter((p) => p.family === whole.family).map(blockFromPrefix)).length === 0;

const aclRule = fc
  .record({
    cidr: prefix,
    protocol: fc.constantFrom(PROTO.ALL, PROTO.TCP, PROTO.UDP, PROTO.ICMP, PROTO.ICMPV6, 47),
    lo: fc.integer({ min: 0, max: 8 }),
    width: fc.integer({ min: 0, max: 8 }),
    noPorts: fc.boolean(),
    icmpType: fc.integer({ min: -1, max: 2 }),
    icmpCode: fc.integer({ min: -1, max: 2 }),
  })
  .map(({ cidr, protocol, lo, width, noPorts, icmpType, icmpCode }) => {
    const ported = protocol === PROTO.TCP || protocol === PROTO.UDP;
    const icmp = protocol === PROTO.ICMP || protocol === PROTO.ICMPV6;
    return {
      number: 0,
      cidr,
      action: 'allow',
      protocol,
      ports: ported && !noPorts ? { from: lo, to: lo + width } : undefined,
      icmpType: icmp ? icmpType : -1,
      icmpCode: icmp && icmpType !== -1 ? icmpCode : -1,
    } as NetworkAclRule;
  });

describe('VPC011: the first earlier ACL rule covering each rule', () => {
  it('matches the pairwise comparison on random rule lists', () => {
    fc.assert(
      fc.property(fc.array(aclRule, { maxLength: 40 }), (rules) => {
        const numbered = rules.map((r, i) => ({ ...r, number: i + 1 }));
        const naive = numbered.map((r, j) => numbered.slice(0, j).find((e) => aclRuleCovers(e, r)));
        expect(shadowedAclRules(numbered)).toEqual(naive);
      }),
      RUNS,
    );
  });

  it('names the first covering rule, not a later one', () => {
    const all = makePrefix(4, 0, 0);
    const r = (number: number, from: number, to: number): NetworkAclRule => ({
      number,
      cidr: all,
      action: 'deny',
      protocol: PROTO.TCP,
      ports: { from, to },
      icmpType: -1,
      icmpCode: -1,
    });
    const rules = [r(100, 0, 1000), r(110, 0, 100), r(120, 20, 30)];
    expect(shadowedAclRules(rules).map((x) => x?.number)).toEqual([undefined, 100, 100]);
  });
});

describe('VPC015: routes never used', () => {
  it('matches the pairwise comparison on random route tables', () => {
    const route = fc.record({ destination: prefix, rank: fc.integer({ min: 0, max: 2 }) });
    fc.assert(
      fc.property(fc.array(route, { maxLength: 40 }), (rs) => {
        const routes = rs.map((r, i) => ({ ...r, targetId: `t-${i}` }) as unknown as Route);
        const naive = routes.map((r, i) => {
          const same = routes.find((o, j) => j !== i && prefixEquals(o.destination, r.destination) && (o.rank < r.rank || (o.rank === r.rank && j < i)));
          if (same) return { by: 'same', winner: same };
          const specific = routes
            .filter((o) => o !== r && o.destination.family === r.destination.family && o.destination.len > r.destination.len)
            .map((o) => o.destination);
          return specific.length && unionCovers(r.destination, specific) ? { by: 'specific' } : undefined;
        });
        expect(shadowedRoutes(routes)).toEqual(naive);
      }),
      RUNS,
    );
  });
});
