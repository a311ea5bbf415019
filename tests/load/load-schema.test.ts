// Stage 1: the loader and the schema. Unknown keys with a suggestion, wrong types, missing keys, the
// canonical example (clean, and with its one deliberate error), and the shipped JSON Schema file.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AjvModule from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadTopology, loadTopologyFromData, topologySchema } from '../../src/index.js';
import { at, forFile } from '../helpers/diagnostics.js';
// @ts-expect-error: a script without type declarations
import { schemaTypeText } from '../../scripts/schema-type.mjs';

const FILE = 'shop.yaml';
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const root = (name: string) => fileURLToPath(new URL(`../../${name}`, import.meta.url));

const { load, expectOnlyError } = forFile(FILE);

const BASE = `version: 1
vpcs:
  - id: vpc-a
    cidr: 10.0.0.0/16
subnets:
  - id: app-a
    vpc: vpc-a
    cidr: 10.0.1.0/24
`;

describe('the canonical example', () => {
  it('loads clean once its deliberate error is removed', () => {
    const r = loadTopology(fixture('canonical.yaml'));
    expect(r.diagnostics).toEqual([]);
    expect(r.topology!.name).toBe('shop');
    expect(r.topology!.vpcs.map((v) => v.id)).toEqual(['vpc-shop', 'vpc-shared']);
    expect(r.topology!.instances.map((i) => i.id)).toEqual(['web-1', 'app-1', 'db-1', 'svc-1']);
  });

  it("reports its one deliberate error: app-1's IPv6 address in app-a, which has no IPv6 CIDR", () => {
    const file = fixture('canonical-with-error.yaml');
    const text = readFileSync(file, 'utf8');
    const r = loadTopology(file);
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect(d).toMatchObject({ code: 'IP_OUTSIDE_SUBNET', severity: 'error', file, ...at(text, '"2600:1f18:aaaa:bb02::10"') });
    expect(d.message).toBe("'app-1' has IPv6 address 2600:1f18:aaaa:bb02::10 but subnet 'app-a' has no IPv6 CIDR");
    expect(d.hint).toBe("add ipv6Cidr to subnet 'app-a' or remove the address");
    expect(r.topology).toBeUndefined();
  });

  it('the full example (transit gateways, prefix lists, extra interfaces) loads clean', () => {
    const r = loadTopology(fixture('canonical-full.yaml'));
    expect(r.diagnostics).toEqual([]);
    expect(r.topology!.tgwAttachments.map((a) => a.type)).toEqual(['vpc', 'vpn', 'peering']);
  });

  it('loads the same from plain data as from YAML', () => {
    const data = parse(readFileSync(fixture('canonical.yaml'), 'utf8'));
    const r = loadTopologyFromData(data);
    expect(r.diagnostics).toEqual([]);
    expect(r.topology!.subnets.map((s) => [s.id, s.routeTable.id, s.networkAcl.id])).toEqual([
      ['public-a', 'rt-public', 'vpc-shop:default-acl'],
      ['app-a', 'rt-app', 'acl-app'],
      ['data-a', 'rt-data', 'acl-data'],
      ['shared-a', 'rt-shared', 'vpc-shared:default-acl'],
    ]);
  });
});

