// `vpcsim import aws` on the hybrid-cloud sample (tests/fixtures/aws/hybrid-cloud, a copy of real
// describe-* output), and on broken copies of it: truncated JSON, a deleted NAT gateway, an interface in
// a subnet the dump does not hold, unknown files.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'yaml';
import { AwsImportError, importAws, importAwsForLoader, importAwsToData, isAwsDumpFolder, loadTopologyFromData, type ImportResult } from '../../src/index.js';
import { formatTopology } from '../../src/import/format.js';
import { byId, type Obj } from '../helpers/aws-synth.js';

const SAMPLE = join(import.meta.dirname, '../fixtures/aws/hybrid-cloud');
const EAST = join(SAMPLE, 'us-east-2');

/** A writable copy of one region of the sample, to break on purpose. */
function copyRegion(region = 'us-east-2'): string {
  const dir = mkdtempSync(join(tmpdir(), 'vpcsim-aws-'));
  const to = join(dir, region);
  cpSync(join(SAMPLE, region), to, { recursive: true });
  return to;
}
const readJson = (dir: string, f: string): Obj => JSON.parse(readFileSync(join(dir, f), 'utf8'));
const writeJson = (dir: string, f: string, data: unknown) => writeFileSync(join(dir, f), JSON.stringify(data, null, 1));

