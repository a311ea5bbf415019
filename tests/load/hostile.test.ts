// Hostile and broken input: every case ends in a clear diagnostic (library) and, through the built CLI,
// in exit code 2 with a one-line error and no stack trace, quickly and without exhausting memory.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTopology, loadTopologyText, type BindResult } from '../../src/index.js';
import { DEFAULT_MAX_JSON, jsonByteLimit } from '../../src/load/load.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vpcsim-hostile-'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** A run that does not end within the timeout is killed and has no status, which fails the status assertions. */
function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/vpcsim.js'), ...args], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI refused the file with exit 2, one error line carrying `code`, no stack trace. */
function expectCliRefuses(path: string, code: string, ...words: string[]): string {
  const r = cli('validate', path);
  expect(r.status).toBe(2);
  const out = r.stdout + r.stderr;
  expect(out).not.toContain('    at ');
  expect(out).not.toMatch(/internal error|TypeError|RangeError/);
  const errorLines = out.split('\n').filter((l) => / error [A-Z_]+: /.test(l));
  expect(errorLines).toHaveLength(1);
  expect(errorLines[0]).toContain(`error ${code}: `);
  for (const w of words) expect(errorLines[0]).toContain(w);
  expect(out).toContain(`FAILED ${path}: 1 error`);
  return errorLines[0]!;
}

function only(r: BindResult): { code: string; message: string; line: number; col: number } {
  expect(r.diagnostics.map((d) => `${d.line}:${d.col} ${d.code} ${d.message}`)).toHaveLength(1);
  expect(r.topology).toBeUndefined();
  const d = r.diagnostics[0]!;
  expect(d.severity).toBe('error');
  return d;
}

const BILLION_LAUGHS = [
  'version: 1',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
  'name: *i',
].join('\n');

describe('YAML alias bomb (billion laughs)', () => {
  it('stops at the alias limit instead of expanding 9^9 entries', () => {
    const d = only(loadTopologyText(BILLION_LAUGHS, 'bomb.yaml'));
    expect(d.code).toBe('YAML_ALIAS_LIMIT');
    expect(d.message).toContain('too many YAML aliases');
  });

  it('CLI: exit 2, one line', () => {
    expectCliRefuses(file('bomb.yaml', BILLION_LAUGHS), 'YAML_ALIAS_LIMIT', 'too many YAML aliases');
  });

  // Regression (fuzzing): the alias limit carried no line:column.
  it('is placed at the first alias', () => {
    const d = only(loadTopologyText(BILLION_LAUGHS, 'bomb.yaml'));
    expect({ line: d.line, col: d.col }).toEqual({ line: 3, col: 1 + BILLION_LAUGHS.split('\n')[2]!.indexOf('*a') });
  });

  it('a few aliases in a normal file are fine', () => {
    const text = 'version: 1\nvpcs:\n  - &v { id: vpc-a, cidr: 10.0.0.0/16 }\nsubnets:\n  - { id: s1, vpc: vpc-a, cidr: 10.0.1.0/24 }\n';
    expect(loadTopologyText(text, 'ok.yaml').diagnostics).toEqual([]);
  });
});

