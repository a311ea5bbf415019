// Terraform and AWS API spellings get a did-you-mean naming vpcsim's key, and one mistake gives one error.
import { describe, expect, it } from 'vitest';
import { loadInput } from '../../src/input/input.js';

const load = (text: string) => loadInput('-', { stdinText: text, inputFormat: 'yaml' }).diagnostics.map((d) => [d.code, d.line, d.message, d.hint]);

describe('foreign spellings', () => {
  it.each([
    ['cidr_block', 'vpcs:\n  - { id: vpc-a, cidr_block: 10.0.0.0/16 }\n', 'cidr'],
    ['CidrBlock', 'vpcs:\n  - { id: vpc-a, CidrBlock: 10.0.0.0/16 }\n', 'cidr'],
  ])('%s: one error, with the vpcsim key', (foreign, body, key) => {
    const ds = load(`version: 1\n${body}`);
    expect(ds).toEqual([
      [
        'UNKNOWN_KEY',
        3,
        `unknown key '${foreign}' in VPC 'vpc-a': did you mean '${key}'? '${foreign}' is the Terraform or AWS API spelling`,
        `rename '${foreign}' to '${key}'`,
      ],
    ]);
  });

  it('ingress/egress, gateway_id, vpc_security_group_ids, IpPermissions', () => {
    const ds = load(`version: 1
vpcs: [ { id: vpc-a, cidr: 10.0.0.0/16 } ]
subnets: [ { id: s, vpc: vpc-a, cidr: 10.0.0.0/24 } ]
internetGateways: [ { id: igw, vpc: vpc-a } ]
securityGroups:
  - { id: sg-a, vpc: vpc-a, ingress: [], egress: [] }
  - { id: sg-b, vpc: vpc-a, IpPermissions: [] }
instances:
  - { id: i-a, subnet: s, privateIp: 10.0.0.5, vpc_security_group_ids: [sg-a] }
routeTables:
  - { id: rt, vpc: vpc-a, routes: [ { destination: 0.0.0.0/0, gateway_id: igw } ] }
`);
    expect(ds.map((d) => d[3])).toEqual([
      "rename 'ingress' to 'inbound'",
      "rename 'egress' to 'outbound'",
      "rename 'IpPermissions' to 'inbound'",
      "rename 'vpc_security_group_ids' to 'securityGroups'",
      "rename 'gateway_id' to 'target'",
    ]);
    expect(ds.some((d) => d[0] === 'MISSING_KEY')).toBe(false); // the route's missing target is the same mistake
  });

  it('from_port and to_port are one mistake; cidr_blocks is source inbound and destination outbound', () => {
    const ds = load(`version: 1
vpcs: [ { id: vpc-a, cidr: 10.0.0.0/16 } ]
securityGroups:
  - id: sg-a
    vpc: vpc-a
    inbound:
      - { protocol: tcp, from_port: 22, to_port: 22, cidr_blocks: 10.0.0.0/8 }
    outbound:
      - { protocol: all, cidr_blocks: 0.0.0.0/0 }
`);
    expect(ds.map((d) => [d[0], d[1], d[3]])).toEqual([
      ['UNKNOWN_KEY', 7, "write one key, ports: 22 or ports: '1024-65535', instead of from_port and to_port"],
      ['UNKNOWN_KEY', 7, "rename 'cidr_blocks' to 'source'"],
      ['UNKNOWN_KEY', 9, "rename 'cidr_blocks' to 'destination'"],
    ]);
  });

  it('a spelling is suggested only where its key is accepted, and other unknown keys are unchanged', () => {
    const ds = load('version: 1\nvpcs:\n  - { id: vpc-a, cidr: 10.0.0.0/16, gateway_id: x, colour: red }\n');
    expect(ds.map((d) => d[2])).toEqual(["unknown key 'gateway_id' in VPC 'vpc-a'", "unknown key 'colour' in VPC 'vpc-a'"]);
  });
});
