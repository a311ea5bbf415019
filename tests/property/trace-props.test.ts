// Property tests of the tracer on small generated topologies: a few VPCs, subnets and instances with random
// security-group and network-ACL rules and routes (internet gateway, peering, appliances), valid by construction.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadTopologyFromData, type Topology } from '../../src/index.js';
import { trace } from '../../src/trace/trace.js';
import type { TraceResult } from '../../src/trace/types.js';

type Obj = Record<string, unknown>;
interface Gen {
  data: Obj & { networkAcls: (Obj & { inbound: Obj[]; outbound: Obj[] })[]; securityGroups: (Obj & { inbound: Obj[] })[] };
  endpoints: string[];
}

function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const chance = (p: number) => next() < p;
  return { int, pick, chance };
}

const PORTS = [22, 80, 443, 5432, 8080] as const;

/**
 * A random topology. `symmetric`: default (allow-all) network ACLs, every peering routed both ways, every subnet of a
 * VPC with an internet gateway routed to it, no appliances — so whatever passes one way can come back.
 */
function generate(seed: number, symmetric: boolean): Gen {
  const r = rng(seed);
  const nv = 1 + r.int(3);
  const vpcs: Obj[] = [];
  const subnets: Obj[] = [];
  const igws: Obj[] = [];
  const pcxs: Obj[] = [];
  const rts: (Obj & { routes: Obj[] })[] = [];
  const acls: Gen['data']['networkAcls'] = [];
  const sgs: Gen['data']['securityGroups'] = [];
  const instances: Obj[] = [];
  const endpoints: string[] = ['internet'];
  const subnetsOf: string[][] = [];
  const hasIgw: boolean[] = [];
  const cidrs = ['0.0.0.0/0', '10.0.0.0/8', '10.0.0.0/16', '10.1.0.0/16', '10.0.1.0/24', '10.1.1.0/24', '203.0.113.0/24'];
  for (let v = 0; v < nv; v++) {
    vpcs.push({ id: `vpc-${v}`, cidr: `10.${v}.0.0/16` });
    hasIgw[v] = r.chance(0.7);
    if (hasIgw[v]) igws.push({ id: `igw-${v}`, vpc: `vpc-${v}` });
    subnetsOf[v] = [];
    sgs.push({ id: `sg-${v}-a`, vpc: `vpc-${v}`, inbound: [] }, { id: `sg-${v}-b`, vpc: `vpc-${v}`, inbound: [] });
  }
  for (let a = 0; a < nv; a++)
    for (let b = a + 1; b < nv; b++)
      if (r.chance(0.6))
        pcxs.push({ id: `pcx-${a}${b}`, requesterVpc: `vpc-${a}`, accepterVpc: `vpc-${b}`, ...(r.chance(0.2) ? { status: 'pending-acceptance' } : {}) });
  for (let v = 0; v < nv; v++) {
    const ns = 1 + r.int(3);
    for (let s = 0; s < ns; s++) {
      const id = `sub-${v}-${s}`;
      subnetsOf[v]!.push(id);
      const acl = !symmetric && r.chance(0.6) ? `acl-${v}-${s}` : undefined;
      subnets.push({
        id,
        vpc: `vpc-${v}`,
        cidr: `10.${v}.${s}.0/24`,
        az: r.pick(['us-east-1a', 'us-east-1b']),
        routeTable: `rt-${v}-${s}`,
        ...(acl ? { networkAcl: acl } : {}),
      });
      if (acl) {
        const rules = (dir: string) =>
          Array.from({ length: r.int(5) }, (_, i) => {
            const proto = r.pick(['tcp', 'tcp', 'udp', 'all', 'icmp']);
            const lo = r.pick([0, 22, 80, 443, 1024, 5432]);
            const ports = proto === 'tcp' || proto === 'udp' ? { ports: r.chance(0.3) ? `${lo}-65535` : `${lo}` } : {};
            return {
              rule: (i + 1) * 10 + r.int(10),
              protocol: proto,
              ...ports,
              ...(proto === 'icmp' ? { icmpType: -1, icmpCode: -1 } : {}),
              cidr: r.pick(cidrs),
              action: r.chance(0.7) ? 'allow' : 'deny',
              description: dir,
            };
          });
        acls.push({ id: acl, vpc: `vpc-${v}`, inbound: rules('in'), outbound: rules('out') });
      }
      const routes: Obj[] = [];
      if (hasIgw[v] && (symmetric || r.chance(0.7))) routes.push({ destination: '0.0.0.0/0', target: `igw-${v}` });
      for (const p of pcxs) {
        const other =
          p.requesterVpc === `vpc-${v}` ? Number(String(p.accepterVpc).slice(4)) : p.accepterVpc === `vpc-${v}` ? Number(String(p.requesterVpc).slice(4)) : -1;
        if (other >= 0 && (symmetric || r.chance(0.7))) routes.push({ destination: `10.${other}.0.0/16`, target: p.id });
      }
      rts.push({ id: `rt-${v}-${s}`, vpc: `vpc-${v}`, routes });
      const ni = 1 + r.int(2);
      for (let k = 0; k < ni; k++) {
        const iid = `i-${v}-${s}-${k}`;
        const pub = hasIgw[v] && r.chance(0.5) ? { publicIp: `54.${v}.${s}.${10 + k}` } : {};
        instances.push({
          id: iid,
          subnet: id,
          privateIp: `10.${v}.${s}.${10 + k}`,
          ...pub,
          securityGroups: [r.pick([`sg-${v}-a`, `sg-${v}-b`])],
          ...(!symmetric && r.chance(0.2) ? { sourceDestCheck: false } : {}),
        });
        endpoints.push(iid);
        if ('publicIp' in pub) endpoints.push(pub.publicIp);
      }
    }
  }
  // appliance routes (may form loops): a subnet's traffic for another VPC or the internet through an instance of another subnet
  if (!symmetric) {
    for (const rt of rts) {
      if (!r.chance(0.25)) continue;
      const v = Number(String(rt.vpc).slice(4));
      const target = r.pick(instances.filter((i) => String(i.subnet).startsWith(`sub-${v}-`)));
      const dest = r.pick(['0.0.0.0/0', '203.0.113.0/24', '10.9.0.0/16']);
      rt.routes = rt.routes.filter((x) => x.destination !== dest);
      rt.routes.push({ destination: dest, target: target.id });
    }
  }
  for (const sg of sgs) {
    const v = Number(String(sg.vpc).slice(3, String(sg.vpc).length));
    void v;
    const n = r.int(4);
    for (let i = 0; i < n; i++) {
      const proto = r.pick(['tcp', 'tcp', 'udp', 'all', 'icmp']);
      const ports = proto === 'tcp' || proto === 'udp' ? { ports: r.pick(PORTS) } : {};
      const source = r.chance(0.3) ? r.pick(sgs.filter((g) => g.vpc === sg.vpc)).id : r.pick(cidrs);
      sg.inbound.push({ protocol: proto, ...ports, ...(proto === 'icmp' ? { icmpType: -1, icmpCode: -1 } : {}), source });
    }
    if (!symmetric && r.chance(0.2)) sg.outbound = [{ protocol: 'tcp', ports: r.pick(PORTS), destination: r.pick(cidrs) }];
  }
  return {
    data: {
      version: 1,
      name: `p${seed}`,
      region: 'us-east-1',
      vpcs,
      subnets,
      internetGateways: igws,
      peeringConnections: pcxs,
      routeTables: rts,
      networkAcls: acls,
      securityGroups: sgs,
      instances,
    },
    endpoints,
  };
}

