// vpcsim show for load balancers, listeners and target groups: the views users read (--json) and their text.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTopology, loadTopologyFromData, loadTopologyText, importAws } from '../../src/index.js';
import { findResource, renderResource, renderSummary, resourceView, summaryView } from '../../src/render/show.js';

const alb = loadTopology('scenarios/alb-web.yaml').topology!;
const ALB_TEXT = readFileSync('scenarios/alb-web.yaml', 'utf8').split('\n');
/** `scenarios/alb-web.yaml:<n>` for the first line containing `text` (so the tests follow edits of the scenario). */
const lineOf = (text: string) => `scenarios/alb-web.yaml:${ALB_TEXT.findIndex((l) => l.includes(text)) + 1}`;
const view = (t: typeof alb, id: string) => resourceView(t, findResource(t, id)!) as Record<string, any>;

describe('show: load balancers', () => {
  it('a load balancer: its nodes with their addresses, listeners and target groups', () => {
    const v = view(alb, 'alb-web');
    expect(v).toMatchObject({
      kind: 'load-balancer',
      id: 'alb-web',
      at: lineOf('- id: alb-web'),
      type: 'application',
      scheme: 'internet-facing',
      vpc: 'vpc-web',
      crossZone: true,
      securityGroups: ['sg-alb'],
      targetGroups: ['tg-web'],
    });
    expect(v.nodes).toEqual([
      { interface: 'ela-alb-web-public-a', subnet: 'public-a', az: 'us-east-1a', privateIp: '10.0.0.10', publicIp: '203.0.113.10' },
      { interface: 'ela-alb-web-public-b', subnet: 'public-b', az: 'us-east-1b', privateIp: '10.0.1.10', publicIp: '203.0.113.11' },
    ]);
    expect(v.listeners).toEqual([{ id: 'lst-https', protocol: 'HTTPS', port: 443, targetGroup: 'tg-web', at: lineOf('id: lst-https') }]);
    const text = renderResource(v, { width: 100 });
    expect(text.startsWith(`load balancer alb-web  (${lineOf('- id: alb-web')})`)).toBe(true);
    expect(text).toContain('ela-alb-web-public-a');
    expect(text).toMatch(/lst-https +│ HTTPS +│ 443 +│ tg-web/);
  });

  it('a listener: where it forwards and the targets behind it', () => {
    const v = view(alb, 'lst-https');
    expect(v).toMatchObject({ kind: 'listener', loadBalancer: 'alb-web', protocol: 'HTTPS', port: 443, targetGroup: 'tg-web' });
    expect(v.targets.map((x: { target: string }) => x.target)).toEqual(['web-a', 'web-b']);
    expect(renderResource(v)).toContain('forwards to    target group tg-web');
  });

  it('a target group: health check, the load balancers and listeners using it, its targets with zone and line', () => {
    const v = view(alb, 'tg-web');
    expect(v).toMatchObject({
      kind: 'target-group',
      vpc: 'vpc-web',
      targetType: 'instance',
      protocol: 'HTTP',
      port: 8080,
      healthCheck: { protocol: 'HTTP', port: 'traffic-port' },
      loadBalancers: ['alb-web'],
      listeners: ['lst-https'],
    });
    expect(v.preserveClientIp).toBeUndefined();
    expect(v.targets[0]).toEqual({ target: 'web-a', type: 'instance', ip: '10.0.10.10', port: 8080, zone: 'us-east-1a', at: lineOf('- { id: web-a }') });
    expect(renderResource(v)).toContain('health check    HTTP on the traffic port');
  });

  it('the summary counts them and lists each load balancer with its listeners; without any, the key is absent', () => {
    const s = summaryView(alb) as Record<string, any>;
    expect(s.counts.loadBalancers).toEqual({ inFile: 1, implicit: 0 });
    expect(s.counts.targetGroups).toEqual({ inFile: 1, implicit: 0 });
    expect(s.loadBalancers).toEqual([
      {
        id: 'alb-web',
        type: 'application',
        scheme: 'internet-facing',
        vpc: 'vpc-web',
        zones: ['us-east-1a', 'us-east-1b'],
        listeners: ['HTTPS:443 -> tg-web'],
      },
    ]);
    expect(renderSummary(s, { width: 120 })).toContain('Load balancers');
    const plain = summaryView(loadTopology('scenarios/three-tier.yaml').topology!) as Record<string, unknown>;
    expect(plain.loadBalancers).toBeUndefined();
    expect(renderSummary(plain)).not.toContain('Load balancers');
  });

  it('a Classic load balancer lists its instances and each listener forwards to the instance port', () => {
    const t = loadTopologyFromData(importAws('tests/fixtures/aws/load-balancers/us-west-2').topology).topology!;
    const v = view(t, 'shop-legacy');
    expect(v).toMatchObject({
      type: 'classic',
      instances: ['i-0e0b00000000000a1'],
      listeners: [{ id: 'shop-legacy-http-80', protocol: 'HTTP', port: 80, instancePort: 8080, instanceProtocol: 'HTTP' }],
    });
    expect(renderResource(v, { width: 100 })).toMatch(/shop-legacy-http-80 +│ HTTP +│ 80 +│ instances:8080 \(HTTP\)/);
    // an NLB's target group says whether the client address is kept (ip targets over TCP: off by default)
    expect(view(t, 'shop-api-9000').preserveClientIp).toBe(false);
  });

  it('a Classic load balancer shows its health check (healthCheck.target), split into protocol, port and path, with its line', () => {
    const t = loadTopologyFromData(importAws('tests/fixtures/aws/load-balancers/us-west-2').topology).topology!;
    const v = view(t, 'shop-legacy');
    expect(v.healthCheck).toMatchObject({ target: 'HTTP:8080/health', protocol: 'HTTP', port: 8080, path: '/health' });
    expect(v.healthCheck.at).toMatch(/:\d+$/);
    expect(renderResource(v, { width: 100 })).toMatch(/health check +HTTP:8080\/health \(line \d+\)/);
    // application and network load balancers check per target group: no healthCheck key on the load balancer
    expect(view(alb, 'alb-web').healthCheck).toBeUndefined();
    expect(renderResource(view(alb, 'alb-web'), { width: 100 })).not.toContain('health check');
  });

  it('a dualstack node shows its IPv6 address (JSON key ipv6, text column IPv6); an ipv4 one has neither', () => {
    const t = loadTopologyText(DUALSTACK, 'ds.yaml').topology!;
    const v = view(t, 'nlb');
    expect(v.nodes).toEqual([
      { interface: 'ela-nlb-pub-a', subnet: 'pub-a', az: 'us-east-1a', privateIp: '10.0.0.4', ipv6: '2600:1f18:1:100::4' },
      { interface: 'ela-nlb-pub-b', subnet: 'pub-b', az: 'us-east-1b', privateIp: '10.0.1.4', ipv6: '2600:1f18:1:101::99' },
    ]);
    expect(renderResource(v, { width: 120 })).toMatch(/│ IPv6 +│[\s\S]*│ 2600:1f18:1:101::99 +│/);
    expect(view(alb, 'alb-web').nodes[0].ipv6).toBeUndefined();
    expect(renderResource(view(alb, 'alb-web'), { width: 120 })).not.toContain('IPv6');
  });
});

const DUALSTACK = `version: 1
vpcs:
  - { id: vpc-a, cidr: 10.0.0.0/16, ipv6Cidr: "2600:1f18:1:100::/56" }
subnets:
  - { id: pub-a, vpc: vpc-a, cidr: 10.0.0.0/24, ipv6Cidr: "2600:1f18:1:100::/64", az: us-east-1a }
  - { id: pub-b, vpc: vpc-a, cidr: 10.0.1.0/24, ipv6Cidr: "2600:1f18:1:101::/64", az: us-east-1b }
loadBalancers:
  - { id: nlb, type: network, scheme: internal, ipAddressType: dualstack, subnets: [pub-a, pub-b], nodes: [{ subnet: pub-b, ipv6Address: "2600:1f18:1:101::99" }] }
`;
