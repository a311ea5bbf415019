// The HTML report in a real browser (headless system Chromium through playwright-core): every shipped scenario's
// topology and one trace each render with no console error and nothing fetched, the traced path's elements are
// there and visible, hovering shows a resource's details, pan and zoom respond, and screenshots are written.
// The Mermaid expected files are rendered by Mermaid itself. VPCSIM_UPDATE_IMAGES=1 also writes docs/images/*.png.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTopology } from '../../src/index.js';
import { trace } from '../../src/trace/trace.js';
import type { TraceResult } from '../../src/trace/types.js';
import { topologyGraph } from '../../src/render/diagram/index.js';
import { traceGraph } from '../../src/render/diagram/path.js';
import { renderDiagram } from '../../src/render/diagram/render.js';
import { renderTraceText } from '../../src/render/trace-text.js';
import { launch } from './chromium.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLES: { scenario: string; args: string[] }[] = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/diagram/examples.json'), 'utf8'));
const IMAGES = join(ROOT, 'docs/images');
const UPDATE_IMAGES = process.env.VPCSIM_UPDATE_IMAGES === '1';

let browser: Browser;
let dir: string;
const traces = new Map<string, TraceResult>();

const arg = (args: string[], name: string) => args[args.indexOf(name) + 1];

beforeAll(async () => {
  process.chdir(ROOT);
  dir = mkdtempSync(join(tmpdir(), 'vpcsim-browser-'));
  browser = await launch();
  for (const { scenario, args } of EXAMPLES) {
    // relative, as a user types it: the rule positions in the trace text name the file this way
    const t = loadTopology(`scenarios/${scenario}.yaml`).topology!;
    const r = trace(t, { from: arg(args, '--from'), to: arg(args, '--to'), protocol: 'tcp', port: Number(arg(args, '--port')) });
    traces.set(scenario, r);
    const g = topologyGraph(t, { instances: 'auto' });
    const tg = traceGraph(t, r);
    writeFileSync(join(dir, `${scenario}.html`), await renderDiagram(g, 'html'));
    writeFileSync(join(dir, `${scenario}.svg`), await renderDiagram(g, 'svg'));
    writeFileSync(join(dir, `${scenario}-trace.html`), await renderDiagram(tg, 'html', renderTraceText(r, { flowLogs: false })));
    writeFileSync(join(dir, `${scenario}-trace.svg`), await renderDiagram(tg, 'svg'));
  }
});
afterAll(async () => {
  await browser?.close();
});

/** A page that records console errors, uncaught exceptions and any request that is not the file itself. */
async function open(file: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (r.url() !== `file://${file}`) problems.push(`request: ${r.url()}`);
  });
  await page.goto(`file://${file}`);
  await page.waitForSelector('#canvas svg');
  return { page, problems };
}