describe('a file over 50 MB', () => {
  let big: string;
  beforeAll(() => {
    big = join(dir, 'big.yaml');
    const fd = openSync(big, 'w');
    const chunk = Buffer.from('- { id: x, cidr: 10.0.0.0/16 }\n'.repeat(32 * 1024));
    for (let written = 0; written <= 51 * 1024 * 1024; written += chunk.length) writeSync(fd, chunk);
    closeSync(fd);
  });

  it('as JSON too', () => {
    // the JSON limit follows the heap (a sixteenth of it): a sparse file 1 MiB above it is refused before it is read
    const json = join(dir, 'big.json');
    writeFileSync(json, '');
    truncateSync(json, DEFAULT_MAX_JSON + 1024 * 1024);
    const d = only(loadTopology(json));
    expect(d.code).toBe('FILE_TOO_LARGE');
    const limit = DEFAULT_MAX_JSON / (1024 * 1024);
    expect(d.message).toContain(`is ${(limit + 1).toFixed(1)} MiB, above the ${limit} MiB limit for JSON topologies`);
  });

  it('the JSON byte limit is a sixteenth of the heap, between 64 and 512 MiB', () => {
    const MiB = 1024 * 1024;
    expect(jsonByteLimit(4144 * MiB)).toBe(259 * MiB);
    expect(jsonByteLimit(512 * MiB)).toBe(64 * MiB);
    expect(jsonByteLimit(64 * 1024 * MiB)).toBe(512 * MiB);
  });

  it('is refused by size before it is read', () => {
    const d = only(loadTopology(big));
    expect(d.code).toBe('FILE_TOO_LARGE');
    expect(d.message).toMatch(/is 5\d\.\d MiB, above the 8 MiB limit for YAML topologies/);
    // A sparse 64 GiB file: reading it would fail with a different error (or exhaust memory), so this proves the
    // size is looked at first.
    const huge = join(dir, 'huge.yaml');
    writeFileSync(huge, '');
    truncateSync(huge, 64 * 1024 ** 3);
    const h = only(loadTopology(huge));
    expect(h.code).toBe('FILE_TOO_LARGE');
    expect(h.message).toMatch(/is 65536\.0 MiB/);
  });

  it('CLI: exit 2 quickly', () => {
    const r = cli('validate', big);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('FILE_TOO_LARGE');
    expect(r.stdout + r.stderr).not.toContain('    at ');
  });
});

describe('a file of millions of tiny values, within the byte limit', () => {
  it('YAML: refused by an estimate of its values before the parser builds them', () => {
    const d = only(loadTopologyText('version: 1\nname: [' + '1,'.repeat(2_000_000) + '1]\n', 'wide.yaml'));
    expect(d).toMatchObject({ code: 'FILE_TOO_LARGE', message: 'wide.yaml holds more than 250,000 values, above the limit for YAML topologies' });
    expect(d.hint).toContain('.json');
  });

  it('JSON: refused the same way', () => {
    const d = only(loadTopologyText('{"version": 1, "name": [' + '1,'.repeat(5_100_000) + '1]}', 'wide.json'));
    expect(d).toMatchObject({ code: 'FILE_TOO_LARGE', message: 'wide.json holds more than 5,000,000 values, above the limit for JSON topologies' });
  });

  it('JSON: objects and lists, the costlier values, have their own lower limit', () => {
    const d = only(loadTopologyText('{"version": 1, "vpcs": [' + '{},'.repeat(1_000_000) + '{}]}', 'objects.json'));
    expect(d).toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: 'objects.json holds more than 1,000,000 objects and lists, above the limit for JSON topologies',
    });
  });

  it('a limit of values can be raised by the caller', () => {
    const r = loadTopologyText('version: 1\nname: [1, 2, 3]\n', 'small.yaml', { maxValues: 3 });
    expect(r.diagnostics[0]!.code).toBe('FILE_TOO_LARGE');
    expect(loadTopologyText('version: 1\nname: [1, 2, 3]\n', 'small.yaml', { maxValues: 10 }).diagnostics[0]!.code).toBe('WRONG_TYPE');
  });

  it('CLI: a 16 MB YAML of tiny values exits 2 at once instead of exhausting memory', () => {
    const r = cli('validate', file('wide.yaml', 'version: 1\nname: [' + '1,'.repeat(8_000_000) + '1]\n'));
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('FILE_TOO_LARGE');
  });
});

