// check reads every input the other commands read (one input module), and expands globs with a maintained
// library: braces and classes work, node_modules and dot-folders are skipped, --exclude leaves out more.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFiles, collectFiles, InputError } from '../../src/check/check.js';
import { INPUT_KINDS, loadInput, recogniseInput } from '../../src/input/input.js';

const DUMP = 'tests/fixtures/aws/hybrid-cloud';

describe('one input module for every command', () => {
  it('recognises a dump folder, a topology file, and neither for a folder of topology files', () => {
    expect(INPUT_KINDS.map((k) => k.kind)).toEqual(['stdin', 'aws-dump', 'terraform', 'topology']);
    expect(recogniseInput(DUMP)?.kind).toBe('aws-dump');
    expect(recogniseInput(`${DUMP}/us-west-2`)?.kind).toBe('aws-dump');
    expect(recogniseInput('scenarios/three-tier.yaml')?.kind).toBe('topology');
    expect(recogniseInput('scenarios')).toBeUndefined();
  });

  it('check reads an AWS dump folder like trace and show do, instead of 53 file errors', () => {
    expect(collectFiles([`${DUMP}/us-west-2`])).toEqual([`${DUMP}/us-west-2`]);
    const r = checkFiles([`${DUMP}/us-west-2`]);
    expect(r.files).toHaveLength(1);
    expect(r.files[0]!.unreadable).toBe(false);
    expect(r.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId)).toEqual(expect.arrayContaining(['VPC001']));
    expect(r.findings.every((f) => /^VPC\d{3}$/.test(f.ruleId))).toBe(true);
    // the same graph trace and show get
    const t = loadInput(`${DUMP}/us-west-2`).topology!;
    expect(t.vpcs.length).toBeGreaterThan(0);
  });

  it('a dump holding several regions needs --region, and gets it', () => {
    expect(checkFiles([DUMP]).findings.map((f) => f.ruleId)).toEqual(['AWS_DUMP_MANY_REGIONS']);
    expect(checkFiles([DUMP], { region: 'us-east-2' }).files[0]!.unreadable).toBe(false);
  });
});

describe('globs', () => {
  const tree = () => {
    const d = mkdtempSync(join(tmpdir(), 'vpcsim-glob-'));
    const topo = readFileSync('scenarios/three-tier.yaml');
    for (const p of ['a/one.yaml', 'a/two.yml', 'b/three.json', 'node_modules/pkg/x.yaml', '.git/y.yaml', 'a/.hidden/z.yaml', 'legacy/old.yaml']) {
      mkdirSync(join(d, p, '..'), { recursive: true });
      writeFileSync(join(d, p), p.endsWith('.json') ? '{"version": 1}' : topo);
    }
    return d;
  };
  const rel = (d: string, files: string[]) => files.map((f) => f.slice(d.length + 1)).sort();

  it('** skips node_modules and dot-folders', () => {
    const d = tree();
    expect(rel(d, collectFiles([`${d}/**`]))).toEqual(['a/one.yaml', 'a/two.yml', 'b/three.json', 'legacy/old.yaml']);
  });

  it('braces and character classes', () => {
    const d = tree();
    expect(rel(d, collectFiles([`${d}/{a,b}/*.{yml,json}`]))).toEqual(['a/two.yml', 'b/three.json']);
    expect(rel(d, collectFiles([`${d}/[ab]/*`]))).toEqual(['a/one.yaml', 'a/two.yml', 'b/three.json']);
  });

  it('--exclude leaves out files and folders', () => {
    const d = tree();
    expect(
      rel(
        d,
        collectFiles([`${d}/**`], {
          exclude: [
            { pattern: 'legacy', base: d },
            { pattern: '**/*.json', base: d },
          ],
        }),
      ),
    ).toEqual(['a/one.yaml', 'a/two.yml']);
  });

  it('a folder is its own files only (as check --help says); folder/** for every level', () => {
    const d = tree();
    expect(() => collectFiles([d])).toThrow(InputError);
    expect(() => collectFiles([d])).toThrow(`no topology files in ${d} (.yaml, .yml or .json; subfolders are not searched: use '${d}/**' for them)`);
    expect(rel(d, collectFiles([join(d, 'a')]))).toEqual(['a/one.yaml', 'a/two.yml']);
  });

  it('a glob matching only excluded files is an error, not a pass', () => {
    const d = tree();
    expect(() => collectFiles([`${d}/legacy/*`], { exclude: [{ pattern: 'legacy', base: d }] })).toThrow('every file matching');
  });
});
