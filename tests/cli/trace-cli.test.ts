// `vpcsim trace` as a user runs it: exit codes (0 ACCEPT, 1 REJECT, 2 bad input), text hops and the --json shape.
// Needs a build (npx tsc -p .): the CLI runs from dist/.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/vpcsim.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const T3 = 'scenarios/three-tier.yaml';

describe('vpcsim trace', () => {
  it('an accepted trace exits 0 and prints the hops, forward then return', () => {
    const r = cli('trace', T3, '--from', 'bastion', '--to', 'app-1', '--port', '22');
    expect(r.code).toBe(0);
    const out = r.out;
    // bastion → app-1 over SSH: sg-bastion egress, rt-public local, acl-public out, acl-app in (rule 110), sg-app (source sg-bastion)
    // numbered hop lines: `  3. ALLOW   acl-public (network-acl egress) …`
    const hops = [...out.matchAll(/^\s*(\d+)\.\s+[A-Z]+\s+(\S+)/gm)].map((m) => [Number(m[1]), m[2]]);
    expect(hops.map((h) => h[0])).toEqual(hops.map((_, i) => i + 1));
    expect(hops.map((h) => h[1])).toEqual([
      'sg-bastion',
      'rt-public',
      'acl-public',
      'acl-app',
      'sg-app',
      'app-1',
      'sg-app',
      'rt-private',
      'acl-app',
      'acl-public',
      'sg-bastion',
      'bastion',
    ]);
    expect(out).toMatch(/Forward: ACCEPT/);
    expect(out).toMatch(/Return: ACCEPT/);
    expect(out.indexOf('Return')).toBeGreaterThan(out.indexOf('Forward'));
    expect(out).toContain('three-tier.yaml:64'); // acl-app rule 110, as written in the file
    expect(out).toMatch(/Verdict: ACCEPT/);
  });

  it('a rejected trace exits 1 and says what blocked it', () => {
    const r = cli('trace', T3, '--from', 'web-1', '--to', 'db-1', '--port', '5432');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/REJECT/);
    expect(r.out).toContain('acl-db');
  });

  it('an unknown endpoint exits 2 and names the closest id', () => {
    const r = cli('trace', T3, '--from', 'bastion', '--to', 'app-l', '--port', '22');
    expect(r.code).toBe(2);
    expect(r.err).toContain("did you mean 'app-1'");
    expect(cli('trace', T3, '--from', 'bastion', '--to', 'app-1', '--port', 'ssh').code).toBe(2);
  });

  it('--json has the documented keys', () => {
    const r = cli('trace', T3, '--from', 'web-1', '--to', 'db-1', '--port', '5432', '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    for (const k of ['verdict', 'flow', 'forward', 'return', 'blockedBy', 'reason', 'flowLogs']) expect(j).toHaveProperty(k);
    expect(j.verdict).toBe('REJECT');
    expect(j.blockedBy).toBe('acl-db');
    expect(j.reason).toBe('SUBNET_ACL_RESTRICTION');
    expect(j.return).toBeNull();
    expect(j.flow).toMatchObject({ protocol: 'tcp', srcIp: '10.0.0.20', srcPort: 49152, dstIp: '10.0.20.10', dstPort: 5432 });
    expect(j.forward.verdict).toBe('REJECT');
    expect(j.forward.hops.map((h: { component: string }) => h.component)).toEqual(['sg-web', 'rt-public', 'acl-public', 'acl-db']);
    for (const h of j.forward.hops) for (const k of ['component', 'kind', 'direction', 'decision']) expect(h).toHaveProperty(k);
    expect(Array.isArray(j.flowLogs)).toBe(true);

    const ok = JSON.parse(cli('trace', T3, '--from', 'bastion', '--to', 'app-1', '--port', '22', '--json').out);
    expect(ok).toMatchObject({ verdict: 'ACCEPT', blockedBy: null, reason: null, forward: { verdict: 'ACCEPT' }, return: { verdict: 'ACCEPT' } });
    expect(ok.return.hops.every((h: { direction: string }) => h.direction === 'return')).toBe(true);
    expect(ok.flowLogs).toHaveLength(4);
  });

  it('--flow-log-format and --time reach the records', () => {
    const r = cli(
      'trace',
      T3,
      '--from',
      'bastion',
      '--to',
      'app-1',
      '--port',
      '22',
      '--json',
      '--time',
      '1700000000',
      '--flow-log-format',
      '${interface-id} ${start} ${end} ${action}',
    );
    expect(JSON.parse(r.out).flowLogs[0]).toBe('eni-bastion 1700000000 1700000600 ACCEPT');
    expect(cli('trace', T3, '--from', 'bastion', '--to', 'app-1', '--flow-log-format', '${bogus}').code).toBe(2);
  });
});