describe('a million mistakes', () => {
  it('schema errors stop at 10,000 with a count of the rest, at the place they continue', () => {
    // just under the limit of a million objects and lists; each empty VPC misses its id and its cidr
    const text = '{"version": 1, "vpcs": [' + Array(999_000).fill('{}').join(',') + ']}';
    const r = loadTopologyText(text, 'empties.json');
    expect(r.diagnostics).toHaveLength(10_001);
    const last = r.diagnostics.find((d) => d.code === 'TOO_MANY_ERRORS')!;
    expect(last.message).toBe('1,988,000 more schema errors from here on are not shown; fix the first ones and run again');
    expect(last.line).toBe(1);
  });

  it('130,000 binder errors are capped like schema errors, with a count of the rest (no call-stack overflow)', () => {
    const subnets = Array.from({ length: 130_000 }, (_, i) => ({ id: `s${i}`, vpc: 'vpc-a', cidr: `10.0.${i % 256}.7/24` }));
    const r = loadTopologyText(JSON.stringify({ version: 1, vpcs: [{ id: 'vpc-a', cidr: '10.0.0.0/16' }], subnets }), 'many.json');
    expect(r.diagnostics).toHaveLength(10_001);
    expect(new Set(r.diagnostics.map((d) => d.code))).toEqual(new Set(['INVALID_CIDR', 'TOO_MANY_ERRORS']));
    expect(r.diagnostics.find((d) => d.code === 'TOO_MANY_ERRORS')!.message).toMatch(/^120,000 more errors and warnings/);
  });

  it('CLI: exit 2, 50 lines and a count, no internal error', () => {
    const r = cli('validate', file('empties.json', '{"version": 1, "vpcs": [' + Array(300_000).fill('{}').join(',') + ']}'));
    expect(r.status).toBe(2);
    expect(r.stdout + r.stderr).not.toMatch(/internal error|    at /);
    expect(r.stdout).toContain('… and 9951 more in');
    expect(r.stdout).toContain('FAILED');
  });
});

describe('deeply nested values', () => {
  it('100,000 [ in YAML: one TOO_DEEP error where the nesting passes the limit', () => {
    const d = only(loadTopologyText('version: 1\nname: ' + '['.repeat(100_000), 'deep.yaml'));
    expect(d).toMatchObject({ code: 'TOO_DEEP', line: 2, col: 7 + 64 });
    expect(d.message).toContain('nesting deeper than 64 levels');
  });

  it('100,000 balanced [ ] in YAML', () => {
    const d = only(loadTopologyText('version: 1\nname: ' + '['.repeat(100_000) + ']'.repeat(100_000), 'deep.yaml'));
    expect(d.code).toBe('TOO_DEEP');
  });

  it('nested flow mappings and compact block sequences', () => {
    expect(only(loadTopologyText('version: 1\nname: ' + '{a: '.repeat(50_000) + '}'.repeat(50_000), 'deep.yaml')).code).toBe('TOO_DEEP');
    expect(only(loadTopologyText('version: 1\nvpcs:\n' + '- '.repeat(100_000) + 'x\n', 'deep.yaml')).code).toBe('TOO_DEEP');
  });

  it('100 levels is already refused; 3 is fine for the schema to judge', () => {
    expect(only(loadTopologyText('version: 1\nname: ' + '['.repeat(100) + ']'.repeat(100), 'deep.yaml')).code).toBe('TOO_DEEP');
    expect(only(loadTopologyText('version: 1\nname: [[[]]]', 'deep.yaml')).code).toBe('WRONG_TYPE');
  });

  it('100,000 [ in JSON, closed or not', () => {
    const open = only(loadTopologyText('{"version": 1, "name": ' + '['.repeat(100_000), 'deep.json'));
    expect(open).toMatchObject({ code: 'TOO_DEEP', line: 1 });
    const closed = only(loadTopologyText('{"version": 1, "name": ' + '['.repeat(100_000) + ']'.repeat(100_000) + '}', 'deep.json'));
    expect(closed).toMatchObject({ code: 'TOO_DEEP', line: 1, col: 24 + 64 });
  });

  it('CLI: exit 2, one line, no stack trace', () => {
    expectCliRefuses(file('deep.yaml', 'version: 1\nname: ' + '['.repeat(100_000)), 'TOO_DEEP', 'deep.yaml:2:71');
    expectCliRefuses(file('deep.json', '['.repeat(100_000)), 'TOO_DEEP');
  });
});