function bind(data: Obj): Topology {
  const b = loadTopologyFromData(structuredClone(data), 'gen.json');
  const errors = b.diagnostics.filter((d) => d.severity === 'error');
  expect(errors.map((d) => d.message)).toEqual([]);
  return b.topology!;
}

const flowArb = fc.record({
  a: fc.nat(),
  b: fc.nat(),
  protocol: fc.constantFrom('tcp', 'tcp', 'udp', 'icmp'),
  port: fc.constantFrom(...PORTS),
  srcPort: fc.constantFrom(1000, 32768, 49152, 60999),
});
type Flow = { a: number; b: number; protocol: string; port: number; srcPort: number };

/** Trace between two generated endpoints; undefined when the pair is not a traceable flow (e.g. internet → internet). */
function traceFlow(t: Topology, g: Gen, f: Flow): TraceResult | undefined {
  const from = g.endpoints[f.a % g.endpoints.length]!;
  const to = g.endpoints[f.b % g.endpoints.length]!;
  if (from === to) return undefined;
  if (from === 'internet' && (to === 'internet' || !/^\d/.test(to))) return undefined;
  if (/^\d/.test(from) && /^\d/.test(to)) return undefined;
  try {
    return trace(t, { from, to, protocol: f.protocol, port: f.port, srcPort: f.srcPort });
  } catch (e) {
    if (e instanceof Error && /one end must be inside|the same interface/.test(e.message)) return undefined;
    throw e;
  }
}

