// `vpcsim generate` writes only estates the loader accepts: an estate above the loader's size or value limits
// is refused from the flags alone, before anything is built, with one line naming the estimate and the limit.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../src/cli/exit.js';
import { countValueSeparators, estimateGenerated } from '../../src/generate/estimate.js';
import { generateTopology, type GenerateOptions } from '../../src/generate/generate.js';
import { formatGeneratedTopology } from '../../src/generate/emit.js';
import { LOADER_LIMITS, runGenerate } from '../../src/cli/commands/generate.js';
import type { GenerateFlags } from '../../src/cli/commands/generate.js';
import { DEFAULT_MAX_JSON, DEFAULT_MAX_JSON_VALUES, DEFAULT_MAX_YAML, DEFAULT_MAX_YAML_VALUES, loadFile, loadText } from '../../src/load/load.js';

afterEach(() => vi.restoreAllMocks());

// The generator is wrapped so a test can tell that a refused estate was never built (instead of timing it).
vi.mock('../../src/generate/generate.js', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../src/generate/generate.js')>();
  return { ...m, generateTopology: vi.fn(m.generateTopology) };
});

function refusal(flags: GenerateFlags): { error: unknown; built: number; out: string } {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  const built = vi.mocked(generateTopology);
  built.mockClear();
  try {
    runGenerate(flags);
    return { error: undefined, built: built.mock.calls.length, out };
  } catch (error) {
    return { error, built: built.mock.calls.length, out };
  }
}

describe('generate: estates the loader would refuse', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpcsim-gen-limits-'));

  it('uses the loader limits', () => {
    expect(LOADER_LIMITS.json).toEqual({ bytes: DEFAULT_MAX_JSON, values: DEFAULT_MAX_JSON_VALUES });
    expect(LOADER_LIMITS.yaml).toEqual({ bytes: DEFAULT_MAX_YAML, values: DEFAULT_MAX_YAML_VALUES });
  });

  it.each<[string, GenerateFlags, RegExp]>([
    ['100,000 VPCs to standard output', { vpcs: '100000' }, /about [\d.]+ MiB of YAML .* above the limit of 8 MiB and 250,000 values for YAML topologies/],
    [
      '100 million SG rules',
      { vpcs: '100000', sgRules: '100000000', output: 'x.json' },
      /about [\d.]+ MiB of JSON .* above the limit of \d+ MiB and 5,000,000 values for JSON/,
    ],
    ['a 100,000-VPC peering ring', { vpcs: '100000', hub: 'peering-mesh', instancesPerSubnet: '0', output: 'x.json' }, /about [\d.]+ MiB of JSON/],
    ['20,000 VPCs of 10 subnets', { vpcs: '20000', subnetsPerVpc: '10', output: 'x.json' }, /about 1\d\d\.\d MiB of JSON/],
    [
      'too many values, under the byte limit',
      { vpcs: '60000', subnetsPerVpc: '1', instancesPerSubnet: '0', hub: 'none', output: 'x.json' },
      /holding \d,\d{3},\d{3} values, above the limit of \d+ MiB and 5,000,000 values/,
    ],
  ])('refuses %s up front, in one line, writing nothing', (_, flags, message) => {
    const output = flags.output ? join(dir, flags.output) : undefined;
    const r = refusal({ ...flags, ...(output ? { output } : {}) });
    expect(r.error).toBeInstanceOf(UsageError);
    const text = (r.error as Error).message;
    expect(text).toMatch(message);
    expect(text).toContain('ask for fewer VPCs, subnets, instances or rules');
    expect(text).not.toContain('\n');
    expect(r.built).toBe(0); // refused from the estimate, before any VPC is planned
    expect(r.out).toBe('');
    if (output) expect(existsSync(output)).toBe(false);
  });

  it('suggests JSON when a YAML estate would fit as JSON', () => {
    const r = refusal({ vpcs: '3000', subnetsPerVpc: '10' });
    expect((r.error as Error).message).toMatch(/YAML topologies; .*or write JSON \(-o <file>\.json\)/);
  });

  it('judges a file by the extension the loader reads it by: JSON text in a .yaml file has the YAML limits', () => {
    const r = refusal({ vpcs: '3000', subnetsPerVpc: '10', format: 'json', output: join(dir, 'x.yaml') });
    expect((r.error as Error).message).toMatch(/of JSON .* for YAML topologies/);
  });

  it('measures the written text of an estate the estimate puts just below the margin, and refuses it when over', () => {
    // 215 VPCs of the large preset: about 271,000 values of YAML, within 10% of the 250,000 limit.
    const flags: GenerateFlags = { size: 'large', vpcs: '215', sgRules: '21500', naclRules: '4300' };
    const r = refusal(flags);
    expect((r.error as Error).message).toMatch(/^this estate is [\d.]+ MiB of YAML holding 2[5-7]\d,\d{3} values, above the limit of 8 MiB and 250,000 values/);
    expect(r.out).toBe('');
  });

  it('still writes the large preset, which loads', () => {
    const file = join(dir, 'large.json');
    const r = refusal({ size: 'large', output: file });
    expect(r.error).toBeUndefined();
    expect(r.out).toMatch(/^wrote .*large\.json \(json, 13\.\d MB\)/);
    expect(loadFile(file).diagnostics).toEqual([]);
  });
});

describe('estimateGenerated', () => {
  it.each<GenerateOptions>([
    { vpcs: 3, subnetsPerVpc: 6, instancesPerSubnet: 2 },
    { vpcs: 1, subnetsPerVpc: 6, instancesPerSubnet: 2, hub: 'none' },
    { vpcs: 100, subnetsPerVpc: 10, instancesPerSubnet: 5, sgRules: 10_000, naclRules: 2_000 },
    { vpcs: 300, subnetsPerVpc: 10, instancesPerSubnet: 2, hub: 'peering-mesh' },
    { vpcs: 2000, subnetsPerVpc: 1, instancesPerSubnet: 0, hub: 'none' },
    { vpcs: 500, subnetsPerVpc: 3, instancesPerSubnet: 0, hub: 'peering-mesh', naclRules: 0 },
    { vpcs: 2, subnetsPerVpc: 200, instancesPerSubnet: 20 },
    { vpcs: 10, subnetsPerVpc: 4, instancesPerSubnet: 1, sgRules: 5, naclRules: 7 },
    { vpcs: 10, subnetsPerVpc: 12, instancesPerSubnet: 1, sgRules: 20_000, naclRules: 20_000 },
    { vpcs: 3, subnetsPerVpc: 2, instancesPerSubnet: 1000 },
  ])('estimates %o within a tenth of the written file', (opts) => {
    const est = estimateGenerated(opts);
    const t = generateTopology(opts);
    for (const format of ['json', 'yaml'] as const) {
      const text = formatGeneratedTopology(t, format);
      expect(Math.abs(est[format].bytes / text.length - 1)).toBeLessThan(0.1);
      expect(Math.abs(est[format].values / countValueSeparators(text, format === 'yaml') - 1)).toBeLessThan(0.1);
    }
  });

  it('counts values as the loader does', () => {
    const text = formatGeneratedTopology(generateTopology({ vpcs: 1, subnetsPerVpc: 1, instancesPerSubnet: 0 }), 'json');
    const n = countValueSeparators(text, false);
    expect(loadText(text, 'x.json', { maxValues: n, skipSchema: true }).diagnostics).toEqual([]);
    expect(loadText(text, 'x.json', { maxValues: n - 1, skipSchema: true }).diagnostics[0]?.code).toBe('FILE_TOO_LARGE');
  });
});
