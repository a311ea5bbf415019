// A security-group table of the compiled path merges a port class's address intervals on its first lookup. Its
// memory stays bounded: once a table would hold more than about a million numbers, further classes are not indexed
// and their packets walk the rule objects (the lookup answers undefined, the walk bails to the tracer).
import { describe, expect, it } from 'vitest';
import { compileSgRules, type SgRuleList, sgTableAllows } from '../../src/trace/compiled-filters.js';
import { PROTO } from '../../src/net/protocol.js';

/** A packed rule list: per rule [protocol, first port, last port, numbers of pairs, then the (lo, hi) pairs]. */
function ruleList(rules: { protocol: number; from: number; to: number; pairs: number[] }[]): SgRuleList {
  const out: number[] = [];
  for (const r of rules) {
    out.push(r.protocol, r.from, r.to, r.pairs.length);
    for (const x of r.pairs) out.push(x);
  }
  return Float64Array.from(out);
}

describe('compiled security-group tables', () => {
  it('answers as the rules do, class by class, merging a class on its first lookup', () => {
    const list = ruleList([
      { protocol: PROTO.TCP, from: 443, to: 443, pairs: [100, 199] },
      { protocol: PROTO.TCP, from: 0, to: 1023, pairs: [150, 300] },
      { protocol: PROTO.UDP, from: 53, to: 53, pairs: [5, 5] },
    ]);
    const t = compileSgRules(list, PROTO.TCP);
    expect(t.used).toBe(0);
    expect(sgTableAllows(t, 443, 100)).toBe(true);
    expect(sgTableAllows(t, 443, 300)).toBe(true);
    expect(sgTableAllows(t, 443, 301)).toBe(false);
    expect(sgTableAllows(t, 80, 120)).toBe(false);
    expect(sgTableAllows(t, 1023, 150)).toBe(true);
    expect(sgTableAllows(t, 1024, 150)).toBe(false);
    expect(sgTableAllows(t, 53, 5)).toBe(false); // the UDP rule is not in the TCP table
    expect(t.used).toBeGreaterThan(0);
  });

  it('stops indexing classes once the table holds about a million numbers, and never answers a wrong deny', () => {
    // one rule on every port whose peer is 300,000 separate addresses, and 100 single-port rules: 201 classes,
    // each holding the 600,000 numbers of the wide rule
    const wide: number[] = [];
    for (let i = 0; i < 300_000; i++) wide.push(2 * i, 2 * i);
    const rules = [{ protocol: PROTO.ALL, from: 0, to: 65535, pairs: wide }];
    for (let p = 0; p < 100; p++) rules.push({ protocol: PROTO.TCP, from: 1000 + 2 * p, to: 1000 + 2 * p, pairs: [1, 1] });
    const t = compileSgRules(ruleList(rules), PROTO.TCP);
    const answers = new Set<boolean | undefined>();
    for (let p = 0; p < 1300; p++) answers.add(sgTableAllows(t, p, 2 * 1234));
    expect(answers.has(false)).toBe(false);
    expect(answers.has(true)).toBe(true);
    expect(answers.has(undefined)).toBe(true);
    expect(t.used).toBeLessThanOrEqual(1 << 20);
    expect(t.data.length).toBeLessThanOrEqual(1 << 21);
  });
});
