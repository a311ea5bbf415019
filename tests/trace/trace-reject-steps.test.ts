// The hops that reject carry what stopped the packet as a typed step; render/ writes their detail and fix from it.
import { describe, expect, it } from 'vitest';
import { loadTopology } from '../../src/index.js';
import { hopDetail, hopFix, stepText } from '../../src/render/trace-detail.js';
import { traceJson } from '../../src/render/trace-text.js';
import { trace } from '../../src/trace/trace.js';
import type { Hop } from '../../src/trace/types.js';
import { change, run } from '../helpers/trace.js';
import { readFileSync } from 'node:fs';

const t = loadTopology('scenarios/three-tier.yaml').topology!;
const blocking = (r: ReturnType<typeof trace>): Hop => {
  const hops = [...r.forward.hops, ...(r.return?.hops ?? [])];
  return hops.find((h) => h.reason === r.reason)!;
};

describe('rejecting hops as typed steps', () => {
  it('a security group with no rule for the packet: the step names the groups, owner, traffic and peer', () => {
    const r = trace(t, { from: 'web-1', to: 'db-1', port: 22, flowLogs: false });
    expect(r.reason).toBe('ENI_SG_RULES_MISMATCH');
    const h = blocking(r);
    expect(h.step).toMatchObject({ type: 'security-group', by: 'no-rule', traffic: { protocol: 6, port: 22 } });
    expect(hopDetail(h)).toBe(stepText(h.step!));
    expect(hopDetail(h)).toMatch(/^no (in|out)bound rule of .+ allows tcp\/22 (from|to) 10\./);
    expect(hopFix(h)).toMatch(
      /^add an (in|out)bound rule to sg-[a-z-]+ allowing tcp port 22 (from|to) 10\..* \(or a CIDR or security group that contains it\)$/,
    );
  });

  it('a network ACL that denies: the step has the rule number, or none for the implicit * rule, and --json keeps detail and fix', () => {
    const r = trace(t, { from: 'web-1', to: 'db-1', port: 5432, flowLogs: false });
    expect(r.reason).toBe('SUBNET_ACL_RESTRICTION');
    const h = blocking(r);
    expect(h.step).toMatchObject({ type: 'network-acl', action: 'deny', acl: 'acl-db' });
    expect(hopDetail(h)).toMatch(/: (rule \d+ denies|no rule matches, the implicit \* rule denies)$/);
    const j = traceJson(r) as { forward: { hops: Hop[] }; return?: { hops: Hop[] } };
    const jh = [...j.forward.hops, ...(j.return?.hops ?? [])].find((x) => x.reason === 'SUBNET_ACL_RESTRICTION')!;
    expect(jh.step).toEqual(h.step);
    expect(jh.detail).toBe(hopDetail(h));
    expect(jh.fix).toBe(hopFix(h));
    expect(jh.fix).toBeDefined();
  });

  it('a blackhole route: the step names the route table, the route and the address; the fix is to point it elsewhere', () => {
    const yaml = change(
      readFileSync('scenarios/three-tier.yaml', 'utf8'),
      '{ destination: 0.0.0.0/0, target: igw-shop }',
      '{ destination: 0.0.0.0/0, blackhole: true }',
    );
    const x = run(yaml, { from: 'web-1', to: 'internet', port: 443 });
    expect(x.reason).toBe('BLACKHOLE_ROUTE');
    const h = x.r.forward.hops.at(-1)!;
    expect(h.step).toMatchObject({ type: 'route', action: 'blackhole', destination: '0.0.0.0/0', address: '192.0.2.80' });
    expect(hopDetail(h)).toMatch(/^route 0\.0\.0\.0\/0 in rt-[a-z]+ is a blackhole$/);
    expect(hopFix(h)).toMatch(/^point the 0\.0\.0\.0\/0 route in rt-[a-z]+ at a working target$/);
  });

  it('a run without explanations builds no step for the rejecting hop', () => {
    const r = trace(t, { from: 'web-1', to: 'db-1', port: 22, explain: false, flowLogs: false });
    expect(r.reason).toBe('ENI_SG_RULES_MISMATCH');
    expect(blocking(r).step).toBeUndefined();
  });
});
