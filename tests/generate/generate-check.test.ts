// Generated estates pass every lint rule of `vpcsim check`: no errors, no warnings (info, such as an unused
// security group when there are no instances, is allowed).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFile } from '../../src/check/check.js';
import { countGenerated, formatGeneratedTopology, generateTopology, type GenerateOptions } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'vpcsim-gen-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lint(opts: GenerateOptions, format: 'yaml' | 'json'): string[] {
  const file = join(dir, `estate.${format}`);
  writeFileSync(file, formatGeneratedTopology(generateTopology(opts), format));
  return checkFile(file)
    .findings.filter((f) => f.severity !== 'info')
    .map((f) => `${f.line}:${f.col} ${f.severity} ${f.ruleId} ${f.message}`);
}

describe('generated estates under check', () => {
  it('a medium-like estate is clean', () => {
    expect(lint({ vpcs: 20, subnetsPerVpc: 10, instancesPerSubnet: 5, sgRules: 2_000, naclRules: 400, hub: 'tgw' }, 'json')).toEqual([]);
  });

  // Budgets below the core rule count leave NACLs deliberately incomplete (the most important rules first),
  // which check rightly reports; from the core count up, estates are clean.
  it('any small estate with at least its core rules is clean', () => {
    fc.assert(
      fc.property(
        fc.record({
          vpcs: fc.integer({ min: 1, max: 8 }),
          subnetsPerVpc: fc.integer({ min: 1, max: 11 }),
          instancesPerSubnet: fc.integer({ min: 0, max: 3 }),
          sgExtra: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
          naclExtra: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
          hub: fc.constantFrom('tgw' as const, 'peering-mesh' as const, 'none' as const),
          seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        }),
        (p) => {
          const { sgExtra, naclExtra, ...base } = p;
          const core = countGenerated(generateTopology(base));
          const opts: GenerateOptions = { ...base };
          if (sgExtra !== undefined) opts.sgRules = core.sgRules + sgExtra;
          if (naclExtra !== undefined) opts.naclRules = core.naclRules + naclExtra;
          expect(lint(opts, p.seed % 2 ? 'json' : 'yaml')).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });
});
