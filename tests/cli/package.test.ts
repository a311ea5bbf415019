// The packed tarball holds what `vpcsim` needs: installed into an empty folder it runs --version and a trace.
// The install uses the npm cache (--offline, else --prefer-offline): the dependencies are those of the lock file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  bin: Record<string, string>;
  engines: { node: string };
  files: string[];
};
const npm = (args: string[], cwd: string) =>
  spawnSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8', timeout: 240_000 });

describe('npm pack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpcsim-pack-'));
  let tarball = '';
  let files: string[] = [];

  beforeAll(() => {
    // dist/ is built (global setup); --ignore-scripts packs it as it is instead of building again
    const r = npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], ROOT);
    expect(r.status, r.stderr).toBe(0);
    const info = JSON.parse(r.stdout)[0] as { filename: string; files: { path: string }[] };
    tarball = join(dir, info.filename);
    files = info.files.map((f) => f.path);
  }, 240_000);

  it('declares the bin, the engines and the files it needs, and nothing of the tests', () => {
    expect(pkg.bin).toEqual({ vpcsim: 'bin/vpcsim.js' });
    expect(pkg.engines.node).toBe('>=20');
    for (const f of [
      'bin/vpcsim.js',
      'dist/cli/main.js',
      'dist/index.js',
      'dist/index.d.ts',
      'package.json',
      'README.md',
      'schema/topology.schema.json',
      'scenarios/three-tier.yaml',
      'docs/rules/VPC001.md',
      'action.yml',
    ])
      expect(files, f).toContain(f);
    expect(files.some((f) => f.startsWith('tests/') || f.startsWith('src/') || f.startsWith('node_modules/'))).toBe(false);
  });

  it('installs into an empty folder and runs --version and a trace', () => {
    const app = mkdtempSync(join(tmpdir(), 'vpcsim-install-'));
    writeFileSync(join(app, 'package.json'), '{ "name": "consumer", "version": "1.0.0", "private": true }\n');
    let r = npm(['install', '--offline', tarball], app);
    if (r.status !== 0 && /ENOTCACHED/.test(r.stderr)) r = npm(['install', '--prefer-offline', tarball], app);
    expect(r.status, r.stderr).toBe(0);
    const bin = join(app, 'node_modules/.bin/vpcsim');
    const v = spawnSync(bin, ['--version'], { cwd: app, encoding: 'utf8' });
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toBe(pkg.version);
    const t = spawnSync(bin, ['trace', 'node_modules/vpcsim/scenarios/three-tier.yaml', '--from', 'bastion', '--to', 'app-1', '--port', '22', '--json'], {
      cwd: app,
      encoding: 'utf8',
    });
    expect(t.status, t.stderr).toBe(0);
    expect(JSON.parse(t.stdout).verdict).toBe('ACCEPT');
    const c = spawnSync(bin, ['check', 'node_modules/vpcsim/scenarios/broken/VPC001-sg-open-ssh.yaml', '--format', 'sarif'], { cwd: app, encoding: 'utf8' });
    expect(c.status).toBe(1);
    expect(JSON.parse(c.stdout).runs[0].tool.driver.version).toBe(pkg.version);
  }, 240_000);
});
