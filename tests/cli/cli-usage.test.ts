// Usage errors: flags with values out of range, flags that do not apply, missing commands. Each is one line on
// stderr and exit 2 (help, when shown, comes first); asking for help is exit 0.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOPO = join(ROOT, 'scenarios/three-tier.yaml');
const dir = mkdtempSync(join(tmpdir(), 'vpcsim-usage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/vpcsim.js'), ...args], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Exit 2 with exactly one line on stderr, `vpcsim: <message>`, and nothing on stdout. */
function usageError(...args: string[]): string {
  const r = cli(...args);
  expect(r.status, args.join(' ')).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trim().split('\n');
  expect(lines, args.join(' ')).toHaveLength(1);
  expect(lines[0]).toMatch(/^vpcsim: /);
  expect(r.stderr).not.toMatch(/internal error|    at /);
  return lines[0]!;
}

describe('validate --max-errors', () => {
  it.each(['-5', '0', 'abc', '1.5', '', '99999999999999999999'])('refuses %j', (v) => {
    expect(usageError('validate', `--max-errors=${v}`, TOPO)).toBe(`vpcsim: --max-errors must be a positive whole number, got '${v}'`);
  });

  it('a positive integer limits the lines printed', () => {
    const f = join(dir, 'three.yaml');
    writeFileSync(f, 'version: 1\nvpcs:\n  - { id: a, cidr: x }\n  - { id: b, cidr: y }\n  - { id: c, cidr: z }\n');
    const r = cli('validate', '--max-errors=1', f);
    expect(r.status).toBe(2);
    expect(r.stdout.split('\n').filter((l) => / error /.test(l))).toHaveLength(1);
    expect(r.stdout).toContain(`… and 2 more in ${f}`);
    expect(r.stdout).toContain(`FAILED ${f}: 3 errors`);
  });

  it('one error is "1 error"', () => {
    const f = join(dir, 'one.yaml');
    writeFileSync(f, 'version: 1\nvpcs:\n  - { id: a, cidr: x }\n');
    const r = cli('validate', f);
    expect(r.stdout).toContain(`FAILED ${f}: 1 error\n`);
  });
});

describe('trace integer flags', () => {
  const trace = (...flags: string[]) => usageError('trace', TOPO, '--from', 'bastion', '--to', 'app-1', ...flags);

  it('--time: beyond the safe integers or year 9999 is refused, echoing the text', () => {
    for (const v of ['99999999999999999999', '9007199254740993', '253402300800']) {
      expect(trace('--time', v)).toBe(`vpcsim: --time must be a unix time in seconds from 0 to 253402300799 (the end of year 9999), got '${v}'`);
    }
    expect(cli('trace', TOPO, '--from', 'bastion', '--to', 'app-1', '--port', '22', '--time', '253402300799').status).toBe(0);
  });

  it('--port and --src-port out of range echo the text as typed', () => {
    expect(trace('--port', '99999999999999999999')).toBe("vpcsim: --port must be 0-65535, got '99999999999999999999'");
    expect(trace('--src-port', '70000')).toBe("vpcsim: --src-port must be 0-65535, got '70000'");
    expect(trace('--src-port', '070000')).toBe("vpcsim: --src-port must be written without leading zeros, got '070000'");
    expect(trace('--port', '1e3')).toBe("vpcsim: --port must be an integer, got '1e3'");
  });

  it('--icmp-type and --icmp-code are 0-255', () => {
    expect(trace('--protocol', 'icmp', '--icmp-type', '256')).toBe("vpcsim: --icmp-type must be 0-255, got '256'");
    expect(trace('--protocol', 'icmp', '--icmp-code', '-1')).toBe("vpcsim: --icmp-code must be 0-255, got '-1'");
  });
});

describe('trace flags that do not apply', () => {
  const trace = (...flags: string[]) => usageError('trace', TOPO, '--from', 'bastion', '--to', 'app-1', ...flags);

  it('--icmp-type/--icmp-code with a protocol other than ICMP', () => {
    expect(trace('--icmp-type', '3')).toBe('vpcsim: --icmp-type applies only to --protocol icmp or icmpv6, not tcp');
    expect(trace('--protocol', 'udp', '--icmp-code', '0')).toBe('vpcsim: --icmp-code applies only to --protocol icmp or icmpv6, not udp');
    expect(trace('--protocol', '47', '--icmp-type', '8', '--icmp-code', '0')).toContain('--icmp-type and --icmp-code apply only');
  });

  it('--port/--src-port with ICMP, all, or a protocol number without ports', () => {
    expect(trace('--protocol', 'icmp', '--port', '22')).toBe(
      'vpcsim: --port applies only to --protocol tcp or udp; icmp has no ports (use --icmp-type and --icmp-code)',
    );
    expect(trace('--protocol', 'icmpv6', '--src-port', '1000')).toContain('--src-port applies only to --protocol tcp or udp');
    expect(trace('--protocol', '47', '--port', '22')).toBe('vpcsim: --port applies only to --protocol tcp or udp; protocol 47 has no ports');
    expect(trace('--protocol', 'all', '--port', '22')).toContain('the all-protocols probe has no ports');
  });

  it('flags that apply still work: --port with udp and 6, --icmp-type with 1', () => {
    for (const flags of [
      ['--protocol', 'udp', '--port', '53'],
      ['--protocol', '6', '--port', '22'],
      ['--protocol', '1', '--icmp-type', '8'],
    ]) {
      const r = cli('trace', TOPO, '--from', 'bastion', '--to', 'app-1', ...flags);
      expect([0, 1], flags.join(' ')).toContain(r.status);
    }
  });

  it('--batch with --from/--to/--json/--flow-logs/--flow-log-format', () => {
    const flows = join(dir, 'flows.csv');
    writeFileSync(flows, 'from,to,port\nbastion,app-1,22\n');
    const batch = (...flags: string[]) => usageError('trace', TOPO, '--batch', flows, ...flags);
    expect(batch('--from', 'bastion')).toMatch(/^vpcsim: --from does not apply with --batch: /);
    // under --json the error is a JSON document on stdout (docs/cli.md), with the same exit status
    const r = cli('trace', TOPO, '--batch', flows, '--to', 'app-1', '--json');
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout).errors[0].message).toMatch(/^--to, --json do not apply with --batch: /);
    expect(batch('--flow-logs')).toContain('--flow-logs does not apply with --batch');
    expect(batch('--flow-log-format', '${action}')).toContain('--flow-log-format does not apply with --batch');
    expect(batch('--port', '22')).toContain('--port does not apply with --batch');
    expect(cli('trace', TOPO, '--batch', flows).status).toBe(0);
  });
});

describe('commands', () => {
  it('no command: help on stderr, exit 2', () => {
    const r = cli();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Usage: vpcsim');
    expect(r.stderr.trim().split('\n').at(-1)).toBe('vpcsim: missing command');
  });

  it('help for an unknown command: exit 2', () => {
    const r = cli('help', 'bogus');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Usage: vpcsim');
    expect(r.stderr.trim().split('\n').at(-1)).toBe("vpcsim: unknown command 'bogus'");
  });

  it('import without a subcommand: its help, exit 2', () => {
    const r = cli('import');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Usage: vpcsim import');
    expect(r.stderr.trim().split('\n').at(-1)).toBe('vpcsim: import: missing subcommand');
  });

  it('asking for help is exit 0', () => {
    for (const args of [['--help'], ['help'], ['help', 'trace'], ['import', '--help'], ['trace', '--help']]) {
      const r = cli(...args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout).toContain('Usage: vpcsim');
    }
  });
});
