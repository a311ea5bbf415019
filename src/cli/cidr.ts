// `vpcsim cidr`: CIDR and AWS reserved-address calculator. Only commander types at the top level;
// the calculator, renderer and exit codes load inside the actions.
import type { Command } from 'commander';
import type { SetExit } from './commands.js';

type Lib = typeof import('../cidr/index.js') & typeof import('../cidr/parse.js') & typeof import('../cidr/plan.js');
type Render = typeof import('../cidr/render.js');
type Exit = typeof import('./exit.js');

interface Ctx {
  lib: Lib;
  render: Render;
  exit: Exit;
  json: boolean;
  print: (human: () => string, data: unknown) => void;
  /** text options for the renderers: the width to fit */
  text: { width: number };
}

/** Loads the implementation, runs the command, and turns bad input into a one-line usage error (exit 2). */
async function run(cmd: Command, body: (ctx: Ctx) => void): Promise<void> {
  const [api, parse, plan, render, exit] = await Promise.all([
    import('../cidr/index.js'),
    import('../cidr/parse.js'),
    import('../cidr/plan.js'),
    import('../cidr/render.js'),
    import('./exit.js'),
  ]);
  const { outputWidth } = await import('./terminal.js');
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
    if (e instanceof lib.CidrInputError) throw new exit.UsageError(e.message, 'INVALID_CIDR');
    throw e;
  }
}

const EXIT_HELP = `
Exit status: 0 success, 1 when the answer to a yes/no question is no (contains, overlap), 2 bad input.
Counts in --json output are decimal strings, exact for IPv6.`;

export function registerCidr(program: Command, setExit: SetExit): void {
  const cidr = program
    .command('cidr')
    .summary('CIDR calculator with the addresses AWS reserves; split, plan, free, summarize')
    .description(
      'Show a CIDR block the way AWS sees it: network, netmask, wildcard, first and last address, total, the five ' +
        'addresses AWS reserves in a subnet, usable addresses, whether AWS accepts it as a VPC or subnet CIDR, and ' +
        'whether it is RFC 1918 private, RFC 6598 shared or public space. IPv4 and IPv6. A host address with a prefix ' +
        '(10.0.1.7/24) is accepted and explained.',
    )
    .argument('[cidr]', 'a CIDR block, or an address with its prefix length (10.0.1.7/24)')
    .option('--table', 'print the addresses per prefix length, /32 to /0')
    .option('--ipv6', 'with --table: the IPv6 table, /128 to /0')
    .option('--json', 'print JSON instead of tables')
    .addHelpText('after', `\nExamples:\n  vpcsim cidr 10.0.1.7/24\n  vpcsim cidr 2600:1f13:cfe:3600::/56 --json\n  vpcsim cidr --table\n${EXIT_HELP}`)
    .action(async (arg: string | undefined, opts: { table?: boolean; ipv6?: boolean }, cmd: Command) =>
      run(cmd, ({ lib, render, exit, print, text }) => {
        if (opts.table) {
          if (arg !== undefined) throw new exit.UsageError('give either a CIDR or --table, not both');
          const t = lib.prefixTable(opts.ipv6 ? 6 : 4);
          print(() => render.renderTable(t, text), t);
          return;
        }
        if (opts.ipv6) throw new exit.UsageError('--ipv6 goes with --table');
        if (arg === undefined) throw new exit.UsageError('give a CIDR (for example vpcsim cidr 10.0.0.0/16) or --table; see vpcsim cidr --help');
        const info = lib.cidrInfo(arg);
        print(() => render.renderInfo(info, text), info);
      }),
    );

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
        const by = opts.prefix !== undefined ? { prefix: lib.parsePrefixLength(opts.prefix, 6, '--prefix') } : { count: lib.parseCount(opts.count!, '--count', lib.SPLIT_LIMIT) };
        const r = lib.splitCidr(block, by);
        print(() => render.renderSplit(r, text), r);
      }),
    );

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

  cidr
    .command('contains')
    .summary('is each address or block inside a block? (exit 1 if not)')
    .description('Is each address or block inside the first block? Exit 0 when all are, 1 when any is not.')
    .argument('<cidr>', 'the outer block')
    .argument('<items...>', 'addresses (10.0.1.5) or blocks (10.0.1.0/24)')
    .option('--json', 'print JSON instead of a table')
    .addHelpText('after', `\nExamples:\n  vpcsim cidr contains 10.0.0.0/16 10.0.1.5 10.0.2.0/24 10.1.0.0/24\n  vpcsim cidr contains 10.0.0.0/16 10.1.0.0/24 --json\n${EXIT_HELP}`)
    .action(async (outer: string, items: string[], _opts: unknown, cmd: Command) =>
      run(cmd, ({ lib, render, exit, print, text }) => {
        const r = lib.cidrContains(outer, items);
        print(() => render.renderContains(r, text), r);
        if (!r.allContained) setExit(exit.EXIT.FAIL);
      }),
    );

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
    .addHelpText('after', `\nExamples:\n  vpcsim cidr overlap 10.0.0.0/16 10.0.128.0/20 10.1.0.0/16\n  vpcsim cidr overlap 10.0.0.0/16 172.16.0.0/12 --json\n${EXIT_HELP}`)
    .action(async (blocks: string[], _opts: unknown, cmd: Command) =>
      run(cmd, ({ lib, render, exit, print, text }) => {
        const r = lib.cidrOverlap(blocks);
        print(() => render.renderOverlap(r, text), r);
        if (!r.overlapping) setExit(exit.EXIT.FAIL);
      }),
    );

  cidr
    .command('free')
    .summary('free blocks left after the used ones, as the fewest CIDRs')
    .description('The addresses of a block not covered by the used blocks, as the fewest CIDRs.')
    .argument('<cidr>', 'the whole block')
    .requiredOption('--used <cidrs>', 'used blocks, comma-separated; repeat the option for more', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--json', 'print JSON instead of a table')
    .addHelpText('after', `\nExamples:\n  vpcsim cidr free 10.0.0.0/16 --used 10.0.0.0/24,10.0.1.0/24,10.0.16.0/20\n  vpcsim cidr free 10.0.0.0/16 --used 10.0.0.0/17 --json\n${EXIT_HELP}`)
    .action(async (whole: string, opts: { used: string[] }, cmd: Command) =>
      run(cmd, ({ lib, render, print, text }) => {
        const used = opts.used.flatMap((u) => lib.splitList(u, '--used'));
        const r = lib.cidrFree(whole, used);
        print(() => render.renderFree(r, text), r);
      }),
    );

  cidr
    .command('summarize')
    .summary('the smallest list of CIDRs covering exactly the same addresses')
    .description('The smallest list of CIDRs that covers exactly the same addresses (merges adjacent and overlapping blocks).')
    .argument('<cidrs...>', 'one or more blocks, IPv4 and IPv6 may be mixed')
    .option('--json', 'print JSON instead of a table')
    .addHelpText('after', `\nExamples:\n  vpcsim cidr summarize 10.0.0.0/24 10.0.1.0/24 10.0.2.0/23 10.0.3.0/24\n  vpcsim cidr summarize 10.0.0.0/24 10.0.1.0/24 --json\n${EXIT_HELP}`)
    .action(async (blocks: string[], _opts: unknown, cmd: Command) =>
      run(cmd, ({ lib, render, print, text }) => {
        const r = lib.cidrSummarize(blocks);
        print(() => render.renderSummarize(r, text), r);
      }),
    );
}
