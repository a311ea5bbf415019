// `vpcsim generate`: flag parsing, presets, output files, one-line usage errors.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerGenerate } from '../../src/cli/generate.js';
import { UsageError } from '../../src/cli/exit.js';
import { optionsFromFlags, runGenerate } from '../../src/cli/commands/generate.js';
import { loadTopologyText } from '../../src/index.js';

afterEach(() => vi.restoreAllMocks());

async function cli(...args: string[]): Promise<{ code: number; out: string; error?: unknown }> {
  const program = new Command().exitOverride();
  let code = 0;
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  registerGenerate(program, (c) => (code = Math.max(code, c)));
  try {
    await program.parseAsync(['node', 'vpcsim', 'generate', ...args]);
    return { code, out };
  } catch (error) {
    return { code: 2, out, error };
  }
}

describe('vpcsim generate', () => {
  it('maps flags to options, presets first, flags over them', () => {
    expect(optionsFromFlags({ vpcs: '5', subnetsPerVpc: '4', instancesPerSubnet: '0', hub: 'none', seed: '7' })).toEqual({
      options: { vpcs: 5, subnetsPerVpc: 4, instancesPerSubnet: 0, hub: 'none', seed: 7 },
      format: 'yaml',
    });
    expect(optionsFromFlags({ size: 'large', vpcs: '10', output: 'x.JSON' })).toEqual({
      options: { vpcs: 10, subnetsPerVpc: 10, instancesPerSubnet: 2, hub: 'tgw', sgRules: 100000, naclRules: 20000 },
      format: 'json',
    });
    expect(optionsFromFlags({ format: 'json' }).format).toBe('json');
  });

  it.each([
    [['--vpcs', 'ten'], "--vpcs expects a whole number from 1 to 100000, got 'ten'"],
    [['--vpcs', '0'], "--vpcs expects a whole number from 1 to 100000, got '0'"],
    [['--subnets-per-vpc', '-1'], "--subnets-per-vpc expects a whole number from 1 to 200, got '-1'"],
    [['--sg-rules', '1.5'], "--sg-rules expects a whole number from 0 to 9007199254740991, got '1.5'"],
    [['--hub', 'star'], "--hub expects tgw, peering-mesh or none, got 'star'"],
    [['--format', 'xml'], "--format expects yaml or json, got 'xml'"],
    [['--size', 'huge'], "--size expects small, medium or large, got 'huge'"],
    [['--vpcs', '100000', '--subnets-per-vpc', '200'], 'do not fit'],
    [['--vpcs', '1', '--sg-rules', '5000'], '5000 SG rules do not fit in the 3 security groups of this estate (at most 1000 each)'],
  ])('rejects %o with one clear line', async (args, message) => {
    const r = await cli(...args);
    expect(r.error).toBeInstanceOf(UsageError);
    expect((r.error as Error).message).toContain(message);
    expect((r.error as Error).message).not.toContain('\n');
  });

  it('writes YAML to standard output by default, deterministic for a seed', async () => {
    const a = await cli('--vpcs', '2', '--seed', '3');
    const b = await cli('--vpcs', '2', '--seed', '3');
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(a.out.startsWith('version: 1\nname: synthetic-2x6x2-tgw-seed3\n')).toBe(true);
    expect(loadTopologyText(a.out, 'out.yaml').diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('writes a file named by -o, JSON by its extension, and says what it wrote', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpcsim-gen-'));
    const file = join(dir, 'estate.json');
    const r = await cli('--vpcs', '3', '--subnets-per-vpc', '4', '--instances-per-subnet', '1', '--sg-rules', '30', '--nacl-rules', '40', '-o', file);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^wrote .*estate\.json \(json, \d+ kB\): 3 VPCs, 12 subnets, 12 instances, 30 SG rules, 40 NACL rules, hub tgw, seed 1\n$/);
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text).vpcs).toHaveLength(3);
    expect(loadTopologyText(text, file).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('reports an unwritable output path as a usage error', () => {
    expect(() => runGenerate({ vpcs: '1', output: join(tmpdir(), 'no-such-dir-vpcsim', 'x.yaml') })).toThrow(/cannot write .*ENOENT/);
  });
});
