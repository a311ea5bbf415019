// Positions of diagnostics. JSON text is located by a scanner rather than a second parse; it must agree with
// what a YAML parse of the same text says, for values and for keys, and stay fast on large files.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LineCounter, parse, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadTopologyFromData, loadTopologyText } from '../../src/index.js';
import { JsonLocator, scanJson } from '../../src/load/json-scan.js';
import { SourceFile } from '../../src/load/source.js';

const canonical = parse(readFileSync(fileURLToPath(new URL('../fixtures/canonical-full.yaml', import.meta.url)), 'utf8')) as Record<string, unknown>;

/** Every path in a value, leaves and containers. */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...prefix, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...prefix, k]));
  return out;
}

describe('JSON positions', () => {
  for (const [label, text] of [
    ['indented', JSON.stringify(canonical, null, 2)],
    ['one line', JSON.stringify(canonical)],
    ['odd spacing', JSON.stringify(canonical, null, '\t').replace(/": /g, '"  :\n ')],
  ] as const) {
    it(`agree with a YAML parse of the same text for every value and key (${label})`, () => {
      const lines = new LineCounter();
      const yamlView = new SourceFile('x.json', text, parseDocument(text, { lineCounter: lines }), lines);
      const scanned = new SourceFile('x.json', text);
      const all = paths(canonical);
      expect(all.length).toBeGreaterThan(250);
      for (const p of all) {
        expect(scanned.position(p), JSON.stringify(p)).toEqual(yamlView.position(p));
        expect(scanned.position(p, true), `${JSON.stringify(p)} key`).toEqual(yamlView.position(p, true));
      }
    });
  }

  it('a path that does not exist points at its deepest existing part', () => {
    const text = '{\n  "vpcs": [\n    { "id": "a", "cidr": "10.0.0.0/16" }\n  ]\n}';
    const s = new SourceFile('x.json', text);
    expect(s.position(['vpcs', 0, 'nope'])).toEqual({ line: 3, col: 5 });
    expect(s.position(['vpcs', 7, 'id'])).toEqual({ line: 2, col: 11 });
    expect(s.position(['vpcs', 0, 'cidr'], true)).toEqual({ line: 3, col: 18 });
  });

  it('strings with escaped quotes and brackets do not confuse the scanner', () => {
    const text = '{"version": 1, "name": "a \\"}]{[\\" b", "vpcs": [{"id": "v", "cidr": "10.0.0.5/16"}]}';
    expect(new JsonLocator(text).locate(['vpcs', 0, 'cidr'])).toBe(text.indexOf('"10.0.0.5/16"'));
    const r = loadTopologyText(text, 'x.json');
    expect(r.diagnostics).toMatchObject([{ code: 'INVALID_CIDR', line: 1, col: text.indexOf('"10.0.0.5/16"') + 1 }]);
  });

  it('in-memory data gets positions in its JSON form', () => {
    const r = loadTopologyFromData({ version: 1, vpcs: [{ id: 'vpc-a', cidr: '10.0.0.0/16' }], subnets: [{ id: 's', vpc: 'vpc-b', cidr: '10.0.1.0/24' }] });
    // JSON.stringify(data, null, 2): line 12 is   "vpc": "vpc-b",
    expect(r.diagnostics).toMatchObject([{ code: 'UNKNOWN_REFERENCE', line: 12, col: 14, message: "unknown VPC 'vpc-b' (did you mean 'vpc-a'?)" }]);
  });

  // Most subnets lie outside the VPC: the first 10,000 mistakes (the cap) are located, the CIDR one among them.
  it('a large JSON estate with mistakes reports their positions (load time is measured by npm run bench)', () => {
    const subnets = Array.from({ length: 60_000 }, (_, i) => ({ id: `s${i}`, vpc: 'vpc-a', cidr: `10.${i >> 8}.${i & 255}.0/24` }));
    subnets[9_990]!.cidr = '10.0.0.7/24';
    const text = JSON.stringify({
      version: 1,
      vpcs: [{ id: 'vpc-a', cidr: '10.0.0.0/16', secondaryCidrs: ['10.1.0.0/16', '10.2.0.0/16', '10.3.0.0/16', '10.4.0.0/16'] }],
      subnets,
    }).replace(/},{/g, '},\n{');
    const r = loadTopologyText(text, 'estate.json');
    const cidrErr = r.diagnostics.find((d) => d.code === 'INVALID_CIDR')!;
    expect(cidrErr.line).toBe(9_991);
  });
});

describe('the JSON scanner', () => {
  it.each([
    ['{}', undefined],
    ['{"a": [1, 2.5e3, -0, true, null, "x\\u00e9"]}', undefined],
    ['{"a": 01}', 7],
    ['{"a" 1}', 5],
    ['{"a": [1, 2,]}', 12],
    ['{"a": "x\ny"}', 8],
    ['{"a": 1} x', 9],
    ['[', 1],
  ])('%s → first error at %s', (text, offset) => {
    expect(scanJson(text)?.offset).toBe(offset);
  });

  it('agrees with JSON.parse on what is valid', () => {
    for (const text of ['{"a":1}', '[1,[2,[3]]]', '{"a":{"b":{}}}', '"x"', '1', '{"a":1,}', '{a:1}', "{'a':1}", '[1 2]', '{"a":tru}']) {
      let ok = true;
      try {
        JSON.parse(text);
      } catch {
        ok = false;
      }
      expect(scanJson(text) === undefined, text).toBe(ok);
    }
  });

  it('flags depth beyond the limit as too deep, not as a syntax error', () => {
    expect(scanJson('[[[[]]]]', 3)).toEqual({ offset: 3, tooDeep: true });
    expect(scanJson('[[[]]]', 3)).toBeUndefined();
  });
});
