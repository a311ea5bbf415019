// exposure classifies the senders of alike subnets (same VPC, route table and network ACL) towards the internet as one
// class, with or without public addresses, and divides a class by subnet where a trace passes a zone-dependent
// component or a device in one of its subnets (src/reach/alike.ts). The rows must be exactly those of classifying
// each subnet's senders on their own, as exposure did before.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateTopology, loadTopology, loadTopologyFromData, type GenerateOptions, type Topology } from '../../src/index.js';
import { subnetClass } from '../../src/reach/alike.js';
import { Engine } from '../../src/reach/engine.js';
import { exposure } from '../../src/reach/exposure.js';
import { internetOf, OPTS, perSubnet, sendersBySubnet } from '../helpers/exposure-per-subnet.js';

function viaExposure(t: Topology): { rows: Map<string, string>; traces: number } {
  const r = exposure(t, 'out');
  return { rows: new Map(r.interfaces.map((i) => [i.id, JSON.stringify(i.outbound)])), traces: r.stats.traces };
}

const sorted = (m: Map<string, string>) => [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1));

const scenarios = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));

const generated: GenerateOptions[] = [
  { vpcs: 3, subnetsPerVpc: 10, instancesPerSubnet: 2, hub: 'tgw', sgRules: 60, naclRules: 30, seed: 3 },
  { vpcs: 3, subnetsPerVpc: 10, instancesPerSubnet: 2, hub: 'peering-mesh', sgRules: 40, naclRules: 20, seed: 8 },
  { vpcs: 2, subnetsPerVpc: 6, instancesPerSubnet: 3, hub: 'tgw', sgRules: 30, naclRules: 40, seed: 11 },
];

describe('exposure: senders of alike subnets classified as one class give the rows of each subnet on its own', () => {
  it.each(scenarios)('scenario %s', (file) => {
    const t = loadTopology(`scenarios/${file}`).topology!;
    const once = perSubnet(t);
    expect(sorted(viaExposure(loadTopology(`scenarios/${file}`).topology!).rows)).toEqual(sorted(once));
  });

  it('a class whose way to the internet depends on the zone is divided by subnet', () => {
    // tests/fixtures/reach/alike-zones.yaml: spoke-a and spoke-b share a route table and an ACL; the transit gateway
    // is entered in each one's zone, and only the attachment subnet of us-east-1a lets the traffic in
    const file = 'tests/fixtures/reach/alike-zones.yaml';
    const t = loadTopology(file).topology!;
    expect(subnetClass(t.byId.get('spoke-a') as Topology['subnets'][number])).toBe(subnetClass(t.byId.get('spoke-b') as Topology['subnets'][number]));
    const got = viaExposure(t).rows;
    expect(got.get('spoke-1')).toContain('att-spoke');
    expect(got.has('spoke-2')).toBe(false);
    expect(sorted(got)).toEqual(sorted(perSubnet(loadTopology(file).topology!)));
  });

  it.each(generated)('generated %o', (opts) => {
    const data = generateTopology(opts);
    const once = perSubnet(loadTopologyFromData(data).topology!);
    const got = viaExposure(loadTopologyFromData(data).topology!);
    expect(sorted(got.rows)).toEqual(sorted(once));
  });
});

describe('alike subnets', () => {
  it('share a class when VPC, route table and network ACL agree, and the class saves traces', () => {
    const data = generateTopology(generated[0]!);
    const t = loadTopologyFromData(data).topology!;
    const classes = new Set(t.subnets.map(subnetClass));
    expect(classes.size).toBeLessThan(t.subnets.length);
    for (const a of t.subnets)
      for (const b of t.subnets)
        if (subnetClass(a) === subnetClass(b)) expect([b.vpc, b.routeTable, b.networkAcl]).toEqual([a.vpc, a.routeTable, a.networkAcl]);
    // the same senders one subnet at a time cost more traces
    const engine = new Engine(loadTopologyFromData(data).topology!);
    const t2 = engine.t;
    const internet = internetOf(t2);
    for (const enis of sendersBySubnet(t2)) engine.run({ input: 'any', enis, ext: { 4: [], 6: [] } }, internet, OPTS);
    expect(viaExposure(t).traces).toBeLessThan(engine.traces);
  });
});
