// validate, schema: the foundation commands.
import type { Command } from 'commander';
import type { SetExit } from './command-types.js';
import { EXIT, UsageError } from './exit.js';
import { withInputOptions } from './input-flags.js';

export const MAX_SHOWN_DIAGNOSTICS = 50;

/** A whole number of 1 or more, written in digits; anything else is a usage error that shows the text as typed. */
export function positiveInt(text: string, flag: string): number {
  const s = String(text).trim();
  const n = Number(s);
  if (!/^\d+$/.test(s) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive whole number, got '${text}'`);
  return n;
}

export function registerCore(program: Command, setExit: SetExit): void {
  withInputOptions(
    program
      .command('validate')
      .description('check topology files: syntax, schema, references, AWS limits')
      .argument('<files...>', 'topology files (.yaml, .yml, .json), folders of aws ec2 describe-* output, or - for stdin'),
  )
    .option('--json', 'print a JSON array of results')
    .option('--max-errors <n>', 'errors to print per file before summarising', String(MAX_SHOWN_DIAGNOSTICS))
    .action(async (files: string[], opts: { json?: boolean; maxErrors: string }) => {
      const maxErrors = positiveInt(opts.maxErrors, '--max-errors');
      const [{ runValidate }, { inputOptions }] = await Promise.all([import('./validate-cmd.js'), import('./load-input.js')]);
      setExit(await runValidate(files, { json: !!opts.json, maxErrors, input: inputOptions(opts) }));
    });

  program
    .command('schema')
    .description('print the JSON Schema (draft-07) of the topology format')
    .action(async () => {
      const { topologySchema } = await import('../load/schema.js');
      process.stdout.write(`${JSON.stringify(topologySchema, null, 2)}\n`);
      setExit(EXIT.OK);
    });
}
