// Names and descriptions come from the file (or from AWS Name tags through an import): an ESC or OSC sequence
// in one is shown escaped by `show`, never sent raw to the terminal.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { printable, printableLine } from '../../src/render/printable.js';

const BIN = join(import.meta.dirname, '../..', 'bin', 'vpcsim.js');
const EVIL = [
  'version: 1',
  'name: "evil\\e]0;pwned\\a\\e[2J"',
  'vpcs:',
  '  - { id: vpc-a, cidr: 10.0.0.0/16, name: "x\\e[31mred\\e]2;t\\a" }',
  'securityGroups:',
  '  - id: sg-a',
  '    vpc: vpc-a',
  '    inbound: [ { protocol: tcp, ports: 22, source: 10.0.0.0/8, description: "r\\e]0;x\\a\\rover" } ]',
  '',
].join('\n');

function show(...args: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'vpcsim-esc-'));
  const file = join(dir, 'evil.yaml');
  writeFileSync(file, EVIL);
  const r = spawnSync(process.execPath, [BIN, 'show', file, ...args], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '1' } });
  expect(r.status).toBe(0);
  return r.stdout;
}

/** Control characters in the output other than the colour codes the renderer writes. */
const raw = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '').match(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g) ?? [];

describe('show escapes control characters of names and descriptions (regression: raw ESC/OSC sequences)', () => {
  it('the topology name in the summary', () => {
    const out = show();
    expect(raw(out)).toEqual([]);
    expect(out).toContain('evil\\x1b]0;pwned\\x07\\x1b[2J');
  });

  it("a resource's name, even a colour sequence in it", () => {
    const out = show('vpc-a');
    expect(raw(out)).toEqual([]);
    expect(out).toContain('x\\x1b[31mred\\x1b]2;t\\x07');
  });

  it("a rule's description, carriage return included", () => {
    const out = show('sg-a');
    expect(raw(out)).toEqual([]);
    expect(out).toContain('r\\x1b]0;x\\x07\\x0dover');
  });

  it('printable escapes every C0 and C1 control; printableLine keeps only SGR colour codes', () => {
    expect(printable('a\u0007b\u009bc\u007f\n')).toBe('a\\x07b\\x9bc\\x7f\\x0a');
    expect(printableLine('\u001b[1mok\u001b[0m \u001b]0;t\u0007')).toBe('\u001b[1mok\u001b[0m \\x1b]0;t\\x07');
  });
});
