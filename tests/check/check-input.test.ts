// `vpcsim check` input errors: nothing to check, malformed assertions, an --output it cannot write, positions of
// whole-file findings. Each is bad input (exit 2) with one line, never an internal error.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkFiles, collectFiles, exitCode, InputError, loadAssertionsFile } from '../../src/check/check.js';
import { assertionProblems, runAssertion } from '../../src/check/assertions.js';
import { runCheck } from '../../src/cli/commands/check.js';
import { UsageError } from '../../src/cli/exit.js';
import { renderCheckJson } from '../../src/render/check-formats.js';
import { loadTopology } from '../../src/index.js';

afterEach(() => vi.restoreAllMocks());
const tmp = () => mkdtempSync(join(tmpdir(), 'vpcsim-check-input-'));
const THREE_TIER = 'scenarios/three-tier.yaml';

async function run(inputs: string[], opts: Record<string, unknown> = {}): Promise<{ code?: number; error?: unknown; out: string }> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  try {
    return { code: await runCheck(inputs, opts), out };
  } catch (error) {
    return { error, out };
  }
}

describe('check: nothing to check', () => {
  it('refuses a directory with no topology files (exit 2), not "0 files" and exit 0', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'a.yaml'), 'version: 1\n');
    expect(() => collectFiles([dir])).toThrow(InputError);
    const r = await run([dir]);
    expect(r.error).toBeInstanceOf(UsageError);
    expect((r.error as Error).message).toMatch(new RegExp(`^no topology files in ${dir.replace(/[.]/g, '\\.')} `));
    expect((r.error as Error).message).not.toContain('\n');
    expect(r.out).toBe('');
  });

  it('still checks a directory that has some', () => {
    expect(collectFiles(['scenarios']).length).toBeGreaterThan(3);
  });
});

describe('check --assertions: malformed assertions are bad input', () => {
  it.each([
    ['- { from: web-1, to: app-1, port: 70000, expect: accept }\n', ':1:35: assertion #1: port must be a whole number from 0 to 65535, got 70000'],
    ['assertions:\n  - { name: x, from: web-1, to: app-1, expect: maybe }\n', ":2:48: assertion 'x' (#1): expect must be accept or reject, got 'maybe'"],
    ['- { from: web-1, to: app-1, ports: "100-1", expect: accept }\n', ":1:36: assertion #1: port range '100-1' starts after it ends (write 1-100)"],
    ['- { from: web-1, to: app-1, protocol: tcpp, expect: accept }\n', ":1:39: assertion #1: unknown protocol 'tcpp'"],
    ['- { from: web-1, to: app-1, expect: accept, icmpType: 300 }\n', ':1:55: assertion #1: icmpType must be a whole number from 0 to 255, got 300'],
    ['- { from: web-1, to: app-1, expect: accept, prot: tcp }\n', ":1:45: assertion #1: unknown key 'prot'"],
    ['- { from: web-1, expect: accept }\n- { from: a, to: b, expect: reject, port: -1 }\n', ":1:3: assertion #1: is missing required key 'to' (and 1 more)"],
  ])('%j', async (text, message) => {
    const file = join(tmp(), 'assertions.yaml');
    writeFileSync(file, text);
    const r = await run([THREE_TIER], { assertions: file });
    expect(r.error).toBeInstanceOf(UsageError);
    expect((r.error as Error).message).toContain(`${file}${message}`);
    expect((r.error as Error).message).not.toMatch(/\n|--port|--src-port|--icmp/);
    expect(r.out).toBe('');
  });

  it('accepts the well-formed ones', () => {
    expect(
      assertionProblems({ name: 'a', from: 'x', to: 'y', protocol: 'udp', ports: '53', expect: 'reject', via: ['igw'], notVia: [], blockedBy: 'sg' }),
    ).toEqual([]);
    expect(exitCode(checkFiles([THREE_TIER], { assertionsFile: 'tests/fixtures/check/extra-assertions.yaml' }))).toBe(1);
  });
});

