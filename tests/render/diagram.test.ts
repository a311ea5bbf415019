// vpcsim diagram: the Mermaid and DOT text of every shipped scenario, and of one trace per scenario, compared
// byte for byte with expected files in tests/fixtures/diagram/ (reviewed by eye; regenerate with
// VPCSIM_UPDATE_DIAGRAMS=1 and review the diff). Also: the graph carries what the picture promises.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateTopology, loadTopology, loadTopologyFromData, type Topology } from '../../src/index.js';
import { trace } from '../../src/trace/trace.js';
import { topologyGraph } from '../../src/render/diagram/index.js';
import { traceGraph } from '../../src/render/diagram/path.js';
import { renderDot } from '../../src/render/diagram/dot.js';
import { renderMermaid } from '../../src/render/diagram/mermaid.js';
import type { Graph } from '../../src/render/diagram/model.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = join(ROOT, 'tests/fixtures/diagram');
const EXAMPLES: { scenario: string; args: string[] }[] = JSON.parse(readFileSync(join(FIXTURES, 'examples.json'), 'utf8'));
const UPDATE = process.env.VPCSIM_UPDATE_DIAGRAMS === '1';

const topologies = new Map<string, Topology>();
beforeAll(() => {
  for (const e of EXAMPLES) topologies.set(e.scenario, loadTopology(join(ROOT, `scenarios/${e.scenario}.yaml`)).topology!);
}, 120_000);

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function exampleTrace(t: Topology, args: string[]) {
  return trace(t, { from: flag(args, '--from')!, to: flag(args, '--to')!, protocol: 'tcp', port: Number(flag(args, '--port')) });
}

