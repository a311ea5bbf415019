// What the tracer derives from a topology (its compiled form, resolved endpoints) is kept on that topology, so it
// lives and dies with it: two bindings of the same file never share it.
import { describe, expect, it } from 'vitest';
import { compiledTopology } from '../../src/trace/compiled-topology.js';
import { resolveEndpoint } from '../../src/trace/endpoints.js';
import { load } from '../helpers/trace.js';

const TOPOLOGY = `version: 1
region: us-east-1
vpcs:
  - { id: vpc-a, cidr: 10.0.0.0/16 }
subnets:
  - { id: app, vpc: vpc-a, cidr: 10.0.1.0/24 }
instances:
  - { id: web, subnet: app, privateIp: 10.0.1.10 }
`;

describe('derived data lives on the topology', () => {
  it('starts empty after binding', () => {
    expect(load(TOPOLOGY).derived).toEqual({});
  });

  it('keeps the compiled form on the topology it was compiled from', () => {
    const a = load(TOPOLOGY);
    const b = load(TOPOLOGY);
    const ca = compiledTopology(a);
    expect(ca).not.toBeNull();
    expect(a.derived.compiled).toBe(ca);
    expect(compiledTopology(a)).toBe(ca);
    expect(b.derived.compiled).toBeUndefined();
    expect(compiledTopology(b)).not.toBe(ca);
  });

  it('memoises resolved endpoints per topology', () => {
    const a = load(TOPOLOGY);
    const e = resolveEndpoint(a, '10.0.1.10');
    expect(e.type).toBe('interface');
    expect(a.derived.endpoints?.get('10.0.1.10')).toBe(e);
    expect(resolveEndpoint(a, '10.0.1.10')).toBe(e);
    expect(load(TOPOLOGY).derived.endpoints).toBeUndefined();
  });
});
