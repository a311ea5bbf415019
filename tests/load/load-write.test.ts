import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type WriteStyle, writeJsonLines, writeYaml, yamlScalar } from '../../src/load/write.js';

const STYLES: Record<string, WriteStyle> = {
  import: { padLists: true, flowMax: 200, blankBeforeLists: false },
  generate: { padLists: false, flowMax: Number.POSITIVE_INFINITY, blankBeforeLists: true },
};
// Read back as YAML 1.2 (what the loader uses) and as YAML 1.1 (yes/no/on/off booleans, 0b binary, dates).
const readers = { '1.2': (s: string) => parse(s), '1.1': (s: string) => parse(s, { version: '1.1' }) };

const scalar = fc.oneof(
  fc.string({ unit: 'grapheme-composite', maxLength: 12 }),
  fc.string({ maxLength: 6 }),
  fc.constantFrom(
    'yes',
    'No',
    'ON',
    'off',
    'y',
    'N',
    '~',
    'null',
    'True',
    '0b101',
    '0x_1F',
    '0o17',
    '1_000',
    '2024-01-31',
    '.5',
    '1.',
    '+.inf',
    '.NaN',
    '10.0.0.0/16',
    'web to app',
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const leaf = fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }));
const key = fc.oneof(fc.constantFrom('id', 'name', 'cidr', 'yes', 'on', 'null', '1'), fc.string({ minLength: 1, maxLength: 5 }));
const item = fc.dictionary(key, fc.oneof(leaf, fc.array(fc.dictionary(key, leaf, { maxKeys: 4 }), { maxLength: 3 })), { maxKeys: 6 });
const topology = fc.record({ version: fc.constant(1), name: scalar, vpcs: fc.array(item, { maxLength: 5 }), subnets: fc.array(item, { maxLength: 3 }) });

describe('the topology writer', () => {
  for (const [styleName, style] of Object.entries(STYLES)) {
    for (const [version, read] of Object.entries(readers)) {
      it(`writes YAML (${styleName} layout) that a YAML ${version} reader reads back to the same data`, () => {
        fc.assert(
          fc.property(topology, (t) => {
            expect(read(writeYaml(t, style, ' a header'))).toEqual(JSON.parse(JSON.stringify(t)));
          }),
          { numRuns: 300, seed: 7 },
        );
      });
    }
  }

  it('quotes strings a YAML 1.1 or 1.2 reader would take for another type, and leaves plain words plain', () => {
    for (const s of ['yes', 'No', 'on', 'OFF', 'y', '~', 'null', '0b11', '0x_ff', '1_000', '2024-01-31', '.5', '1.', '-.inf', '12'])
      expect(yamlScalar(s)).toBe(JSON.stringify(s));
    for (const s of ['web to app', 'vpc-0a1', '10.0.0.0/16', 'sg-1 (web)', 'a@b+c']) expect(yamlScalar(s)).toBe(s);
  });

  it('lays out lists and the blank line between resource lists per style', () => {
    const t = { version: 1, vpcs: [{ id: 'v', tags: ['a', 'b'] }], subnets: [{ id: 's' }] };
    expect(writeYaml(t, STYLES.import!)).toBe('version: 1\nvpcs:\n  - { id: v, tags: [ a, b ] }\nsubnets:\n  - { id: s }\n');
    expect(writeYaml(t, STYLES.generate!)).toBe('version: 1\n\nvpcs:\n  - { id: v, tags: [a, b] }\n\nsubnets:\n  - { id: s }\n');
    expect(JSON.parse(writeJsonLines(t))).toEqual(t);
  });
});
