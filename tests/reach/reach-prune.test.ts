// The shortcuts reach and exposure take (acceptedOnly: ports and ICMP types no security group of either end can
// admit are left out before any trace, refused classes are counted rather than kept, and port cuts come only from
// rules whose peers a class can meet) must not change what gets through. The engine without them classifies every
// packet by the tracer; both answers must accept exactly the same packets: every corner of every accepted class of
// one (first and last address, port, source port, ICMP type and code) lies in an accepted class of the other.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateTopology, loadTopology, loadTopologyFromData, type GenerateOptions, type Topology } from '../../src/index.js';
import { Engine, type EngineOptions } from '../../src/reach/engine.js';
import { resolveSide } from '../../src/reach/sides.js';
import type { Cell, Classified } from '../../src/reach/types.js';
import type { RangeSet } from '../../src/reach/sets.js';

type Packet = { src: string; dst: string; fields: bigint[] };

const FIELDS = ['src', 'dst', 'protocols', 'ports', 'srcPorts', 'icmpTypes', 'icmpCodes'] as const;

const endKey = (e: Classified['src']) => (e.kind === 'interface' ? e.eni.id : `ext:${e.network}`);
const inSet = (s: RangeSet, v: bigint) => s.some(([lo, hi]) => v >= lo && v <= hi);

function corners(c: Classified): Packet[] {
  const out: Packet[] = [];
  const cell = c.cell as Cell;
  // first and last value of each field, the others at their first value
  for (let f = 0; f < FIELDS.length; f++) {
    for (const pick of ['lo', 'hi'] as const) {
      const fields = FIELDS.map((k, i) => {
        const s = cell[k];
        return i === f && pick === 'hi' ? s[s.length - 1]![1] : s[0]![0];
      });
      out.push({ src: endKey(c.src), dst: endKey(c.dst), fields });
    }
  }
  return out;
}

function holds(classes: Classified[], p: Packet): boolean {
  return classes.some((c) => endKey(c.src) === p.src && endKey(c.dst) === p.dst && FIELDS.every((k, i) => inSet(c.cell[k], p.fields[i]!)));
}

const accepted = (cs: Classified[]) => cs.filter((c) => c.outcome.verdict === 'ACCEPT' && !c.outcome.natPortDependent);

function compare(t: Topology, from: string, to: string, srcPorts: RangeSet): string[] {
  const opts: EngineOptions = { ports: [[0n, 65535n]], srcPorts };
  const f = resolveSide(t, from, '--from');
  const d = resolveSide(t, to, '--to');
  const full = accepted(new Engine(t).run(f, d, opts));
  const pruned = new Engine(t).run(f, d, { ...opts, acceptedOnly: true });
  const wrong: string[] = [];
  // undetermined classes are kept whatever their verdict: they must stay undetermined
  for (const c of pruned)
    if (c.outcome.verdict === 'REJECT' && !c.outcome.natPortDependent) wrong.push(`kept a refused class ${endKey(c.src)} → ${endKey(c.dst)}`);
  const say = (p: Packet, which: string) =>
    `${from} → ${to}: ${p.src} → ${p.dst} ${FIELDS.map((k, i) => `${k}=${p.fields[i]}`).join(' ')} accepted by the ${which} engine only`;
  for (const c of full) for (const p of corners(c)) if (!holds(accepted(pruned), p)) wrong.push(say(p, 'full'));
  for (const c of accepted(pruned)) for (const p of corners(c)) if (!holds(full, p)) wrong.push(say(p, 'narrowed'));
  return wrong;
}

function queries(t: Topology): [string, string, RangeSet][] {
  const ids = t.instances.map((i) => i.id);
  const some = ids.filter((_, i) => i % Math.max(1, Math.floor(ids.length / 4)) === 0);
  return [
    ...some.map((id): [string, string, RangeSet] => ['any', id, [[0n, 65535n]]]),
    ...some.map((id): [string, string, RangeSet] => [id, 'any', [[1024n, 65535n]]]),
    ['internet', 'any', [[1024n, 65535n]]],
  ];
}

const scenarios = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));

describe('narrowed classification accepts exactly what the full one accepts', () => {
  it.each(scenarios)('scenario %s', (file) => {
    const t = loadTopology(`scenarios/${file}`).topology!;
    const wrong = queries(t).flatMap(([from, to, sp]) => compare(t, from, to, sp));
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it.each<GenerateOptions>([
    { vpcs: 2, subnetsPerVpc: 4, instancesPerSubnet: 1, hub: 'tgw', sgRules: 60, naclRules: 40, seed: 3 },
    { vpcs: 3, subnetsPerVpc: 3, instancesPerSubnet: 2, hub: 'peering-mesh', sgRules: 50, naclRules: 50, seed: 11 },
  ])('generated %o', (opts) => {
    const t = loadTopologyFromData(generateTopology(opts)).topology!;
    const wrong = queries(t).flatMap(([from, to, sp]) => compare(t, from, to, sp));
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});

// The source index lists, from every interface, only senders a receiver's groups can admit (or whose routes leave
// it open). It must give the engine the same pairs as testing every interface: same classes, same order, same traces.
describe('listing sources through the index changes nothing', () => {
  const describeClass = (c: Classified) =>
    [endKey(c.src), endKey(c.dst), c.outcome.verdict, c.outcome.path.join('>'), FIELDS.map((k) => String(c.cell[k])).join(' ')].join(' | ');

  function differences(t: Topology): string[] {
    // a spread of instances, and a few groups and subnets (several receivers at once)
    const spread = <T>(xs: T[], n: number) => xs.filter((_, i) => i % Math.max(1, Math.ceil(xs.length / n)) === 0);
    const targets = [
      ...spread(
        t.instances.map((i) => i.id),
        6,
      ),
      ...spread(
        t.securityGroups.map((g) => `sg:${g.id}`),
        2,
      ),
      ...spread(
        t.subnets.map((s) => `subnet:${s.id}`),
        2,
      ),
    ];
    const wrong: string[] = [];
    for (const to of targets) {
      const f = resolveSide(t, 'any', '--from');
      const d = resolveSide(t, to, '--to');
      for (const acceptedOnly of [true, false]) {
        const opts: EngineOptions = { ports: [[0n, 65535n]], srcPorts: [[1024n, 65535n]], acceptedOnly };
        const indexed = new Engine(t);
        const scanned = new Engine(t);
        const a = indexed.run(f, d, opts).map(describeClass);
        const b = scanned.run(f, d, { ...opts, scanSources: true }).map(describeClass);
        if (a.join('\n') !== b.join('\n') || indexed.traces !== scanned.traces)
          wrong.push(
            `any → ${to} (acceptedOnly ${acceptedOnly}): ${a.length} classes, ${indexed.traces} traces through the index; ${b.length}, ${scanned.traces} testing every interface`,
          );
      }
    }
    return wrong;
  }

  it.each(scenarios)('scenario %s', (file) => {
    const t = loadTopology(`scenarios/${file}`).topology!;
    expect(differences(t).slice(0, 5)).toEqual([]);
  });

  it.each<GenerateOptions>([
    { vpcs: 3, subnetsPerVpc: 3, instancesPerSubnet: 2, hub: 'tgw', sgRules: 40, naclRules: 30, seed: 5 },
    { vpcs: 3, subnetsPerVpc: 2, instancesPerSubnet: 2, hub: 'peering-mesh', sgRules: 30, naclRules: 30, seed: 8 },
  ])('generated %o', (opts) => {
    const t = loadTopologyFromData(generateTopology(opts)).topology!;
    expect(differences(t).slice(0, 5)).toEqual([]);
  });
});
