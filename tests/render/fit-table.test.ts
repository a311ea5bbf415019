import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitProse, fitWidths, splitColumns, visibleLength, wrapCell } from '../../src/render/fit-table.js';

const word = fc.stringMatching(/^[a-z0-9.:/-]{1,30}$/);
const text = fc.array(word, { minLength: 1, maxLength: 8 }).map((ws) => ws.join(' '));
const squash = (s: string) => s.replace(/[\s]/g, '');

describe('wrapCell', () => {
  it('keeps every character, in order, on lines no wider than asked', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 40 }), (s, w) => {
        const out = wrapCell(s, w);
        for (const line of out.split('\n')) expect(visibleLength(line)).toBeLessThanOrEqual(w);
        expect(squash(out)).toBe(squash(s));
      }),
      { numRuns: 300 },
    );
  });

  it('breaks between words first, then after punctuation, and keeps colour codes with their characters', () => {
    expect(wrapCell('rt-private (main)', 12)).toBe('rt-private\n(main)');
    expect(wrapCell('vpc-shared:default-acl', 12)).toBe('vpc-shared:\ndefault-acl');
    expect(wrapCell('cidrsubnet("10.0.0.0/16", 8, 0)', 14)).toBe('cidrsubnet(\n"10.0.0.0/16",\n8, 0)');
    const red = '\u001b[31mabcdef ghijkl\u001b[39m';
    expect(wrapCell(red, 6)).toBe('\u001b[31mabcdef\nghijkl\u001b[39m');
  });
});

describe('fitWidths and splitColumns', () => {
  it('returns null when the table fits, and widths that fit when it does not', () => {
    expect(fitWidths(['a', 'b'], [['x', 'y']], 80)).toBeNull();
    const head = ['Subnet', 'CIDR', 'Route table'];
    const rows = [['public-a', '10.0.0.0/24', 'rt-private (main) and a long description']];
    const w = fitWidths(head, rows, 40)!;
    expect(w.reduce((a, b) => a + b, 0) + head.length + 1).toBeLessThanOrEqual(40);
  });

  it('splits columns into groups led by the key column only when words would have to break', () => {
    const head = ['Subnet', 'Route table', 'Network ACL', 'Instances'];
    const rows = [['shared-tgw-a', 'vpc-shared:main-rtb', 'vpc-shared:default-acl', '1']];
    expect(splitColumns(head, rows, 200)).toBeNull();
    // word floors 14, 21, 24 and 11 columns: the key with the route table, then the key with the rest
    expect(splitColumns(head, rows, 60)).toEqual([
      [0, 1],
      [0, 2, 3],
    ]);
  });
});

describe('fitProse', () => {
  it('wraps prose lines but leaves table lines alone', () => {
    const table = `┌${'─'.repeat(100)}┐`;
    const out = fitProse(`${'word '.repeat(30).trim()}\n${table}`, 40).split('\n');
    expect(out.slice(0, -1).every((l) => l.length <= 40)).toBe(true);
    expect(out.at(-1)).toBe(table);
  });
});
