// A dump file the process may not read (EACCES, simulated: tests may run as root, who reads anything) is one
// error naming the file, from the command and from the loader (a dump folder as a topology), never a crash.
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const denied = (p: unknown) => typeof p === 'string' && p.includes('vpcsim-unreadable-') && p.endsWith('Vpcs.json');
  return {
    ...fs,
    readFileSync: ((p: unknown, ...rest: unknown[]) => {
      if (denied(p)) throw Object.assign(new Error(`EACCES: permission denied, open '${String(p)}'`), { code: 'EACCES' });
      return (fs.readFileSync as (...a: unknown[]) => unknown)(p, ...rest);
    }) as typeof fs.readFileSync,
  };
});

const { runImportAws } = await import('../../src/cli/commands/import-aws.js');
const { importAwsForLoader } = await import('../../src/import/aws.js');

const EAST = join(import.meta.dirname, '../fixtures/aws/hybrid-cloud/us-east-2');

describe('import aws: an unreadable dump file', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'vpcsim-unreadable-')), 'us-east-2');
  mkdirSync(dir);
  cpSync(EAST, dir, { recursive: true });

  it('is a one-line error naming the file, exit 2', () => {
    let err = '';
    const code = runImportAws(
      dir,
      {},
      () => {},
      (s) => (err += s),
    );
    expect(code).toBe(2);
    expect(err).toBe(`vpcsim: cannot read ${join(dir, 'Vpcs.json')}: permission denied\n`);
  });

  it('is AWS_FILE_UNREADABLE for the loader, on the file', () => {
    const r = importAwsForLoader(dir);
    expect(r.data).toBeUndefined();
    expect(r.diagnostics).toEqual([
      {
        code: 'AWS_FILE_UNREADABLE',
        severity: 'error',
        message: `cannot read ${join(dir, 'Vpcs.json')}: permission denied`,
        file: join(dir, 'Vpcs.json'),
        line: 1,
        col: 1,
      },
    ]);
  });
});
