// What every `vpcsim cidr` subcommand shares: the calculator and renderer loaded on use, --json, and bad input
// turned into a one-line usage error (exit 2).
import type { Command } from 'commander';
import { CIDR_FLAGS } from '../../input-flags.js';

type Lib = typeof import('../../../cidr/index.js') & typeof import('../../../cidr/parse.js') & typeof import('../../../cidr/plan.js');
type Render = typeof import('../../../render/cidr-text.js');
type Exit = typeof import('../../exit.js');

export interface Ctx {
  lib: Lib;
  render: Render;
  exit: Exit;
  json: boolean;
  print: (human: () => string, data: unknown) => void;
  /** text options for the renderers: the width to fit */
  text: { width: number };
}

/** Loads the implementation, runs the command, and turns bad input into a one-line usage error (exit 2). */
export async function run(cmd: Command, body: (ctx: Ctx) => void): Promise<void> {
  const [api, parse, plan, render, exit] = await Promise.all([
    import('../../../cidr/index.js'),
    import('../../../cidr/parse.js'),
    import('../../../cidr/plan.js'),
    import('../../../render/cidr-text.js'),
    import('../../exit.js'),
  ]);
  const { outputWidth } = await import('../../terminal.js');
  const lib: Lib = { ...api, ...parse, ...plan };
  const json = Boolean(cmd.optsWithGlobals().json);
  // A reader that stops early (`| head`) closes the pipe; that is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
  const print = (human: () => string, data: unknown) => {
    process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : human());
  };
  try {
    body({ lib, render, exit, json, print, text: { width: outputWidth() } });
  } catch (e) {
    if (e instanceof lib.CidrInputError) throw new exit.UsageError(e.describe(CIDR_FLAGS), 'INVALID_CIDR');
    throw e;
  }
}

export const EXIT_HELP = `
Exit status: 0 success, 1 when the answer to a yes/no question is no (contains, overlap), 2 bad input.
Counts in --json output are decimal strings, exact for IPv6.`;
