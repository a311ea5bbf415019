// Property: the verdict-only tracer (compiled rule indexes, no hop records) and the explaining tracer (the rule
// objects, walked in order) agree on verdict, blockedBy and reason for every flow of random estates. The estates
// are generated ones with random extra NACL and security-group rules (any protocol, port range, CIDR, group or
// prefix-list peer, rule number) so that first-match order, port classes and interval merging are all exercised,
// and with their internet egress disturbed (instances without public IPs, private NAT gateways, blackhole and
// looping routes in a NAT gateway's subnet) so that the compiled NAT gateway and internet gateway paths meet every
// outcome; flows to internet addresses, private and shared (RFC 6598) ones included, and the word `internet`.
import { outcome } from '../helpers/trace.js';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateTopology, loadTopologyFromData, sampleFlows } from '../../src/index.js';
import type { GeneratedTopology } from '../../src/generate/generate.js';
import { trace, traceVerdict, type FlowSpec } from '../../src/trace/trace.js';
import { VerdictBatch } from '../../src/trace/compiled-batch.js';
import { traceColumns, VERDICTS } from '../../src/cli/batch-run.js';
import { mulberry32, type Rng } from '../../src/generate/rng.js';
import { formatPrefix, makePrefix } from '../../src/net/ip.js';

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const PROTOCOLS = ['tcp', 'udp', 'all', 'icmp', '6', '17', '50'];
const PORTS = [22, 53, 80, 443, 1024, 3306, 5432, 8080, 32768, 49152, 65535];

function randomCidr(rng: Rng, t: GeneratedTopology): string {
  const r = rng();
  if (r < 0.15) return '0.0.0.0/0';
  if (r < 0.35) return pick(rng, t.vpcs).cidr;
  if (r < 0.55) return pick(rng, t.subnets).cidr;
  if (r < 0.75 && t.instances.length) return `${pick(rng, t.instances).privateIp}/32`;
  const len = pick(rng, [8, 12, 16, 20, 24, 28]);
  return formatPrefix(makePrefix(4, ((pick(rng, [10, 172, 192, 54, 93]) << 24) | int(rng, 1 << 24)) >>> 0, len));
}

function randomPorts(rng: Rng): number | string | undefined {
  const r = rng();
  if (r < 0.3) return undefined;
  if (r < 0.65) return pick(rng, PORTS);
  const a = pick(rng, PORTS);
  const b = pick(rng, PORTS);
  return `${Math.min(a, b)}-${Math.max(a, b)}`;
}

/** Adds random rules to a generated estate (in place). */
function roughen(t: GeneratedTopology, rng: Rng): void {
  for (const acl of t.networkAcls ?? []) {
    for (const dir of ['inbound', 'outbound'] as const) {
      const used = new Set(acl[dir].map((r) => r.rule));
      for (let k = int(rng, 6); k > 0; k--) {
        const rule = 1 + int(rng, 400);
        if (used.has(rule)) continue;
        used.add(rule);
        const protocol = pick(rng, PROTOCOLS);
        const ported = protocol === 'tcp' || protocol === 'udp' || protocol === '6' || protocol === '17';
        acl[dir].push({
          rule,
          protocol,
          ...(ported ? { ports: randomPorts(rng) ?? '0-65535' } : {}),
          ...(protocol === 'icmp' ? { icmpType: -1, icmpCode: -1 } : {}),
          cidr: randomCidr(rng, t),
          action: rng() < 0.5 ? 'allow' : 'deny',
        });
      }
    }
  }
  const sources = (vpc: string) => {
    const r = rng();
    // a group of the same VPC (references across VPCs need peering)
    if (r < 0.35)
      return pick(
        rng,
        t.securityGroups.filter((g) => g.vpc === vpc),
      ).id;
    if (r < 0.5 && t.prefixLists.length) return pick(rng, t.prefixLists).id;
    return randomCidr(rng, t);
  };
  const sgRule = (vpc: string) => {
    const protocol = pick(rng, PROTOCOLS);
    const ported = protocol === 'tcp' || protocol === 'udp' || protocol === '6' || protocol === '17';
    const ports = ported ? randomPorts(rng) : undefined;
    return { protocol, ...(ported ? { ports: ports ?? '0-65535' } : {}), source: sources(vpc) };
  };
  for (const g of t.securityGroups as (GeneratedTopology['securityGroups'][number] & { outbound?: unknown[] })[]) {
    for (let k = int(rng, 4); k > 0; k--) g.inbound.push(sgRule(g.vpc));
    if (rng() < 0.3) {
      g.outbound = Array.from({ length: 1 + int(rng, 3) }, () => {
        const { source, ...rest } = sgRule(g.vpc);
        return { ...rest, destination: source };
      });
    }
  }
}

