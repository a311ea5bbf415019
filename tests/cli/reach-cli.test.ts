// `vpcsim reach` and `vpcsim exposure` as a user runs them: the rows, the --json contract, exit codes and errors.
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

describe('vpcsim reach', () => {
  it('--to db-1: exactly the app tier on 5432 and the bastion on 22, with their paths (--json contract)', () => {
    const r = cli('reach', T3, '--to', 'db-1', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.query).toEqual({ from: 'any', to: 'db-1', protocol: 'all', ports: [[0, 65535]], srcPorts: [[1024, 65535]] });
    expect(j.rows).toEqual([
      {
        source: { kind: 'interface', id: 'app-1', addresses: ['10.0.10.10'] },
        destination: { kind: 'interface', id: 'db-1', addresses: ['10.0.20.10'] },
        protocol: 'tcp',
        ports: [[5432, 5432]],
        srcPorts: null,
        icmpTypes: null,
        path: ['sg-app', 'rt-private', 'acl-app', 'acl-db', 'sg-db', 'db-1'],
      },
      {
        source: { kind: 'interface', id: 'bastion', addresses: ['10.0.0.10'] },
        destination: { kind: 'interface', id: 'db-1', addresses: ['10.0.20.10'] },
        protocol: 'tcp',
        ports: [[22, 22]],
        srcPorts: null,
        icmpTypes: null,
        path: ['sg-bastion', 'rt-public', 'acl-public', 'acl-db', 'sg-db', 'db-1'],
      },
    ]);
  });

  it('--from internet: the office range reaches the bastion on 22 only, everyone else reaches web-1 on 80 and 443', () => {
    const j = JSON.parse(cli('reach', T3, '--from', 'internet', '--json').out);
    const bastion = j.rows.find((x: { destination: { id: string } }) => x.destination.id === 'bastion');
    expect(bastion.source).toEqual({ kind: 'external', cidrs: ['203.0.113.0/24'], network: 'internet' });
    expect(bastion.ports).toEqual([[22, 22]]);
    const web = j.rows.find((x: { destination: { id: string } }) => x.destination.id === 'web-1');
    expect(web.ports).toEqual([
      [80, 80],
      [443, 443],
    ]);
    expect(web.source.cidrs).not.toContain('10.0.0.0/8'); // the internet gateway drops private sources
    expect(j.rows).toHaveLength(2);
  });

  it('rows say when only part of the source ports works (NACL return rules open 1024-65535 only)', () => {
    const j = JSON.parse(cli('reach', T3, '--to', 'db-1', '--from', 'app-1', '--src-ports', '0-65535', '--json').out);
    expect(j.rows).toHaveLength(1);
    expect(j.rows[0].srcPorts).toEqual([[1024, 65535]]);
  });

  it('prints a table with source, destination, protocol, ports and path', () => {
    const r = cli('reach', T3, '--to', 'db-1');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/app-1 \(10\.0\.10\.10\).*db-1 \(10\.0\.20\.10\).*tcp.*5432.*sg-app → rt-private → acl-app → acl-db → sg-db → db-1/);
  });

  it.each([
    [['--to', 'db-9'], /unknown endpoint 'db-9' \(did you mean 'db-1'\?\)/],
    [['--to', 'db-1', '--ports', '80-70'], /--ports: '80-70' runs backwards; write 70-80/],
    [['--to', 'db-1', '--ports', '70000'], /--ports: '70000' is not a port/],
    [['--to', 'db-1', '--protocol', 'tcpp'], /--protocol: unknown protocol 'tcpp'/],
    [['--to', 'rt-public'], /'rt-public' is a route table/],
    [['--from', 'internet', '--to', 'on-premises'], /one end must be inside the topology/],
    [[], /reach needs --to <endpoint> or --from <endpoint>/],
  ])('bad input %j exits 2 with a clear message', (args, msg) => {
    const r = cli('reach', T3, ...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
    expect(r.err).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });

  it('an unreadable topology exits 2 with its position', () => {
    const r = cli('reach', 'tests/fixtures/does-not-exist.yaml', '--to', 'x');
    expect(r.code).toBe(2);
  });
});

describe('vpcsim exposure', () => {
  it('three-tier: bastion (SSH flagged) and web-1 are reachable from the internet; exit 1', () => {
    const r = cli('exposure', T3, '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.interfaces.map((i: { id: string }) => i.id)).toEqual(['bastion', 'web-1']);
    expect(j.interfaces[0].flagged).toEqual([{ port: 22, service: 'SSH', kind: 'admin' }]);
    expect(j.interfaces[0].inbound[0].source.cidrs).toEqual(['203.0.113.0/24']);
    expect(j.interfaces[1].inbound[0].ports).toEqual([
      [80, 80],
      [443, 443],
    ]);
    expect(j.findings).toBe(2);
  });

  it('nat-two-az: workers reach the internet through their own NAT gateway; nothing comes in', () => {
    const r = cli('exposure', 'scenarios/nat-two-az.yaml', '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    for (const i of j.interfaces) {
      expect(i.inbound).toEqual([]);
      expect(i.outbound[0].path).toContain(i.id === 'worker-a' ? 'nat-a' : 'nat-b');
    }
  });

  it('no findings exits 0', () => {
    const r = cli('exposure', 'scenarios/peering-abc.yaml');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/no exposure/);
  });

  it('a bad --direction exits 2', () => {
    const r = cli('exposure', T3, '--direction', 'sideways');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--direction must be in, out or both/);
  });
});
