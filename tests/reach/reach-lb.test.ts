// reach with load balancers: a node answers only on its listeners' protocols and ports, so listener ports are cuts of
// the load balancer's class. The tracer is the oracle: every flow inside a row traces ACCEPT to the node, every flow of
// the query outside the rows traces REJECT (random and edge flows, over load balancers of every type).
// https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadTopology, type Topology } from '../../src/index.js';
import { type Addr, formatAddr } from '../../src/net/ip.js';
import { reach, ReachInputError } from '../../src/reach/reach.js';
import { runScope, ScopeError } from '../../src/reach/scope.js';
import { allAddresses } from '../../src/reach/sides.js';
import type { ReachRow } from '../../src/reach/types.js';
import { FlowError, trace } from '../../src/trace/trace.js';
import { lbTopology, nlb } from '../helpers/load-balancer-fixture.js';

const PROTOS: Record<string, number> = { tcp: 6, udp: 17, icmp: 1 };

function inRanges(r: [number, number][] | null | undefined, v: number): boolean {
  return !r || r.some(([a, b]) => v >= a && v <= b);
}

function holds(row: ReachRow, src: string, dst: string, proto: number, port: number): boolean {
  if (row.destination.kind !== 'interface' || !row.destination.addresses.includes(dst)) return false;
  if (
    row.source.kind === 'interface'
      ? !row.source.addresses.includes(src)
      : !row.source.cidrs.some((c) => c === `${src}/32` || c === '0.0.0.0/0' || covers(c, src))
  )
    return false;
  if (row.protocol !== 'all' && PROTOS[String(row.protocol)] !== proto && row.protocol !== proto) return false;
  return proto === 6 || proto === 17 ? inRanges(row.ports, port) : true;
}

function covers(cidr: string, ip: string): boolean {
  const [base, len] = cidr.split('/') as [string, string];
  if (base.includes(':') || ip.includes(':')) return false;
  const n = (s: string) => s.split('.').reduce((a, x) => a * 256 + Number(x), 0);
  const size = 2 ** (32 - Number(len));
  return n(ip) >= n(base) && n(ip) < n(base) + size;
}

/** Flows from `srcs` to every node address of `lb`: listener ports and their neighbours, the ends, random ports. */
function check(t: Topology, lbId: string, from: string, srcs: string[]): { checked: number; accepted: number; wrong: string[] } {
  const lb = t.loadBalancers.find((l) => l.id === lbId)!;
  const r = reach(t, { from, to: lbId, srcPorts: '1024-65535' });
  const dsts = lb.nodes.flatMap((n) => allAddresses(n.eni)).map((a: Addr) => formatAddr(a));
  const edges = new Set([0, 1, 65535, ...lb.listeners.flatMap((l) => [l.port - 1, l.port, l.port + 1])]);
  const ports = [...edges, ...fc.sample(fc.integer({ min: 0, max: 65535 }), { numRuns: 12, seed: 5 })];
  let checked = 0;
  let accepted = 0;
  const wrong: string[] = [];
  for (const src of srcs)
    for (const dst of dsts)
      for (const proto of [6, 17, 1])
        for (const port of proto === 1 ? [8] : ports) {
          let res;
          try {
            res = trace(t, { from: src, to: dst, protocol: proto, port, srcPort: 40000, icmpType: 8, icmpCode: 0, explain: false, flowLogs: false });
          } catch (e) {
            if (e instanceof FlowError) continue;
            throw e;
          }
          checked++;
          const want = r.rows.some((row) => holds(row, src, dst, proto, port));
          if (want) accepted++;
          if ((res.verdict === 'ACCEPT') !== want)
            wrong.push(
              `${src} → ${dst} proto ${proto} port ${port}: reach ${want ? 'ACCEPT' : 'REJECT'}, trace ${res.verdict} (${res.blockedBy}: ${res.reason})`,
            );
        }
  return { checked, accepted, wrong };
}

const INTERNET = ['198.18.0.1', '8.8.8.8', '1.1.1.1'];

