// `vpcsim cidr contains`.
import type { Command } from 'commander';
import type { SetExit } from '../../command-types.js';
import { EXIT_HELP, run } from './run.js';

export function registerCidrContains(cidr: Command, setExit: SetExit): void {
  cidr
    .command('contains')
    .summary('is each address or block inside a block? (exit 1 if not)')
    .description('Is each address or block inside the first block? Exit 0 when all are, 1 when any is not.')
    .argument('<cidr>', 'the outer block')
    .argument('<items...>', 'addresses (10.0.1.5) or blocks (10.0.1.0/24)')
    .option('--json', 'print JSON instead of a table')
    .addHelpText(
      'after',
      `\nExamples:\n  vpcsim cidr contains 10.0.0.0/16 10.0.1.5 10.0.2.0/24 10.1.0.0/24\n  vpcsim cidr contains 10.0.0.0/16 10.1.0.0/24 --json\n${EXIT_HELP}`,
    )
    .action(async (outer: string, items: string[], _opts: unknown, cmd: Command) =>
      run(cmd, ({ lib, render, exit, print, text }) => {
        const r = lib.cidrContains(outer, items);
        print(() => render.renderContains(r, text), r);
        if (!r.allContained) setExit(exit.EXIT.FAIL);
      }),
    );
}