describe('import aws: the hybrid-cloud sample, us-east-2', () => {
  const r: ImportResult = importAws(SAMPLE, { region: 'us-east-2' });
  const t = r.topology as Obj;

  it('writes format version 1 for the region and account of the dump', () => {
    expect(t.version).toBe(1);
    expect(t.region).toBe('us-east-2');
    expect(t.account).toBe('554773406868');
    expect(t.name).toBe('hybrid-cloud-us-east-2');
  });

  it('imports every resource of the region (counts read off the JSON files)', () => {
    expect(r.summary.counts).toEqual({
      vpcs: 2, // Vpcs.json
      subnets: 4, // Subnets.json
      internetGateways: 1, // InternetGateways.json
      vpnConnections: 1, // VpnConnections.json
      routeTables: 2, // RouteTables.json
      networkAcls: 2, // NetworkAcls.json, both default
      securityGroups: 4, // SecurityGroups.json
      instances: 2, // Reservations.json
      transitGateways: 1,
      transitGatewayAttachments: 3, // 4 in TransitGatewayAttachments.json, the peering one is `deleting`
      transitGatewayRouteTables: 1,
      prefixLists: 2, // PrefixLists.json: s3 and dynamodb
    });
    expect(r.warnings).toEqual([]);
    expect(r.summary.regions).toEqual(['us-east-2', 'us-west-2']);
  });

  it('keeps AWS ids as ids and Name tags as name', () => {
    expect(byId(t.vpcs, 'vpc-0574d08f8d05917e4')).toEqual({ id: 'vpc-0574d08f8d05917e4', name: 'vpc-1', cidr: '10.20.0.0/16' });
    expect(byId(t.subnets, 'subnet-06a692ed4ef84368d')).toEqual({
      id: 'subnet-06a692ed4ef84368d',
      name: 'sub-1-1',
      vpc: 'vpc-0574d08f8d05917e4',
      cidr: '10.20.1.0/24',
      az: 'us-east-2c',
      azId: 'use2-az3',
    });
    expect(byId(t.internetGateways, 'igw-02fd68f94367a67c7')).toEqual({ id: 'igw-02fd68f94367a67c7', name: 'igw-1', vpc: 'vpc-0574d08f8d05917e4' });
  });

  it('writes static routes, leaves the local route implicit, marks the main table', () => {
    const rt = byId(t.routeTables, 'rtb-0aa3f1bdeb6d18dd3');
    expect(rt.main).toBe(true);
    expect(rt.routes).toEqual([
      { destination: '203.0.113.0/24', target: 'tgw-06b348adabd13452d' },
      { destination: '10.30.0.0/16', target: 'tgw-06b348adabd13452d' },
      { destination: '0.0.0.0/0', target: 'igw-02fd68f94367a67c7' },
    ]);
    // 10.20.0.0/16 → local (Origin CreateRouteTable) is implicit in the format
    expect(rt.routes.some((x: Obj) => x.destination === '10.20.0.0/16')).toBe(false);
  });

  it('writes NACL entries without the default * rule (32767)', () => {
    const acl = byId(t.networkAcls, 'acl-09c0bb4e71ae5f9e4');
    expect(acl.default).toBe(true);
    expect(acl.inbound).toEqual([{ rule: 100, protocol: 'all', cidr: '0.0.0.0/0', action: 'allow' }]);
    expect(acl.outbound).toEqual([{ rule: 100, protocol: 'all', cidr: '0.0.0.0/0', action: 'allow' }]);
  });

  it('writes security group rules with ports, descriptions and group references', () => {
    const web = byId(t.securityGroups, 'sg-0e37fc2ef01c89369');
    expect(web.name).toBe('launch-wizard-1');
    expect(web.inbound).toEqual([
      { protocol: 'tcp', ports: 22, source: '0.0.0.0/0' },
      { protocol: 'tcp', ports: 3306, source: '0.0.0.0/0', description: 'Connectivity test' },
    ]);
    expect(web.outbound).toEqual([{ protocol: 'all', destination: '0.0.0.0/0' }]);
    const def = byId(t.securityGroups, 'sg-085c5c2b682cc6a91');
    expect(def.default).toBe(true);
    expect(def.inbound).toEqual([{ protocol: 'all', source: 'sg-085c5c2b682cc6a91' }]);
  });

  it('gives instances their primary interface: private and public IP, groups, interface id', () => {
    expect(byId(t.instances, 'i-01602d9efaed4409a')).toEqual({
      id: 'i-01602d9efaed4409a',
      subnet: 'subnet-06a692ed4ef84368d',
      privateIp: '10.20.1.207',
      publicIp: '13.59.144.125',
      securityGroups: ['sg-0e37fc2ef01c89369'],
      interfaceId: 'eni-01997085076a9b98a',
    });
    // the transit gateway's own interfaces are implicit in its attachments, not network interfaces
    expect(t.networkInterfaces).toBeUndefined();
  });

  it('writes transit gateway attachments, associations and propagations', () => {
    expect(byId(t.transitGatewayAttachments, 'tgw-attach-0648110513acd6de5')).toEqual({
      id: 'tgw-attach-0648110513acd6de5',
      name: 'tgw-1-vpc-1',
      transitGateway: 'tgw-06b348adabd13452d',
      vpc: 'vpc-0574d08f8d05917e4',
      subnets: ['subnet-06a692ed4ef84368d'],
      routeTable: 'tgw-rtb-00e37bc5142347b03',
      // describe-transit-gateway-vpc-attachments Options: Ipv6Support disable, DnsSupport enable
      ipv6Support: false,
      dnsSupport: true,
    });
    expect(byId(t.transitGatewayAttachments, 'tgw-attach-0881ce2eb93cd63a8')).toMatchObject({ vpnConnection: 'vpn-01c45673532d3e33e' });
    expect(byId(t.transitGatewayRouteTables, 'tgw-rtb-00e37bc5142347b03').propagations).toEqual([
      'tgw-attach-021f89744fac566dd',
      'tgw-attach-0648110513acd6de5',
      'tgw-attach-0881ce2eb93cd63a8',
    ]);
    expect(r.ignored['transit gateway attachments not available (deleting)']).toBe(1);
  });

  it('says which VPN connections have no known on-premises prefixes (BGP, no static routes)', () => {
    expect(byId(t.vpnConnections, 'vpn-01c45673532d3e33e')).toEqual({
      id: 'vpn-01c45673532d3e33e',
      transitGateway: 'tgw-06b348adabd13452d',
      customerGatewayIp: '147.75.69.27',
    });
    expect(r.summary.vpnWithoutOnPremises).toEqual(['vpn-01c45673532d3e33e']);
  });

  it('keeps AWS-managed prefix lists with their service', () => {
    expect(byId(t.prefixLists, 'pl-7ba54012')).toEqual({
      id: 'pl-7ba54012',
      name: 'com.amazonaws.us-east-2.s3',
      service: 's3',
      cidrs: ['52.219.80.0/20', '3.5.128.0/21', '52.219.96.0/20', '52.92.76.0/22'],
    });
  });

  it('reports what it does not model, never silently', () => {
    expect(r.ignored['VPC endpoint services']).toBe(60);
    expect(r.ignored['Instances.InstanceType']).toBe(2);
    expect(r.ignored['VpnConnections.CustomerGatewayConfiguration']).toBe(1);
    expect(r.summary.filesSkipped.map((f) => f.file).sort()).toEqual([
      'README.md',
      'us-east-2/AvailabilityZones.json',
      'us-east-2/ElasticsearchDomains.json',
      'us-east-2/RdsInstances.json',
      'us-east-2/VpcEndpointServices.json',
    ]);
    expect(r.summary.filesSkipped.find((f) => f.file.endsWith('RdsInstances.json'))!.reason).toContain('RDS instances, not modelled');
    expect(r.summary.notes.join('\n')).toContain('us-west-2 (26 files)');
  });

  it('binds with zero diagnostics, in both regions', () => {
    for (const region of ['us-east-2', 'us-west-2']) {
      const { topology } = importAws(SAMPLE, { region });
      const b = loadTopologyFromData(topology, `hybrid-cloud-${region}.json`);
      expect(b.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
      expect(b.topology).toBeDefined();
    }
  });

  it('writes YAML that reads back to the same data, and JSON', () => {
    const yaml = formatTopology(r.topology, 'yaml', ' header');
    expect(yaml.startsWith('# header\n')).toBe(true);
    expect(yaml).toContain('  - { id: vpc-0276455718806058a, name: vpc-2, cidr: 10.30.0.0/16 }');
    expect(parse(yaml)).toEqual(r.topology);
    expect(JSON.parse(formatTopology(r.topology, 'json'))).toEqual(r.topology);
  });

  it('writes YAML that reads back exactly, for any strings, numbers and nesting', () => {
    const scalar = fc.oneof(
      fc.string({ unit: 'grapheme-composite', maxLength: 12 }),
      fc.string({ maxLength: 6 }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
    );
    const leaf = fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }));
    const item = fc.dictionary(
      fc.oneof(fc.constantFrom('id', 'name', 'cidr', 'routes'), fc.string({ minLength: 1, maxLength: 5 })),
      fc.oneof(leaf, fc.array(fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), leaf, { maxKeys: 4 }), { maxLength: 3 })),
      { maxKeys: 6 },
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 5 }), scalar, (items, extra) => {
        const t = { version: 1 as const, vpcs: items, name: extra };
        expect(parse(formatTopology(t as never))).toEqual(JSON.parse(JSON.stringify(t)));
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('quotes whatever a Name tag holds', () => {
    const names = [
      'a: b',
      '- x',
      '{x}',
      '#c',
      'yes',
      '010',
      '1e3',
      'null',
      "it's",
      '"q"',
      'a, b',
      '[x]',
      'two\nlines',
      ' lead',
      '*star',
      '&amp',
      '!bang',
      '%pct',
      '|pipe',
      '::/0',
      'ünï',
    ];
    const t = { version: 1 as const, vpcs: names.map((name, i) => ({ id: `vpc-${i}`, name, cidr: '10.0.0.0/16' })) };
    expect(parse(formatTopology(t))).toEqual(t);
  });
});

