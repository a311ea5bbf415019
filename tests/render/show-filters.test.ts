// show on a large estate: --vpc, --kind and --limit with "… N more"; JSON keeps everything unless --limit is given.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateTopology } from '../../src/generate/generate.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const file = join(mkdtempSync(join(tmpdir(), 'vpcsim-show-')), 'estate.json');
writeFileSync(file, JSON.stringify(generateTopology({ vpcs: 3, subnetsPerVpc: 30, instancesPerSubnet: 0, seed: 1 })));
// COLUMNS=200: one table per kind, so rows can be counted (at 80 columns the subnets table is split in two)
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'bin/vpcsim.js'), 'show', file, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1', COLUMNS: '200' },
  });

describe('show filters', () => {
  it('text is cut at 50 rows per table by default, with the count left out', () => {
    const r = cli();
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('… 40 more subnets (narrow with --vpc, or use --limit 0 or --json for all)');
    expect(r.stdout.match(/│ sn-/g)).toHaveLength(50);
  });

  it('--limit and --limit 0', () => {
    expect(cli('--limit', '5').stdout.match(/│ sn-/g)).toHaveLength(5);
    const all = cli('--limit', '0').stdout;
    expect(all.match(/│ sn-/g)).toHaveLength(90);
    expect(all).not.toContain('more subnets');
  });

  it('--vpc keeps one VPC and its subnets; --kind one table', () => {
    const j = JSON.parse(cli('--vpc', 'vpc-002', '--json').stdout);
    expect(j.vpcs.map((v: { id: string }) => v.id)).toEqual(['vpc-002']);
    expect(j.subnets).toHaveLength(30);
    expect(j.subnets.every((s: { vpc: string }) => s.vpc === 'vpc-002')).toBe(true);
    expect(JSON.parse(cli('--kind', 'vpcs', '--json').stdout).subnets).toEqual([]);
  });

  it('JSON is whole unless --limit is given, and then says what it left out', () => {
    expect(JSON.parse(cli('--json').stdout).subnets).toHaveLength(90);
    const j = JSON.parse(cli('--json', '--limit', '10').stdout);
    expect(j.subnets).toHaveLength(10);
    expect(j.truncated).toEqual({ subnets: 80 });
  });

  it('mistakes are usage errors', () => {
    expect(cli('--vpc', 'vpc-999').stderr.trim()).toBe("vpcsim: --vpc: no VPC 'vpc-999' (VPCs: vpc-001, vpc-002, vpc-003)");
    expect(cli('--kind', 'routes').stderr.trim()).toBe("vpcsim: --kind must be vpcs or subnets, got 'routes'");
    expect(cli('--limit', '-1').stderr.trim()).toBe("vpcsim: --limit must be a whole number (0 for all), got '-1'");
    expect(cli('sn-001-app-a', '--limit', '3').stderr.trim()).toBe('vpcsim: --vpc, --kind and --limit apply to the summary, not to one resource');
  });
});

describe('show width', () => {
  const run = (env: Record<string, string>) => {
    const e: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ...env };
    if (!('COLUMNS' in env)) delete e.COLUMNS;
    return spawnSync(process.execPath, [join(ROOT, 'bin/vpcsim.js'), 'show', join(ROOT, 'scenarios/tgw-hub.yaml')], {
      encoding: 'utf8',
      timeout: 60_000,
      env: e,
    }).stdout;
  };
  const widest = (s: string) => Math.max(...s.split('\n').map((l) => [...l].length));

  it('fits 80 columns when stdout is not a terminal, and COLUMNS when it is set', () => {
    expect(widest(run({}))).toBeLessThanOrEqual(80);
    expect(widest(run({ COLUMNS: '60' }))).toBeLessThanOrEqual(60);
    const wide = run({ COLUMNS: '200' });
    expect(widest(wide)).toBeGreaterThan(80);
    expect(wide).toMatch(/│ Subnet\s+│ VPC\s+│ CIDR\s+│ AZ\s+│ Route table\s+│ Network ACL\s+│ Inst\s+│ ENIs\s+│/);
  });
});
