// `vpcsim cidr free`.
import type { Command } from 'commander';
import { EXIT_HELP, run } from './run.js';

export function registerCidrFree(cidr: Command): void {
  cidr
    .command('free')
    .summary('free blocks left after the used ones, as the fewest CIDRs')
    .description('The addresses of a block not covered by the used blocks, as the fewest CIDRs.')
    .argument('<cidr>', 'the whole block')
    .requiredOption('--used <cidrs>', 'used blocks, comma-separated; repeat the option for more', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--json', 'print JSON instead of a table')
    .addHelpText(
      'after',
      `\nExamples:\n  vpcsim cidr free 10.0.0.0/16 --used 10.0.0.0/24,10.0.1.0/24,10.0.16.0/20\n  vpcsim cidr free 10.0.0.0/16 --used 10.0.0.0/17 --json\n${EXIT_HELP}`,
    )
    .action(async (whole: string, opts: { used: string[] }, cmd: Command) =>
      run(cmd, ({ lib, render, print, text }) => {
        const used = opts.used.flatMap((u) => lib.splitList(u, '--used'));
        const r = lib.cidrFree(whole, used);
        print(() => render.renderFree(r, text), r);
      }),
    );
}
