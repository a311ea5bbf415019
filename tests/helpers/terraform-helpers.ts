// Shared by the Terraform import tests: import a fixture, bind it, trace.
import { join } from 'node:path';
import { expect } from 'vitest';
import { importTerraform } from '../../src/import/terraform/index.js';
import { loadTopologyFromData, type Topology } from '../../src/index.js';
import { trace, type FlowSpec } from '../../src/trace/trace.js';

export const FX = join(import.meta.dirname, '../fixtures/terraform');

export function loadPlan(name: string, before = false): { t: Topology; r: ReturnType<typeof importTerraform> } {
  const r = importTerraform(join(FX, name), { before });
  const b = loadTopologyFromData(r.topology, `${name}.json`);
  expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { t: b.topology!, r };
}

export function run(t: Topology, spec: Partial<FlowSpec> & { from: string; to: string }) {
  const res = trace(t, { protocol: 'tcp', ...spec } as FlowSpec);
  const hops = res.forward.hops.map((h) => h.component);
  const blocked = res.forward.blockedAt !== undefined ? res.forward.hops[res.forward.blockedAt]! : undefined;
  return { verdict: res.verdict, hops, blockedBy: blocked?.component };
}
