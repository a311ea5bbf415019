// Option values that look like options are refused (issue: `check … --output --verbose` wrote a file named
// `--verbose`); `--flag=value` says the value is meant. Numbers with leading zeros are refused, not read as decimal.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { registrations } from '../../src/cli/commands.js';
import { UsageError } from '../../src/cli/exit.js';
import { refuseOptionLikeValues } from '../../src/cli/option-values.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOPO = join(ROOT, 'scenarios/three-tier.yaml');

function cli(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'bin/vpcsim.js'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
}

async function program(): Promise<Command> {
  const p = new Command();
  for (const r of registrations) await r(p, () => {});
  return p;
}

describe('a value that starts with -- is refused unless written --flag=value', () => {
  let p: Command;
  beforeAll(async () => {
    p = await program();
  });

  it('check --output --verbose writes no file named --verbose, exit 2, one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpcsim-optval-'));
    const r = cli(dir, 'check', TOPO, '--output', '--verbose');
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      "vpcsim: --output needs a value, but is followed by the option '--verbose'; if '--verbose' is the value, write --output=--verbose",
    );
    expect(existsSync(join(dir, '--verbose'))).toBe(false);
  });

  it('--output=./--verbose is taken as meant', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpcsim-optval-'));
    const r = cli(dir, 'check', TOPO, '--output=./--verbose');
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, '--verbose'), 'utf8')).toContain('three-tier.yaml');
  });

  it.each([
    [['trace', 'x.yaml', '--from', '--to', 'b'], '--from'],
    [['cidr', 'split', '10.0.0.0/16', '--prefix', '--json'], '--prefix'],
    [['check', 'a.yaml', '--exclude', '--json'], '--exclude'],
  ])('%j is refused at %s', async (args, flag) => {
    expect(() => refuseOptionLikeValues(p, args)).toThrow(UsageError);
    expect(() => refuseOptionLikeValues(p, args)).toThrow(`${flag} needs a value`);
  });

  it('leaves alone booleans, = forms, a lone - (stdin), negative numbers and words after --', () => {
    for (const args of [
      ['check', 'a.yaml', '--verbose', '--json'],
      ['check', 'a.yaml', '--output=--x'],
      ['trace', 'x.yaml', '--batch', '-', '--format', 'csv'],
      ['trace', 'x.yaml', '--protocol', '-1'],
      ['check', '--', '--output', '--verbose'],
    ])
      expect(() => refuseOptionLikeValues(p, args), args.join(' ')).not.toThrow();
  });
});

describe('numbers with leading zeros are refused (some tools read them as octal)', () => {
  it.each([
    [['--port', '08080'], "vpcsim: --port must be written without leading zeros, got '08080'"],
    [['--src-port', '0443'], "vpcsim: --src-port must be written without leading zeros, got '0443'"],
    [['--protocol', '06'], "vpcsim: --protocol must be a name or a number without leading zeros, got '06'"],
  ])('trace %j', (flags, message) => {
    const r = cli(ROOT, 'trace', TOPO, '--from', 'web-1', '--to', 'app-1', ...flags);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(message);
  });

  it('--port 0 and --protocol 6 are fine', () => {
    expect(cli(ROOT, 'trace', TOPO, '--from', 'web-1', '--to', 'app-1', '--protocol', '6', '--port', '0').status).not.toBe(2);
  });
});
