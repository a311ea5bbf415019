// scripts/check-imports.mjs over made-up source trees: it must find an import cycle, an import up the pipeline,
// and let through only the cycles its KNOWN list names (none today).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../scripts/check-imports.mjs', import.meta.url));
const dirs: string[] = [];

/** Writes the files (path under src → text) into a fresh folder and runs the check over it. */
function check(files: Record<string, string>): { code: number | null; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'vpcsim-check-imports-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const r = spawnSync(process.execPath, [SCRIPT, dir], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('check-imports', () => {
  it('passes a tree whose imports point down the pipeline', () => {
    const r = check({
      'bind/model.ts': "import type { Prefix } from '../net/ip.js';\nexport type M = Prefix;\n",
      'net/ip.ts': 'export type Prefix = number;\n',
    });
    expect(r.out).toContain('0 breaches');
    expect(r.code).toBe(0);
  });

  it('fails on a cycle of type-only imports between two files', () => {
    const r = check({
      'bind/a.ts': "import type { B } from './b.js';\nexport type A = { b: B };\n",
      'bind/b.ts': "import type { A } from './a.js';\nexport type B = { a: A };\n",
    });
    expect(r.out).toContain('BREACH  cycle: bind/a.ts <-> bind/b.ts');
    expect(r.code).toBe(1);
  });

  it('fails on a cycle through three files and a dynamic import', () => {
    const r = check({
      'cli/a.ts': "import { b } from './b.js';\nexport const a = b;\n",
      'cli/b.ts': "import { c } from './c.js';\nexport const b = c;\n",
      'cli/c.ts': "export const c = 1;\nexport const later = () => import('./a.js');\n",
    });
    expect(r.out).toContain('BREACH  cycle: cli/a.ts <-> cli/b.ts <-> cli/c.ts');
    expect(r.code).toBe(1);
  });

  it('fails on an import up the pipeline', () => {
    const r = check({
      'load/load.ts': "import type { Topology } from '../bind/model.js';\nexport type T = Topology;\n",
      'bind/model.ts': 'export type Topology = object;\n',
    });
    expect(r.out).toContain('BREACH  load/load.ts -> bind/model.ts (load imports bind)');
    expect(r.code).toBe(1);
  });

  it('lets no cycle through: the KNOWN list is empty, so the cycles that were once known now fail', () => {
    const r = check({
      'trace/load-balancer-chain.ts': "import { legs } from './load-balancer-legs.js';\nexport const chain = () => legs;\n",
      'trace/load-balancer-legs.ts': "import { chain } from './load-balancer-chain.js';\nexport const legs = () => chain;\n",
      'bind/model.ts': "import type { L } from './load-balancer-model.js';\nexport type M = L;\n",
      'bind/load-balancer-model.ts': "import type { M } from './model.js';\nexport type L = M;\n",
    });
    expect(r.out).toContain('BREACH  cycle: trace/load-balancer-chain.ts <-> trace/load-balancer-legs.ts');
    expect(r.out).toContain('BREACH  cycle: bind/load-balancer-model.ts <-> bind/model.ts');
    expect(r.out).not.toMatch(/^known/m);
    expect(r.code).toBe(1);
  });
});
