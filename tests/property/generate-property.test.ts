// Property: for any small parameters and seed, the generated estate is structurally sound and binds with
// zero errors, in YAML and JSON alike.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countGenerated, formatGeneratedTopology, generateTopology, loadTopologyFromData, loadTopologyText, sampleFlows } from '../../src/index.js';
import { structuralProblems } from '../helpers/generate-checks.js';

const params = fc.record({
  vpcs: fc.integer({ min: 1, max: 12 }),
  subnetsPerVpc: fc.integer({ min: 1, max: 12 }),
  instancesPerSubnet: fc.integer({ min: 0, max: 6 }),
  sgRules: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
  naclRules: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
  hub: fc.constantFrom('tgw' as const, 'peering-mesh' as const, 'none' as const),
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
});

describe('generator properties', () => {
  it('every estate is sound, meets its counts and binds with zero errors', () => {
    fc.assert(
      fc.property(params, (p) => {
        const opts = Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as typeof p;
        const t = generateTopology(opts);
        expect(structuralProblems(t)).toEqual([]);
        const n = countGenerated(t);
        expect(n.vpcs).toBe(p.vpcs);
        expect(n.subnets).toBe(p.vpcs * p.subnetsPerVpc);
        expect(n.instances).toBe(p.vpcs * p.subnetsPerVpc * p.instancesPerSubnet);
        if (p.sgRules !== undefined) expect(n.sgRules).toBe(p.sgRules);
        if (p.naclRules !== undefined) expect(n.naclRules).toBe(p.naclRules);
        const r = loadTopologyFromData(t);
        expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
        expect(r.topology).toBeDefined();
        const format = p.seed % 2 === 0 ? 'yaml' : 'json';
        const text = loadTopologyText(formatGeneratedTopology(t, format), `estate.${format}`);
        expect(text.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const ids = new Set(t.instances.map((i) => i.id));
        for (const f of sampleFlows(t, 20, p.seed)) expect(ids.has(f.from)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
