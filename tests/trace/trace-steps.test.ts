// Each hop carries what its component did as a typed step (docs/trace-json.md); the words are written in render/.
import { describe, expect, it } from 'vitest';
import { loadTopology } from '../../src/index.js';
import { hopDetail, stepText } from '../../src/render/trace-detail.js';
import { traceJson } from '../../src/render/trace-text.js';
import { trace } from '../../src/trace/trace.js';
import type { Hop } from '../../src/trace/types.js';

const t = loadTopology('scenarios/three-tier.yaml').topology!;

describe('typed steps', () => {
  it('a security group hop has its step as data and, in --json, the detail written from it', () => {
    const r = trace(t, { from: 'web-1', to: 'db-1', port: 5432, flowLogs: false });
    const j = traceJson(r) as { forward: { hops: Hop[] } };
    const first = j.forward.hops[0]!;
    expect(first.step).toEqual({
      type: 'security-group',
      by: 'rule',
      group: 'sg-web',
      direction: 'outbound',
      traffic: { protocol: 6, port: 5432 },
      peer: '10.0.20.10',
    });
    expect(first.detail).toBe('outbound tcp/5432 to 10.0.20.10 allowed');
    expect(j.forward.hops[1]!.step).toMatchObject({ type: 'route', routeTable: 'rt-public', address: '10.0.20.10', target: 'local', origin: 'local' });
  });

  it('every hop with a step shows the step in words; hops without one carry their own text', () => {
    const nat = loadTopology('scenarios/nat-two-az.yaml').topology!;
    const r = trace(nat, { from: 'worker-a', to: 'internet', port: 443, flowLogs: false });
    const hops = [...r.forward.hops, ...(r.return?.hops ?? [])];
    expect(hops.some((h) => h.step?.type === 'nat')).toBe(true);
    for (const h of hops) expect(hopDetail(h)).toBe(h.step ? stepText(h.step) : h.detail);
  });

  it('a run without explanations builds no steps', () => {
    const r = trace(t, { from: 'web-1', to: 'db-1', port: 5432, explain: false, flowLogs: false });
    expect(r.forward.hops.length).toBeGreaterThan(0);
    expect(r.forward.hops.every((h) => h.step === undefined)).toBe(true);
  });
});
