// Runs `vpcsim import aws …` in-process, capturing stdout, stderr and the exit code it sets.
import { Command } from 'commander';
import { vi } from 'vitest';
import { registerImport } from '../../src/cli/import.js';

export async function importCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const program = new Command().exitOverride();
  let code = 0;
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  registerImport(program, (c) => (code = Math.max(code, c)));
  await program.parseAsync(['node', 'vpcsim', 'import', 'aws', ...args]);
  return { code, out, err };
}
