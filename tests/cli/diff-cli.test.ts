// vpcsim diff on the command line: exit codes per --fail-on, --json contract, markdown within GitHub's limit,
// --git reading the before side from a revision, and one clear line for each kind of bad input.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { GITHUB_COMMENT_LIMIT, renderDiffMarkdown } from '../../src/render/diff-markdown.js';
import type { DiffResult, DiffRow } from '../../src/diff/types.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BASE = join(ROOT, 'tests/fixtures/diff/base.yaml');
const dir = mkdtempSync(join(tmpdir(), 'vpcsim-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], cwd = ROOT): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/vpcsim.js'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function variant(name: string, f: (d: Record<string, any>) => void): string {
  const d = parse(readFileSync(BASE, 'utf8'));
  f(d);
  const file = join(dir, name);
  writeFileSync(file, stringify(d));
  return file;
}

const web80 = variant('web80.yaml', (d) => d.securityGroups[0].inbound.push({ protocol: 'tcp', ports: 80, source: '0.0.0.0/0' }));
const noRoute = variant('no-route.yaml', (d) => d.routeTables[1].routes.splice(0, 1));

describe('vpcsim diff', () => {
  it('exit 1 on new internet exposure by default, 0 with --fail-on none; text names the row', () => {
    const r = cli(['diff', BASE, web80, '--protocol', 'tcp']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/opened \(1\)/);
    expect(r.stdout).toMatch(/REJECT at sg-web/);
    expect(r.stdout).toMatch(/the change opens 1 row, 1 from the internet/);
    expect(cli(['diff', BASE, web80, '--protocol', 'tcp', '--fail-on', 'none']).status).toBe(0);
  });

  it('--fail-on opened / any / internet on a change that opens a VPC-to-VPC flow', () => {
    expect(cli(['diff', noRoute, BASE, '--to', 'db']).status).toBe(0);
    expect(cli(['diff', noRoute, BASE, '--to', 'db', '--fail-on', 'opened']).status).toBe(1);
    expect(cli(['diff', BASE, noRoute, '--to', 'db', '--fail-on', 'opened']).status).toBe(0);
    expect(cli(['diff', BASE, noRoute, '--to', 'db', '--fail-on', 'any']).status).toBe(1);
  });

  it('--json: opened, closed, addedEndpoints, removedEndpoints with before and after sides', () => {
    const r = cli(['diff', BASE, noRoute, '--json', '--to', 'db']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['query', 'opened', 'closed', 'addedEndpoints', 'removedEndpoints']));
    expect(j.opened).toEqual([]);
    expect(j.closed).toHaveLength(1);
    expect(j.closed[0]).toMatchObject({
      source: { kind: 'interface', id: 'app' },
      destination: { kind: 'interface', id: 'db', addresses: ['10.0.1.10'] },
      protocol: 'tcp',
      ports: [[5432, 5432]],
      change: 'closed',
      before: { verdict: 'ACCEPT' },
      after: { verdict: 'REJECT', blockedBy: 'rt-db' },
    });
    expect(j.closed[0].path).toEqual(j.closed[0].before.path);
  });

  it('--format markdown: a verdict line and a table', () => {
    const r = cli(['diff', BASE, web80, '--format', 'markdown', '--protocol', 'tcp']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^### vpcsim diff/);
    expect(r.stdout).toMatch(/❌ \*\*the change opens 1 row, 1 from the internet\*\*/);
    expect(r.stdout).toMatch(/\| internet: .* \| `web` 54\.0\.0\.10 \| tcp \| 80 \|/);
  });

  it('bad input: one line, exit 2', () => {
    const usage = (args: string[], re: RegExp) => {
      const r = cli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(re);
      expect(r.stderr).not.toMatch(/internal error|    at /);
    };
    usage(['diff', BASE], /two topologies/);
    usage(['diff', BASE, web80, '--fail-on', 'sometimes'], /--fail-on: 'sometimes' is not one of internet, opened, any, none/);
    usage(['diff', BASE, web80, '--format', 'pdf'], /--format: 'pdf'/);
    usage(['diff', BASE, web80, '--to', 'nope'], /--to: unknown endpoint 'nope'/);
    usage(['diff', BASE, web80, '--ports', '70000'], /--ports: '70000'/);
    usage(['diff', BASE, join(dir, 'missing.yaml')], /file not found/);
    usage(['diff', '--git', 'HEAD', BASE, web80], /with --git, give one file/);
  });

  it('--git: before from a revision; not a repository, unknown revision, path absent at the revision', () => {
    const repo = mkdtempSync(join(tmpdir(), 'vpcsim-diff-git-'));
    const git = (...a: string[]) => spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...a], { cwd: repo, encoding: 'utf8' });
    writeFileSync(join(repo, 'other.yaml'), 'x: 1\n');
    const outside = cli(['diff', '--git', 'HEAD', join(repo, 'other.yaml')]);
    expect(outside.status).toBe(2);
    expect(outside.stderr).toMatch(/is not inside a git repository/);
    git('init', '-q');
    writeFileSync(join(repo, 'topology.yaml'), readFileSync(BASE, 'utf8'));
    git('add', '.');
    git('commit', '-qm', 'base');
    writeFileSync(join(repo, 'topology.yaml'), readFileSync(web80, 'utf8'));
    const r = cli(['diff', '--git', 'HEAD', 'topology.yaml', '--protocol', 'tcp'], repo);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/diff HEAD:topology\.yaml → topology\.yaml/);
    expect(cli(['diff', '--git', 'no-such-branch', 'topology.yaml'], repo).stderr).toMatch(/unknown revision 'no-such-branch'/);
    writeFileSync(join(repo, 'new.yaml'), readFileSync(BASE, 'utf8'));
    expect(cli(['diff', '--git', 'HEAD', 'new.yaml'], repo).stderr).toMatch(/new\.yaml does not exist at HEAD/);
    rmSync(repo, { recursive: true, force: true });
  });
});

