// generate: a synthetic estate for benchmarks, tests and trying the tool at scale.
import type { Command } from 'commander';
import type { SetExit } from './command-types.js';
import type { GenerateFlags } from './commands/generate.js';

export function registerGenerate(program: Command, setExit: SetExit): void {
  program
    .command('generate')
    .description('write a realistic, valid synthetic topology (deterministic for a seed)')
    .option('--size <size>', 'start from a preset: small | medium | large (flags below override it)')
    .option('--vpcs <n>', 'number of VPCs (default 3)')
    .option('--subnets-per-vpc <n>', 'subnets in each VPC, spread over 1-3 AZs and public/app/data tiers (default 6)')
    .option('--instances-per-subnet <n>', 'instances in each subnet (default 2)')
    .option('--sg-rules <n>', 'total security-group rules (default: the core rules of every group)')
    .option('--nacl-rules <n>', 'total network-ACL rules, 0 for no custom NACLs (default: the core rules of every NACL)')
    .option('--hub <kind>', 'how VPCs connect: tgw | peering-mesh | none (default tgw)')
    .option('--seed <n>', 'seed of the generator (default 1)')
    .option('--alb', 'put an internet-facing application load balancer in front of each VPC web tier (needs 4+ subnets per VPC)')
    .option('--format <format>', 'yaml | json (default: from the -o extension, else yaml)')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action(async (opts: GenerateFlags) => {
      const { runGenerate } = await import('./commands/generate.js');
      setExit(runGenerate(opts));
    });
}
