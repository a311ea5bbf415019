// References between resources: unknown ids (with the closest id suggested), ids of the wrong kind,
// duplicate ids, and resources of one VPC referring to another VPC's.
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/index.js';
import { at, forFile } from '../helpers/diagnostics.js';

const FILE = 'shop.yaml';

const { load, expectOnlyError } = forFile(FILE);

const SHOP = `version: 1
vpcs:
  - id: vpc-shop
    cidr: 10.0.0.0/16
  - id: vpc-shared
    cidr: 10.50.0.0/16
subnets:
  - { id: public-a, vpc: vpc-shop, cidr: 10.0.1.0/24, routeTable: rt-public }
  - { id: shared-a, vpc: vpc-shared, cidr: 10.50.1.0/24 }
internetGateways: [ { id: igw-shop, vpc: vpc-shop } ]
securityGroups:
  - { id: sg-web, vpc: vpc-shop }
  - { id: sg-shared, vpc: vpc-shared }
networkAcls:
  - { id: acl-shared, vpc: vpc-shared }
routeTables:
  - id: rt-public
    vpc: vpc-shop
    routes:
      - { destination: 0.0.0.0/0, target: igw-shop }
  - id: rt-shared
    vpc: vpc-shared
`;

describe('the base topology of these tests', () => {
  it('loads clean', () => {
    const r = load(SHOP);
    expect(r.diagnostics).toEqual([]);
    expect(r.topology).toBeDefined();
  });
});

describe('unknown references', () => {
  it("a misspelt route target suggests the closest id: igw-shp → did you mean 'igw-shop'", () => {
    const text = SHOP.replace('target: igw-shop', 'target: igw-shp');
    const d = expectOnlyError(
      load(text),
      'UNKNOWN_REFERENCE',
      at(text, 'igw-shp'),
      "unknown route target 'igw-shp' in route 0.0.0.0/0 of route table rt-public (did you mean 'igw-shop'?)",
    );
    expect(formatDiagnostic(d)).toBe(`${FILE}:${d.line}:${d.col} error UNKNOWN_REFERENCE: ${d.message}`);
  });

  it('a misspelt VPC on a subnet suggests the VPC', () => {
    const text = SHOP.replace('{ id: shared-a, vpc: vpc-shared,', '{ id: shared-a, vpc: vpc-sharde,');
    expectOnlyError(load(text), 'UNKNOWN_REFERENCE', at(text, 'vpc-sharde'), "unknown VPC 'vpc-sharde'", "did you mean 'vpc-shared'?");
  });

  it('a misspelt route table on a subnet suggests the route table', () => {
    const text = SHOP.replace('routeTable: rt-public }', 'routeTable: rt-pubilc }');
    expectOnlyError(load(text), 'UNKNOWN_REFERENCE', at(text, 'rt-pubilc'), "unknown route table 'rt-pubilc'", "did you mean 'rt-public'?");
  });

  it('suggestions come only from ids of the wanted kind', () => {
    // 'sg-webb' is one letter from sg-web, but a subnet's VPC must be a VPC
    const text = SHOP.replace('{ id: shared-a, vpc: vpc-shared,', '{ id: shared-a, vpc: sg-webb,');
    const d = expectOnlyError(load(text), 'UNKNOWN_REFERENCE', at(text, 'sg-webb'), "unknown VPC 'sg-webb'");
    expect(d.message).not.toContain('did you mean');
    expect(d.hint).toBe('known: vpc-shop, vpc-shared');
  });

  it('a far-off name lists the known ids instead of guessing', () => {
    const text = SHOP.replace('target: igw-shop', 'target: something-else');
    const d = expectOnlyError(load(text), 'UNKNOWN_REFERENCE', at(text, 'something-else'), "unknown route target 'something-else'");
    expect(d.message).not.toContain('did you mean');
    expect(d.hint).toContain('igw-shop');
  });

  it('an unknown security group on an instance suggests the group', () => {
    const text = SHOP + 'instances:\n  - { id: web-1, subnet: public-a, privateIp: 10.0.1.10, securityGroups: [sg-wbe] }\n';
    expectOnlyError(load(text), 'UNKNOWN_REFERENCE', at(text, 'sg-wbe'), "unknown security group 'sg-wbe'", "did you mean 'sg-web'?");
  });

  it('an unknown SG rule source suggests the group', () => {
    const text = SHOP.replace(
      '{ id: sg-web, vpc: vpc-shop }',
      '{ id: sg-web, vpc: vpc-shop }\n  - { id: sg-app, vpc: vpc-shop, inbound: [ { protocol: tcp, ports: 8080, source: sg-wed } ] }',
    );
    expectOnlyError(load(text), 'UNKNOWN_REFERENCE', at(text, 'sg-wed'), "'sg-wed'", "did you mean 'sg-web'?");
  });

  it('every unknown reference in a file is reported, not just the first', () => {
    const text = SHOP.replace('target: igw-shop', 'target: igw-shp').replace('routeTable: rt-public }', 'routeTable: rt-pubilc }');
    const r = load(text);
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['UNKNOWN_REFERENCE', at(text, 'rt-pubilc').line],
      ['UNKNOWN_REFERENCE', at(text, 'igw-shp').line],
    ]);
  });
});

