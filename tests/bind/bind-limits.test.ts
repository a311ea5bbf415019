// The binder's bounds on hostile files: the error cap applies to reference errors as to schema errors, and
// did-you-mean suggestions stay cheap when thousands of unknown references meet thousands of ids.
import { describe, expect, it } from 'vitest';
import { loadTopologyText } from '../../src/index.js';
import { MAX_SCHEMA_DIAGNOSTICS } from '../../src/load/validate.js';

function unknownSgs(instances: number, groups: number): string {
  const sgs = Array.from({ length: groups }, (_, i) => ({ id: `sg-web-${i}`, vpc: 'vpc-a' }));
  const is = Array.from({ length: instances }, (_, i) => ({
    id: `i-${i}`,
    subnet: 's-a',
    privateIp: `10.0.${((i + 16) >> 8) & 255}.${(i + 16) & 255}`,
    securityGroups: [`sg-wbe-${i}`],
  }));
  return JSON.stringify(
    {
      version: 1,
      vpcs: [{ id: 'vpc-a', cidr: '10.0.0.0/16' }],
      subnets: [{ id: 's-a', vpc: 'vpc-a', cidr: '10.0.0.0/16' }],
      securityGroups: sgs,
      instances: is,
    },
    null,
    1,
  );
}

describe('reference errors are capped like schema errors', () => {
  it('past the cap, one positioned TOO_MANY_ERRORS says how many more there are', () => {
    const text = unknownSgs(MAX_SCHEMA_DIAGNOSTICS + 500, 0);
    const r = loadTopologyText(text, 'many.json');
    expect(r.topology).toBeUndefined();
    expect(r.diagnostics.length).toBeLessThanOrEqual(MAX_SCHEMA_DIAGNOSTICS + 1);
    const more = r.diagnostics.filter((d) => d.code === 'TOO_MANY_ERRORS');
    expect(more).toHaveLength(1);
    expect(more[0]!.line).toBeGreaterThan(1);
    expect(more[0]!.message).toMatch(/^[\d,]+ more errors and warnings from here on are not shown/);
    for (const d of r.diagnostics) expect(d.line).toBeGreaterThan(0);
  });
});

describe('did-you-mean suggestions are bounded', () => {
  it('early unknown references get a suggestion, and thousands of them against thousands of ids still bind', () => {
    const r = loadTopologyText(unknownSgs(3000, 3000), 'many.json');
    const unknown = r.diagnostics.filter((d) => d.code === 'UNKNOWN_REFERENCE' && d.message.includes('security group'));
    expect(unknown).toHaveLength(3000);
    expect(unknown.filter((d) => d.message.includes('did you mean')).length).toBeGreaterThan(0);
    // The budget is spent after a bounded number of comparisons: most references go without one.
    expect(unknown.filter((d) => d.message.includes('did you mean')).length).toBeLessThan(1000);
  });
});
