// A topology imported from an AWS dump folder exists only in memory: trace, show and check cite its rules in the
// describe-* file and resource they came from, never in a file that does not exist ("(imported).json").
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const DUMP = 'tests/fixtures/aws/hybrid-cloud/us-east-2';
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/vpcsim.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
// Reservations.json: i-01602d9efaed4409a has a public IP; its group sg-0e37fc2ef01c89369 (SecurityGroups.json,
// fourth entry) allows tcp/22 from 0.0.0.0/0.
const SSH = ['trace', DUMP, '--from', 'internet', '--to', 'i-01602d9efaed4409a', '--port', '22'];

describe('citations into an imported dump', () => {
  it('trace --json cites the security group rule in SecurityGroups.json, at the line where that group starts', () => {
    const r = cli(...SSH, '--json');
    expect(r.code).toBe(0);
    const hops = JSON.parse(r.out).forward.hops as { component: string; rule?: { file: string; line?: number; at?: string } }[];
    const sg = hops.find((h) => h.component === 'sg-0e37fc2ef01c89369')!;
    expect(sg.rule).toMatchObject({ file: `${DUMP}/SecurityGroups.json`, at: '$.SecurityGroups[3]' });
    const lines = readFileSync(join(ROOT, sg.rule!.file), 'utf8').split('\n');
    const groups = (JSON.parse(lines.join('\n')) as { SecurityGroups: { GroupId: string }[] }).SecurityGroups;
    expect(groups[3]!.GroupId).toBe('sg-0e37fc2ef01c89369');
    // the cited line opens the group: the next GroupId below it is this group's
    const below = lines.slice(sg.rule!.line! - 1).join('\n');
    expect(/"GroupId":\s*"([^"]+)"/.exec(below)![1]).toBe('sg-0e37fc2ef01c89369');
    for (const h of hops) if (h.rule?.file) expect(existsSync(join(ROOT, h.rule.file))).toBe(true);
  });

  it('no output of trace, show or check on the folder mentions "(imported).json"', () => {
    const runs = [
      cli(...SSH),
      cli(...SSH, '--json'),
      cli('show', DUMP),
      cli('show', DUMP, 'sg-0e37fc2ef01c89369'),
      cli('show', DUMP, '--json'),
      cli('check', DUMP),
    ];
    for (const r of runs) expect(`${r.out}${r.err}`).not.toContain('(imported)');
    // the text rule line names the real file and the resource
    expect(runs[0]!.out.replace(/\s+/g, ' ')).toMatch(/rule: .*SecurityGroups\.json:\d+ \$\.SecurityGroups\[3\]/);
    expect(runs[3]!.out).toContain(`${DUMP}/SecurityGroups.json:`);
  });

  it('check findings on the folder are placed in the dump file the resource came from', () => {
    const r = cli('check', DUMP, '--format', 'json');
    const findings = JSON.parse(r.out) as { file: string; ruleId: string }[];
    const vpc001 = findings.filter((f) => f.ruleId === 'VPC001');
    expect(vpc001.length).toBeGreaterThan(0);
    for (const f of vpc001) expect(f.file).toBe(`${DUMP}/SecurityGroups.json`);
  });
});
