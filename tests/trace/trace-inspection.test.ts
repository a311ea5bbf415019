// Inspection on the packet walk: an ACCEPT/REJECT pair per semantic, each citing the AWS page it follows.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { symmetricHash } from '../../src/trace/inspection.js';
import { traceVerdict } from '../../src/trace/trace.js';
import { change, load, run } from '../helpers/trace.js';
import { hopDetail } from '../../src/render/trace-detail.js';

const INGRESS = readFileSync('scenarios/ingress-firewall.yaml', 'utf8');
const GWLB = readFileSync('scenarios/gwlb-appliances.yaml', 'utf8');
const CENTRAL = readFileSync('scenarios/centralized-inspection.yaml', 'utf8');
const https = (from: string, to: string, port = 443) => ({ from, to, protocol: 'tcp', port });

describe('gateway route tables (ingress routing)', () => {
  // https://docs.aws.amazon.com/vpc/latest/userguide/gateway-route-tables.html
  it('route traffic entering through the internet gateway to the firewall endpoint first', () => {
    const x = run(INGRESS, https('internet', 'web-a'));
    expect(x.verdict).toBe('ACCEPT');
    expect(x.fwd.slice(0, 5)).toEqual(['internet', 'igw-main', 'rt-igw-ingress', 'vpc-web:default-acl', 'vpce-fw-a']);
  });

  it('without the edge association the same packet goes straight to the instance, and its reply is dropped as asymmetric', () => {
    // https://docs.aws.amazon.com/network-firewall/latest/developerguide/asymmetric-routing.html
    const x = run(change(INGRESS, '    gateways: [igw-main]\n', ''), https('internet', 'web-a'));
    expect(x.fwd).not.toContain('vpce-fw-a');
    expect(x.verdict).toBe('REJECT');
    expect(x.reason).toBe('ASYMMETRIC_ROUTING');
    expect(x.blockedBy).toBe('vpce-fw-a');
  });
});

describe('Network Firewall stateless engine', () => {
  // https://docs.aws.amazon.com/network-firewall/latest/developerguide/stateless-rule-groups-5-tuple.html
  it('a stateless drop rule stops the packet, naming the group and rule', () => {
    const x = run(INGRESS, https('internet', 'web-a', 23));
    expect([x.verdict, x.blockedBy, x.reason]).toEqual(['REJECT', 'fw-ingress', 'FIREWALL_STATELESS_DROP']);
    expect(x.r.explanation).toContain('stateless rule group rg-no-telnet, priority 1');
  });

  it('without the drop rule the packet goes to the stateful engine (and passes there for HTTPS)', () => {
    const x = run(change(INGRESS, "ports: 23, action: 'aws:drop'", "ports: 23, action: 'aws:forward_to_sfe'"), https('internet', 'web-a'));
    expect(x.verdict).toBe('ACCEPT');
  });

  it('a stateless pass skips the stateful engine, so the reply needs its own stateless rule', () => {
    // Stateless rules see each packet on its own: a pass for the request does not cover its reply.
    const oneWay = change(INGRESS, "ports: 23, action: 'aws:drop'", "ports: 22, action: 'aws:pass'");
    const x = run(oneWay, https('internet', 'web-a', 22));
    expect(x.r.forward.hops.some((h) => hopDetail(h).includes('passes (the stateful engine does not see it)'))).toBe(true);
    expect([x.verdict, x.returnVerdict, x.reason]).toEqual(['REJECT', 'REJECT', 'FIREWALL_STATEFUL_DEFAULT_DROP']);
    const both = change(
      oneWay,
      "ports: 22, action: 'aws:pass' }",
      "ports: 22, action: 'aws:pass' }\n      - { priority: 2, protocol: tcp, sourcePorts: 22, action: 'aws:pass' }",
    );
    expect(run(both, https('internet', 'web-a', 22)).verdict).toBe('ACCEPT');
  });
});

