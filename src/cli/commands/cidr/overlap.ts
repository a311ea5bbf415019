// `vpcsim cidr overlap`.
import type { Command } from 'commander';
import type { SetExit } from '../../command-types.js';
import { EXIT_HELP, run } from './run.js';

export function registerCidrOverlap(cidr: Command, setExit: SetExit): void {
  cidr
    .command('overlap')
    .summary('list overlapping pairs (exit 0 if any overlap, 1 if none)')
    .description(
      'List every pair of blocks that share addresses. The question is "do any of these overlap?": ' +
        'exit 0 when at least one pair overlaps, 1 when none do. To require disjoint blocks in a script, ' +
        'negate it: `! vpcsim cidr overlap 10.0.0.0/16 10.1.0.0/16`.',
    )
    .argument('<cidrs...>', 'two or more blocks')
    .option('--json', 'print JSON instead of a table')
    .addHelpText(
      'after',
      `\nExamples:\n  vpcsim cidr overlap 10.0.0.0/16 10.0.128.0/20 10.1.0.0/16\n  vpcsim cidr overlap 10.0.0.0/16 172.16.0.0/12 --json\n${EXIT_HELP}`,
    )
    .action(async (blocks: string[], _opts: unknown, cmd: Command) =>
      run(cmd, ({ lib, render, exit, print, text }) => {
        const r = lib.cidrOverlap(blocks);
        print(() => render.renderOverlap(r, text), r);
        if (!r.overlapping) setExit(exit.EXIT.FAIL);
      }),
    );
}
