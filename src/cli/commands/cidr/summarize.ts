// `vpcsim cidr summarize`.
import type { Command } from 'commander';
import { EXIT_HELP, run } from './run.js';

export function registerCidrSummarize(cidr: Command): void {
  cidr
    .command('summarize')
    .summary('the smallest list of CIDRs covering exactly the same addresses')
    .description('The smallest list of CIDRs that covers exactly the same addresses (merges adjacent and overlapping blocks).')
    .argument('<cidrs...>', 'one or more blocks, IPv4 and IPv6 may be mixed')
    .option('--json', 'print JSON instead of a table')
    .addHelpText(
      'after',
      `\nExamples:\n  vpcsim cidr summarize 10.0.0.0/24 10.0.1.0/24 10.0.2.0/23 10.0.3.0/24\n  vpcsim cidr summarize 10.0.0.0/24 10.0.1.0/24 --json\n${EXIT_HELP}`,
    )
    .action(async (blocks: string[], _opts: unknown, cmd: Command) =>
      run(cmd, ({ lib, render, print, text }) => {
        const r = lib.cidrSummarize(blocks);
        print(() => render.renderSummarize(r, text), r);
      }),
    );
}
