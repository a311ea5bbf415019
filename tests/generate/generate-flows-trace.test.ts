// sampleFlows' `expect` against the tracer: every flow over generated estates ends as the estate intends.
import { describe, expect, it } from 'vitest';
import { generateTopology, loadTopologyFromData, sampleFlows, type GenerateOptions } from '../../src/index.js';
import { trace } from '../../src/trace/trace.js';

describe('sampleFlows against the tracer', () => {
  it.each<GenerateOptions>([
    { vpcs: 5, subnetsPerVpc: 10, instancesPerSubnet: 3, hub: 'tgw', sgRules: 400, naclRules: 120, seed: 5 },
    { vpcs: 6, subnetsPerVpc: 6, instancesPerSubnet: 2, hub: 'peering-mesh', seed: 8 },
    { vpcs: 300, subnetsPerVpc: 4, instancesPerSubnet: 1, hub: 'tgw', seed: 2 },
    { vpcs: 3, subnetsPerVpc: 7, instancesPerSubnet: 2, hub: 'none', sgRules: 60, naclRules: 100, seed: 1 },
  ])('%o', (opts) => {
    const t = generateTopology(opts);
    const bound = loadTopologyFromData(t);
    expect(bound.topology).toBeDefined();
    const wrong: string[] = [];
    for (const f of sampleFlows(t, 400, 3)) {
      const r = trace(bound.topology!, { from: f.from, to: f.to, protocol: f.protocol, port: f.port, explain: false, flowLogs: false });
      if (r.verdict !== f.expect) wrong.push(`${f.kind} ${f.from} -> ${f.to}:${f.port} expected ${f.expect}, got ${r.verdict}: ${r.reason}`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });
});

describe('sampleFlows against the tracer, any estate', () => {
  it('holds for random parameters and seeds', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(
        fc.record({
          vpcs: fc.integer({ min: 1, max: 8 }),
          subnetsPerVpc: fc.integer({ min: 1, max: 11 }),
          instancesPerSubnet: fc.integer({ min: 1, max: 4 }),
          sgRules: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
          naclRules: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
          hub: fc.constantFrom('tgw' as const, 'peering-mesh' as const, 'none' as const),
          seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        }),
        (p) => {
          const opts = Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as GenerateOptions;
          const t = generateTopology(opts);
          const bound = loadTopologyFromData(t).topology!;
          for (const f of sampleFlows(t, 60, p.seed)) {
            const r = trace(bound, { from: f.from, to: f.to, protocol: f.protocol, port: f.port, explain: false, flowLogs: false });
            expect(`${f.kind} ${f.from} -> ${f.to}:${f.port} ${r.verdict} ${r.reason}`).toBe(
              `${f.kind} ${f.from} -> ${f.to}:${f.port} ${f.expect} ${r.reason}`,
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
