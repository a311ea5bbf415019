// action.yml, the composite GitHub Action: inputs reach its scripts only through the environment, and its check
// step, run here with bash as the runner would, writes SARIF, records the exit status, and passes globs to vpcsim.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  shell?: string;
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { runs: { using: string; steps: Step[] }; inputs: Record<string, { default: string }> };

function runCheckStep(env: Record<string, string>): { status: number | null; output: string; stdout: string; stderr: string; dir: string } {
  const step = action.runs.steps.find((s) => s.id === 'check')!;
  const dir = mkdtempSync(join(tmpdir(), 'vpcsim-action-'));
  const out = join(dir, 'github-output');
  writeFileSync(out, '');
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      PATH: process.env.PATH!,
      GITHUB_OUTPUT: out,
      VPCSIM_BIN: join(ROOT, 'bin/vpcsim.js'),
      VPCSIM_FAIL_ON: '',
      VPCSIM_CONFIG: '',
      VPCSIM_SARIF: 'vpcsim.sarif',
      VPCSIM_ANNOTATIONS: 'true',
      ...env,
    },
  });
  return { status: r.status, output: readFileSync(out, 'utf8'), stdout: r.stdout, stderr: r.stderr, dir };
}

describe('action.yml', () => {
  it('is a composite action that installs, checks and uploads SARIF', () => {
    expect(action.runs.using).toBe('composite');
    const uses = action.runs.steps.map((s) => s.uses ?? s.name);
    expect(uses).toEqual(['actions/setup-node@v4', 'Install vpcsim', 'vpcsim check', 'github/codeql-action/upload-sarif@v3', 'vpcsim diff', 'Result']);
  });

  it('never splices an input into a script', () => {
    for (const s of action.runs.steps) if (s.run) expect(s.run, s.name).not.toMatch(/\$\{\{/);
  });

  it('the check step writes SARIF, annotations, and the exit status for a failing topology', () => {
    const r = runCheckStep({ VPCSIM_PATHS: `${ROOT}scenarios/broken/VPC001-sg-open-ssh.yaml\n${ROOT}scenarios/three-tier.yaml` });
    expect(r.status, r.stderr).toBe(0); // the step itself succeeds so the upload runs; the Result step fails the job
    expect(r.output).toBe('exit-code=1\n');
    const sarif = JSON.parse(readFileSync(join(r.dir, 'vpcsim.sarif'), 'utf8'));
    expect(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toEqual(['VPC001']);
    expect(r.stdout).toMatch(/^::error file=.*VPC001-sg-open-ssh\.yaml,line=\d+,col=\d+,title=VPC001::/m);
  });

  it('passes a glob to vpcsim unexpanded, and a clean run records 0', () => {
    const r = runCheckStep({ VPCSIM_PATHS: `${ROOT}scenarios/*.yaml`, VPCSIM_ANNOTATIONS: 'false' });
    expect(r.output).toBe('exit-code=0\n');
    expect(JSON.parse(readFileSync(join(r.dir, 'vpcsim.sarif'), 'utf8')).runs[0].results.filter((x: { suppressions?: unknown }) => !x.suppressions)).toEqual(
      [],
    );
  });

  it('a path that looks like a command is only a path', () => {
    const r = runCheckStep({ VPCSIM_PATHS: '$(touch pwned) ;touch pwned2' });
    expect(r.output).toBe('exit-code=2\n');
    expect(existsSync(join(r.dir, 'pwned'))).toBe(false);
    expect(existsSync(join(r.dir, 'pwned2'))).toBe(false);
  });
});

describe('action.yml diff step', () => {
  // A repository whose topology opens SSH to the world in the working tree: the step diffs it against HEAD, posts
  // the markdown through `gh pr comment` (a stand-in on PATH records its arguments) and records exit 1.
  it('posts the diff as a pull-request comment and records its exit status', () => {
    const step = action.runs.steps.find((s) => s.id === 'diff')!;
    const dir = mkdtempSync(join(tmpdir(), 'vpcsim-action-diff-'));
    const git = (...a: string[]) => spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...a], { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    copyFileSync(join(ROOT, 'tests/fixtures/diff/base.yaml'), join(dir, 'net.yaml'));
    git('add', 'net.yaml');
    git('commit', '-qm', 'base');
    copyFileSync(join(ROOT, 'tests/fixtures/diff/after.yaml'), join(dir, 'net.yaml'));
    const bin = join(dir, 'bin');
    spawnSync('mkdir', [bin]);
    writeFileSync(join(bin, 'gh'), '#!/bin/sh\necho "$@" > "$RUNNER_TEMP/gh-args"\ncp "$5" "$RUNNER_TEMP/posted.md"\n');
    chmodSync(join(bin, 'gh'), 0o755);
    const out = join(dir, 'github-output');
    writeFileSync(out, '');
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        PATH: `${bin}:${process.env.PATH}`,
        GITHUB_OUTPUT: out,
        RUNNER_TEMP: dir,
        VPCSIM_BIN: join(ROOT, 'bin/vpcsim.js'),
        VPCSIM_DIFF: 'net.yaml',
        VPCSIM_DIFF_FAIL_ON: 'opened',
        VPCSIM_BASE: 'HEAD',
        VPCSIM_PR: '7',
      },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('exit-code=1\n');
    expect(readFileSync(join(dir, 'gh-args'), 'utf8')).toMatch(/^pr comment 7 --body-file /);
    expect(readFileSync(join(dir, 'posted.md'), 'utf8')).toMatch(/^### vpcsim diff/m);
  });
});
