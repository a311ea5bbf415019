// The structured mutation fuzzer: shipped scenarios and fixtures, mutated (ids reused across lists, references
// broken, values of the wrong type, text truncated or damaged), through load → bind → trace and check. Every case
// must end in data or positioned diagnostics, never an exception; exit codes stay 0, 1 or 2.
// `npm test` runs a fixed few hundred cases; `npm run fuzz -- --seed N --duration S` runs thousands and saves
// every failure to tests/fixtures/fuzz/, which tests/property/fuzz-regressions.test.ts then replays forever.
import { describe, expect, it } from 'vitest';
import { checkInvariants, corpus, makeCase, saveFailure } from '../helpers/mutate.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20);
const DURATION_S = Number(process.env.FUZZ_DURATION ?? 0);
const CASES = Number(process.env.FUZZ_CASES ?? 300);

describe('structured mutation fuzzing', () => {
  it(`keeps every invariant (seed ${SEED})`, () => {
    const seeds = corpus();
    expect(seeds.length).toBeGreaterThan(5);
    const failures: string[] = [];
    const until = DURATION_S > 0 ? Date.now() + DURATION_S * 1000 : 0;
    let i = 0;
    for (; until ? Date.now() < until : i < CASES; i++) {
      const c = makeCase(SEED, i, seeds);
      const why = checkInvariants(c);
      if (why) failures.push(`${process.env.FUZZ_SAVE ? saveFailure(c) : c.name}: ${why.split('\n').slice(0, 4).join(' | ')}`);
    }
    if (DURATION_S > 0) process.stderr.write(`fuzz: seed ${SEED}, ${i} cases, ${failures.length} failures\n`);
    expect(failures).toEqual([]);
  });
});