describe('references of the wrong kind', () => {
  it('target: sg-web is a security group, not a route target', () => {
    const text = SHOP.replace('target: igw-shop', 'target: sg-web');
    const d = expectOnlyError(load(text), 'WRONG_KIND', at(text, 'sg-web }'), "'sg-web'", 'is a security group, not a route target');
    expect(d.hint).toContain('internet gateway');
  });

  it('a subnet given as a VPC is the wrong kind', () => {
    const text = SHOP.replace('{ id: shared-a, vpc: vpc-shared,', '{ id: shared-a, vpc: public-a,');
    expectOnlyError(load(text), 'WRONG_KIND', at(text, 'public-a', 1), "'public-a' is a subnet, not a VPC");
  });

  it("a network ACL given as a subnet's route table is the wrong kind", () => {
    const text = SHOP.replace('routeTable: rt-public }', 'routeTable: acl-shared }');
    expectOnlyError(load(text), 'WRONG_KIND', at(text, 'acl-shared }'), "'acl-shared' is a network ACL, not a route table");
  });

  it('a route table given as a security group on an instance is the wrong kind', () => {
    const text = SHOP + 'instances:\n  - { id: web-1, subnet: public-a, privateIp: 10.0.1.10, securityGroups: [rt-public] }\n';
    expectOnlyError(load(text), 'WRONG_KIND', at(text, 'rt-public]'), "'rt-public' is a route table, not a security group");
  });
});

describe('ids are unique in the file', () => {
  it('a second resource with an id already used is reported at its id, naming the first and its line', () => {
    const text = SHOP.replace('  - { id: sg-shared, vpc: vpc-shared }', '  - { id: igw-shop, vpc: vpc-shared }');
    const d = expectOnlyError(
      load(text),
      'DUPLICATE_ID',
      at(text, 'igw-shop', 1),
      "id 'igw-shop' is already used by the internet gateway",
      `line ${at(text, 'igw-shop').line}`,
    );
    expect(d.hint).toBe('ids must be unique in the file');
  });

  it('duplicate ids within one list are reported too', () => {
    const text = SHOP.replace('  - { id: sg-shared, vpc: vpc-shared }', '  - { id: sg-web, vpc: vpc-shop }');
    expectOnlyError(load(text), 'DUPLICATE_ID', at(text, 'sg-web', 1), "id 'sg-web' is already used by the security group");
  });

  // Regression (fuzzing): one id in two different lists, at the same index in each, bound both resources and
  // stopped with an internal error instead of DUPLICATE_ID.
  it('one id in two lists at the same index is DUPLICATE_ID at the second, naming the first', () => {
    const text = `version: 1
vpcs:    [ { id: vpc-a, cidr: 10.0.0.0/16 } ]
subnets: [ { id: vpc-a, vpc: vpc-a, cidr: 10.0.0.0/24 }, { id: s-b, vpc: vpc-a, cidr: 10.0.1.0/24 } ]
`;
    const d = expectOnlyError(
      load(text),
      'DUPLICATE_ID',
      at(text, 'vpc-a', 1),
      "id 'vpc-a' is already used by the VPC vpcs[0]",
      `line 2:${at(text, 'vpc-a').col}`,
    );
    expect(d.path).toEqual(['subnets', 0, 'id']);
  });

  it.each([
    ['internetGateways', 'internet gateway'],
    ['networkAcls', 'network ACL'],
    ['securityGroups', 'security group'],
    ['routeTables', 'route table'],
  ])('a %s entry sharing the VPC id is DUPLICATE_ID, not an internal error', (list) => {
    const text = `version: 1\nvpcs: [ { id: vpc-a, cidr: 10.0.0.0/16 } ]\n${list}: [ { id: vpc-a, vpc: vpc-a } ]\n`;
    expectOnlyError(load(text), 'DUPLICATE_ID', at(text, 'vpc-a', 1), "id 'vpc-a' is already used by the VPC");
  });

  it("an id containing ':' is refused (reserved for selectors)", () => {
    const text = SHOP.replace('{ id: sg-web, vpc: vpc-shop }', '{ id: "sg:web", vpc: vpc-shop }');
    expectOnlyError(load(text), 'INVALID_ID', at(text, '"sg:web"'), "'sg:web'", "':'");
  });
});

