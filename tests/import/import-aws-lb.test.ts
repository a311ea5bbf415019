// `vpcsim import aws` on tests/fixtures/aws/load-balancers/us-west-2: an internet-facing ALB (HTTPS → HTTP
// target group of two instances; its HTTP listener redirects), an internal NLB with an ip target group, a
// gateway load balancer (not modelled) and a Classic Load Balancer, in the shapes the AWS CLI prints:
// https://docs.aws.amazon.com/cli/latest/reference/elbv2/describe-load-balancers.html,
// https://docs.aws.amazon.com/cli/latest/reference/elbv2/describe-listeners.html,
// https://docs.aws.amazon.com/cli/latest/reference/elbv2/describe-target-groups.html,
// https://docs.aws.amazon.com/cli/latest/reference/elbv2/describe-target-health.html,
// https://docs.aws.amazon.com/cli/latest/reference/elb/describe-load-balancers.html
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAws, loadTopologyFromData, trace } from '../../src/index.js';
import { classicHealthCheck, classicHealthCheckTarget } from '../../src/import/aws-lb.js';
import { classify } from '../../src/import/aws-kinds.js';
import { byId } from '../helpers/aws-synth.js';

const WEST = join(import.meta.dirname, '../fixtures/aws/load-balancers/us-west-2');

function copy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'vpcsim-aws-lb-')), 'us-west-2');
  cpSync(WEST, dir, { recursive: true });
  return dir;
}