const components = (r: TraceResult) => [...r.forward.hops, ...(r.return?.hops ?? [])].map((h) => h.component);

describe('tracer properties on generated topologies', () => {
  it('every trace terminates with a verdict, and a REJECT names a component on the forward or return path', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(flowArb, { minLength: 1, maxLength: 6 }), (seed, flows) => {
        const g = generate(seed, false);
        const t = bind(g.data);
        for (const f of flows) {
          const r = traceFlow(t, g, f);
          if (!r) continue;
          expect(['ACCEPT', 'REJECT']).toContain(r.verdict);
          expect(r.forward.hops.length + (r.return?.hops.length ?? 0)).toBeLessThan(400);
          if (r.verdict === 'REJECT') {
            expect(r.blockedBy).not.toBeNull();
            expect(r.reason).toMatch(/^[A-Z0-9_]+$/);
            expect(components(r)).toContain(r.blockedBy);
          } else {
            expect(r.blockedBy).toBeNull();
            expect(r.forward.verdict).toBe('ACCEPT');
            if (r.return) expect(r.return.verdict).toBe('ACCEPT');
          }
        }
      }),
      { numRuns: 250 },
    );
  });

  it('removing a deny NACL rule never turns ACCEPT into REJECT', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), flowArb, fc.nat(), (seed, f, which) => {
        const g = generate(seed, false);
        const r = traceFlow(bind(g.data), g, f);
        if (!r || r.verdict !== 'ACCEPT') return;
        const denies = g.data.networkAcls.flatMap((acl) =>
          (['inbound', 'outbound'] as const).flatMap((dir) => acl[dir].map((rule, i) => ({ acl, dir, rule, i })).filter((x) => x.rule.action === 'deny')),
        );
        if (denies.length === 0) return;
        const d = denies[which % denies.length]!;
        d.acl[d.dir].splice(d.i, 1);
        const after = traceFlow(bind(g.data), g, f)!;
        expect(after.verdict).toBe('ACCEPT');
      }),
      { numRuns: 300 },
    );
  });

  it('adding a security-group allow rule never turns ACCEPT into REJECT', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        flowArb,
        fc.nat(),
        fc.record({
          protocol: fc.constantFrom('tcp', 'udp', 'all', 'icmp'),
          port: fc.constantFrom(...PORTS),
          source: fc.constantFrom('0.0.0.0/0', '10.0.0.0/8', '10.1.0.0/16', '203.0.113.0/24'),
        }),
        (seed, f, which, rule) => {
          const g = generate(seed, false);
          const r = traceFlow(bind(g.data), g, f);
          if (!r || r.verdict !== 'ACCEPT') return;
          const sg = g.data.securityGroups[which % g.data.securityGroups.length]!;
          sg.inbound.push({
            protocol: rule.protocol,
            ...(rule.protocol === 'tcp' || rule.protocol === 'udp' ? { ports: rule.port } : {}),
            ...(rule.protocol === 'icmp' ? { icmpType: -1, icmpCode: -1 } : {}),
            source: rule.source,
          });
          const after = traceFlow(bind(g.data), g, f)!;
          expect(after.verdict).toBe('ACCEPT');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('in a symmetric setup (allow-all NACLs, routes both ways) a forward ACCEPT comes back ACCEPT', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(flowArb, { minLength: 1, maxLength: 6 }), (seed, flows) => {
        const g = generate(seed, true);
        const t = bind(g.data);
        for (const f of flows) {
          const r = traceFlow(t, g, f);
          if (!r || r.forward.verdict !== 'ACCEPT') continue;
          accepted++;
          expect(r.return, JSON.stringify(r.forward.hops.map((h) => h.component))).not.toBeNull();
          expect(
            r.return!.verdict,
            JSON.stringify({ fwd: r.forward.hops.map((h) => h.component), ret: r.return!.hops.map((h) => [h.component, h.reason]) }),
          ).toBe('ACCEPT');
          expect(r.verdict).toBe('ACCEPT');
        }
      }),
      { numRuns: 250 },
    );
    // the property is not vacuous
    expect(accepted).toBeGreaterThan(50);
  });
});
