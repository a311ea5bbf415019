// The findings reports in a real browser (headless system Chromium through playwright-core): `check --format html`
// and `exposure --format html` render with no console error and nothing fetched, the counterexample's path and the
// exposure edges are there and visible, hovering an item outlines its resources, and screenshots are written.
// VPCSIM_UPDATE_IMAGES=1 also writes docs/images/check-report.png and docs/images/exposure-report.png.
import { mkdtempSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTopology } from '../../src/index.js';
import { checkFiles } from '../../src/check/check.js';
import { exposure } from '../../src/reach/exposure.js';
import { renderCheckHtml } from '../../src/render/check-html.js';
import { withAssertionTraces } from '../../src/render/trace-assertion.js';
import { renderExposureHtml } from '../../src/render/reach-html.js';
import { launch } from './chromium.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const IMAGES = join(ROOT, 'docs/images');
const UPDATE_IMAGES = process.env.VPCSIM_UPDATE_IMAGES === '1';
const FILES = ['scenarios/broken/VPC001-sg-open-ssh.yaml', 'scenarios/broken/ASSERTION-expect-accept.yaml'];

let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vpcsim-findings-'));
  browser = await launch();
  writeFileSync(join(dir, 'check.html'), await renderCheckHtml(withAssertionTraces(checkFiles(FILES, { keepTopologies: true }))));
  const t = loadTopology('scenarios/three-tier.yaml').topology!;
  writeFileSync(join(dir, 'exposure.html'), await renderExposureHtml(t, exposure(t, 'both')));
});
afterAll(async () => {
  await browser?.close();
});

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
  await page.waitForSelector('.figure svg');
  return { page, problems };
}

async function expectVisible(page: Page, selector: string, atLeast: number): Promise<void> {
  const all = await page.locator(selector).all();
  expect(all.length, selector).toBeGreaterThanOrEqual(atLeast);
  for (const el of all) {
    await el.scrollIntoViewIfNeeded();
    expect(await el.isVisible(), selector).toBe(true);
    const box = await el.boundingBox();
    expect(box!.width * box!.height, selector).toBeGreaterThan(20);
  }
}

/** Hovering the item outlines exactly the elements it names, in red. */
async function expectHoverOutlines(page: Page, item: ReturnType<Page['locator']>): Promise<void> {
  const targets = ((await item.getAttribute('data-targets')) ?? '').split(' ').filter(Boolean);
  expect(targets.length).toBeGreaterThan(0);
  await item.hover({ position: { x: 20, y: 10 } });
  const lit = await page
    .locator('g.hl')
    .evaluateAll((gs) => gs.map((g) => ({ id: g.id, stroke: getComputedStyle(g.querySelector('polygon,path,ellipse')!).stroke })));
  expect(lit.map((x) => x.id).sort()).toEqual([...targets].sort());
  for (const x of lit) expect(x.stroke).toBe('rgb(207, 34, 46)');
}

async function shoot(page: Page, name: string): Promise<void> {
  const shot = join(dir, `${name}.png`);
  await page.screenshot({ path: shot, fullPage: true });
  expect(statSync(shot).size).toBeGreaterThan(10_000);
  if (UPDATE_IMAGES) copyFileSync(shot, join(IMAGES, `${name}.png`));
}

describe('the findings reports in Chromium', () => {
  it('check --format html: findings listed, the counterexample path drawn and visible, hover outlines', async () => {
    const { page, problems } = await open(join(dir, 'check.html'));
    expect(await page.locator('section').count()).toBe(FILES.length);
    await expectVisible(page, '.figure.topology svg', FILES.length);
    const assertion = page.locator('.item', { hasText: 'ASSERTION' });
    expect(await assertion.count()).toBe(1);
    // the counterexample: its components outlined as on the forward path, its edges drawn, the REJECT note shown
    await expectVisible(page, '.figure.path g.node.on-forward', 3);
    await expectVisible(page, '.figure.path g.edge.path-forward', 2);
    await expectVisible(page, '.figure.path g.node.blocked', 1);
    expect(await page.locator('.figure.path g.node.kind-reject').textContent()).toContain('REJECT at sg-web');
    await expectHoverOutlines(page, page.locator('.item', { hasText: 'VPC001' }));
    await expectHoverOutlines(page, assertion);
    // hover details on a resource
    await page.locator('.figure.topology g.cluster.kind-subnet').first().locator('text').first().hover();
    expect(await page.textContent('#details')).toMatch(/CIDR \d+\.\d+\.\d+\.\d+\/\d+/);
    await page.locator('.item', { hasText: 'VPC001' }).hover({ position: { x: 20, y: 10 } });
    await shoot(page, 'check-report');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('exposure --format html: edges from the internet, the SSH one flagged, hover outlines the path', async () => {
    const { page, problems } = await open(join(dir, 'exposure.html'));
    await expectVisible(page, 'g.edge.exposure', 2);
    await expectVisible(page, 'g.edge.exposure.flagged', 1);
    expect(await page.locator('g.edge.exposure.flagged').textContent()).toContain('tcp 22 ! SSH');
    const bastion = page.locator('.item', { hasText: 'bastion (54.210.0.10) from the internet' });
    await expectHoverOutlines(page, bastion);
    await shoot(page, 'exposure-report');
    expect(problems).toEqual([]);
    await page.close();
  });
});
