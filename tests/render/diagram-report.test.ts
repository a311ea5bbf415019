// The findings report (`check`, `reach` and `exposure --format html`): self-contained, one section per file, every
// finding listed with its position, the counterexample of a failed assertion drawn with its path's elements, the
// resources of each item referenced by id, exposure edges from the internet, and byte-identical output.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTopology } from '../../src/index.js';
import { checkFiles } from '../../src/check/check.js';
import { renderCheckHtml } from '../../src/render/check-html.js';
import { withAssertionTraces } from '../../src/render/trace-assertion.js';
import { renderExposureHtml, renderReachHtml } from '../../src/render/reach-html.js';
import { traceGraph } from '../../src/render/diagram/path.js';
import { escapeHtml } from '../../src/render/diagram/html.js';
import { exposure } from '../../src/reach/exposure.js';
import { reach } from '../../src/reach/reach.js';
import type { CheckReport } from '../../src/check/types.js';
import { diffInputFile } from '../helpers/diff-input.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FILES = ['scenarios/broken/VPC001-sg-open-ssh.yaml', 'scenarios/broken/ASSERTION-expect-accept.yaml'];
let dir: string;
let report: CheckReport;
let html: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vpcsim-report-'));
  // the CLI writes each failed assertion's trace into the report before rendering it; so does this test
  report = withAssertionTraces(checkFiles(FILES, { keepTopologies: true }));
  html = await renderCheckHtml(report);
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

