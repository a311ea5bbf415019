// Partial and malformed exports never crash the importer: any value anywhere in the sample replaced by
// anything JSON can hold ends in a topology (with warnings) or an AwsImportError — never another exception.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AwsImportError, importAwsFiles, loadTopologyFromData, type AwsFile } from '../../src/index.js';

const EAST = join(import.meta.dirname, '../fixtures/aws/hybrid-cloud/us-east-2');
const SKIP = new Set(['VpcEndpointServices.json']); // large and not modelled
const base: AwsFile[] = readdirSync(EAST)
  .filter((f) => f.endsWith('.json') && !SKIP.has(f))
  .sort()
  .map((f) => ({ file: f, region: 'us-east-2', data: JSON.parse(readFileSync(join(EAST, f), 'utf8')) }));

/** Every path to a value inside the dump: [file index, key, key, ...]. */
function paths(): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (v: unknown, p: (string | number)[]) => {
    out.push(p);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
  };
  base.forEach((f, i) => walk(f.data, [i]));
  return out;
}
const ALL = paths().filter((p) => p.length > 1);

function mutate(files: AwsFile[], path: (string | number)[], value: unknown, remove: boolean): AwsFile[] {
  const copy = structuredClone(files);
  let node: any = copy[path[0] as number]!.data;
  for (const k of path.slice(1, -1)) node = node[k];
  const last = path[path.length - 1]!;
  if (remove && !Array.isArray(node)) delete node[last];
  else node[last] = value;
  return copy;
}

describe('import aws on corrupted dumps', () => {
  it('never throws anything but AwsImportError, and what it writes loads without errors', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: ALL.length - 1 }), fc.jsonValue({ maxDepth: 2 }), fc.boolean()), { minLength: 1, maxLength: 4 }),
        (edits) => {
          let files = base;
          for (const [i, value, remove] of edits) {
            try {
              files = mutate(files, ALL[i]!, value, remove);
            } catch {
              // the path no longer exists after an earlier edit
            }
          }
          try {
            const r = importAwsFiles(files, { region: 'us-east-2' });
            for (const w of r.warnings) expect(typeof w.message).toBe('string');
            // exit 0 ⇒ the written topology validates
            expect(
              loadTopologyFromData(r.topology)
                .diagnostics.filter((d) => d.severity === 'error')
                .map((d) => `${d.code} ${d.message}`),
            ).toEqual([]);
          } catch (e) {
            if (!(e instanceof AwsImportError)) throw e;
          }
        },
      ),
      { numRuns: 400, seed: 7 },
    );
  });
});
