// `-` reads a topology from standard input for validate, trace, show and check (format from the content, or
// --input-format); --region picks a region of a multi-region dump in every command that reads one.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadInput } from '../../src/input/input.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const YAML = readFileSync(join(ROOT, 'scenarios/three-tier.yaml'), 'utf8');
const JSON_TEXT = JSON.stringify(parse(YAML), null, 2);
const DUMP = join(ROOT, 'tests/fixtures/aws/hybrid-cloud');
const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, [join(ROOT, 'bin/vpcsim.js'), ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1' },
  });

describe('standard input', () => {
  it('YAML and JSON are told apart by their content, and give the same verdict', () => {
    for (const text of [YAML, JSON_TEXT]) {
      const r = cli(['trace', '-', '--from', 'bastion', '--to', 'app-1', '--port', '22', '--json'], text);
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).verdict).toBe('ACCEPT');
    }
  });

  it('validate, show and check read it too', () => {
    expect(cli(['validate', '-'], YAML).stdout).toBe('OK -\n');
    expect(cli(['show', '-', 'sg-app', '--json'], JSON_TEXT).status).toBe(0);
    const c = cli(['check', '-', '--format', 'json'], YAML);
    expect(c.status).toBe(0);
    expect(JSON.parse(c.stdout)).toEqual([]);
  });

  it('errors name (stdin) with positions; --input-format overrides the guess', () => {
    const bad = loadInput('-', { stdinText: 'version: 1\nvpcs:\n  - { id: a, cidr: 10.0.0.0/33 }\n' });
    expect(bad.diagnostics[0]).toMatchObject({ code: 'INVALID_CIDR', file: '(stdin).yaml', line: 3 });
    expect(loadInput('-', { stdinText: JSON_TEXT, inputFormat: 'yaml' }).topology).toBeDefined(); // JSON is YAML too
    expect(loadInput('-', { stdinText: YAML, inputFormat: 'json' }).diagnostics[0]!.file).toBe('(stdin).json');
    const r = cli(['validate', '-', '--input-format', 'toml'], YAML);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe("vpcsim: --input-format must be yaml or json, got 'toml'");
  });

  it('the topology and --batch cannot both come from standard input', () => {
    const r = cli(['trace', '-', '--batch', '-'], YAML);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('vpcsim: the topology and --batch cannot both be read from standard input');
  });
});

describe('--region on every command that reads a dump', () => {
  it('without it, a two-region dump is refused with a hint to use it; with it, each command reads that region', () => {
    const v = cli(['validate', DUMP]);
    expect(v.status).toBe(2);
    expect(v.stdout).toContain('--region');
    expect(cli(['validate', DUMP, '--region', 'us-east-2']).status).toBe(0);
    expect(cli(['show', DUMP, '--region', 'us-west-2']).stdout).toMatch(/region\s+us-west-2/);
    const t = cli(['trace', DUMP, '--region', 'us-east-2', '--from', 'internet', '--to', '13.59.144.125', '--port', '3306', '--json']);
    expect(t.status, t.stderr).not.toBe(2);
    expect(cli(['check', DUMP, '--region', 'us-east-2', '--format', 'json']).status).not.toBe(2);
  });

  it('reach, exposure, diagram and diff take it too (their errors named it, and they refused it)', () => {
    for (const args of [
      ['exposure', DUMP],
      ['reach', DUMP, '--from', 'internet'],
      ['diagram', DUMP, '--json'],
      ['diff', DUMP, DUMP],
    ]) {
      const without = cli(args);
      expect(without.status, args.join(' ')).toBe(2);
      expect(without.stderr, args.join(' ')).toContain('AWS_DUMP_MANY_REGIONS');
      const withRegion = cli([...args, '--region', 'us-east-2', ...(args[0] === 'diagram' ? [] : ['--json'])]);
      expect(withRegion.status, `${args.join(' ')} --region: ${withRegion.stderr}`).not.toBe(2);
      expect(() => JSON.parse(withRegion.stdout)).not.toThrow();
    }
    const wrong = cli(['exposure', DUMP, '--region', 'eu-west-9']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('region eu-west-9 is not in the dump (it holds us-east-2, us-west-2)');
  });
});
