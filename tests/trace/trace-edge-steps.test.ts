// Rejecting hops at the edges of the walk carry what stopped the packet as data; render/ writes their detail and fix.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hopDetail, hopFix, stepFix, stepText } from '../../src/render/trace-detail.js';
import { trace } from '../../src/trace/trace.js';
import type { Hop, TraceResult } from '../../src/trace/types.js';
import { loadTopologyFromData } from '../../src/index.js';
import { lbData, lbTopology, nlb } from '../helpers/load-balancer-fixture.js';
import { change, load, run } from '../helpers/trace.js';

const blocking = (r: TraceResult): Hop => {
  const path = r.blocking?.path === 'return' ? r.return! : r.forward;
  return path.hops[path.blockedAt!]!;
};

const refusedAt = (r: TraceResult) => ({ step: blocking(r).step, detail: hopDetail(blocking(r)), fix: hopFix(blocking(r)) });

describe('a packet carried somewhere other than asked', () => {
  const peers = readFileSync('scenarios/overlapping-peers.yaml', 'utf8');

  it('forward: the blamed route hop keeps where the packet arrived and what was asked for; the words are written from them', () => {
    const x = run(peers, { from: 'a1', to: 'c77', port: 443 });
    expect(x.reason).toBe('DESTINATION_NOT_REACHED');
    const h = blocking(x.r);
    expect(h.component).toBe('rt-a');
    expect(h.misdirected).toEqual({
      reply: false,
      address: '10.0.0.77',
      expected: { input: 'c77', owner: 'c77', vpc: 'vpc-c' },
      reached: { type: 'arrived', target: 'b77', address: '10.0.0.77', vpc: 'vpc-b' },
      routed: true,
    });
    expect(h.fix).toBeUndefined();
    expect(hopFix(h)).toBe('make the route toward 10.0.0.77 lead to c77 in vpc-c (a more specific or overlapping route sends it elsewhere)');
    expect(x.r.explanation).toMatch(
      /^The packet never reaches c77 in vpc-c: it arrives at b77 \(10\.0\.0\.77 in vpc-b\): rt-a routed it \(.+\)\. To let it pass: make the route/,
    );
  });

  it('the reply: the hop keeps that it is the reply and the sender it must reach', () => {
    const x = run(peers, { from: 'b88', to: 'a1', port: 443 });
    expect(x.reason).toBe('REPLY_DELIVERED_ELSEWHERE');
    const h = blocking(x.r);
    expect(h.misdirected).toMatchObject({ reply: true, expected: { input: 'b88', owner: 'b88', vpc: 'vpc-b' }, routed: true });
    expect(hopFix(h)).toBe(`make the route toward ${h.misdirected!.address} lead back to b88 in vpc-b`);
    expect(x.r.explanation).toMatch(
      /^The reply is blocked: it never reaches b88 in vpc-b, which opened the connection; it .+ AWS does not check the reverse path/,
    );
  });

  it('a run without explanations keeps no misdirection', () => {
    const r = trace(load(peers), { from: 'a1', to: 'c77', port: 443, explain: false, flowLogs: false });
    expect(r.reason).toBe('DESTINATION_NOT_REACHED');
    expect(blocking(r).misdirected).toBeUndefined();
  });
});

