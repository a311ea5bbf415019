// Builds dist/ once before the tests that run the CLI, when it is missing or older than src/ (CI builds first,
// so there it does nothing).
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Builds dist/ like `npm run build` when it is missing or older than src/ (tsc emits despite type errors elsewhere). */
export default function ensureBuilt(): void {
  const newest = (d: string): number =>
    readdirSync(d, { withFileTypes: true }).reduce((m, e) => Math.max(m, e.isDirectory() ? newest(join(d, e.name)) : statSync(join(d, e.name)).mtimeMs), 0);
  const main = join(ROOT, 'dist/cli/main.js');
  const lock = join(tmpdir(), 'vpcsim-test-build.lock');
  for (let tries = 0; tries < 600; tries++) {
    if (existsSync(main) && statSync(main).mtimeMs >= newest(join(ROOT, 'src'))) return;
    try {
      mkdirSync(lock);
    } catch {
      if (Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0) > 120_000) rmSync(lock, { recursive: true, force: true });
      spawnSync('sleep', ['0.2']);
      continue;
    }
    try {
      spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', ROOT], { cwd: ROOT, stdio: 'ignore' });
      // the build's second step: the precompiled schema validator the CLI loads
      if (existsSync(join(ROOT, 'scripts/build-validator.mjs')))
        spawnSync(process.execPath, [join(ROOT, 'scripts/build-validator.mjs')], { cwd: ROOT, stdio: 'ignore' });
      return;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}
