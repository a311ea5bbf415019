// Every input the fuzzer ever broke vpcsim with (tests/fixtures/fuzz/), replayed with the fuzzer's invariants:
// no exception, a position on every diagnostic, a topology exactly when nothing is wrong, trace and check intact.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTopologyText } from '../../src/index.js';
import { FUZZ_FIXTURES, checkInvariants } from '../helpers/mutate.js';

const files = readdirSync(FUZZ_FIXTURES)
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .sort();

describe('fuzzing regressions', () => {
  it('there are some', () => expect(files.length).toBeGreaterThan(3));

  it.each(files)('%s', (f) => {
    expect(checkInvariants({ name: f, text: readFileSync(join(FUZZ_FIXTURES, f), 'utf8') })).toBeUndefined();
  });

  it.each(['duplicate-id-across-lists.yaml', 'igw-with-vpc-id.yaml', 'nacl-with-vpc-id.yaml'])('%s is DUPLICATE_ID', (f) => {
    const r = loadTopologyText(readFileSync(join(FUZZ_FIXTURES, f), 'utf8'), f);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toContain('DUPLICATE_ID');
  });
});