describe('Network Firewall stateful engine', () => {
  // https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html
  it('strict order: no rule matches, aws:drop_strict drops', () => {
    const x = run(INGRESS, https('internet', 'web-a', 22));
    expect([x.verdict, x.blockedBy, x.reason]).toEqual(['REJECT', 'fw-ingress', 'FIREWALL_STATEFUL_DEFAULT_DROP']);
  });

  it('strict order without a drop default action passes what no rule matches', () => {
    const x = run(change(INGRESS, "    statefulDefaultActions: ['aws:drop_strict']\n", ''), https('internet', 'web-a', 22));
    expect(x.verdict).toBe('ACCEPT');
  });

  it('strict order: the first matching rule decides, so a drop before a pass drops', () => {
    const text = change(
      INGRESS,
      '      - { protocol: tcp, destination: 10.0.1.0/24, ports: 443, action: PASS }',
      '      - { protocol: tcp, destination: 10.0.1.0/24, ports: 443, action: DROP }\n      - { protocol: tcp, destination: 10.0.1.0/24, ports: 443, action: PASS }',
    );
    const x = run(text, https('internet', 'web-a'));
    expect([x.verdict, x.reason]).toEqual(['REJECT', 'FIREWALL_STATEFUL_DROP']);
    expect(x.r.explanation).toContain('stateful rule group rg-web, rule 1');
  });

  it('default action order: pass rules win over drop rules whatever their place', () => {
    const text = change(
      change(INGRESS, '    statefulEngineOptions: { ruleOrder: STRICT_ORDER }\n', ''),
      "    statefulDefaultActions: ['aws:drop_strict']\n",
      '',
    );
    const dropFirst = change(
      text,
      '      - { protocol: tcp, destination: 10.0.1.0/24, ports: 443, action: PASS }',
      '      - { protocol: tcp, destination: 10.0.1.0/24, ports: 443, action: DROP }\n      - { protocol: tcp, destination: 10.0.1.0/24, ports: 443, action: PASS }',
    );
    expect(run(dropFirst, https('internet', 'web-a')).verdict).toBe('ACCEPT');
    const dropOnly = change(
      text,
      '      - { protocol: tcp, destination: 10.0.1.0/24, ports: 443, action: PASS }',
      '      - { protocol: tcp, destination: 10.0.1.0/24, ports: 443, action: DROP }',
    );
    expect(run(dropOnly, https('internet', 'web-a')).reason).toBe('FIREWALL_STATEFUL_DROP');
  });

  it('a domain list is reported as NOT EVALUATED and the verdict assumes it passes', () => {
    const x = run(INGRESS, https('internet', 'web-a'));
    expect(x.verdict).toBe('ACCEPT');
    expect(hopDetail(x.r.forward.hops.find((h) => hopDetail(h).startsWith('NOT EVALUATED'))!)).toContain('rg-egress-domains (a domain list)');
  });

  it('the reply of a passed flow is admitted as part of it (stateful)', () => {
    const x = run(CENTRAL, https('app-a', 'app-b'));
    expect(x.returnVerdict).toBe('ACCEPT');
    expect(x.r.return!.hops.some((h) => hopDetail(h) === 'stateful engine: reply of an allowed flow')).toBe(true);
  });
});

describe('asymmetric routing around a firewall', () => {
  // https://docs.aws.amazon.com/network-firewall/latest/developerguide/asymmetric-routing.html
  it('a reply that skips the endpoint its request passed is dropped, blaming that endpoint', () => {
    const text = readFileSync('scenarios/broken/VPC029-inspection-asymmetric-route.yaml', 'utf8');
    const x = run(text, https('internet', 'web-b'));
    expect([x.verdict, x.blockedBy, x.reason]).toEqual(['REJECT', 'vpce-fw-b', 'ASYMMETRIC_ROUTING']);
    expect(traceVerdict(load(text), https('internet', 'web-b'))).toMatchObject({ verdict: 'REJECT', blockedBy: 'vpce-fw-b', reason: 'ASYMMETRIC_ROUTING' });
  });

  it('with the reply routed to the same endpoint the flow passes', () => {
    expect(run(INGRESS, https('internet', 'web-b')).verdict).toBe('ACCEPT');
  });

  it("appliance mode off: the reply meets the other zone's endpoint (FIREWALL_ENDPOINT_ZONE_MISMATCH); on, the flow passes", () => {
    const off = run(change(CENTRAL, ', applianceMode: true }', ' }'), https('app-a', 'app-b'));
    expect([off.verdict, off.blockedBy, off.reason]).toEqual(['REJECT', 'vpce-insp-b', 'FIREWALL_ENDPOINT_ZONE_MISMATCH']);
    expect(run(CENTRAL, https('app-a', 'app-b')).verdict).toBe('ACCEPT');
  });
});

