// Health checks are connections from every node to every target on the health-check port, from the node's own address.
import { describe, expect, it } from 'vitest';
import { explanationText } from '../../src/render/trace-explanation.js';
import { failingHealthChecks, healthChecks, trace } from '../../src/trace/trace.js';
import { loadTopologyFromData } from '../../src/index.js';
import { lbData, lbTopology, nlb } from '../helpers/load-balancer-fixture.js';
import { hopDetail } from '../../src/render/trace-detail.js';

describe('target health checks', () => {
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html — "Each load balancer node checks the health of each target"
  it('checks every target from every node; passes when the target group admits the load balancer', () => {
    const { results } = healthChecks(lbTopology(), 'tg');
    expect(results.map((r) => `${r.node}>${r.target}:${r.port} ${r.verdict}`)).toEqual([
      'ela-lb-pub-a>web-a:8080 ACCEPT',
      'ela-lb-pub-a>web-b:8080 ACCEPT',
      'ela-lb-pub-b>web-a:8080 ACCEPT',
      'ela-lb-pub-b>web-b:8080 ACCEPT',
    ]);
    expect(failingHealthChecks(lbTopology())).toEqual([]);
  });

  // same page — HealthCheckPort: "The default is traffic-port"; a number sends the checks there instead
  it('uses the health-check port: a port the target group does not admit fails', () => {
    const tg = (port: unknown) => [{ id: 'tg', vpc: 'vpc-a', protocol: 'HTTP', port: 8080, healthCheck: { port }, targets: [{ id: 'web-a' }] }];
    expect(healthChecks(lbTopology({ targetGroups: tg('traffic-port') }), 'tg').results.every((r) => r.verdict === 'ACCEPT')).toBe(true);
    const bad = healthChecks(lbTopology({ targetGroups: tg(8081) }), 'tg').results;
    expect(bad.map((r) => [r.port, r.verdict, r.blockedBy])).toEqual([
      [8081, 'REJECT', 'sg-web'],
      [8081, 'REJECT', 'sg-web'],
    ]);
    const failing = failingHealthChecks(lbTopology({ targetGroups: tg(8081) }));
    expect(failing.map((f) => [f.targetGroup, f.node, f.target, f.reason])).toEqual([
      ['tg', 'ela-lb-pub-a', 'web-a', 'ENI_SG_RULES_MISMATCH'],
      ['tg', 'ela-lb-pub-b', 'web-a', 'ENI_SG_RULES_MISMATCH'],
    ]);
  });

  // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-health-checks.html and
  // https://repost.aws/knowledge-center/security-group-load-balancer — with client IP preservation the clients reach targets with their own
  // addresses, while health checks come from the load balancer's private addresses: a target must admit both
  it('a preserving NLB: client traffic can pass while the health checks fail (all fail: the load balancer fails open), and the other way round', () => {
    const clientsOnly = lbTopology(nlb({ targetSg: [{ protocol: 'tcp', ports: 5000, source: '10.0.20.0/24' }] }));
    const through = trace(clientsOnly, { from: 'client', to: 'web-a', via: 'lb', port: 5000 });
    expect(through.verdict).toBe('ACCEPT');
    expect(through.forward.hops.some((h) => /fails open/.test(hopDetail(h)))).toBe(true);
    expect(healthChecks(clientsOnly, 'tg').results.every((r) => r.verdict === 'REJECT')).toBe(true);
    const lbOnly = lbTopology(nlb({ targetSg: [{ protocol: 'tcp', ports: 5000, source: '10.0.0.0/23' }] }));
    expect(trace(lbOnly, { from: 'client', to: 'web-a', via: 'lb', port: 5000 }).verdict).toBe('REJECT');
    expect(healthChecks(lbOnly, 'tg').results.every((r) => r.verdict === 'ACCEPT')).toBe(true);
  });

  it('narrows to one node and target, giving the full trace', () => {
    const { results, traces } = healthChecks(lbTopology(), 'tg', { from: 'ela-lb-pub-b', to: 'web-a' });
    expect(results).toHaveLength(1);
    expect(traces[0]!.flow).toMatchObject({ srcIp: '10.0.1.4', dstIp: '10.0.10.10', dstPort: 8080 });
    expect(traces[0]!.loadBalancer?.legs[0]?.leg).toBe('health-check');
    expect(() => healthChecks(lbTopology(), 'web-a')).toThrow(/not a target group/);
    expect(() => healthChecks(lbTopology(), 'tg', { to: 'client' })).toThrow(/no health check of tg matches --to client/);
  });

  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html — "Each load balancer node routes
  // requests only to the healthy targets" … "If a target group contains only unhealthy registered targets, the load balancer routes requests
  // to all those targets" (fails open)
  it('routes only to targets that pass their health checks, and to all when none does', () => {
    const tg = [{ id: 'tg', vpc: 'vpc-a', protocol: 'HTTP', port: 8080, healthCheck: { port: 8081 }, targets: [{ id: 'web-a' }, { id: 'web-b' }] }];
    const data = lbData({ targetGroups: tg });
    // web-b alone admits the health-check port
    (data.securityGroups as Record<string, unknown>[]).push({ id: 'sg-hc', vpc: 'vpc-a', inbound: [{ protocol: 'tcp', ports: 8081, source: 'sg-lb' }] });
    (data.instances as Record<string, unknown>[])[1]!.securityGroups = ['sg-web', 'sg-hc'];
    const t = loadTopologyFromData(data, 'lb.json').topology!;
    expect(trace(t, { from: 'internet', to: 'web-b', via: 'lb', port: 80 }).verdict).toBe('ACCEPT');
    const r = trace(t, { from: 'internet', to: 'web-a', via: 'lb', port: 80 });
    expect([r.verdict, r.blockedBy, r.reason]).toEqual(['REJECT', 'lb', 'LB_TARGET_UNHEALTHY']);
    expect(explanationText(r)).toMatch(/web-a fails its health check from node ela-lb-pub-a \(port 8081, blocked by sg-web, ENI_SG_RULES_MISMATCH\)/);
    // nobody admits 8081: every target is unhealthy, the load balancer fails open
    const open = trace(lbTopology({ targetGroups: tg }), { from: 'internet', to: 'web-a', via: 'lb', port: 80 });
    expect(open.verdict).toBe('ACCEPT');
    expect(hopDetail(open.forward.hops.find((h) => h.kind === 'load-balancer' && h.decision === 'FORWARD')!)).toMatch(/fails open/);
  });

  // https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-healthchecks.html — a Classic load balancer checks its
  // registered instances with its own health check (healthCheck.target), not a target group's
  describe('of a Classic load balancer (healthCheck.target)', () => {
    const classic = (healthCheck?: unknown) =>
      loadTopologyFromData(
        lbData({
          lb: { type: 'classic', instances: ['web-a', 'web-b'], ...(healthCheck ? { healthCheck } : {}) },
          listeners: [{ id: 'l80', loadBalancer: 'lb', protocol: 'TCP', port: 80, instancePort: 8080 }],
          targetGroups: [],
        }),
        'lb.json',
      ).topology!;

    it('ACCEPT on the port the instances admit from the load balancer; every node to every instance', () => {
      const { results } = healthChecks(classic({ target: 'TCP:8080' }), 'lb');
      expect(results.map((r) => `${r.node}>${r.target}:${r.port} ${r.protocol} ${r.verdict}`)).toEqual([
        'ela-lb-pub-a>web-a:8080 TCP ACCEPT',
        'ela-lb-pub-a>web-b:8080 TCP ACCEPT',
        'ela-lb-pub-b>web-a:8080 TCP ACCEPT',
        'ela-lb-pub-b>web-b:8080 TCP ACCEPT',
      ]);
      expect(results.every((r) => r.targetGroup === null && r.loadBalancer === 'lb')).toBe(true);
    });

    it('REJECT by the instance security group on a port it does not admit; one check traced in full cites healthCheck.target', () => {
      const t = classic({ target: 'HTTP:8081/health' });
      const { results } = healthChecks(t, 'lb');
      expect(results.map((r) => [r.port, r.protocol, r.verdict, r.blockedBy, r.reason])).toEqual(
        Array(4).fill([8081, 'HTTP', 'REJECT', 'sg-web', 'ENI_SG_RULES_MISMATCH']),
      );
      const one = healthChecks(t, 'lb', { from: 'ela-lb-pub-b', to: 'web-a' }).traces;
      expect(one).toHaveLength(1);
      expect(one[0]!.flow).toMatchObject({ srcIp: '10.0.1.4', dstIp: '10.0.10.10', dstPort: 8081 });
      const hop = one[0]!.forward.hops[0]!;
      expect([hop.component, hop.decision]).toEqual(['lb', 'FORWARD']);
      expect(hopDetail(hop)).toContain('health check of lb (HTTP, port 8081)');
      expect(hop.rule?.text).toContain('HTTP:8081/health');
    });

    it('names what is wrong: a classic load balancer without healthCheck, an application one, an unknown name', () => {
      expect(() => healthChecks(classic(), 'lb')).toThrow(/classic load balancer lb has no healthCheck in the file/);
      expect(() => healthChecks(lbTopology(), 'lb')).toThrow(
        /lb is an application load balancer, whose health checks are configured on its target groups \(tg\)/,
      );
      expect(() => healthChecks(lbTopology(), 'web-a')).toThrow(/not a target group or classic load balancer \(known: tg\)/);
    });
  });
});