describe('inspection endpoints and Gateway Load Balancers', () => {
  const INGRESS = readFileSync('scenarios/ingress-firewall.yaml', 'utf8');
  const GWLB = readFileSync('scenarios/gwlb-appliances.yaml', 'utf8');
  const CENTRAL = readFileSync('scenarios/centralized-inspection.yaml', 'utf8');
  const https = (from: string, to: string) => ({ from, to, protocol: 'tcp', port: 443 });
  const ASYMMETRY = 'https://docs.aws.amazon.com/network-firewall/latest/developerguide/asymmetric-routing.html';

  it('a reply reaching an endpoint the request did not pass: the step names the endpoint and its firewall', () => {
    const x = run(change(INGRESS, '    gateways: [igw-main]\n', ''), https('internet', 'web-a'));
    const h = blocking(x.r);
    expect(h.step).toEqual({ type: 'network-firewall-endpoint', action: 'asymmetric', endpoint: 'vpce-fw-a', firewall: 'fw-ingress', zone: 'us-east-1a' });
    expect(hopDetail(h)).toBe(
      `the reply reaches vpce-fw-a of fw-ingress, which the request did not pass: the stateful engine has no flow for it and drops it (asymmetric routing, ${ASYMMETRY})`,
    );
    expect(hopFix(h)).toBe('route the request through the same firewall endpoint, or keep the reply off it');
  });

  it('a reply that skips the endpoint its request passed: the step names that endpoint and its firewall', () => {
    const x = run(readFileSync('scenarios/broken/VPC029-inspection-asymmetric-route.yaml', 'utf8'), https('internet', 'web-b'));
    const h = blocking(x.r);
    expect(h.step).toMatchObject({ type: 'network-firewall-endpoint', action: 'reply-bypassed', endpoint: 'vpce-fw-b' });
    const fw = (h.step as { firewall: string }).firewall;
    expect(hopDetail(h)).toBe(
      `the request passed vpce-fw-b (firewall ${fw}) but the reply does not: the inspection sees one direction only, and AWS does not support asymmetric routing (${ASYMMETRY})`,
    );
    expect(hopFix(h)).toBe("route the reply through vpce-fw-b: in the route table of the responder's subnet, send the requester's addresses to vpce-fw-b");
  });

  it("the reply meets another zone's endpoint of the firewall: the step has both endpoints and zones", () => {
    const x = run(change(CENTRAL, ', applianceMode: true }', ' }'), https('app-a', 'app-b'));
    expect(x.reason).toBe('FIREWALL_ENDPOINT_ZONE_MISMATCH');
    const h = blocking(x.r);
    expect(h.step).toMatchObject({ type: 'network-firewall-endpoint', action: 'asymmetric', endpoint: 'vpce-insp-b', requestEndpoint: 'vpce-insp-a' });
    const s = h.step as { zone: string; requestZone: string; firewall: string };
    expect(hopDetail(h)).toBe(
      `the reply reaches vpce-insp-b (${s.zone}), but the request went through vpce-insp-a (${s.requestZone}): each endpoint keeps its own flow state, so ${s.firewall} drops a reply it has no flow for (asymmetric routing, ${ASYMMETRY})`,
    );
    expect(hopFix(h)).toBe(
      'route the reply to vpce-insp-a: keep both directions in one Availability Zone (appliance mode on the transit gateway attachment, or per-zone route tables)',
    );
  });

  it('a reply that skips a Gateway Load Balancer endpoint its request passed', () => {
    const g = { type: 'gwlb-endpoint', action: 'reply-bypassed', endpoint: 'vpce-g', gatewayLoadBalancer: 'gwlb-1' } as const;
    expect(stepText(g)).toMatch(/^the request passed vpce-g \(Gateway Load Balancer gwlb-1\) but the reply does not/);
  });

  it('no Gateway Load Balancer node in the zone, no appliance registered there, none healthy: the steps and their words', () => {
    const noNode = run(change(GWLB, 'subnets: [appliance-a, appliance-b]', 'subnets: [appliance-a]'), https('internet', 'web-b'));
    const n = blocking(noNode.r);
    expect(n.step).toMatchObject({ type: 'gateway-load-balancer', action: 'no-node-in-zone', gatewayLoadBalancer: 'gwlb-fleet' });
    const { zone, endpoint } = n.step as { zone: string; endpoint: string };
    expect(hopDetail(n)).toBe(`gwlb-fleet has no subnet in ${zone}, where ${endpoint} is, so no load balancer node receives the packet`);
    expect(hopFix(n)).toBe(`enable ${zone} on gwlb-fleet (add a subnet in ${zone})`);

    const none = blocking(run(change(GWLB, 'targets: [fw-1, fw-2, fw-3]', 'targets: [fw-1, fw-2]'), https('internet', 'web-b')).r);
    expect(none.step).toMatchObject({ type: 'gateway-load-balancer', action: 'no-registered-target', crossZone: false });
    const z = (none.step as { zone: string }).zone;
    expect(hopDetail(none)).toBe(`gwlb-fleet has no appliance registered in ${z} (cross-zone load balancing is off)`);
    expect(hopFix(none)).toBe(`register an appliance in ${z}, or turn on crossZone`);

    const sick = change(GWLB, 'targets: [fw-1, fw-2, fw-3]', 'targets: [fw-1, fw-2, { id: fw-3, healthy: false }]');
    const ill = blocking(run(sick, https('internet', 'web-b')).r);
    expect(ill.step).toMatchObject({ type: 'gateway-load-balancer', action: 'no-healthy-target', appliances: ['fw-3'] });
    expect(hopDetail(ill)).toBe(`every appliance of gwlb-fleet in ${(ill.step as { zone: string }).zone} is unhealthy (fw-3)`);
    expect(hopFix(ill)).toBe("fix the appliances' health checks");
  });

  it('an endpoint with no interface or no Gateway Load Balancer (BAD_STATE_ENDPOINT): the words, no fix', () => {
    expect(stepText({ type: 'vpc-endpoint', endpoint: 'vpce-1', action: 'no-interface' })).toBe('vpce-1 has no interface');
    expect(stepText({ type: 'vpc-endpoint', endpoint: 'vpce-1', action: 'no-gateway-load-balancer' })).toBe('vpce-1 has no Gateway Load Balancer');
    expect(stepFix({ type: 'vpc-endpoint', endpoint: 'vpce-1', action: 'no-interface' })).toBeUndefined();
  });
});

