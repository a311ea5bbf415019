// `vpcsim trace` through load balancers as a user runs it: exit codes, the load balancer line, --json, --health-check.
// Needs a build: the CLI runs from dist/.
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
const ALB = 'scenarios/alb-web.yaml';
const NLB = 'scenarios/nlb-client-ip.yaml';

describe('vpcsim trace through a load balancer', () => {
  it('exits 0 through the ALB to a target, with both legs on the path', () => {
    const r = cli('trace', ALB, '--from', 'internet', '--to', 'web-a', '--via', 'alb-web', '--port', '443');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Load balancer: alb-web \(application, internet-facing\), node ela-alb-web-public-a/m);
    const hops = [...r.out.matchAll(/^\s*\d+\.\s+[A-Z]+\s+(\S+)/gm)].map((m) => m[1]);
    expect(hops.slice(0, 12)).toEqual([
      'internet',
      'igw-web',
      'acl-public',
      'sg-alb',
      'alb-web',
      'alb-web',
      'sg-alb',
      'rt-public',
      'acl-public',
      'acl-private',
      'sg-web',
      'web-a',
    ]);
  });

  it('exits 1 when the preserved client address is refused, and --json carries the legs', () => {
    const r = cli('trace', NLB, '--from', 'app-1', '--to', 'svc-a', '--via', 'nlb-svc', '--port', '5000', '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.blockedBy).toBe('sg-svc');
    expect(j.loadBalancer.legs.map((l: { leg: string; verdict: string }) => `${l.leg}:${l.verdict}`)).toEqual([
      'client-to-listener:ACCEPT',
      'listener-to-target:REJECT',
    ]);
    expect(j.loadBalancer.targets[0]).toMatchObject({ target: 'svc-a', sourceIp: '10.1.20.10', clientIpPreserved: true });
  });

  it('exits 2 for a --via that is not a load balancer, and for flags --health-check does not take', () => {
    const r = cli('trace', ALB, '--from', 'internet', '--to', 'web-a', '--via', 'web-b');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--via web-b: not a load balancer \(load balancers: alb-web\)/);
    expect(cli('trace', ALB, '--health-check', 'tg-web', '--via', 'alb-web').code).toBe(2);
  });

  it('--health-check lists every node and target, exit 0 when all pass; one check prints its trace', () => {
    const r = cli('trace', NLB, '--health-check', 'tg-svc');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('Health checks of tg-svc (TCP) from nlb-svc:');
    expect(r.out).toMatch(/All 4 health checks pass\./);
    const one = cli('trace', ALB, '--health-check', 'tg-web', '--from', 'ela-alb-web-public-b', '--to', 'web-a', '--json');
    expect(one.code).toBe(0);
    const j = JSON.parse(one.out);
    expect(j.checks).toHaveLength(1);
    expect(j.trace.flow).toMatchObject({ srcIp: '10.0.1.10', dstIp: '10.0.10.10', dstPort: 8080 });
  });

  it('--health-check exits 1 when a check fails', () => {
    const r = cli('trace', 'scenarios/broken/ASSERTION-alb-target-sg.yaml', '--health-check', 'tg-web');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/4 of 4 health checks fail/);
  });

  it('--health-check <classic load balancer> runs its healthCheck.target: exit 1 when blocked; --json names the load balancer', () => {
    const r = cli('trace', 'tests/fixtures/lb/classic-health.yaml', '--health-check', 'elb-web');
    expect(r.code).toBe(1);
    expect(r.out.split('\n')[0]).toBe('Health checks of elb-web (HTTP) from elb-web:');
    expect(r.out).toMatch(/ela-elb-web-pub-a \(10\.0\.0\.4\) → web-a \(10\.0\.10\.10:8081\) +REJECT +blocked by sg-web \(ENI_SG_RULES_MISMATCH\)/);
    const j = JSON.parse(cli('trace', 'tests/fixtures/lb/classic-health.yaml', '--health-check', 'elb-web', '--json').out);
    expect([j.targetGroup, j.loadBalancer, j.verdict, j.checks.length]).toEqual([null, 'elb-web', 'REJECT', 2]);
    const alb = cli('trace', ALB, '--health-check', 'alb-web');
    expect(alb.code).toBe(2);
    expect(alb.err).toContain('alb-web is an application load balancer, whose health checks are configured on its target groups (tg-web)');
  });
});
