// compactTable draws long tables in pieces (plain rows directly, coloured ones through cli-table3 in blocks): its text
// must be exactly what one cli-table3 table gives, whatever the cells hold.
import Table from 'cli-table3';
import { Chalk } from 'chalk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactTable } from '../../src/render/long-table.js';

const ink = new Chalk({ level: 1 });

function oneTable(head: string[], rows: string[][], o: { colWidths?: (number | null)[]; wordWrap?: boolean } = {}): string {
  const t = new Table({
    head,
    style: { head: [], border: [], compact: true },
    ...(o.colWidths ? { colWidths: o.colWidths as number[] } : {}),
    ...(o.wordWrap ? { wordWrap: true } : {}),
  });
  for (const r of rows) t.push(r);
  return t.toString();
}

// text as renderers write it: ASCII, spaces, line breaks, arrows, wide characters, control characters, colour
const piece = fc.oneof(fc.constantFrom('a', 'web-1', '10.0.0.0/8', ' ', '\n', ' → ', '… 3 more', '漢字', '', '\t', 'é', '🙂'), fc.string({ maxLength: 6 }));
const plainText = fc.array(piece, { maxLength: 4 }).map((xs) => xs.join(''));
const cell = fc.oneof(
  { weight: 4, arbitrary: plainText },
  { weight: 1, arbitrary: plainText.map((s) => ink.red(s)) },
  { weight: 1, arbitrary: fc.tuple(plainText, plainText).map(([a, b]) => `${a}\n${ink.bold(b)}`) },
);

describe('compactTable', () => {
  it('gives the text of one cli-table3 table, in blocks of any size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((cols) =>
          fc.record({
            head: fc.array(
              fc.oneof(
                plainText,
                plainText.map((s) => ink.bold(s)),
              ),
              { minLength: cols, maxLength: cols },
            ),
            rows: fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { maxLength: 25 }),
            block: fc.integer({ min: 1, max: 8 }),
          }),
        ),
        ({ head, rows, block }) => {
          expect(compactTable(head, rows, { block })).toBe(oneTable(head, rows));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same text with fixed, wrapped columns (the diff table)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(plainText, plainText, cell), { minLength: 0, maxLength: 20 }), fc.integer({ min: 1, max: 6 }), (rows, block) => {
        const head = ['a', 'b', ink.bold('after')];
        const o = { colWidths: [null, null, 12], wordWrap: true };
        expect(compactTable(head, rows, { ...o, block })).toBe(oneTable(head, rows, o));
      }),
      { numRuns: 200 },
    );
  });

  it('joins blocks of the default size: 600 rows, some coloured', () => {
    const rows = Array.from({ length: 600 }, (_, i) => [`i-${i}`, i % 7 ? 'tcp' : ink.red('icmp'), `10.0.${i % 256}.0/24 → igw`]);
    const head = [ink.bold('interface'), 'protocol', 'path'];
    expect(compactTable(head, rows)).toBe(oneTable(head, rows));
  });

  it('draws rows made again on each pass (rows not held) as it draws an array of them', () => {
    const make = function* () {
      for (let i = 0; i < 250; i++) yield [`i-${i}`, i % 9 ? 'tcp' : ink.red('icmp'), 'x'.repeat(i % 13)];
    };
    const head = ['interface', 'protocol', 'path'];
    let passes = 0;
    const rows = { [Symbol.iterator]: () => (passes++, make()) };
    expect(compactTable(head, rows)).toBe(oneTable(head, [...make()]));
    expect(passes).toBeGreaterThanOrEqual(2);
    expect(compactTable(head, { [Symbol.iterator]: () => make() }, { wordWrap: true })).toBe(oneTable(head, [...make()], { wordWrap: true }));
    // a generator object can be read once only: every row is still drawn
    expect(compactTable(head, make())).toBe(oneTable(head, [...make()]));
  });
});
