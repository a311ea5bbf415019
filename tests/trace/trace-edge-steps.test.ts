// Rejecting hops at the edges of the walk carry what stopped the packet as data; render/ writes their detail and fix.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hopDetail, hopFix, stepFix, stepText } from '../../src/render/trace-detail.js';
import { trace } from '../../src/trace/trace.js';
import type { Hop, TraceResult } from '../../src/trace/types.js';
import { change, load, run } from '../helpers/trace.js';

const blocking = (r: TraceResult): Hop => {
  const path = r.blocking?.path === 'return' ? r.return! : r.forward;
  return path.hops[path.blockedAt!]!;
};

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