describe('load balancers', () => {
  it('no listener for the port, or for the protocol: the step lists the listeners', () => {
    const port = refusedAt(trace(lbTopology(), { from: 'internet', to: 'lb', port: 8443 }));
    expect(port).toEqual({
      step: { type: 'load-balancer', action: 'no-listener', loadBalancer: 'lb', protocol: 6, port: 8443, listeners: [{ protocol: 'HTTP', port: 80 }] },
      detail: 'lb has no tcp listener on port 8443 (listeners: HTTP:80)',
      fix: 'connect to a listener port (HTTP:80), or add a listener on port 8443 to lb',
    });
    const all = refusedAt(trace(lbTopology({ lbSgIn: [{ protocol: 'all', source: '0.0.0.0/0' }] }), { from: 'internet', to: 'lb', protocol: 'all' }));
    expect(all).toEqual({
      step: { type: 'load-balancer', action: 'no-listener', loadBalancer: 'lb', protocol: 253, listeners: [{ protocol: 'HTTP', port: 80 }] },
      detail: 'lb has no listener for all (listeners take TCP or UDP)',
      fix: 'connect over TCP or UDP to a listener port (HTTP:80)',
    });
    const none = { type: 'load-balancer', action: 'no-listener', loadBalancer: 'lb', protocol: 6, port: 80, listeners: [] } as const;
    expect(stepFix(none)).toBe('add a listener on port 80 to lb');
    const alb = { ...none, port: 81, listeners: [{ protocol: 'HTTP', port: 80 }], albTargetOf: 'nlb' };
    expect(stepText(alb)).toBe('lb (the alb target of nlb) has no listener on port 81, the port the target group sends to (listeners: HTTP:80)');
    expect(stepFix(alb)).toBe('add a listener on port 81 to lb, or register it on a listener port (HTTP:80)');
  });

  it('a listener with no registered targets, and a target it does not send to', () => {
    const empty = lbTopology({ targetGroups: [{ id: 'tg', vpc: 'vpc-a', protocol: 'HTTP', port: 8080, targets: [] }] });
    expect(refusedAt(trace(empty, { from: 'internet', to: 'lb:80' }))).toEqual({
      step: { type: 'load-balancer', action: 'no-targets', loadBalancer: 'lb', listener: 'lst', listenerProtocol: 'HTTP', listenerPort: 80, targetGroup: 'tg' },
      detail: 'listener lst (HTTP:80) of lb has no registered targets',
      fix: 'register targets in tg',
    });
    const one = lbTopology({ targetGroups: [{ id: 'tg', vpc: 'vpc-a', protocol: 'HTTP', port: 8080, targets: [{ id: 'web-a' }, { id: 'web-c' }] }] });
    expect(refusedAt(trace(one, { from: 'internet', to: 'web-b', via: 'lb', port: 80 }))).toMatchObject({
      step: { type: 'load-balancer', action: 'target-not-registered', target: 'web-b', listener: 'lst', targetGroup: 'tg' },
      detail: 'web-b is not registered in target group tg (listener lst, HTTP:80); lb never sends it traffic',
      fix: 'register web-b in target group tg',
    });
    expect(refusedAt(trace(one, { from: 'internet', to: 'web-c', via: 'lb', port: 80 }))).toEqual({
      step: { type: 'load-balancer', action: 'zone-not-enabled', loadBalancer: 'lb', target: 'web-c', zone: 'us-east-1c', zones: ['us-east-1a', 'us-east-1b'] },
      detail: 'web-c is in us-east-1c, a zone lb is not enabled in (it has subnets in us-east-1a, us-east-1b); targets there receive no traffic',
      fix: 'add a subnet of us-east-1c to lb',
    });
  });

  it('cross-zone load balancing off, a target failing its health check, a target that is its own client', () => {
    const cross = {
      type: 'load-balancer',
      action: 'cross-zone-disabled',
      loadBalancer: 'lb',
      node: 'n-a',
      nodeZone: 'az-a',
      target: 'web-b',
      zone: 'az-b',
    } as const;
    expect(stepText(cross)).toBe('cross-zone load balancing is off on lb: node n-a in az-a forwards only to targets in az-a, and web-b is in az-b');
    expect(stepFix(cross)).toBe('set crossZone: true on lb, or reach it through its node in az-b');

    const tg = [{ id: 'tg', vpc: 'vpc-a', protocol: 'HTTP', port: 8080, healthCheck: { port: 8081 }, targets: [{ id: 'web-a' }, { id: 'web-b' }] }];
    const data = lbData({ targetGroups: tg });
    (data.securityGroups as Record<string, unknown>[]).push({ id: 'sg-hc', vpc: 'vpc-a', inbound: [{ protocol: 'tcp', ports: 8081, source: 'sg-lb' }] });
    (data.instances as Record<string, unknown>[])[1]!.securityGroups = ['sg-web', 'sg-hc'];
    const sick = refusedAt(trace(loadTopologyFromData(data, 'lb.json').topology!, { from: 'internet', to: 'web-a', via: 'lb', port: 80 }));
    expect(sick).toEqual({
      step: {
        type: 'load-balancer',
        action: 'target-unhealthy',
        loadBalancer: 'lb',
        node: 'ela-lb-pub-a',
        target: 'web-a',
        port: 8081,
        blockedBy: 'sg-web',
        blockedReason: 'ENI_SG_RULES_MISMATCH',
        targetGroup: 'tg',
      },
      detail:
        'web-a fails its health check from node ela-lb-pub-a (port 8081, blocked by sg-web, ENI_SG_RULES_MISMATCH) while other targets pass, and lb routes only to healthy targets',
      fix: 'let the health check through (trace it: --health-check tg --from ela-lb-pub-a --to web-a)',
    });

    const open = [{ protocol: 'tcp', ports: 5000, source: '10.0.0.0/16' }];
    const loop = refusedAt(trace(lbTopology(nlb({ targetSg: open })), { from: 'web-a', to: 'web-a', via: 'lb', port: 5000 }));
    expect(loop).toEqual({
      step: { type: 'load-balancer', action: 'loopback', loadBalancer: 'lb', target: 'web-a', address: '10.0.10.10', targetGroup: 'tg' },
      detail:
        'web-a is both the client and the target: with client IP preservation the packet reaches it from its own address 10.0.10.10, which its operating system drops, so the connection times out',
      fix: 'turn off client IP preservation on tg (or register targets by IP address), or call the load balancer from a host that is not its target',
    });
  });
});

