// `vpcsim reach --scope`: Network Access Analyzer scope JSON run offline; findings, exclusions, refusals by field name.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTopology } from '../../src/index.js';
import { runScope, ScopeError } from '../../src/reach/scope.js';

const ROOT = join(import.meta.dirname, '../..');
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/vpcsim.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const t = loadTopology('scenarios/three-tier.yaml').topology!;
const igw = { ResourceStatement: { ResourceTypes: ['AWS::EC2::InternetGateway'] } };

describe('reach --scope', () => {
  it('internet-gateway ingress to any interface, web-1 excluded: the bastion from the office range is the one finding (exit 1)', () => {
    const r = cli('reach', 'scenarios/three-tier.yaml', '--scope', 'tests/fixtures/scopes/igw-ingress.json', '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.findings).toHaveLength(1);
    expect(j.findings[0].row.source.cidrs).toEqual(['203.0.113.0/24']);
    expect(j.findings[0].row.destination.id).toBe('bastion');
  });

  it('without the exclusion web-1 is a finding too', () => {
    const r = runScope(t, { MatchPaths: [{ Source: igw, Destination: { ResourceStatement: { ResourceTypes: ['AWS::EC2::NetworkInterface'] } } }] });
    expect(r.findings.map((f) => (f.row.destination.kind === 'interface' ? f.row.destination.id : '')).sort()).toEqual(['bastion', 'web-1']);
  });

  it('a path through the internet gateway to PostgreSQL in the db subnet: no findings (exit 0)', () => {
    const r = cli('reach', 'scenarios/three-tier.yaml', '--scope', 'tests/fixtures/scopes/db-ports.json');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/no findings/);
  });

  it('packet headers narrow the match: SSH only', () => {
    const r = runScope(t, { MatchPaths: [{ Source: igw, Destination: { PacketHeaderStatement: { DestinationPorts: ['22'], Protocols: ['tcp'] } } }] });
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]!.row.ports).toEqual([[22, 22]]);
  });

  it.each([
    [
      { MatchPaths: [{ Source: { ResourceStatement: { ResourceTypes: ['AWS::EC2::Volume'] } } }] },
      /MatchPaths\[0\]\.Source\.ResourceStatement\.ResourceTypes: 'AWS::EC2::Volume' has no counterpart/,
    ],
    // https://docs.aws.amazon.com/vpc/latest/network-access-analyzer/resource-statement.html — load balancers: through only
    [
      { MatchPaths: [{ Source: { ResourceStatement: { ResourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer'] } } }] },
      /'AWS::ElasticLoadBalancingV2::LoadBalancer' is supported in ThroughResources only/,
    ],
    [{ MatchPaths: [{ Source: { Foo: 1 } }] }, /MatchPaths\[0\]\.Source\.Foo is not a field vpcsim supports/],
    [{ MatchPaths: [] }, /no MatchPaths/],
    [{ MatchPaths: [{ Source: { ResourceStatement: { Resources: ['nope'] } } }] }, /resource 'nope' is not in the topology/],
  ])('refuses %j naming the field', (scope, msg) => {
    expect(() => runScope(t, scope)).toThrow(ScopeError);
    expect(() => runScope(t, scope)).toThrow(msg);
  });

  it('exit 2 for a scope that is not JSON, or with --to', () => {
    expect(cli('reach', 'scenarios/three-tier.yaml', '--scope', 'README.md').code).toBe(2);
    const r = cli('reach', 'scenarios/three-tier.yaml', '--scope', 'tests/fixtures/scopes/igw-ingress.json', '--to', 'db-1');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/leave out --to and --from/);
  });
});
