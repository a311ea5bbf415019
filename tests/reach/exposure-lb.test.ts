// exposure through load balancers: a listener the internet reaches is reported with the targets behind it (each
// traced through the load balancer); the nodes themselves are not listed as exposed interfaces.
import { describe, expect, it } from 'vitest';
import { importAws, loadTopology, loadTopologyFromData } from '../../src/index.js';
import { loadFile } from '../../src/load/load.js';
import { exposure } from '../../src/reach/exposure.js';

describe('exposure: load balancers', () => {
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html
  it('alb-web: the HTTPS listener is reached from the whole internet and forwards to both targets (ACCEPT)', () => {
    const r = exposure(loadTopology('scenarios/alb-web.yaml').topology!, 'in');
    expect(r.interfaces).toEqual([]);
    expect(r.loadBalancers).toHaveLength(1);
    const x = r.loadBalancers[0]!;
    expect(x).toMatchObject({ loadBalancer: 'alb-web', listener: 'lst-https', protocol: 'HTTPS', transport: 'tcp', port: 443 });
    expect(x.inbound.map((row) => row.destination)).toEqual([
      { kind: 'interface', id: 'alb-web', addresses: ['203.0.113.10'] },
      { kind: 'interface', id: 'alb-web', addresses: ['203.0.113.11'] },
    ]);
    expect(x.inbound.every((row) => row.source.kind === 'external' && row.ports?.[0]?.[0] === 443)).toBe(true);
    expect(x.targets.map((g) => [g.target, g.verdict])).toEqual([
      ['web-a', 'ACCEPT'],
      ['web-b', 'ACCEPT'],
    ]);
    expect(r.findings).toBe(1);
  });

  // https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-groups.html — the instance's group must admit the load balancer
  it('an imported Classic load balancer reached from the internet whose target refuses it: the target row is REJECT with the blocking group', () => {
    const t = loadTopologyFromData(importAws('tests/fixtures/aws/load-balancers/us-west-2').topology).topology!;
    const r = exposure(t, 'in');
    const legacy = r.loadBalancers.find((x) => x.loadBalancer === 'shop-legacy')!;
    expect(legacy.targets).toMatchObject([
      { target: 'i-0e0b00000000000a1', verdict: 'REJECT', blockedBy: 'sg-0b2c0000000000eb0', reason: 'ENI_SG_RULES_MISMATCH' },
    ]);
    // the ALB's HTTP listener redirects (not imported): no listener on 80, so port 80 is not an exposure though its group allows it
    expect(r.loadBalancers.map((x) => `${x.loadBalancer}:${x.port}`).sort()).toEqual(['shop-legacy:80', 'shop-web:443']);
    // the internal NLB is not reached from the internet
    expect(r.loadBalancers.some((x) => x.loadBalancer === 'shop-api')).toBe(false);
  });

  it('a listener open to one range only is reported with that range as its only source', () => {
    const data = loadFile('scenarios/alb-web.yaml').data as { securityGroups: { id: string; inbound: { source: string }[] }[] };
    data.securityGroups.find((g) => g.id === 'sg-alb')!.inbound[0]!.source = '198.51.100.0/24';
    const r = exposure(loadTopologyFromData(data).topology!, 'in');
    expect(r.loadBalancers).toHaveLength(1);
    expect(r.loadBalancers[0]!.inbound.map((row) => row.source)).toEqual([
      { kind: 'external', network: 'internet', cidrs: ['198.51.100.0/24'] },
      { kind: 'external', network: 'internet', cidrs: ['198.51.100.0/24'] },
    ]);
  });
});
