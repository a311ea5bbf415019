// Trace text as a terminal shows it: names beside ids (escaped), and every line within the width (80 columns by
// default) with no word lost; --json keeps its values.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTopology, loadTopologyText, renderTraceText, trace, traceJson, type FlowSpec, type Topology } from '../../src/index.js';
import { loadInput } from '../../src/input/input.js';
import { visibleLength } from '../../src/render/wrap.js';

const ROOT = join(import.meta.dirname, '../..');
const DUMP = join(ROOT, 'tests/fixtures/aws/hybrid-cloud/us-east-2');
const scenario = (name: string): Topology => loadTopology(join(ROOT, 'scenarios', name)).topology!;

// The README's and docs/trace.md's examples, and a REJECT with a long explanation.
const CASES: [string, FlowSpec][] = [
  ['three-tier.yaml', { from: 'web-1', to: 'db-1', port: 5432 }],
  ['nat-two-az.yaml', { from: 'worker-a', to: 'internet', port: 443 }],
  ['overlapping-peers.yaml', { from: 'b88', to: 'a1', port: 443 }],
  ['overlapping-peers.yaml', { from: 'a1', to: 'c77', port: 443 }],
  ['tgw-hub.yaml', { from: 'dev-1', to: 'shared-1', port: 443 }],
  ['nat64.yaml', { from: 'v6-2', to: '64:ff9b::808:808', port: 443 }],
  ['site-to-site-vpn.yaml', { from: '192.168.10.25', to: 'app-1', port: 443 }],
];

const wordsOf = (text: string) => text.split(/\s+/).filter(Boolean);

describe('trace text width', () => {
  for (const [file, spec] of CASES) {
    it(`${file} ${spec.from} → ${spec.to}: lines fit 80 and 60 columns, and wrapping keeps every word`, () => {
      const r = trace(scenario(file), spec);
      const wide = renderTraceText(r, { width: 10_000 });
      expect(Math.max(...wide.split('\n').map(visibleLength))).toBeGreaterThan(80); // the case does need wrapping
      for (const width of [80, 60]) {
        const text = renderTraceText(r, { width });
        for (const line of text.split('\n')) {
          // only a single word longer than the line may stand out
          if (visibleLength(line) > width) expect(wordsOf(line)).toHaveLength(1);
        }
        expect(wordsOf(text)).toEqual(wordsOf(wide));
      }
      expect(renderTraceText(r)).toBe(renderTraceText(r, { width: 80 })); // 80 is the default
    });
  }

  it('a continuation line has a hanging indent: hop details under the hop, a rule under the rule text', () => {
    const text = renderTraceText(trace(scenario('three-tier.yaml'), { from: 'web-1', to: 'db-1', port: 5432 }));
    const lines = text.split('\n');
    const i = lines.findIndex((l) => /^ {2}4\. DENY {4}acl-db/.test(l));
    expect(lines[i + 1]).toMatch(/^ {8}\S/); // rest of the detail
    expect(lines[i + 2]).toMatch(/^ {8}rule: \{ rule: 90,/);
    expect(lines[i + 3]).toMatch(/^ {14}\S.*scenarios\/three-tier\.yaml:72$/);
  });

  it('--json is the same whatever the width (no wrapping in values)', () => {
    const r = trace(scenario('three-tier.yaml'), { from: 'web-1', to: 'db-1', port: 5432 });
    const hop = (traceJson(r) as { forward: { hops: { detail: string; rule?: { text: string } }[] } }).forward.hops[3]!;
    expect(hop.detail).toBe('inbound tcp/5432 from 10.0.0.20: rule 90 denies');
    expect(hop.rule!.text).toBe('{ rule: 90, protocol: tcp, ports: 5432, cidr: 10.0.0.0/24, action: deny }');
  });
});

describe('names beside ids', () => {
  it('an imported security group shows its name; --json adds name and keeps component the id', () => {
    const loaded = loadInput(DUMP);
    const r = trace(loaded.topology!, { from: 'internet', to: 'i-01602d9efaed4409a', port: 22 });
    // SecurityGroups.json: sg-0e37fc2ef01c89369 is GroupName launch-wizard-1 (no Name tag)
    expect(renderTraceText(r)).toMatch(/^ {2}4\. ALLOW {3}sg-0e37fc2ef01c89369 \(launch-wizard-1\) \(security-group ingress\)$/m);
    const sg = r.forward.hops.find((h) => h.component === 'sg-0e37fc2ef01c89369')!;
    expect(JSON.parse(JSON.stringify(sg))).toMatchObject({ component: 'sg-0e37fc2ef01c89369', name: 'launch-wizard-1' });
    // a component without a name other than its id has no name field
    const acl = r.forward.hops.find((h) => h.kind === 'network-acl')!;
    expect(JSON.parse(JSON.stringify(acl))).not.toHaveProperty('name');
  });

  it('a name with control characters is shown escaped, beside the id, in hops and in the Flow line', () => {
    const text = readFileSync(join(ROOT, 'scenarios/three-tier.yaml'), 'utf8')
      .replace('  - id: sg-web\n', '  - id: sg-web\n    name: "web\\e]0;pwned\\a"\n')
      .replace('{ id: web-1, ', '{ id: web-1, name: "front\\e[2J", ');
    const b = loadTopologyText(text, 'named.yaml');
    expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const r = trace(b.topology!, { from: 'web-1', to: 'db-1', port: 5432 });
    const out = renderTraceText(r);
    expect(out).toContain('sg-web (web\\x1b]0;pwned\\x07) (security-group egress)');
    expect(out).toMatch(/^Flow: tcp web-1 \(front\\x1b\[2J\) \(10\.0\.0\.20:49152\)/);
    expect(out.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(r.from).toMatchObject({ input: 'web-1', name: 'front\u001b[2J' });
  });
});