describe('Gateway Load Balancer', () => {
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/introduction.html — flow stickiness, symmetric
  it('the same appliance sees both directions, and the addresses are unchanged', () => {
    const x = run(GWLB, https('internet', 'web-a'));
    expect(x.verdict).toBe('ACCEPT');
    const fwdAppliance = x.fwd.find((c) => c.startsWith('fw-'));
    const retAppliance = x.ret.find((c) => c.startsWith('fw-'));
    expect(fwdAppliance).toBeDefined();
    expect(retAppliance).toBe(fwdAppliance);
    const hop = x.r.forward.hops.find((h) => h.component === fwdAppliance)!;
    expect(hop.packet.dst).toBe('10.0.1.10');
  });

  it('an inspection endpoint is a hop, not a destination: tracing to it is a usage error', () => {
    expect(() => run(GWLB, https('web-a', 'vpce-gwlb-a'))).toThrow(
      /Gateway Load Balancer endpoint, which inspects traffic routed through it but is not a destination/,
    );
  });

  it('the flow hash is symmetric', () => {
    const p = { protocol: 6, src: 1, dst: 2, srcPort: 40000, dstPort: 443, icmpType: -1, icmpCode: -1 };
    expect(symmetricHash(p)).toBe(symmetricHash({ ...p, src: 2, dst: 1, srcPort: 443, dstPort: 40000 }));
  });

  it('an appliance rule that drops decides (GWLB_APPLIANCE_DROP); one that allows passes', () => {
    expect(run(GWLB, https('internet', 'web-b', 22))).toMatchObject({ verdict: 'REJECT', blockedBy: 'fw-3', reason: 'GWLB_APPLIANCE_DROP' });
    expect(run(GWLB, https('internet', 'web-b', 80)).verdict).toBe('ACCEPT');
  });

  // https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/target-groups.html — "routes requests to the registered targets that are healthy"
  it("no healthy appliance in the zone: GWLB_NO_HEALTHY_TARGET; cross-zone load balancing uses the other zone's", () => {
    const sick = change(GWLB, 'targets: [fw-1, fw-2, fw-3]', 'targets: [fw-1, fw-2, { id: fw-3, healthy: false }]');
    expect(run(sick, https('internet', 'web-b'))).toMatchObject({ verdict: 'REJECT', blockedBy: 'gwlb-fleet', reason: 'GWLB_NO_HEALTHY_TARGET' });
    const cross = change(sick, '    subnets: [appliance-a, appliance-b]\n', '    subnets: [appliance-a, appliance-b]\n    crossZone: true\n');
    expect(run(cross, https('internet', 'web-b')).verdict).toBe('ACCEPT');
  });

  it('no appliance registered in the zone: GWLB_NO_REGISTERED_TARGET', () => {
    const x = run(change(GWLB, 'targets: [fw-1, fw-2, fw-3]', 'targets: [fw-1, fw-2]'), https('internet', 'web-b'));
    expect([x.verdict, x.reason]).toEqual(['REJECT', 'GWLB_NO_REGISTERED_TARGET']);
  });

  // https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/gateway-load-balancers.html#availability-zones
  it("no load balancer node in the endpoint's zone: GWLB_NO_NODE_IN_ZONE", () => {
    const x = run(change(GWLB, 'subnets: [appliance-a, appliance-b]', 'subnets: [appliance-a]'), https('internet', 'web-b'));
    expect([x.verdict, x.blockedBy, x.reason]).toEqual(['REJECT', 'gwlb-fleet', 'GWLB_NO_NODE_IN_ZONE']);
    expect(run(change(GWLB, 'subnets: [appliance-a, appliance-b]', 'subnets: [appliance-a]'), https('internet', 'web-a')).verdict).toBe('ACCEPT');
  });
});