describe('import aws: regions and folders', () => {
  it('asks for a region when the dump holds several', () => {
    expect(() => importAws(SAMPLE)).toThrowError(/the dump holds 2 regions \(us-east-2, us-west-2\); import one at a time with --region/);
  });

  it('rejects a region the dump does not hold, or a malformed one', () => {
    expect(() => importAws(SAMPLE, { region: 'eu-west-1' })).toThrowError('region eu-west-1 is not in the dump (it holds us-east-2, us-west-2)');
    expect(() => importAws(SAMPLE, { region: 'east' })).toThrowError("'east' is not an AWS region name");
  });

  it("does not read other regions' files: a broken file there does not stop the import", () => {
    const root = mkdtempSync(join(tmpdir(), 'vpcsim-aws-'));
    cpSync(SAMPLE, root, { recursive: true });
    writeFileSync(join(root, 'us-west-2', 'Vpcs.json'), '{"Vpcs": [');
    const r = importAws(root, { region: 'us-east-2' });
    expect(r.summary.counts.vpcs).toBe(2);
    expect(r.summary.notes).toContain('other regions in the dump, not imported: us-west-2 (26 files); import each with --region');
    expect(() => importAws(root)).toThrowError(/the dump holds 2 regions/);
    expect(() => importAws(root, { region: 'us-west-2' })).toThrowError(/^us-west-2\/Vpcs\.json:1:11: invalid JSON/);
  });

  it('imports a region folder directly, and a flat folder whose region is in the data', () => {
    expect(importAws(EAST).summary.region).toBe('us-east-2');
    const flat = copyRegion();
    expect(importAws(flat).topology.region).toBe('us-east-2');
  });

  it('reads <account>/<region>/ layouts', () => {
    const root = mkdtempSync(join(tmpdir(), 'vpcsim-aws-'));
    cpSync(EAST, join(root, '554773406868', 'us-east-2'), { recursive: true });
    const r = importAws(root);
    expect(r.summary.accounts).toEqual(['554773406868']);
    expect(r.summary.filesUsed).toContain('554773406868/us-east-2/Vpcs.json');
    expect(r.summary.counts.vpcs).toBe(2);
  });

  it('detects files by content, whatever their names', () => {
    const dir = copyRegion();
    cpSync(join(dir, 'Vpcs.json'), join(dir, 'output-1.json'));
    writeFileSync(join(dir, 'Vpcs.json'), '{"Vpcs": []}');
    expect(importAws(dir).summary.counts.vpcs).toBe(2);
  });

  it('tells a dump folder from anything else', () => {
    expect(isAwsDumpFolder(SAMPLE)).toBe(true);
    expect(isAwsDumpFolder(EAST)).toBe(true);
    expect(isAwsDumpFolder(join(EAST, 'Vpcs.json'))).toBe(false);
    expect(isAwsDumpFolder(join(import.meta.dirname, '../fixtures'))).toBe(false);
    expect(isAwsDumpFolder('/no/such/folder')).toBe(false);
    expect(importAwsToData(EAST).region).toBe('us-east-2');
  });

  it('gives a loader diagnostics instead of exceptions', () => {
    const ok = importAwsForLoader(EAST);
    expect(ok.data?.region).toBe('us-east-2');
    expect(ok.diagnostics).toEqual([]);
    expect(importAwsForLoader(SAMPLE).diagnostics).toMatchObject([{ code: 'AWS_DUMP_MANY_REGIONS', severity: 'error', file: SAMPLE }]);
    const dir = copyRegion();
    writeFileSync(join(dir, 'Vpcs.json'), '{\n "Vpcs": [\n');
    const bad = importAwsForLoader(dir);
    expect(bad.data).toBeUndefined();
    expect(bad.diagnostics).toMatchObject([{ code: 'AWS_DUMP_BAD_JSON', severity: 'error', file: join(dir, 'Vpcs.json'), line: 3, col: 1 }]);
    expect(bad.diagnostics[0]!.message).toMatch(/^invalid JSON/);
    const nat = copyRegion();
    writeJson(nat, 'NetworkInterfaces.json', { NetworkInterfaces: [{ NetworkInterfaceId: 'eni-1', SubnetId: 'subnet-x', PrivateIpAddress: '10.0.0.5' }] });
    expect(importAwsForLoader(nat).diagnostics).toMatchObject([
      {
        code: 'AWS_ENI_SUBNET_MISSING',
        severity: 'warning',
        file: join(nat, 'NetworkInterfaces.json'),
        message: '$.NetworkInterfaces[0].SubnetId: network interface eni-1 is in subnet subnet-x, which is not in the dump; skipped',
      },
    ]);
  });

  it('fails clearly on a missing folder, a file, an empty folder', () => {
    expect(() => importAws('/no/such/folder')).toThrowError('folder not found: /no/such/folder');
    expect(() => importAws(join(EAST, 'Vpcs.json'))).toThrowError(/is not a folder/);
    expect(() => importAws(mkdtempSync(join(tmpdir(), 'vpcsim-aws-')))).toThrowError(/no JSON files found/);
  });
});

