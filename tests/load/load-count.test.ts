// The one pass over a JSON file's bytes that feeds the limits, the depth check and the duplicate-key check: what is
// inside strings (brackets, colons, escaped quotes, multi-byte characters) must not be taken for structure.
import { describe, expect, it } from 'vitest';
import { loadText } from '../../src/load/load.js';
import { countJson } from '../../src/load/json-scan.js';

const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('countJson', () => {
  it('counts structure outside strings, and every , and : for the value estimate', () => {
    const text = '{"a":[1,2,{"b":"x:y,{["}],"é🙂\\"{":null}';
    expect(countJson(bytes(text))).toEqual({ values: 9, collections: 3, keys: 3, depth: 3 });
  });

  it('stops past a limit', () => {
    expect(countJson(bytes('[1,1,1,1,1,1]'), 3).values).toBe(4);
    expect(countJson(bytes('[[],[],[],[]]'), Infinity, 2).collections).toBe(3);
  });
});

describe('JSON files through the loader', () => {
  it('a repeated key after strings full of separators and multi-byte characters is found, at its position', () => {
    const text = '{"version":1,"description":"é🙂 \\"a\\": {b}","name":"x",\n  "name":"y"}';
    const r = loadText(text, 'dup.json');
    expect(r.diagnostics.map((d) => [d.code, d.line, d.col])).toEqual([['DUPLICATE_KEY', 2, 3]]);
  });

  it('brackets inside strings are neither nesting nor objects', () => {
    const text = `{"version":1,"name":"${'['.repeat(100)}{{{"}`;
    expect(loadText(text, 'ok.json', { maxCollections: 1 }).diagnostics).toEqual([]);
    expect(loadText(`{"version":1,"name":"x","vpcs":[]}`, 'two.json', { maxCollections: 1 }).diagnostics[0]?.code).toBe('FILE_TOO_LARGE');
  });

  it('64 levels below the top are allowed, 65 are not, at the first level too deep', () => {
    const at = (n: number) => `{"version": 1, "name": ${'['.repeat(n)}${']'.repeat(n)}}`;
    expect(loadText(at(64), 'deep.json').diagnostics.map((d) => d.code)).toEqual(['WRONG_TYPE']);
    expect(loadText(at(65), 'deep.json').diagnostics).toMatchObject([{ code: 'TOO_DEEP', line: 1, col: 24 + 64 }]);
  });
});