describe('resources of one VPC do not reference another VPC', () => {
  it("a subnet's route table must be in the subnet's VPC", () => {
    const text = SHOP.replace(
      '{ id: shared-a, vpc: vpc-shared, cidr: 10.50.1.0/24 }',
      '{ id: shared-a, vpc: vpc-shared, cidr: 10.50.1.0/24, routeTable: rt-public }',
    );
    expectOnlyError(
      load(text),
      'CROSS_VPC_REFERENCE',
      at(text, 'rt-public', 1),
      "route table 'rt-public' is in VPC 'vpc-shop', but subnet 'shared-a' is in VPC 'vpc-shared'",
    );
  });

  it("a subnet's network ACL must be in the subnet's VPC", () => {
    const text = SHOP.replace('routeTable: rt-public }', 'routeTable: rt-public, networkAcl: acl-shared }');
    expectOnlyError(
      load(text),
      'CROSS_VPC_REFERENCE',
      at(text, 'acl-shared }'),
      "network ACL 'acl-shared' is in VPC 'vpc-shared', but subnet 'public-a' is in VPC 'vpc-shop'",
    );
  });

  it("an SG on an instance must be in the instance's VPC", () => {
    const text = SHOP + 'instances:\n  - { id: web-1, subnet: public-a, privateIp: 10.0.1.10, securityGroups: [sg-web, sg-shared] }\n';
    expectOnlyError(
      load(text),
      'CROSS_VPC_REFERENCE',
      at(text, 'sg-shared]'),
      "security group 'sg-shared' is in VPC 'vpc-shared', but 'web-1' is in VPC 'vpc-shop'",
    );
  });

  it("a route to another VPC's internet gateway is refused", () => {
    const text = SHOP.replace(
      '  - id: rt-shared\n    vpc: vpc-shared\n',
      '  - id: rt-shared\n    vpc: vpc-shared\n    routes:\n      - { destination: 0.0.0.0/0, target: igw-shop }\n',
    );
    expectOnlyError(
      load(text),
      'CROSS_VPC_REFERENCE',
      at(text, 'igw-shop', 2),
      "route 0.0.0.0/0 in 'rt-shared' (VPC 'vpc-shared') targets 'igw-shop', which is in VPC 'vpc-shop'",
    );
  });

  it('an SG rule may not reference a group of an unpeered VPC', () => {
    const text = SHOP.replace('{ id: sg-web, vpc: vpc-shop }', '{ id: sg-web, vpc: vpc-shop, inbound: [ { protocol: tcp, ports: 443, source: sg-shared } ] }');
    expectOnlyError(
      load(text),
      'CROSS_VPC_REFERENCE',
      at(text, 'sg-shared'),
      "security group 'sg-shared' is in VPC 'vpc-shared'",
      'neither this VPC nor peered',
    );
  });

  it('an SG rule may reference a group of a peered VPC in the same region', () => {
    const text =
      SHOP.replace('{ id: sg-web, vpc: vpc-shop }', '{ id: sg-web, vpc: vpc-shop, inbound: [ { protocol: tcp, ports: 443, source: sg-shared } ] }') +
      'peeringConnections:\n  - { id: pcx-1, requesterVpc: vpc-shop, accepterVpc: vpc-shared }\n';
    const r = load(text);
    expect(r.diagnostics).toEqual([]);
    const web = r.topology!.securityGroups.find((g) => g.id === 'sg-web')!;
    const shared = r.topology!.securityGroups.find((g) => g.id === 'sg-shared')!;
    expect(web.inbound[0]!.peer).toEqual({ type: 'sg', group: shared });
    expect(shared.referencedBy).toContain(web);
  });
});
