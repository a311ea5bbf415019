// The synthetic-estate generator: determinism, sizes, address plan, references, hubs, serialisation.
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  allocateRules,
  countGenerated,
  formatGeneratedTopology,
  generateTopology,
  GenerateOptionsError,
  GENERATE_PRESETS,
  loadTopologyFromData,
  loadTopologyText,
  mustCidr,
  overlaps,
  sampleFlows,
  type GeneratedTopology,
  type GenerateOptions,
} from '../../src/index.js';
import { structuralProblems } from '../helpers/generate-checks.js';

const errorsOf = (r: { diagnostics: { severity: string; code: string; message: string }[] }) =>
  r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`);

const SMALL: GenerateOptions = { vpcs: 3, subnetsPerVpc: 6, instancesPerSubnet: 2, hub: 'tgw', seed: 42 };

describe('generateTopology', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateTopology(SMALL);
    const b = generateTopology(SMALL);
    expect(b).toEqual(a);
    expect(formatGeneratedTopology(b, 'yaml')).toBe(formatGeneratedTopology(a, 'yaml'));
    const c = generateTopology({ ...SMALL, seed: 43 });
    expect(c.instances.map((i) => i.privateIp)).not.toEqual(a.instances.map((i) => i.privateIp));
    const big = { ...SMALL, sgRules: 200, naclRules: 200 };
    expect(generateTopology(big)).toEqual(generateTopology(big));
  });

  it.each([
    { vpcs: 1, subnetsPerVpc: 1, instancesPerSubnet: 0, sgRules: 0, naclRules: 0 },
    { vpcs: 3, subnetsPerVpc: 6, instancesPerSubnet: 2, sgRules: 5, naclRules: 7 },
    { vpcs: 4, subnetsPerVpc: 10, instancesPerSubnet: 3, sgRules: 500, naclRules: 333 },
    { vpcs: 7, subnetsPerVpc: 5, instancesPerSubnet: 11, sgRules: 1, naclRules: 1 },
    { vpcs: 2, subnetsPerVpc: 16, instancesPerSubnet: 200, sgRules: 3000, naclRules: 90 },
  ])('produces exactly the requested counts: %o', (o) => {
    const t = generateTopology({ ...o, hub: 'tgw', seed: 3 });
    expect(countGenerated(t)).toEqual({
      vpcs: o.vpcs,
      subnets: o.vpcs * o.subnetsPerVpc,
      instances: o.vpcs * o.subnetsPerVpc * o.instancesPerSubnet,
      sgRules: o.sgRules,
      naclRules: o.naclRules,
    });
    expect(structuralProblems(t)).toEqual([]);
    expect(errorsOf(loadTopologyFromData(t))).toEqual([]);
  });

  it('gives every group and NACL its core rules by default, and no custom NACLs for --nacl-rules 0', () => {
    const t = generateTopology(SMALL);
    const acl = t.networkAcls!.find((a) => a.id === 'acl-001-app')!;
    expect(acl.inbound).toContainEqual({ rule: 100, protocol: 'tcp', ports: '1024-65535', cidr: '0.0.0.0/0', action: 'allow' });
    const data = t.networkAcls!.find((a) => a.id === 'acl-001-data')!;
    expect(data.outbound).toContainEqual({ rule: 100, protocol: 'tcp', ports: '1024-65535', cidr: '0.0.0.0/0', action: 'allow' });
    expect(t.securityGroups.find((g) => g.id === 'sg-001-app')!.inbound[0]).toMatchObject({ ports: 8080, source: 'sg-001-web' });
    expect(t.securityGroups.find((g) => g.id === 'sg-001-db')!.inbound[0]).toMatchObject({ ports: 5432, source: 'sg-001-app' });
    const none = generateTopology({ ...SMALL, naclRules: 0 });
    expect(none.networkAcls).toBeUndefined();
    expect(none.subnets.every((s) => s.networkAcl === undefined)).toBe(true);
  });

  it('keeps the most important rules first when the budget is below the core rules', () => {
    expect(allocateRules([3, 2, 1], 4)).toEqual({ core: [2, 1, 1], filler: [0, 0, 0] });
    expect(allocateRules([3, 2, 1], 8)).toEqual({ core: [3, 2, 1], filler: [1, 1, 0] });
    const t = generateTopology({ ...SMALL, sgRules: 9 });
    for (const g of t.securityGroups) expect(g.inbound.length).toBe(1);
  });

  it('lays out tiers over AZs: NAT per AZ, private subnets to their own AZ NAT, S3 endpoint, isolated data tier', () => {
    const t = generateTopology({ vpcs: 1, subnetsPerVpc: 10, instancesPerSubnet: 1, hub: 'none' });
    expect(new Set(t.subnets.map((s) => s.az))).toEqual(new Set(['us-east-1a', 'us-east-1b', 'us-east-1c']));
    expect(t.natGateways!.map((n) => n.subnet)).toEqual(['sn-001-public-a', 'sn-001-public-b', 'sn-001-public-c']);
    const rt = new Map(t.routeTables.map((r) => [r.id, r]));
    for (const s of t.subnets) {
      const def = rt.get(s.routeTable)!.routes?.find((r) => r.destination === '0.0.0.0/0');
      if (s.id.includes('-public-')) expect(def?.target).toBe('igw-001');
      else if (s.id.includes('-data-')) expect(def).toBeUndefined();
      else expect(def?.target).toBe(`nat-001-${s.az.slice(-1)}`);
    }
    expect(t.vpcEndpoints).toEqual([
      {
        id: 'vpce-001-s3',
        vpc: 'vpc-001',
        type: 'gateway',
        service: 's3',
        routeTables: ['rt-001-private-a', 'rt-001-private-b', 'rt-001-private-c', 'rt-001-data'],
      },
    ]);
    expect(t.instances.some((i) => i.publicIp)).toBe(true);
    expect(t.instances.filter((i) => i.publicIp).every((i) => i.subnet.includes('-public-'))).toBe(true);
    expect(structuralProblems(t)).toEqual([]);
  });

  it('plans 1,000 VPCs (the large estate) without overlap, and it binds clean (its time: npm run bench)', () => {
    const t = generateTopology(GENERATE_PRESETS.large);
    const text = formatGeneratedTopology(t, 'json');
    expect(countGenerated(t)).toEqual({ vpcs: 1000, subnets: 10000, instances: 20000, sgRules: 100000, naclRules: 20000 });
    expect(structuralProblems(t)).toEqual([]);
    expect(t.transitGatewayAttachments).toHaveLength(1000);
    expect(t.transitGatewayRouteTables![0]!.propagations).toHaveLength(1000);
    expect(t.routeTables.every((r) => r.routes?.some((x) => x.target === 'tgw-hub'))).toBe(true);
    expect(errorsOf(loadTopologyText(text, 'large.json'))).toEqual([]);
  });

  it('spills into 172.16.0.0/12 and 100.64.0.0/10 past 256 /16 VPCs and routes each pool to the hub', () => {
    const t = generateTopology({ vpcs: 300, subnetsPerVpc: 2, instancesPerSubnet: 1, hub: 'tgw' });
    expect(t.vpcs[0]!.cidr).toBe('10.0.0.0/16');
    expect(t.vpcs[256]!.cidr).toBe('172.16.0.0/16');
    expect(t.vpcs[272]!.cidr).toBe('100.64.0.0/16');
    const pools = ['10.0.0.0/8', '172.16.0.0/12', '100.64.0.0/10'].map(mustCidr);
    for (const v of t.vpcs) expect(pools.some((p) => overlaps(p, mustCidr(v.cidr)))).toBe(true);
    expect(t.routeTables[0]!.routes!.filter((r) => r.target === 'tgw-hub').map((r) => r.destination)).toEqual(['10.0.0.0/8', '172.16.0.0/12', '100.64.0.0/10']);
    expect(structuralProblems(t)).toEqual([]);
    expect(errorsOf(loadTopologyFromData(t))).toEqual([]);
  });

  it('peering-mesh peers each VPC with the next two (linear in N) and routes to each peer', () => {
    const t = generateTopology({ vpcs: 10, subnetsPerVpc: 3, instancesPerSubnet: 1, hub: 'peering-mesh' });
    expect(t.peeringConnections).toHaveLength(20);
    expect(t.transitGateways).toBeUndefined();
    const pairs = new Set(t.peeringConnections!.map((p) => `${p.requesterVpc}|${p.accepterVpc}`));
    expect(pairs.size).toBe(20);
    expect(pairs.has('vpc-001|vpc-002') && pairs.has('vpc-001|vpc-003') && pairs.has('vpc-001|vpc-010')).toBe(true);
    const pub = t.routeTables.find((r) => r.id === 'rt-001-public')!;
    expect(
      pub
        .routes!.filter((r) => r.target.startsWith('pcx-'))
        .map((r) => r.destination)
        .sort(),
    ).toEqual(['10.1.0.0/16', '10.2.0.0/16', '10.8.0.0/16', '10.9.0.0/16'].sort());
    expect(generateTopology({ vpcs: 2, subnetsPerVpc: 1, instancesPerSubnet: 1, hub: 'peering-mesh' }).peeringConnections).toHaveLength(1);
    expect(generateTopology({ vpcs: 1000, subnetsPerVpc: 1, instancesPerSubnet: 0, hub: 'peering-mesh' }).peeringConnections).toHaveLength(2000);
    expect(errorsOf(loadTopologyFromData(t))).toEqual([]);
  });

  it('rejects options that cannot describe an estate with a clear message', () => {
    expect(() => generateTopology({ vpcs: 0, subnetsPerVpc: 1, instancesPerSubnet: 1 })).toThrow(GenerateOptionsError);
    expect(() => generateTopology({ vpcs: 1.5, subnetsPerVpc: 1, instancesPerSubnet: 1 })).toThrow(/vpcs must be an integer/);
    expect(() => generateTopology({ vpcs: 1, subnetsPerVpc: 1, instancesPerSubnet: 1, hub: 'star' as never })).toThrow(/hub must be/);
    expect(() => generateTopology({ vpcs: 100000, subnetsPerVpc: 200, instancesPerSubnet: 2 })).toThrow(/do not fit/);
  });
});

describe('serialisation', () => {
  const t = generateTopology({ vpcs: 4, subnetsPerVpc: 7, instancesPerSubnet: 2, hub: 'tgw', sgRules: 120, naclRules: 150, seed: 9 });

  it('YAML reads back to the same object and loads clean', () => {
    const text = formatGeneratedTopology(t, 'yaml');
    expect(text.startsWith('version: 1\n')).toBe(true);
    expect(parseYaml(text)).toEqual(JSON.parse(JSON.stringify(t)));
    expect(errorsOf(loadTopologyText(text, 'estate.yaml'))).toEqual([]);
  });

  it('JSON has one resource per line, reads back to the same object and loads clean', () => {
    const text = formatGeneratedTopology(t, 'json');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(t)));
    expect(text.split('\n').length).toBeGreaterThan(t.instances.length);
    expect(errorsOf(loadTopologyText(text, 'estate.json'))).toEqual([]);
  });

  it('quotes strings YAML would read as something else', () => {
    const tricky = { version: 1, name: 'yes', list: [{ a: '123', b: '::/0', c: 'x: y', d: '', e: '1e5', f: 'on', g: '0x10', h: 'plain-1.2/3' }] };
    expect(parseYaml(formatGeneratedTopology(tricky, 'yaml'))).toEqual(tricky);
  });
});

describe('sampleFlows', () => {
  const estate: GeneratedTopology = generateTopology({ vpcs: 5, subnetsPerVpc: 10, instancesPerSubnet: 3, hub: 'tgw', sgRules: 400, naclRules: 120, seed: 5 });

  it('is deterministic and gives the full mix of kinds', () => {
    const flows = sampleFlows(estate, 700, 11);
    expect(flows).toHaveLength(700);
    expect(sampleFlows(estate, 700, 11)).toEqual(flows);
    expect(sampleFlows(estate, 700, 12)).not.toEqual(flows);
    const kinds = new Set(flows.map((f) => f.kind));
    expect([...kinds].sort()).toEqual(['cross-subnet', 'cross-vpc', 'internet', 'nacl-reject', 'no-route', 'same-subnet', 'sg-reject']);
    for (const f of flows) expect(f.expect).toBe(['nacl-reject', 'sg-reject', 'no-route'].includes(f.kind) ? 'REJECT' : 'ACCEPT');
  });

  it('names existing instances and sensible endpoints', () => {
    const ids = new Set(estate.instances.map((i) => i.id));
    const vpcOfInstance = new Map(estate.instances.map((i) => [i.id, i.subnet.split('-')[1]]));
    for (const f of sampleFlows(estate, 500, 1)) {
      expect(ids.has(f.from)).toBe(true);
      expect(f.protocol).toBe('tcp');
      expect(f.port).toBeGreaterThan(0);
      if (f.kind === 'internet' || f.kind === 'no-route') expect(ids.has(f.to)).toBe(false);
      else expect(ids.has(f.to)).toBe(true);
      if (f.kind === 'cross-vpc') expect(vpcOfInstance.get(f.from)).not.toBe(vpcOfInstance.get(f.to));
      if (f.kind === 'cross-subnet' || f.kind === 'sg-reject' || f.kind === 'nacl-reject') expect(vpcOfInstance.get(f.from)).toBe(vpcOfInstance.get(f.to));
    }
  });

  it('copes with estates that lack some kinds of flow', () => {
    expect(sampleFlows(generateTopology({ vpcs: 1, subnetsPerVpc: 1, instancesPerSubnet: 0 }), 10)).toEqual([]);
    const flat = sampleFlows(generateTopology({ vpcs: 2, subnetsPerVpc: 1, instancesPerSubnet: 2, hub: 'none' }), 50);
    expect(flat).toHaveLength(50);
    expect(new Set(flat.map((f) => f.kind)).has('cross-vpc')).toBe(false);
  });

  it('samples 100,000 flows on the large estate (its time: npm run bench)', () => {
    const t = generateTopology(GENERATE_PRESETS.large);
    const flows = sampleFlows(t, 100_000, 1);
    expect(flows).toHaveLength(100_000);
  });
});

describe('the structural checks used above', () => {
  it('catch overlaps, reserved or duplicate addresses and references of the wrong kind', () => {
    const fresh = () => generateTopology({ vpcs: 2, subnetsPerVpc: 3, instancesPerSubnet: 2, hub: 'tgw' });
    let t = fresh();
    t.vpcs[1]!.cidr = t.vpcs[0]!.cidr;
    expect(structuralProblems(t).join('\n')).toContain('overlaps');
    t = fresh();
    t.instances[0]!.privateIp = '10.0.0.3';
    expect(structuralProblems(t).join('\n')).toContain('reserved');
    t = fresh();
    t.instances[1]!.privateIp = t.instances[0]!.privateIp;
    expect(structuralProblems(t).join('\n')).toContain('used twice');
    t = fresh();
    t.routeTables[0]!.routes![0]!.target = 'sg-001-web';
    expect(structuralProblems(t).join('\n')).toContain('is a sg, expected igw or nat or pcx or tgw');
    t = fresh();
    t.subnets[0]!.routeTable = 'rt-nope';
    expect(structuralProblems(t).join('\n')).toContain('unknown id rt-nope');
  });
});