describe('import aws: broken and partial dumps', () => {
  it('names the file and position of truncated JSON', () => {
    const dir = copyRegion();
    const text = readFileSync(join(dir, 'Subnets.json'), 'utf8');
    writeFileSync(join(dir, 'Subnets.json'), text.slice(0, 300));
    let err: unknown;
    try {
      importAws(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AwsImportError);
    const e = err as AwsImportError;
    expect(e.file).toBe('Subnets.json');
    expect(e.message).toMatch(/^Subnets\.json:\d+:\d+: invalid JSON \(.+\) — the file looks truncated; run its aws command again$/);
    expect(e.line).toBeGreaterThan(1);
    expect(e.message).not.toContain('\n');
  });

  it('names the file and position of malformed JSON', () => {
    const dir = copyRegion();
    writeFileSync(join(dir, 'Vpcs.json'), '{\n "Vpcs": [\n  {"VpcId": "vpc-1",}\n ]\n}\n');
    expect(() => importAws(dir)).toThrowError(/^Vpcs\.json:3:21: invalid JSON/);
  });

  // Regression (fuzzing): V8 gives no position for a bad literal; it was reported past the end of the file,
  // with V8's quote of the text spreading the message over two lines.
  it.each(['tru', 'NaN', 'nul', 'undefined'])('a bad literal (%s) is reported at its line and column, on one line', (lit) => {
    const dir = copyRegion();
    const lines = readFileSync(join(dir, 'Vpcs.json'), 'utf8').split('\n');
    const n = lines.findIndex((l) => /"IsDefault": (true|false)/.test(l));
    expect(n).toBeGreaterThan(0);
    lines[n] = lines[n]!.replace(/(true|false)/, lit);
    writeFileSync(join(dir, 'Vpcs.json'), lines.join('\n'));
    let err: AwsImportError | undefined;
    try {
      importAws(dir);
    } catch (e) {
      err = e as AwsImportError;
    }
    expect(err).toBeInstanceOf(AwsImportError);
    expect(err!.line).toBe(n + 1);
    expect(err!.col).toBe(lines[n]!.indexOf(lit) + 1);
    expect(err!.message).toMatch(new RegExp(`^Vpcs\\.json:${n + 1}:\\d+: invalid JSON \\(`));
    expect(err!.message).not.toContain('\n');
    expect(err!.message).not.toContain('looks truncated');
  });

  it('skips unknown files with a note', () => {
    const dir = copyRegion();
    writeJson(dir, 'mystery.json', { Widgets: [{ Id: 1 }] });
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    writeFileSync(join(dir, 'empty.json'), '');
    const r = importAws(dir);
    const skipped = Object.fromEntries(r.summary.filesSkipped.map((f) => [f.file, f.reason]));
    expect(skipped['mystery.json']).toBe('not an EC2 describe output this importer knows (top-level keys: Widgets)');
    expect(skipped['notes.txt']).toBe('not a .json file');
    expect(skipped['empty.json']).toBe('empty file (did its aws command fail?)');
    expect(r.summary.counts.vpcs).toBe(2);
  });

  it('turns a route to a deleted NAT gateway (State: blackhole) into a blackhole route with a warning', () => {
    const dir = copyRegion();
    const subnet = 'subnet-0333a0749ea4ce3df';
    writeJson(dir, 'NatGateways.json', {
      NatGateways: [
        {
          NatGatewayId: 'nat-0deadbeef0000001',
          State: 'deleted',
          SubnetId: subnet,
          VpcId: 'vpc-0574d08f8d05917e4',
          NatGatewayAddresses: [{ PrivateIp: '10.20.2.10', PublicIp: '3.3.3.3', AllocationId: 'eipalloc-1', NetworkInterfaceId: 'eni-nat' }],
        },
      ],
    });
    const rts = readJson(dir, 'RouteTables.json');
    rts.RouteTables.push({
      RouteTableId: 'rtb-0private000000001',
      VpcId: 'vpc-0574d08f8d05917e4',
      Associations: [{ Main: false, RouteTableId: 'rtb-0private000000001', SubnetId: subnet, AssociationState: { State: 'associated' } }],
      PropagatingVgws: [],
      Routes: [
        { DestinationCidrBlock: '10.20.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' },
        { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-0deadbeef0000001', Origin: 'CreateRoute', State: 'blackhole' },
      ],
      Tags: [{ Key: 'Name', Value: 'private' }],
    });
    writeJson(dir, 'RouteTables.json', rts);
    const r = importAws(dir);
    const t = r.topology as Obj;
    expect(byId(t.routeTables, 'rtb-0private000000001')).toEqual({
      id: 'rtb-0private000000001',
      name: 'private',
      vpc: 'vpc-0574d08f8d05917e4',
      routes: [{ destination: '0.0.0.0/0', blackhole: true }],
    });
    expect(byId(t.subnets, subnet).routeTable).toBe('rtb-0private000000001');
    expect(t.natGateways).toBeUndefined();
    expect(r.ignored['deleted or failed NAT gateways']).toBe(1);
    expect(r.warnings).toEqual([
      {
        code: 'ROUTE_BLACKHOLE',
        message:
          'route 0.0.0.0/0 in rtb-0private000000001 points at nat-0deadbeef0000001, which was deleted (AWS reports State: blackhole); imported as a blackhole route',
        file: 'RouteTables.json',
        path: '$.RouteTables[2].Routes[1]',
      },
    ]);
    expect(loadTopologyFromData(r.topology).diagnostics).toEqual([]);
  });

  it('warns with file and JSON path for an interface in a subnet the dump does not hold', () => {
    const dir = copyRegion();
    const enis = readJson(dir, 'NetworkInterfaces.json');
    // an interface of a Lambda function in a subnet that was not dumped
    enis.NetworkInterfaces.push({
      NetworkInterfaceId: 'eni-0lambda000000001',
      InterfaceType: 'lambda',
      SubnetId: 'subnet-0notindump00001',
      VpcId: 'vpc-0574d08f8d05917e4',
      PrivateIpAddress: '10.20.9.9',
      PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: '10.20.9.9' }],
      Groups: [],
      Status: 'in-use',
    });
    writeJson(dir, 'NetworkInterfaces.json', enis);
    const r = importAws(dir);
    expect(r.warnings).toEqual([
      {
        code: 'ENI_SUBNET_MISSING',
        message: 'network interface eni-0lambda000000001 is in subnet subnet-0notindump00001, which is not in the dump; skipped',
        file: 'NetworkInterfaces.json',
        path: '$.NetworkInterfaces[4].SubnetId',
      },
    ]);
    expect(r.topology.networkInterfaces).toBeUndefined();
  });

  it("points at the instance's interface when an instance's subnet is missing", () => {
    const dir = copyRegion();
    const subnets = readJson(dir, 'Subnets.json');
    subnets.Subnets = subnets.Subnets.filter((s: Obj) => s.SubnetId !== 'subnet-0cb5f4c094bee5214');
    writeJson(dir, 'Subnets.json', subnets);
    const r = importAws(dir);
    const w = r.warnings.find((x) => x.code === 'INSTANCE_SUBNET_MISSING')!;
    expect(w).toEqual({
      code: 'INSTANCE_SUBNET_MISSING',
      message: 'instance i-04cd3db5124a05ee6 is in subnet subnet-0cb5f4c094bee5214, which is not in the dump; skipped',
      file: 'NetworkInterfaces.json',
      path: '$.NetworkInterfaces[1].SubnetId',
    });
    expect(r.summary.counts.instances).toBe(1);
    // the NACL association and the transit gateway attachment that named the subnet warn too (the
    // attachment had no other subnet, so it is left out), and the rest binds
    expect(r.warnings.map((x) => x.code).sort()).toEqual(['ACL_SUBNET_MISSING', 'INSTANCE_SUBNET_MISSING', 'TGW_ATT_NO_SUBNET', 'TGW_ATT_SUBNET_MISSING']);
    expect(r.summary.counts.transitGatewayAttachments).toBe(2);
    expect(loadTopologyFromData(r.topology).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('survives lists of the wrong type and non-object items', () => {
    const dir = copyRegion();
    writeJson(dir, 'Vpcs.json', { Vpcs: { not: 'a list' } });
    writeJson(dir, 'InternetGateways.json', { InternetGateways: [null, 3, 'x'] });
    const r = importAws(dir);
    expect(r.warnings.find((w) => w.code === 'DUMP_NOT_A_LIST')).toMatchObject({ file: 'Vpcs.json', path: '$.Vpcs' });
    expect(r.warnings.filter((w) => w.code === 'DUMP_NOT_AN_OBJECT').map((w) => w.path)).toEqual([
      '$.InternetGateways[0]',
      '$.InternetGateways[1]',
      '$.InternetGateways[2]',
    ]);
    expect(r.topology.vpcs).toBeUndefined();
  });

  it('warns about paginated output', () => {
    const dir = copyRegion();
    const v = readJson(dir, 'Vpcs.json');
    writeJson(dir, 'Vpcs.json', { ...v, NextToken: 'abc' });
    expect(importAws(dir).warnings[0]).toMatchObject({ code: 'DUMP_PAGINATED', file: 'Vpcs.json', path: '$.NextToken' });
  });
});

describe('import aws: on-premises prefixes and overlays', () => {
  it('adds --on-prem prefixes to a VPN connection', () => {
    const r = importAws(EAST, { onPrem: { 'vpn-01c45673532d3e33e': ['203.0.113.0/24', '198.51.100.0/24'] } });
    expect(byId(r.topology.vpnConnections, 'vpn-01c45673532d3e33e').onPremisesCidrs).toEqual(['203.0.113.0/24', '198.51.100.0/24']);
    expect(r.summary.vpnWithoutOnPremises).toEqual([]);
    expect(r.summary.notes).toContain('on-premises prefixes of vpn-01c45673532d3e33e from --on-prem');
  });

  it('rejects --on-prem for an unknown VPN connection or a bad CIDR', () => {
    expect(() => importAws(EAST, { onPrem: { 'vpn-nope': ['10.0.0.0/8'] } })).toThrowError(
      '--on-prem names vpn-nope, which is not a VPN connection in the dump for us-east-2 (VPN connections: vpn-01c45673532d3e33e)',
    );
    expect(() => importAws(EAST, { onPrem: { 'vpn-01c45673532d3e33e': ['10.0.0.1/8'] } })).toThrowError(/host bits set\); did you mean 10\.0\.0\.0\/8\?/);
  });

  it('merges an overlay by id: updates, additions, removals', () => {
    const r = importAws(EAST, {
      overlay: {
        vpnConnections: [{ id: 'vpn-01c45673532d3e33e', onPremisesCidrs: ['203.0.113.0/24'] }],
        instances: [{ id: 'i-01602d9efaed4409a', name: 'web' }],
        prefixLists: [{ id: 'pl-office', cidrs: ['192.168.10.0/24'] }],
        vpcs: [{ id: 'vpc-0276455718806058a', name: null }],
      },
    });
    const t = r.topology as Obj;
    expect(byId(t.vpnConnections, 'vpn-01c45673532d3e33e').onPremisesCidrs).toEqual(['203.0.113.0/24']);
    expect(byId(t.instances, 'i-01602d9efaed4409a')).toMatchObject({ name: 'web', privateIp: '10.20.1.207' });
    expect(byId(t.prefixLists, 'pl-office').cidrs).toEqual(['192.168.10.0/24']);
    expect(byId(t.vpcs, 'vpc-0276455718806058a').name).toBeUndefined();
    expect(r.summary.vpnWithoutOnPremises).toEqual([]);
    expect(r.summary.notes).toContain('overlay merged: 3 resources updated, 1 added');
    expect(() => importAws(EAST, { overlay: { vpcs: [{ cidr: '10.0.0.0/16' }] } })).toThrowError('overlay: vpcs[0] needs an id');
  });
});