describe('check: malformed assertions in a topology', () => {
  function topologyWith(edit: (s: string) => string): string {
    const file = join(tmp(), 'three-tier.yaml');
    const text = readFileSync(THREE_TIER, 'utf8');
    const edited = edit(text);
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    return file;
  }

  it('reports a port the tracer would refuse as INVALID_ASSERTION at the field, exit 2, and runs the others', () => {
    const file = topologyWith((s) => s.replace('port: 22, expect: accept, via: [igw-shop]', 'port: 70000, expect: accept, via: [igw-shop]'));
    const r = checkFiles([file]);
    const bad = r.findings.filter((f) => f.ruleId === 'INVALID_ASSERTION');
    expect(bad).toHaveLength(1);
    expect(bad[0]!.message).toBe("assertion 'office reaches the bastion' (#1): port must be a whole number from 0 to 65535, got 70000");
    const line = readFileSync(file, 'utf8').split('\n')[bad[0]!.line - 1]!;
    expect(line.slice(bad[0]!.col - 1)).toMatch(/^70000/);
    expect(r.findings.some((f) => f.ruleId === 'ASSERTION')).toBe(false);
    expect(r.assertions.length).toBe(loadTopology(THREE_TIER).topology!.assertions.length - 1);
    expect(exitCode(r)).toBe(2);
  });

  it('a schema error in an assertion (expect: maybe) is bad input too, reported once', () => {
    const file = topologyWith((s) => s.replace('port: 22, expect: accept, via: [igw-shop]', 'port: 22, expect: maybe, via: [igw-shop]'));
    const r = checkFiles([file]);
    expect(r.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId)).toEqual(['INVALID_VALUE']);
    expect(exitCode(r)).toBe(2);
  });

  it('runtime errors of an assertion name its fields, not command-line flags', () => {
    const t = loadTopology(THREE_TIER).topology!;
    const res = runAssertion(t, { raw: { from: 'web-1', to: '2600:1f18::1', protocol: 'icmp', expect: 'accept' }, file: 'x', line: 1, col: 1 });
    expect(res.failure).toMatch(/^cannot run the assertion: /);
    expect(res.failure).not.toMatch(/--[a-z]/);
  });
});

describe('check --output it cannot write', () => {
  it.each([
    ['/nonexistent/dir/out.json', 'cannot write /nonexistent/dir/out.json: no such directory /nonexistent/dir'],
    ['', "cannot write '': --output needs a file name"],
  ])('%j is one line, exit 2, before checking', async (output, message) => {
    const r = await run([THREE_TIER], { output, format: 'json' });
    expect(r.error).toBeInstanceOf(UsageError);
    expect((r.error as Error).message).toBe(message);
  });

  it('a directory', async () => {
    const dir = tmp();
    const r = await run([THREE_TIER], { output: dir });
    expect((r.error as Error).message).toBe(`cannot write ${dir}: it is a directory`);
  });

  it('a path under a file', async () => {
    const r = await run([THREE_TIER], { output: `${THREE_TIER}/out.json` });
    expect((r.error as Error).message).toBe(`cannot write ${THREE_TIER}/out.json: scenarios is not a directory`.replace('scenarios is', `${THREE_TIER} is`));
  });

  it('still writes a writable one', async () => {
    const file = join(tmp(), 'out.json');
    const r = await run([THREE_TIER], { output: file, format: 'json' });
    expect(r.code).toBe(0);
    expect(Array.isArray(JSON.parse(readFileSync(file, 'utf8')))).toBe(true);
  });
});

describe('check: positions are 1-based', () => {
  it('a finding about the whole file is at line 1, col 1 in JSON', () => {
    const missing = join(tmp(), 'missing.yaml');
    const rows = JSON.parse(renderCheckJson(checkFiles([missing, 'tests/fixtures/check/unparsable.yaml']))) as { line: number; col: number; ruleId: string }[];
    expect(rows.find((r) => r.ruleId === 'FILE_UNREADABLE')).toMatchObject({ line: 1, col: 1 });
    for (const r of rows) {
      expect(r.line).toBeGreaterThanOrEqual(1);
      expect(r.col).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('an assertions file that is not a file', () => {
  it('a device is refused at once, not read forever', () => {
    expect(() => loadAssertionsFile('/dev/zero')).toThrow('/dev/zero is a character device, expected an assertions file');
  });
});
