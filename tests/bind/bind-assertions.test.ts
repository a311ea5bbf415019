// The binder binds the topology's own assertions last: positions, and subnet:/sg: sides resolved to interfaces,
// which check reads instead of looking the ids up again.
import { describe, expect, it } from 'vitest';
import { loadTopologyText, type Topology } from '../../src/index.js';
import { assertionsOf, runAssertion } from '../../src/check/assertions.js';

function bound(text: string): Topology {
  const r = loadTopologyText(text, 'assertions.yaml');
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.topology!;
}

const TOPOLOGY = `version: 1
region: us-east-1
vpcs:
  - { id: vpc-a, cidr: 10.0.0.0/16 }
subnets:
  - { id: app, vpc: vpc-a, cidr: 10.0.1.0/24 }
  - { id: db, vpc: vpc-a, cidr: 10.0.2.0/24 }
securityGroups:
  - { id: sg-db, vpc: vpc-a }
instances:
  - { id: web1, subnet: app, privateIp: 10.0.1.10 }
  - { id: web2, subnet: app, privateIp: 10.0.1.11 }
  - { id: pg, subnet: db, privateIp: 10.0.2.10, securityGroups: [sg-db] }
assertions:
  - { from: subnet:app, to: sg:db-missing, expect: reject }
  - { from: web1, to: sg:sg-db, port: 5432, expect: reject }
`;

describe('bound assertions', () => {
  const t = bound(TOPOLOGY);

  it('keeps each assertion with the position of its list item', () => {
    expect(t.boundAssertions.map((a) => [a.line, (a.raw as { from: string }).from])).toEqual([
      [15, 'subnet:app'],
      [16, 'web1'],
    ]);
  });

  it('resolves subnet: and sg: sides to the interfaces they stand for, and says why an id names none', () => {
    const [first, second] = t.boundAssertions;
    expect(first!.from && 'interfaces' in first!.from ? first!.from.interfaces.map((e) => e.id) : first!.from).toEqual(
      t.instances.filter((i) => i.subnet.id === 'app').map((i) => i.primary.id),
    );
    expect(first!.to).toEqual({ error: "'db-missing' is not a security group" });
    expect(second!.from).toBeUndefined();
    expect(second!.to && 'interfaces' in second!.to ? second!.to.interfaces.map((e) => e.id) : second!.to).toEqual([
      t.instances.find((i) => i.id === 'pg')!.primary.id,
    ]);
  });

  it('check runs the bound sides: an unknown group fails the assertion, a known one is traced', () => {
    const [bad, good] = assertionsOf(t).map((a) => runAssertion(t, a));
    expect(bad!.passed).toBe(false);
    expect(bad!.failure).toContain("'db-missing' is not a security group");
    expect(good!.line).toBe(16);
    expect(good!.traces).toBe(1);
  });
});