describe('unknown keys are errors with a suggestion, at the key', () => {
  it('a misspelt top-level list', () => {
    const text = BASE + 'secutiryGroups: []\n';
    expectOnlyError(load(text), 'UNKNOWN_KEY', at(text, 'secutiryGroups'), "unknown key 'secutiryGroups' at the top level (did you mean 'securityGroups'?)");
  });

  it('a misspelt key in a subnet', () => {
    const text = BASE + '    routetable: rt-a\n';
    expectOnlyError(load(text), 'UNKNOWN_KEY', at(text, 'routetable'), "unknown key 'routetable' in subnet 'app-a' (did you mean 'routeTable'?)");
  });

  it('a misspelt required key is one error (the unknown key), not also a missing key', () => {
    const text = BASE.replace('    cidr: 10.0.1.0/24', '    cdir: 10.0.1.0/24');
    expectOnlyError(load(text), 'UNKNOWN_KEY', at(text, 'cdir'), "unknown key 'cdir' in subnet 'app-a' (did you mean 'cidr'?)");
  });

  it('a misspelt key in a route names the route', () => {
    const text = BASE + 'routeTables:\n  - id: rt-a\n    vpc: vpc-a\n    routes:\n      - { destnation: 0.0.0.0/0, blackhole: true }\n';
    expectOnlyError(
      load(text),
      'UNKNOWN_KEY',
      at(text, 'destnation'),
      "unknown key 'destnation' in route #1 of route table 'rt-a' (did you mean 'destination'?)",
    );
  });

  it('a misspelt key in a security group rule names the rule', () => {
    const text = BASE + 'securityGroups:\n  - id: sg-a\n    vpc: vpc-a\n    inbound:\n      - { protocol: tcp, port: 443, source: 0.0.0.0/0 }\n';
    expectOnlyError(load(text), 'UNKNOWN_KEY', at(text, 'port:'), "unknown key 'port' in inbound rule #1 of security group 'sg-a' (did you mean 'ports'?)");
  });

  it('a key far from every allowed one lists the allowed keys instead', () => {
    const text = BASE + '    colour: blue\n';
    const d = expectOnlyError(load(text), 'UNKNOWN_KEY', at(text, 'colour'), "unknown key 'colour' in subnet 'app-a'");
    expect(d.message).not.toContain('did you mean');
    expect(d.hint).toContain('expected one of: id, vpc, cidr');
  });

  it('every unknown key is reported, in file order', () => {
    const text = BASE.replace('  - id: vpc-a\n', '  - id: vpc-a\n    cidrs: []\n') + '    colour: blue\n';
    const r = load(text);
    expect(r.diagnostics.map((d) => [d.code, d.line, d.col])).toEqual([
      ['UNKNOWN_KEY', at(text, 'cidrs').line, at(text, 'cidrs').col],
      ['UNKNOWN_KEY', at(text, 'colour').line, at(text, 'colour').col],
    ]);
  });
});

describe('types and required keys', () => {
  it('a number where a CIDR string belongs (cidr: 10)', () => {
    const text = BASE.replace('cidr: 10.0.1.0/24', 'cidr: 10');
    expectOnlyError(load(text), 'WRONG_TYPE', at(text, '10\n'), "'cidr' of subnet 'app-a' must be a string, got number 10");
  });

  it('an unquoted account id is a number; the hint says to quote it', () => {
    const text = BASE + 'account: 123456789012\n';
    const d = expectOnlyError(load(text), 'WRONG_TYPE', at(text, '123456789012'), "'account' must be a string, got number 123456789012");
    expect(d.hint).toBe('write it in quotes: account: "123456789012"');
  });

  it('a non-string id', () => {
    const text = BASE.replace('  - id: app-a', '  - id: 42');
    const d = expectOnlyError(load(text), 'WRONG_TYPE', at(text, '42'), "'id' of subnet #1 must be a string, got number 42");
    expect(d.hint).toBe('write it in quotes: id: "42"');
  });

  it('a list where a mapping belongs', () => {
    const text = BASE.replace('subnets:\n  - id: app-a\n    vpc: vpc-a\n    cidr: 10.0.1.0/24\n', 'subnets:\n  - [app-a, vpc-a]\n');
    expectOnlyError(load(text), 'WRONG_TYPE', at(text, '[app-a'), 'subnet #1 must be a mapping, got a list');
  });

  it('a missing required key is reported at the object that lacks it', () => {
    const text = BASE.replace('    vpc: vpc-a\n', '');
    expectOnlyError(load(text), 'MISSING_KEY', at(text, 'id: app-a'), "subnet 'app-a' is missing required key 'vpc'");
  });

  it('an enum value outside its set lists the allowed values', () => {
    const text = BASE + 'networkAcls:\n  - id: acl-a\n    vpc: vpc-a\n    inbound:\n      - { rule: 100, protocol: all, cidr: 0.0.0.0/0, action: permit }\n';
    expectOnlyError(
      load(text),
      'INVALID_VALUE',
      at(text, 'permit'),
      "'action' of inbound rule #1 of network ACL 'acl-a' must be one of allow, deny, got string 'permit'",
    );
  });

  it('an empty id is refused', () => {
    const text = BASE.replace('id: app-a', 'id: ""');
    expectOnlyError(load(text), 'INVALID_VALUE', at(text, '""'), "'id'", 'must not be empty');
  });

  it('the region must look like an AWS region', () => {
    const text = BASE + 'region: US East\n';
    expectOnlyError(load(text), 'INVALID_VALUE', at(text, 'US East'), 'region must be an AWS region name like us-east-1');
  });
});