describe('__proto__ and constructor keys', () => {
  const text = `version: 1
__proto__: { polluted: yes }
vpcs:
  - id: vpc-a
    cidr: 10.0.0.0/16
    constructor: { prototype: { polluted: yes } }
`;
  it('are UNKNOWN_KEY errors at the key', () => {
    const r = loadTopologyText(text, 'proto.yaml');
    expect(r.diagnostics.map((d) => [d.code, d.line, d.col])).toEqual([
      ['UNKNOWN_KEY', 2, 1],
      ['UNKNOWN_KEY', 6, 5],
    ]);
    expect(r.diagnostics[0]!.message).toBe("unknown key '__proto__' at the top level");
    expect(r.diagnostics[1]!.message).toBe("unknown key 'constructor' in VPC 'vpc-a'");
    expect(r.topology).toBeUndefined();
  });

  it('do not pollute Object.prototype, from YAML or JSON', () => {
    loadTopologyText(text, 'proto.yaml');
    loadTopologyText('{"version":1,"__proto__":{"polluted":"yes"},"vpcs":[{"id":"v","cidr":"10.0.0.0/16","__proto__":{"polluted":"yes"}}]}', 'proto.json');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('ids named like Object.prototype members are ordinary ids', () => {
    const ok = 'version: 1\nvpcs:\n  - { id: constructor, cidr: 10.0.0.0/16 }\nsubnets:\n  - { id: __proto__, vpc: constructor, cidr: 10.0.1.0/24 }\n';
    const r = loadTopologyText(ok, 'ids.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.topology!.subnets[0]!.vpc.id).toBe('constructor');
    const bad = only(loadTopologyText(ok.replace('vpc: constructor', 'vpc: toString'), 'ids.yaml'));
    expect(bad.code).toBe('UNKNOWN_REFERENCE');
    expect(bad.message).toContain("unknown VPC 'toString'");
  });

  it('CLI: exit 2, one error line per key', () => {
    const r = cli('validate', file('proto.yaml', text));
    expect(r.status).toBe(2);
    expect(r.stdout).toContain("proto.yaml:2:1 error UNKNOWN_KEY: unknown key '__proto__' at the top level");
    expect(r.stdout + r.stderr).not.toContain('    at ');
  });
});

describe('duplicate keys', () => {
  it('are reported at the second key, naming it', () => {
    const d = only(loadTopologyText('version: 1\nname: a\nvpcs: []\nname: b\n', 'dup.yaml'));
    expect(d).toMatchObject({ code: 'DUPLICATE_KEY', line: 4, col: 1, message: "duplicate key 'name': a key may appear only once in a mapping" });
  });

  it('inside a flow mapping too', () => {
    const d = only(loadTopologyText('version: 1\nvpcs:\n  - { id: a, cidr: 10.0.0.0/16, id: b }\n', 'dup.yaml'));
    expect(d).toMatchObject({ code: 'DUPLICATE_KEY', line: 3, col: 33 });
    expect(d.message).toContain("duplicate key 'id'");
  });

  // Regression (fuzzing): the YAML parser's own check compared each key with every earlier one of its mapping,
  // so a mapping of 100,000 keys did not finish; one pass with a set per mapping finds the repeat.
  it('in a YAML mapping of 100,000 keys, the one repeat is found', () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => `  k${i}: 1`);
    keys.push('  k77777: 2');
    const d = only(loadTopologyText(`version: 1\nx:\n${keys.join('\n')}\n`, 'dup.yaml'));
    expect(d).toMatchObject({ code: 'DUPLICATE_KEY', line: 100_003, col: 3, message: "duplicate key 'k77777': a key may appear only once in a mapping" });
  });

  it('CLI: exit 2', () => {
    expectCliRefuses(file('dup.yaml', 'version: 1\nname: a\nname: b\n'), 'DUPLICATE_KEY', 'dup.yaml:3:1', "'name'");
  });

  it('in JSON too, where JSON.parse would keep the last silently', () => {
    const text = '{"version": 1,\n "vpcs": [{"id": "vpc-a", "cidr": "10.0.0.0/16"}],\n "vpcs": []}\n';
    const d = only(loadTopologyText(text, 'dup.json'));
    expect(d).toMatchObject({ code: 'DUPLICATE_KEY', line: 3, col: 2 });
    expect(d.message).toContain("duplicate key 'vpcs'");
  });

  it('JSON: nested, escaped, and every repeat reported; equal keys in different objects are fine', () => {
    const text =
      '{"version":1,"vpcs":[{"id":"vpc-a","cidr":"10.0.0.0/16","i\\u0064":"vpc-b"},{"id":"vpc-c","cidr":"10.1.0.0/16"}],"name":"x","na\\u006de":"y"}';
    const r = loadTopologyText(text, 'dup.json');
    expect(r.diagnostics.map((d) => `${d.code} ${d.message.split(':')[0]}`)).toEqual([
      "DUPLICATE_KEY duplicate key 'id'",
      "DUPLICATE_KEY duplicate key 'name'",
    ]);
    expect(r.diagnostics[0]!.col).toBe(text.indexOf('"i\\u0064"') + 1);
    expect(
      loadTopologyText('{"version":1,"vpcs":[{"id":"vpc-a","cidr":"10.0.0.0/16"},{"id":"vpc-b","cidr":"10.1.0.0/16"}],"name":"a: b, \\"c\\": d"}', 'ok.json')
        .diagnostics,
    ).toEqual([]);
  });

  it('JSON CLI: exit 2 with file:line:col', () => {
    expectCliRefuses(file('dup.json', '{"version":1,"vpcs":[],\n"vpcs":[]}\n'), 'DUPLICATE_KEY', 'dup.json:2:1', "'vpcs'");
  });
});

describe('wrong scalar types', () => {
  it('a non-string id', () => {
    const d = only(loadTopologyText('version: 1\nvpcs:\n  - { id: 7, cidr: 10.0.0.0/16 }\n', 'ids.yaml'));
    expect(d).toMatchObject({ code: 'WRONG_TYPE', line: 3, col: 11, message: "'id' of VPC #1 must be a string, got number 7" });
  });

  it('a list as an id', () => {
    const d = only(loadTopologyText('version: 1\nvpcs:\n  - { id: [a, b], cidr: 10.0.0.0/16 }\n', 'ids.yaml'));
    expect(d).toMatchObject({ code: 'WRONG_TYPE', message: "'id' of VPC #1 must be a string, got a list" });
  });

  it('cidr: 10', () => {
    const d = only(loadTopologyText('version: 1\nvpcs:\n  - { id: vpc-a, cidr: 10 }\n', 'num.yaml'));
    expect(d).toMatchObject({ code: 'WRONG_TYPE', line: 3, col: 24, message: "'cidr' of VPC 'vpc-a' must be a string, got number 10" });
  });

  it('CLI: exit 2', () => {
    expectCliRefuses(file('num.yaml', 'version: 1\nvpcs:\n  - { id: vpc-a, cidr: 10 }\n'), 'WRONG_TYPE', 'num.yaml:3:24');
  });
});

describe('files that are not topologies', () => {
  it('prose is not a topology', () => {
    const d = only(loadTopologyText('This is a shopping list.\nEggs, milk.\n', 'notes.yaml'));
    expect(d).toMatchObject({ code: 'NOT_A_TOPOLOGY', message: "notes.yaml holds a string, expected a mapping starting with 'version: 1'" });
  });

  it('a YAML list is not a topology', () => {
    expect(only(loadTopologyText('- a\n- b\n', 'list.yaml'))).toMatchObject({ code: 'NOT_A_TOPOLOGY', message: expect.stringContaining('holds a list') });
  });

  it('an INI file is a YAML syntax error at its position', () => {
    const r = loadTopologyText('[server]\nhost = example.com\nport = 80\n', 'conf.yaml');
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics.every((d) => ['YAML_SYNTAX', 'NOT_A_TOPOLOGY'].includes(d.code) && d.line >= 1)).toBe(true);
    expect(r.topology).toBeUndefined();
  });

  it('broken YAML reports each problem once', () => {
    const r = loadTopologyText('version: 1\nvpcs: [ { id: a }\nname: x\n  bad: indentation\n', 'broken.yaml');
    const keys = r.diagnostics.map((d) => `${d.line}:${d.col}:${d.message}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(r.diagnostics[0]).toMatchObject({ code: 'YAML_SYNTAX', line: 3 });
  });

  it('a tab-indented file says so', () => {
    const d = loadTopologyText('version: 1\nvpcs:\n\t- id: a\n', 'tabs.yaml').diagnostics[0]!;
    expect(d).toMatchObject({ code: 'YAML_SYNTAX', line: 3, col: 1 });
    expect(d.message).toMatch(/tab/i);
  });

  it('two YAML documents in one file are refused', () => {
    expect(loadTopologyText('version: 1\n---\nversion: 1\n', 'two.yaml').diagnostics[0]).toMatchObject({ code: 'YAML_SYNTAX', line: 2 });
  });

  it("several YAML documents: says how many, at the second ---, without the parser's advice", () => {
    const d = only(loadTopologyText('version: 1\nvpcs: []\n---\nversion: 1\n---\nname: x\n', 'three.yaml'));
    expect(d).toMatchObject({ code: 'YAML_SYNTAX', line: 3, col: 1, message: 'a topology file holds one YAML document; this one has 3 (separated by ---)' });
  });

  it('an alias with no anchor is YAML_UNDEFINED_ALIAS at the alias, not an alias limit', () => {
    const d = only(loadTopologyText('version: 1\nvpcs: *undefined\n', 'alias.yaml'));
    expect(d).toMatchObject({ code: 'YAML_UNDEFINED_ALIAS', line: 2, col: 7 });
    expect(d.message).toContain('*undefined');
    expect(d.message).not.toMatch(/too many|Unresolved/);
    const later = only(loadTopologyText('version: 1\nvpcs: [{ id: vpc-a, cidr: 10.0.0.0/16 }]\nname: *n\nx: &n y\n', 'late.yaml'));
    expect(later).toMatchObject({ code: 'YAML_UNDEFINED_ALIAS', line: 3, col: 7 });
  });

  it('CLI: an undefined alias exits 2 with its position', () => {
    expectCliRefuses(file('alias.yaml', 'version: 1\nvpcs: *undefined\n'), 'YAML_UNDEFINED_ALIAS', 'alias.yaml:2:7');
  });

  it("an IPv6 CIDR the address library rejects is explained without the library's text", () => {
    for (const [cidr, words] of [
      [':::/64', "':::' is not allowed"],
      ['1::2::3/64', "'::' may appear only once"],
      ['12345::/64', "group '12345' has more than four hex digits"],
      ['1:2:3/64', '3 groups'],
    ] as const) {
      const r = loadTopologyText(`version: 1\nvpcs:\n  - { id: vpc-a, cidr: 10.0.0.0/16, ipv6Cidr: "${cidr}" }\n`, 'v6.yaml');
      const d = r.diagnostics.find((x) => x.severity === 'error' && x.message.includes(cidr));
      expect(d?.message, cidr).toContain(words);
      expect(d?.message).not.toMatch(/regex|Address |Invalid/);
    }
  });

  it('CLI: a prose file exits 2', () => {
    expectCliRefuses(file('notes.yaml', 'This is a shopping list.\n'), 'NOT_A_TOPOLOGY');
  });
});

describe('binary files', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.alloc(2000, 0xa5)]);
  it('a file with NUL bytes is refused as binary', () => {
    expect(only(loadTopology(file('image.yaml', png)))).toMatchObject({ code: 'NOT_TEXT', message: expect.stringContaining('is a binary file') });
  });

  // Regression (fuzzing): NOT_TEXT carried no line:column.
  it('the first NUL byte is located', () => {
    const d = only(loadTopology(file('nul.yaml', Buffer.concat([Buffer.from('version: 1\nname: ab'), Buffer.from([0]), Buffer.from('c\n')]))));
    expect(d).toMatchObject({ code: 'NOT_TEXT', line: 2, col: 9 });
    expect(d.message).toContain('a NUL byte at line 2');
  });

  it('a file of invalid UTF-8 without NUL bytes is refused as not UTF-8, with the line', () => {
    const latin1 = Buffer.concat([Buffer.from('version: 1\nname: '), Buffer.from([0x63, 0x61, 0x66, 0xe9]), Buffer.from('\n')]);
    const d = only(loadTopology(file('latin1.yaml', latin1)));
    expect(d.code).toBe('NOT_TEXT');
    expect(d.message).toContain('is not UTF-8 text (invalid bytes at line 2)');
  });

  it('a UTF-8 byte order mark is fine', () => {
    const r = loadTopology(file('bom.yaml', '\ufeffversion: 1\nvpcs:\n  - { id: vpc-a, cidr: 10.0.0.0/16 }\n'));
    expect(r.diagnostics).toEqual([]);
  });

  it('CLI: exit 2', () => {
    expectCliRefuses(file('image2.yaml', png), 'NOT_TEXT', 'binary');
  });
});

describe('empty, missing and directory paths', () => {
  it('an empty file', () => {
    expect(only(loadTopology(file('empty.yaml', '')))).toMatchObject({
      code: 'EMPTY_FILE',
      message: expect.stringContaining("is empty; expected a topology starting with 'version: 1'"),
    });
  });

  it('a file of whitespace and comments only is empty too', () => {
    expect(only(loadTopology(file('blank.yaml', '\n   \n')))).toMatchObject({ code: 'EMPTY_FILE' });
    expect(only(loadTopology(file('comments.yaml', '# nothing here\n')))).toMatchObject({
      code: 'NOT_A_TOPOLOGY',
      message: expect.stringContaining('holds nothing'),
    });
  });

  it('a missing file', () => {
    const p = join(dir, 'nope.yaml');
    expect(only(loadTopology(p))).toMatchObject({ code: 'FILE_UNREADABLE', message: `file not found: ${p}` });
  });

  it('a directory', () => {
    expect(only(loadTopology(dir))).toMatchObject({ code: 'FILE_IS_DIRECTORY', message: expect.stringContaining('is a directory') });
  });

  it('a device or a named pipe is refused before it is read (size 0, yet endless)', () => {
    for (const dev of ['/dev/zero', '/dev/urandom']) {
      if (!existsSync(dev)) continue;
      expect(only(loadTopology(dev))).toMatchObject({
        code: 'NOT_A_FILE',
        message: `${dev} is a character device, not a regular file; expected a topology file (.yaml, .yml or .json)`,
      });
    }
  });

  it('CLI: /dev/zero, /dev/urandom and a FIFO named x.yaml exit 2 at once', () => {
    for (const dev of ['/dev/zero', '/dev/urandom']) if (existsSync(dev)) expect(expectCliRefuses(dev, 'NOT_A_FILE')).toContain('character device');
    const fifo = join(dir, 'x.yaml');
    if (spawnSync('mkfifo', [fifo]).status === 0) expect(expectCliRefuses(fifo, 'NOT_A_FILE')).toContain('named pipe');
  });

  it('CLI: a directory named dir.yaml with no describe-* output is FILE_IS_DIRECTORY, not an empty AWS dump', () => {
    const d = join(dir, 'dir.yaml');
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'notes.txt'), 'hello\n');
    expect(expectCliRefuses(d, 'FILE_IS_DIRECTORY')).toContain(`${d} is a directory with no aws describe-* output; expected a topology file`);
  });

  it('CLI: a folder of JSON files is still read as an AWS dump', () => {
    const d = join(dir, 'dump');
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'Vpcs.json'), '{"Vpcs": []}\n');
    const r = cli('validate', d);
    expect(r.stdout).toBe(`OK ${d}\n`);
    expect(r.status).toBe(0);
  });

  it('CLI: empty and missing files exit 2', () => {
    expectCliRefuses(file('empty2.yaml', ''), 'EMPTY_FILE');
    expectCliRefuses(join(dir, 'missing.yaml'), 'FILE_UNREADABLE', 'file not found');
  });
});

describe('JSON syntax errors report their position', () => {
  it.each([
    ['a stray closing brace', '{"version": 1,\n "vpcs": [ }\n', 2, 12, "Unexpected token '}'"],
    ['a trailing comma', '{"version": 1,\n}\n', 2, 1, 'property name'],
    ['an unterminated string', '{"version": 1,\n "name": "shop\n}', 2, 15, 'string'],
    ['YAML in a .json file', 'version: 1\n', 1, 1, "Unexpected token 'v'"],
    ['a truncated file', '{"version": 1,\n "vpcs": [\n', 3, 1, 'end of JSON input'],
  ])('%s', (_what, text, line, col, words) => {
    const d = only(loadTopologyText(text, 'bad.json'));
    expect(d).toMatchObject({ code: 'JSON_SYNTAX', line, col });
    expect(d.message).toContain('invalid JSON: ');
    expect(d.message).toContain(words);
  });

  it('CLI: exit 2 with file:line:col', () => {
    expectCliRefuses(file('bad.json', '{"version": 1,\n "vpcs": [ }\n'), 'JSON_SYNTAX', 'bad.json:2:12', "Unexpected token '}'");
  });
});

describe('a file with thousands of errors', () => {
  const many = (n: number) =>
    'version: 1\nvpcs:\n  - { id: vpc-a, cidr: 10.0.0.0/16 }\nsubnets:\n' +
    Array.from({ length: n }, (_, i) => `  - { id: s${i}, vpc: vpc-a, cidr: 10.0.${i % 256}.7/24 }\n`).join('');

  it('the library reports every one, in file order', () => {
    const r = loadTopologyText(many(3000), 'many.yaml');
    expect(r.diagnostics).toHaveLength(3000);
    expect(r.diagnostics.every((d) => d.code === 'INVALID_CIDR')).toBe(true);
    expect(r.diagnostics.map((d) => d.line)).toEqual(Array.from({ length: 3000 }, (_, i) => i + 5));
  });

  it('the CLI prints the first 50 and a count of the rest', () => {
    const p = file('many.yaml', many(3000));
    const r = cli('validate', p);
    expect(r.status).toBe(2);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.includes(' error INVALID_CIDR: '))).toHaveLength(50);
    expect(lines[0]).toBe(
      `${p}:5:33 error INVALID_CIDR: CIDR of subnet 's0': '10.0.0.7/24' is not a network address (host bits set); did you mean 10.0.0.0/24?`,
    );
    expect(lines).toContain(`… and 2950 more in ${p} (use --json for all)`);
    expect(lines[lines.length - 1]).toBe(`FAILED ${p}: 3000 errors`);
    expect(lines).toHaveLength(52);
  });

  it('--max-errors changes how many are printed; --json prints them all', () => {
    const p = file('many2.yaml', many(120));
    const r = cli('validate', '--max-errors', '5', p);
    expect(r.stdout.split('\n').filter((l) => l.includes(' error '))).toHaveLength(5);
    expect(r.stdout).toContain(`… and 115 more in ${p}`);
    const j = cli('validate', '--json', p);
    expect(j.status).toBe(2);
    const parsed = JSON.parse(j.stdout) as { file: string; ok: boolean; errors: number; diagnostics: unknown[] }[];
    expect(parsed[0]).toMatchObject({ file: p, ok: false, errors: 120 });
    expect(parsed[0]!.diagnostics).toHaveLength(120);
  });

  // Regression (fuzzing): whole-file errors were at line 0, column 0 in --json, where check used 1:1.
  it('whole-file errors are at 1:1 in validate --json, as in check', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpcsim-whole-'));
    const j = cli('validate', '--json', join(dir, 'missing.yaml'), dir, file('big.yaml', `version: 1\nname: [${'1,'.repeat(300_000)}1]\n`));
    const parsed = JSON.parse(j.stdout) as { diagnostics: { code: string; line: number; col: number }[] }[];
    expect(parsed.map((p) => p.diagnostics[0])).toMatchObject([
      { code: 'FILE_UNREADABLE', line: 1, col: 1 },
      { code: 'FILE_IS_DIRECTORY', line: 1, col: 1 },
      { code: 'FILE_TOO_LARGE', line: 1, col: 1 },
    ]);
  });
});