describe('markdown stays under the GitHub comment limit', () => {
  it('summarises when the rows would not fit', () => {
    const row: DiffRow = {
      source: { kind: 'interface', id: 'a', addresses: ['10.0.0.1'] },
      destination: { kind: 'interface', id: 'b', addresses: ['10.0.0.2'] },
      protocol: 'tcp',
      ports: [[1, 1]],
      srcPorts: null,
      icmpTypes: null,
      path: ['x'.repeat(80)],
      change: 'opened',
      before: { verdict: 'REJECT', blockedBy: 'sg-b', reason: 'r'.repeat(80) },
      after: { verdict: 'ACCEPT', path: ['x'.repeat(80)] },
    };
    const r: DiffResult = {
      query: { from: 'any', to: 'any', protocol: 'all', ports: [[0, 65535]], srcPorts: [[1024, 65535]] },
      opened: Array.from({ length: 5000 }, () => row),
      closed: [],
      addedEndpoints: [],
      removedEndpoints: [],
      undetermined: [],
      scope: { changed: [], endpoints: 2 },
      stats: { traces: 0, classes: 0 },
    };
    const md = renderDiffMarkdown(r, { before: 'a', after: 'b' }, true);
    expect(md.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(md).toMatch(/more rows not shown/);
    expect(md).toMatch(/opens 5000 rows/);
  });
});

describe('vpcsim diff --plan', () => {
  // The plan adds `tcp 443 from 0.0.0.0/0` to aws_security_group.web, whose instance has a public IP in a subnet
  // routed to an internet gateway: after apply the internet reaches it on 443, and on nothing else new.
  const PLAN = join(ROOT, 'tests/fixtures/terraform/update-plan-0.1.json');

  it("compares a plan's prior state with its planned values", () => {
    const r = cli(['diff', '--plan', PLAN, '--json']);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.opened).toHaveLength(1);
    expect(out.opened[0]).toMatchObject({
      destination: { kind: 'interface', id: 'aws_instance.web' },
      protocol: 'tcp',
      ports: [[443, 443]],
      source: { kind: 'external' },
    });
    expect(out.closed).toEqual([]);
    expect(out.removedEndpoints.map((e: { endpoint: { id: string } }) => e.endpoint.id)).toEqual(['aws_instance.old']);
  });

  it('refuses a second file or a file that is not a plan (exit 2)', () => {
    expect(cli(['diff', '--plan', PLAN, BASE]).status).toBe(2);
    const r = cli(['diff', '--plan', BASE]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is not a Terraform plan/);
  });
});