describe('reach agrees with trace on flows to load balancer nodes', () => {
  it.each([
    [
      'an ALB whose SG admits every TCP port: only listener 80 and 8443 reach it',
      lbTopology({
        lb: { scheme: 'internet-facing' },
        listeners: [
          { id: 'l80', loadBalancer: 'lb', protocol: 'HTTP', port: 80, targetGroup: 'tg' },
          { id: 'l8443', loadBalancer: 'lb', protocol: 'HTTPS', port: 8443, targetGroup: 'tg' },
        ],
      }),
    ],
    [
      'an NLB without security groups, TCP_UDP listener 53',
      lbTopology(
        nlb({
          listeners: [{ id: 'lst', loadBalancer: 'lb', protocol: 'TCP_UDP', port: 53, targetGroup: 'tg' }],
          targetGroups: [{ id: 'tg', vpc: 'vpc-a', protocol: 'TCP_UDP', port: 53, targets: [{ id: 'web-a' }] }],
        }),
      ),
    ],
    [
      'a Classic load balancer, TCP listener 25 to instance port 2525',
      lbTopology({
        lb: { type: 'classic', instances: ['web-a'] },
        listeners: [{ id: 'l25', loadBalancer: 'lb', protocol: 'TCP', port: 25, instancePort: 2525, instanceProtocol: 'TCP' }],
        targetGroups: [],
      }),
    ],
  ])('%s', (_name, t) => {
    const { checked, accepted, wrong } = check(t, 'lb', 'any', [
      '10.0.20.10',
      '10.0.10.10',
      ...(t.loadBalancers[0]!.scheme === 'internet-facing' ? INTERNET : []),
    ]);
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(checked).toBeGreaterThan(100);
    expect(accepted).toBeGreaterThan(4);
  });

  it.each([
    ['scenarios/alb-web.yaml', 'alb-web', 'internet', INTERNET],
    ['scenarios/nlb-client-ip.yaml', 'nlb-svc', 'any', []],
  ])('%s: %s from %s', (file, lb, from, extra) => {
    const t = loadTopology(file).topology!;
    const clients = t.instances.map((i) => formatAddr(i.primary.privateIp!));
    const { checked, wrong } = check(t, lb, from, from === 'internet' ? extra : clients);
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });
});

describe('reach --to <load balancer>', () => {
  const t = lbTopology({
    listeners: [
      { id: 'l80', loadBalancer: 'lb', protocol: 'HTTP', port: 80, targetGroup: 'tg' },
      { id: 'l8443', loadBalancer: 'lb', protocol: 'HTTPS', port: 8443, targetGroup: 'tg' },
    ],
  });

  it('rows end at the nodes, TCP on the listener ports only, though the node SG admits every TCP port', () => {
    const r = reach(t, { from: 'client', to: 'lb', protocol: 'tcp' });
    expect(r.rows.length).toBeGreaterThan(0);
    for (const row of r.rows) {
      expect(row.destination).toMatchObject({ kind: 'interface', id: 'lb' });
      expect(row.ports).toEqual([
        [80, 80],
        [8443, 8443],
      ]);
      expect(row.path).toContain('lb');
    }
  });

  it('a non-listener port is refused by the load balancer (LB_NO_LISTENER), as trace says', () => {
    expect(reach(t, { from: 'client', to: 'lb', protocol: 'tcp', ports: '81-8442' }).rows).toEqual([]);
    const node = formatAddr(t.loadBalancers[0]!.nodes[0]!.eni.privateIp!);
    const r = trace(t, { from: 'client', to: node, protocol: 'tcp', port: 81 });
    expect(r).toMatchObject({ verdict: 'REJECT', blockedBy: 'lb', reason: 'LB_NO_LISTENER' });
  });

  it('--from <load balancer> is refused: its nodes start no connections of their own', () => {
    expect(() => reach(t, { from: 'lb', to: 'web-a' })).toThrow(ReachInputError);
    expect(() => reach(t, { from: 'lb', to: 'web-a' })).toThrow(/starts no connections.*--via lb/);
  });
});

describe('reach --scope with load balancers (through only)', () => {
  const t = lbTopology({ lb: { scheme: 'internet-facing' } });
  const igw = { ResourceStatement: { ResourceTypes: ['AWS::EC2::InternetGateway'] } };

  it('ThroughResources by load balancer id matches the paths to its listener', () => {
    const r = runScope(t, { MatchPaths: [{ Source: igw, ThroughResources: [{ ResourceStatement: { Resources: ['lb'] } }] }] });
    expect(r.findings.length).toBeGreaterThan(0);
    for (const f of r.findings) expect(f.row).toMatchObject({ destination: { id: 'lb' }, ports: [[80, 80]] });
  });

  it('ThroughResources by type: ElasticLoadBalancingV2 matches an ALB, ElasticLoadBalancing (Classic) does not', () => {
    const through = (ty: string) =>
      runScope(t, { MatchPaths: [{ Source: igw, ThroughResources: [{ ResourceStatement: { ResourceTypes: [ty] } }] }] }).findings.length;
    expect(through('AWS::ElasticLoadBalancingV2::LoadBalancer')).toBeGreaterThan(0);
    expect(through('AWS::ElasticLoadBalancing::LoadBalancer')).toBe(0);
  });

  it('a load balancer as Source or Destination is refused by name', () => {
    expect(() => runScope(t, { MatchPaths: [{ Destination: { ResourceStatement: { Resources: ['lb'] } } }] })).toThrow(ScopeError);
    expect(() => runScope(t, { MatchPaths: [{ Source: { ResourceStatement: { Resources: ['lb'] } } }] })).toThrow(/ThroughResources only/);
    expect(() =>
      runScope(t, { MatchPaths: [{ Destination: { ResourceStatement: { ResourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer'] } } }] }),
    ).toThrow(/ThroughResources only/);
  });
});