/** Nothing is fetched at view time: no src/href attribute, no CSS url() or @import; the only URLs are SVG's namespaces. */
function expectSelfContained(page: string): void {
  expect(page).not.toMatch(/\s(src|href|xlink:href)\s*=/i);
  expect(page).not.toMatch(/url\(|@import/i);
  const urls = new Set(page.match(/\b(https?|ftp):\/\/[^\s"'<>)]+/g) ?? []);
  expect([...urls].sort()).toEqual(['http://www.w3.org/1999/xlink', 'http://www.w3.org/2000/svg']);
}

/** Graphviz writes `-` in attribute values as `&#45;`; the browser reads them as `-`. */
const dashes = (page: string) => page.replace(/&#45;/g, '-');

/** The `<li>` of the report's item whose text contains `needle`. */
function itemOf(page: string, needle: string): string {
  const items = dashes(page).match(/<li class="item[^"]*"[\s\S]*?<\/li>/g) ?? [];
  const hit = items.find((li) => li.includes(needle));
  expect(hit, `an item containing ${needle}`).toBeDefined();
  return hit!;
}

describe('check --format html', () => {
  it('is one self-contained page with one section per file, each with its picture', () => {
    expectSelfContained(html);
    expect(html.match(/<section /g)).toHaveLength(FILES.length);
    for (const f of FILES) expect(html).toContain(`<h2>${escapeHtml(f)}</h2>`);
    expect(html.match(/<div class="figure topology"/g)).toHaveLength(FILES.length);
  });

  it('lists every finding with its rule, severity, message and file:line:col', () => {
    expect(report.findings.length).toBeGreaterThanOrEqual(2);
    for (const f of report.findings) {
      const li = itemOf(html, escapeHtml(f.message));
      expect(li).toContain(`<span class="tag">${f.ruleId}</span>`);
      expect(li).toContain(`sev-${f.severity}`);
      expect(li).toContain(`${f.file}:${f.line}:${f.col}`);
    }
  });

  it('references the resource a finding names: the members of an open security group', () => {
    const f = report.findings.find((x) => x.ruleId === 'VPC001')!;
    expect(f.message).toContain("'sg-app'");
    const t = report.files[0]!.topology!;
    const sg = t.byId.get('sg-app');
    expect(sg?.kind).toBe('security-group');
    const li = itemOf(html, escapeHtml(f.message));
    const targets = /data-targets="([^"]*)"/.exec(li)![1]!.split(' ');
    // the topology picture is the first figure: its element ids are f0-e<index>; app-1 is the group's member
    expect(targets.length).toBeGreaterThan(0);
    for (const id of targets) expect(dashes(html)).toMatch(new RegExp(`<g id="${id}" class="node kind-instance`));
    expect(dashes(html)).toMatch(new RegExp(`<g id="${targets[0]}" class="node kind-instance">[\\s\\S]*?app-1`));
  });

  it('draws the failed assertion with its counterexample path and reason', () => {
    const file = report.files[1]!;
    const a = file.assertions.find((x) => !x.passed)!;
    expect(a.trace?.verdict).toBe('REJECT');
    const li = itemOf(html, 'ASSERTION');
    expect(li).toContain(escapeHtml('expected ACCEPT, got REJECT (blocked by sg-web'));
    const prefix = /<div class="figure path" id="(f\d+)">/.exec(li)?.[1];
    expect(prefix).toBeDefined();
    // every component on the counterexample's forward path is an element of that picture, outlined as on the path
    const g = traceGraph(file.topology!, a.trace!);
    const onPath = g.elements.map((e, i) => ({ e, i })).filter(({ e }) => e.path?.forward.length);
    expect(onPath.map(({ e }) => e.id)).toEqual(expect.arrayContaining(['internet', 'igw-a', 'sg-web']));
    for (const { e, i } of onPath) expect(li).toMatch(new RegExp(`<g id="${prefix}-e${i}" class="(node|cluster) kind-${e.kind}[^"]* on-forward`));
    expect(li).toMatch(new RegExp(`id="${prefix}-e\\d+" class="node kind-reject"`));
    expect(li).toContain('REJECT at sg-web');
  });

  it('is byte-identical from run to run, and the CLI writes the same page with exit 1', async () => {
    expect(await renderCheckHtml(withAssertionTraces(checkFiles(FILES, { keepTopologies: true })))).toBe(html);
    const out = join(dir, 'check.html');
    const r = cli('check', ...FILES, '--format', 'html', '--output', out, '--no-config');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe(html);
  });

  it('reports an unreadable file in its own section, without a picture', async () => {
    const r = checkFiles(['scenarios/broken/VPC001-sg-open-ssh.yaml', join(dir, 'missing.yaml')], { keepTopologies: true });
    const page = await renderCheckHtml(r);
    expect(page.match(/<section /g)).toHaveLength(2);
    expect(page.match(/<div class="figure topology"/g)).toHaveLength(1);
    expect(page).toContain('the file could not be read');
  });
});

describe('reach and exposure --format html', () => {
  it('exposure: an edge from the internet to each exposed interface with its ports; SSH flagged', async () => {
    const t = loadTopology('scenarios/three-tier.yaml').topology!;
    const r = exposure(t, 'both');
    const page = await renderExposureHtml(t, r);
    expectSelfContained(page);
    const edges = dashes(page).match(/<g id="f0-edge\d+" class="edge exposure[^"]*">[\s\S]*?<\/g>/g) ?? [];
    expect(edges).toHaveLength(r.interfaces.filter((i) => i.inbound.length).length);
    const flagged = edges.filter((e) => e.includes('class="edge exposure flagged"'));
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toContain('tcp 22 ! SSH');
    expect(edges.join('')).toContain('tcp 80,443');
    const li = itemOf(page, 'bastion (54.210.0.10) from the internet');
    expect(li).toContain('sev-error');
    expect(li).toContain('22 SSH (admin)');
    expect(await renderExposureHtml(t, exposure(t, 'both'))).toBe(page);
  });

  it('reach: each row is an item whose path elements are drawn, joined by forward edges', async () => {
    const t = loadTopology('scenarios/three-tier.yaml').topology!;
    const r = reach(t, { to: 'db-1', protocol: 'all', ports: '0-65535', srcPorts: '1024-65535' });
    expect(r.rows.length).toBe(2);
    const page = await renderReachHtml(t, r);
    expectSelfContained(page);
    for (const row of r.rows) {
      const li = itemOf(page, `path: ${row.source.kind === 'interface' ? row.source.id : ''}`);
      const targets = /data-targets="([^"]*)"/.exec(li)![1]!.split(' ');
      expect(targets.length).toBeGreaterThanOrEqual(row.path.length);
      for (const id of targets) expect(page).toContain(`<g id="${id}" class=`);
    }
    expect(dashes(page).match(/class="edge path-forward"/g)!.length).toBeGreaterThanOrEqual(6);
  });

  it('the CLI: --format html to stdout or --output; --output alone and --json with html are usage errors', () => {
    const out = join(dir, 'exposure.html');
    const a = cli('exposure', 'scenarios/three-tier.yaml', '--format', 'html', '--output', out);
    expect(a.status).toBe(1);
    expect(readFileSync(out, 'utf8')).toContain('tcp 22 ! SSH');
    const b = cli('reach', 'scenarios/three-tier.yaml', '--to', 'db-1', '--format', 'html');
    expect(b.status).toBe(0);
    expect(b.stdout).toMatch(/^<!DOCTYPE html>/);
    const c = cli('reach', 'scenarios/three-tier.yaml', '--to', 'db-1', '--output', out);
    expect(c.status).toBe(2);
    expect(c.stderr).toContain('--output goes with --format html');
    const d = cli('exposure', 'scenarios/three-tier.yaml', '--format', 'html', '--json');
    expect(d.status).toBe(2);
    const e = cli('exposure', 'scenarios/three-tier.yaml', '--format', 'pdf');
    expect(e.status).toBe(2);
    expect(e.stderr).toContain("--format must be text, json or html, got 'pdf'");
  });
});

describe('the report page and hostile text', () => {
  it('nothing an item or a title says can open an element or end the script', async () => {
    const { renderReport } = await import('../../src/render/diagram/report.js');
    const evil = `</script><script>alert(1)</script><img src=x onerror=alert(2)>`;
    const graph = { title: evil, elements: [{ id: 'x', kind: 'subnet' as const, label: [evil], details: [evil] }], edges: [] };
    const page = await renderReport(evil, [
      { title: evil, graph, items: [{ tag: evil, text: evil, location: evil, detail: evil, suppressed: evil, resources: ['x', evil] }], summary: evil },
    ]);
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img');
    expect(page.match(/<script/g)).toHaveLength(2);
    expect(page.match(/<\/script>/g)).toHaveLength(2);
    // the unknown resource id is dropped; the known one is referenced
    expect(page).toContain('data-targets="f0-e0"');
  });
});

describe('diff --format html', () => {
  // base → after opens the internet to web on 443 (an inbound rule added to sg-web) and closes two flows.
  it('draws opened rows on the after picture and closed rows on the before picture, each naming the other side', async () => {
    const { renderDiffHtml } = await import('../../src/render/diff-html.js');
    const { diff } = await import('../../src/diff/diff.js');
    const before = diffInputFile('tests/fixtures/diff/base.yaml');
    const after = diffInputFile('tests/fixtures/diff/after.yaml');
    const r = diff(before, after, {});
    expect(r.opened.length).toBe(1);
    const page = await renderDiffHtml(before.topology, after.topology, r, { before: 'base.yaml', after: 'after.yaml' });
    expectSelfContained(page);
    expect(page.match(/<section id="s\d+">/g)).toHaveLength(2);
    const li = itemOf(page, 'after: path internet → igw-a');
    expect(li).toContain('before: rejected at sg-web');
    const targets = /data-targets="([^"]*)"/.exec(li)![1]!.split(' ');
    expect(targets.length).toBeGreaterThanOrEqual(5);
    for (const id of targets) expect(page).toContain(`<g id="${id}" class=`);
    expect(await renderDiffHtml(before.topology, after.topology, r, { before: 'base.yaml', after: 'after.yaml' })).toBe(page);
    const c = cli('diff', 'tests/fixtures/diff/base.yaml', 'tests/fixtures/diff/after.yaml', '--format', 'html', '--output', join(dir, 'diff.html'));
    expect(c.status).toBe(1);
    const written = readFileSync(join(dir, 'diff.html'), 'utf8');
    expectSelfContained(written);
    expect(written).toContain('before: rejected at sg-web');
  });
});
