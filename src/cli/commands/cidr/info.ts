// `vpcsim cidr <block>` and `vpcsim cidr --table`: one block the way AWS sees it, or the sizes table.
import type { Command } from 'commander';
import { EXIT_HELP, run } from './run.js';

export function registerCidrInfo(program: Command): Command {
  return program
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
}
