// A YAML or JSON syntax error shows its line and a caret under the column, in validate (stdout) and in the
// commands that need a topology (stderr).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codeFrame } from '../../src/cli/code-frame.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'vpcsim-frame-'));
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'bin/vpcsim.js'), ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });

describe('code frames', () => {
  it('validate: YAML', () => {
    const f = join(dir, 'a.yaml');
    writeFileSync(f, 'version: 1\nvpcs:\n  - { id: a, cidr: 10.0.0.0/16\nsubnets: []\n');
    const r = cli('validate', f);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain(`${f}:4:1 error YAML_SYNTAX:`);
    expect(r.stdout).toContain('\n  4 | subnets: []\n    | ^\n');
  });

  it('trace: JSON, caret under the column', () => {
    const f = join(dir, 'a.json');
    writeFileSync(f, '{\n  "version": 1,\n  "vpcs": [ { "id": "a", "cidr": tru } ]\n}\n');
    const r = cli('trace', f, '--from', 'a', '--to', 'b');
    expect(r.status).toBe(2);
    const lines = r.stderr.split('\n');
    const i = lines.findIndex((l) => l.startsWith('  3 | '));
    expect(lines[i]).toBe('  3 |   "vpcs": [ { "id": "a", "cidr": tru } ]');
    expect(lines[i + 1]!.indexOf('^')).toBe(lines[i]!.indexOf('tru'));
  });

  it('a long line is shown around the column, and only syntax errors get a frame', () => {
    const text = `{"a": [${'1,'.repeat(500)}x]}`;
    const [l, c] = codeFrame({ code: 'JSON_SYNTAX', severity: 'error', message: '', file: 'x.json', line: 1, col: text.indexOf('x]') + 1 }, text);
    expect(l!.length).toBeLessThan(120);
    expect(l![c!.indexOf('^')]).toBe('x');
    expect(codeFrame({ code: 'INVALID_CIDR', severity: 'error', message: '', file: 'x.json', line: 1, col: 1 }, text)).toEqual([]);
  });
});
