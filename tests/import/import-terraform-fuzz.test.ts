// Any change to a plan's or state's values, types or text ends in an import or in one TerraformImportError:
// never another exception (a stack trace for the user).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importTerraform, TerraformImportError } from '../../src/import/terraform/index.js';
import { FX } from '../helpers/terraform-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'vpcsim-tf-fuzz-'));
const FIXTURES = ['basic-plan-1.2.json', 'module-vpc-plan-1.0.json', 'hub.tfstate', 'misc-plan-1.2.json', 'update-plan-0.1.json'];
const texts = FIXTURES.map((f) => readFileSync(join(FX, f), 'utf8'));

function importsOrRefuses(text: string): void {
  const f = join(dir, 'x.json');
  writeFileSync(f, text);
  try {
    importTerraform(f);
  } catch (e) {
    if (!(e instanceof TerraformImportError)) throw e;
    expect(e.message.length).toBeGreaterThan(0);
  }
}

/** Every node of a JSON value, as paths. */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (out.length > 5000) return out;
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

const weird = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.string(),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.constant([null]),
  fc.constant({ references: ['local.x', 'aws_vpc'] }),
);

describe('fuzzed Terraform input', () => {
  it('a value replaced by one of another type', () => {
    const docs = texts.map((t) => JSON.parse(t));
    const all = docs.map((d) => paths(d));
    fc.assert(
      fc.property(fc.nat(), fc.nat(), weird, (i, j, value) => {
        const k = i % docs.length;
        const doc = structuredClone(docs[k]);
        const p = all[k]![j % all[k]!.length]!;
        if (p.length === 0) return;
        let node = doc;
        for (const step of p.slice(0, -1)) node = node[step];
        node[p[p.length - 1]!] = value;
        importsOrRefuses(JSON.stringify(doc));
      }),
      { numRuns: 150 },
    );
  });

  it('the text cut short or with a byte changed', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 127 }), (i, cut, byte) => {
        const t = texts[i % texts.length]!;
        const at = cut % t.length;
        importsOrRefuses(t.slice(0, at));
        importsOrRefuses(t.slice(0, at) + String.fromCharCode(byte) + t.slice(at + 1));
      }),
      { numRuns: 60 },
    );
  });
});
