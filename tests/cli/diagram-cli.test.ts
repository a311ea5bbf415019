// vpcsim diagram and trace --diagram through the built CLI: formats, filters, exit codes, errors, and output that
// no string in a topology can break (DOT, Mermaid and HTML escaping).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTopology } from '../../src/index.js';
import { topologyGraph } from '../../src/render/diagram/index.js';
import { renderDot } from '../../src/render/diagram/dot.js';
import { MERMAID_MAX_EDGES, mermaidLimits, renderMermaid } from '../../src/render/diagram/mermaid.js';
import { renderHtml } from '../../src/render/diagram/html.js';
import type { Graph } from '../../src/render/diagram/model.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vpcsim-diagram-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/vpcsim.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('vpcsim diagram', () => {
  it('prints Mermaid by default, the same text as the expected file', () => {
    const r = cli('diagram', 'scenarios/three-tier.yaml');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'tests/fixtures/diagram/three-tier.mmd'), 'utf8'));
  });

  it('writes SVG rendered in-process, deterministic, with one group per drawn resource', () => {
    const a = join(dir, 'a.svg');
    const b = join(dir, 'b.svg');
    expect(cli('diagram', 'scenarios/tgw-hub.yaml', '-o', a).status).toBe(0);
    expect(cli('diagram', 'scenarios/tgw-hub.yaml', '--format', 'svg', '-o', b).status).toBe(0);
    const svg = readFileSync(a, 'utf8');
    expect(svg).toBe(readFileSync(b, 'utf8'));
    expect(svg).toMatch(/^<\?xml[\s\S]*<svg /);
    for (const id of ['tgw-hub', 'tgw-rt-prod', 'att-shared', 'vpc-dev', 'prod-1']) expect(svg).toContain(`>${id.replace(/-/g, '&#45;')}<`);
  });

  it('writes one self-contained HTML file: SVG inline, details, nothing fetched', () => {
    const f = join(dir, 'r.html');
    expect(cli('diagram', 'scenarios/three-tier.yaml', '-o', f).status).toBe(0);
    const html = readFileSync(f, 'utf8');
    expect(html).toContain('<svg ');
    expect(html).toContain('id="vpcsim-details"');
    expect(html).toContain('in  90 deny tcp 5432 from 10.0.0.0/24');
    expect(html).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(/);
  });

  it('--focus keeps the resource, what it holds, and its neighbours', () => {
    const r = cli('diagram', 'scenarios/tgw-hub.yaml', '--focus', 'rt-prod', '--json');
    expect(r.status).toBe(0);
    const ids = (JSON.parse(r.stdout) as { elements: { id: string }[] }).elements.map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining(['rt-prod', 'prod-app-a', 'tgw-hub', 'vpc-prod']));
    expect(ids).not.toContain('vpc-dev');
    expect(ids).not.toContain('dev-1');
    const deeper = JSON.parse(cli('diagram', 'scenarios/tgw-hub.yaml', '--focus', 'rt-prod', '--depth', '3', '--json').stdout).elements.length;
    expect(deeper).toBeGreaterThan(ids.length);
  });

  it('--focus outside --vpc says so', () => {
    const r = cli('diagram', 'scenarios/peering-abc.yaml', '--vpc', 'vpc-a', '--focus', 'host-c');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--focus: 'host-c' is not in --vpc vpc-a or next to it");
  });

  it('--vpc keeps those VPCs and what they connect to', () => {
    const g = JSON.parse(cli('diagram', 'scenarios/peering-abc.yaml', '--vpc', 'vpc-a', '--json').stdout) as { elements: { id: string }[] };
    const ids = g.elements.map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining(['vpc-a', 'host-a', 'pcx-ab']));
    expect(ids).not.toContain('host-c');
  });

  it('--instances count draws one counted node per subnet; none draws none', () => {
    const count = cli('diagram', 'scenarios/three-tier.yaml', '--instances', 'count');
    expect(count.stdout).toContain('"2 instances"');
    expect(count.stdout).not.toContain('bastion');
    const none = cli('diagram', 'scenarios/three-tier.yaml', '--instances', 'none');
    expect(none.stdout).not.toMatch(/bastion|instances"/);
  });

  it.each([
    [['--format', 'png'], /--format must be one of mermaid, dot, svg, html, got 'png'/],
    [['--instances', 'some'], /--instances must be one of auto, all, count, none, got 'some'/],
    [['--depth', '2'], /--depth applies only with --focus/],
    [['--focus', 'rt-pubic'], /--focus: no resource 'rt-pubic' in the topology; did you mean 'rt-public'\?/],
    [['--focus', 'sg-web'], /'sg-web' is not drawn as a box: security groups are shown in the hover text/],
    [['--focus', 'web-1', '--depth', '0'], /--depth must be an integer from 1 to 20, got '0'/],
    [['--vpc', 'vpc-nope'], /--vpc: no VPC 'vpc-nope' in the topology/],
    [['-o', 'x.png'], /cannot tell the format of 'x.png' from its extension/],
    [['--json', '--format', 'dot'], /--json prints the graph/],
    [['--vpc', 'vpc-shop', '--focus', 'nope'], /--focus: no resource 'nope'/],
  ])('refuses %j with exit 2', (args, message) => {
    const r = cli('diagram', 'scenarios/three-tier.yaml', ...args);
    expect(r.status).toBe(2);
    // under --json, errors are one JSON document on stdout (docs/cli.md)
    expect(args.includes('--json') ? JSON.parse(r.stdout).errors[0].message : r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it('a topology that does not load: its errors, exit 2', () => {
    const f = join(dir, 'bad.yaml');
    writeFileSync(f, 'version: 1\nvpcs:\n  - { id: vpc-1, cidr: 10.0.0.0/33 }\n');
    const r = cli('diagram', f);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('bad.yaml:3');
  });

  it('an unwritable output file is a clear error', () => {
    const r = cli('diagram', 'scenarios/three-tier.yaml', '-o', join(dir, 'no/such/dir/x.mmd'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot write .*x\.mmd: ENOENT/);
  });
});

describe('trace --diagram', () => {
  it('writes the picture and still prints the text and exit code of the trace', () => {
    const f = join(dir, 't.mmd');
    const r = cli('trace', 'scenarios/three-tier.yaml', '--from', 'web-1', '--to', 'db-1', '--port', '5432', '--diagram', f);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('blocked by acl-db');
    expect(readFileSync(f, 'utf8')).toBe(readFileSync(join(ROOT, 'tests/fixtures/diagram/three-tier-trace.mmd'), 'utf8'));
  });

  it('HTML: the trace text beside the picture, the blocked component marked', () => {
    const f = join(dir, 't.html');
    expect(cli('trace', 'scenarios/three-tier.yaml', '--from', 'web-1', '--to', 'db-1', '--port', '5432', '--diagram', f, '--json').status).toBe(1);
    const html = readFileSync(f, 'utf8');
    expect(html).toContain('<pre id="summary">Flow: tcp web-1');
    expect(html).toMatch(/class="node kind&#45;network&#45;acl on&#45;forward blocked"/);
    expect(html).toContain('SUBNET_ACL_RESTRICTION');
  });

  it('refuses a file whose extension is not a picture, before tracing', () => {
    const r = cli('trace', 'scenarios/three-tier.yaml', '--from', 'web-1', '--to', 'db-1', '--diagram', join(dir, 'x.txt'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--diagram: '.*x\.txt' must end in \.svg, \.html or \.mmd/);
    expect(existsSync(join(dir, 'x.txt'))).toBe(false);
  });

  it('does not combine with --batch', () => {
    const r = cli('trace', 'scenarios/three-tier.yaml', '--batch', 'x.csv', '--diagram', join(dir, 'b.svg'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--diagram does not apply with --batch');
  });
});

describe('no string in a topology changes the output syntax', () => {
  const hostile = 'x"]; end\n<script>alert(1)</script> \\N #quot; -->|a| b';
  const graph = (): Graph => {
    const g = topologyGraph(loadTopology(join(ROOT, 'scenarios/three-tier.yaml')).topology!, { instances: 'auto' });
    return { ...g, title: hostile, edges: [...g.edges, { from: 'rt-public', to: 'igw-shop', kind: 'route', label: hostile }] };
  };

  it('DOT: quotes and backslashes escaped, no line breaks inside strings', () => {
    const dot = renderDot(graph());
    // a line break becomes DOT's \n; \N (the node name escape) stays literal as \\N
    expect(dot).toContain('label="x\\"]; end\\n<script>alert(1)</script> \\\\N #quot; -->|a| b"');
    for (const line of dot.split('\n').filter((l) => !l.startsWith('//')))
      expect((line.replace(/\\\\/g, '').replace(/\\"/g, '').match(/"/g) ?? []).length % 2).toBe(0);
  });

  it('Mermaid: every character outside a safe set is an entity code', () => {
    const mmd = renderMermaid(graph());
    expect(mmd).toContain('"x#34;#93;#59; end#10;#60;script#62;alert#40;1#41;#60;/script#62; #92;N #35;quot#59; --#62;#124;a#124; b"');
    expect(mmd.split('\n').filter((l) => l.includes('alert'))).toHaveLength(2);
  });

  it('HTML: the title is escaped and the details JSON cannot close its script element', () => {
    const g = graph();
    g.elements[0].details.push('</script><script>alert(2)</script>');
    const html = renderHtml(g, '<svg></svg>');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('\\u003c/script>\\u003cscript>alert(2)');
  });
});

describe("GitHub's Mermaid limits", () => {
  it(`warns past ${MERMAID_MAX_EDGES} edges or 50,000 characters`, () => {
    const elements = Array.from({ length: 600 }, (_, i) => ({ id: `n${i}`, kind: 'instance' as const, label: [`n${i}`], details: [] }));
    const g: Graph = { title: 't', elements, edges: elements.slice(1).map((e, i) => ({ from: `n${i}`, to: e.id, kind: 'route' as const })) };
    const text = renderMermaid(g);
    expect(mermaidLimits(text, g)).toEqual([`the diagram has 599 edges; GitHub draws at most 500 ("Too many edges")`]);
    expect(mermaidLimits('x'.repeat(50_001), { ...g, edges: [] })).toEqual([
      'the Mermaid text is 50001 characters; GitHub draws at most 50000 ("Maximum text size in diagram exceeded")',
    ]);
    expect(mermaidLimits(renderMermaid({ ...g, edges: g.edges.slice(0, 10) }), { ...g, edges: g.edges.slice(0, 10) })).toEqual([]);
  });
});