describe('the HTML report in Chromium', () => {
  for (const { scenario, args } of EXAMPLES) {
    it(`${scenario}: topology renders, hover shows a subnet's CIDR and rules, screenshot`, async () => {
      const { page, problems } = await open(join(dir, `${scenario}.html`));
      expect(await page.locator('g.node').count()).toBeGreaterThan(2);
      const subnet = page.locator('g.cluster.kind-subnet').first();
      await subnet.locator('text').first().hover();
      const details = await page.textContent('#details');
      expect(details).toMatch(/CIDR \d+\.\d+\.\d+\.\d+\/\d+/);
      expect(details).toMatch(/network ACL .*\n\s+in /);
      const shot = join(dir, `${scenario}.png`);
      await page.screenshot({ path: shot });
      expect(statSync(shot).size).toBeGreaterThan(10_000);
      expect(problems).toEqual([]);
      await page.close();
    });

    it(`${scenario}: trace ${args.join(' ')}: the path is highlighted, numbered and visible`, async () => {
      const r = traces.get(scenario)!;
      const { page, problems } = await open(join(dir, `${scenario}-trace.html`));
      const components = new Set(r.forward.hops.map((h) => h.component));
      const onForward = page.locator('g.node.on-forward, g.cluster.on-forward');
      expect(await onForward.count()).toBe(components.size);
      for (const el of await onForward.all()) {
        await expect.poll(() => el.isVisible()).toBe(true);
        const box = await el.boundingBox();
        expect(box!.width * box!.height).toBeGreaterThan(100);
      }
      const edges = page.locator('g.edge.path-forward');
      expect(await edges.count()).toBeGreaterThan(0);
      for (const e of await edges.all()) expect(await e.isVisible()).toBe(true);
      // numbered as in the text: hop 1 is written on the first edge or on the component it starts at
      expect(await page.locator('#canvas svg').textContent()).toMatch(/\b1\b/);
      if (r.verdict === 'REJECT') {
        const blocked = page.locator('g.node.blocked');
        expect(await blocked.count()).toBe(1);
        expect(await blocked.isVisible()).toBe(true);
        expect(await page.locator('g.node.kind-reject').textContent()).toContain(r.forward.hops[r.forward.blockedAt!].reason!);
        await blocked.locator('text').first().hover();
        expect(await page.textContent('#details')).toContain('REJECTED here');
      } else {
        expect(await page.locator('g.edge.path-return').count()).toBeGreaterThan(0);
        await onForward.first().locator('text').first().hover();
        expect(await page.textContent('#details')).toMatch(/on the traced path: forward hops \d/);
      }
      expect(await page.textContent('#summary')).toContain(`Verdict: ${r.verdict}`);
      const shot = join(dir, `${scenario}-trace.png`);
      await page.screenshot({ path: shot });
      expect(statSync(shot).size).toBeGreaterThan(10_000);
      expect(problems).toEqual([]);
      await page.close();
    });
  }

  it('pans and zooms', async () => {
    const { page } = await open(join(dir, 'three-tier.html'));
    const before = await page.$eval('#canvas', (e) => (e as HTMLElement).style.transform);
    await page.mouse.move(500, 400);
    await page.mouse.wheel(0, -300);
    const zoomed = await page.$eval('#canvas', (e) => (e as HTMLElement).style.transform);
    expect(zoomed).not.toBe(before);
    await page.mouse.down();
    await page.mouse.move(600, 500);
    await page.mouse.up();
    expect(await page.$eval('#canvas', (e) => (e as HTMLElement).style.transform)).not.toBe(zoomed);
    await page.close();
  });

  it('the report written by `vpcsim trace --diagram x.html` is the one checked above', () => {
    const file = join(dir, 'cli.html');
    const { scenario, args } = EXAMPLES[0];
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/vpcsim.js'), 'trace', `scenarios/${scenario}.yaml`, ...args, '--diagram', file], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.stderr).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(join(dir, `${scenario}-trace.html`), 'utf8'));
  });
});

describe('Mermaid renders the expected files', () => {
  it('every .mmd in tests/fixtures/diagram parses and draws', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.setContent('<!DOCTYPE html><html><body></body></html>');
    await page.addScriptTag({ path: join(ROOT, 'node_modules/mermaid/dist/mermaid.min.js') });
    await page.evaluate(() => (window as any).mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }));
    for (const { scenario } of EXAMPLES) {
      for (const name of [`${scenario}.mmd`, `${scenario}-trace.mmd`]) {
        const text = readFileSync(join(ROOT, 'tests/fixtures/diagram', name), 'utf8');
        const out = await page.evaluate(async (t) => {
          try {
            const { svg } = await (window as any).mermaid.render(`m${Math.random().toString(36).slice(2)}`, t);
            return svg as string;
          } catch (e) {
            return `ERROR ${(e as Error).message}`;
          }
        }, text);
        expect(out.startsWith('ERROR') ? `${name}: ${out}` : name).toBe(name);
        expect(out).toContain(scenario === 'tgw-hub' ? 'tgw-rt-prod' : 'route');
      }
    }
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('images in docs/images', () => {
  it('every shipped scenario has a PNG of its diagram and of its example trace', async () => {
    if (UPDATE_IMAGES) {
      mkdirSync(IMAGES, { recursive: true });
      const page = await browser.newPage({ deviceScaleFactor: 1.5 });
      for (const { scenario } of EXAMPLES) {
        for (const name of [scenario, `${scenario}-trace`]) {
          await page.goto(`file://${join(dir, `${name}.svg`)}`);
          await (await page.$('svg'))!.screenshot({ path: join(IMAGES, `${name}.png`) });
        }
      }
      await page.close();
    }
    const shipped = spawnSync('ls', [join(ROOT, 'scenarios')], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter((f) => f.endsWith('.yaml'));
    for (const f of shipped) {
      const name = f.replace(/\.yaml$/, '');
      expect(
        EXAMPLES.map((e) => e.scenario),
        `examples.json lists ${name}`,
      ).toContain(name);
      for (const png of [`${name}.png`, `${name}-trace.png`]) expect(existsSync(join(IMAGES, png)), png).toBe(true);
    }
  });
});
