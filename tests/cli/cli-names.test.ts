// A `name` (the AWS Name tag) can be used wherever an id is accepted on the command line: trace --from/--to and
// show. An id wins over a name; a name several resources carry is refused, listing them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'vpcsim-names-'));
const file = join(dir, 'named.yaml');
writeFileSync(
  file,
  `version: 1
vpcs:
  - { id: vpc-a, name: shop, cidr: 10.0.0.0/16 }
subnets:
  - { id: subnet-web, name: web, vpc: vpc-a, cidr: 10.0.1.0/24, az: us-east-1a }
securityGroups:
  - id: sg-web
    name: web-sg
    vpc: vpc-a
    inbound:
      - { protocol: tcp, ports: 443, source: 10.0.0.0/16 }
instances:
  - { id: i-0aaa, name: web, subnet: subnet-web, privateIp: 10.0.1.10, securityGroups: [sg-web] }
  - { id: i-0bbb, name: worker, subnet: subnet-web, privateIp: 10.0.1.11, securityGroups: [sg-web] }
  - { id: i-0ccc, name: worker, subnet: subnet-web, privateIp: 10.0.1.12, securityGroups: [sg-web] }
  - { id: i-0ddd, name: i-0aaa, subnet: subnet-web, privateIp: 10.0.1.13, securityGroups: [sg-web] }
`,
);
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'bin/vpcsim.js'), ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });

describe('names where ids are accepted', () => {
  it('trace --from/--to by name (the instance named web, not the subnet of that name)', () => {
    const r = cli('trace', file, '--from', 'i-0bbb', '--to', 'web', '--port', '443', '--json');
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(JSON.stringify(j)).toContain('i-0aaa');
  });

  it('an ambiguous name lists the candidates (exit 2)', () => {
    const r = cli('trace', file, '--from', 'worker', '--to', 'web');
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe("vpcsim: --from 'worker' is the name of 2 resources: i-0bbb (instance), i-0ccc (instance); give an id");
  });

  it('an id wins over a name that spells it', () => {
    const r = cli('show', file, 'i-0aaa', '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).id).toBe('i-0aaa');
  });

  it('show by name', () => {
    const r = cli('show', file, 'web-sg', '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).id).toBe('sg-web');
    const amb = cli('show', file, 'web');
    expect(amb.status).toBe(2);
    expect(amb.stderr).toContain("'web' is the name of 2 resources: subnet-web (subnet), i-0aaa (instance)");
  });
});