function expectFile(name: string, text: string): void {
  const file = join(FIXTURES, name);
  if (UPDATE) writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

describe('expected files', () => {
  for (const { scenario, args } of EXAMPLES) {
    it(`${scenario}: topology as Mermaid and DOT`, () => {
      const g = topologyGraph(topologies.get(scenario)!, { instances: 'auto' });
      expectFile(`${scenario}.mmd`, renderMermaid(g));
      expectFile(`${scenario}.dot`, renderDot(g));
    });
    it(`${scenario}: trace ${args.join(' ')} as Mermaid and DOT`, () => {
      const t = topologies.get(scenario)!;
      const g = traceGraph(t, exampleTrace(t, args));
      expectFile(`${scenario}-trace.mmd`, renderMermaid(g));
      expectFile(`${scenario}-trace.dot`, renderDot(g));
    });
  }
});

describe('deterministic', () => {
  it('the same topology gives byte-identical text twice, from fresh loads', () => {
    const file = join(ROOT, 'scenarios/tgw-hub.yaml');
    const a = topologyGraph(loadTopology(file).topology!, { instances: 'auto' });
    const b = topologyGraph(loadTopology(file).topology!, { instances: 'auto' });
    expect(renderDot(a)).toBe(renderDot(b));
    expect(renderMermaid(a)).toBe(renderMermaid(b));
  });
});

const el = (g: Graph, id: string) => g.elements.find((e) => e.id === id);

describe('what the trace picture shows', () => {
  it('a REJECT is marked at the blocking component, with its reason, and hop numbers match the text', () => {
    const t = topologies.get('three-tier')!;
    const r = exampleTrace(t, ['--from', 'web-1', '--to', 'db-1', '--port', '5432']);
    expect(r.blockedBy).toBe('acl-db');
    const g = traceGraph(t, r);
    expect(el(g, 'acl-db')?.path).toEqual({ forward: [4], return: [], blocked: true });
    const note = el(g, 'reject:forward')!;
    expect(note.label).toContain('SUBNET_ACL_RESTRICTION');
    expect(note.label.join(' ')).toContain('rule 90 denies');
    expect(g.edges).toContainEqual({ from: 'acl-db', to: 'reject:forward', kind: 'reject' });
    // the components in the order of the text, each labelled with its hop number, joined by forward edges
    const fwd = g.edges.filter((e) => e.kind === 'forward').map((e) => `${e.from}>${e.to}`);
    expect(fwd).toEqual(['web-1>sg-web', 'sg-web>rt-public', 'rt-public>acl-public', 'acl-public>acl-db']);
    expect(['sg-web', 'rt-public', 'acl-public', 'acl-db'].map((id) => el(g, id)!.label.at(-1))).toEqual(['hop 1', 'hop 2', 'hop 3', 'hop 4']);
    expect(g.edges.some((e) => e.kind === 'return')).toBe(false);
  });

  it('every hop of an accepted flow is on the picture in both directions', () => {
    const t = topologies.get('nat-two-az')!;
    const r = exampleTrace(t, ['--from', 'worker-a', '--to', 'internet', '--port', '443']);
    const g = traceGraph(t, r);
    for (const [dir, p] of [
      ['forward', r.forward],
      ['return', r.return!],
    ] as const) {
      p.hops.forEach((h, i) => {
        const marked = g.elements.filter((e) => e.path?.[dir].includes(i + 1));
        expect(
          marked.map((e) => e.id),
          `${dir} hop ${i + 1} (${h.component})`,
        ).toEqual([h.component]);
      });
    }
    expect(g.elements.some((e) => e.path?.blocked)).toBe(false);
  });

  it('each component on the path shows its forward and return hop numbers', () => {
    const t = topologies.get('site-to-site-vpn')!;
    const r = exampleTrace(t, ['--from', '192.168.10.25', '--to', 'app-1', '--port', '443']);
    const g = traceGraph(t, r);
    for (const e of g.elements.filter((x) => x.path)) {
      const f = r.forward.hops.flatMap((h, i) => (h.component === e.id ? [`${i + 1}`] : []));
      const b = r.return!.hops.flatMap((h, i) => (h.component === e.id ? [`r${i + 1}`] : []));
      expect(e.label.at(-1), e.id).toBe(`${f.length + b.length === 1 ? 'hop' : 'hops'} ${[f.join(','), b.join(',')].filter(Boolean).join(' · ')}`);
    }
    expect(el(g, 'vpn-office')!.label.at(-1)).toBe('hops 1 · r5');
  });
});

describe('instances and focus on a generated estate', () => {
  const estate = () => loadTopologyFromData(generateTopology({ vpcs: 5, subnetsPerVpc: 2, instancesPerSubnet: 7, hub: 'tgw', seed: 3 })).topology!;

  it('auto counts a subnet with more than 6 instances; all draws each one', () => {
    const t = estate();
    const auto = topologyGraph(t, { instances: 'auto' });
    expect(auto.elements.filter((e) => e.kind === 'instance')).toEqual([]);
    const counted = auto.elements.filter((e) => e.kind === 'instances');
    expect(counted).toHaveLength(t.subnets.length);
    expect(counted.every((e) => e.label[0] === '7 instances' && e.details.length === 7)).toBe(true);
    expect(topologyGraph(t, { instances: 'all' }).elements.filter((e) => e.kind === 'instance')).toHaveLength(t.instances.length);
  });

  it("--focus on a VPC keeps it whole and none of the other VPCs' subnets; depth widens it", () => {
    const t = estate();
    const vpc = t.vpcs[2];
    const g = topologyGraph(t, { instances: 'auto', focus: vpc.id });
    const subnets = g.elements.filter((e) => e.kind === 'subnet').map((e) => e.id);
    expect(subnets.sort()).toEqual(vpc.subnets.map((s) => s.id).sort());
    // every edge joins two drawn elements
    const ids = new Set(g.elements.map((e) => e.id));
    expect(g.edges.every((e) => ids.has(e.from) && ids.has(e.to))).toBe(true);
    const wider = topologyGraph(t, { instances: 'auto', focus: vpc.id, depth: 4 });
    expect(wider.elements.length).toBeGreaterThan(g.elements.length);
  });
});
