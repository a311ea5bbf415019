// vpcsim show: the summary and the per-resource views (library), and the command (built CLI).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTopology, type PrefixList, type Topology } from '../../src/index.js';
import { closestIds, findResource, renderResource, renderSummary, resourceView, summaryView } from '../../src/render/show.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CANONICAL = 'tests/fixtures/canonical.yaml';
const FULL = 'tests/fixtures/canonical-full.yaml';
let dir: string;

let shop: Topology;
let full: Topology;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vpcsim-show-'));
  shop = loadTopology(join(ROOT, CANONICAL)).topology!;
  full = loadTopology(join(ROOT, FULL)).topology!;
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/vpcsim.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const view = (t: Topology, id: string) => resourceView(t, findResource(t, id)!) as Record<string, any>;

describe('summary', () => {
  it('counts each kind, separating what AWS defaults added', () => {
    const v = summaryView(shop) as Record<string, any>;
    expect(v).toMatchObject({ name: 'shop', region: 'us-east-1', account: '123456789012' });
    expect(v.counts.vpcs).toEqual({ inFile: 2, implicit: 0 });
    expect(v.counts.subnets).toEqual({ inFile: 4, implicit: 0 });
    // vpc-shared has no main route table: an implicit one is added
    expect(v.counts.routeTables).toEqual({ inFile: 4, implicit: 1 });
    // each VPC gets a default ACL and a default security group
    expect(v.counts.networkAcls).toEqual({ inFile: 2, implicit: 2 });
    expect(v.counts.securityGroups).toEqual({ inFile: 4, implicit: 2 });
    expect(v.counts.instances).toEqual({ inFile: 4, implicit: 0 });
    expect(v.counts.transitGateways).toEqual({ inFile: 0, implicit: 0 });
  });

  it('lists VPCs with their CIDRs and subnets with route table, ACL and instance counts', () => {
    const v = summaryView(shop) as Record<string, any>;
    expect(v.vpcs[0]).toEqual({
      id: 'vpc-shop',
      cidrs: ['10.0.0.0/16', '10.1.0.0/16'],
      ipv6Cidrs: ['2600:1f18:aaaa:bb00::/56'],
      subnets: 3,
      mainRouteTable: 'rt-data',
      internetGateway: 'igw-shop',
    });
    expect(v.vpcs[1]).toMatchObject({ id: 'vpc-shared', mainRouteTable: 'vpc-shared:main-rtb' });
    expect(v.subnets.map((s: any) => [s.id, s.routeTable, s.routeTableAssociation, s.networkAcl, s.instances])).toEqual([
      ['public-a', 'rt-public', 'explicit', 'vpc-shop:default-acl', 1],
      ['app-a', 'rt-app', 'explicit', 'acl-app', 1],
      ['data-a', 'rt-data', 'explicit', 'acl-data', 1],
      ['shared-a', 'rt-shared', 'explicit', 'vpc-shared:default-acl', 1],
    ]);
  });

  it('renders as tables', () => {
    const text = renderSummary(summaryView(shop), { width: 200 });
    expect(text).toContain('shop');
    expect(text).toMatch(/│ VPCs\s+│ 2\s+│/);
    expect(text).toMatch(/│ route tables\s+│ 4\s+│ 1\s+│/);
    expect(text).toMatch(/│ app-a\s+│ vpc-shop\s+│ 10\.0\.2\.0\/24\s+│ us-east-1a\s+│ rt-app\s+│ acl-app\s+│ 1\s+│/);
  });

  it('fits 80 columns by default: a table too wide to wrap between words is split, each part led by the subnet', () => {
    const text = renderSummary(summaryView(shop));
    expect(Math.max(...text.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(80);
    expect(text).toMatch(/│ app-a\s+│ vpc-shop\s+│ 10\.0\.2\.0\/24\s+│ us-east-1a\s+│ rt-app\s+│\n/);
    expect(text).toMatch(/│ app-a\s+│ acl-app\s+│ 1\s+│ 2\s+│\n/);
    expect(text).toMatch(/│ public-a\s+│ vpc-shop\s+│ 10\.0\.1\.0\/24\s+│ us-east-1a │ rt-public\s+│\n│\s+│\s+│ 2600:1f18:aaaa:bb01::\/64 │/);
  });

  it('leaves out the VPC column when there is one VPC, and adapts to the width it is given', () => {
    const one = loadTopology(join(ROOT, 'scenarios/three-tier.yaml')).topology!;
    const wide = renderSummary(summaryView(one), { width: 200 });
    expect(wide).toMatch(/│ Subnet\s+│ CIDR\s+│ AZ\s+│ Route table\s+│ Network ACL\s+│ Inst\s+│ ENIs\s+│/);
    expect(wide).toMatch(/│ app-a\s+│ 10\.0\.10\.0\/24 │ us-east-1a │ rt-private \(main\) │ acl-app\s+│ 1\s+│ 1\s+│/);
    for (const width of [60, 80, 120]) {
      const text = renderSummary(summaryView(one), { width });
      expect(Math.max(...text.split('\n').map((l) => [...l].length)), `width ${width}`).toBeLessThanOrEqual(width);
    }
  });
});

describe('a subnet', () => {
  it('shows its route table with every route: local, static, propagated and the gateway endpoint', () => {
    const v = view(shop, 'app-a');
    expect(v).toMatchObject({ kind: 'subnet', id: 'app-a', vpc: 'vpc-shop', cidr: '10.0.2.0/24', az: 'us-east-1a', instances: ['app-1'] });
    expect(v.at).toBe(`${join(ROOT, CANONICAL)}:16`);
    expect(v.routeTable.id).toBe('rt-app');
    expect(v.routeTable.association).toBe('explicit');
    expect(v.routeTable.routes.map((r: any) => [r.destination, r.target, r.origin])).toEqual([
      ['10.0.0.0/16', 'local', 'local'],
      ['10.1.0.0/16', 'local', 'local'],
      ['2600:1f18:aaaa:bb00::/56', 'local', 'local'],
      ['0.0.0.0/0', 'nat-a', 'static'],
      ['::/0', 'eigw-shop', 'static'],
      ['10.50.0.0/16', 'pcx-shop-shared', 'static'],
      ['192.168.0.0/16', 'vgw-shop', 'propagated'],
      ['com.amazonaws.us-east-1.s3', 'vpce-s3', 'endpoint'],
    ]);
    const s3 = v.routeTable.routes.find((r: any) => r.origin === 'endpoint');
    const s3List = findResource(shop, 'com.amazonaws.us-east-1.s3') as PrefixList;
    expect(s3List.cidrs.length).toBeGreaterThan(0);
    expect(s3.prefixListCidrs).toBe(s3List.cidrs.length);
  });

  it('shows its network ACL rules, ending in the implicit * deny', () => {
    const v = view(shop, 'data-a');
    expect(v.networkAcl.id).toBe('acl-data');
    expect(v.networkAcl.inbound.map((r: any) => [r.rule, r.protocol, r.ports, r.cidr, r.action])).toEqual([
      [90, 'tcp', '5432', '10.0.1.0/24', 'deny'],
      [100, 'tcp', '5432', '10.0.0.0/16', 'allow'],
      ['*', 'all', 'all', '0.0.0.0/0', 'deny'],
      ['*', 'all', 'all', '::/0', 'deny'],
    ]);
  });

  it('uses the default ACL (allow all) when it names none', () => {
    const v = view(shop, 'public-a');
    expect(v.networkAcl).toMatchObject({ id: 'vpc-shop:default-acl', default: true });
    expect(v.networkAcl.inbound.slice(0, 2).map((r: any) => [r.rule, r.cidr, r.action])).toEqual([
      [100, '0.0.0.0/0', 'allow'],
      [101, '::/0', 'allow'],
    ]);
  });

  it('lists its interfaces, including those of NAT gateways and endpoints', () => {
    expect(view(shop, 'public-a').interfaces.map((e: any) => [e.id, e.owner, e.privateIp])).toEqual([
      ['eni-web-1', 'instance web-1', '10.0.1.10'],
      ['eni-nat-a', 'NAT gateway nat-a', '10.0.1.5'],
    ]);
    expect(view(shop, 'app-a').interfaces.map((e: any) => e.owner)).toEqual(['instance app-1', 'VPC endpoint vpce-sqs']);
  });

  it('renders route table, ACL and interfaces as tables', () => {
    expect(
      Math.max(
        ...renderResource(view(shop, 'app-a'))
          .split('\n')
          .map((l) => [...l].length),
      ),
    ).toBeLessThanOrEqual(80);
    const text = renderResource(view(shop, 'app-a'), { width: 200 });
    expect(text).toContain('Route table rt-app  (explicit association)');
    expect(text).toMatch(/│ com\.amazonaws\.us-east-1\.s3 \(\d+ CIDRs\) │ vpce-s3\s+│ endpoint\s+│/);
    expect(text).toMatch(/│ 120\s+│ all\s+│ all\s+│ 10\.0\.0\.0\/16 │ allow\s+│/);
    expect(text).toMatch(/│ \*\s+│ all\s+│ all\s+│ 0\.0\.0\.0\/0\s+│ deny\s+│ implicit/);
    expect(text).toMatch(/│ eni-app-1\s+│ instance app-1\s+│ 10\.0\.2\.10/);
  });
});

describe('a security group', () => {
  it('shows its rules, its members and the groups that reference it', () => {
    const v = view(shop, 'sg-app');
    expect(v.inbound).toEqual([
      { protocol: 'tcp', ports: '8080', peer: 'sg-web', peerKind: 'security-group', implicit: false, at: `${join(ROOT, CANONICAL)}:81` },
    ]);
    expect(v.outbound.map((r: any) => [r.peer, r.implicit])).toEqual([
      ['0.0.0.0/0', true],
      ['::/0', true],
    ]);
    expect(v.members).toEqual([{ interface: 'eni-app-1', owner: 'instance app-1', privateIp: '10.0.2.10', subnet: 'app-a' }]);
    expect(v.referencedBy).toEqual(['sg-db']);
  });

  it('with outbound: [] shows no outbound rules', () => {
    const v = view(shop, 'sg-db');
    expect(v.outbound).toEqual([]);
    expect(renderResource(v)).toMatch(/Outbound rules\n\s+\(no rules: nothing allowed\)/);
  });

  it('the implicit default group: inbound from itself, its members', () => {
    const v = view(shop, 'vpc-shared:default-sg');
    expect(v).toMatchObject({ default: true, implicit: true });
    expect(v.inbound.map((r: any) => [r.peer, r.peerKind])).toEqual([['vpc-shared:default-sg', 'security-group']]);
    expect(v.members.map((m: any) => m.owner)).toEqual(['instance svc-1']);
    expect(v.at).toBeUndefined();
  });

  it('the endpoint group lists the endpoint interface as a member', () => {
    expect(view(shop, 'sg-endpoints').members.map((m: any) => m.owner)).toEqual(['VPC endpoint vpce-sqs']);
  });
});

describe('an instance, a route table, other resources', () => {
  it('an instance: interfaces, groups, subnet', () => {
    const v = view(full, 'app-1');
    expect(v).toMatchObject({ kind: 'instance', subnet: 'app-a', vpc: 'vpc-shop', routeTable: 'rt-app', networkAcl: 'acl-app', securityGroups: ['sg-app'] });
    expect(v.interfaces.map((e: any) => [e.id, e.privateIp])).toEqual([
      ['eni-app-1', '10.0.2.10'],
      ['eni-app-2nd', '10.0.2.20'],
    ]);
  });

  it('the implicit main route table: local routes only, and the subnets using it implicitly', () => {
    const v = view(shop, 'vpc-shared:main-rtb');
    expect(v).toMatchObject({ main: true, implicit: true, subnets: [] });
    expect(v.routes).toEqual([{ destination: '10.50.0.0/16', target: 'local', targetKind: 'local', origin: 'local' }]);
  });

  it('a main route table lists subnets associated with it', () => {
    expect(view(shop, 'rt-data').subnets).toEqual([{ id: 'data-a', association: 'explicit' }]);
  });

  it('gateways say which route tables route to them', () => {
    expect(view(shop, 'igw-shop').routedBy).toEqual(['rt-public']);
    expect(view(shop, 'pcx-shop-shared').routedBy).toEqual(['rt-app', 'rt-shared']);
    expect(view(shop, 'nat-a')).toMatchObject({ subnet: 'public-a', privateIp: '10.0.1.5', publicIp: '203.0.113.10', routedBy: ['rt-app'] });
  });

  it('a transit gateway route table shows static and propagated routes', () => {
    const v = view(full, 'tgw-rt-main');
    expect(v.routes.map((r: any) => [r.destination, r.target, r.origin])).toContainEqual(['10.99.0.0/16', 'blackhole', 'static']);
    expect(v.routes.map((r: any) => [r.destination, r.target, r.origin])).toContainEqual(['10.0.0.0/16', 'att-shop', 'propagated']);
    expect(v.associations).toEqual(['att-shop', 'att-dc', 'att-eu']);
  });

  it('every resource of the full example renders', () => {
    for (const id of [...full.byId.keys(), ...full.prefixLists.map((p) => p.id)]) {
      const text = renderResource(resourceView(full, findResource(full, id)!));
      expect(text.split('\n')[0]).toContain(id);
    }
  });

  it('closest ids to a typo come first', () => {
    expect(closestIds(shop, 'sg-ap')[0]).toBe('sg-app');
    expect(closestIds(shop, 'igw-shp')[0]).toBe('igw-shop');
  });
});

describe('the command', () => {
  it('vpcsim show <file> prints the summary, exit 0', () => {
    const r = cli('show', CANONICAL);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^shop  tests\/fixtures\/canonical\.yaml, region us-east-1, account 123456789012\n/);
    expect(r.stdout).toContain('Subnets');
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('vpcsim show <file> <id> prints the resource', () => {
    const r = cli('show', CANONICAL, 'sg-web');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('security group sg-web  (tests/fixtures/canonical.yaml:73)');
    expect(r.stdout).toMatch(/│ tcp\s+│ 22\s+│ 192\.168\.0\.0\/16 │ office SSH\s+│/);
  });

  it('--json prints the same view as the library', () => {
    const r = cli('show', CANONICAL, 'app-a', '--json');
    expect(r.status).toBe(0);
    const v = JSON.parse(r.stdout);
    expect(v.routeTable.routes.map((x: any) => x.destination)).toEqual(view(shop, 'app-a').routeTable.routes.map((x: any) => x.destination));
    const s = JSON.parse(cli('show', CANONICAL, '--json').stdout);
    expect(s.counts.vpcs).toEqual({ inFile: 2, implicit: 0 });
  });

  it('an unknown id exits 2 with the closest ids, in one line, no stack trace', () => {
    const r = cli('show', CANONICAL, 'sg-ap');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`vpcsim: no resource 'sg-ap' in ${CANONICAL}; closest ids: sg-app, sg-db, rt-app\n`);
  });

  it('a file with errors exits 2 and prints them', () => {
    const r = cli('show', 'tests/fixtures/canonical-with-error.yaml');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('canonical-with-error.yaml:94:71 error IP_OUTSIDE_SUBNET');
    expect(r.stderr).not.toContain('    at ');
  });

  it('a missing file exits 2', () => {
    const r = cli('show', join(dir, 'nope.yaml'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('FILE_UNREADABLE');
  });

  it('colour follows --no-color even when forced', () => {
    const p = join(dir, 't.yaml');
    writeFileSync(p, 'version: 1\nvpcs: [ { id: vpc-a, cidr: 10.0.0.0/16 } ]\n');
    const forced = spawnSync(process.execPath, [join(ROOT, 'bin/vpcsim.js'), 'show', p], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '1' },
    });
    expect(forced.stdout).toMatch(/\u001b\[/);
    const off = spawnSync(process.execPath, [join(ROOT, 'bin/vpcsim.js'), '--no-color', 'show', p], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '1' },
    });
    expect(off.status).toBe(0);
    expect(off.stdout).not.toMatch(/\u001b\[/);
  });
});
