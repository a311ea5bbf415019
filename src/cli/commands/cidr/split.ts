// `vpcsim cidr split`.
import type { Command } from 'commander';
import { EXIT_HELP, run } from './run.js';

export function registerCidrSplit(cidr: Command): void {
  cidr
    .command('split')
    .summary('split a block into equal subnets')
    .description('Split a block into equal, aligned subnets, each with its AWS usable count.')
    .argument('<cidr>', 'the block to split')
    .option('--prefix <n>', 'subnet prefix length (24 or /24)')
    .option('--count <n>', 'number of subnets; they get the largest equal size that fits, and the rest is listed as free')
    .option('--json', 'print JSON instead of a table')
    .addHelpText('after', `\nExamples:\n  vpcsim cidr split 10.0.0.0/16 --prefix 18\n  vpcsim cidr split 10.0.0.0/24 --count 3\n${EXIT_HELP}`)
    .action(async (block: string, opts: { prefix?: string; count?: string }, cmd: Command) =>
      run(cmd, ({ lib, exit, render, print, text }) => {
        if ((opts.prefix === undefined) === (opts.count === undefined)) throw new exit.UsageError('split needs exactly one of --prefix <n> or --count <n>');
        const by =
          opts.prefix !== undefined
            ? { prefix: lib.parsePrefixLength(opts.prefix, 6, '--prefix') }
            : { count: lib.parseCount(opts.count!, '--count', lib.SPLIT_LIMIT) };
        const r = lib.splitCidr(block, by);
        print(() => render.renderSplit(r, text), r);
      }),
    );
}
