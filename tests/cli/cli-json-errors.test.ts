// Under --json, trace, show, cidr and validate print their errors as JSON on stdout (code, message, file, line,
// column), with the same exit codes as the text form; errors about a whole file are at line 1, column 1.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOPO = join(ROOT, 'scenarios/three-tier.yaml');
const dir = mkdtempSync(join(tmpdir(), 'vpcsim-json-errors-'));
const bad = join(dir, 'bad.yaml');
writeFileSync(bad, 'version: 1\nvpcs:\n  - { id: vpc-a, cidr: 10.0.0.0/33 }\n');

function json(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/vpcsim.js'), ...args, '--json'], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  expect(r.stderr, args.join(' ')).toBe('');
  return { status: r.status, doc: JSON.parse(r.stdout) };
}

describe('--json errors', () => {
  it.each([
    ['trace', ['trace', '/no/such.yaml', '--from', 'a', '--to', 'b']],
    ['show', ['show', '/no/such.yaml']],
  ])('%s: a missing file is a whole-file error at 1:1', (_, args) => {
    const r = json(...args);
    expect(r.status).toBe(2);
    expect(r.doc).toEqual({
      errors: [{ code: 'FILE_UNREADABLE', severity: 'error', message: 'file not found: /no/such.yaml', file: '/no/such.yaml', line: 1, column: 1, hint: null }],
    });
  });

  it('validate: whole-file errors at 1:1, with column beside col', () => {
    const r = json('validate', '/no/such.yaml');
    expect(r.status).toBe(2);
    expect(r.doc[0].diagnostics[0]).toMatchObject({ code: 'FILE_UNREADABLE', line: 1, col: 1, column: 1 });
  });

  it('trace and show: a positioned error keeps its line and column', () => {
    for (const args of [
      ['trace', bad, '--from', 'a', '--to', 'b'],
      ['show', bad],
    ]) {
      const r = json(...args);
      expect(r.status).toBe(2);
      expect(r.doc.errors[0]).toMatchObject({ file: bad, line: 3, column: 24 });
    }
  });

  it('usage errors have a code and no file', () => {
    const t = json('trace', TOPO, '--from', 'nope', '--to', 'app-1');
    expect(t.status).toBe(2);
    expect(t.doc.errors[0]).toMatchObject({ code: 'INVALID_FLOW', file: null, line: null, column: null });
    expect(t.doc.errors[0].message).toMatch(/^unknown endpoint 'nope'/);
    const c = json('cidr', '10.0.0.0/33');
    expect(c.status).toBe(2);
    expect(c.doc.errors[0]).toMatchObject({ code: 'INVALID_CIDR', message: "'10.0.0.0/33' has prefix length /33, above the IPv4 maximum /32" });
    const s = json('show', TOPO, 'nothing-like-this');
    expect(s.status).toBe(2);
    expect(s.doc.errors[0].code).toBe('UNKNOWN_RESOURCE');
    const o = json('show', TOPO, '--bogus');
    expect(o.status).toBe(2);
    expect(o.doc.errors[0]).toMatchObject({ code: 'USAGE_UNKNOWN_OPTION', message: "unknown option '--bogus'" });
  });

  it('a REJECT is still a result, not an error (exit 1)', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/vpcsim.js'), 'trace', TOPO, '--from', 'web-1', '--to', 'db-1', '--port', '22', '--json'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).verdict).toBe('REJECT');
  });
});
