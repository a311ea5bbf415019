// Every command's --help ends with 2-4 real examples, and they run; trace --help lists exactly the endpoint kinds
// that work, and --protocol all.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { registrations } from '../../src/cli/commands.js';
import { addExamples } from '../../src/cli/examples.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const cli = (args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'bin/vpcsim.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });

let program: Command;
const all: { path: string; help: string }[] = [];
beforeAll(async () => {
  program = new Command().name('vpcsim');
  for (const r of registrations) await r(program, () => {});
  addExamples(program);
  const visit = (c: Command, prefix: string) => {
    const path = `${prefix}${c.name()}`;
    let help = c.helpInformation();
    // text added with addHelpText('after') is emitted on the help event
    c.emit('afterHelp', { error: false, command: c, write: (s: string) => (help += s) });
    all.push({ path, help });
    c.commands.forEach((s) => visit(s, `${path} `));
  };
  program.commands.forEach((c) => visit(c, ''));
});

function examples(help: string): string[] {
  const i = help.indexOf('\nExamples:\n');
  if (i < 0) return [];
  return help
    .slice(i + 11)
    .split('\n')
    .filter((l) => l.startsWith('  vpcsim '))
    .map((l) => l.trim().replace(/\s+#.*$/, ''));
}

describe('--help examples', () => {
  it('every command has 2 to 4 examples, each starting with its own command', () => {
    expect(all.length).toBeGreaterThan(10);
    for (const { path, help } of all) {
      const ex = examples(help);
      expect(help.match(/\nExamples?:\n/g), path).toHaveLength(1);
      expect(ex.length, path).toBeGreaterThanOrEqual(2);
      expect(ex.length, path).toBeLessThanOrEqual(4);
      for (const e of ex) expect(e.startsWith(`vpcsim ${path.split(' ')[0]}`), `${path}: ${e}`).toBe(true);
    }
  });

  it('the examples that read shipped files and write nothing run without a usage error', () => {
    // not those that write files, nor those whose globs the shell would expand
    const runnable = all.flatMap((c) => examples(c.help)).filter((e) => !/ -o |[>|*]|--output/.test(e));
    const words = (e: string) =>
      e
        .split(/\s+/)
        .slice(1)
        .map((w) => w.replace(/^'|'$/g, ''));
    const files = (e: string) => words(e).filter((w) => /^(scenarios|tests)\//.test(w) || /\.(ya?ml|jsonl?|csv)$/.test(w));
    let ran = 0;
    for (const e of runnable) {
      if (!files(e).every((f) => existsSync(join(ROOT, f)))) continue;
      const r = cli(words(e));
      expect(r.status, `${e}\n${r.stderr}`).not.toBe(2);
      ran++;
    }
    expect(ran).toBeGreaterThan(12);
  }, 300_000); // about twenty CLI runs
});

describe('trace --help', () => {
  const help = () => all.find((c) => c.path === 'trace')!.help.replace(/\s+/g, ' ');
  it('lists for --from exactly the kinds that start a trace, and for --to the rest', () => {
    expect(help()).toContain("--from <endpoint> an instance, network interface or VPN connection id, an IP address, or 'internet'");
    expect(help()).toContain("--to <endpoint> the same, or a NAT gateway or VPC endpoint id, 's3' or 'dynamodb'");
    expect(help()).toMatch(/tcp \| udp \| icmp \| icmpv6 \| all \|/);
  });
  it('each listed kind works where listed, and a NAT gateway or s3 cannot start a trace', () => {
    expect(cli(['trace', 'scenarios/site-to-site-vpn.yaml', '--from', 'vpn-office', '--to', 'app-1']).status).toBe(0);
    expect(cli(['trace', 'scenarios/nat-two-az.yaml', '--from', 'worker-a', '--to', 'nat-a']).status).not.toBe(2);
    expect(cli(['trace', 'scenarios/nat-two-az.yaml', '--from', 'worker-a', '--to', 's3']).status).toBe(0);
    expect(cli(['trace', 'scenarios/nat-two-az.yaml', '--from', 'nat-a', '--to', 'internet']).status).toBe(2);
    expect(cli(['trace', 'scenarios/nat-two-az.yaml', '--from', 's3', '--to', 'worker-a']).status).toBe(2);
    expect(cli(['trace', 'scenarios/three-tier.yaml', '--from', 'web-1', '--to', 'app-1', '--protocol', 'all']).status).not.toBe(2);
  });
});
