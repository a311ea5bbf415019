// npm run fuzz -- [--seed N] [--duration S] [--cases N]
// Runs the structured mutation fuzzer (tests/property/fuzz.test.ts) for a duration or a number of cases. Failing inputs
// are saved to tests/fixtures/fuzz/, where tests/property/fuzz-regressions.test.ts replays them in every `npm test`.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(`--${name}`);
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  return eq ? eq.slice(name.length + 3) : i >= 0 ? args[i + 1] : undefined;
};
const int = (name, dflt) => {
  const v = opt(name) ?? dflt;
  if (!/^\d+$/.test(String(v))) {
    console.error(`fuzz: --${name} expects a whole number, got '${v}'`);
    process.exit(2);
  }
  return String(v);
};
const seed = int('seed', String(Date.now() % 100000));
const duration = int('duration', '60');
const cases = int('cases', '0');
const env = { ...process.env, FUZZ_SEED: seed, FUZZ_SAVE: '1', ...(cases !== '0' ? { FUZZ_CASES: cases, FUZZ_DURATION: '0' } : { FUZZ_DURATION: duration }) };
console.error(`fuzz: seed ${seed}, ${cases !== '0' ? `${cases} cases` : `${duration} s`}`);
const testTimeout = String((Number(duration) + 120) * 1000);
const r = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'tests/property/fuzz.test.ts', '--testTimeout', testTimeout], {
  cwd: root,
  env,
  stdio: 'inherit',
});
process.exit(r.status ?? 2);