describe('version', () => {
  it('a file without version is refused', () => {
    const text = BASE.replace('version: 1\n', '');
    expectOnlyError(load(text), 'MISSING_KEY', { line: 1, col: 1 }, "missing 'version: 1'");
  });

  it('version 2 is refused as unsupported', () => {
    const text = BASE.replace('version: 1', 'version: 2');
    expectOnlyError(load(text), 'UNSUPPORTED_VERSION', at(text, '2'), 'unsupported format version number 2', 'reads version 1');
  });
});

describe('JSON topologies', () => {
  it('a .json file is read as JSON with positions for its diagnostics', () => {
    const text = '{\n  "version": 1,\n  "vpcs": [\n    { "id": "vpc-a", "cidr": "10.0.0.0/16", "cidrr": "x" }\n  ]\n}\n';
    expectOnlyError(load(text, 'shop.json'), 'UNKNOWN_KEY', at(text, '"cidrr"'), "unknown key 'cidrr' in VPC 'vpc-a'");
  });

  it('binder errors in JSON point at the value', () => {
    const text = '{\n  "version": 1,\n  "vpcs": [\n    { "id": "vpc-a", "cidr": "10.0.0.5/16" }\n  ]\n}\n';
    expectOnlyError(load(text, 'shop.json'), 'INVALID_CIDR', at(text, '"10.0.0.5/16"'), 'did you mean 10.0.0.0/16?');
  });
});

describe('the shipped JSON Schema', () => {
  it('schema/topology.schema.json is exactly topologySchema (regenerate with scripts/write-schema.mjs)', () => {
    const committed = readFileSync(root('schema/topology.schema.json'), 'utf8');
    expect(committed).toBe(`${JSON.stringify(topologySchema, null, 2)}\n`);
  });

  it('src/load/topology-data.ts is exactly the type written from topologySchema (regenerate with scripts/write-schema.mjs)', () => {
    expect(readFileSync(root('src/load/topology-data.ts'), 'utf8')).toBe(schemaTypeText(topologySchema));
  });

  it('writes each key required or optional as the schema says, enums and oneOf as unions, closed objects only', () => {
    const text = schemaTypeText({
      title: 't',
      type: 'object',
      additionalProperties: false,
      required: ['version'],
      properties: {
        version: { const: 1 },
        mode: { enum: ['a', 'b'], description: 'the mode' },
        ports: { type: ['integer', 'string', 'array'], items: { type: ['integer', 'string'] } },
        items: {
          type: 'array',
          items: { oneOf: [{ type: 'string' }, { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'string' } } }] },
        },
      },
    });
    expect(text).toContain("export type TopologyData = {\n  version: 1;\n  /** the mode */\n  mode?: 'a' | 'b';\n");
    expect(text).toContain('ports?: number | string | (number | string)[];');
    expect(text).toContain('items?: (\n');
    expect(() =>
      schemaTypeText({ type: 'object', properties: { x: { type: 'object', properties: { y: { type: 'string' } } } }, additionalProperties: false }),
    ).toThrow(/open object/);
  });

  it('is draft-07, and ajv on its own accepts the canonical example as plain data', () => {
    const schema = JSON.parse(readFileSync(root('schema/topology.schema.json'), 'utf8'));
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    const Ajv = AjvModule as unknown as typeof AjvModule.default;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    for (const name of ['canonical.yaml', 'canonical-full.yaml']) {
      const data = parse(readFileSync(fixture(name), 'utf8'));
      expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('ajv on its own rejects a misspelt key, so editors flag what vpcsim flags', () => {
    const schema = JSON.parse(readFileSync(root('schema/topology.schema.json'), 'utf8'));
    const Ajv = AjvModule as unknown as typeof AjvModule.default;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate({ version: 1, vpcs: [{ id: 'v', cidr: '10.0.0.0/16', cidrr: 'x' }] })).toBe(false);
    expect(validate.errors![0]).toMatchObject({ keyword: 'additionalProperties', params: { additionalProperty: 'cidrr' } });
  });
});