describe('import aws: load balancers', () => {
  const r = importAws(WEST);
  const t = r.topology as Record<string, unknown>;

  it('reads the elbv2 and elb outputs as modelled kinds', () => {
    expect(classify({ LoadBalancers: [] })).toEqual({ type: 'modelled', key: 'LoadBalancers' });
    expect(classify({ TargetGroupArn: 'arn:…', TargetHealthDescriptions: [] })).toEqual({ type: 'modelled', key: 'TargetHealthDescriptions' });
    expect(classify({ LoadBalancerDescriptions: [] })).toEqual({ type: 'modelled', key: 'LoadBalancerDescriptions' });
  });

  it('writes the ALB with its subnets, security group and one node per zone from its interfaces', () => {
    expect(byId(t.loadBalancers, 'shop-web')).toEqual({
      id: 'shop-web',
      type: 'application',
      scheme: 'internet-facing',
      subnets: ['subnet-0aa1100000000001a', 'subnet-0bb2200000000002b'],
      securityGroups: ['sg-0a1b000000000a1b0'],
      nodes: [
        { subnet: 'subnet-0aa1100000000001a', privateIp: '10.0.0.47', publicIp: '34.210.10.47', interfaceId: 'eni-0a1b00000000000a1' },
        { subnet: 'subnet-0bb2200000000002b', privateIp: '10.0.1.112', publicIp: '52.88.20.112', interfaceId: 'eni-0a1b00000000000b2' },
      ],
    });
  });

  it('writes the internal NLB without security groups (none attached) and the Classic one with its instances', () => {
    const nlb = byId(t.loadBalancers, 'shop-api');
    expect(nlb.type).toBe('network');
    expect(nlb.scheme).toBe('internal');
    expect(nlb.securityGroups).toBeUndefined();
    const clb = byId(t.loadBalancers, 'shop-legacy');
    expect(clb).toMatchObject({ type: 'classic', scheme: 'internet-facing', instances: ['i-0e0b00000000000a1'] });
    // A Classic load balancer's health check is written as the API gives it (loadBalancers[].healthCheck.target).
    expect(clb.healthCheck).toEqual({ target: 'HTTP:8080/health' });
    expect(r.ignored['loadBalancers.healthCheck (not in this format version)']).toBeUndefined();
    expect(byId(t.listeners, 'shop-legacy-http-80')).toEqual({
      id: 'shop-legacy-http-80',
      loadBalancer: 'shop-legacy',
      protocol: 'HTTP',
      port: 80,
      instancePort: 8080,
      instanceProtocol: 'HTTP',
    });
  });

  it('load balancer interfaces become nodes, not network interfaces', () => {
    const enis = (t.networkInterfaces as { id: string }[] | undefined) ?? [];
    expect(enis.filter((e) => /^eni-0(a1b|d1b|c1a)/.test(e.id))).toEqual([]);
  });

  it('writes forwarding listeners and target groups with their registered targets; redirects and draining targets are counted', () => {
    expect(byId(t.listeners, 'shop-web-https-443')).toEqual({
      id: 'shop-web-https-443',
      loadBalancer: 'shop-web',
      protocol: 'HTTPS',
      port: 443,
      targetGroup: 'shop-web-8080',
    });
    expect((t.listeners as unknown[]).length).toBe(3);
    expect(byId(t.targetGroups, 'shop-web-8080')).toEqual({
      id: 'shop-web-8080',
      vpc: 'vpc-0a1b2c3d4e5f60718',
      protocol: 'HTTP',
      port: 8080,
      healthCheck: { protocol: 'HTTP', port: 'traffic-port' },
      targets: [{ id: 'i-0e0b00000000000a1' }, { id: 'i-0e0b00000000000b2' }],
    });
    expect(byId(t.targetGroups, 'shop-api-9000')).toMatchObject({
      targetType: 'ip',
      protocol: 'TCP',
      port: 9000,
      healthCheck: { protocol: 'HTTP', port: 9001 },
      targets: [{ ip: '10.0.10.21' }],
    });
    expect(r.ignored['listeners whose default action does not forward (redirect)']).toBe(1);
    expect(r.ignored['targets draining (deregistering)']).toBe(1);
    // the Gateway Load Balancer is not a load balancer of the format's loadBalancers: it is a gatewayLoadBalancer
    expect((r.topology.loadBalancers as { id: string }[]).map((l) => l.id)).not.toContain('shop-inspect');
    expect(byId(r.topology.gatewayLoadBalancers as { id: string }[], 'shop-inspect')).toMatchObject({
      subnets: ['subnet-0cc3300000000003c'],
      crossZone: false,
    });
    expect(r.warnings).toEqual([]);
  });

  it('the import loads', () => {
    const loaded = loadTopologyFromData(r.topology);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('a target health file that does not say its target group is skipped with a warning naming the file', () => {
    const dir = copy();
    const f = join(dir, 'TargetHealth.shop-web-8080.73e2d6bc24d8a067.json');
    const data = JSON.parse(readFileSync(f, 'utf8'));
    delete data.TargetGroupArn;
    rmSync(f);
    writeFileSync(join(dir, 'health-web.json'), JSON.stringify(data));
    const w = importAws(dir).warnings.find((x) => x.code === 'DUMP_TABLE_UNKNOWN');
    expect(w).toMatchObject({ file: 'health-web.json', path: '$.TargetHealthDescriptions[0]' });
    expect(w!.message).toMatch(/TargetHealth\.my-targets\.73e2d6bc24d8a067\.json/);
  });

  it('a listener forwarding to a target group missing from the dump is skipped with its JSON path', () => {
    const dir = copy();
    const f = join(dir, 'TargetGroups.json');
    const data = JSON.parse(readFileSync(f, 'utf8'));
    data.TargetGroups = data.TargetGroups.filter((g: { TargetGroupName: string }) => g.TargetGroupName !== 'shop-api-9000');
    writeFileSync(f, JSON.stringify(data));
    const r2 = importAws(dir);
    expect(r2.warnings.find((x) => x.code === 'LB_LISTENER_NO_TARGET_GROUP')).toMatchObject({
      file: 'Listeners.net.shop-api.73e2d6bc24d8a067.json',
      path: '$.Listeners[0].DefaultActions[0]',
    });
    expect(r2.warnings.find((x) => x.code === 'LB_TARGET_GROUP_MISSING')).toMatchObject({ file: 'TargetHealth.shop-api-9000.1a2b3c4d5e6f7081.json' });
    expect((r2.topology.listeners as unknown[]).length).toBe(2);
  });

  it('reads Classic health check targets (https://docs.aws.amazon.com/elasticloadbalancing/2012-06-01/APIReference/API_HealthCheck.html)', () => {
    expect(classicHealthCheck('HTTP:80/index.html')).toEqual({ protocol: 'HTTP', port: 80 });
    expect(classicHealthCheck('TCP:5000')).toEqual({ protocol: 'TCP', port: 5000 });
    expect(classicHealthCheck('ssl:443')).toEqual({ protocol: 'SSL', port: 443 });
    expect(classicHealthCheck('nonsense')).toBeUndefined();
    // the topology format takes the Classic API's own text (loadBalancers[].healthCheck.target)
    expect(classicHealthCheckTarget('http:80/index.html')).toEqual({ target: 'HTTP:80/index.html' });
    expect(classicHealthCheckTarget('TCP:5000')).toEqual({ target: 'TCP:5000' });
    expect(classicHealthCheckTarget('nonsense')).toBeUndefined();
  });
});

describe('import aws: an imported load balancer traces', () => {
  const b = loadTopologyFromData(importAws(WEST).topology, 'lb.json');

  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html — an
  // internet-facing ALB's nodes have public addresses; the listener forwards to the registered targets.
  it('the internet reaches a target through the internet-facing ALB (ACCEPT)', () => {
    const r = trace(b.topology!, { from: 'internet', to: 'i-0e0b00000000000a1', via: 'shop-web', port: 443 });
    expect(r.verdict).toBe('ACCEPT');
  });

  // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/network-load-balancers.html — an internal NLB's
  // nodes have private addresses only.
  it('the internet does not reach the internal NLB (REJECT)', () => {
    const r = trace(b.topology!, { from: 'internet', to: 'shop-api:9000' });
    expect(r.verdict).toBe('REJECT');
  });
});