describe('a flow that cannot start, or a reply with no owner', () => {
  const SHOP = readFileSync('scenarios/three-tier.yaml', 'utf8');

  it('from the internet to a private address: with a public IP, trace to it; without, give it one', () => {
    const x = refusedAt(run(SHOP, { from: 'internet', to: '10.0.0.20', port: 443 }).r);
    expect(x).toEqual({
      step: {
        type: 'internet-gateway',
        action: 'private-address',
        gateway: 'igw-shop',
        vpc: 'vpc-shop',
        target: '10.0.0.20',
        owner: 'web-1',
        address: '10.0.0.20',
        publicIp: '54.210.0.20',
      },
      detail: '10.0.0.20 is a private address; the internet reaches web-1 only at its public IP 54.210.0.20',
      fix: 'trace to 54.210.0.20',
    });
    expect(refusedAt(run(SHOP, { from: 'internet', to: 'app-1', port: 443 }).r)).toMatchObject({
      step: { type: 'internet-gateway', action: 'private-address', target: 'app-1', owner: 'app-1', address: '10.0.10.10' },
      detail: 'app-1 has no public IP, so the internet cannot address it (10.0.10.10 is private)',
      fix: 'give app-1 a public IP or Elastic IP in a subnet that routes to an internet gateway, if it should be reachable',
    });
  });

  it('no service at a link-local address; a reply from the internet to an address nobody owns', () => {
    expect(refusedAt(run(SHOP, { from: 'web-1', to: '169.254.1.1', port: 80 }).r)).toEqual({
      step: { type: 'link-local', action: 'no-service', address: '169.254.1.1' },
      detail: 'no AWS service is known at link-local 169.254.1.1; link-local traffic does not leave the host',
      fix: 'the instance metadata service is 169.254.169.254, the Amazon DNS server 169.254.169.253 (or the VPC base address + 2), Amazon Time Sync 169.254.169.123',
    });
    const s = { type: 'internet', action: 'no-owner', address: '198.51.100.7' } as const;
    expect([stepText(s), stepFix(s)]).toEqual(['no interface owns 198.51.100.7', undefined]);
  });

  it('a VPC endpoint does not start connections', () => {
    const t = lbTopology({
      extra: { vpcEndpoints: [{ id: 'vpce-sqs', vpc: 'vpc-a', type: 'interface', service: 'sqs', subnets: ['priv-a'], securityGroups: ['sg-web'] }] },
    });
    expect(refusedAt(trace(t, { from: 'vpce-sqs', to: 'web-b', port: 443 }))).toEqual({
      step: { type: 'vpc-endpoint', endpoint: 'vpce-sqs', action: 'no-initiate', from: 'vpce-sqs' },
      detail: 'vpce-sqs is a VPC endpoint, which does not start connections',
      fix: 'trace the other way: from the client to vpce-sqs',
    });
  });
});
