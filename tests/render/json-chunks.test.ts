// The pieces of a JSON document joined must be exactly JSON.stringify(value, null, 2).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHUNK, prettyJsonChunks } from '../../src/render/json-chunks.js';

const joined = (v: Record<string, unknown>) => [...prettyJsonChunks(v)].join('');

describe('prettyJsonChunks', () => {
  it('joins to JSON.stringify(value, null, 2) for any JSON object', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue()))), (v) => {
        expect(joined(v)).toBe(JSON.stringify(v, null, 2));
      }),
      { numRuns: 500 },
    );
  });

  it('leaves out what JSON.stringify leaves out, and writes null for it inside lists', () => {
    const v = { a: undefined, b: [undefined, () => 1, 1], c: () => 2, d: {}, e: [] };
    expect(joined(v)).toBe(JSON.stringify(v, null, 2));
    expect(joined({})).toBe('{}');
  });

  it('gives a long list in pieces of about CHUNK characters', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({ id: `i-${i}`, cidrs: ['10.0.0.0/8', '192.168.0.0/16'] }));
    const pieces = [...prettyJsonChunks({ direction: 'both', interfaces: rows })];
    expect(pieces.join('')).toBe(JSON.stringify({ direction: 'both', interfaces: rows }, null, 2));
    expect(pieces.length).toBeGreaterThan(3);
    for (const p of pieces.slice(0, -1)) expect(p.length).toBeLessThan(CHUNK + 200);
  });
});
