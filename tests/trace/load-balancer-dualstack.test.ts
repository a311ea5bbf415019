// Dualstack load balancers: each node gets an IPv6 address of its subnet, and clients reach the listeners over IPv6.
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-ip-address-type.html
import { describe, expect, it } from 'vitest';
import { loadTopology, loadTopologyText } from '../../src/index.js';
import { reach } from '../../src/reach/reach.js';
import { trace } from '../../src/trace/trace.js';

const base = `version: 1
vpcs:
  - { id: vpc-a, cidr: 10.0.0.0/16, ipv6Cidr: "2600:1f18:1:100::/56" }
subnets:
  - { id: pub-a, vpc: vpc-a, cidr: 10.0.0.0/24, ipv6Cidr: "2600:1f18:1:100::/64", az: us-east-1a, routeTable: rt-pub }
  - { id: pub-b, vpc: vpc-a, cidr: 10.0.1.0/24, ipv6Cidr: "2600:1f18:1:101::/64", az: us-east-1b, routeTable: rt-pub }
  - { id: v4-only, vpc: vpc-a, cidr: 10.0.2.0/24, az: us-east-1c, routeTable: rt-pub }
internetGateways:
  - { id: igw-a, vpc: vpc-a }
routeTables:
  - id: rt-pub
    vpc: vpc-a
    routes:
      - { destination: 0.0.0.0/0, target: igw-a }
      - { destination: "::/0", target: igw-a }
securityGroups:
  - id: sg-lb
    vpc: vpc-a
    inbound:
      - { protocol: tcp, ports: 443, source: 0.0.0.0/0 }
      - { protocol: tcp, ports: all, source: "::/0" }
targetGroups:
  - { id: tg, vpc: vpc-a, protocol: HTTPS, port: 443 }
listeners:
  - { id: l443, loadBalancer: alb, protocol: HTTPS, port: 443, targetGroup: tg }
loadBalancers:
`;

function load(lb: string) {
  return loadTopologyText(base + lb, 'lb.yaml');
}
const lbLine = base.split('\n').length;

describe('dualstack load balancers', () => {
  const r = load(
    `  - { id: alb, type: application, ipAddressType: dualstack, subnets: [pub-a, pub-b], securityGroups: [sg-lb], nodes: [{ subnet: pub-b, ipv6Address: "2600:1f18:1:101::99" }] }\n`,
  );
  const t = r.topology!;

  it('gives each node an IPv6 address: the first free one of its subnet (after the four AWS reserves), or the one given', () => {
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(t.loadBalancers[0]!.nodes.map((n) => n.eni.ipv6Addresses.map(String))).toEqual([
      [String((0x26001f1800010100n << 64n) | 4n)],
      [String((0x26001f1800010101n << 64n) | 0x99n)],
    ]);
  });

  it('ACCEPT from an IPv6 client on the listener port; REJECT at the load balancer on another (LB_NO_LISTENER)', () => {
    const ok = trace(t, { from: '2a00:1450::1', to: '2600:1f18:1:100::4', protocol: 'tcp', port: 443 });
    expect([ok.verdict, ok.loadBalancer?.id, ok.loadBalancer?.listener?.id]).toEqual(['ACCEPT', 'alb', 'l443']);
    const no = trace(t, { from: '2a00:1450::1', to: '2600:1f18:1:100::4', protocol: 'tcp', port: 80 });
    expect([no.verdict, no.blockedBy, no.reason]).toEqual(['REJECT', 'alb', 'LB_NO_LISTENER']);
  });

  it('an IPv6 client reaches <lb>:<port> at the node IPv6 address (the name resolves to it); the node reaches the target over IPv4', () => {
    const r = trace(t, { from: '2a00:1450::1', to: 'alb:443', protocol: 'tcp', port: 443 });
    expect(r.flow.dstIp).toBe('2600:1f18:1:100::4');
    expect(r.loadBalancer?.node.ipv6).toBe('2600:1f18:1:100::4');
    // no targets registered: the listener leg ends at the load balancer
    expect([r.verdict, r.reason]).toEqual(['REJECT', 'LB_NO_TARGETS']);
  });

  it('reach --to <lb> has IPv6 rows on the listener port only, though sg-lb admits every TCP port over IPv6', () => {
    const rows = reach(t, { from: 'internet', to: 'alb', protocol: 'tcp' }).rows;
    const v6 = rows.filter((x) => x.destination.kind === 'interface' && x.destination.addresses.some((a) => a.includes(':')));
    expect(v6.length).toBeGreaterThan(0);
    for (const row of v6) expect(row.ports).toEqual([[443, 443]]);
  });

  it('LB_SUBNET_NO_IPV6: a positioned error at the subnet without an IPv6 CIDR', () => {
    const bad = load(`  - { id: alb, type: application, ipAddressType: dualstack, subnets: [pub-a, v4-only], securityGroups: [sg-lb] }\n`);
    const e = bad.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line} ${d.code} ${d.message}`);
    expect(e).toEqual([
      `${lbLine} LB_SUBNET_NO_IPV6 subnet 'v4-only' of dualstack load balancer 'alb' has no IPv6 CIDR; a dualstack load balancer's subnets need one`,
    ]);
  });

  it('an ipv6Address on a node of an ipv4 load balancer is an error', () => {
    const bad = load(
      `  - { id: alb, type: application, subnets: [pub-a, pub-b], securityGroups: [sg-lb], nodes: [{ subnet: pub-a, ipv6Address: "2600:1f18:1:100::9" }] }\n`,
    );
    expect(bad.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['INVALID_VALUE']);
  });
});

// AWS allowed only TCP and TLS listeners on a dualstack network load balancer until 2024, then added UDP
// (https://aws.amazon.com/blogs/networking-and-content-delivery/accelerate-ipv6-application-migration-with-aws-privatelink-and-dual-stack-network-load-balancers-udp-support);
// the dualstack requirements name no listener protocol (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-ip-address-type.html)
describe('UDP and TCP_UDP listeners on a dualstack network load balancer', () => {
  const r = loadTopology('tests/fixtures/lb/dualstack-nlb-udp.yaml');
  const t = r.topology!;

  it('bind without an error (no refusal: AWS supports them)', () => {
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(t.loadBalancers[0]!.listeners.map((l) => l.protocol)).toEqual(['UDP', 'TCP_UDP']);
  });

  it('ACCEPT: an IPv6 client over UDP to the node IPv6 address, on to the IPv4 target; REJECT on a port without a UDP listener', () => {
    const ok = trace(t, { from: '2a00:1450::1', to: 'nlb-dns:53', protocol: 'udp', port: 53 });
    expect([ok.verdict, ok.loadBalancer?.listener?.id, ok.flow.dstIp]).toEqual(['ACCEPT', 'lst-udp', '2600:1f18:1:100::4']);
    expect(ok.loadBalancer?.targets?.[0]).toMatchObject({ target: 'dns-a', verdict: 'ACCEPT', sourceIp: '10.0.0.4' });
    const both = trace(t, { from: '2a00:1450::1', to: 'nlb-dns:5353', protocol: 'udp', port: 5353 });
    expect([both.verdict, both.loadBalancer?.listener?.id]).toEqual(['ACCEPT', 'lst-both']);
    const no = trace(t, { from: '2a00:1450::1', to: '2600:1f18:1:100::4', protocol: 'udp', port: 54 });
    expect([no.verdict, no.blockedBy, no.reason]).toEqual(['REJECT', 'nlb-dns', 'LB_NO_LISTENER']);
  });
});