/** Disturbs the way to the internet (in place): public IPs taken away, NAT gateways made private, routes broken. */
function disturbEgress(t: GeneratedTopology, rng: Rng): void {
  for (const i of t.instances) if (i.publicIp && rng() < 0.3) delete i.publicIp;
  const nats = (t.natGateways ?? []) as { id: string; subnet: string; publicIp?: string; connectivity?: string }[];
  for (const n of nats) {
    if (rng() < 0.15) {
      delete n.publicIp;
      n.connectivity = 'private';
    }
  }
  // ephemeral-port rules in the ACLs the replies cross (a NAT gateway's translated port, an instance's source port)
  for (const acl of t.networkAcls ?? []) {
    if (rng() < 0.5) continue;
    const used = new Set(acl.inbound.map((r) => r.rule));
    const rule = 1 + int(rng, 30);
    if (used.has(rule)) continue;
    const lo = 1024 + int(rng, 50000);
    acl.inbound.push({
      rule,
      protocol: pick(rng, ['tcp', 'udp']),
      ports: `${lo}-${Math.min(65535, lo + int(rng, 30000))}`,
      cidr: pick(rng, ['0.0.0.0/0', '0.0.0.0/1', '64.0.0.0/2']),
      action: rng() < 0.7 ? 'deny' : 'allow',
    });
  }
  const rtOf = new Map(t.subnets.map((s) => [s.id, s.routeTable]));
  const done = new Set<string | undefined>();
  for (const n of nats) {
    // NAT gateways of one VPC share the public route table: disturbed once
    if (done.has(rtOf.get(n.subnet))) continue;
    done.add(rtOf.get(n.subnet));
    const rt = t.routeTables.find((r) => r.id === rtOf.get(n.subnet));
    const def = rt?.routes?.find((r) => r.destination === '0.0.0.0/0');
    if (!def) continue;
    const r = rng();
    // a blackhole in the NAT gateway's subnet, or its translated traffic sent back to it
    if (r < 0.1) {
      const at = rt!.routes!.indexOf(def);
      rt!.routes![at] = { destination: def.destination, blackhole: true } as unknown as typeof def;
    } else if (r < 0.2) def.target = n.id;
    else if (r < 0.25) rt!.routes!.splice(rt!.routes!.indexOf(def), 1);
  }
}

function randomFlows(t: GeneratedTopology, rng: Rng, n: number): FlowSpec[] {
  const ids = t.instances.map((i) => i.id);
  const out: FlowSpec[] = sampleFlows(t, n, int(rng, 1000)).map(({ from, to, protocol, port }) => ({ from, to, protocol, port }));
  if (!ids.length) return out;
  for (let k = 0; k < n; k++) {
    const r = rng();
    const to =
      r < 0.6
        ? pick(rng, ids)
        : r < 0.8
          ? pick(rng, ['93.184.216.34', '8.8.8.8', 'internet', '1.1.1.1', '192.168.77.9', '100.64.3.4', '172.31.255.200'])
          : `${pick(rng, t.instances).privateIp.split('.').slice(0, 3).join('.')}.${int(rng, 256)}`;
    out.push({
      from: pick(rng, ids),
      to,
      protocol: pick(rng, ['tcp', 'tcp', 'udp', 'icmp', 'all']),
      port: pick(rng, PORTS),
      srcPort: rng() < 0.2 ? pick(rng, PORTS) : undefined,
    });
  }
  return out;
}

describe('compiled and explained tracing agree', () => {
  it('same verdict, blockedBy and reason on random estates and flows', () => {
    const params = fc.record({
      vpcs: fc.integer({ min: 1, max: 5 }),
      subnetsPerVpc: fc.integer({ min: 1, max: 4 }),
      instancesPerSubnet: fc.integer({ min: 1, max: 3 }),
      hub: fc.constantFrom('tgw' as const, 'peering-mesh' as const, 'none' as const),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    });
    let compared = 0;
    let rejects = 0;
    let onCompiledPath = 0;
    let toInternet = 0;
    let internetCompiled = 0;
    let internetRejects = 0;
    fc.assert(
      fc.property(params, (p) => {
        const data = generateTopology(p);
        const rng = mulberry32(p.seed);
        roughen(data, rng);
        disturbEgress(data, rng);
        const t = loadTopologyFromData(data).topology;
        const r = loadTopologyFromData(data);
        expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
        const batch = new VerdictBatch(t!);
        const flows = randomFlows(data, rng, 40);
        const answers: unknown[] = [];
        for (const f of flows) {
          const explained = outcome(() => trace(t!, { ...f, explain: true }));
          answers.push(explained);
          const compiled = outcome(() => traceVerdict(t!, f));
          expect(compiled, JSON.stringify(f)).toEqual(explained);
          // what trace --batch runs: endpoints resolved once, plain interface pairs straight to the compiled walk
          const before = batch.compiled;
          expect(
            outcome(() => batch.verdict(f)),
            JSON.stringify(f),
          ).toEqual(explained);
          if (!data.instances.some((i) => i.id === f.to)) {
            toInternet++;
            if (batch.compiled > before) {
              internetCompiled++;
              if ((explained as { verdict?: string }).verdict === 'REJECT') internetRejects++;
            }
          }
          compared++;
          if ((explained as { verdict?: string }).verdict === 'REJECT') rejects++;
        }
        onCompiledPath += batch.compiled;
        // the batch runner of trace --batch: compiled arguments of every flow first, then traced in locality order
        const columns = traceColumns(
          t!,
          flows.map((f, line) => ({ ...f, protocol: f.protocol as string | undefined, line })),
        );
        flows.forEach((f, i) => {
          const v = VERDICTS[columns.verdict[i]!];
          const got = v === 'ERROR' ? 'ERROR' : { verdict: v, blockedBy: columns.blockedBy[i], reason: columns.reason[i] };
          const explained = answers[i] as { error?: string };
          expect(got, JSON.stringify(f)).toEqual(explained.error !== undefined ? 'ERROR' : explained);
        });
      }),
      { numRuns: 25 },
    );
    // most flows between instances must be decided on the compiled path, or the comparison tests the fallback only
    expect(onCompiledPath).toBeGreaterThan(compared / 4);
    // flows to the internet (through NAT gateways and internet gateways) must be decided on the compiled path too,
    // with both outcomes
    expect(internetCompiled).toBeGreaterThan(toInternet / 10);
    expect(internetRejects).toBeGreaterThan(0);
    expect(internetRejects).toBeLessThan(internetCompiled);
    // the estates must give both outcomes, or the property says little
    expect(rejects).toBeGreaterThan(compared / 10);
    expect(rejects).toBeLessThan(compared * 0.95);
  });
});
