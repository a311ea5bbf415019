// `vpcsim cidr plan`.
import type { Command } from 'commander';
import { EXIT_HELP, run } from './run.js';

export function registerCidrPlan(cidr: Command): void {
  cidr
    .command('plan')
    .summary('plan subnets for tiers × AZs, laid out like Terraform cidrsubnets()')
    .description(
      'Plan subnets for every tier in every AZ inside a VPC block, laid out the way Terraform cidrsubnets() does: ' +
        'in order (all AZs of the first tier, then the next tier), each subnet at the next address aligned to its ' +
        'size, never overlapping. Shows the free space left, and says how much is missing when the plan does not fit.',
    )
    .argument('<vpc-cidr>', 'the VPC block')
    .requiredOption('--azs <n>', 'number of Availability Zones (subnets per tier)')
    .option('--tiers <list>', 'tier names in layout order, e.g. public,private,data')
    .option('--prefix <n>', 'one subnet prefix length for every tier (default: the largest equal size that fits)')
    .option('--sizes <list>', 'prefix length per tier, e.g. public=/24,private=/20 (overrides --prefix for those tiers)')
    .option('--json', 'print JSON instead of tables')
    .addHelpText(
      'after',
      `\nExamples:\n  vpcsim cidr plan 10.0.0.0/16 --azs 3 --tiers public,private,data --prefix 20\n  vpcsim cidr plan 10.0.0.0/16 --azs 3 --tiers public,private,data --sizes public=/24,private=/20,data=/24\n${EXIT_HELP}`,
    )
    .action(async (vpc: string, opts: { azs: string; tiers?: string; prefix?: string; sizes?: string }, cmd: Command) =>
      run(cmd, ({ lib, render, print, text }) => {
        const r = lib.cidrPlan(vpc, {
          azs: lib.parseCount(opts.azs, '--azs', lib.MAX_AZS),
          ...(opts.tiers !== undefined ? { tiers: lib.parseTiers(opts.tiers) } : {}),
          ...(opts.prefix !== undefined ? { prefix: lib.parsePrefixLength(opts.prefix, 6, '--prefix') } : {}),
          ...(opts.sizes !== undefined ? { sizes: lib.parseSizes(opts.sizes, 6) } : {}),
        });
        print(() => render.renderPlan(r, text), r);
      }),
    );
}
